import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { AckPolicy, ConsumerMessages, DeliverPolicy, JetStreamManager, JsMsg, headers as natsHeaders, nanos } from 'nats';
import { lastValueFrom } from 'rxjs';
import { AppConfig } from '@app/config';
import { Logger, createLogger, errorFields } from '@app/logging';
import { SUBJECT_ROOT, deadLetterSubject } from '../catalogue';
import { EventEnvelope } from '../envelope';
import { NatsClient } from '../jetstream/nats-client';
import { isNotFound } from '../jetstream/streams';
import { JetStreamContext } from './jetstream-context';
import { PoisonMessageError } from './poison-message.error';

export interface JetStreamServerOptions {
  config: Pick<AppConfig, 'natsUrl' | 'streams' | 'consumer'>;
  client: NatsClient;
  /** Messages fetched ahead of processing; they are still handled one at a time. */
  prefetch?: number;
}

/** Outcome of one message, logged by the server. */
type Outcome = 'processed' | 'skipped' | 'retry' | 'dead-lettered';

/**
 * NestJS transport that feeds handlers from a durable JetStream pull consumer.
 *
 * Handlers are chosen by the CloudEvents `type` of the message (`@EventPattern(type)`). A message
 * is acknowledged only after its handler resolves, which for location-access means after its
 * transaction committed. A failed message is redelivered after the configured back-off; after the
 * last allowed delivery it is copied to the dead-letter subject and terminated.
 */
export class JetStreamServer extends Server implements CustomTransportStrategy {
  private readonly log: Logger = createLogger('JetStreamServer');
  private messages: ConsumerMessages | undefined;
  private inFlight: Promise<void> | undefined;
  private stopping = false;

  constructor(private readonly options: JetStreamServerOptions) {
    super();
  }

  listen(callback: (...optionalParams: unknown[]) => void): void {
    void this.consumeForever();
    callback();
  }

  async close(): Promise<void> {
    this.stopping = true;
    // Let the message being handled finish and be acknowledged. Nothing else is awaited, because
    // the loop may be waiting for a NATS server that is not coming back.
    await this.inFlight;
    await this.messages?.close().catch((error: unknown) => this.log.warn(errorFields(error), 'JetStream consumer close failed'));
    this.log.info('JetStream consumer stopped');
  }

  on(): never {
    throw new Error('JetStreamServer does not emit transport events.');
  }

  unwrap<T>(): T {
    return this.options.client.nats as T;
  }

  private async consumeForever(): Promise<void> {
    const { consumer: consumerConfig, streams } = this.options.config;
    for (let attempt = 1; !this.stopping; attempt += 1) {
      try {
        await this.options.client.whenReady();
        const connection = this.options.client.nats;
        if (!connection || this.stopping) return;
        await this.ensureConsumer(await connection.jetstreamManager({ checkAPI: false }));
        const consumer = await connection.jetstream().consumers.get(streams.provisioning, consumerConfig.durableName);
        this.messages = await consumer.consume({ max_messages: this.options.prefetch ?? 10 });
        this.log.info({ stream: streams.provisioning, durable: consumerConfig.durableName }, 'JetStream consumer started');
        attempt = 0;
        for await (const message of this.messages) {
          if (this.stopping) break;
          this.inFlight = this.handleMessage(message);
          await this.inFlight;
          this.inFlight = undefined;
        }
      } catch (error) {
        if (this.stopping) return;
        const delay = Math.min(30_000, 500 * 2 ** Math.min(attempt, 6));
        this.log.error({ ...errorFields(error), attempt, retryInMs: delay }, 'JetStream consumer failed; restarting');
        await new Promise((resolve) => setTimeout(resolve, delay).unref());
      }
    }
  }

  /** Creates the durable consumer, or updates the settings that JetStream allows to change. */
  private async ensureConsumer(manager: JetStreamManager): Promise<void> {
    const { consumer, streams } = this.options.config;
    // The server-side limit is one above ours, so the last delivery still reaches this code and
    // is dead-lettered rather than dropped silently by JetStream.
    const settings = { max_deliver: consumer.maxDeliver + 1, ack_wait: nanos(consumer.ackWaitMs) };
    try {
      await manager.consumers.info(streams.provisioning, consumer.durableName);
      await manager.consumers.update(streams.provisioning, consumer.durableName, settings);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      await manager.consumers.add(streams.provisioning, {
        durable_name: consumer.durableName,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        filter_subject: `${SUBJECT_ROOT.provisioning}.>`,
        ...settings,
      });
      this.log.info({ durable: consumer.durableName }, 'JetStream durable consumer created');
    }
  }

