export * from './lib/env';
export * from './lib/service-catalog';
export * from './lib/service-env';
export * from './lib/config.tokens';
export * from './lib/service-config.module';
