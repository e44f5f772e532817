import { Global, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SERVICE_CONFIG, type DatabaseEnv } from '@wealist/config';
import { HealthRegistry } from '@wealist/telemetry';
import { DataSource } from 'typeorm';
import { dataSourceOptions, type ServiceDatabaseDefinition } from './data-source.options';

class DatabaseHealth implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly health: HealthRegistry,
  ) {}

  onModuleInit(): void {
    this.health.register({
      name: 'postgres',
      check: async () => {
        await this.dataSource.query('SELECT 1');
      },
    });
  }
}

/** TypeORM for one service from the catalog-backed config; the pool closes with the app. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(definition: ServiceDatabaseDefinition): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [SERVICE_CONFIG],
          useFactory: (config: DatabaseEnv) => ({
            ...dataSourceOptions(config, definition),
            // A few quick retries cover Postgres restarting alongside us; then start-up fails loudly.
            retryAttempts: 5,
            retryDelay: 1_000,
          }),
        }),
      ],
      providers: [
        {
          provide: DatabaseHealth,
          inject: [DataSource, HealthRegistry],
          useFactory: (ds: DataSource, h: HealthRegistry) => new DatabaseHealth(ds, h),
        },
      ],
    };
  }
}
