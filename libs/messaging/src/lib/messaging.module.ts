import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { SERVICE_CONFIG, type CommonEnv } from '@wealist/config';
import { NamespacedRedisClient, NamespacedRedisServer, transportOptions } from './redis-transport';
import { RpcClient } from './rpc.client';

function busOf(config: CommonEnv) {
  return { url: config.REDIS_URL, db: config.BUS_REDIS_DB, namespace: config.MESSAGING_NAMESPACE };
}

/** Provides RpcClient for calling other services over the Redis bus (DB 6). */
@Global()
@Module({})
export class MessagingModule {
  static forRoot(): DynamicModule {
    return {
      module: MessagingModule,
      providers: [
        {
          provide: RpcClient,
          inject: [SERVICE_CONFIG],
          useFactory: (config: CommonEnv) => {
            const bus = busOf(config);
            return new RpcClient(new NamespacedRedisClient(bus.namespace, transportOptions(bus)), config.RPC_TIMEOUT_MS);
          },
        },
      ],
      exports: [RpcClient],
    };
  }
}

/** Options for app.connectMicroservice(): serve this app's @MessagePattern handlers on the bus. */
export function rpcServerOptions(config: CommonEnv): MicroserviceOptions {
  const bus = busOf(config);
  return { strategy: new NamespacedRedisServer(bus.namespace, transportOptions(bus)) };
}
