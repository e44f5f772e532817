import { Catch, HttpException, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  requestId: string;
  errors?: { field: string; message: string }[];
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function reasonPhrase(status: number): string {
  return REASONS[status] ?? (status >= 500 ? 'Internal Server Error' : 'Error');
}

/**
 * Turns every error into the PLATFORM.md shape. HttpExceptions keep their status and message;
 * anything else is a 500 whose details go to the log (name and message, never a stack) and
 * never to the client.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    const body = this.toBody(exception, request.id);
    if (body.statusCode >= 500) {
      this.logger.error({ requestId: request.id, err: exception, route: request.routeOptions?.url }, 'request failed');
    }
    if (exception instanceof HttpException) {
      const headers = (exception as HttpException & { headers?: Record<string, string> }).headers;
      if (headers) void reply.headers(headers);
    }
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  private toBody(exception: unknown, requestId: string): ErrorBody {
    if (!(exception instanceof HttpException)) {
      return { statusCode: 500, error: reasonPhrase(500), message: 'Internal server error', requestId };
    }
    const statusCode = exception.getStatus();
    const response = exception.getResponse();
    const body: ErrorBody = { statusCode, error: reasonPhrase(statusCode), message: exception.message, requestId };
    if (typeof response === 'string') {
      body.message = response;
    } else if (response && typeof response === 'object') {
      const r = response as { message?: unknown; errors?: ErrorBody['errors'] };
      if (Array.isArray(r.message)) body.message = r.message.join('; ');
      else if (typeof r.message === 'string') body.message = r.message;
      if (r.errors) body.errors = r.errors;
    }
    if (statusCode >= 500 && statusCode !== HttpStatus.SERVICE_UNAVAILABLE && statusCode !== HttpStatus.GATEWAY_TIMEOUT) {
      body.message = 'Internal server error';
    }
    return body;
  }
}
