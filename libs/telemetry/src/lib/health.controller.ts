import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { HealthRegistry } from './health.registry';
import { Public } from './public.decorator';

@ApiExcludeController()
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly registry: HealthRegistry) {}

  /** Healthy while the service can serve: the same test as readiness, in the seeds' shape. */
  @Get()
  async health(@Res() reply: FastifyReply): Promise<void> {
    const report = await this.registry.report();
    if (report.ready) {
      await reply.status(HttpStatus.OK).send({ status: 'healthy' });
      return;
    }
    await this.unavailable(reply, report.failing, report.checks);
  }

  @Get('live')
  live(): { status: string } {
    return { status: 'alive' };
  }

  @Get('ready')
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const report = await this.registry.report();
    if (report.ready) {
      await reply.status(HttpStatus.OK).send({ status: 'ready', checks: report.checks });
      return;
    }
    await this.unavailable(reply, report.failing, report.checks);
  }

  private async unavailable(reply: FastifyReply, failing: string[], checks: unknown): Promise<void> {
    await reply.status(HttpStatus.SERVICE_UNAVAILABLE).send({
      statusCode: 503,
      error: 'Service Unavailable',
      message: `unavailable: ${failing.join(', ')} down`,
      requestId: reply.request.id,
      status: 'unhealthy',
      failing,
      checks,
    });
  }
}
