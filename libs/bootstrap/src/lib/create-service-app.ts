import helmet from '@fastify/helmet';
import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController } from 'fastify';
import type { CommonEnv } from '@wealist/config';
import {
  createLogger,
  flushLogger,
  HealthRegistry,
  PinoNestLogger,
  requestIdFrom,
  REQUEST_ID_HEADER,
  ServiceMetrics,
  stopTracing,
  type Logger,
} from '@wealist/telemetry';
import { HttpErrorFilter } from './http-error.filter';
import { setupSwagger } from './swagger';
import { createValidationPipe } from './validation';

export interface ServiceAppOptions {
  service: string;
  module: Type<unknown> | DynamicModule;
  config: CommonEnv;
  /** One-line description shown in /docs. */
  description: string;
  /** Where log lines go (tests pass a sink); stdout by default. */
  logDestination?: NodeJS.WritableStream;
  /** Runs after the app exists and before it listens (e.g. connectMicroservice). */
  beforeInit?: (app: NestFastifyApplication) => Promise<void> | void;
  /** Install SIGTERM/SIGINT handlers (off in tests that boot several apps in one process). */
  handleSignals?: boolean;
}

export interface ServiceApp {
  app: NestFastifyApplication;
  logger: Logger;
  /** Listens on config.HOST:config.PORT (or the given port) and resolves with the bound URL. */
  listen(port?: number): Promise<string>;
  close(): Promise<void>;
}

const QUIET_ROUTES = /^\/(health|metrics)(\/|$)/;

/**
 * The one bootstrap every service uses: Fastify, request ids, JSON logs, metrics, validation,
 * the error shape, helmet, CORS, body limit, OpenAPI and graceful shutdown.
 */
export async function createServiceApp(options: ServiceAppOptions): Promise<ServiceApp> {
  const { config, service } = options;
  const logger = createLogger({
    service,
    level: config.LOG_LEVEL,
    destination: options.logDestination as never,
  });
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    // One line per request is written by the onResponse hook below instead.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: requestIdFrom,
    requestIdHeader: false,
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: true,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });
  const app = await NestFactory.create<NestFastifyApplication>(options.module, adapter, {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
  });

  const fastify = app.getHttpAdapter().getInstance();
  const metrics = app.get(ServiceMetrics);
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.observe(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    if (QUIET_ROUTES.test(route) && reply.statusCode < 400) return;
    request.log.info(
      {
        requestId: request.id,
        method: request.method,
        route,
        url: request.url.split('?')[0],
        statusCode: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 100) / 100,
      },
      'request completed',
    );
  });

  await app.register(helmet, {
    // Swagger UI at /docs needs inline scripts and styles; the API itself serves JSON only.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  app.enableCors({
    origin: config.CORS_ORIGINS.length > 0 ? [...config.CORS_ORIGINS] : false,
    credentials: true,
    exposedHeaders: ['X-Request-Id', 'Retry-After'],
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter(logger));
  setupSwagger(app, service, options.description);
  if (options.handleSignals !== false) installShutdown(app, logger, config.SHUTDOWN_TIMEOUT_MS);

  await options.beforeInit?.(app);

  return {
    app,
    logger,
    async listen(port = config.PORT) {
      await app.startAllMicroservices();
      await app.listen({ port, host: config.HOST });
      const address = fastify.server.address();
      const bound = typeof address === 'object' && address ? address.port : port;
      logger.info({ port: bound }, `${service} listening`);
      return `http://127.0.0.1:${bound}`;
    },
    close: () => app.close(),
  };
}

/**
 * SIGTERM/SIGINT: readiness flips to 503 at once, Fastify stops accepting and drains in-flight
 * requests, then modules close their pools. A hung close is cut off after the timeout.
 */
function installShutdown(app: INestApplication, logger: Logger, timeoutMs: number): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    app.get(HealthRegistry).markShuttingDown();
    const timer = setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown timed out');
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    app
      .close()
      .then(() => stopTracing())
      .then(async () => {
        logger.info('shutdown complete');
        await flushLogger(logger);
        process.exit(0);
      })
      .catch(async (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        await flushLogger(logger);
        process.exit(1);
      });
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
