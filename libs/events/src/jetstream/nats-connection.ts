import { connect, NatsConnection } from 'nats';
import { Logger, errorFields } from '@app/logging';

/**
 * Connects to NATS and keeps reconnecting forever, including when the server is down at start,
 * so that an app can boot and serve requests while NATS is away.
 */
export async function connectNats(url: string, name: string, logger: Logger): Promise<NatsConnection> {
  const connection = await connect({
    servers: url.split(',').map((server) => server.trim()),
    name,
    waitOnFirstConnect: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 1000,
    timeout: 5000,
  });
  logger.info({ server: connection.getServer() }, 'connected to NATS');
  void watchStatus(connection, logger);
  return connection;
}

async function watchStatus(connection: NatsConnection, logger: Logger): Promise<void> {
  try {
    for await (const status of connection.status()) {
      const fields = { event: status.type, server: String(status.data) };
      if (status.type === 'disconnect' || status.type === 'error') {
        logger.warn(fields, 'NATS connection lost; reconnecting');
      } else if (status.type === 'reconnect') {
        logger.info(fields, 'NATS connection restored');
      } else {
        logger.debug(fields, 'NATS status');
      }
    }
  } catch (error) {
    logger.error(errorFields(error), 'NATS status watcher failed');
  }
}
