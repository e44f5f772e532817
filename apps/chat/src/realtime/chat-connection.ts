import { HttpException, Logger } from '@nestjs/common';
import type { AuthenticatedUser } from '@wealist/auth-guard';
import type { Socket } from 'socket.io';
import type { ChatConfig } from '../chat.config';
import type { ChatMetrics } from '../fanout/chat.metrics';
import type { RoomBus } from '../fanout/room-bus';
import type { MessagesService } from '../messages/messages.service';
import type { PresenceRepository } from '../presence/presence.repository';
import type { RoomsRepository } from '../rooms/rooms.repository';
import { RoomCursor } from './room-cursor';
import type { RoomFeeds } from './room-feeds';
import { codeOfStatus, parseJoin, parseRead, parseRoom, parseSend, parseTyping, SocketRefusal } from './socket-payloads';
import { TokenBucket } from './token-bucket';

export interface ConnectionDeps {
  config: ChatConfig;
  feeds: RoomFeeds;
  messages: MessagesService;
  rooms: RoomsRepository;
  presence: PresenceRepository;
  bus: RoomBus;
  metrics: ChatMetrics;
}

type Ack = (reply: Record<string, unknown>) => void;

const logger = new Logger('ChatConnection');

/**
 * One authenticated socket: its rooms, its send budget and its presence. Every refusal is a
 * `chat:error` event (and a failed acknowledgement); the connection itself stays up.
 */
export class ChatConnection {
  readonly rooms = new Map<string, RoomCursor>();
  private readonly sends: TokenBucket;
  private readonly typing = new TokenBucket(5, 5);
  private closed = false;

  constructor(
    readonly socket: Socket,
    readonly user: AuthenticatedUser,
    private readonly deps: ConnectionDeps,
  ) {
    this.sends = new TokenBucket(deps.config.CHAT_MESSAGES_PER_SECOND);
  }

  async start(): Promise<void> {
    this.on('join', (p, ack) => this.join(p, ack));
    this.on('leave', (p, ack) => this.leave(p, ack));
    this.on('send', (p, ack) => this.send(p, ack));
    this.on('typing', (p) => this.typingSignal(p));
    this.on('read', (p, ack) => this.read(p, ack));
    this.socket.on('disconnect', () => void this.close());
    await this.deps.presence.connect(this.user.id, this.socket.id, this.deps.config.CHAT_PRESENCE_TTL_MS);
  }

  private on(event: string, handler: (payload: unknown, ack?: Ack) => Promise<void> | void): void {
    this.socket.on(event, async (payload: unknown, ack?: unknown) => {
      const reply = typeof ack === 'function' ? (ack as Ack) : undefined;
      try {
        await handler(payload, reply);
      } catch (err) {
        this.refuse(event, err, reply);
      }
    });
  }

  private async join(payload: unknown, ack?: Ack): Promise<void> {
    const { roomId, lastSeq } = parseJoin(payload);
    const known = this.rooms.get(roomId);
    if (known) return ack?.({ ok: true, roomId, lastSeq: known.sequencer.last });
    if (this.rooms.size >= this.deps.config.CHAT_MAX_ROOMS_PER_CONNECTION) {
      throw new SocketRefusal('too_many_rooms', `a connection may join at most ${this.deps.config.CHAT_MAX_ROOMS_PER_CONNECTION} rooms`);
    }
    const roomLast = await this.deps.rooms.lastSeqForMember(roomId, this.user.id);
    if (roomLast === null) throw new SocketRefusal('not_found', 'Room not found');
    if (this.closed || this.rooms.has(roomId)) return ack?.({ ok: true, roomId, lastSeq: roomLast });
    const cursor = new RoomCursor(roomId, this.socket, this.user.id, Math.min(lastSeq ?? roomLast, roomLast), (after, upTo) => {
      this.deps.metrics.gapReads.inc({ level: 'socket' });
      return this.deps.messages.range(roomId, after, upTo);
    }, {
      delivered: () => this.deps.metrics.delivered.inc(),
      removed: () => void this.drop(roomId, true),
      failed: (err) => logger.warn(`delivering room ${roomId} to ${this.socket.id} failed: ${String(err)}`),
    });
    this.rooms.set(roomId, cursor);
    await this.deps.feeds.attach(roomId, cursor);
    // Read after attaching, so nothing committed in between is missed; live messages that are
    // not the very next one wait behind this read.
    void cursor.sequencer.catchUp();
    ack?.({ ok: true, roomId, lastSeq: roomLast });
    if (await this.deps.presence.joinRoom(roomId, this.user.id, this.socket.id, this.deps.config.CHAT_PRESENCE_TTL_MS)) {
      await this.deps.bus.publish(roomId, { kind: 'presence', roomId, userId: this.user.id, online: true });
    }
  }

