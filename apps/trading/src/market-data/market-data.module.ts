import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { BarsImporter } from './bars.importer';
import { BarsRepository } from './bars.repository';
import { LiveBarPublisher } from './live-bars.channel';
import { MarketDataController } from './market-data.controller';
import { MarketDataService } from './market-data.service';

/** Bars per workspace, symbol and timeframe: imports, reads, live bars. Backtests and live runners use the exports. */
@Module({
  imports: [AccessModule],
  controllers: [MarketDataController],
  providers: [BarsRepository, BarsImporter, LiveBarPublisher, MarketDataService],
  exports: [BarsRepository, LiveBarPublisher, MarketDataService],
})
export class MarketDataModule {}
