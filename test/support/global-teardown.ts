import { connect } from 'nats';
import { Client } from 'pg';
import { testEnvironment } from './test-environment';

/** Drops this run's database and durable consumer. Set KEEP_TEST_DATABASE=1 to inspect the database afterwards. */
export default async function globalTeardown(): Promise<void> {
  const environment = testEnvironment();
  const connection = await connect({ servers: environment.natsUrl });
  const manager = await connection.jetstreamManager();
  await manager.consumers.delete('PROVISIONING', environment.durableName).catch(() => undefined);
  await connection.close();

  if (process.env.KEEP_TEST_DATABASE === '1') return;
  const admin = new Client({ connectionString: environment.adminDatabaseUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${environment.databaseName}" WITH (FORCE)`);
  await admin.end();
}
