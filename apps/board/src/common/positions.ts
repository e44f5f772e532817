/**
 * Gapless ordering (0..n-1) of a list under moves, inserts and removals. The repositories
 * turn each plan into one UPDATE of a range; the caller holds the board lock, so plans are
 * computed against the order the previous writer left.
 */
export interface RangeShift {
  /** Inclusive range of positions to shift. */
  from: number;
  to: number;
  delta: 1 | -1;
}

/** Moving one item inside a list from `from` to `to`: the items in between make room. */
export function planMove(from: number, to: number): RangeShift | null {
  if (to > from) return { from: from + 1, to, delta: -1 };
  if (to < from) return { from: to, to: from - 1, delta: 1 };
  return null;
}

/** Items after a removed one close the gap. */
export function planRemoval(position: number, size: number): RangeShift | null {
  return position < size - 1 ? { from: position + 1, to: size - 1, delta: -1 } : null;
}

/** Items from the insert position on make room. */
export function planInsert(position: number, size: number): RangeShift | null {
  return position < size ? { from: position, to: size - 1, delta: 1 } : null;
}

/**
 * Where an item asked to go to `requested` lands in a list of `size` items (excluding itself):
 * past the end means last, absent means last.
 */
export function clampPosition(requested: number | undefined, size: number): number {
  if (requested === undefined || requested > size) return size;
  return Math.max(0, requested);
}
