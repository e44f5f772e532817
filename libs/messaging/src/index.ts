export * from './lib/rpc.contract';
export * from './lib/rpc.client';
export * from './lib/rpc-error.filter';
export * from './lib/redis-transport';
export * from './lib/messaging.module';
export * from './lib/contracts/user.contract';
