import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { plainToInstance, Transform } from 'class-transformer';
import { IsNumber, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import type { AccountSnapshot } from '../broker.types';
import type { PaperAccountRow } from '../paper-accounts.repository';

export class CommissionDto {
  @ApiPropertyOptional({ description: 'fraction of notional, e.g. 0.001 = 10 bps' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(0.1)
  rate?: number;

  @ApiPropertyOptional({ description: 'per share' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(100)
  perShare?: number;

  @ApiPropertyOptional({ description: 'minimum per fill' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(10_000)
  minimum?: number;
}

export class SlippageDto {
  @ApiPropertyOptional({ description: 'fraction of price, e.g. 0.0005 = 5 bps' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(0.1)
  rate?: number;

  @ApiPropertyOptional({ description: 'absolute price units per share' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1_000)
  fixed?: number;
}

/** A bare number is shorthand for `{ rate: n }`, as a backtest request may give it. */
function costSpec<T extends object>(type: new () => T) {
  return Transform(({ value }: { value: unknown }) => {
    if (typeof value === 'number') return plainToInstance(type, { rate: value });
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return plainToInstance(type, value);
    return value;
  });
}

export class CreatePaperAccountDto {
  @ApiProperty({ minLength: 1, maxLength: 100 })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty({ example: 100_000 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(1e12)
  initialCash: number;

  @ApiPropertyOptional({ default: 'USD' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be a three-letter ISO code such as USD' })
  currency?: string;

  @ApiPropertyOptional({ type: CommissionDto, description: 'or a number: the rate' })
  @IsOptional()
  @costSpec(CommissionDto)
  @IsObject({ message: 'commission must be a number (rate) or an object {rate, perShare, minimum}' })
  @ValidateNested()
  commission?: CommissionDto;

  @ApiPropertyOptional({ type: SlippageDto, description: 'or a number: the rate' })
  @IsOptional()
  @costSpec(SlippageDto)
  @IsObject({ message: 'slippage must be a number (rate) or an object {rate, fixed}' })
  @ValidateNested()
  slippage?: SlippageDto;
}

export class PositionDto {
  @ApiProperty() symbol: string;
  @ApiProperty({ description: 'signed: negative is short' }) qty: number;
  @ApiProperty() avgPrice: number;
  @ApiProperty() lastPrice: number;
  @ApiProperty() unrealizedPnl: number;
}

export class PaperAccountDto {
  @ApiProperty() id: string;
  @ApiProperty() workspaceId: string;
  @ApiProperty() name: string;
  @ApiProperty() currency: string;
  @ApiProperty() initialCash: number;
  @ApiProperty() cash: number;
  @ApiProperty({ description: 'cash + positions at their last price' }) equity: number;
  @ApiProperty({ description: 'P&L of closed quantity, net of all commission paid' }) realizedPnl: number;
  @ApiProperty() unrealizedPnl: number;
  @ApiProperty({ type: CommissionDto }) commission: CommissionDto;
  @ApiProperty({ type: SlippageDto }) slippage: SlippageDto;
  @ApiProperty({ type: [PositionDto] }) positions: PositionDto[];
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;

  static from(account: PaperAccountRow, snapshot: AccountSnapshot): PaperAccountDto {
    return {
      id: account.id,
      workspaceId: account.workspaceId,
      name: account.name,
      currency: account.currency,
      initialCash: account.initialCash,
      cash: snapshot.cash,
      equity: snapshot.equity,
      realizedPnl: snapshot.realizedPnl,
      unrealizedPnl: snapshot.unrealizedPnl,
      commission: account.commission,
      slippage: account.slippage,
      positions: snapshot.positions,
      createdBy: account.createdBy,
      createdAt: account.createdAt.toISOString(),
    };
  }
}
