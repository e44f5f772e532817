import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Small helpers to run the native infrastructure binaries (nginx, prometheus) as child
 * processes that the caller owns: found on PATH or in the Debian sbin paths, waited on over
 * HTTP, and stopped by pid with a kill fallback so tests never leak a process.
 */
export function findBinary(name: string, envVar?: string): string | null {
  const fromEnv = envVar ? process.env[envVar] : undefined;
  if (fromEnv) return fromEnv;
  const dirs = [...(process.env['PATH'] ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin', '/sbin'];
  for (const dir of dirs.filter(Boolean)) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // keep looking
    }
  }
  return null;
}

export function requireBinary(name: string, envVar?: string): string {
  const found = findBinary(name, envVar);
  if (!found) throw new Error(`${name} is not installed: run "bash tools/infra/install-native-deps.sh"`);
  return found;
}

/** Runs a command to completion and returns its exit code and combined output. */
export function runSync(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): { code: number; output: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', env });
  return { code: result.status ?? 1, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error?.message ?? ''}` };
}

export interface OwnedProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

export function spawnOwned(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): OwnedProcess {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', (err) => {
      output += String(err);
      resolve(-1);
    });
  });
  return { child, output: () => output, exited };
}

/** Polls `url` until `ready(response)` holds; fails early if the process exits. */
export async function waitForHttp(
  url: string,
  proc: OwnedProcess,
  what: string,
  timeoutMs = 20_000,
  ready: (res: Response) => boolean | Promise<boolean> = (res) => res.ok,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) {
      throw new Error(`${what} exited before it was ready:\n${proc.output()}`);
    }
    try {
      if (await ready(await fetch(url))) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stopOwned(proc, 'SIGKILL');
      throw new Error(`${what} was not ready within ${timeoutMs} ms:\n${proc.output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Sends `signal`, then SIGKILL if the process is still there after `graceMs`. */
export async function stopOwned(proc: OwnedProcess, signal: NodeJS.Signals = 'SIGTERM', graceMs = 5_000): Promise<void> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  proc.child.kill(signal);
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), graceMs);
  await proc.exited;
  clearTimeout(timer);
}
