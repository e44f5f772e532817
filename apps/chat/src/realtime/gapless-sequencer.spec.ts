import { GaplessSequencer } from './gapless-sequencer';

interface Item {
  seq: number;
}

/** A store holding seqs 1..n; reads return at most `page` items, like the paged SQL read. */
function store(n: number, page = 3) {
  const reads: [number, number | null][] = [];
  const read = async (after: number, upTo: number | null): Promise<Item[]> => {
    reads.push([after, upTo]);
    const out: Item[] = [];
    for (let s = after + 1; s <= (upTo ?? n) && s <= n && out.length < page; s++) out.push({ seq: s });
    return out;
  };
  return { read, reads };
}

describe('GaplessSequencer', () => {
  it('emits the next item synchronously and drops duplicates and old items', () => {
    const out: number[] = [];
    const seq = new GaplessSequencer<Item>(5, store(0).read, (i) => out.push(i.seq));
    seq.push({ seq: 6 });
    seq.push({ seq: 6 });
    seq.push({ seq: 4 });
    seq.push({ seq: 7 });
    expect(out).toEqual([6, 7]);
    expect(seq.idle).toBe(true);
  });

  it('reads a gap from the store, then emits in order exactly once', async () => {
    const out: number[] = [];
    const s = store(10);
    const seq = new GaplessSequencer<Item>(0, s.read, (i) => out.push(i.seq));
    seq.push({ seq: 1 });
    seq.push({ seq: 8 });
    seq.push({ seq: 3 });
    seq.push({ seq: 9 });
    await seq.settled();
    expect(out).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(s.reads).toEqual([
      [1, 7],
      [4, 7],
    ]);
  });

  it('delivers a backlog before live items pushed meanwhile', async () => {
    const out: number[] = [];
    const seq = new GaplessSequencer<Item>(2, store(12, 4).read, (i) => out.push(i.seq));
    const backlog = seq.catchUp();
    seq.push({ seq: 13 });
    seq.push({ seq: 11 });
    await backlog;
    await seq.settled();
    expect(out).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  });

  it('reports a failed read and recovers on the next item', async () => {
    const out: number[] = [];
    const errors: unknown[] = [];
    let fail = true;
    const s = store(5);
    const read = (after: number, upTo: number | null) => (fail ? Promise.reject(new Error('db down')) : s.read(after, upTo));
    const seq = new GaplessSequencer<Item>(0, read, (i) => out.push(i.seq), (e) => errors.push(e));
    seq.push({ seq: 3 });
    await seq.settled();
    expect(out).toEqual([]);
    expect(errors).toHaveLength(1);
    fail = false;
    seq.push({ seq: 5 });
    await seq.settled();
    expect(out).toEqual([1, 2, 3, 4, 5]);
  });

  it('lets the caller take the next item only when nothing is in flight', async () => {
    const out: number[] = [];
    const seq = new GaplessSequencer<Item>(0, store(5).read, (i) => out.push(i.seq));
    expect(seq.tryAdvance(2)).toBe(false);
    expect(seq.tryAdvance(1)).toBe(true);
    seq.push({ seq: 4 });
    expect(seq.tryAdvance(5)).toBe(false);
    await seq.settled();
    expect(out).toEqual([2, 3, 4]);
    expect(seq.tryAdvance(5)).toBe(true);
  });

  it('stops emitting once closed', async () => {
    const out: number[] = [];
    const seq = new GaplessSequencer<Item>(0, store(5).read, (i) => out.push(i.seq));
    seq.close();
    seq.push({ seq: 1 });
    await seq.catchUp();
    expect(out).toEqual([]);
  });
});
