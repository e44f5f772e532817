import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SERVICE_CONFIG } from '@wealist/config';
import type { DataSource } from 'typeorm';
import { ObjectCleanup, type ObjectRef } from '../files/object-cleanup.service';
import type { StorageConfig } from '../storage.config';

/** A presigned POST is checked when it starts; a large one may still be arriving after expiry. */
const GRACE_SECONDS = 15 * 60;

/**
 * Deletes uploads that were requested but never completed (their reservation has lapsed) and
 * retries object deletions the bucket refused earlier. Safe with several instances: each row is
 * claimed with SKIP LOCKED.
 */
@Injectable()
export class UploadSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('UploadSweeper');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cleanup: ObjectCleanup,
    @Inject(SERVICE_CONFIG) private readonly config: StorageConfig,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.STORAGE_SWEEP_INTERVAL_SECONDS;
    if (seconds === 0) return;
    this.timer = setInterval(() => {
      this.running ??= this.sweep()
        .then(
          () => undefined,
          (err: unknown) => this.logger.warn(`sweep failed: ${err instanceof Error ? err.message : String(err)}`),
        )
        .finally(() => (this.running = undefined));
    }, seconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass; returns how many abandoned uploads were removed. */
  async sweep(limit = 500): Promise<number> {
    const refs = await this.db.transaction(async (m) => {
      const gone = (await m.query(
        `WITH gone AS (
           DELETE FROM files WHERE id IN (
             SELECT id FROM files WHERE status = 'pending' AND expires_at < now() - make_interval(secs => $1)
              ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED)
           RETURNING object_key, multipart_upload_id)
         SELECT object_key AS "objectKey", multipart_upload_id AS "multipartUploadId" FROM gone`,
        [GRACE_SECONDS, limit],
      )) as ObjectRef[];
      await this.cleanup.enqueue(gone, m);
      return gone;
    });
    await this.cleanup.flush(refs);
    await this.cleanup.retryPending();
    if (refs.length > 0) this.logger.log(`removed ${refs.length} abandoned uploads`);
    return refs.length;
  }
}
