import { AckPolicy, DeliverPolicy, NatsConnection, nanos } from 'nats';
import { Client } from 'pg';
import { AppConfig } from '@app/config';
import { SUBJECT_ROOT, ensureStreams } from '@app/events';
import { createLogger } from '@app/logging';

const DUPLICATE_DATABASE = '42P04';
/** A demo that dies without cleaning up leaves its durable consumer behind for this long at most. */
const DEMO_CONSUMER_INACTIVE_THRESHOLD_MS = 15 * 60 * 1000;

/** Creates the database named in `databaseUrl` unless it exists, by connecting to the `postgres` database of the same server. */
export async function ensureDatabase(databaseUrl: string): Promise<'created' | 'exists'> {
  const target = new URL(databaseUrl);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (name === '') throw new Error(`DATABASE_URL ${redactPassword(databaseUrl)} names no database.`);
  const maintenance = new URL(databaseUrl);
  maintenance.pathname = '/postgres';

  const client = new Client({ connectionString: maintenance.toString() });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `Cannot connect to PostgreSQL at ${redactPassword(maintenance.toString())}: ${error instanceof Error ? error.message : String(error)}. ` +
        'Start PostgreSQL, or set DATABASE_URL to a server you can reach.',
    );
  }
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount !== null && found.rowCount > 0) return 'exists';
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    return 'created';
  } catch (error) {
    if ((error as { code?: string }).code === DUPLICATE_DATABASE) return 'exists';
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * Creates the streams if needed and a durable consumer for the demo's location-access that starts
 * at the end of the provisioning stream. With its own durable, the demo neither replays the
 * stream's history nor takes messages from another location-access using the default durable.
 * location-access finds the consumer at startup and adjusts only its delivery settings.
 */
export async function prepareDemoConsumer(connection: NatsConnection, config: AppConfig): Promise<void> {
  const manager = await connection.jetstreamManager();
  await ensureStreams(manager, config.streams, createLogger('demo'));
  await manager.consumers.add(config.streams.provisioning, {
    durable_name: config.consumer.durableName,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.New,
    filter_subject: `${SUBJECT_ROOT.provisioning}.>`,
    inactive_threshold: nanos(DEMO_CONSUMER_INACTIVE_THRESHOLD_MS),
  });
}

export async function deleteDemoConsumer(connection: NatsConnection, config: AppConfig): Promise<void> {
  const manager = await connection.jetstreamManager();
  await manager.consumers.delete(config.streams.provisioning, config.consumer.durableName);
}

/** Hides the password of a connection URL before it is printed. */
export function redactPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}
