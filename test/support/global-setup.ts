import { AckPolicy, DeliverPolicy, connect, nanos } from 'nats';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../libs/database/src/data-source-options';
import { testEnvironment } from './test-environment';

/**
 * Creates a fresh test database with the schema, makes sure the streams exist, and creates this
 * run's durable consumer so that it starts at new messages rather than replaying old runs.
 */
export default async function globalSetup(): Promise<void> {
  const environment = testEnvironment();

  const admin = new Client({ connectionString: environment.adminDatabaseUrl });
  await admin.connect();
  await dropAbandonedDatabases(admin, environment.databaseName);
  await admin.query(`DROP DATABASE IF EXISTS "${environment.databaseName}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${environment.databaseName}"`);
  await admin.end();

  const dataSource = new DataSource(buildDataSourceOptions(environment.databaseUrl, 'jest-global-setup'));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();

  const connection = await connect({ servers: environment.natsUrl });
  const manager = await connection.jetstreamManager();
  const streams = [
    { name: 'PROVISIONING', subjects: ['provisioning.>'] },
    { name: 'ACCESS', subjects: ['access.>'] },
    { name: 'DEAD_LETTER', subjects: ['dead-letter.>'] },
  ];
  for (const stream of streams) {
    await manager.streams.info(stream.name).catch(() =>
      manager.streams.add({ ...stream, max_age: nanos(7 * 24 * 3600 * 1000), duplicate_window: nanos(5 * 60 * 1000) }),
    );
  }
  await manager.consumers.delete('PROVISIONING', environment.durableName).catch(() => undefined);
  await manager.consumers.add('PROVISIONING', {
    durable_name: environment.durableName,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.New,
    filter_subject: 'provisioning.>',
    // A run that dies without its teardown leaves no consumer behind for long.
    inactive_threshold: nanos(15 * 60 * 1000),
  });
  await connection.close();
}

/**
 * Drops the databases of earlier runs that were killed before their teardown. A run's database
 * ends in the Jest process id, so one whose process no longer exists is abandoned.
 */
async function dropAbandonedDatabases(admin: Client, currentName: string): Promise<void> {
  const prefix = currentName.replace(/_[^_]+$/, '_');
  const rows = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE starts_with(datname, $1)`, [prefix]);
  for (const { datname } of rows.rows) {
    const suffix = datname.slice(prefix.length);
    if (datname === currentName || !/^\d+$/.test(suffix) || isRunning(Number(suffix))) continue;
    await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
