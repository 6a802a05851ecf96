import { JetStreamClient, NatsConnection } from 'nats';
import { AppConfig } from '@app/config';
import { Logger, createLogger, errorFields } from '@app/logging';
import { connectNats } from './nats-connection';
import { ensureStreams } from './streams';

const DRAIN_TIMEOUT_MS = 5000;

type ReadyListener = (jetstream: JetStreamClient) => void;

/**
 * Owns one NATS connection per process. Connecting happens in the background so that the app
 * starts, and keeps accepting writes, while NATS is unreachable. Listeners run once the
 * connection is up and the streams exist.
 */
export class NatsClient {
  private readonly logger: Logger;
  private connection: NatsConnection | undefined;
  private jetstreamClient: JetStreamClient | undefined;
  private readonly listeners: ReadyListener[] = [];
  private closed = false;
  private available = false;
  private startup: Promise<void> | undefined;

  constructor(
    private readonly config: Pick<AppConfig, 'natsUrl' | 'streams'>,
    private readonly connectionName: string,
  ) {
    this.logger = createLogger('NatsClient');
  }

  /** Starts connecting; resolves at once. `whenReady` resolves once JetStream can be used. */
  start(): void {
    this.startup ??= this.connectAndPrepare();
  }

  async whenReady(): Promise<void> {
    this.start();
    await this.startup;
  }

  onReady(listener: ReadyListener): void {
    this.listeners.push(listener);
    if (this.jetstreamClient) listener(this.jetstreamClient);
  }

  get jetstream(): JetStreamClient | undefined {
    return this.jetstreamClient;
  }

  get nats(): NatsConnection | undefined {
    return this.connection;
  }

  isConnected(): boolean {
    return this.available && this.connection !== undefined && !this.connection.isClosed() && this.jetstreamClient !== undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (!this.connection || this.connection.isClosed()) return;
    // Draining needs the server; while it is unreachable, close at once instead of waiting.
    const drained = this.available
      ? await Promise.race([
          this.connection.drain().then(() => true, () => false),
          new Promise<boolean>((resolve) => setTimeout(() => resolve(false), DRAIN_TIMEOUT_MS).unref()),
        ])
      : false;
    if (!drained) {
      await this.connection.close().catch((error: unknown) => this.logger.warn(errorFields(error), 'NATS close failed'));
    }
    this.logger.info('NATS connection closed');
  }

  private async connectAndPrepare(): Promise<void> {
    this.connection = await connectNats({
      url: this.config.natsUrl,
      name: this.connectionName,
      logger: this.logger,
      onAvailability: (available) => {
        this.available = available;
      },
      isCancelled: () => this.closed,
    });
    if (!this.connection) return;
    if (this.closed) {
      await this.connection.close();
      return;
    }
    const manager = await this.connection.jetstreamManager({ checkAPI: false });
    for (let attempt = 1; !this.closed; attempt += 1) {
      try {
        await ensureStreams(manager, this.config.streams, this.logger);
        break;
      } catch (error) {
        const delay = Math.min(30_000, 500 * 2 ** Math.min(attempt, 6));
        this.logger.warn({ ...errorFields(error), attempt, retryInMs: delay }, 'JetStream streams not ready; retrying');
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
    this.jetstreamClient = this.connection.jetstream();
    for (const listener of this.listeners) listener(this.jetstreamClient);
  }
}
