import { Injectable } from '@nestjs/common';
import { ServiceMetrics } from '@wealist/telemetry';
import type { Counter } from 'prom-client';

/** Business metrics of the upload flow, on the service's own registry (/metrics). */
@Injectable()
export class UploadMetrics {
  readonly presigned: Counter<'operation'>;
  readonly completed: Counter<'method'>;
  readonly refused: Counter<'reason'>;
  readonly bytes: Counter;

  constructor(metrics: ServiceMetrics) {
    this.presigned = metrics.counter('storage_presigned_upload_urls_total', 'Presigned upload URLs issued, by operation (upload, part)', ['operation']);
    this.completed = metrics.counter('storage_uploads_completed_total', 'Uploads verified and made visible, by method (put, multipart)', ['method']);
    this.refused = metrics.counter('storage_uploads_refused_total', 'Uploads refused at completion, by reason (size, type, content, quota)', ['reason']);
    this.bytes = metrics.counter('storage_uploaded_bytes_total', 'Bytes of uploads made visible');
  }
}
