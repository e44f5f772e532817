// Test support, imported only by tests and tools: `@wealist/object-store/testing`.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** s3rver's built-in account. */
const ACCESS_KEY = 'S3RVER';
const SECRET_KEY = 'S3RVER';

export interface TestS3Server {
  endpoint: string;
  port: number;
  accessKey: string;
  secretKey: string;
  /** S3_* variables pointing a service at this server and the given bucket. */
  env(bucket: string): Record<string, string>;
  /** Stops the process but keeps its data directory (for outage tests). */
  pause(): Promise<void>;
  /** Starts it again on the same port and data. */
  resume(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs the npm `s3rver` CLI as a separate process on the given (or any free) port (MinIO cannot run here;
 * s3rver speaks the S3 API the `minio` client and presigned URLs use). Note what it does not
 * do: it checks neither V4 signatures nor POST policy conditions, which is why services verify
 * uploads again at completion.
 */
export async function startTestS3Server(port?: number): Promise<TestS3Server> {
  port ??= await anyFreePort();
  const dir = mkdtempSync(join(tmpdir(), 's3rver-'));
  const bin = join(dirname(require.resolve('s3rver/package.json')), 'bin/s3rver.js');
  const endpoint = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let output = '';

  const start = async () => {
    output = '';
    child = spawn(process.execPath, [bin, '-d', dir, '-a', '127.0.0.1', '-p', String(port), '--silent', '--no-vhost-buckets'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const deadline = Date.now() + 15_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`s3rver exited with ${child.exitCode}: ${output}`);
      if (await fetch(endpoint).then(() => true, () => false)) return;
      if (Date.now() > deadline) throw new Error(`s3rver did not start on ${port}: ${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const halt = () =>
    new Promise<void>((resolve) => {
      if (!child || child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });

  await start();
  return {
    endpoint,
    port,
    accessKey: ACCESS_KEY,
    secretKey: SECRET_KEY,
    env: (bucket) => ({ S3_ENDPOINT: endpoint, S3_ACCESS_KEY: ACCESS_KEY, S3_SECRET_KEY: SECRET_KEY, S3_BUCKET: bucket }),
    pause: halt,
    resume: start,
    stop: async () => {
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function anyFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Uploads through a presigned POST the way a browser form does: the fields, then the file. */
export function postForm(post: { url: string; fields: Record<string, string> }, body: Uint8Array, fileName = 'upload.bin'): Promise<Response> {
  const form = new FormData();
  for (const [name, value] of Object.entries(post.fields)) form.append(name, value);
  form.append('file', new Blob([body]), fileName);
  return fetch(post.url, { method: 'POST', body: form });
}
