import {
  BadRequestException,
  ConflictException,
  GoneException,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import type { AuthenticatedUser } from '@wealist/auth-guard';
import { SERVICE_CONFIG } from '@wealist/config';
import { normalizeContentType, ObjectStore, type PresignedPut, type UploadedPart } from '@wealist/object-store';
import { randomUUID } from 'node:crypto';
import { WorkspaceAccess } from '../access/workspace-access.service';
import type { FileEntity } from '../files/file.entity';
import { FilesRepository } from '../files/files.repository';
import { ObjectCleanup } from '../files/object-cleanup.service';
import { FoldersRepository } from '../folders/folders.repository';
import { FoldersService } from '../folders/folders.service';
import { QuotaService } from '../quota/quota.service';
import type { StorageConfig } from '../storage.config';
import type { CreateUploadDto } from './dto/upload.dto';
import { MAX_PARTS } from './dto/upload.dto';
import { UploadMetrics } from './upload.metrics';
import { UploadVerifier } from './upload.verifier';

const MiB = 1024 * 1024;
/** S3 wants parts of at least 5 MiB (except the last); 8 MiB keeps part counts modest. */
const MIN_PART_SIZE = 8 * MiB;

export interface StartedUpload {
  file: FileEntity;
  put?: PresignedPut;
  multipart?: { partSize: number; partCount: number };
}

export function partPlan(size: number): { partSize: number; partCount: number } {
  const partSize = Math.max(MIN_PART_SIZE, Math.ceil(size / MAX_PARTS / MiB) * MiB);
  return { partSize, partCount: Math.max(1, Math.ceil(size / partSize)) };
}

/**
 * Upload request -> presigned URL -> completion. A file is a pending row (reserving quota)
 * from the request on and becomes visible only once completion has verified the object.
 */
@Injectable()
export class UploadsService {
  constructor(
    private readonly files: FilesRepository,
    private readonly tree: FoldersRepository,
    private readonly folders: FoldersService,
    private readonly quota: QuotaService,
    private readonly access: WorkspaceAccess,
    private readonly store: ObjectStore,
    private readonly verifier: UploadVerifier,
    private readonly cleanup: ObjectCleanup,
    private readonly metrics: UploadMetrics,
    @Inject(SERVICE_CONFIG) private readonly config: StorageConfig,
  ) {}

  async request(workspaceId: string, caller: AuthenticatedUser, input: CreateUploadDto): Promise<StartedUpload> {
    await this.access.member(workspaceId, caller.id);
    const contentType = normalizeContentType(input.contentType);
    if (!contentType) throw new UnsupportedMediaTypeException(`contentType ${input.contentType} is not accepted`);
    const multipart = input.multipart ?? false;
    this.checkSize(input.size, multipart);
    const folderId = input.folderId ?? null;
    const id = randomUUID();
    const file: Partial<FileEntity> = {
      id,
      workspaceId,
      folderId,
      name: input.name,
      size: input.size,
      contentType,
      // Server-made key: the client's name never reaches the bucket's namespace.
      objectKey: `storage/${workspaceId}/${folderId ?? 'root'}/${id}`,
      status: 'pending',
      partSize: multipart ? partPlan(input.size).partSize : null,
      expiresAt: new Date(Date.now() + this.config.STORAGE_UPLOAD_TTL_SECONDS * 1000),
      createdBy: caller.id,
    };
    // Quota first, then the tree lock (the order every path uses), so the folder cannot go to
    // the trash between the check and the insert.
    await this.quota.withRoomFor(workspaceId, caller.planTier, input.size, async (m) => {
      await this.tree.lockTree(workspaceId, m);
      if (folderId) await this.folders.liveFolder(workspaceId, folderId, m);
      await this.files.insert(file, m);
    });
    try {
      return multipart ? await this.startMultipart(id, file as FileEntity) : await this.startSingle(id, file as FileEntity);
    } catch (err) {
      await this.discard(file as FileEntity); // give the reservation back
      throw err;
    }
  }

  async presignParts(workspaceId: string, caller: AuthenticatedUser, id: string, partNumbers: number[]): Promise<{ urls: { partNumber: number; url: string }[]; expiresAt: Date }> {
    await this.access.member(workspaceId, caller.id);
    const file = await this.pending(workspaceId, caller, id);
    if (!file.multipartUploadId || !file.partSize) throw new ConflictException('This upload is not a multipart upload');
    const { partCount } = partPlan(file.size);
    const beyond = partNumbers.find((n) => n > partCount);
    if (beyond) throw new BadRequestException(`partNumbers must be between 1 and ${partCount} (got ${beyond})`);
    const ttl = Math.floor(((file.expiresAt?.getTime() ?? 0) - Date.now()) / 1000);
    if (ttl < 1) throw new GoneException('This upload has expired; start a new one');
    const urls = await Promise.all(
      partNumbers.map(async (partNumber) => ({ partNumber, url: (await this.store.presignPart(file.objectKey, file.multipartUploadId as string, partNumber, ttl)).url })),
    );
    this.metrics.presigned.inc({ operation: 'part' }, urls.length);
    return { urls, expiresAt: file.expiresAt as Date };
  }

  /** Verifies what arrived; a refused upload is deleted, bytes and row, so nothing of it stays visible. */
  async complete(workspaceId: string, caller: AuthenticatedUser, id: string, parts: UploadedPart[] | undefined): Promise<FileEntity> {
    await this.access.member(workspaceId, caller.id);
    const existing = await this.files.findAny(workspaceId, id);
    if (existing?.status === 'active' && existing.createdBy === caller.id) return existing; // a retried completion
    let file = await this.pending(workspaceId, caller, id);
    if (file.multipartUploadId) file = await this.assemble(file, parts);
    else if (parts?.length) throw new BadRequestException('parts are only for multipart uploads');

    const verdict = await this.verifier.verify(file);
    if (verdict.kind === 'missing') throw new ConflictException('The file has not been uploaded yet');
    if (verdict.kind === 'refused') {
      await this.discard(file);
      this.metrics.refused.inc({ reason: verdict.reason });
      throw new UnprocessableEntityException(verdict.message);
    }
    try {
      // Confirmed against the quota as it is now (the plan or other uploads may have changed).
      const done = await this.quota.withRoomFor(
        workspaceId,
        caller.planTier,
        file.size,
        (m) => this.files.update(id, { status: 'active', completedAt: new Date(), expiresAt: null }, m),
        id,
      );
      this.metrics.completed.inc({ method: file.partSize ? 'multipart' : 'put' });
      this.metrics.bytes.inc(file.size);
      return done;
    } catch (err) {
      if (err instanceof HttpException && err.getStatus() === HttpStatus.PAYLOAD_TOO_LARGE) {
        await this.discard(file);
        this.metrics.refused.inc({ reason: 'quota' });
      }
      throw err;
    }
  }

  async abort(workspaceId: string, caller: AuthenticatedUser, id: string): Promise<void> {
    await this.access.member(workspaceId, caller.id);
    const existing = await this.files.findAny(workspaceId, id);
    if (existing?.status === 'active' && existing.createdBy === caller.id) {
      throw new ConflictException('This upload is complete; move the file to the trash instead');
    }
    await this.discard(await this.pending(workspaceId, caller, id));
  }

  private checkSize(size: number, multipart: boolean): void {
    if (size > this.config.STORAGE_MAX_FILE_BYTES) {
      throw new HttpException(`size must not exceed ${this.config.STORAGE_MAX_FILE_BYTES} bytes`, HttpStatus.PAYLOAD_TOO_LARGE);
    }
    if (!multipart && size > this.config.STORAGE_SINGLE_UPLOAD_MAX_BYTES) {
      throw new BadRequestException(`Files over ${this.config.STORAGE_SINGLE_UPLOAD_MAX_BYTES} bytes must be uploaded with multipart: true`);
    }
    if (multipart && size === 0) throw new BadRequestException('An empty file cannot be a multipart upload');
  }

  private async startSingle(id: string, file: FileEntity): Promise<StartedUpload> {
    // Exact size and type signed into the URL: S3 refuses any other PUT already at upload time.
    const put = await this.store.presignPut(file.objectKey, { contentType: file.contentType, size: file.size, ttlSeconds: this.config.STORAGE_UPLOAD_TTL_SECONDS });
    this.metrics.presigned.inc({ operation: 'upload' });
    return { file: (await this.files.findAny(file.workspaceId, id)) as FileEntity, put };
  }

  private async startMultipart(id: string, file: FileEntity): Promise<StartedUpload> {
    const uploadId = await this.store.createMultipartUpload(file.objectKey, file.contentType);
    const stored = await this.files.update(id, { multipartUploadId: uploadId });
    return { file: stored, multipart: partPlan(file.size) };
  }

  private async assemble(file: FileEntity, parts: UploadedPart[] | undefined): Promise<FileEntity> {
    const { partCount } = partPlan(file.size);
    if (!parts || parts.length !== partCount || parts.some((p, i) => p.partNumber !== i + 1)) {
      throw new BadRequestException(`parts must list all ${partCount} parts in order, numbered from 1`);
    }
    await this.store.completeMultipartUpload(file.objectKey, file.multipartUploadId as string, parts);
    return this.files.update(file.id, { multipartUploadId: null });
  }

  /** Uploads belong to whoever started them; anyone else sees no such upload. */
  private async pending(workspaceId: string, caller: AuthenticatedUser, id: string): Promise<FileEntity> {
    const file = await this.files.findAny(workspaceId, id);
    if (!file || file.status !== 'pending' || file.createdBy !== caller.id) throw new NotFoundException('Upload not found');
    return file;
  }

  private async discard(file: FileEntity): Promise<void> {
    const ref = { objectKey: file.objectKey, multipartUploadId: file.multipartUploadId ?? null };
    await this.files.transaction(async (m) => {
      await this.files.delete(file.id, m);
      await this.cleanup.enqueue([ref], m);
    });
    await this.cleanup.flush([ref]);
  }
}
