/** Anything carrying a per-room sequence number. */
export interface Sequenced {
  seq: number;
}

/** Reads committed items with `after < seq <= upTo` (upTo null: to the end), ascending. */
export type RangeReader<T extends Sequenced> = (after: number, upTo: number | null) => Promise<T[]>;

/**
 * Turns an unordered, lossy, duplicating feed of sequenced items into an exactly-once, in-order,
 * gapless one. An item at or below the last emitted sequence is dropped; the next one is emitted;
 * one further ahead means something is missing, so the gap is read from the store first. That
 * read is complete: seq N commits only after every seq below N did (the room row lock orders
 * the allocations), so when N has been seen, all of 1..N-1 are readable.
 *
 * Work is serialised per instance: the common case (next item, nothing in flight) is handled
 * synchronously; anything else waits behind the read in flight, which is how live items are
 * held back while a backlog is still being delivered.
 */
export class GaplessSequencer<T extends Sequenced> {
  private lastSeq: number;
  private chain: Promise<void> = Promise.resolve();
  private inFlight = 0;
  private closed = false;

  constructor(
    start: number,
    private readonly read: RangeReader<T>,
    private readonly emit: (item: T) => void,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {
    this.lastSeq = start;
  }

  get last(): number {
    return this.lastSeq;
  }

  get idle(): boolean {
    return this.inFlight === 0;
  }

  push(item: T): void {
    if (this.closed) return;
    if (this.inFlight === 0) {
      if (item.seq <= this.lastSeq) return;
      if (item.seq === this.lastSeq + 1) {
        this.deliver(item);
        return;
      }
    }
    void this.enqueue(() => this.accept(item));
  }

  /**
   * Lets the caller deliver `seq` itself (e.g. one encoded broadcast to many sockets) when it is
   * the very next item and nothing is in flight; false means push() it instead.
   */
  tryAdvance(seq: number): boolean {
    if (this.closed || this.inFlight > 0 || seq !== this.lastSeq + 1) return false;
    this.lastSeq = seq;
    return true;
  }

  /** Reads and emits everything stored after the last emitted item (a backlog or a resync). */
  catchUp(): Promise<void> {
    return this.enqueue(() => this.fill(null));
  }

  /** Resolves when everything queued so far is done. */
  settled(): Promise<void> {
    return this.chain;
  }

  close(): void {
    this.closed = true;
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    this.inFlight++;
    this.chain = this.chain
      .then(() => (this.closed ? undefined : work()))
      .catch((err: unknown) => this.onError(err))
      .finally(() => {
        this.inFlight--;
      });
    return this.chain;
  }

  private async accept(item: T): Promise<void> {
    if (item.seq <= this.lastSeq) return;
    if (item.seq > this.lastSeq + 1) await this.fill(item.seq - 1);
    // The read may have come back short only if the store lost data; never emit out of order.
    if (item.seq === this.lastSeq + 1) this.deliver(item);
  }

  private async fill(upTo: number | null): Promise<void> {
    for (;;) {
      if (upTo !== null && this.lastSeq >= upTo) return;
      const items = await this.read(this.lastSeq, upTo);
      let progressed = false;
      for (const item of items) {
        if (this.closed) return;
        if (item.seq === this.lastSeq + 1) {
          this.deliver(item);
          progressed = true;
        }
      }
      if (!progressed) return;
    }
  }

  private deliver(item: T): void {
    this.lastSeq = item.seq;
    this.emit(item);
  }
}
