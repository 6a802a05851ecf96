import { EntityManager } from 'typeorm';
import { OutgoingEvent } from '../envelope';

/** Appends events to the outbox inside the caller's transaction, so they commit with the change. */
export async function appendToOutbox(manager: EntityManager, producer: string, events: OutgoingEvent[]): Promise<void> {
  if (events.length === 0) return;
  await manager.query(
    `INSERT INTO outbox_events (event_id, producer, subject, payload)
     SELECT event_id, $1, subject, payload
     FROM unnest($2::uuid[], $3::text[], $4::jsonb[]) WITH ORDINALITY AS e(event_id, subject, payload, ord)
     ORDER BY ord`,
    [
      producer,
      events.map((event) => event.envelope.id),
      events.map((event) => event.subject),
      events.map((event) => JSON.stringify(event.envelope)),
    ],
  );
}
