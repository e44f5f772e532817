import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { AccessTokenVerifier, RevocationStore, type AuthenticatedUser } from '@wealist/auth-guard';
import { SERVICE_CONFIG } from '@wealist/config';
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { ChatConfig } from '../chat.config';
import { ChatMetrics } from '../fanout/chat.metrics';
import { RoomBus } from '../fanout/room-bus';
import { MessagesService } from '../messages/messages.service';
import { PresenceRepository } from '../presence/presence.repository';
import { RoomsRepository } from '../rooms/rooms.repository';
import { ChatConnection } from './chat-connection';
import { RoomFeeds } from './room-feeds';
import { tokenOf } from './socket-auth';

export const CHAT_SOCKET_PATH = '/ws/chat';

/**
 * socket.io on the service's own HTTP server at /ws/chat. The access token is checked at the
 * handshake (signature, claims, revocation) and again on every heartbeat, so a logout or an
 * expiry ends the connection within one heartbeat.
 */
@Injectable()
export class ChatSocketServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ChatSocketServer');
  private readonly connections = new Map<string, ChatConnection>();
  private io?: Server;
  private heartbeat?: NodeJS.Timeout;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly tokens: AccessTokenVerifier,
    private readonly revocations: RevocationStore,
    private readonly feeds: RoomFeeds,
    private readonly messages: MessagesService,
    private readonly rooms: RoomsRepository,
    private readonly presence: PresenceRepository,
    private readonly bus: RoomBus,
    private readonly metrics: ChatMetrics,
    @Inject(SERVICE_CONFIG) private readonly config: ChatConfig,
  ) {}

  onApplicationBootstrap(): void {
    const httpServer = this.adapterHost.httpAdapter.getHttpServer() as HttpServer;
    const io = new Server(httpServer, {
      path: CHAT_SOCKET_PATH,
      serveClient: false,
      cors: { origin: this.config.CORS_ORIGINS.length > 0 ? [...this.config.CORS_ORIGINS] : false, credentials: true },
      // Above the message limit with room for the envelope; the limit itself is checked per message.
      maxHttpBufferSize: Math.max(this.config.CHAT_MAX_MESSAGE_BYTES * 4, 64 * 1024),
    });
    io.use((socket, next) => {
      this.authenticate(socket).then(
        (user) => {
          socket.data['user'] = user;
          next();
        },
        (err: unknown) => next(Object.assign(new Error(err instanceof Error ? err.message : 'Unauthorized'), { data: { statusCode: 401 } })),
      );
    });
    io.on('connection', (socket) => this.accept(socket));
    this.feeds.useBroadcast((socketIds, message) => io.local.to(socketIds).emit('message', message));
    this.io = io;
    const every = Math.max(Math.floor(this.config.CHAT_PRESENCE_TTL_MS / 3), 100);
    this.heartbeat = setInterval(() => void this.beat(), every);
    this.heartbeat.unref();
  }

  /** Before the HTTP server closes: connections end cleanly and take their presence with them. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.heartbeat);
    const open = [...this.connections.values()];
    this.io?.disconnectSockets(true);
    await Promise.all(open.map((c) => c.close()));
    this.io?.engine.close();
  }

  private async authenticate(socket: Socket): Promise<AuthenticatedUser> {
    const token = tokenOf(socket.handshake);
    if (!token) throw new Error('Missing access token');
    const claims = await this.tokens.verify(token);
    if (await this.revocations.isRevoked(claims.jti, claims.sid)) throw new Error('Access token revoked');
    return {
      id: claims.sub,
      email: claims.email,
      name: claims.name,
      planTier: claims.tier,
      via: 'token',
      tokenId: claims.jti,
      sessionId: claims.sid,
      expiresAt: claims.exp,
    };
  }

  private accept(socket: Socket): void {
    const connection = new ChatConnection(socket, socket.data['user'] as AuthenticatedUser, {
      config: this.config,
      feeds: this.feeds,
      messages: this.messages,
      rooms: this.rooms,
      presence: this.presence,
      bus: this.bus,
      metrics: this.metrics,
    });
    this.connections.set(socket.id, connection);
    this.metrics.connections.inc();
    socket.on('disconnect', () => {
      this.connections.delete(socket.id);
      this.metrics.connections.dec();
    });
    connection.start().catch((err: unknown) => this.logger.warn(`presence of ${socket.id} not recorded: ${String(err)}`));
  }

  /** Keeps this instance's presence alive and ends connections whose token expired or was revoked. */
  private async beat(): Promise<void> {
    const open = [...this.connections.values()];
    try {
      await this.presence.heartbeat(
        open.map((c) => ({ connId: c.socket.id, userId: c.user.id, roomIds: c.rooms.keys() })),
        this.config.CHAT_PRESENCE_TTL_MS,
      );
      const now = Date.now() / 1000;
      // All at once: the lookups share round trips instead of queueing one after another.
      const revoked = await Promise.all(open.map((c) => this.revocations.isRevoked(c.user.tokenId ?? '', c.user.sessionId ?? '')));
      open.forEach((c, i) => {
        const expired = (c.user.expiresAt ?? Infinity) <= now;
        if (!expired && !revoked[i]) return;
        c.socket.emit('chat:error', { event: 'auth', code: 'unauthorized', message: expired ? 'Access token expired' : 'Access token revoked' });
        c.socket.disconnect(true);
      });
    } catch (err) {
      this.logger.warn(`presence heartbeat failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
