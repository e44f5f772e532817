import { io, type Socket } from 'socket.io-client';

export interface ReceivedMessage {
  id: string;
  roomId: string;
  seq: number;
  senderId: string;
  body: string;
  createdAt: string;
}

export interface ChatErrorEvent {
  event: string;
  code: string;
  message: string;
  [key: string]: unknown;
}

type Ack = { ok: boolean; seq?: number; lastSeq?: number; error?: { code: string; message: string } } & Record<string, unknown>;

/** A socket.io client of /ws/chat that records what it receives, per room, in arrival order. */
export class ChatClient {
  readonly received = new Map<string, ReceivedMessage[]>();
  readonly errors: ChatErrorEvent[] = [];
  readonly events: [string, unknown][] = [];

  private constructor(readonly socket: Socket) {
    socket.on('message', (m: ReceivedMessage) => {
      const list = this.received.get(m.roomId) ?? [];
      list.push(m);
      this.received.set(m.roomId, list);
    });
    socket.on('chat:error', (e: ChatErrorEvent) => this.errors.push(e));
    for (const name of ['typing', 'presence', 'message:updated', 'room:updated', 'room:removed']) {
      socket.on(name, (payload: unknown) => this.events.push([name, payload]));
    }
  }

  /** Connects with the token at the handshake; rejects with the server's reason when refused. */
  static connect(baseUrl: string, token: string): Promise<ChatClient> {
    const socket = io(baseUrl, { path: '/ws/chat', transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(new ChatClient(socket)));
      socket.once('connect_error', (err) => {
        socket.close();
        reject(err);
      });
    });
  }

  join(roomId: string, lastSeq?: number): Promise<Ack> {
    return this.socket.timeout(10_000).emitWithAck('join', { roomId, lastSeq }) as Promise<Ack>;
  }

  send(roomId: string, body: string, clientMessageId?: string): Promise<Ack> {
    return this.socket.timeout(10_000).emitWithAck('send', { roomId, body, clientMessageId }) as Promise<Ack>;
  }

  emit(event: string, payload: unknown): Promise<Ack> {
    return this.socket.timeout(10_000).emitWithAck(event, payload) as Promise<Ack>;
  }

  seqs(roomId: string): number[] {
    return (this.received.get(roomId) ?? []).map((m) => m.seq);
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  close(): void {
    this.socket.close();
  }
}

export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
