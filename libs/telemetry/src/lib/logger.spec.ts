import { Writable } from 'node:stream';
import { createLogger } from './logger';

describe('createLogger', () => {
  it('writes one JSON object a line with secrets redacted and errors without stacks', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger({ service: 'svc', destination: sink });
    logger.info({ req: { headers: { authorization: 'Bearer abc', cookie: 'c=1' } }, body: { password: 'p@ss', refreshToken: 'rt' } }, 'hello');
    logger.error({ err: new Error('boom') }, 'failed');
    const [first, second] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(first).toMatchObject({ level: 'info', service: 'svc', msg: 'hello' });
    expect(JSON.stringify(first)).not.toMatch(/Bearer abc|c=1|p@ss|"rt"/);
    expect(second).toMatchObject({ level: 'error', err: { type: 'Error', message: 'boom' } });
    expect(JSON.stringify(second)).not.toContain('at ');
  });
});
