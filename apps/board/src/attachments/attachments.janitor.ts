import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { SERVICE_CONFIG } from '@wealist/config';
import { ObjectStore } from '@wealist/object-store';
import type { BoardConfig } from '../board.config';
import { AttachmentsRepository } from './attachments.repository';

const EVERY_MS = 15 * 60_000;
/** An upload may still be in flight right when its URL expires; give it an hour more. */
const GRACE_SECONDS = 3_600;

/** Forgets uploads that were requested and never completed, and removes whatever they left in the bucket. */
@Injectable()
export class AttachmentsJanitor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AttachmentsJanitor.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly attachments: AttachmentsRepository,
    private readonly store: ObjectStore,
    @Inject(SERVICE_CONFIG) private readonly config: BoardConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep().catch(() => undefined), EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<number> {
    const abandoned = await this.attachments.takeAbandoned(this.config.ATTACHMENT_URL_TTL_SECONDS + GRACE_SECONDS, 500);
    if (abandoned.length > 0 && this.store.configured) {
      await this.store.remove(...abandoned.map((a) => a.objectKey)).catch((err: unknown) => {
        this.logger.warn(`abandoned upload objects not removed: ${err instanceof Error ? err.message : String(err)}`);
      });
    }
    return abandoned.length;
  }
}
