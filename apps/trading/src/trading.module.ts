import { Module, type DynamicModule } from '@nestjs/common';
import { AuthGuardModule } from '@wealist/auth-guard';
import { SERVICE_CATALOG, ServiceConfigModule } from '@wealist/config';
import { DatabaseModule } from '@wealist/database';
import { EventsModule } from '@wealist/events';
import { MessagingModule } from '@wealist/messaging';
import { RedisModule } from '@wealist/redis';
import { TelemetryModule } from '@wealist/telemetry';
import { AccessModule } from './access/access.module';
import { BacktestsModule } from './backtests/backtests.module';
import { StrategiesModule } from './strategies/strategies.module';
import { BrokerModule } from './broker/broker.module';
import { LiveModule } from './live/live.module';
import { MarketDataModule } from './market-data/market-data.module';
import { RealtimeModule } from './realtime/realtime.module';
import type { TradingConfig } from './trading.config';
import { TRADING_DATABASE } from './trading.database';

@Module({})
export class TradingAppModule {
  static forRoot(config: TradingConfig): DynamicModule {
    return {
      module: TradingAppModule,
      imports: [
        ServiceConfigModule.forRoot(config),
        TelemetryModule.forRoot('trading'),
        DatabaseModule.forRoot(TRADING_DATABASE),
        RedisModule.forRoot({ db: SERVICE_CATALOG.trading.redisDb, connectionName: 'trading' }),
        MessagingModule.forRoot(),
        EventsModule.forRoot({ service: 'trading', producer: true }),
        AuthGuardModule.forRoot(),
        AccessModule,
        // FEATURE MODULES
        StrategiesModule,
        BacktestsModule,
        MarketDataModule,
        BrokerModule,
        RealtimeModule,
        LiveModule,
      ],
    };
  }
}
