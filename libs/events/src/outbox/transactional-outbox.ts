import { DataSource, EntityManager } from 'typeorm';
import { OutgoingEvent } from '../envelope';
import { OutboxRelay } from './outbox-relay';
import { appendToOutbox } from './outbox-writer';

/** Collects the events of one unit of work. */
export type EmitEvents = (...events: OutgoingEvent[]) => void;

/**
 * Runs a unit of work in one database transaction, appends the events it emitted to the outbox
 * in that transaction, and wakes the relay once the transaction has committed.
 */
export class TransactionalOutbox {
  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
    private readonly producer: string,
  ) {}

  async run<T>(work: (manager: EntityManager, emit: EmitEvents) => Promise<T>): Promise<T> {
    const events: OutgoingEvent[] = [];
    const emit: EmitEvents = (...emitted) => {
      events.push(...emitted);
    };
    const result = await this.dataSource.transaction(async (manager) => {
      const value = await work(manager, emit);
      await appendToOutbox(manager, this.producer, events);
      return value;
    });
    if (events.length > 0) this.relay.wake();
    return result;
  }
}
