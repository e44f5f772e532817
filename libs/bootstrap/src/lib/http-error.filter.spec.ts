import { BadRequestException, HttpException, NotFoundException, type ArgumentsHost } from '@nestjs/common';
import { HttpErrorFilter } from './http-error.filter';

function hostFor(reply: Record<string, jest.Mock>): ArgumentsHost {
  return {
    getType: () => 'http',
    switchToHttp: () => ({ getResponse: () => reply, getRequest: () => ({ id: 'req-1', routeOptions: { url: '/x' } }) }),
  } as unknown as ArgumentsHost;
}

function fakeReply() {
  const reply: Record<string, jest.Mock> = {};
  for (const m of ['status', 'header', 'headers', 'send']) reply[m] = jest.fn(() => reply);
  return reply;
}

describe('HttpErrorFilter', () => {
  const logger = { error: jest.fn() } as never;

  it('keeps the status and message of HTTP errors in the platform shape', () => {
    const reply = fakeReply();
    new HttpErrorFilter(logger).catch(new NotFoundException('Workspace not found'), hostFor(reply));
    expect(reply['status']).toHaveBeenCalledWith(404);
    expect(reply['send']).toHaveBeenCalledWith({ statusCode: 404, error: 'Not Found', message: 'Workspace not found', requestId: 'req-1' });
  });

  it('joins validation messages and passes the field list on', () => {
    const reply = fakeReply();
    const errors = [{ field: 'name', message: 'name must be a string' }];
    new HttpErrorFilter(logger).catch(new BadRequestException({ message: ['name must be a string'], errors }), hostFor(reply));
    expect(reply['send']).toHaveBeenCalledWith(expect.objectContaining({ statusCode: 400, message: 'name must be a string', errors }));
  });

  it('hides unexpected errors behind a generic 500 and sends Retry-After-style headers of HTTP errors', () => {
    const reply = fakeReply();
    new HttpErrorFilter(logger).catch(new Error('db password is hunter2'), hostFor(reply));
    expect(reply['send']).toHaveBeenCalledWith({ statusCode: 500, error: 'Internal Server Error', message: 'Internal server error', requestId: 'req-1' });

    const limited = Object.assign(new HttpException('slow down', 429), { headers: { 'Retry-After': '7' } });
    const reply2 = fakeReply();
    new HttpErrorFilter(logger).catch(limited, hostFor(reply2));
    expect(reply2['headers']).toHaveBeenCalledWith({ 'Retry-After': '7' });
    expect(reply2['status']).toHaveBeenCalledWith(429);
  });
});
