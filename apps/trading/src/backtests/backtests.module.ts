import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { MarketDataModule } from '../market-data/market-data.module';
import { SandboxModule } from '../sandbox/sandbox.module';
import { StrategiesModule } from '../strategies/strategies.module';
import { BacktestWorker } from './backtest.worker';
import { BacktestsController } from './backtests.controller';
import { BacktestsRepository } from './backtests.repository';
import { BacktestsService } from './backtests.service';

@Module({
  imports: [AccessModule, SandboxModule, StrategiesModule, MarketDataModule],
  controllers: [BacktestsController],
  providers: [BacktestsRepository, BacktestsService, BacktestWorker],
})
export class BacktestsModule {}
