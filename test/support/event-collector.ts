import { ConsumerMessages, NatsConnection, connect } from 'nats';
import { EventEnvelope } from '@app/events';

/**
 * Subscribes to one company's provisioning and access events from the start of the streams,
 * like an internal service would, and keeps every envelope received.
 */
export class EventCollector {
  readonly events: (EventEnvelope<any> & { natsSubject: string })[] = [];
  private connection: NatsConnection | undefined;
  private readonly iterators: ConsumerMessages[] = [];

  private constructor() {}

  static async start(natsUrl: string, companyId: string): Promise<EventCollector> {
    const collector = new EventCollector();
    collector.connection = await connect({ servers: natsUrl });
    const jetstream = collector.connection.jetstream();
    for (const [stream, subject] of [
      ['PROVISIONING', `provisioning.${companyId}.>`],
      ['ACCESS', `access.${companyId}.>`],
    ]) {
      const consumer = await jetstream.consumers.get(stream, { filterSubjects: subject });
      const messages = await consumer.consume();
      collector.iterators.push(messages);
      void (async () => {
        for await (const message of messages) {
          collector.events.push({ ...message.json<EventEnvelope>(), natsSubject: message.subject });
        }
      })();
    }
    return collector;
  }

  ofType(suffix: string): (EventEnvelope<any> & { natsSubject: string })[] {
    return this.events.filter((event) => event.type.endsWith(suffix));
  }

  async stop(): Promise<void> {
    for (const iterator of this.iterators) await iterator.close();
    await this.connection?.close();
  }
}
