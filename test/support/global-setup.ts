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
