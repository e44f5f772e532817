import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { TIMEFRAMES } from '../../market-data/market-data.types';
import type { LiveSignalRow } from '../live-signals.repository';
import type { LiveError, LiveStatus, LiveStrategyRow } from '../live-strategies.repository';

export class ActivateLiveStrategyDto {
  @ApiProperty() @IsUUID() strategyVersionId: string;

  @ApiProperty({ type: [String], example: ['AAPL'], minItems: 1, maxItems: 20 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(32, { each: true })
  symbols: string[];

  @ApiProperty({ enum: TIMEFRAMES })
  @IsIn(TIMEFRAMES)
  timeframe: string;

  @ApiPropertyOptional({ type: Object, description: 'checked against the version\'s parameter schema; defaults applied' })
  @IsOptional()
  @IsObject()
  params?: Record<string, unknown>;

  @ApiProperty() @IsUUID() paperAccountId: string;
}

export class ListSignalsQuery {
  @ApiPropertyOptional({ description: 'the nextCursor of the previous page' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  cursor?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class LiveErrorDto {
  @ApiProperty({ description: 'compile, runtime, timeout, memory, ...' }) kind: string;
  @ApiProperty() message: string;
  @ApiPropertyOptional({ description: 'in the source the user wrote' }) line?: number;
  @ApiPropertyOptional() column?: number;
}

export class LiveStrategyDto {
  @ApiProperty() id: string;
  @ApiProperty() workspaceId: string;
  @ApiProperty() strategyVersionId: string;
  @ApiProperty() strategyName: string;
  @ApiProperty({ type: [String] }) symbols: string[];
  @ApiProperty({ enum: TIMEFRAMES }) timeframe: string;
  @ApiProperty({ type: Object }) params: Record<string, unknown>;
  @ApiProperty() paperAccountId: string;
  @ApiProperty({ enum: ['active', 'stopped', 'failed'] }) status: LiveStatus;
  @ApiProperty({ type: LiveErrorDto, nullable: true }) error: LiveError | null;
  @ApiProperty() activatedBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) stoppedAt: string | null;

  static from(r: LiveStrategyRow): LiveStrategyDto {
    return {
      id: r.id,
      workspaceId: r.workspaceId,
      strategyVersionId: r.strategyVersionId,
      strategyName: r.strategyName,
      symbols: r.symbols,
      timeframe: r.timeframe,
      params: r.params,
      paperAccountId: r.paperAccountId,
      status: r.status,
      error: r.error,
      activatedBy: r.activatedBy,
      createdAt: r.createdAt.toISOString(),
      stoppedAt: r.stoppedAt ? r.stoppedAt.toISOString() : null,
    };
  }
}

export class KillSwitchResultDto {
  @ApiProperty({ description: 'how many live strategies were stopped' }) stopped: number;
  @ApiProperty({ type: [String] }) liveStrategyIds: string[];
}

export class LiveSignalDto {
  @ApiProperty() id: string;
  @ApiProperty() liveStrategyId: string;
  @ApiProperty() symbol: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: Object }) data: Record<string, unknown>;
  @ApiProperty({ description: 'open time of the bar it was raised on' }) barTime: string;
  @ApiProperty() createdAt: string;

  static from(s: LiveSignalRow): LiveSignalDto {
    return { id: s.id, liveStrategyId: s.liveStrategyId, symbol: s.symbol, name: s.name, data: s.data, barTime: s.barTime.toISOString(), createdAt: s.createdAt.toISOString() };
  }
}

export class LiveSignalPageDto {
  @ApiProperty({ type: [LiveSignalDto] }) items: LiveSignalDto[];
  @ApiProperty({ nullable: true, type: Number }) nextCursor: number | null;
}
