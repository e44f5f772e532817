export * from './lib/create-service-app';
export * from './lib/http-error.filter';
export * from './lib/validation';
export * from './lib/swagger';
export * from './lib/run-service-main';
