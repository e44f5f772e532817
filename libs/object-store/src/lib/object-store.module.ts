import { Global, Inject, Logger, Module, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { SERVICE_CONFIG } from '@wealist/config';
import { HealthRegistry } from '@wealist/telemetry';
import { objectStoreSettings, type ObjectStoreEnv } from './object-store.config';
import { ObjectStore } from './object-store';

export interface ObjectStoreModuleOptions {
  /**
   * Whether the bucket decides readiness. On for a service that is nothing without it
   * (storage); off where objects are one feature among many (user: a MinIO outage must not
   * take sign-in down with it - avatar calls answer 503 instead).
   */
  readiness: boolean;
}

const OPTIONS = Symbol('OBJECT_STORE_OPTIONS');

class ObjectStoreLifecycle implements OnApplicationBootstrap {
  private readonly logger = new Logger('ObjectStore');

  constructor(
    private readonly store: ObjectStore,
    private readonly health: HealthRegistry,
    @Inject(OPTIONS) private readonly options: ObjectStoreModuleOptions,
  ) {}

  /**
   * Creates the bucket at start without holding start-up on it: a store that is still down is
   * retried by every readiness check and on first use.
   */
  onApplicationBootstrap(): void {
    if (!this.store.configured) {
      this.logger.warn('S3_ACCESS_KEY/S3_SECRET_KEY are not set: object storage features answer 503');
      return;
    }
    if (this.options.readiness) this.health.register({ name: 'object-store', check: () => this.store.ensureBucket() });
    this.store.ensureBucket().catch((err: unknown) => {
      this.logger.warn(`bucket ${this.store.bucket} not ready yet: ${err instanceof Error ? err.message : String(err)}`);
    });
  }
}

/** Provides ObjectStore (the service's bucket) from the validated S3_* config. */
@Global()
@Module({})
export class ObjectStoreModule {
  static forRoot(options: ObjectStoreModuleOptions): DynamicModule {
    return {
      module: ObjectStoreModule,
      providers: [
        { provide: OPTIONS, useValue: options },
        { provide: ObjectStore, inject: [SERVICE_CONFIG], useFactory: (config: ObjectStoreEnv) => new ObjectStore(objectStoreSettings(config)) },
        {
          provide: ObjectStoreLifecycle,
          inject: [ObjectStore, HealthRegistry, OPTIONS],
          useFactory: (s: ObjectStore, h: HealthRegistry, o: ObjectStoreModuleOptions) => new ObjectStoreLifecycle(s, h, o),
        },
      ],
      exports: [ObjectStore],
    };
  }
}
