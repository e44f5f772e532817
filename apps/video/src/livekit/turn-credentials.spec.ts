import { createHmac } from 'node:crypto';
import type { VideoConfig } from '../video.config';
import { TurnCredentials } from './turn-credentials';

const config = (over: Partial<VideoConfig>) =>
  ({ TURN_URLS: ['turn:t.example:3478?transport=udp'], STUN_URLS: [], TURN_SECRET: 's3cret', TURN_CREDENTIAL_TTL_SECONDS: 600, ...over }) as VideoConfig;

describe('TurnCredentials (coturn use-auth-secret)', () => {
  it('names the expiry and the user in the username and signs it with HMAC-SHA1', () => {
    const now = Date.UTC(2030, 0, 1);
    const { iceServers, expiresAt } = new TurnCredentials(config({ STUN_URLS: ['stun:t.example:3478'] })).iceServers('user-1', now);
    const expiry = now / 1000 + 600;
    expect(iceServers).toEqual([
      { urls: ['stun:t.example:3478'] },
      { urls: ['turn:t.example:3478?transport=udp'], username: `${expiry}:user-1`, credential: createHmac('sha1', 's3cret').update(`${expiry}:user-1`).digest('base64') },
    ]);
    expect(expiresAt).toEqual(new Date(expiry * 1000));
  });

  it('hands out no TURN server without URLs or secret', () => {
    expect(new TurnCredentials(config({ TURN_URLS: [] })).iceServers('u')).toEqual({ iceServers: [], expiresAt: null });
  });
});
