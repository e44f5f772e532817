import { clampPosition, planInsert, planMove, planRemoval, type RangeShift } from './positions';

/** Applies a plan to a list the way the SQL does and puts `item` at `to`. */
function apply(list: string[], item: string, to: number, plan: RangeShift | null): string[] {
  const positions = new Map(list.map((x, i) => [x, i]));
  for (const [x, p] of positions) if (x !== item && plan && p >= plan.from && p <= plan.to) positions.set(x, p + plan.delta);
  positions.set(item, to);
  return [...positions].sort((a, b) => a[1] - b[1]).map(([x]) => x);
}

describe('gapless positions', () => {
  const list = ['a', 'b', 'c', 'd', 'e'];

  it.each([
    [0, 3, ['b', 'c', 'd', 'a', 'e']],
    [4, 1, ['a', 'e', 'b', 'c', 'd']],
    [2, 2, list],
  ])('moves %i -> %i without gaps or duplicates', (from, to, expected) => {
    const moved = apply(list, list[from], to, planMove(from, to));
    expect(moved).toEqual(expected);
  });

  it('closes the gap of a removal and opens one for an insert', () => {
    expect(planRemoval(1, 5)).toEqual({ from: 2, to: 4, delta: -1 });
    expect(planRemoval(4, 5)).toBeNull();
    expect(planInsert(0, 3)).toEqual({ from: 0, to: 2, delta: 1 });
    expect(planInsert(3, 3)).toBeNull();
  });

  it('puts an item past the end, or without a position, last', () => {
    expect([clampPosition(undefined, 4), clampPosition(99, 4), clampPosition(2, 4), clampPosition(4, 4)]).toEqual([4, 4, 2, 4]);
  });
});
