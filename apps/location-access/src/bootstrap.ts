import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig } from '@app/config';
import { JetStreamServer, NATS_CLIENT, NatsClient } from '@app/events';
import { NestPinoLogger, configureLogging } from '@app/logging';
import { RethrowRpcErrorsFilter } from './access/rethrow-rpc-errors.filter';
import { LocationAccessModule } from './app.module';

/**
 * Builds location-access: a NestJS microservice fed by the JetStream transport, plus a small HTTP
 * server for health checks. It relies on the gateway having migrated the schema.
 */
export async function createLocationAccessApp(config: AppConfig): Promise<NestFastifyApplication> {
  configureLogging('location-access', config.logLevel);
  const app = await NestFactory.create<NestFastifyApplication>(LocationAccessModule.forRoot(config), new FastifyAdapter({ logger: false }), {
    logger: new NestPinoLogger(),
    abortOnError: false,
  });
  // Deferred, so that the filter below is registered before Nest binds the handlers.
  const microservice = app.connectMicroservice(
    { strategy: new JetStreamServer({ config, client: app.get<NatsClient>(NATS_CLIENT) }) },
    { deferInitialization: true },
  );
  microservice.useGlobalFilters(new RethrowRpcErrorsFilter());
  app.enableShutdownHooks();
  return app;
}
