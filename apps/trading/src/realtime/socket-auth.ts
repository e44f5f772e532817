import type { Socket } from 'socket.io';

/**
 * The access token of a handshake: `auth.token` (socket.io clients), else an
 * `Authorization: Bearer` header (server-side clients), else `?token=` (last resort for
 * browsers' WebSocket, which cannot set headers; the gateway does not log query strings).
 */
export function tokenOf(handshake: Pick<Socket['handshake'], 'auth' | 'headers' | 'query'>): string | null {
  const fromAuth = (handshake.auth as Record<string, unknown> | undefined)?.['token'];
  if (typeof fromAuth === 'string' && fromAuth.length > 0) return fromAuth.replace(/^Bearer\s+/i, '');
  const header = handshake.headers.authorization;
  if (typeof header === 'string' && /^bearer\s+\S+$/i.test(header)) return header.split(/\s+/)[1];
  const query = handshake.query['token'];
  return typeof query === 'string' && query.length > 0 ? query : null;
}
