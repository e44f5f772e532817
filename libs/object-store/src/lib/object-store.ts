import { ServiceUnavailableException, UnprocessableEntityException } from '@nestjs/common';
import * as http from 'node:http';
import * as https from 'node:https';
import { Client, PostPolicy } from 'minio';
import type { ObjectStoreSettings } from './object-store.config';
import { contentDisposition } from './content-disposition.format';
import { presignV4 } from './presign.signer';

export interface PresignedPost {
  /** POST a multipart/form-data body here: every field below, then the file as field "file" (last). */
  url: string;
  fields: Record<string, string>;
  expiresAt: Date;
}

export interface PresignedPut {
  /** PUT the bytes here with exactly these headers (browsers set Content-Length from the body). */
  url: string;
  headers: Record<string, string>;
  expiresAt: Date;
}

export interface PresignedUrl {
  url: string;
  expiresAt: Date;
}

export interface StoredObject {
  size: number;
  etag: string;
  contentType: string | null;
  lastModified: Date;
}

export interface UploadedPart {
  partNumber: number;
  etag: string;
}

/** Metadata calls that take longer than this count as the store being unavailable. */
const CALL_TIMEOUT_MS = 10_000;
const NOT_FOUND = new Set(['NotFound', 'NoSuchKey']);
/** S3 answers to a bad multipart completion: the client's fault, not the store's. */
const BAD_COMPLETION = new Set(['InvalidPart', 'InvalidPartOrder', 'EntityTooSmall', 'NoSuchUpload', 'MalformedXML']);

function client(endpoint: URL, settings: ObjectStoreSettings, agent?: http.Agent): Client {
  const useSSL = endpoint.protocol === 'https:';
  return new Client({
    endPoint: endpoint.hostname,
    port: endpoint.port ? Number(endpoint.port) : useSSL ? 443 : 80,
    useSSL,
    accessKey: settings.accessKey,
    secretKey: settings.secretKey,
    // A fixed region keeps presigning offline (no GetBucketLocation round trip).
    region: settings.region,
    pathStyle: true,
    transportAgent: agent,
    // The client's retry logs with console.warn, outside the JSON logs; callers decide instead.
    retryOptions: { disableRetry: true },
  });
}

function codeOf(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null ? (err as { code?: string }).code : undefined;
}

/**
 * The bucket of one service, through the `minio` client. Operations go to the internal
 * endpoint; presigned URLs are signed for the public endpoint browsers use. Keys are always
 * built by the calling service, never taken from a client.
 *
 * Built without settings (optional config, no credentials) every call answers 503, so a
 * service can offer the feature without every caller checking whether it is configured.
 */
export class ObjectStore {
  private readonly clients: { internal: Client; signer: Client; settings: ObjectStoreSettings } | null;
  private bucketReady = false;

  constructor(settings: ObjectStoreSettings | null) {
    if (!settings) {
      this.clients = null;
      return;
    }
    const agent = settings.endpoint.protocol === 'https:' ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
    this.clients = { internal: client(settings.endpoint, settings, agent), signer: client(settings.publicEndpoint, settings), settings };
  }

  get configured(): boolean {
    return this.clients !== null;
  }

  get bucket(): string {
    return this.use().settings.bucket;
  }

  private get internal(): Client {
    return this.use().internal;
  }

  private get signer(): Client {
    return this.use().signer;
  }

  private use() {
    if (!this.clients) throw new ServiceUnavailableException('Object storage is not configured');
    return this.clients;
  }

  /** Creates the bucket when it is missing; also the readiness check (throws while the store is down). */
  async ensureBucket(): Promise<void> {
    const exists = await this.call(() => this.internal.bucketExists(this.bucket));
    if (exists) {
      this.bucketReady = true;
      return;
    }
    try {
      await this.call(() => this.internal.makeBucket(this.bucket, this.use().settings.region));
    } catch (err) {
      // Another service created it in the meantime.
      if (!['BucketAlreadyOwnedByYou', 'BucketAlreadyExists'].includes(codeOf(err) ?? '')) throw err;
    }
    this.bucketReady = true;
  }

  /**
   * A browser upload form bound to one key, an exact content type and a size range: S3 refuses
   * a POST that breaks any of them (and the caller verifies again at completion, because not
   * every S3 implementation enforces policies).
   */
  async presignPost(key: string, options: { contentType: string; minSize: number; maxSize: number; ttlSeconds: number }): Promise<PresignedPost> {
    await this.ready();
    const expiresAt = new Date(Date.now() + options.ttlSeconds * 1000);
    const policy = new PostPolicy();
    policy.setBucket(this.bucket);
    policy.setKey(key);
    policy.setContentType(options.contentType);
    policy.setContentLengthRange(options.minSize, options.maxSize);
    policy.setExpires(expiresAt);
    const { postURL, formData } = await this.signer.presignedPostPolicy(policy);
    return { url: postURL, fields: formData as Record<string, string>, expiresAt };
  }

