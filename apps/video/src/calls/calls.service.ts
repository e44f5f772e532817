import { BadRequestException, Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@wealist/auth-guard';
import { RoomsService } from '../rooms/rooms.service';
import { CallsRepository, type CallRow } from './calls.repository';

const DEFAULT_LIMIT = 20;

export interface CallPage {
  items: CallRow[];
  nextCursor: string | null;
}

@Injectable()
export class CallsService {
  constructor(
    private readonly calls: CallsRepository,
    private readonly rooms: RoomsService,
  ) {}

  /** Who joined when and for how long, newest call first, keyset-paginated. */
  async history(workspaceId: string, caller: AuthenticatedUser, roomId: string, cursor: string | undefined, limit = DEFAULT_LIMIT): Promise<CallPage> {
    await this.rooms.memberAndRoom(workspaceId, caller, roomId);
    const rows = await this.calls.history(roomId, decode(cursor), limit + 1);
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last ? encode(last) : null };
  }
}

function encode(call: CallRow): string {
  return Buffer.from(JSON.stringify([new Date(call.startedAt).toISOString(), call.id])).toString('base64url');
}

function decode(cursor: string | undefined): { startedAt: Date; id: string } | null {
  if (!cursor) return null;
  try {
    const [startedAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(startedAt);
    if (!Number.isNaN(date.getTime()) && /^[0-9a-f-]{36}$/.test(id)) return { startedAt: date, id };
  } catch {
    // fall through
  }
  throw new BadRequestException('cursor is invalid');
}
