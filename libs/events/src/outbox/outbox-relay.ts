import { JetStreamClient, headers as natsHeaders } from 'nats';
import { DataSource } from 'typeorm';
import { Logger, createLogger, errorFields } from '@app/logging';

interface PendingRow {
  position: string;
  event_id: string;
  subject: string;
  payload: { correlationid?: string; type?: string };
}

export interface OutboxRelayOptions {
  producer: string;
  pollIntervalMs: number;
  batchSize: number;
  /** Timeout of one JetStream publish acknowledgement. */
  publishTimeoutMs?: number;
  /** Published rows older than this are deleted; the stream keeps the history subscribers replay. */
  retentionHours: number;
}

const PRUNE_INTERVAL_MS = 60 * 60 * 1000;

const MAX_BACKOFF_MS = 30_000;

/**
 * Publishes a producer's outbox rows to JetStream in position order and marks them published.
 *
 * Rows are claimed with `FOR UPDATE SKIP LOCKED` inside a transaction that stays open while they
 * are published, so replicas never publish the same row at the same time. A crash after publish
 * and before commit re-publishes the row later; JetStream drops the copy because the event id is
 * sent as `Nats-Msg-Id`.
 */
export class OutboxRelay {
  private readonly logger: Logger;
  private jetstream: JetStreamClient | undefined;
  private running = false;
  private wakeRequested = false;
  private stopped = true;
  private timer: NodeJS.Timeout | undefined;
  private failures = 0;
  private loop: Promise<void> = Promise.resolve();
  private lastPruneAt = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: OutboxRelayOptions,
  ) {
    this.logger = createLogger(`OutboxRelay:${options.producer}`);
  }

  start(): void {
    this.stopped = false;
    this.logger.info({ pollIntervalMs: this.options.pollIntervalMs }, 'outbox relay started');
    this.schedule(0);
  }

  /** Sets or replaces the JetStream client, e.g. once NATS is reachable, and publishes what waits. */
  attach(jetstream: JetStreamClient | undefined): void {
    this.jetstream = jetstream;
    if (jetstream) this.wake();
  }

  /** Runs a publish pass now instead of at the next poll; called after each commit that wrote events. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wakeRequested = true;
      return;
    }
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.loop;
    this.logger.info('outbox relay stopped');
  }

  /** Publishes every pending row; resolves when the outbox is empty or a publish failed. */
  async drain(): Promise<void> {
    for (;;) {
      const outcome = await this.publishBatch();
      if (outcome.failed || outcome.published < this.options.batchSize) return;
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.loop = this.runPass();
    }, delayMs);
  }

  private async runPass(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = true;
    let nextDelay = this.options.pollIntervalMs;
    try {
      do {
        this.wakeRequested = false;
        const outcome = await this.publishBatch();
        if (outcome.failed) {
          this.failures += 1;
          nextDelay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(this.failures - 1, 10));
          this.logger.warn({ attempt: this.failures, retryInMs: nextDelay }, 'outbox publish failed; will retry');
          break;
        }
        if (this.failures > 0) {
          this.logger.info({ afterAttempts: this.failures }, 'outbox publishing recovered');
          this.failures = 0;
        }
        if (outcome.published >= this.options.batchSize) this.wakeRequested = true;
      } while (this.wakeRequested && !this.stopped);
      await this.pruneIfDue();
    } catch (error) {
      this.logger.error(errorFields(error), 'outbox relay pass failed');
      nextDelay = Math.min(MAX_BACKOFF_MS, this.options.pollIntervalMs * 5);
    } finally {
      this.running = false;
      this.schedule(this.wakeRequested ? 0 : nextDelay);
    }
  }

  private async pruneIfDue(): Promise<void> {
    if (Date.now() - this.lastPruneAt < PRUNE_INTERVAL_MS) return;
    this.lastPruneAt = Date.now();
    const result: [unknown[], number] = await this.dataSource.query(
      `DELETE FROM outbox_events WHERE producer = $1 AND published_at < now() - make_interval(hours => $2)`,
      [this.options.producer, this.options.retentionHours],
    );
    if (result[1] > 0) this.logger.info({ deleted: result[1] }, 'published outbox events pruned');
  }

  private async publishBatch(): Promise<{ published: number; failed: boolean }> {
    const jetstream = this.jetstream;
    if (!jetstream) return { published: 0, failed: false };

    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const rows: PendingRow[] = await runner.query(
        `SELECT position, event_id, subject, payload FROM outbox_events
         WHERE producer = $1 AND published_at IS NULL
         ORDER BY position LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [this.options.producer, this.options.batchSize],
      );
      if (rows.length === 0) {
        await runner.commitTransaction();
        return { published: 0, failed: false };
      }

      // Publish requests are sent in row order on one connection, so JetStream stores them in that
      // order; the acknowledgements are awaited together.
      const results = await Promise.allSettled(rows.map((row) => this.publishRow(jetstream, row)));
      const published = rows.filter((_, index) => results[index].status === 'fulfilled').map((row) => row.position);
      const firstFailure = results.findIndex((result) => result.status === 'rejected');

      if (published.length > 0) {
        await runner.query(`UPDATE outbox_events SET published_at = now() WHERE position = ANY($1::bigint[])`, [published]);
      }
      if (firstFailure >= 0) {
        const reason = (results[firstFailure] as PromiseRejectedResult).reason as unknown;
        const failedPositions = rows.filter((_, index) => results[index].status === 'rejected').map((row) => row.position);
        await runner.query(
          `UPDATE outbox_events SET attempts = attempts + 1, last_error = $2 WHERE position = ANY($1::bigint[])`,
          [failedPositions, reason instanceof Error ? reason.message : String(reason)],
        );
        this.logger.warn(
          { ...errorFields(reason), failed: failedPositions.length, published: published.length },
          'some outbox events were not published',
        );
      }
      await runner.commitTransaction();
      this.logger.debug({ published: published.length }, 'outbox events published');
      return { published: published.length, failed: firstFailure >= 0 };
    } catch (error) {
      await runner.rollbackTransaction().catch((rollbackError: unknown) => {
        this.logger.warn(errorFields(rollbackError), 'outbox rollback failed; the connection is released');
      });
      throw error;
    } finally {
      await runner.release();
    }
  }

  private async publishRow(jetstream: JetStreamClient, row: PendingRow): Promise<void> {
    const messageHeaders = natsHeaders();
    if (row.payload.correlationid) messageHeaders.set('X-Correlation-Id', row.payload.correlationid);
    if (row.payload.type) messageHeaders.set('Ce-Type', row.payload.type);
    await jetstream.publish(row.subject, Buffer.from(JSON.stringify(row.payload)), {
      msgID: row.event_id,
      headers: messageHeaders,
      timeout: this.options.publishTimeoutMs ?? 5000,
    });
  }
}
