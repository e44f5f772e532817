import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ObjectStore } from '@wealist/object-store';
import type { DataSource, EntityManager } from 'typeorm';
import { ObjectDeletionEntity } from './object-deletion.entity';

export interface ObjectRef {
  objectKey: string;
  multipartUploadId: string | null;
}

/**
 * Removes objects whose rows are gone. The keys are written in the same transaction that
 * deletes the rows (enqueue), removed from the bucket right after the commit (flush), and
 * whatever the store refused then is retried by the sweeper: a bucket outage can delay a purge
 * but never leave bytes behind for good.
 */
@Injectable()
export class ObjectCleanup {
  private readonly logger = new Logger('ObjectCleanup');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: ObjectStore,
  ) {}

  async enqueue(refs: readonly ObjectRef[], manager: EntityManager): Promise<void> {
    if (refs.length === 0) return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(ObjectDeletionEntity)
      .values(refs.map((r) => ({ objectKey: r.objectKey, multipartUploadId: r.multipartUploadId })))
      .orIgnore()
      .execute();
  }

  /** Best effort now; a failure is logged and left for the sweeper. */
  async flush(refs: readonly ObjectRef[]): Promise<void> {
    for (const ref of refs) {
      try {
        await this.removeOne(ref);
      } catch (err) {
        this.logger.warn(`object ${ref.objectKey} not removed yet: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }

  /** Retries deletions older than a minute (younger ones are still being flushed by their request). */
  async retryPending(limit = 500): Promise<number> {
    const refs = (await this.db.query(
      `SELECT object_key AS "objectKey", multipart_upload_id AS "multipartUploadId" FROM object_deletions
        WHERE requested_at < now() - interval '1 minute' ORDER BY requested_at LIMIT $1`,
      [limit],
    )) as ObjectRef[];
    await this.flush(refs);
    return refs.length;
  }

  private async removeOne(ref: ObjectRef): Promise<void> {
    if (ref.multipartUploadId) await this.store.abortMultipartUpload(ref.objectKey, ref.multipartUploadId);
    await this.store.remove(ref.objectKey);
    await this.db.getRepository(ObjectDeletionEntity).delete({ objectKey: ref.objectKey });
  }
}
