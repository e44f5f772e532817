import { Injectable } from '@nestjs/common';
import { matchesContentType, ObjectStore, SNIFF_BYTES } from '@wealist/object-store';
import type { FileEntity } from '../files/file.entity';

export type Verdict =
  | { kind: 'ok' }
  | { kind: 'missing' }
  | { kind: 'refused'; reason: 'size' | 'type' | 'content'; message: string };

/**
 * What arrived in the bucket versus what the upload request declared. A presigned URL lets the
 * client send anything, and not every S3 server enforces POST policies, so the service checks
 * the size, the stored type and the first bytes itself before a file becomes visible.
 */
@Injectable()
export class UploadVerifier {
  constructor(private readonly store: ObjectStore) {}

  async verify(file: FileEntity): Promise<Verdict> {
    const stored = await this.store.stat(file.objectKey);
    if (!stored) return { kind: 'missing' };
    if (stored.size !== file.size) {
      return { kind: 'refused', reason: 'size', message: `Uploaded size ${stored.size} bytes does not match the declared ${file.size} bytes` };
    }
    const storedType = stored.contentType?.split(';')[0].trim().toLowerCase();
    if (storedType && storedType !== file.contentType) {
      return { kind: 'refused', reason: 'type', message: `Uploaded content type ${storedType} does not match the declared ${file.contentType}` };
    }
    const head = await this.store.readHead(file.objectKey, stored.size, SNIFF_BYTES);
    if (!matchesContentType(file.contentType, head, stored.size)) {
      return { kind: 'refused', reason: 'content', message: `The file content does not match the declared type ${file.contentType}` };
    }
    return { kind: 'ok' };
  }
}
