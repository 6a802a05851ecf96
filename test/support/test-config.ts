import { AppConfig, loadConfig } from '@app/config';
import { testEnvironment } from './test-environment';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef0123456789abcdef';

/** Configuration of an app under test: this run's database and durable, fast retries, no migrations (the global set-up ran them). */
export function testConfig(overrides: Partial<Record<string, string>> = {}): AppConfig {
  const environment = testEnvironment();
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: environment.databaseUrl,
    NATS_URL: environment.natsUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    ADMIN_API_TOKEN: TEST_ADMIN_TOKEN,
    MIGRATIONS_RUN: 'false',
    ACCESS_CONSUMER_NAME: environment.durableName,
    ACCESS_CONSUMER_MAX_DELIVER: '3',
    ACCESS_CONSUMER_BACKOFF_MS: '100,200',
    OUTBOX_POLL_INTERVAL_MS: '200',
    ...overrides,
  });
}
