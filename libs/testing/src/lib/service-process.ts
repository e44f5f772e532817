import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export const WORKSPACE_ROOT = resolve(__dirname, '../../../..');

export interface ServiceProcess {
  url: string;
  port: number;
  child: ChildProcess;
  output: () => string;
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export function builtServicePath(app: string): string {
  return join(WORKSPACE_ROOT, 'dist/apps', app, 'main.js');
}

/** Runs `node dist/apps/<app>/main.js [command]` to completion (e.g. migrate). */
export function runBuiltService(app: string, env: Record<string, string>, command: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, ['--no-node-snapshot', builtServicePath(app), command], { env: { ...minimalEnv(), ...env } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => resolveRun({ code, output }));
  });
}

/**
 * Starts a built service as a real process on a free port and waits for /health/ready.
 * Integration tests of one service use it to talk to the others they call over the bus.
 */
export async function startBuiltService(app: string, env: Record<string, string>, timeoutMs = 20_000): Promise<ServiceProcess> {
  const entry = builtServicePath(app);
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run "nx run ${app}:build" first`);
  const port = await freePort();
  const child = spawn(process.execPath, ['--no-node-snapshot', entry], {
    env: { ...minimalEnv(), ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${app} exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${url}/health/ready`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${app} was not ready within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    child,
    output: () => output,
    stop: async (signal: NodeJS.Signals = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

function minimalEnv(): Record<string, string> {
  const keep = ['PATH', 'HOME', 'LANG', 'TZ'];
  return Object.fromEntries(keep.filter((k) => process.env[k]).map((k) => [k, process.env[k] as string]));
}
