import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { runMigrations } from '@app/database';
import { NestPinoLogger, configureLogging, createLogger } from '@app/logging';
import { GatewayModule } from './app.module';
import { registerJsonBodyParsers } from './http/json-body-parser';
import { setPublicBaseUrl } from './scim/scim-context';

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Builds the gateway: Fastify with the SCIM body parsers, the Nest modules, and the schema
 * migrated. `main.ts` and the e2e tests both use it, so tests run the real wiring. The caller
 * decides whether and where to listen.
 */
export async function createGatewayApp(config: AppConfig): Promise<NestFastifyApplication> {
  configureLogging('scim-gateway', config.logLevel);
  setPublicBaseUrl(config.publicBaseUrl);
  const adapter = new FastifyAdapter({
    bodyLimit: config.http.bodyLimitBytes,
    logger: false,
    trustProxy: config.http.trustProxy,
    // Long ids reach the handlers and get a SCIM 404 instead of Fastify's bare 414.
    maxParamLength: 2048,
    genReqId: (request: IncomingMessage) => {
      const clientRequestId = request.headers['x-request-id'];
      return typeof clientRequestId === 'string' && REQUEST_ID_PATTERN.test(clientRequestId) ? clientRequestId : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule.forRoot(config), adapter, {
    logger: new NestPinoLogger(),
    abortOnError: false,
    // The parsers come from registerJsonBodyParsers, which also reads application/scim+json.
    bodyParser: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  registerJsonBodyParsers(fastify, config.http.bodyLimitBytes);

  const accessLog = createLogger('http');
  fastify.addHook('onResponse', (request, reply, done) => {
    const fields = {
      requestId: request.id,
      method: request.method,
      path: request.url.split('?')[0],
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
    };
    if (reply.statusCode >= 500) accessLog.error(fields, 'request completed');
    else accessLog.info(fields, 'request completed');
    done();
  });
  // Fastify closes only idle keep-alive connections at shutdown. Asking clients to close the busy
  // ones after their response lets the process stop instead of waiting for keepAliveTimeout.
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    void reply.header('X-Request-Id', request.id);
    if (closing) void reply.header('Connection', 'close');
    done(null, payload);
  });

  if (config.migrationsRun) {
    await runMigrations(app.get<DataSource>(getDataSourceToken()));
  }
  app.enableShutdownHooks();
  return app;
}
