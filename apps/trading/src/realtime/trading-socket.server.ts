import { HttpException, Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { AccessTokenVerifier, RevocationStore } from '@wealist/auth-guard';
import { SERVICE_CONFIG, type CommonEnv } from '@wealist/config';
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { WorkspaceAccess } from '../access/workspace-access.service';
import { tokenOf } from './socket-auth';
import { TradingPushChannel } from './trading-push.channel';

export const TRADING_SOCKET_PATH = '/ws/trading';
const RECHECK_MS = 30_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface SocketUser {
  id: string;
  tokenId: string;
  sessionId: string;
  expiresAt: number;
}

type Ack = (reply: { ok: true; workspaceId: string } | { ok: false; error: { code: string; message: string } }) => void;

/**
 * socket.io at /ws/trading: a client connects with its access token, then `subscribe`s to
 * workspaces it is a member of and receives their `signal` and `live-strategy.stopped` events,
 * whichever instance produced them. Revoked tokens and lost memberships are dropped at the
 * periodic re-check.
 */
@Injectable()
export class TradingSocketServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('TradingSocketServer');
  private io?: Server;
  private recheck?: NodeJS.Timeout;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly tokens: AccessTokenVerifier,
    private readonly revocations: RevocationStore,
    private readonly access: WorkspaceAccess,
    private readonly channel: TradingPushChannel,
    @Inject(SERVICE_CONFIG) private readonly config: CommonEnv,
  ) {}

  onApplicationBootstrap(): void {
    const io = new Server(this.adapterHost.httpAdapter.getHttpServer() as HttpServer, {
      path: TRADING_SOCKET_PATH,
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
    io.on('connection', (socket) => {
      socket.on('subscribe', (payload: unknown, ack?: unknown) => void this.subscribe(socket, payload, typeof ack === 'function' ? (ack as Ack) : undefined));
      socket.on('unsubscribe', (payload: unknown, ack?: unknown) => {
        const workspaceId = workspaceOf(payload);
        if (workspaceId) void socket.leave(roomOf(workspaceId));
        if (typeof ack === 'function') (ack as Ack)(workspaceId ? { ok: true, workspaceId } : refusal('bad-request', 'workspaceId must be a UUID'));
      });
    });
    this.channel.listen((push) => io.local.to(roomOf(push.workspaceId)).emit(push.event, push.data));
    this.io = io;
    this.recheck = setInterval(() => void this.dropRevoked(), RECHECK_MS);
    this.recheck.unref();
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.recheck);
    this.io?.disconnectSockets(true);
    this.io?.engine.close();
  }

  /** Members only; everyone else gets the same "not found" as on the HTTP routes. */
  private async subscribe(socket: Socket, payload: unknown, ack?: Ack): Promise<void> {
    const workspaceId = workspaceOf(payload);
    if (!workspaceId) return ack?.(refusal('bad-request', 'workspaceId must be a UUID'));
    try {
      await this.access.member(workspaceId, (socket.data['user'] as SocketUser).id);
    } catch (err) {
      if (err instanceof HttpException) return ack?.(refusal(err.getStatus() === 404 ? 'not-found' : 'forbidden', err.message));
      this.logger.warn(`membership check failed: ${err instanceof Error ? err.message : String(err)}`);
      return ack?.(refusal('unavailable', 'Membership could not be checked; try again'));
    }
    await socket.join(roomOf(workspaceId));
    ack?.({ ok: true, workspaceId });
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
        if (user.expiresAt <= Date.now() / 1000 || (await this.revocations.isRevoked(user.tokenId, user.sessionId))) {
          socket.disconnect(true);
          continue;
        }
        // Someone removed from a workspace stops hearing its signals.
        for (const room of socket.rooms) {
          if (!room.startsWith('workspace:')) continue;
          await this.access.member(room.slice('workspace:'.length), user.id).catch((err: unknown) => {
            if (err instanceof HttpException) socket.leave(room);
          });
        }
      }
    } catch (err) {
      this.logger.warn(`token re-check failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

function roomOf(workspaceId: string): string {
  return `workspace:${workspaceId}`;
}

function workspaceOf(payload: unknown): string | null {
  const id = (payload as { workspaceId?: unknown } | null)?.workspaceId;
  return typeof id === 'string' && UUID.test(id) ? id.toLowerCase() : null;
}

function refusal(code: string, message: string): { ok: false; error: { code: string; message: string } } {
  return { ok: false, error: { code, message } };
}
