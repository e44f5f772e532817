import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@wealist/config';
import { AccessToken, RoomConfiguration, type VideoGrant } from 'livekit-server-sdk';
import type { VideoConfig } from '../video.config';

export interface JoinTokenRequest {
  roomName: string;
  identity: string;
  displayName: string;
  moderator: boolean;
  maxParticipants: number;
  metadata: Record<string, string>;
}

/** LiveKit join tokens (JWTs signed with the API secret), issued offline. */
@Injectable()
export class LiveKitTokens {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: VideoConfig) {}

  /**
   * Everyone in the workspace may publish, subscribe and send data; moderators (owners, admins,
   * the room's creator) also get roomAdmin, which lets their client mute or remove others.
   * The room configuration rides in the token, so LiveKit creates the room on first join with
   * this room's participant limit - joining needs no call to LiveKit from here.
   */
  async issue(request: JoinTokenRequest): Promise<{ token: string; grant: VideoGrant; expiresAt: Date }> {
    const ttl = this.config.LIVEKIT_TOKEN_TTL_SECONDS;
    const token = new AccessToken(this.config.LIVEKIT_API_KEY, this.config.LIVEKIT_API_SECRET, {
      identity: request.identity,
      name: request.displayName,
      ttl,
      metadata: JSON.stringify(request.metadata),
    });
    const grant: VideoGrant = {
      room: request.roomName,
      roomJoin: true,
      canPublish: true,
      canSubscribe: true,
      canPublishData: true,
      roomAdmin: request.moderator,
    };
    token.addGrant(grant);
    token.roomConfig = new RoomConfiguration({ maxParticipants: request.maxParticipants, emptyTimeout: 300 });
    return { token: await token.toJwt(), grant, expiresAt: new Date(Date.now() + ttl * 1000) };
  }
}
