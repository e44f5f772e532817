import { loadVideoConfig } from './video.config';

const base = { JWT_PUBLIC_KEY: 'pem', LIVEKIT_API_KEY: 'key', LIVEKIT_API_SECRET: 'x'.repeat(32) };

describe('video config', () => {
  it('names every cross-variable problem', () => {
    expect(() => loadVideoConfig({ ...base, TURN_URLS: 'turn:a:3478,http://nope', STUN_URLS: 'turn:b' })).toThrow(
      'Invalid environment: TURN_SECRET is required when TURN_URLS is set; TURN_URLS entry "http://nope" must start with turn: or turns:; STUN_URLS entry "turn:b" must start with stun:',
    );
    expect(() => loadVideoConfig({ ...base, LIVEKIT_API_SECRET: 'short' })).toThrow(/LIVEKIT_API_SECRET must be at least 32 characters/);
    expect(loadVideoConfig(base).LIVEKIT_URL).toBe('ws://localhost:7880');
  });
});
