import { isUUID } from 'class-validator';

/** Codes of the `chat:error` event and of refused acknowledgements. */
export type SocketErrorCode =
  | 'bad_request'
  | 'not_found'
  | 'forbidden'
  | 'conflict'
  | 'too_large'
  | 'rate_limited'
  | 'too_many_rooms'
  | 'not_joined'
  | 'unauthorized'
  | 'internal';

export class SocketRefusal extends Error {
  constructor(
    readonly code: SocketErrorCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export interface JoinPayload {
  roomId: string;
  /** The last sequence this client saw in the room; everything after it is delivered first. */
  lastSeq?: number;
}

export interface SendPayload {
  roomId: string;
  body: string;
  clientMessageId?: string;
}

function object(payload: unknown): Record<string, unknown> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new SocketRefusal('bad_request', 'payload must be an object');
  }
  return payload as Record<string, unknown>;
}

function roomIdOf(p: Record<string, unknown>): string {
  if (typeof p['roomId'] !== 'string' || !isUUID(p['roomId'], '4')) throw new SocketRefusal('bad_request', 'roomId must be a UUID');
  return p['roomId'];
}

function seqOf(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 2_147_483_647) {
    throw new SocketRefusal('bad_request', `${name} must be a non-negative integer`);
  }
  return value;
}

export function parseJoin(payload: unknown): JoinPayload {
  const p = object(payload);
  return { roomId: roomIdOf(p), lastSeq: p['lastSeq'] === undefined || p['lastSeq'] === null ? undefined : seqOf(p['lastSeq'], 'lastSeq') };
}

export function parseRoom(payload: unknown): { roomId: string } {
  return { roomId: roomIdOf(object(payload)) };
}

export function parseSend(payload: unknown): SendPayload {
  const p = object(payload);
  const roomId = roomIdOf(p);
  if (typeof p['body'] !== 'string' || p['body'].trim().length === 0) throw new SocketRefusal('bad_request', 'body must be a non-empty string');
  const clientMessageId = p['clientMessageId'];
  if (clientMessageId !== undefined && (typeof clientMessageId !== 'string' || clientMessageId.length < 1 || clientMessageId.length > 100)) {
    throw new SocketRefusal('bad_request', 'clientMessageId must be a string of 1 to 100 characters');
  }
  return { roomId, body: p['body'], clientMessageId };
}

export function parseTyping(payload: unknown): { roomId: string; typing: boolean } {
  const p = object(payload);
  return { roomId: roomIdOf(p), typing: p['typing'] !== false };
}

export function parseRead(payload: unknown): { roomId: string; seq: number } {
  const p = object(payload);
  return { roomId: roomIdOf(p), seq: seqOf(p['seq'], 'seq') };
}

const BY_STATUS: Record<number, SocketErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'too_large',
  429: 'rate_limited',
};

export function codeOfStatus(status: number): SocketErrorCode {
  return BY_STATUS[status] ?? 'internal';
}
