import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { BrokerModule } from '../broker/broker.module';
import { MarketDataModule } from '../market-data/market-data.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { SandboxModule } from '../sandbox/sandbox.module';
import { StrategiesModule } from '../strategies/strategies.module';
import { LiveControlChannel } from './live-control.channel';
import { LiveEnder } from './live-ender';
import { LiveLease } from './live-lease';
import { LiveRunner } from './live-runner';
import { LiveSessionFactory } from './live-session.factory';
import { LiveSignalsRepository } from './live-signals.repository';
import { LiveStrategiesController } from './live-strategies.controller';
import { LiveStrategiesRepository } from './live-strategies.repository';
import { LiveStrategiesService } from './live-strategies.service';
import { SignalRecorder } from './signal-recorder';

@Module({
  imports: [AccessModule, BrokerModule, MarketDataModule, RealtimeModule, SandboxModule, StrategiesModule],
  controllers: [LiveStrategiesController],
  providers: [
    LiveStrategiesRepository,
    LiveSignalsRepository,
    SignalRecorder,
    LiveLease,
    LiveControlChannel,
    LiveEnder,
    LiveSessionFactory,
    LiveRunner,
    LiveStrategiesService,
  ],
  exports: [LiveRunner],
})
export class LiveModule {}
