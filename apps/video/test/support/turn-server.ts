import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSocket } from 'node:dgram';

export interface TurnServer {
  port: number;
  realm: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * A real Coturn (`turnserver`, Debian package coturn) on 127.0.0.1:<port> with the TURN REST
 * API scheme (use-auth-secret) and the given static-auth-secret. Loopback peers are allowed so
 * turnutils_uclient can relay to itself.
 */
export async function startTurnServer(port: number, secret: string): Promise<TurnServer> {
  const dir = mkdtempSync(join(tmpdir(), 'coturn-'));
  const realm = 'wealist.test';
  const child: ChildProcess = spawn(
    'turnserver',
    [
      '-n', '--no-cli', '--no-tls', '--no-dtls', '--listening-ip=127.0.0.1', `--listening-port=${port}`, '--relay-ip=127.0.0.1',
      '--use-auth-secret', `--static-auth-secret=${secret}`, `--realm=${realm}`, '--allow-loopback-peers',
      `--userdb=${join(dir, 'turndb')}`, `--pidfile=${join(dir, 'turnserver.pid')}`, '--log-file=stdout', '--simple-log',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 10_000;
  while (!(await answersStun(port))) {
    if (child.exitCode !== null) throw new Error(`turnserver exited with ${child.exitCode}: ${output}`);
    if (Date.now() > deadline) throw new Error(`turnserver did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    realm,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        child.once('exit', done);
        child.kill('SIGTERM');
      }),
  };
}

/** A STUN binding request: coturn answers once it listens. */
function answersStun(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    const request = Buffer.alloc(20);
    request.writeUInt16BE(0x0001, 0);
    request.writeUInt32BE(0x2112a442, 4);
    for (let i = 8; i < 20; i++) request[i] = Math.floor(Math.random() * 256);
    const timer = setTimeout(() => finish(false), 300);
    const finish = (ok: boolean) => {
      clearTimeout(timer);
      socket.close();
      resolve(ok);
    };
    socket.once('message', () => finish(true));
    socket.once('error', () => finish(false));
    socket.send(request, port, '127.0.0.1');
  });
}

/**
 * Allocates a relay with the credentials and sends a few packets through it (coturn's own test
 * client, client-to-client mode). ok: the allocation succeeded and every packet came back.
 */
export function relayWith(port: number, username: string, password: string): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    const args = ['-p', String(port), '-u', username, '-w', password, '-y', '-n', '3', '-m', '1', '-l', '64', '127.0.0.1'];
    const child = spawn('turnutils_uclient', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ ok: code === 0 && /Total lost packets 0 /.test(output), output });
    });
  });
}
