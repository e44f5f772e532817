import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min, registerDecorator, type ValidationOptions } from 'class-validator';
import { IMPORT_MODES, type ImportMode } from '../bars.importer';
import { SYMBOL_PATTERN, TIMEFRAMES, type Timeframe } from '../market-data.types';
import { parseQueryTime } from '../time.parser';

/** An epoch-ms number or an ISO-8601 string (no offset = UTC). */
function IsBarTime(options?: ValidationOptions) {
  return (target: object, property: string) =>
    registerDecorator({
      target: target.constructor,
      propertyName: property,
      options: { message: `${property} must be epoch milliseconds or an ISO-8601 date`, ...options },
      validator: {
        validate: (value: unknown) =>
          (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) || (typeof value === 'string' && parseQueryTime(value) !== null),
      },
    });
}

const upperTrim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);

export class ImportQueryDto {
  @ApiPropertyOptional({ enum: IMPORT_MODES, default: 'reject', description: 'bars already stored at an imported time: reject (409), merge (overwrite them) or replace (the whole series)' })
  @IsOptional()
  @IsIn(IMPORT_MODES)
  mode?: ImportMode;
}

export class SampleDto {
  @ApiProperty({ example: 'DEMO', pattern: SYMBOL_PATTERN.source })
  @Transform(upperTrim)
  @IsString()
  @Matches(SYMBOL_PATTERN, { message: 'symbol must be 1-32 characters of A-Z, 0-9 and . - _ / starting with a letter or digit' })
  symbol: string;

  @ApiProperty({ enum: TIMEFRAMES })
  @IsIn(TIMEFRAMES)
  timeframe: Timeframe;

  @ApiPropertyOptional({ description: 'open time of the first bar (epoch ms or ISO-8601, rounded up to the timeframe); default: the series ends with the last completed bar' })
  @IsOptional()
  @IsBarTime()
  from?: number | string;

  @ApiProperty({ minimum: 1, maximum: 1_000_000 })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  bars: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 4_294_967_295, description: 'same seed and options → the same bars; random when omitted (returned in the response)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(4_294_967_295)
  seed?: number;

  @ApiPropertyOptional({ default: 100, minimum: 0.01, maximum: 1_000_000 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(1_000_000)
  startPrice?: number;

  @ApiPropertyOptional({ default: 0.3, minimum: 0, maximum: 5, description: 'annualised volatility (0.3 = 30 %)' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(5)
  volatility?: number;
}

export class BarsQueryDto {
  @ApiPropertyOptional({ description: 'first bar open time, inclusive (epoch ms or ISO-8601); default: the start of the series' })
  @IsOptional()
  @IsBarTime()
  from?: string;

  @ApiPropertyOptional({ description: 'last bar open time, inclusive (epoch ms or ISO-8601); default: the end of the series' })
  @IsOptional()
  @IsBarTime()
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 10_000, default: 1_000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  limit?: number;
}

export class LiveBarDto {
  @ApiProperty({ description: 'bar open time (epoch ms or ISO-8601), aligned to the timeframe' })
  @IsBarTime()
  time: number | string;

  @ApiProperty() @IsNumber({ allowNaN: false, allowInfinity: false }) open: number;
  @ApiProperty() @IsNumber({ allowNaN: false, allowInfinity: false }) high: number;
  @ApiProperty() @IsNumber({ allowNaN: false, allowInfinity: false }) low: number;
  @ApiProperty() @IsNumber({ allowNaN: false, allowInfinity: false }) close: number;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  volume?: number;
}

export class BarDto {
  @ApiProperty({ description: 'open time, epoch ms' }) time: number;
  @ApiProperty() open: number;
  @ApiProperty() high: number;
  @ApiProperty() low: number;
  @ApiProperty() close: number;
  @ApiProperty() volume: number;
}

export class SeriesDto {
  @ApiProperty() symbol: string;
  @ApiProperty({ enum: TIMEFRAMES }) timeframe: Timeframe;
  @ApiProperty({ description: 'first bar open time, epoch ms' }) first: number;
  @ApiProperty({ description: 'last bar open time, epoch ms' }) last: number;
  @ApiProperty() count: number;
}

export class BarsPageDto {
  @ApiProperty() symbol: string;
  @ApiProperty({ enum: TIMEFRAMES }) timeframe: Timeframe;
  @ApiProperty({ type: [BarDto] }) bars: BarDto[];
  @ApiProperty({ nullable: true, type: Number, description: 'pass as `from` for the next page; null at the end of the range' }) nextFrom: number | null;
}

export class GapDto {
  @ApiProperty({ description: 'open time of the first missing bar, epoch ms' }) from: number;
  @ApiProperty({ description: 'open time of the last missing bar, epoch ms' }) to: number;
  @ApiProperty() missingBars: number;
}

export class ImportResultDto {
  @ApiProperty() symbol: string;
  @ApiProperty({ enum: TIMEFRAMES }) timeframe: Timeframe;
  @ApiProperty({ description: 'new bars stored' }) inserted: number;
  @ApiProperty({ description: 'existing bars overwritten (mode=merge)' }) updated: number;
  @ApiProperty({ description: 'first imported bar, epoch ms' }) first: number;
  @ApiProperty({ description: 'last imported bar, epoch ms' }) last: number;
  @ApiProperty({ type: [GapDto], description: 'missing bars between consecutive imported bars (first 100); reported, never filled' }) gaps: GapDto[];
  @ApiProperty() gapCount: number;
  @ApiProperty() missingBars: number;
  @ApiProperty({ description: 'csv or the feed adapter name' }) source: string;
  @ApiPropertyOptional({ description: 'the seed used (sample feed)' }) seed?: number;
}

export class LiveBarResultDto {
  @ApiProperty() symbol: string;
  @ApiProperty({ enum: TIMEFRAMES }) timeframe: Timeframe;
  @ApiProperty({ type: BarDto }) bar: BarDto;
  @ApiProperty({ description: 'false when a bar with that time was updated' }) created: boolean;
  @ApiProperty({ description: 'subscribers that received it' }) receivers: number;
}
