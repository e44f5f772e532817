import { BadRequestException } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class PageQueryDto {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

/** Position after the last row of a page, in the listing's sort order (kind, lower(name), id). */
export interface CursorKey {
  kind: number;
  name: string;
  id: string;
}

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify([key.kind, key.name, key.id])).toString('base64url');
}

/** Cursors are opaque to clients; anything that does not decode to a key is a 400, not a 500. */
export function decodeCursor(cursor: string | undefined): CursorKey | null {
  if (!cursor) return null;
  try {
    const [kind, name, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if ((kind === 0 || kind === 1) && typeof name === 'string' && typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id)) {
      return { kind, name, id };
    }
  } catch {
    // fall through
  }
  throw new BadRequestException('cursor is invalid');
}
