import { loadConfig } from '@app/config';
import { configureLogging, createLogger, errorFields } from '@app/logging';
import { createLocationAccessApp } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfig(process.env, { requireAdminToken: false });
  configureLogging('location-access', config.logLevel);
  const logger = createLogger('main');
  const app = await createLocationAccessApp(config);
  await app.startAllMicroservices();
  await app.listen({ port: config.http.port, host: config.http.host });
  logger.info({ port: config.http.port, durable: config.consumer.durableName }, 'location-access started');
  process.once('SIGTERM', () => logger.info('SIGTERM received; stopping'));
}

main().catch((error: unknown) => {
  createLogger('main').fatal(errorFields(error), 'location-access failed to start');
  process.exit(1);
});
