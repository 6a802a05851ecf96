import { loadConfig } from '@app/config';
import { configureLogging, createLogger, errorFields } from '@app/logging';
import { createGatewayApp } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfig();
  configureLogging('scim-gateway', config.logLevel);
  const logger = createLogger('main');
  const app = await createGatewayApp(config);
  await app.listen({ port: config.http.port, host: config.http.host });
  logger.info({ host: config.http.host, port: config.http.port, nodeEnv: config.nodeEnv }, 'scim-gateway started');
  process.once('SIGTERM', () => logger.info('SIGTERM received; stopping'));
}

main().catch((error: unknown) => {
  createLogger('main').fatal(errorFields(error), 'scim-gateway failed to start');
  process.exit(1);
});
