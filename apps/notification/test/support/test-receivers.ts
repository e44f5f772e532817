import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server (the npm smtp-server package) on a free port, keeping what it receives. */
export class TestSmtpServer {
  readonly mails: ReceivedMail[] = [];
  private server!: SMTPServer;
  port = 0;

  static async start(): Promise<TestSmtpServer> {
    const smtp = new TestSmtpServer();
    smtp.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          smtp.mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.server.listen(0, '127.0.0.1', () => resolve()));
    smtp.port = (smtp.server.server.address() as AddressInfo).port;
    return smtp;
  }

  mailsTo(address: string): ReceivedMail[] {
    return this.mails.filter((m) => m.to.includes(address));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

export interface ReceivedCall {
  at: number;
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

/** An HTTP endpoint that answers each call with the status `respond` picks (null: never answers). */
export class TestWebhookReceiver {
  readonly calls: ReceivedCall[] = [];
  private server!: Server;
  url = '';

  static async start(respond: (callNumber: number, body: string) => number | null = () => 200): Promise<TestWebhookReceiver> {
    const receiver = new TestWebhookReceiver();
    receiver.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const status = respond(receiver.calls.length + 1, body);
        receiver.calls.push({ at: Date.now(), headers: req.headers, body, status: status ?? 0 });
        if (status !== null) res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', () => resolve()));
    receiver.url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}/hook`;
    return receiver;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
