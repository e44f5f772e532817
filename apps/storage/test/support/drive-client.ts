import type { StorageTestContext, TestUser } from './storage-test-context';

export interface FileBody {
  id: string;
  name: string;
  folderId: string | null;
  size: number;
  contentType: string;
  trashedAt: string | null;
}

export interface UploadBody {
  file: FileBody;
  expiresAt: string;
  put?: { url: string; headers: Record<string, string> };
  multipart?: { partSize: number; partCount: number };
}

export interface Entry {
  kind: 'folder' | 'file';
  id: string;
  name: string;
  folderId: string | null;
}

export const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(2000, 7)]);

/** The browser's side of an upload: request, POST the bytes to S3, complete. */
export async function uploadFile(
  ctx: StorageTestContext,
  who: TestUser,
  ws: string,
  file: { name: string; bytes: Buffer; contentType: string; folderId?: string | null; declaredSize?: number },
): Promise<{ upload: UploadBody; complete: Response }> {
  const requested = await ctx.api(who, 'POST', ws, '/uploads', {
    folderId: file.folderId ?? null,
    name: file.name,
    size: file.declaredSize ?? file.bytes.length,
    contentType: file.contentType,
  });
  const upload = await ctx.json<UploadBody>(requested, 201);
  const put = await putObject(upload, file.bytes);
  if (put.status >= 300) throw new Error(`S3 PUT failed: ${put.status} ${await put.text()}`);
  const complete = await ctx.api(who, 'POST', ws, `/uploads/${upload.file.id}/complete`, {});
  return { upload, complete };
}

/**
 * What a client does with the presigned PUT: the bytes, with the signed headers. Bytes of
 * another size go without the signed Content-Length - a lying client, which MinIO/S3 would
 * refuse for the broken signature and s3rver (no signature checks) lets through.
 */
export function putObject(upload: UploadBody, bytes: Buffer): Promise<Response> {
  const { 'Content-Length': length, ...rest } = upload.put!.headers;
  const headers = Number(length) === bytes.length ? upload.put!.headers : rest;
  return fetch(upload.put!.url, { method: 'PUT', headers, body: bytes });
}

/** The object key the server chose, from the presigned URL's path. */
export function keyOf(upload: UploadBody, bucket: string): string {
  return decodeURIComponent(new URL(upload.put!.url).pathname).replace(`/${bucket}/`, '');
}

export async function createFolder(ctx: StorageTestContext, who: TestUser, ws: string, name: string, parentId: string | null = null): Promise<string> {
  const res = await ctx.api(who, 'POST', ws, '/folders', { name, parentId });
  return (await ctx.json<{ id: string }>(res, 201)).id;
}

/** Every entry of a listing, following nextCursor. */
export async function listAll(ctx: StorageTestContext, who: TestUser, ws: string, query: string, limit = 200): Promise<Entry[]> {
  const items: Entry[] = [];
  let cursor: string | null = null;
  do {
    const sep = query.includes('?') ? '&' : '?';
    const res = await ctx.api(who, 'GET', ws, `${query}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    const page = await ctx.json<{ items: Entry[]; nextCursor: string | null }>(res, 200);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}
