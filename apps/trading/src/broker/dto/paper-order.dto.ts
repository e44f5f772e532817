import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import type { BrokerOrder, BrokerOrderStatus } from '../broker.types';

export class PlaceOrderDto {
  @ApiProperty({ example: 'AAPL' })
  @IsString()
  @MaxLength(32)
  symbol: string;

  @ApiProperty({ enum: ['buy', 'sell'] })
  @IsIn(['buy', 'sell'])
  side: 'buy' | 'sell';

  @ApiProperty({ description: 'positive; the side gives the direction' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.000001)
  @Max(1e9)
  qty: number;

  @ApiPropertyOptional({ enum: ['market', 'limit', 'stop'], default: 'market' })
  @IsOptional()
  @IsIn(['market', 'limit', 'stop'])
  type?: 'market' | 'limit' | 'stop';

  @ApiPropertyOptional({ description: 'required for limit orders' })
  @ValidateIf((o: PlaceOrderDto) => o.type === 'limit' || o.limitPrice !== undefined)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'limitPrice must be a number (required for limit orders)' })
  @Min(0.000001)
  limitPrice?: number;

  @ApiPropertyOptional({ description: 'required for stop orders' })
  @ValidateIf((o: PlaceOrderDto) => o.type === 'stop' || o.stopPrice !== undefined)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'stopPrice must be a number (required for stop orders)' })
  @Min(0.000001)
  stopPrice?: number;
}

export class ListOrdersQuery {
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

  @ApiPropertyOptional({ enum: ['open', 'filled', 'cancelled'] })
  @IsOptional()
  @IsIn(['open', 'filled', 'cancelled'])
  status?: BrokerOrderStatus;
}

export class PaperOrderDto {
  @ApiProperty() id: string;
  @ApiProperty() accountId: string;
  @ApiProperty() symbol: string;
  @ApiProperty({ enum: ['buy', 'sell'] }) side: string;
  @ApiProperty({ enum: ['market', 'limit', 'stop'] }) type: string;
  @ApiProperty() qty: number;
  @ApiProperty({ nullable: true, type: Number }) limitPrice: number | null;
  @ApiProperty({ nullable: true, type: Number }) stopPrice: number | null;
  @ApiProperty({ enum: ['open', 'filled', 'cancelled'] }) status: BrokerOrderStatus;
  @ApiProperty({ description: 'time of the bar it was decided on (or of the request)' }) createdAt: string;
  @ApiProperty({ nullable: true, type: Number }) fillPrice: number | null;
  @ApiProperty({ nullable: true, type: Number }) commission: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'open time of the bar it filled on' }) filledAt: string | null;
  @ApiProperty({ nullable: true, type: String }) liveStrategyId: string | null;

  static from(o: BrokerOrder): PaperOrderDto {
    return {
      id: o.id,
      accountId: o.accountId,
      symbol: o.symbol,
      side: o.side,
      type: o.type,
      qty: o.qty,
      limitPrice: o.limitPrice,
      stopPrice: o.stopPrice,
      status: o.status,
      createdAt: new Date(o.createdAt).toISOString(),
      fillPrice: o.fillPrice,
      commission: o.commission,
      filledAt: o.filledAt === null ? null : new Date(o.filledAt).toISOString(),
      liveStrategyId: o.liveStrategyId,
    };
  }
}

export class PaperOrderPageDto {
  @ApiProperty({ type: [PaperOrderDto] }) items: PaperOrderDto[];
  @ApiProperty({ nullable: true, type: Number }) nextCursor: number | null;
}
