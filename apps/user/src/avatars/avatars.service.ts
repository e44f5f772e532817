import { BadRequestException, ConflictException, HttpException, HttpStatus, Inject, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { SERVICE_CONFIG } from '@wealist/config';
import { matchesContentType, ObjectStore, SNIFF_BYTES, type PresignedPost, type PresignedUrl } from '@wealist/object-store';
import { randomBytes } from 'node:crypto';
import type { UserConfig } from '../user.config';
import { AvatarsRepository } from './avatars.repository';
import { AVATAR_TYPES, type AvatarType } from './dto/avatar.dto';

const TYPE_OF_EXTENSION = Object.fromEntries(Object.entries(AVATAR_TYPES).map(([type, ext]) => [ext, type])) as Record<string, AvatarType>;

/**
 * Profile pictures at profiles/{userId}/avatar.<version>.<ext>. Each upload gets a new version,
 * so a bad upload never overwrites the current picture: it becomes current only once
 * completion has checked it, and the older objects are removed then.
 */
@Injectable()
export class AvatarsService {
  constructor(
    private readonly avatars: AvatarsRepository,
    private readonly store: ObjectStore,
    @Inject(SERVICE_CONFIG) private readonly config: UserConfig,
  ) {}

  async requestUpload(userId: string, contentType: AvatarType, size: number): Promise<PresignedPost & { key: string }> {
    if (size > this.config.AVATAR_MAX_BYTES) {
      throw new HttpException(`size must not exceed ${this.config.AVATAR_MAX_BYTES} bytes`, HttpStatus.PAYLOAD_TOO_LARGE);
    }
    const key = `${prefix(userId)}avatar.${randomBytes(8).toString('hex')}.${AVATAR_TYPES[contentType]}`;
    const post = await this.store.presignPost(key, { contentType, minSize: size, maxSize: size, ttlSeconds: this.config.AVATAR_UPLOAD_TTL_SECONDS });
    return { ...post, key };
  }

  /** Verifies the uploaded image (size limit, magic bytes) and makes it the avatar. */
  async complete(userId: string, key: string): Promise<void> {
    const type = this.typeOfOwnKey(userId, key);
    const stored = await this.store.stat(key);
    if (!stored) throw new ConflictException('The image has not been uploaded yet');
    const head = await this.store.readHead(key, stored.size, SNIFF_BYTES);
    const problem =
      stored.size > this.config.AVATAR_MAX_BYTES
        ? `The image is larger than ${this.config.AVATAR_MAX_BYTES} bytes`
        : !matchesContentType(type, head, stored.size)
          ? `The file content is not ${type}`
          : null;
    if (problem) {
      await this.store.remove(key);
      throw new UnprocessableEntityException(problem);
    }
    const previous = await this.avatars.replace(userId, key);
    if (previous === key) return;
    // Everything else under the prefix: the replaced avatar and abandoned uploads.
    const stale = (await this.store.list(prefix(userId))).filter((k) => k !== key);
    await this.store.remove(...stale);
  }

  async remove(userId: string): Promise<void> {
    const previous = await this.avatars.replace(userId, null);
    if (previous) await this.store.remove(previous);
  }

  /** A download link for the avatar of `ownerId`, for `viewerId` (themselves or someone sharing a workspace). */
  async url(viewerId: string, ownerId: string): Promise<PresignedUrl> {
    if (viewerId !== ownerId && !(await this.avatars.sharesWorkspace(viewerId, ownerId))) throw new NotFoundException('Avatar not found');
    const key = await this.avatars.currentKey(ownerId);
    if (!key) throw new NotFoundException('Avatar not found');
    const ext = key.split('.').pop() ?? '';
    return this.store.presignGet(key, { fileName: `avatar.${ext}`, contentType: TYPE_OF_EXTENSION[ext], ttlSeconds: this.config.AVATAR_URL_TTL_SECONDS, inline: true });
  }

  /** Only keys this service issued for this user are accepted back. */
  private typeOfOwnKey(userId: string, key: string): AvatarType {
    const match = new RegExp(`^${prefix(userId)}avatar\\.[0-9a-f]{16}\\.(png|jpg|webp|gif)$`).exec(key);
    if (!match) throw new BadRequestException('key is not an avatar upload of this user');
    return TYPE_OF_EXTENSION[match[1]];
  }
}

function prefix(userId: string): string {
  return `profiles/${userId}/`;
}
