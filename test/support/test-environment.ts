/**
 * Names shared by the global set-up and the tests. Each Jest run gets its own database and its
 * own durable consumer, so two runs on one machine do not disturb each other.
 */
export interface TestEnvironment {
  databaseUrl: string;
  databaseName: string;
  adminDatabaseUrl: string;
  natsUrl: string;
  durableName: string;
}

const RUN_ID_VARIABLE = 'ZC_TEST_RUN_ID';

export function testEnvironment(): TestEnvironment {
  const runId = process.env[RUN_ID_VARIABLE] ?? String(process.pid);
  process.env[RUN_ID_VARIABLE] = runId;
  const base = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/zerocater_test');
  const databaseName = `${base.pathname.replace(/^\//, '')}_${runId}`;
  if (!databaseName.includes('test')) {
    throw new Error(`Refusing to run tests against database "${databaseName}": its name must contain "test".`);
  }
  const adminUrl = new URL(base.toString());
  adminUrl.pathname = '/postgres';
  const testUrl = new URL(base.toString());
  testUrl.pathname = `/${databaseName}`;
  return {
    databaseUrl: testUrl.toString(),
    databaseName,
    adminDatabaseUrl: adminUrl.toString(),
    natsUrl: process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222',
    durableName: `location-access-test-${runId}`,
  };
}
