import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';

/**
 * A tiny WebSocket-style upgrade server standing in for the chat service, which does not
 * exist yet: it answers the upgrade handshake with 101, records the headers the gateway
 * forwarded, then echoes raw bytes. Plain HTTP requests get a JSON 200.
 */
export interface UpgradeServer {
  port: number;
  upgrades: { url: string; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

export async function startUpgradeServer(): Promise<UpgradeServer> {
  const upgrades: UpgradeServer['upgrades'] = [];
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ standIn: 'chat', url: req.url }));
  });
  server.on('upgrade', (req, socket) => {
    upgrades.push({ url: req.url ?? '', headers: req.headers });
    const accept = createHash('sha1')
      .update(`${String(req.headers['sec-websocket-key'])}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
      .digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    socket.pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    upgrades,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface UpgradeResult {
  statusLine: string;
  headers: Record<string, string>;
  echoed: string;
}

/** Sends an upgrade request over a raw socket, then a payload, and returns what came back. */
export function upgradeAndEcho(port: number, path: string, payload: string, extraHeaders: Record<string, string> = {}): Promise<UpgradeResult> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no upgrade answer within 5s: ${received.toString()}`));
    }, 5_000);
    let received = Buffer.alloc(0);
    let head: Omit<UpgradeResult, 'echoed'> | null = null;
    let bodyStart = 0;
    socket.on('connect', () => {
      const lines = [
        `GET ${path} HTTP/1.1`,
        `Host: 127.0.0.1:${port}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        'Sec-WebSocket-Version: 13',
        `Sec-WebSocket-Key: ${Buffer.from('wealist-infra-ws').toString('base64')}`,
        ...Object.entries(extraHeaders).map(([k, v]) => `${k}: ${v}`),
      ];
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (!head) {
        const end = received.indexOf('\r\n\r\n');
        if (end < 0) return;
        const [statusLine, ...rest] = received.subarray(0, end).toString().split('\r\n');
        const headers = Object.fromEntries(rest.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
        head = { statusLine, headers };
        bodyStart = end + 4;
        if (!statusLine.includes(' 101 ')) {
          clearTimeout(timer);
          socket.destroy();
          resolve({ ...head, echoed: '' });
          return;
        }
        socket.write(payload);
      }
      const echoed = received.subarray(bodyStart).toString();
      if (echoed.length >= payload.length) {
        clearTimeout(timer);
        socket.destroy();
        resolve({ ...head, echoed });
      }
    });
    socket.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}
