import { Controller, Get, Inject, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { createLogger, errorFields } from '@app/logging';
import { NATS_CLIENT, NatsClient } from '@app/events';

/** Liveness and readiness of location-access; it cannot work without both PostgreSQL and NATS. */
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
    const nats = this.nats.isConnected() ? 'up' : 'down';
    const ready = database === 'up' && nats === 'up';
    if (!ready) void reply.status(503);
    return { status: ready ? 'ok' : 'unavailable', database, nats };
  }
}
