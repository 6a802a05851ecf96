import { Controller, Get, Inject, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { createLogger, errorFields } from '@app/logging';
import { NatsClient, NATS_CLIENT } from '@app/events';

/**
 * Liveness and readiness. Readiness needs PostgreSQL only: SCIM writes succeed while NATS is
 * down, because their events wait in the outbox.
 */
@Controller('health')
export class HealthController {
  private readonly logger = createLogger(HealthController.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(NATS_CLIENT) private readonly nats: NatsClient,
  ) {}

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const database = await this.dataSource.query('SELECT 1').then(
      () => 'up',
      (error: unknown) => {
        this.logger.warn(errorFields(error), 'readiness check: database unreachable');
        return 'down';
      },
    );
    const pending: { count: string }[] | undefined =
      database === 'up'
        ? await this.dataSource.query(`SELECT count(*) FROM outbox_events WHERE published_at IS NULL`).catch((error: unknown) => {
            this.logger.warn(errorFields(error), 'outbox backlog query failed');
            return undefined;
          })
        : undefined;
    if (database !== 'up') void reply.status(503);
    return {
      status: database === 'up' ? 'ok' : 'unavailable',
      database,
      nats: this.nats.isConnected() ? 'up' : 'down',
      outboxPending: pending ? Number(pending[0].count) : null,
    };
  }
}
