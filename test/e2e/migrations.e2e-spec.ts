import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, runMigrations } from '@app/database';
import { testEnvironment } from '../support/test-environment';

describe('runMigrations', () => {
  const environment = testEnvironment();
  const databaseName = `${environment.databaseName}_migrations`;
  const databaseUrl = new URL(environment.databaseUrl);
  databaseUrl.pathname = `/${databaseName}`;

  async function admin(sql: string): Promise<void> {
    const client = new Client({ connectionString: environment.adminDatabaseUrl });
    await client.connect();
    await client.query(sql);
    await client.end();
  }

  beforeAll(async () => {
    await admin(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
    await admin(`CREATE DATABASE "${databaseName}"`);
  });

  afterAll(async () => {
    await admin(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
  });

  it('runs once for two replicas', async () => {
    const replicas = [
      new DataSource(buildDataSourceOptions(databaseUrl.toString(), 'replica-a')),
      new DataSource(buildDataSourceOptions(databaseUrl.toString(), 'replica-b')),
    ];
    await Promise.all(replicas.map((replica) => replica.initialize()));

    const applied = await Promise.all(replicas.map((replica) => runMigrations(replica)));

    expect(applied.map((names) => names.length).sort()).toEqual([0, 1]);
    const rows = await replicas[0].query(`SELECT name FROM schema_migrations`);
    expect(rows).toEqual([{ name: 'CreateProvisioningSchema1733300000000' }]);
    const tables = await replicas[0].query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'outbox_events'`);
    expect(tables[0].n).toBe(1);
    await Promise.all(replicas.map((replica) => replica.destroy()));
  });

  it('reverts with down()', async () => {
    const dataSource = new DataSource(buildDataSourceOptions(databaseUrl.toString(), 'revert'));
    await dataSource.initialize();

    await dataSource.undoLastMigration();

    const tables = await dataSource.query(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migrations'`,
    );
    expect(tables[0].n).toBe(0);
    await dataSource.destroy();
  });
});
