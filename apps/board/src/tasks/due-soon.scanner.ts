import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { SERVICE_CONFIG } from '@wealist/config';
import type { BoardConfig } from '../board.config';
import { DueSoonRepository } from './due-soon.repository';

const BATCH = 200;

/** Periodically publishes task.due-soon, once per task and due date, DUE_SOON_HOURS ahead. */
@Injectable()
export class DueSoonScanner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DueSoonScanner.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly repository: DueSoonRepository,
    @Inject(SERVICE_CONFIG) private readonly config: BoardConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.scan().catch(() => undefined), this.config.DUE_SOON_SCAN_INTERVAL_SECONDS * 1000);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One pass (also called by tests); overlapping calls share the pass in flight. */
  scan(): Promise<number> {
    this.running ??= this.scanAll().finally(() => (this.running = undefined));
    return this.running;
  }

  private async scanAll(): Promise<number> {
    let total = 0;
    try {
      for (;;) {
        const announced = await this.repository.announceBatch(this.config.DUE_SOON_HOURS, BATCH);
        total += announced;
        if (announced < BATCH) return total;
      }
    } catch (err) {
      this.logger.warn(`due-soon scan failed: ${err instanceof Error ? err.message : String(err)}`);
      throw err;
    }
  }
}
