import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { env, EnvValidationError, loadEnv } from './env';
import { commonEnvSpec } from './service-env';

describe('loadEnv', () => {
  const spec = {
    PORT: env.port({ default: 8080 }),
    NAME: env.string(),
    FLAG: env.bool({ default: false }),
    MODE: env.oneOf(['a', 'b'] as const, { default: 'a' }),
    URL: env.optionalUrl(),
  };

  it('applies defaults and parses values', () => {
    const cfg = loadEnv(spec, { NAME: 'x', FLAG: 'yes', URL: 'http://h:1/' });
    expect(cfg).toEqual({ PORT: 8080, NAME: 'x', FLAG: true, MODE: 'a', URL: 'http://h:1' });
  });

  it('names every missing or malformed variable in one error', () => {
    let caught: unknown;
    try {
      loadEnv(spec, { PORT: '70000', FLAG: 'maybe', MODE: 'c', URL: 'not a url' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(EnvValidationError);
    const message = (caught as Error).message;
    expect(message).toContain('PORT must be between 1 and 65535');
    expect(message).toContain('NAME is required');
    expect(message).toContain('FLAG must be true or false');
    expect(message).toContain('MODE must be one of a, b');
    expect(message).toContain('URL must be a URL');
  });

  it('reads NAME_FILE for Docker secrets and unescapes PEM newlines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'env-'));
    const file = join(dir, 'name');
    writeFileSync(file, 'from-file\n');
    expect(loadEnv({ NAME: env.string() }, { NAME_FILE: file }).NAME).toBe('from-file');
    const pem = loadEnv({ K: env.string() }, { K: '-----BEGIN X-----\\nabc\\n-----END X-----' }).K;
    expect(pem).toBe('-----BEGIN X-----\nabc\n-----END X-----');
  });

  it('rejects a non-integer port with the value it saw', () => {
    expect(() => loadEnv({ P: env.port() }, { P: '80a' })).toThrow('P must be an integer (got "80a")');
  });

  it('takes service defaults from the catalog', () => {
    const cfg = loadEnv(commonEnvSpec('board'), { JWT_PUBLIC_KEY: 'k' });
    expect(cfg.PORT).toBe(8000);
    expect(cfg.BUS_REDIS_DB).toBe(6);
    expect(cfg.AUTH_REDIS_DB).toBe(0);
  });
});
