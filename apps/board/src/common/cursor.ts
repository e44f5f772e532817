import { BadRequestException } from '@nestjs/common';

/**
 * Opaque page cursors: the sort key of the last item of a page, base64url-encoded JSON. A
 * cursor that does not decode to the expected shape is the client's error (400), not ours.
 */
export function encodeCursor(key: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<K extends string>(cursor: string, fields: readonly K[]): Record<K, string | number> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new BadRequestException('cursor is invalid');
  }
  const valid =
    typeof parsed === 'object' &&
    parsed !== null &&
    fields.every((f) => ['string', 'number'].includes(typeof (parsed as Record<string, unknown>)[f]));
  if (!valid) throw new BadRequestException('cursor is invalid');
  return parsed as Record<K, string | number>;
}

/** Splits a `limit + 1` fetch into the page and the cursor of the next one (null at the end). */
export function page<T>(rows: T[], limit: number, keyOf: (last: T) => Record<string, string | number>): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(keyOf(items[items.length - 1])) : null };
}
