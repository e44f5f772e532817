import { randomUUID } from 'node:crypto';
import { createFolder, PNG, uploadFile, type FileBody } from './support/drive-client';
import { expectError, StorageTestContext, type TestUser } from './support/storage-test-context';

// Each file boots its own databases, S3/LiveKit stand-ins and a user service process.
jest.setTimeout(60_000);

describe('storage: workspace access, health and telemetry', () => {
  let ctx: StorageTestContext;
  let owner: TestUser;
  let member: TestUser;
  let outsider: TestUser;
  let ws: string;
  let folder: string;
  let file: FileBody;

  beforeAll(async () => {
    ctx = await StorageTestContext.start('storage_access');
    [owner, member, outsider] = await Promise.all([ctx.user(), ctx.user(), ctx.user()]);
    ws = await ctx.workspace(owner, [[member, 'member']]);
    await ctx.workspace(outsider); // the outsider has a workspace of their own
    folder = await createFolder(ctx, owner, ws, 'Shared');
    file = await ctx.json<FileBody>((await uploadFile(ctx, owner, ws, { name: 'a.png', bytes: PNG, contentType: 'image/png', folderId: folder })).complete, 200);
  });
  afterAll(() => ctx?.stop());

  it('answers 404 on every route to a user from another workspace', async () => {
    const id = randomUUID();
    const routes: [string, string, unknown?][] = [
      ['POST', '/folders', { name: 'x' }],
      ['GET', `/folders/${folder}`],
      ['PATCH', `/folders/${folder}`, { name: 'x' }],
      ['POST', `/folders/${folder}/move`, { parentId: null }],
      ['DELETE', `/folders/${folder}`],
      ['POST', `/folders/${folder}/restore`],
      ['DELETE', `/folders/${folder}/trash`],
      ['GET', `/files/${file.id}`],
      ['GET', `/files/${file.id}/download`],
      ['PATCH', `/files/${file.id}`, { name: 'x' }],
      ['POST', `/files/${file.id}/move`, { folderId: null }],
      ['DELETE', `/files/${file.id}`],
      ['POST', `/files/${file.id}/restore`],
      ['DELETE', `/files/${file.id}/trash`],
      ['POST', '/uploads', { name: 'x.png', size: 10, contentType: 'image/png' }],
      ['POST', `/uploads/${id}/parts`, { partNumbers: [1] }],
      ['POST', `/uploads/${id}/complete`, {}],
      ['DELETE', `/uploads/${id}`],
      ['GET', '/entries'],
      ['GET', `/entries?folderId=${folder}`],
      ['GET', '/search?q=a'],
      ['GET', '/usage'],
      ['GET', '/trash'],
      ['DELETE', '/trash'],
    ];
    const doc = (await (await fetch(`${ctx.url}/docs-json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)).filter((r) => r.includes('/api/storage/'));
    expect(documented).toHaveLength(new Set(routes.map(([m, p]) => `${m} ${p.split('?')[0].replace(/\/[0-9a-f-]{36}/g, '/:id')}`)).size);
    for (const [method, path, body] of routes) {
      const res = await ctx.api(outsider, method, ws, path, body);
      await expectError(res, 404, /Workspace not found/);
    }
    // A member of one workspace cannot reach another's file through their own workspace either.
    const own = await ctx.workspace(outsider);
    await expectError(await ctx.api(outsider, 'GET', own, `/files/${file.id}`), 404, /File not found/);
    await expectError(await ctx.api(outsider, 'GET', own, `/entries?folderId=${folder}`), 404, /Folder not found/);
    await expectError(await ctx.api(outsider, 'POST', own, `/files/${file.id}/move`, { folderId: null }), 404);
  });

  it('lets members work but keeps permanent deletion to owners, admins and creators (403)', async () => {
    const mine = await ctx.json<FileBody>((await uploadFile(ctx, member, ws, { name: 'm.png', bytes: PNG, contentType: 'image/png' })).complete, 200);
    expect((await ctx.api(member, 'DELETE', ws, `/files/${file.id}`)).status).toBe(204);
    await expectError(await ctx.api(member, 'DELETE', ws, `/files/${file.id}/trash`), 403, /Only owners, admins or its creator/);
    await expectError(await ctx.api(member, 'DELETE', ws, '/trash'), 403, /Only owners and admins can empty the trash/);
    expect((await ctx.api(member, 'DELETE', ws, `/files/${mine.id}`)).status).toBe(204);
    expect((await ctx.api(member, 'DELETE', ws, `/files/${mine.id}/trash`)).status).toBe(204);
    expect((await ctx.api(owner, 'DELETE', ws, `/files/${file.id}/trash`)).status).toBe(204);
  });

  it('refuses missing or bad credentials and malformed ids with the error shape', async () => {
    await expectError(await fetch(`${ctx.url}/api/storage/workspaces/${ws}/entries`), 401, /Missing bearer token/);
    await expectError(await ctx.api(owner, 'GET', 'not-a-uuid', '/entries'), 400, /uuid/);
    await expectError(await ctx.api(owner, 'POST', ws, '/uploads', { name: 'a', size: -1, contentType: 'image/png', extra: 1 }), 400, /property extra should not exist/);
  });

  it('reports readiness with the bucket, and 503 naming object-store while S3 is down', async () => {
    const ready = (await (await fetch(`${ctx.url}/health/ready`)).json()) as { checks: Record<string, unknown> };
    expect(Object.keys(ready.checks).sort()).toEqual(['auth-state-redis', 'object-store', 'postgres']);
    await ctx.s3.pause();
    try {
      const down = await fetch(`${ctx.url}/health/ready`);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ statusCode: 503, failing: ['object-store'] });
      await expectError(await ctx.api(owner, 'GET', ws, `/files/${randomUUID()}/download`), 404);
      const upload = await ctx.api(owner, 'POST', ws, '/uploads', { name: 'x.bin', size: 10, contentType: 'application/octet-stream', multipart: true });
      await expectError(upload, 503, /Object storage is unavailable/);
    } finally {
      await ctx.s3.resume();
    }
    expect((await fetch(`${ctx.url}/health/ready`)).status).toBe(200);
    expect(await (await fetch(`${ctx.url}/health`)).json()).toEqual({ status: 'healthy' });
  });

  it('exposes request and business metrics, OpenAPI, and keeps secrets out of the logs', async () => {
    const metrics = await (await fetch(`${ctx.url}/metrics`)).text();
    expect(metrics).toMatch(/http_requests_total\{[^}]*route="\/api\/storage\/workspaces\/:workspaceId\/uploads"[^}]*status_code="201"/);
    expect(metrics).toMatch(/storage_uploads_completed_total\{[^}]*method="put"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/storage_presigned_upload_urls_total\{[^}]*operation="upload"[^}]*\} [1-9]/);
    expect((await fetch(`${ctx.url}/docs`)).status).toBe(200);
    const text = ctx.logs.text;
    expect(text).not.toContain(owner.token);
    expect(text).not.toContain('X-Amz-Signature');
    expect(text).not.toContain(ctx.s3.secretKey);
    expect(text).not.toMatch(/\n\s+at /);
  });
});
