import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { TokenVerifier, type ClaimGrants } from 'livekit-server-sdk';

export interface TwirpCall {
  method: string;
  body: Record<string, unknown>;
  grants: ClaimGrants;
}

type Reply = { status: number; body: unknown };

/**
 * A local HTTP server speaking LiveKit's RoomService Twirp API (POST
 * /twirp/livekit.RoomService/<Method>, JSON bodies, Bearer JWT signed with the API secret).
 * LiveKit itself cannot run in this environment, so this stands in for it: it verifies every
 * request's token with the SDK's TokenVerifier, records the call and answers as LiveKit would.
 */
export class FakeLiveKit {
  readonly calls: TwirpCall[] = [];
  private readonly replies = new Map<string, Reply>();
  private server?: Server;

  constructor(
    private readonly apiKey: string,
    private readonly apiSecret: string,
  ) {}

  /** The next call of `method` gets this answer (e.g. a Twirp not_found). */
  replyOnce(method: string, reply: Reply): void {
    this.replies.set(method, reply);
  }

  async listen(port: number): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    return `http://127.0.0.1:${port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const match = /^\/twirp\/livekit\.RoomService\/(\w+)$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match) return void send(404, { code: 'bad_route', msg: 'no such route' });
    let grants: ClaimGrants;
    try {
      grants = await new TokenVerifier(this.apiKey, this.apiSecret).verify((req.headers.authorization ?? '').replace(/^Bearer /, ''));
    } catch {
      return void send(401, { code: 'unauthenticated', msg: 'invalid token' });
    }
    const method = match[1];
    this.calls.push({ method, body: JSON.parse(Buffer.concat(chunks).toString() || '{}') as Record<string, unknown>, grants });
    const reply = this.replies.get(method);
    this.replies.delete(method);
    send(reply?.status ?? 200, reply?.body ?? {});
  }
}
