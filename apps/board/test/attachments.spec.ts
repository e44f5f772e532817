import { postForm } from '@wealist/object-store/testing';
import { randomUUID } from 'node:crypto';
import { BoardTestContext, expectError } from './support/board-test-context';
import { createTask, team, type TaskBody, type Team } from './support/fixtures';

interface Attachment {
  id: string;
  taskId: string;
  fileName: string;
  contentType: string;
  size: number;
  status: string;
  uploadedBy: string;
}
interface Ticket {
  attachment: Attachment;
  upload: { method: string; url: string; fields: Record<string, string>; expiresAt: string };
}

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(200, 7)]);

// Each file boots the user service as a process and the board in-process; the machine is shared.
jest.setTimeout(60_000);

describe('board service: task attachments on a real S3 server (s3rver)', () => {
  let ctx: BoardTestContext;
  let t: Team;
  let task: TaskBody;

  beforeAll(async () => {
    ctx = await BoardTestContext.start('board_attachments', { ATTACHMENT_MAX_BYTES: '1048576' }, { s3: true });
    t = await team(ctx);
    task = await createTask(ctx, t.member, t.board.id, { title: 'Has files' });
  });
  afterAll(() => ctx.stop());

  const request = (who = t.member, json: unknown = { fileName: 'shot.png', contentType: 'image/png', size: PNG.length }) =>
    ctx.fetch(`/api/boards/tasks/${task.id}/attachments`, { method: 'POST', headers: who.auth, json });

  it('issues an upload form bound to the key, content type and exact size, then records the upload', async () => {
    const res = await request();
    expect(res.status).toBe(201);
    const ticket = (await res.json()) as Ticket;
    expect(ticket.attachment).toMatchObject({ taskId: task.id, fileName: 'shot.png', contentType: 'image/png', size: PNG.length, status: 'pending', uploadedBy: t.member.user.id });
    expect(ticket.upload.method).toBe('POST');
    expect(ticket.upload.fields['key']).toBe(`boards/${t.board.id}/attachments/${ticket.attachment.id}`);
    const policy = JSON.parse(Buffer.from(ticket.upload.fields['policy'], 'base64').toString()) as { conditions: unknown[] };
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['eq', '$key', `boards/${t.board.id}/attachments/${ticket.attachment.id}`],
        ['eq', '$Content-Type', 'image/png'],
        ['content-length-range', PNG.length, PNG.length],
      ]),
    );
    // Not uploaded yet: nothing to record.
    await expectError(await ctx.fetch(`/api/boards/attachments/${ticket.attachment.id}/complete`, { method: 'POST', headers: t.member.auth }), 409, /not been uploaded/);
    expect((await postForm(ticket.upload, PNG, 'shot.png')).status).toBeLessThan(300);
    await expectError(await ctx.fetch(`/api/boards/attachments/${ticket.attachment.id}/complete`, { method: 'POST', headers: t.admin.auth }), 403, /Only the uploader/);
    const done = await ctx.call<Attachment>(t.member, 'POST', `/api/boards/attachments/${ticket.attachment.id}/complete`);
    expect(done.status).toBe('ready');
    expect((await ctx.call<Attachment>(t.member, 'POST', `/api/boards/attachments/${ticket.attachment.id}/complete`)).status).toBe('ready');

    expect((await ctx.call<Attachment[]>(t.owner, 'GET', `/api/boards/tasks/${task.id}/attachments`)).map((a) => a.id)).toEqual([ticket.attachment.id]);
    const download = await ctx.call<Attachment & { downloadUrl: string }>(t.owner, 'GET', `/api/boards/attachments/${ticket.attachment.id}`);
    const file = await fetch(download.downloadUrl);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true);
    expect(file.headers.get('content-disposition')).toContain('shot.png');
    const history = await ctx.call<{ items: { action: string; details: Record<string, unknown> }[] }>(t.member, 'GET', `/api/boards/tasks/${task.id}/activity?limit=1`);
    expect(history.items[0]).toMatchObject({ action: 'attachment.added', details: { fileName: 'shot.png', size: PNG.length } });
  });

  it('refuses an upload that does not match the declaration and removes it', async () => {
    const ticket = (await (await request()).json()) as Ticket;
    const elf = Buffer.concat([Buffer.from('7f454c46', 'hex'), Buffer.alloc(PNG.length - 4)]);
    // s3rver enforces no POST policy, so the service's own check at completion must catch this.
    await postForm(ticket.upload, elf);
    await expectError(await ctx.fetch(`/api/boards/attachments/${ticket.attachment.id}/complete`, { method: 'POST', headers: t.member.auth }), 422, /does not match/);
    await expectError(await ctx.fetch(`/api/boards/attachments/${ticket.attachment.id}/complete`, { method: 'POST', headers: t.member.auth }), 409, /not been uploaded/);
    const shorter = (await (await request()).json()) as Ticket;
    await postForm(shorter.upload, PNG.subarray(0, 100));
    await expectError(await ctx.fetch(`/api/boards/attachments/${shorter.attachment.id}/complete`, { method: 'POST', headers: t.member.auth }), 422, /declared size/);
    await expectError(await ctx.fetch(`/api/boards/attachments/${shorter.attachment.id}`, { headers: t.member.auth }), 409, /not complete/);
  });

  it('rejects bad requests: 413 above the limit, 415 for unaccepted types, 400 naming the field', async () => {
    await expectError(await request(t.member, { fileName: 'big.zip', contentType: 'application/zip', size: 1_048_577 }), 413, /exceeds the attachment limit of 1048576 bytes/);
    await expectError(await request(t.member, { fileName: 'page.html', contentType: 'text/html', size: 10 }), 415, /contentType text\/html is not accepted/);
    await expectError(await request(t.member, { fileName: '', contentType: 'image/png', size: 10 }), 400, /fileName must be longer than or equal to 1/);
    await expectError(await request(t.member, { fileName: 'a.png', contentType: 'image/png', size: -1 }), 400, /size must not be less than 0/);
    await expectError(await request(t.member, { fileName: 'a.png', contentType: 'image/png' }), 400, /size must be an integer/);
    await expectError(await ctx.fetch(`/api/boards/tasks/${randomUUID()}/attachments`, { method: 'POST', headers: t.member.auth, json: { fileName: 'a', contentType: 'image/png', size: 1 } }), 404, /Task not found/);
    await expectError(await ctx.fetch(`/api/boards/attachments/${randomUUID()}`, { headers: t.member.auth }), 404, /Attachment not found/);
  });

  it('lets the uploader or a manager delete an attachment, object included; deleting the task removes its files', async () => {
    const upload = async (who = t.member) => {
      const ticket = (await (await request(who)).json()) as Ticket;
      await postForm(ticket.upload, PNG);
      await ctx.call(who, 'POST', `/api/boards/attachments/${ticket.attachment.id}/complete`);
      return ticket.attachment.id;
    };
    const a = await upload(t.admin);
    await expectError(await ctx.fetch(`/api/boards/attachments/${a}`, { method: 'DELETE', headers: t.member.auth }), 403, /uploader or workspace owners and admins/);
    const link = await ctx.call<{ downloadUrl: string }>(t.member, 'GET', `/api/boards/attachments/${a}`);
    expect((await ctx.fetch(`/api/boards/attachments/${a}`, { method: 'DELETE', headers: t.admin.auth })).status).toBe(204);
    expect((await fetch(link.downloadUrl)).status).toBe(404);
    await expectError(await ctx.fetch(`/api/boards/attachments/${a}`, { headers: t.member.auth }), 404);

    const b = await upload();
    const kept = await ctx.call<{ downloadUrl: string }>(t.member, 'GET', `/api/boards/attachments/${b}`);
    expect((await ctx.fetch(`/api/boards/tasks/${task.id}`, { method: 'DELETE', headers: t.member.auth })).status).toBe(204);
    expect((await fetch(kept.downloadUrl)).status).toBe(404);
  });
});
