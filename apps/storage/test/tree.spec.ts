import { createFolder, keyOf, listAll, PNG, uploadFile, type FileBody } from './support/drive-client';
import { expectError, StorageTestContext, type TestUser } from './support/storage-test-context';

// Each file boots its own databases, S3/LiveKit stand-ins and a user service process.
jest.setTimeout(60_000);

interface Folder {
  id: string;
  name: string;
  parentId: string | null;
  path?: { id: string; name: string }[];
}

describe('storage: folders, moves, trash, listing and search', () => {
  let ctx: StorageTestContext;
  let alice: TestUser;
  let ws: string;

  const names = async (query: string) => (await listAll(ctx, alice, ws, query)).map((e) => `${e.kind}:${e.name}`);
  const stored = (key: string) => fetch(`${ctx.s3.endpoint}/${ctx.bucket}/${key}`, { method: 'HEAD' }).then((r) => r.status);
  const file = async (name: string, folderId: string | null) => {
    const { upload, complete } = await uploadFile(ctx, alice, ws, { name, bytes: PNG, contentType: 'image/png', folderId });
    return { ...(await ctx.json<FileBody>(complete, 200)), key: keyOf(upload, ctx.bucket) };
  };

  beforeAll(async () => {
    ctx = await StorageTestContext.start('storage_tree');
    alice = await ctx.user();
    ws = await ctx.workspace(alice);
  });
  afterAll(() => ctx?.stop());

  it('builds a tree, renames, and shows the path from the root', async () => {
    const docs = await createFolder(ctx, alice, ws, 'Docs');
    const y2025 = await createFolder(ctx, alice, ws, '2025', docs);
    const renamed = await ctx.json<Folder>(await ctx.api(alice, 'PATCH', ws, `/folders/${y2025}`, { name: ' Year 2025 ' }), 200);
    expect(renamed).toMatchObject({ name: 'Year 2025', parentId: docs });
    const got = await ctx.json<Folder>(await ctx.api(alice, 'GET', ws, `/folders/${y2025}`), 200);
    expect(got.path).toEqual([{ id: docs, name: 'Docs' }, { id: y2025, name: 'Year 2025' }]);
    await expectError(await ctx.api(alice, 'POST', ws, '/folders', { name: 'x', parentId: '8d3c8a36-3f5e-4c7a-9a65-1f1a0d0f0b11' }), 404, /Folder not found/);
  });

  it('moves atomically and refuses moving a folder into itself or a descendant', async () => {
    const a = await createFolder(ctx, alice, ws, 'A');
    const b = await createFolder(ctx, alice, ws, 'B', a);
    const c = await createFolder(ctx, alice, ws, 'C', b);
    await expectError(await ctx.api(alice, 'POST', ws, `/folders/${a}/move`, { parentId: a }), 409, /into itself or one of its subfolders/);
    await expectError(await ctx.api(alice, 'POST', ws, `/folders/${a}/move`, { parentId: c }), 409, /into itself or one of its subfolders/);
    await expectError(await ctx.api(alice, 'POST', ws, `/folders/${a}/move`, {}), 400, /parentId must be a UUID/);
    const moved = await ctx.json<Folder>(await ctx.api(alice, 'POST', ws, `/folders/${c}/move`, { parentId: null }), 200);
    expect(moved.parentId).toBeNull();
    const f = await file('pic.png', b);
    expect((await ctx.json<FileBody>(await ctx.api(alice, 'POST', ws, `/files/${f.id}/move`, { folderId: c }), 200)).folderId).toBe(c);
    expect(await names(`/entries?folderId=${c}`)).toEqual(['file:pic.png']);
    // The object key records where it was uploaded; moves only change metadata.
    expect(await stored(f.key)).toBe(200);
  });

  it('lets only one of two crossing moves win, so no cycle can form', async () => {
    const x = await createFolder(ctx, alice, ws, 'X');
    const y = await createFolder(ctx, alice, ws, 'Y');
    const results = await Promise.all([
      ctx.api(alice, 'POST', ws, `/folders/${x}/move`, { parentId: y }),
      ctx.api(alice, 'POST', ws, `/folders/${y}/move`, { parentId: x }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it('trashes a folder with its contents, restores exactly that, and purges with the objects', async () => {
    const top = await createFolder(ctx, alice, ws, 'Project');
    const inner = await createFolder(ctx, alice, ws, 'Assets', top);
    const one = await file('one.png', inner);
    const two = await file('two.png', top);
    // two goes to the trash on its own first; it must stay there when Project comes back.
    expect((await ctx.api(alice, 'DELETE', ws, `/files/${two.id}`)).status).toBe(204);
    expect((await ctx.api(alice, 'DELETE', ws, `/folders/${top}`)).status).toBe(204);
    expect((await ctx.api(alice, 'DELETE', ws, `/folders/${top}`)).status).toBe(204);
    expect(await names('/trash')).toEqual(['folder:Project', 'file:two.png']);
    expect(await names('/entries')).not.toContain('folder:Project');
    await expectError(await ctx.api(alice, 'GET', ws, `/entries?folderId=${top}`), 409, /in the trash/);
    await expectError(await ctx.api(alice, 'POST', ws, '/folders', { name: 'late', parentId: inner }), 409, /in the trash/);
    await expectError(await ctx.api(alice, 'POST', ws, `/folders/${inner}/restore`), 409, /restore that folder/);
    await expectError(await ctx.api(alice, 'POST', ws, `/files/${two.id}/restore`), 409, /restore "Project" first/);
    await expectError(await ctx.api(alice, 'PATCH', ws, `/files/${one.id}`, { name: 'new.png' }), 409, /in the trash/);

    expect((await ctx.json<Folder>(await ctx.api(alice, 'POST', ws, `/folders/${top}/restore`), 200)).name).toBe('Project');
    expect(await names(`/entries?folderId=${top}`)).toEqual(['folder:Assets']);
    expect(await names(`/entries?folderId=${inner}`)).toEqual(['file:one.png']);
    expect(await names('/trash')).toEqual(['file:two.png']);
    expect((await ctx.api(alice, 'POST', ws, `/files/${two.id}/restore`)).status).toBe(200);

    await expectError(await ctx.api(alice, 'DELETE', ws, `/folders/${top}/trash`), 409, /to the trash before/);
    expect((await ctx.api(alice, 'DELETE', ws, `/folders/${top}`)).status).toBe(204);
    expect((await ctx.api(alice, 'DELETE', ws, `/folders/${top}/trash`)).status).toBe(204);
    expect([await stored(one.key), await stored(two.key)]).toEqual([404, 404]);
    await expectError(await ctx.api(alice, 'GET', ws, `/files/${one.id}`), 404, /File not found/);
    await expectError(await ctx.api(alice, 'GET', ws, `/folders/${inner}`), 404, /Folder not found/);
    expect(await names('/trash')).toEqual([]);
  });

  it('empties the trash (owners/admins), removing every object in it', async () => {
    const f = await file('old.png', null);
    const folder = await createFolder(ctx, alice, ws, 'Old');
    const g = await file('older.png', folder);
    await ctx.api(alice, 'DELETE', ws, `/files/${f.id}`);
    await ctx.api(alice, 'DELETE', ws, `/folders/${folder}`);
    expect((await ctx.api(alice, 'DELETE', ws, '/trash')).status).toBe(204);
    expect([await stored(f.key), await stored(g.key)]).toEqual([404, 404]);
    expect(await names('/trash')).toEqual([]);
  });

  it('pages through a folder with a cursor, folders first then files by name, without repeats', async () => {
    const box = await createFolder(ctx, alice, ws, 'Box');
    for (const n of ['b', 'A', 'c']) await createFolder(ctx, alice, ws, n, box);
    for (const n of ['z.png', 'Y.png', 'x.png', 'B.png']) await file(n, box);
    const pages = await listAll(ctx, alice, ws, `/entries?folderId=${box}`, 2);
    expect(pages.map((e) => `${e.kind}:${e.name}`)).toEqual(['folder:A', 'folder:b', 'folder:c', 'file:B.png', 'file:x.png', 'file:Y.png', 'file:z.png']);
    await expectError(await ctx.api(alice, 'GET', ws, '/entries?cursor=bogus'), 400, /cursor is invalid/);
    await expectError(await ctx.api(alice, 'GET', ws, '/entries?limit=1000'), 400, /limit must not be greater than 200/);
  });

  it('searches names anywhere in the workspace, case-insensitively, treating % and _ literally', async () => {
    const deep = await createFolder(ctx, alice, ws, 'Deep');
    await file('Budget_100%.png', deep);
    await file('budget-draft.png', null);
    await createFolder(ctx, alice, ws, 'BUDGETS');
    expect(await names('/search?q=budget')).toEqual(['folder:BUDGETS', 'file:budget-draft.png', 'file:Budget_100%.png']);
    expect(await names('/search?q=_100%25')).toEqual(['file:Budget_100%.png']);
    expect(await names('/search?q=%25')).toEqual(['file:Budget_100%.png']);
    await expectError(await ctx.api(alice, 'GET', ws, '/search'), 400, /q must be/);
  });
});
