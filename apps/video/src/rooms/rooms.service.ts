import { Injectable, NotFoundException } from '@nestjs/common';
import type { AuthenticatedUser } from '@wealist/auth-guard';
import { WorkspaceAccess, type Member } from '../access/workspace-access.service';
import { RoomStateStore, type RoomState } from '../presence/room-state.store';
import type { RoomEntity } from './room.entity';
import { RoomsRepository } from './rooms.repository';

const DEFAULT_MAX_PARTICIPANTS = 50;

@Injectable()
export class RoomsService {
  constructor(
    private readonly rooms: RoomsRepository,
    private readonly state: RoomStateStore,
    private readonly access: WorkspaceAccess,
  ) {}

  async create(workspaceId: string, caller: AuthenticatedUser, name: string, maxParticipants?: number): Promise<RoomEntity> {
    await this.access.member(workspaceId, caller.id);
    return this.rooms.create({ workspaceId, name, maxParticipants: maxParticipants ?? DEFAULT_MAX_PARTICIPANTS, createdBy: caller.id });
  }

  async list(workspaceId: string, caller: AuthenticatedUser): Promise<{ room: RoomEntity; live: { status: RoomState['status']; participantCount: number } }[]> {
    await this.access.member(workspaceId, caller.id);
    const rooms = await this.rooms.listForWorkspace(workspaceId);
    const live = await this.state.summaries(rooms.map((r) => r.id));
    return rooms.map((room) => ({ room, live: live.get(room.id) ?? { status: 'idle', participantCount: 0 } }));
  }

  async get(workspaceId: string, caller: AuthenticatedUser, id: string): Promise<{ room: RoomEntity; state: RoomState }> {
    await this.access.member(workspaceId, caller.id);
    const room = await this.require(workspaceId, id);
    return { room, state: await this.state.read(id) };
  }

  /** The room, for a caller already known to be a member. */
  async require(workspaceId: string, id: string): Promise<RoomEntity> {
    const room = await this.rooms.find(workspaceId, id);
    if (!room) throw new NotFoundException('Room not found');
    return room;
  }

  /** Membership and room in one step, for the session use cases. */
  async memberAndRoom(workspaceId: string, caller: AuthenticatedUser, id: string): Promise<{ member: Member; room: RoomEntity }> {
    const member = await this.access.member(workspaceId, caller.id);
    return { member, room: await this.require(workspaceId, id) };
  }
}
