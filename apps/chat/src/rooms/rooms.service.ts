import { BadRequestException, ConflictException, ForbiddenException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { RoomBus } from '../fanout/room-bus';
import type { RoomKind } from './room.entity';
import { RoomsRepository, type MemberRow, type RoomView } from './rooms.repository';
import { WorkspaceAccess } from './workspace-access';

export interface CreateRoomInput {
  workspaceId: string;
  kind: RoomKind;
  name?: string;
  memberIds?: string[];
}

@Injectable()
export class RoomsService {
  constructor(
    private readonly rooms: RoomsRepository,
    private readonly workspaces: WorkspaceAccess,
    private readonly bus: RoomBus,
  ) {}

  /** A channel with the caller as owner, or the one direct room of two workspace members. */
  async create(callerId: string, input: CreateRoomInput): Promise<RoomView> {
    if (!(await this.workspaces.roleOf(input.workspaceId, callerId))) throw new NotFoundException('Workspace not found');
    const others = [...new Set(input.memberIds ?? [])].filter((id) => id !== callerId);
    if (input.kind === 'direct' && (others.length !== 1 || input.name !== undefined)) {
      throw new BadRequestException('A direct room has no name and exactly one other member in memberIds');
    }
    await this.requireWorkspaceMembers(input.workspaceId, others);
    if (input.kind === 'direct') return this.openDirect(callerId, input.workspaceId, others[0]);
    const id = await this.rooms.transaction((m) =>
      this.rooms.create(
        { workspaceId: input.workspaceId, kind: 'channel', name: input.name ?? null, directKey: null, createdBy: callerId },
        [{ userId: callerId, role: 'owner' }, ...others.map((userId) => ({ userId, role: 'member' as const }))],
        m,
      ),
    );
    return this.get(id, callerId);
  }

  list(callerId: string, workspaceId?: string): Promise<RoomView[]> {
    return this.rooms.listForUser(callerId, workspaceId);
  }

  /** Non-members get 404: a room's existence is not revealed to outsiders. */
  async get(roomId: string, callerId: string): Promise<RoomView> {
    const room = await this.rooms.findForMember(roomId, callerId);
    if (!room) throw new NotFoundException('Room not found');
    return room;
  }

  async rename(roomId: string, callerId: string, name: string): Promise<RoomView> {
    const room = await this.requireManager(roomId, callerId);
    if (room.kind === 'direct') throw new UnprocessableEntityException('A direct room has no name');
    await this.rooms.rename(roomId, name);
    await this.bus.publish(roomId, { kind: 'room-updated', roomId, name, archived: room.archivedAt !== null });
    return this.get(roomId, callerId);
  }

  /** An archived room keeps its history and members but takes no new messages. */
  async archive(roomId: string, callerId: string): Promise<RoomView> {
    const room = await this.requireManager(roomId, callerId);
    if (!(await this.rooms.archive(roomId))) throw new ConflictException('Room is already archived');
    await this.bus.publish(roomId, { kind: 'room-updated', roomId, name: room.name, archived: true });
    return this.get(roomId, callerId);
  }

  async members(roomId: string, callerId: string): Promise<MemberRow[]> {
    await this.get(roomId, callerId);
    return this.rooms.listMembers(roomId);
  }

  /** Any member may bring another member of the workspace into a channel. */
  async addMember(roomId: string, callerId: string, userId: string): Promise<MemberRow> {
    const room = await this.get(roomId, callerId);
    if (room.kind === 'direct') throw new UnprocessableEntityException('Members of a direct room cannot change');
    if (room.archivedAt) throw new ConflictException('Room is archived');
    await this.requireWorkspaceMembers(room.workspaceId, [userId]);
    if (!(await this.rooms.addMember(roomId, userId, 'member'))) throw new ConflictException('Already a member of this room');
    const members = await this.rooms.listMembers(roomId);
    return members.find((m) => m.userId === userId) as MemberRow;
  }

  /** Leave (yourself), or remove someone as the room's owner or a workspace owner/admin. */
  async removeMember(roomId: string, callerId: string, userId: string): Promise<void> {
    const room = await this.get(roomId, callerId);
    if (room.kind === 'direct') throw new UnprocessableEntityException('Members of a direct room cannot change');
    if (userId !== callerId) await this.requireManager(roomId, callerId, room);
    if (!(await this.rooms.removeMember(roomId, userId))) throw new NotFoundException('Member not found');
    // Sockets of the removed user stop receiving this room on every instance.
    await this.bus.publish(roomId, { kind: 'member-removed', roomId, userId });
  }

  async markRead(roomId: string, callerId: string, seq: number): Promise<number> {
    await this.get(roomId, callerId);
    return this.rooms.markRead(roomId, callerId, seq);
  }

  private async openDirect(callerId: string, workspaceId: string, otherId: string): Promise<RoomView> {
    const directKey = [callerId, otherId].sort().join(':');
    const existing = await this.rooms.findDirect(workspaceId, directKey);
    if (existing) return this.get(existing, callerId);
    try {
      const id = await this.rooms.transaction((m) =>
        this.rooms.create({ workspaceId, kind: 'direct', name: null, directKey, createdBy: callerId }, [
          { userId: callerId, role: 'member' },
          { userId: otherId, role: 'member' },
        ], m),
      );
      return this.get(id, callerId);
    } catch (err) {
      // Both users opened it at once: the unique index let one through; answer with that one.
      const raced = await this.rooms.findDirect(workspaceId, directKey);
      if (raced) return this.get(raced, callerId);
      throw err;
    }
  }

  private async requireManager(roomId: string, callerId: string, known?: RoomView): Promise<RoomView> {
    const room = known ?? (await this.get(roomId, callerId));
    if (room.role === 'owner' || (await this.workspaces.isManager(room.workspaceId, callerId))) return room;
    throw new ForbiddenException("Only the room's owner or a workspace owner or admin can do this");
  }

  private async requireWorkspaceMembers(workspaceId: string, userIds: string[]): Promise<void> {
    const roles = await Promise.all(userIds.map((id) => this.workspaces.roleOf(workspaceId, id)));
    const outsiders = userIds.filter((_, i) => roles[i] === null);
    if (outsiders.length > 0) throw new UnprocessableEntityException(`Not members of this workspace: ${outsiders.join(', ')}`);
  }
}
