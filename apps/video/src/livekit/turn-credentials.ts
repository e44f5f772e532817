import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@wealist/config';
import { createHmac } from 'node:crypto';
import type { VideoConfig } from '../video.config';

/** An RTCIceServer as browsers take it. */
export interface IceServer {
  urls: string[];
  username?: string;
  credential?: string;
}

/**
 * Time-limited TURN credentials in Coturn's REST API scheme (`use-auth-secret`): the username
 * is `<unix expiry>:<user id>` and the password base64(HMAC-SHA1(static-auth-secret, username)).
 * Coturn recomputes the password and refuses it once the expiry has passed, so a credential
 * copied out of a browser is worthless after its TTL and no per-user state is needed.
 */
@Injectable()
export class TurnCredentials {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: VideoConfig) {}

  iceServers(userId: string, now = Date.now()): { iceServers: IceServer[]; expiresAt: Date | null } {
    const servers: IceServer[] = [];
    if (this.config.STUN_URLS.length > 0) servers.push({ urls: [...this.config.STUN_URLS] });
    if (this.config.TURN_URLS.length === 0 || !this.config.TURN_SECRET) return { iceServers: servers, expiresAt: null };
    const expiry = Math.floor(now / 1000) + this.config.TURN_CREDENTIAL_TTL_SECONDS;
    const username = `${expiry}:${userId}`;
    const credential = createHmac('sha1', this.config.TURN_SECRET).update(username).digest('base64');
    servers.push({ urls: [...this.config.TURN_URLS], username, credential });
    return { iceServers: servers, expiresAt: new Date(expiry * 1000) };
  }
}
