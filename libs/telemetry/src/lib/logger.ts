import { trace } from '@opentelemetry/api';
import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Paths pino blanks out before a line is written. Credentials travel in headers and in a few
 * well-known body fields; none of them may ever reach a log.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["x-api-key"]',
  '*.password',
  '*.passwordHash',
  '*.accessToken',
  '*.refreshToken',
  '*.token',
  '*.secret',
  '*.apiKey',
  '*.clientSecret',
  'password',
  'passwordHash',
  'accessToken',
  'refreshToken',
  'token',
  'secret',
  'apiKey',
];

export interface LoggerOptions {
  service: string;
  level?: string;
  destination?: DestinationStream;
}

export function createLogger({ service, level = 'info', destination }: LoggerOptions): Logger {
  return pino(
    {
      level,
      base: { service },
      messageKey: 'msg',
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
      // Correlate log lines with traces when tracing is on.
      mixin() {
        const span = trace.getActiveSpan();
        if (!span) return {};
        const ctx = span.spanContext();
        return { traceId: ctx.traceId, spanId: ctx.spanId };
      },
      serializers: {
        // Errors are logged by name and message only: stack traces stay out of logs.
        err: (err: unknown) =>
          err instanceof Error ? { type: err.name, message: err.message } : { message: String(err) },
      },
    },
    // Default: stdout through sonic-boom, buffered and written asynchronously so a request never
    // waits on the log pipe; the shutdown path flushes it (see flushLogger).
    destination ?? pino.destination({ dest: 1, sync: false, minLength: 4096 }),
  );
}

/** Writes out what an asynchronous destination still buffers; call before process.exit. */
export function flushLogger(logger: Logger): Promise<void> {
  return new Promise((resolve) => {
    try {
      logger.flush(() => resolve());
    } catch {
      resolve();
    }
  });
}

export type { Logger } from 'pino';
