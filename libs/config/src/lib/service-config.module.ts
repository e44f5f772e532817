import { Global, Module, type DynamicModule } from '@nestjs/common';
import { SERVICE_CONFIG } from './config.tokens';

/** Makes the app's validated config injectable as SERVICE_CONFIG everywhere. */
@Global()
@Module({})
export class ServiceConfigModule {
  static forRoot(config: object): DynamicModule {
    return {
      module: ServiceConfigModule,
      providers: [{ provide: SERVICE_CONFIG, useValue: config }],
      exports: [SERVICE_CONFIG],
    };
  }
}
