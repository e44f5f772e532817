import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { SandboxModule } from '../sandbox/sandbox.module';
import { StrategiesController } from './strategies.controller';
import { StrategiesRepository } from './strategies.repository';
import { StrategiesService } from './strategies.service';
import { StrategyVersionsRepository } from './strategy-versions.repository';

@Module({
  imports: [AccessModule, SandboxModule],
  controllers: [StrategiesController],
  providers: [StrategiesRepository, StrategyVersionsRepository, StrategiesService],
  exports: [StrategyVersionsRepository],
})
export class StrategiesModule {}