  /**
   * A single PUT bound to one key, an exact content type and an exact size (both signed
   * headers: S3 refuses a PUT that sends other values). Cheaper for clients and S3 than a
   * form POST; as with POST, the caller verifies again at completion.
   */
  async presignPut(key: string, options: { contentType: string; size: number; ttlSeconds: number }): Promise<PresignedPut> {
    await this.ready();
    const { settings } = this.use();
    const headers = { 'content-type': options.contentType, 'content-length': String(options.size) };
    const url = presignV4({
      method: 'PUT',
      endpoint: settings.publicEndpoint,
      bucket: settings.bucket,
      key,
      region: settings.region,
      accessKey: settings.accessKey,
      secretKey: settings.secretKey,
      expiresSeconds: options.ttlSeconds,
      headers,
    });
    return { url, headers: { 'Content-Type': options.contentType, 'Content-Length': String(options.size) }, expiresAt: new Date(Date.now() + options.ttlSeconds * 1000) };
  }

  /** A download link that makes the browser save the object under its original name. */
  async presignGet(key: string, options: { fileName: string; contentType?: string; ttlSeconds: number; inline?: boolean }): Promise<PresignedUrl> {
    const headers: Record<string, string> = {
      'response-content-disposition': contentDisposition(options.fileName, options.inline ? 'inline' : 'attachment'),
    };
    if (options.contentType) headers['response-content-type'] = options.contentType;
    const url = await this.signer.presignedGetObject(this.bucket, key, options.ttlSeconds, headers);
    return { url, expiresAt: new Date(Date.now() + options.ttlSeconds * 1000) };
  }

  /** Size, ETag and content type of an object, or null when there is none. */
  async stat(key: string): Promise<StoredObject | null> {
    try {
      const stat = await this.call(() => this.internal.statObject(this.bucket, key));
      const type = stat.metaData['content-type'] as string | undefined;
      return { size: stat.size, etag: stat.etag, contentType: type ?? null, lastModified: stat.lastModified };
    } catch (err) {
      if (NOT_FOUND.has(codeOf(err) ?? '')) return null;
      throw err;
    }
  }

  /** The first `length` bytes of an object of `size` bytes (S3 refuses a range on an empty object). */
  async readHead(key: string, size: number, length: number): Promise<Buffer> {
    if (size === 0) return Buffer.alloc(0);
    const stream = await this.call(() => this.internal.getPartialObject(this.bucket, key, 0, Math.min(length, size)));
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).subarray(0, length);
  }

  /** Removes objects; removing one that does not exist is not an error. */
  async remove(...keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    if (keys.length === 1) {
      await this.call(() => this.internal.removeObject(this.bucket, keys[0]));
      return;
    }
    for (let i = 0; i < keys.length; i += 1000) {
      await this.call(() => this.internal.removeObjects(this.bucket, keys.slice(i, i + 1000)));
    }
  }

  /** Keys under a prefix (e.g. every avatar of one user). */
  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    const stream = this.internal.listObjectsV2(this.bucket, prefix, true);
    for await (const item of stream) if ((item as { name?: string }).name) keys.push((item as { name: string }).name);
    return keys;
  }

  async createMultipartUpload(key: string, contentType: string): Promise<string> {
    await this.ready();
    return this.call(() => this.internal.initiateNewMultipartUpload(this.bucket, key, { 'Content-Type': contentType }));
  }

  /** A URL the client PUTs one part to; the response's ETag header is what completion needs. */
  async presignPart(key: string, uploadId: string, partNumber: number, ttlSeconds: number): Promise<PresignedUrl> {
    const url = await this.signer.presignedUrl('PUT', this.bucket, key, ttlSeconds, { partNumber: String(partNumber), uploadId });
    return { url, expiresAt: new Date(Date.now() + ttlSeconds * 1000) };
  }

  /** Assembles the parts; S3's own refusals (missing or too small parts) become 422. */
  async completeMultipartUpload(key: string, uploadId: string, parts: readonly UploadedPart[]): Promise<void> {
    try {
      await this.call(() =>
        this.internal.completeMultipartUpload(this.bucket, key, uploadId, parts.map((p) => ({ part: p.partNumber, etag: p.etag }))),
      );
    } catch (err) {
      if (BAD_COMPLETION.has(codeOf(err) ?? '')) {
        throw new UnprocessableEntityException(`The parts could not be assembled: ${(err as Error).message}`);
      }
      throw err;
    }
  }

  /**
   * Frees the parts of an abandoned upload. An upload the store no longer knows is already gone;
   * a store without AbortMultipartUpload (s3rver) keeps the parts until its own cleanup - with
   * MinIO/S3, a bucket lifecycle rule for incomplete uploads is the backstop either way.
   */
  async abortMultipartUpload(key: string, uploadId: string): Promise<void> {
    try {
      await this.call(() => this.internal.abortMultipartUpload(this.bucket, key, uploadId));
    } catch (err) {
      if (!['NoSuchUpload', 'NotImplemented', 'MethodNotAllowed'].includes(codeOf(err) ?? '')) throw err;
    }
  }

  private async ready(): Promise<void> {
    if (!this.bucketReady) await this.ensureBucket();
  }

  /**
   * Runs one call with a deadline. Network failures and timeouts become 503 (the store is down,
   * not the request wrong); S3 error answers pass through for the caller to interpret.
   */
  private async call<T>(work: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ServiceUnavailableException('Object storage did not answer in time')), CALL_TIMEOUT_MS);
    });
    try {
      return await Promise.race([work(), timeout]);
    } catch (err) {
      const code = codeOf(err);
      if (code && /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|EPIPE)$/.test(code)) {
        throw new ServiceUnavailableException('Object storage is unavailable');
      }
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }
}