  private async handleMessage(message: JsMsg): Promise<void> {
    const startedAt = Date.now();
    const fields = { subject: message.subject, streamSequence: message.seq, delivery: message.info.deliveryCount };
    let envelope: EventEnvelope;
    try {
      envelope = JSON.parse(Buffer.from(message.data).toString('utf8')) as EventEnvelope;
      if (typeof envelope?.type !== 'string') throw new Error('the message has no CloudEvents "type"');
    } catch (error) {
      if (await this.deadLetter(message, error)) {
        this.log.error({ ...fields, ...errorFields(error) }, 'message is not a valid event; dead-lettered');
      }
      return;
    }

    // Tells JetStream the message is still being worked on, so a slow recompute is not redelivered.
    const keepAlive = setInterval(() => message.working(), Math.max(500, this.options.config.consumer.ackWaitMs / 2));
    const outcome = await this.dispatch(message, envelope).finally(() => clearInterval(keepAlive));
    const levels = { processed: 'debug', skipped: 'debug', retry: 'warn', 'dead-lettered': 'error' } as const;
    const level = levels[outcome];
    this.log[level]({ ...fields, eventId: envelope.id, type: envelope.type, outcome, ms: Date.now() - startedAt }, `event ${outcome}`);
  }

  private async dispatch(message: JsMsg, envelope: EventEnvelope): Promise<Outcome> {
    const handler = this.getHandlerByPattern(envelope.type);
    if (!handler) {
      message.ack();
      return 'skipped';
    }
    try {
      const result = this.transformToObservable(await handler(envelope, new JetStreamContext([message])));
      await lastValueFrom(result, { defaultValue: undefined });
      message.ack();
      return 'processed';
    } catch (error) {
      return this.fail(message, envelope, error);
    }
  }

  private async fail(message: JsMsg, envelope: EventEnvelope, error: unknown): Promise<Outcome> {
    const { maxDeliver, backoffMs } = this.options.config.consumer;
    const delivery = message.info.deliveryCount;
    if (delivery >= maxDeliver || error instanceof PoisonMessageError) {
      if (!(await this.deadLetter(message, error))) return 'retry';
      this.log.error({ ...errorFields(error), eventId: envelope.id, delivery }, 'event failed on its last delivery');
      return 'dead-lettered';
    }
    const delay = backoffMs[Math.min(delivery - 1, backoffMs.length - 1)] ?? 1000;
    message.nak(delay);
    this.log.warn({ ...errorFields(error), eventId: envelope.id, delivery, retryInMs: delay }, 'event failed; will be redelivered');
    return 'retry';
  }

  /**
   * Copies the message to the dead-letter subject with the failure reason, then stops its
   * redelivery. Returns false when the copy failed and the message was left for redelivery.
   */
  private async deadLetter(message: JsMsg, error: unknown): Promise<boolean> {
    const connection = this.options.client.nats;
    const copyHeaders = natsHeaders();
    copyHeaders.set('X-Original-Subject', message.subject);
    copyHeaders.set('X-Original-Stream-Sequence', String(message.seq));
    copyHeaders.set('X-Delivery-Count', String(message.info.deliveryCount));
    copyHeaders.set('X-Failure', (error instanceof Error ? error.message : String(error)).slice(0, 1000));
    try {
      if (!connection) throw new Error('no NATS connection for the dead-letter copy');
      await connection.jetstream().publish(deadLetterSubject(message.subject), message.data, {
        headers: copyHeaders,
        msgID: `dead-letter-${message.info.stream}-${message.seq}`,
      });
      // NOTE: nats-server 2.9 ignores a term() that carries a reason and redelivers the message.
      message.term();
      return true;
    } catch (publishError) {
      // Without a dead-letter copy the message must not be dropped: let JetStream redeliver it.
      this.log.error({ ...errorFields(publishError), subject: message.subject }, 'dead-letter publish failed');
      message.nak(this.options.config.consumer.backoffMs.at(-1) ?? 1000);
      return false;
    }
  }
}
