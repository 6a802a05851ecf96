import { NatsConnection, connect } from 'nats';
import { Logger, errorFields } from '@app/logging';

export interface NatsConnectOptions {
  url: string;
  name: string;
  logger: Logger;
  /** Called with true when the connection is usable and false while it is reconnecting. */
  onAvailability: (available: boolean) => void;
  /** Returns true once the caller no longer wants a connection, to stop retrying. */
  isCancelled: () => boolean;
}

const FIRST_CONNECT_RETRY_MS = 1000;

/**
 * Connects to NATS, retrying until the server is reachable or the caller gives up, then lets the
 * client reconnect forever. An app therefore starts, and keeps accepting writes, while NATS is
 * away. Returns undefined only when cancelled before a connection was made.
 */
export async function connectNats(options: NatsConnectOptions): Promise<NatsConnection | undefined> {
  const servers = options.url.split(',').map((server) => server.trim());
  for (let attempt = 1; !options.isCancelled(); attempt += 1) {
    try {
      const connection = await connect({ servers, name: options.name, maxReconnectAttempts: -1, reconnectTimeWait: 1000, timeout: 5000 });
      options.logger.info({ server: connection.getServer(), attempt }, 'connected to NATS');
      options.onAvailability(true);
      void watchStatus(connection, options);
      return connection;
    } catch (error) {
      if (attempt === 1 || attempt % 30 === 0) {
        options.logger.warn({ ...errorFields(error), attempt, retryInMs: FIRST_CONNECT_RETRY_MS }, 'NATS unreachable; retrying');
      }
      await new Promise((resolve) => setTimeout(resolve, FIRST_CONNECT_RETRY_MS));
    }
  }
  return undefined;
}

async function watchStatus(connection: NatsConnection, options: NatsConnectOptions): Promise<void> {
  const { logger } = options;
  try {
    for await (const status of connection.status()) {
      const type: string = status.type;
      const fields = { event: type, server: typeof status.data === 'string' ? status.data : JSON.stringify(status.data) };
      if (type === 'disconnect') {
        options.onAvailability(false);
        logger.warn(fields, 'NATS connection lost; reconnecting');
      } else if (type === 'reconnect') {
        options.onAvailability(true);
        logger.info(fields, 'NATS connection restored');
      } else if (type === 'error') {
        logger.warn(fields, 'NATS connection error');
      } else {
        logger.debug(fields, 'NATS status');
      }
    }
  } catch (error) {
    logger.error(errorFields(error), 'NATS status watcher failed');
  }
}
