export * from './lib/redis.factory';
export * from './lib/redis.module';
export { Redis } from 'ioredis';
