import { ConsumerMessages, NatsConnection } from 'nats';
import { EventEnvelope } from '@app/events';

/** An event as received, with the NATS subject it arrived on. */
export interface ReceivedEvent extends EventEnvelope<any> {
  natsSubject: string;
}

/**
 * Reads one company's events from the start of the given streams through JetStream ordered
 * consumers, the way a downstream service would, and keeps them in arrival order.
 */
export class EventSubscriber {
  readonly events: ReceivedEvent[] = [];
  private readonly subscriptions: ConsumerMessages[] = [];
  private readonly loops: Promise<void>[] = [];

  private constructor() {}

  /** `streams` maps a stream name to the subject filter to read from it, e.g. `PROVISIONING` to `provisioning.<companyId>.>`. */
  static async start(connection: NatsConnection, streams: Record<string, string>): Promise<EventSubscriber> {
    const subscriber = new EventSubscriber();
    const jetstream = connection.jetstream();
    for (const [stream, subject] of Object.entries(streams)) {
      // NATS 2.9 servers accept a single filter subject only, so it is passed as a string.
      const consumer = await jetstream.consumers.get(stream, { filterSubjects: subject });
      const messages = await consumer.consume();
      subscriber.subscriptions.push(messages);
      subscriber.loops.push(subscriber.collect(messages));
    }
    return subscriber;
  }

  /** Events of one kind, named as in `eventName`, e.g. `provisioning.user.created`. */
  ofType(name: string): ReceivedEvent[] {
    return this.events.filter((event) => eventName(event) === name);
  }

  async stop(): Promise<void> {
    for (const subscription of this.subscriptions) await subscription.close();
    await Promise.all(this.loops);
  }

  private async collect(messages: ConsumerMessages): Promise<void> {
    for await (const message of messages) {
      this.events.push({ ...(message.json<EventEnvelope>() as EventEnvelope<any>), natsSubject: message.subject });
    }
  }
}

/** Stream root and event name of an event: `provisioning.<companyId>.user.created` becomes `provisioning.user.created`. */
export function eventName(event: ReceivedEvent): string {
  const [root, , ...name] = event.natsSubject.split('.');
  return `${root}.${name.join('.')}`;
}
