import { Module } from '@nestjs/common';
import STRATEGY_RUNTIME_SOURCE from './strategy-runtime.source';
import { STRATEGY_RUNTIME, StrategySandbox } from './strategy-sandbox';

@Module({
  providers: [{ provide: STRATEGY_RUNTIME, useValue: STRATEGY_RUNTIME_SOURCE }, StrategySandbox],
  exports: [StrategySandbox],
})
export class SandboxModule {}
