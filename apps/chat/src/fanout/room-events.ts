/** A message as clients see it, over the socket and in REST responses. */
export interface ChatMessage {
  id: string;
  roomId: string;
  seq: number;
  senderId: string;
  body: string;
  mentions: string[];
  clientMessageId: string | null;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
}

/**
 * What travels on a room's channel. Only `message` is sequenced (gapless, exactly once per
 * socket); the rest are best-effort signals whose truth is in the database or in presence.
 */
export type RoomEvent =
  | { kind: 'message'; message: ChatMessage }
  | { kind: 'message-updated'; message: ChatMessage }
  | { kind: 'typing'; roomId: string; userId: string; typing: boolean }
  | { kind: 'presence'; roomId: string; userId: string; online: boolean }
  | { kind: 'member-removed'; roomId: string; userId: string }
  | { kind: 'room-updated'; roomId: string; name: string | null; archived: boolean };

/** Redis pub/sub channel of one room (PLATFORM.md); channels ignore the key prefix, so it is added here. */
export function roomChannel(prefix: string, roomId: string): string {
  return `${prefix}chat:room:${roomId}`;
}

const CHANNEL = /chat:room:([0-9a-f-]{36})$/;

export function roomIdOfChannel(channel: string): string | null {
  return CHANNEL.exec(channel)?.[1] ?? null;
}
