import {
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  PayloadTooLargeException,
  UnprocessableEntityException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import type { AuthenticatedUser } from '@wealist/auth-guard';
import { SERVICE_CONFIG } from '@wealist/config';
import { matchesContentType, normalizeContentType, ObjectStore, SNIFF_BYTES, type PresignedPost } from '@wealist/object-store';
import { randomUUID } from 'node:crypto';
import { mayModerate } from '../access/role-policy';
import { WorkspaceAccess } from '../access/workspace-access.service';
import { ActivityRepository } from '../activity/activity.repository';
import type { BoardConfig } from '../board.config';
import { BoardsRepository } from '../boards/boards.repository';
import { assertNotArchived } from '../common/versioning';
import { TaskLookup } from '../tasks/task-lookup.service';
import type { AttachmentEntity } from './attachment.entity';
import { attachmentKey, cleanFileName } from './attachment-key';
import { AttachmentsRepository } from './attachments.repository';
import type { RequestUploadDto } from './dto/attachment.dto';

/**
 * Task attachments go straight from the browser to the object store: the service signs an
 * upload form bound to one key, the declared content type and the exact size, and records the
 * attachment once the object is there and matches (stores that do not enforce the policy are
 * caught at that check).
 */
@Injectable()
export class AttachmentsService {
  private readonly logger = new Logger(AttachmentsService.name);

  constructor(
    private readonly attachments: AttachmentsRepository,
    private readonly lookup: TaskLookup,
    private readonly boards: BoardsRepository,
    private readonly access: WorkspaceAccess,
    private readonly activity: ActivityRepository,
    private readonly store: ObjectStore,
    @Inject(SERVICE_CONFIG) private readonly config: BoardConfig,
  ) {}

  async requestUpload(caller: AuthenticatedUser, taskId: string, input: RequestUploadDto): Promise<{ attachment: AttachmentEntity; upload: PresignedPost }> {
    const { task } = await this.lookup.find(caller, taskId, 'work');
    assertNotArchived('Board', (await this.boards.findById(task.boardId))?.archivedAt ?? null);
    if (input.size > this.config.ATTACHMENT_MAX_BYTES) {
      throw new PayloadTooLargeException(`size ${input.size} exceeds the attachment limit of ${this.config.ATTACHMENT_MAX_BYTES} bytes`);
    }
    const contentType = normalizeContentType(input.contentType);
    if (!contentType) throw new UnsupportedMediaTypeException(`contentType ${input.contentType} is not accepted`);
    const id = randomUUID();
    const key = attachmentKey(task.boardId, id);
    const upload = await this.store.presignPost(key, { contentType, minSize: input.size, maxSize: input.size, ttlSeconds: this.config.ATTACHMENT_URL_TTL_SECONDS });
    const attachment = await this.attachments.create({
      id,
      workspaceId: task.workspaceId,
      boardId: task.boardId,
      taskId,
      objectKey: key,
      fileName: cleanFileName(input.fileName),
      contentType,
      size: input.size,
      uploadedBy: caller.id,
    });
    return { attachment, upload };
  }

  /** Verifies the uploaded object (exists, exact size, type, leading bytes) and records it; idempotent. */
  async complete(caller: AuthenticatedUser, id: string): Promise<AttachmentEntity> {
    const current = await this.find(caller, id);
    if (current.uploadedBy !== caller.id) throw new ForbiddenException('Only the uploader can complete an upload');
    if (current.status === 'ready') return current;
    const object = await this.store.stat(current.objectKey);
    if (!object) throw new ConflictException('The file has not been uploaded yet');
    const declaredType = object.contentType ? normalizeContentType(object.contentType) : null;
    const head = object.size === current.size ? await this.store.readHead(current.objectKey, object.size, SNIFF_BYTES) : Buffer.alloc(0);
    if (object.size !== current.size || declaredType !== current.contentType || !matchesContentType(current.contentType, head, object.size)) {
      await this.store.remove(current.objectKey);
      throw new UnprocessableEntityException(`The uploaded file does not match the declared size (${current.size} bytes) and content type (${current.contentType}); upload it again`);
    }
    return this.attachments.transaction(async (m) => {
      const locked = await this.attachments.lock(id, m);
      if (!locked) throw new NotFoundException('Attachment not found');
      if (locked.status === 'ready') return locked;
      const ready = await this.attachments.markReady(id, m);
      await this.activity.record(
        { workspaceId: ready.workspaceId, boardId: ready.boardId, taskId: ready.taskId, actorId: caller.id, action: 'attachment.added', details: { attachmentId: id, fileName: ready.fileName, size: ready.size } },
        m,
      );
      return ready;
    });
  }

  async list(caller: AuthenticatedUser, taskId: string): Promise<AttachmentEntity[]> {
    await this.lookup.find(caller, taskId, 'read');
    return this.attachments.listReady(taskId);
  }

  async download(caller: AuthenticatedUser, id: string): Promise<{ attachment: AttachmentEntity; url: string; expiresAt: Date }> {
    const attachment = await this.find(caller, id, 'read');
    if (attachment.status !== 'ready') throw new ConflictException('The upload of this attachment is not complete');
    const link = await this.store.presignGet(attachment.objectKey, { fileName: attachment.fileName, contentType: attachment.contentType, ttlSeconds: this.config.ATTACHMENT_URL_TTL_SECONDS });
    return { attachment, url: link.url, expiresAt: link.expiresAt };
  }

  /** The uploader or a manager; the row goes first, so a failed object removal leaves no dangling row. */
  async delete(caller: AuthenticatedUser, id: string): Promise<void> {
    const attachment = await this.attachments.findById(id);
    if (!attachment) throw new NotFoundException('Attachment not found');
    const role = await this.access.require(attachment.workspaceId, caller, 'work', 'Attachment');
    if (!mayModerate(role, caller.id, attachment.uploadedBy)) throw new ForbiddenException('Only the uploader or workspace owners and admins can delete an attachment');
    assertNotArchived('Board', (await this.boards.findById(attachment.boardId))?.archivedAt ?? null);
    await this.attachments.transaction(async (m) => {
      await this.attachments.remove(id, m);
      if (attachment.status === 'ready') {
        await this.activity.record(
          { workspaceId: attachment.workspaceId, boardId: attachment.boardId, taskId: attachment.taskId, actorId: caller.id, action: 'attachment.removed', details: { attachmentId: id, fileName: attachment.fileName } },
          m,
        );
      }
    });
    await this.store.remove(attachment.objectKey).catch((err: unknown) => this.logger.warn(`attachment object not removed: ${err instanceof Error ? err.message : String(err)}`));
  }

  private async find(caller: AuthenticatedUser, id: string, capability: 'read' | 'work' = 'work'): Promise<AttachmentEntity> {
    const attachment = await this.attachments.findById(id);
    if (!attachment) throw new NotFoundException('Attachment not found');
    await this.access.require(attachment.workspaceId, caller, capability, 'Attachment');
    return attachment;
  }
}
