import { ConfigError, loadConfig } from '@app/config';

const VALID = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/zerocater',
  NATS_URL: 'nats://127.0.0.1:4222',
  ADMIN_API_TOKEN: 'a'.repeat(40),
};

function configError(env: Record<string, string>, options?: { requireAdminToken: boolean }): string {
  try {
    loadConfig(env, options);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('loadConfig accepted an invalid environment');
}

describe(loadConfig.name, () => {
  it('applies defaults', () => {
    const config = loadConfig(VALID);
    expect(config.http.port).toBe(3000);
    expect(config.nodeEnv).toBe('production');
    expect(config.streams.provisioning).toBe('PROVISIONING');
    expect(config.consumer.backoffMs).toEqual([1000, 5000, 30_000, 120_000]);
    expect(config.migrationsRun).toBe(true);
  });

  it('names every invalid variable', () => {
    const message = configError({ ...VALID, PORT: 'eighty', NATS_URL: 'http://x', LOG_LEVEL: 'verbose' });
    expect(message).toContain('PORT is "eighty"');
    expect(message).toContain('NATS_URL has protocol "http:"');
    expect(message).toContain('LOG_LEVEL is "verbose"');
  });

  it('requires DATABASE_URL', () => {
    expect(configError({ NATS_URL: VALID.NATS_URL, ADMIN_API_TOKEN: VALID.ADMIN_API_TOKEN })).toContain('DATABASE_URL is missing');
  });

  it('requires the admin token outside development', () => {
    const env = { DATABASE_URL: VALID.DATABASE_URL, NATS_URL: VALID.NATS_URL };
    expect(configError(env)).toContain('ADMIN_API_TOKEN is missing');
    expect(loadConfig({ ...env, NODE_ENV: 'development' }).adminApiToken).toBeUndefined();
    expect(loadConfig(env, { requireAdminToken: false }).adminApiToken).toBeUndefined();
  });

  it('rejects a short admin token', () => {
    expect(configError({ ...VALID, ADMIN_API_TOKEN: 'short' })).toContain('ADMIN_API_TOKEN is too short (5 characters)');
  });

  it('accepts a NATS cluster list', () => {
    expect(loadConfig({ ...VALID, NATS_URL: 'nats://a:4222, nats://b:4222' }).natsUrl).toBe('nats://a:4222, nats://b:4222');
  });

  it('rejects a malformed back-off list', () => {
    expect(configError({ ...VALID, ACCESS_CONSUMER_BACKOFF_MS: '100,soon' })).toContain('ACCESS_CONSUMER_BACKOFF_MS is "100,soon"');
  });
});
