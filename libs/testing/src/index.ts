export * from './lib/test-database';
export * from './lib/test-redis';
export * from './lib/test-keys';
export * from './lib/log-sink';
export * from './lib/service-process';
export * from './lib/service-env';
