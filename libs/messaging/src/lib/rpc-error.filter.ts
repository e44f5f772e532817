import { Catch, HttpException, Logger, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { throwError, type Observable } from 'rxjs';
import type { RpcErrorPayload } from './rpc.contract';

/** Sends handler errors back as {statusCode, message}; internal failures stay generic. */
@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger('RpcErrorFilter');

  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    let payload: RpcErrorPayload;
    if (exception instanceof HttpException) {
      payload = { statusCode: exception.getStatus(), message: exception.message };
    } else if (exception instanceof RpcException && typeof exception.getError() === 'object') {
      payload = exception.getError() as RpcErrorPayload;
    } else {
      this.logger.error(exception instanceof Error ? `${exception.name}: ${exception.message}` : 'unknown RPC failure');
      payload = { statusCode: 500, message: 'Internal server error' };
    }
    return throwError(() => payload);
  }
}
