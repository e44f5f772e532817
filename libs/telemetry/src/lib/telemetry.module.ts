import { Global, Module, type DynamicModule } from '@nestjs/common';
import { HealthController } from './health.controller';
import { HealthRegistry } from './health.registry';
import { ServiceMetrics } from './metrics';
import { MetricsController } from './metrics.controller';

/** Health and metrics endpoints for one service; each app instance gets its own registry. */
@Global()
@Module({})
export class TelemetryModule {
  static forRoot(service: string): DynamicModule {
    return {
      module: TelemetryModule,
      controllers: [HealthController, MetricsController],
      providers: [HealthRegistry, { provide: ServiceMetrics, useFactory: () => new ServiceMetrics(service) }],
      exports: [HealthRegistry, ServiceMetrics],
    };
  }
}
