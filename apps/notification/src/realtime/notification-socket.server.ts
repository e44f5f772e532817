import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { AccessTokenVerifier, RevocationStore } from '@wealist/auth-guard';
import { SERVICE_CONFIG } from '@wealist/config';
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { NotificationConfig } from '../notification.config';
import { tokenOf } from './socket-auth';
import { UserChannel } from './user-channel';

export const NOTIFICATION_SOCKET_PATH = '/ws/notifications';
const RECHECK_MS = 30_000;

interface SocketUser {
  id: string;
  tokenId: string;
  sessionId: string;
  expiresAt: number;
}

/**
 * socket.io at /ws/notifications: a client connects with its access token and receives
 * `notification` events for its user, whichever instance stored them. Revoked or expired
 * tokens are dropped at the next periodic check.
 */
@Injectable()
export class NotificationSocketServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('NotificationSocketServer');
  private io?: Server;
  private recheck?: NodeJS.Timeout;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly tokens: AccessTokenVerifier,
    private readonly revocations: RevocationStore,
    private readonly channel: UserChannel,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationConfig,
  ) {}

  onApplicationBootstrap(): void {
    const io = new Server(this.adapterHost.httpAdapter.getHttpServer() as HttpServer, {
      path: NOTIFICATION_SOCKET_PATH,
      serveClient: false,
      cors: { origin: this.config.CORS_ORIGINS.length > 0 ? [...this.config.CORS_ORIGINS] : false, credentials: true },
      maxHttpBufferSize: 16 * 1024,
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
    // Sockets only listen; each sits in its user's room.
    io.on('connection', (socket) => void socket.join(roomOf((socket.data['user'] as SocketUser).id)));
    this.channel.listen((userId, notification) => io.local.to(roomOf(userId)).emit('notification', notification));
    this.io = io;
    this.recheck = setInterval(() => void this.dropRevoked(), RECHECK_MS);
    this.recheck.unref();
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.recheck);
    this.io?.disconnectSockets(true);
    this.io?.engine.close();
  }

  private async authenticate(socket: Socket): Promise<SocketUser> {
    const token = tokenOf(socket.handshake);
    if (!token) throw new Error('Missing access token');
    const claims = await this.tokens.verify(token);
    if (await this.revocations.isRevoked(claims.jti, claims.sid)) throw new Error('Access token revoked');
    return { id: claims.sub, tokenId: claims.jti, sessionId: claims.sid, expiresAt: claims.exp };
  }

  private async dropRevoked(): Promise<void> {
    try {
      for (const socket of (await this.io?.local.fetchSockets()) ?? []) {
        const user = socket.data['user'] as SocketUser;
        if (user.expiresAt <= Date.now() / 1000 || (await this.revocations.isRevoked(user.tokenId, user.sessionId))) socket.disconnect(true);
      }
    } catch (err) {
      this.logger.warn(`token re-check failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

function roomOf(userId: string): string {
  return `user:${userId}`;
}