  private async leave(payload: unknown, ack?: Ack): Promise<void> {
    const { roomId } = parseRoom(payload);
    await this.drop(roomId, false);
    ack?.({ ok: true, roomId });
  }

  private async send(payload: unknown, ack?: Ack): Promise<void> {
    if (!this.sends.tryTake()) {
      throw new SocketRefusal('rate_limited', `at most ${this.deps.config.CHAT_MESSAGES_PER_SECOND} messages per second`, {
        retryAfterMs: this.sends.retryAfterMs(),
      });
    }
    const { roomId, body, clientMessageId } = parseSend(payload);
    const message = await this.deps.messages.send(this.user, roomId, body, clientMessageId ?? null);
    ack?.({ ok: true, roomId, seq: message.seq, id: message.id, createdAt: message.createdAt });
  }

  private async typingSignal(payload: unknown): Promise<void> {
    const { roomId, typing } = parseTyping(payload);
    if (!this.rooms.has(roomId)) throw new SocketRefusal('not_joined', 'join the room first');
    // Extra typing signals are dropped quietly: they carry nothing the next one would not.
    if (!this.typing.tryTake()) return;
    await this.deps.bus.publish(roomId, { kind: 'typing', roomId, userId: this.user.id, typing });
  }

  private async read(payload: unknown, ack?: Ack): Promise<void> {
    const { roomId, seq } = parseRead(payload);
    if (!this.rooms.has(roomId)) throw new SocketRefusal('not_joined', 'join the room first');
    ack?.({ ok: true, roomId, lastReadSeq: await this.deps.rooms.markRead(roomId, this.user.id, seq) });
  }

  /** Leaves one room: on request, or because the user was removed from it. */
  private async drop(roomId: string, removed: boolean): Promise<void> {
    const cursor = this.rooms.get(roomId);
    if (!cursor) return;
    this.rooms.delete(roomId);
    cursor.close();
    this.deps.feeds.detach(roomId, cursor);
    if (removed) this.socket.emit('room:removed', { roomId });
    if (await this.deps.presence.leaveRoom(roomId, this.user.id, this.socket.id)) {
      await this.deps.bus.publish(roomId, { kind: 'presence', roomId, userId: this.user.id, online: false });
    }
  }

  /** On disconnect: out of every room; offline when it was the user's last connection anywhere. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await Promise.all([...this.rooms.keys()].map((roomId) => this.drop(roomId, false)));
      await this.deps.presence.disconnect(this.user.id, this.socket.id);
    } catch (err) {
      logger.warn(`presence cleanup of ${this.socket.id} failed (it expires by itself): ${String(err)}`);
    }
  }

  private refuse(event: string, err: unknown, ack?: Ack): void {
    let error: { code: string; message: string; [k: string]: unknown };
    if (err instanceof SocketRefusal) error = { code: err.code, message: err.message, ...err.extra };
    else if (err instanceof HttpException) error = { code: codeOfStatus(err.getStatus()), message: err.message };
    else {
      logger.error(`socket ${event} failed: ${err instanceof Error ? err.message : String(err)}`);
      error = { code: 'internal', message: 'Internal error' };
    }
    this.deps.metrics.refused.inc({ reason: error.code });
    this.socket.emit('chat:error', { event, ...error });
    ack?.({ ok: false, error });
  }
}
