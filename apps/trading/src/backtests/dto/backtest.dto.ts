import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsDefined, IsIn, IsNumber, IsObject, IsOptional, IsString, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { TIMEFRAMES, type Timeframe } from '../../market-data/market-data.types';

export class CommissionDto {
  @ApiPropertyOptional({ description: 'fraction of notional, 0.001 = 10 bps', example: 0.001 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(0.1)
  rate?: number;

  @ApiPropertyOptional({ description: 'cash per share or unit', example: 0 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1_000)
  perShare?: number;

  @ApiPropertyOptional({ description: 'minimum cash per fill', example: 1 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1_000_000)
  minimum?: number;
}

export class SlippageDto {
  @ApiPropertyOptional({ description: 'fraction of price against the trader, 0.0005 = 5 bps', example: 0.0005 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(0.1)
  rate?: number;

  @ApiPropertyOptional({ description: 'price units against the trader', example: 0 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1_000_000)
  fixed?: number;
}

export class CreateBacktestDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4')
  strategyVersionId: string;

  @ApiProperty({ example: ['DEMO'], description: 'symbols with market data in this workspace; several trade in one portfolio' })
  @Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value.map((s) => (typeof s === 'string' ? s.trim().toUpperCase() : s)) : value))
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  symbols: string[];

  @ApiProperty({ enum: TIMEFRAMES })
  @IsIn(TIMEFRAMES)
  timeframe: Timeframe;

  // Parsed by the service (epoch ms or ISO-8601), which names the field when it is neither.
  @ApiProperty({ description: 'ISO-8601 or epoch ms, inclusive', example: '2024-01-01T00:00:00Z' })
  @IsDefined()
  from: string | number;

  @ApiProperty({ description: 'ISO-8601 or epoch ms, inclusive', example: '2024-12-31T00:00:00Z' })
  @IsDefined()
  to: string | number;

  @ApiProperty({ example: 100_000 })
  @IsNumber()
  @Min(1)
  @Max(1e12)
  capital: number;

  @ApiPropertyOptional({ type: CommissionDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CommissionDto)
  commission?: CommissionDto;

  @ApiPropertyOptional({ type: SlippageDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SlippageDto)
  slippage?: SlippageDto;

  @ApiPropertyOptional({ description: "values for the version's parameters; defaults fill the rest", example: { fast: 20, slow: 50 } })
  @IsOptional()
  @IsObject()
  params?: Record<string, unknown>;
}

export type BacktestStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export class BacktestDto {
  @ApiProperty() id: string;
  @ApiProperty() workspaceId: string;
  @ApiProperty() strategyId: string;
  @ApiProperty() strategyVersionId: string;
  @ApiProperty() createdBy: string;
  @ApiProperty({ enum: ['queued', 'running', 'succeeded', 'failed', 'cancelled'] }) status: BacktestStatus;
  @ApiProperty({ description: '0..1' }) progress: number;
  @ApiProperty() barsTotal: number;
  @ApiProperty() barsDone: number;
  @ApiProperty({ description: 'CPU time spent in the sandbox' }) cpuMs: number;
  @ApiProperty() symbols: string[];
  @ApiProperty() timeframe: string;
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty() capital: number;
  @ApiProperty() commission: CommissionDto;
  @ApiProperty() slippage: SlippageDto;
  @ApiProperty() params: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'kind, message and the line/column of the strategy source', nullable: true }) error: Record<string, unknown> | null;
  @ApiPropertyOptional({ nullable: true }) metrics: Record<string, unknown> | null;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ nullable: true, type: String }) startedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) finishedAt: string | null;
}
