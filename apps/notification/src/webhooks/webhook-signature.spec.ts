import { signWebhook, verifyWebhook } from './webhook-signature';

describe('webhook signature', () => {
  const now = 1_700_000_000_000;
  const ts = now / 1000;

  it('verifies its own signature and nothing else', () => {
    const sig = signWebhook('s3cret', ts, '{"a":1}');
    expect(sig).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhook('s3cret', String(ts), '{"a":1}', sig, 300, now)).toBe(true);
    expect(verifyWebhook('other', String(ts), '{"a":1}', sig, 300, now)).toBe(false);
    expect(verifyWebhook('s3cret', String(ts), '{"a":2}', sig, 300, now)).toBe(false);
    expect(verifyWebhook('s3cret', String(ts + 1), '{"a":1}', sig, 300, now)).toBe(false);
  });

  it('refuses a timestamp outside the tolerance (replays)', () => {
    const old = ts - 301;
    expect(verifyWebhook('s', String(old), 'b', signWebhook('s', old, 'b'), 300, now)).toBe(false);
  });
});
