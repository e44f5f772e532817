import { Inject, Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@wealist/auth-guard';
import { SERVICE_CONFIG } from '@wealist/config';
import { ServiceMetrics } from '@wealist/telemetry';
import type { Counter } from 'prom-client';
import { WorkspaceAccess } from '../access/workspace-access.service';
import { CallsRepository } from '../calls/calls.repository';
import { LiveKitRooms } from '../livekit/livekit-rooms.client';
import { LiveKitTokens } from '../livekit/livekit.tokens';
import { TurnCredentials, type IceServer } from '../livekit/turn-credentials';
import { RoomStateStore } from '../presence/room-state.store';
import type { RoomEntity } from '../rooms/room.entity';
import { RoomsRepository } from '../rooms/rooms.repository';
import { RoomsService } from '../rooms/rooms.service';
import type { VideoConfig } from '../video.config';

export interface JoinTicket {
  url: string;
  token: string;
  iceServers: IceServer[];
  room: RoomEntity;
  identity: string;
  moderator: boolean;
  expiresAt: Date;
  iceExpiresAt: Date | null;
}

/** Joining, ending and moderating the LiveKit session of a room. */
@Injectable()
export class SessionsService {
  private readonly joins: Counter<'role'>;

  constructor(
    private readonly rooms: RoomsService,
    private readonly roomRows: RoomsRepository,
    private readonly tokens: LiveKitTokens,
    private readonly turn: TurnCredentials,
    private readonly livekit: LiveKitRooms,
    private readonly state: RoomStateStore,
    private readonly calls: CallsRepository,
    @Inject(SERVICE_CONFIG) private readonly config: VideoConfig,
    metrics: ServiceMetrics,
  ) {
    this.joins = metrics.counter('video_joins_total', 'Join tokens issued, by role in the room', ['role']);
  }

  /** A LiveKit token for this room and user, plus ICE servers with fresh TURN credentials. */
  async join(workspaceId: string, caller: AuthenticatedUser, roomId: string): Promise<JoinTicket> {
    const { member, room } = await this.rooms.memberAndRoom(workspaceId, caller, roomId);
    const moderator = WorkspaceAccess.isModerator(member, room.createdBy);
    const { token, expiresAt } = await this.tokens.issue({
      roomName: room.id,
      identity: caller.id,
      displayName: caller.name,
      moderator,
      maxParticipants: room.maxParticipants,
      metadata: { workspaceId, role: member.role },
    });
    const ice = this.turn.iceServers(caller.id);
    this.joins.inc({ role: moderator ? 'moderator' : 'participant' });
    return { url: this.config.LIVEKIT_URL, token, iceServers: ice.iceServers, room, identity: caller.id, moderator, expiresAt, iceExpiresAt: ice.expiresAt };
  }

  /** Disconnects everyone; the state and history are closed now rather than when the webhook arrives. */
  async end(workspaceId: string, caller: AuthenticatedUser, roomId: string): Promise<void> {
    const { member, room } = await this.rooms.memberAndRoom(workspaceId, caller, roomId);
    WorkspaceAccess.requireModerator(member, room.createdBy, 'end the call');
    await this.livekit.endRoom(room.id);
    await this.closeSession(room.id);
  }

  async removeParticipant(workspaceId: string, caller: AuthenticatedUser, roomId: string, identity: string): Promise<void> {
    const { member, room } = await this.rooms.memberAndRoom(workspaceId, caller, roomId);
    WorkspaceAccess.requireModerator(member, room.createdBy, 'remove participants');
    await this.livekit.removeParticipant(room.id, identity);
    await this.state.left(room.id, identity);
  }

  /** Ends a running call first, so nobody stays connected to a room that no longer exists. */
  async deleteRoom(workspaceId: string, caller: AuthenticatedUser, roomId: string): Promise<void> {
    const { member, room } = await this.rooms.memberAndRoom(workspaceId, caller, roomId);
    WorkspaceAccess.requireModerator(member, room.createdBy, 'delete this room');
    // LiveKit is only asked when a call is running: an idle room is deleted even while LiveKit is away.
    if ((await this.state.read(room.id)).status === 'active') await this.livekit.endRoom(room.id);
    await this.closeSession(room.id);
    await this.roomRows.softDelete(room.id);
  }

  private async closeSession(roomId: string): Promise<void> {
    const now = new Date();
    await this.state.ended(roomId, now);
    await this.calls.endCalls(roomId, now);
  }
}
