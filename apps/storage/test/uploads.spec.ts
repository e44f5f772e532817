import { adminQuery } from '@wealist/testing';
import { randomBytes } from 'node:crypto';
import { UploadSweeper } from '../src/uploads/upload.sweeper';
import { createFolder, keyOf, listAll, PNG, putObject, uploadFile, type FileBody, type UploadBody } from './support/drive-client';
import { expectError, StorageTestContext, type TestUser } from './support/storage-test-context';

// Each file boots its own databases, S3/LiveKit stand-ins and a user service process.
jest.setTimeout(60_000);

// Uploads and downloads through presigned URLs against a real S3 server process (s3rver).
// s3rver checks neither signatures nor signed headers, so a client can send other bytes than
// it declared: exactly what completion must catch (MinIO/S3 would refuse such a PUT earlier).
describe('storage: uploads', () => {
  let ctx: StorageTestContext;
  let alice: TestUser;
  let ws: string;

  const objects = async () => (await adminQuery<{ n: number }>('SELECT count(*)::int AS n FROM files', [], ctx.db.name))[0].n;
  const stored = (key: string) => fetch(`${ctx.s3.endpoint}/${ctx.bucket}/${key}`, { method: 'HEAD' }).then((r) => r.status);

  beforeAll(async () => {
    ctx = await StorageTestContext.start('storage_uploads', { STORAGE_QUOTA_FREE_BYTES: String(64 * 1024) });
    alice = await ctx.user();
    ws = await ctx.workspace(alice);
  });
  afterAll(() => ctx?.stop());

  it('uploads through the presigned POST, completes, and downloads the same bytes under the original name', async () => {
    const folder = await createFolder(ctx, alice, ws, 'Reports');
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(5000)]);
    const { upload, complete } = await uploadFile(ctx, alice, ws, { name: 'Q3 résumé "final".pdf', bytes, contentType: 'application/pdf', folderId: folder });
    expect(keyOf(upload, ctx.bucket)).toBe(`storage/${ws}/${folder}/${upload.file.id}`);
    expect(upload.put!.headers).toEqual({ 'Content-Type': 'application/pdf', 'Content-Length': '5009' });
    expect(new URL(upload.put!.url).searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host');
    const file = await ctx.json<FileBody>(complete, 200);
    expect(file).toMatchObject({ name: 'Q3 résumé "final".pdf', size: 5009, contentType: 'application/pdf', folderId: folder });

    const link = await ctx.json<{ url: string }>(await ctx.api(alice, 'GET', ws, `/files/${file.id}/download`), 200);
    expect(new URL(link.url).origin).toBe(ctx.s3.endpoint);
    const download = await fetch(link.url);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(bytes);
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="Q3 resume _final_.pdf"; filename*=UTF-8''Q3%20r%C3%A9sum%C3%A9%20%22final%22.pdf`);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect((await listAll(ctx, alice, ws, `/entries?folderId=${folder}`)).map((e) => e.name)).toEqual(['Q3 résumé "final".pdf']);
    // A retried completion answers the same file.
    expect((await ctx.json<FileBody>(await ctx.api(alice, 'POST', ws, `/uploads/${file.id}/complete`, {}), 200)).id).toBe(file.id);
  });

  it('refuses a size that differs from the declaration at completion; nothing stays visible or stored', async () => {
    const before = await objects();
    const { upload, complete } = await uploadFile(ctx, alice, ws, { name: 'short.png', bytes: PNG, contentType: 'image/png', declaredSize: PNG.length + 10 });
    await expectError(complete, 422, /Uploaded size 2016 bytes does not match the declared 2026 bytes/);
    expect(await objects()).toBe(before);
    expect(await stored(keyOf(upload, ctx.bucket))).toBe(404);
    await expectError(await ctx.api(alice, 'POST', ws, `/uploads/${upload.file.id}/complete`, {}), 404, /Upload not found/);
    expect((await listAll(ctx, alice, ws, '/entries')).map((e) => e.name)).not.toContain('short.png');
  });

  it('refuses content whose first bytes do not match the declared type', async () => {
    const elf = Buffer.concat([Buffer.from('7f454c46', 'hex'), randomBytes(3000)]);
    const { upload, complete } = await uploadFile(ctx, alice, ws, { name: 'holiday.png', bytes: elf, contentType: 'image/png' });
    await expectError(complete, 422, /does not match the declared type image\/png/);
    expect(await stored(keyOf(upload, ctx.bucket))).toBe(404);
    const text = await uploadFile(ctx, alice, ws, { name: 'notes.txt', bytes: Buffer.from('line\u0000\u0001binary'), contentType: 'text/plain' });
    await expectError(text.complete, 422, /text\/plain/);
    expect(await listAll(ctx, alice, ws, '/search?q=holiday')).toEqual([]);
  });

  it('refuses an unsupported type (415), completing before uploading (409) and uploads of someone else (404)', async () => {
    await expectError(await ctx.api(alice, 'POST', ws, '/uploads', { name: 'x.exe', size: 10, contentType: 'application/x-msdownload' }), 415, /not accepted/);
    const upload = await ctx.json<UploadBody>(await ctx.api(alice, 'POST', ws, '/uploads', { name: 'later.png', size: PNG.length, contentType: 'image/png' }), 201);
    await expectError(await ctx.api(alice, 'POST', ws, `/uploads/${upload.file.id}/complete`, {}), 409, /not been uploaded yet/);
    const bob = await ctx.user();
    const shared = await ctx.workspace(alice, [[bob, 'member']]);
    const mine = await ctx.json<UploadBody>(await ctx.api(alice, 'POST', shared, '/uploads', { name: 'a.png', size: 10, contentType: 'image/png' }), 201);
    await expectError(await ctx.api(bob, 'POST', shared, `/uploads/${mine.file.id}/complete`, {}), 404, /Upload not found/);
    await expectError(await ctx.api(bob, 'DELETE', shared, `/uploads/${mine.file.id}`), 404);
    expect((await ctx.api(alice, 'DELETE', shared, `/uploads/${mine.file.id}`)).status).toBe(204);
    expect((await ctx.api(alice, 'DELETE', ws, `/uploads/${upload.file.id}`)).status).toBe(204);
  });

  it('handles names with "../", NUL and 1,000 characters safely, naming the field', async () => {
    const request = (name: string) => ctx.api(alice, 'POST', ws, '/uploads', { name, size: 10, contentType: 'text/plain' });
    await expectError(await request('../../etc/passwd'), 400, /name must not contain "\/" or "\\"/);
    await expectError(await request('..'), 400, /name must not be "\." or "\.\."/);
    await expectError(await request('evil\u0000.txt'), 400, /name must not contain control characters/);
    await expectError(await request('line\r\nX-Header: 1'), 400, /control characters/);
    const long = await expectError(await request('a'.repeat(1000)), 400, /name must be shorter than or equal to 255 characters/);
    expect(long['errors']).toEqual([expect.objectContaining({ field: 'name' })]);
    await expectError(await request('   '), 400, /name must not be empty/);
    await expectError(await ctx.api(alice, 'POST', ws, '/folders', { name: 'a/b' }), 400, /must not contain "\/"/);
    // Dots and odd characters that are not separators are fine; the key never contains the name.
    const { upload, complete } = await uploadFile(ctx, alice, ws, { name: '..hidden .. name;\'"<>|*?.txt', bytes: Buffer.from('ok'), contentType: 'text/plain' });
    expect((await ctx.json<FileBody>(complete, 200)).name).toBe('..hidden .. name;\'"<>|*?.txt');
    expect(keyOf(upload, ctx.bucket)).toBe(`storage/${ws}/root/${upload.file.id}`);
  });

  it('enforces the quota with 413 at request and again at completion', async () => {
    const small = await ctx.user();
    const own = await ctx.workspace(small);
    const usage = async () => ctx.json<{ usedBytes: number; quotaBytes: number }>(await ctx.api(small, 'GET', own, '/usage'), 200);
    await expectError(await ctx.api(small, 'POST', own, '/uploads', { name: 'big.bin', size: 64 * 1024 + 1, contentType: 'application/octet-stream' }), 413, /quota exceeded/);
    // Two reservations of 40 KiB: the second does not fit while the first is pending.
    const first = await ctx.json<UploadBody>(await ctx.api(small, 'POST', own, '/uploads', { name: 'a.bin', size: 40 * 1024, contentType: 'application/octet-stream' }), 201);
    await expectError(await ctx.api(small, 'POST', own, '/uploads', { name: 'b.bin', size: 40 * 1024, contentType: 'application/octet-stream' }), 413);
    expect((await usage()).usedBytes).toBe(40 * 1024);
    await putObject(first, randomBytes(40 * 1024));
    // Its reservation lapses (the URL expired) and another upload takes the space: completion re-checks.
    await adminQuery(`UPDATE files SET expires_at = now() - interval '1 second' WHERE id = $1`, [first.file.id], ctx.db.name);
    const filler = await uploadFile(ctx, small, own, { name: 'filler.bin', bytes: randomBytes(30 * 1024), contentType: 'application/octet-stream' });
    expect(filler.complete.status).toBe(200);
    await expectError(await ctx.api(small, 'POST', own, `/uploads/${first.file.id}/complete`, {}), 413, /quota exceeded/);
    expect(await stored(keyOf(first, ctx.bucket))).toBe(404);
    expect(await usage()).toMatchObject({ usedBytes: 30 * 1024, quotaBytes: 64 * 1024 });
    // Premium members get the premium quota.
    const rich = await ctx.user('premium');
    const richWs = await ctx.workspace(rich);
    expect((await ctx.api(rich, 'POST', richWs, '/uploads', { name: 'big.bin', size: 64 * 1024 + 1, contentType: 'application/octet-stream' })).status).toBe(201);
  });

  it('uploads large files in parts: presigned part PUTs, ordered completion, verified result', async () => {
    const carol = await ctx.user('premium'); // beyond this file's small free quota
    const own = await ctx.workspace(carol);
    const bytes = Buffer.concat([PNG, randomBytes(9 * 1024 * 1024)]);
    const requested = await ctx.api(carol, 'POST', own, '/uploads', { name: 'big.png', size: bytes.length, contentType: 'image/png', multipart: true });
    const upload = await ctx.json<UploadBody>(requested, 201);
    expect(upload.multipart).toEqual({ partSize: 8 * 1024 * 1024, partCount: 2 });
    await expectError(await ctx.api(carol, 'POST', own, `/uploads/${upload.file.id}/parts`, { partNumbers: [3] }), 400, /between 1 and 2/);
    const { parts } = await ctx.json<{ parts: { partNumber: number; url: string }[] }>(
      await ctx.api(carol, 'POST', own, `/uploads/${upload.file.id}/parts`, { partNumbers: [1, 2] }),
      200,
    );
    const etags: { partNumber: number; etag: string }[] = [];
    for (const part of parts) {
      const slice = bytes.subarray((part.partNumber - 1) * 8 * 1024 * 1024, part.partNumber * 8 * 1024 * 1024);
      const put = await fetch(part.url, { method: 'PUT', body: slice });
      etags.push({ partNumber: part.partNumber, etag: put.headers.get('etag') ?? '' });
    }
    await expectError(await ctx.api(carol, 'POST', own, `/uploads/${upload.file.id}/complete`, { parts: etags.slice(1) }), 400, /all 2 parts in order/);
    const file = await ctx.json<FileBody>(await ctx.api(carol, 'POST', own, `/uploads/${upload.file.id}/complete`, { parts: etags }), 200);
    expect(file.size).toBe(bytes.length);
    const link = await ctx.json<{ url: string }>(await ctx.api(carol, 'GET', own, `/files/${file.id}/download`), 200);
    expect(Buffer.from(await (await fetch(link.url)).arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('aborts a multipart upload and sweeps abandoned uploads with their objects', async () => {
    const started = await ctx.json<UploadBody>(await ctx.api(alice, 'POST', ws, '/uploads', { name: 'gone.bin', size: 100, contentType: 'application/octet-stream', multipart: true }), 201);
    expect((await ctx.api(alice, 'DELETE', ws, `/uploads/${started.file.id}`)).status).toBe(204);
    await expectError(await ctx.api(alice, 'POST', ws, `/uploads/${started.file.id}/parts`, { partNumbers: [1] }), 404);

    const abandoned = await ctx.json<UploadBody>(await ctx.api(alice, 'POST', ws, '/uploads', { name: 'left.png', size: PNG.length, contentType: 'image/png' }), 201);
    await putObject(abandoned, PNG);
    await adminQuery(`UPDATE files SET expires_at = now() - interval '1 day' WHERE id = $1`, [abandoned.file.id], ctx.db.name);
    expect(await ctx.service.app.get(UploadSweeper).sweep()).toBe(1);
    expect(await stored(keyOf(abandoned, ctx.bucket))).toBe(404);
    await expectError(await ctx.api(alice, 'POST', ws, `/uploads/${abandoned.file.id}/complete`, {}), 404);
  });
});
