import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import type { StrategyLanguage } from '../../sandbox/strategy-compiler';
import type { ParamsSchema } from '../params-schema';

export const LANGUAGES: readonly StrategyLanguage[] = ['typescript', 'javascript'];
export const MAX_SOURCE_CHARS = 200_000;

const SOURCE_EXAMPLE = `import { Sma } from '@wealist/trading-sdk';

export default {
  init(ctx) {
    ctx.state.fast = new Sma(ctx.params.fast);
    ctx.state.slow = new Sma(ctx.params.slow);
  },
  onBar(ctx) {
    const f = ctx.state.fast.update(ctx.bar.close);
    const s = ctx.state.slow.update(ctx.bar.close);
    if (f === undefined || s === undefined) return;
    if (f > s) ctx.targetPosition(100);
    else ctx.targetPosition(0);
  },
};`;

export class SaveVersionDto {
  @ApiPropertyOptional({ enum: LANGUAGES, default: 'typescript' })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: StrategyLanguage;

  @ApiProperty({ description: 'Strategy code against @wealist/trading-sdk (export default { init?, onBar })', example: SOURCE_EXAMPLE, maxLength: MAX_SOURCE_CHARS })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_SOURCE_CHARS)
  source: string;

  @ApiPropertyOptional({
    description: 'Parameters with defaults: { name: { type: number|integer|boolean|string, default, min?, max?, enum?, description? } }',
    example: { fast: { type: 'integer', default: 20, min: 2, max: 200 }, slow: { type: 'integer', default: 50, min: 3, max: 500 } },
  })
  @IsOptional()
  @IsObject()
  paramsSchema?: ParamsSchema;
}

export class CreateStrategyDto extends SaveVersionDto {
  @ApiProperty({ example: 'SMA crossover' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ example: 'Long when the fast SMA is above the slow one' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;
}

export class StrategyVersionDto {
  @ApiProperty() id: string;
  @ApiProperty() strategyId: string;
  @ApiProperty() version: number;
  @ApiProperty({ enum: LANGUAGES }) language: StrategyLanguage;
  @ApiProperty() source: string;
  @ApiProperty() paramsSchema: ParamsSchema;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
}

export class StrategyDto {
  @ApiProperty() id: string;
  @ApiProperty() workspaceId: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty() latestVersion: number;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ nullable: true, type: String }) archivedAt: string | null;
  @ApiPropertyOptional({ type: StrategyVersionDto }) version?: StrategyVersionDto;
}
