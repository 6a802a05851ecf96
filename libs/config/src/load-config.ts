import { AppConfig } from './app-config';

type Environment = Readonly<Record<string, string | undefined>>;

/** Raised when an environment variable is missing or invalid; the message names the variable and the fix. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const NODE_ENVS = ['development', 'production', 'test'] as const;
const MIN_ADMIN_TOKEN_LENGTH = 32;

/**
 * Reads and validates the configuration. Collects every problem before failing, so an operator
 * fixes the environment in one pass.
 */
export function loadConfig(env: Environment = process.env, options: { requireAdminToken: boolean } = { requireAdminToken: true }): AppConfig {
  const problems: string[] = [];
  const reader = new EnvReader(env, problems);

  const nodeEnv = reader.oneOf('NODE_ENV', NODE_ENVS, 'production');
  const adminApiToken = reader.optionalString('ADMIN_API_TOKEN');
  if (adminApiToken === undefined && nodeEnv !== 'development' && options.requireAdminToken) {
    problems.push(
      'ADMIN_API_TOKEN is missing. Set it to a random secret of at least 32 characters ' +
        '(for example `openssl rand -base64 32`), or set NODE_ENV=development to run without the admin API.',
    );
  } else if (adminApiToken !== undefined && adminApiToken.length < MIN_ADMIN_TOKEN_LENGTH) {
    problems.push(
      `ADMIN_API_TOKEN is too short (${adminApiToken.length} characters). Use at least ${MIN_ADMIN_TOKEN_LENGTH}.`,
    );
  }

  const config: AppConfig = {
    nodeEnv,
    logLevel: reader.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    databaseUrl: reader.url('DATABASE_URL', ['postgres:', 'postgresql:']),
    natsUrl: reader.url('NATS_URL', ['nats:', 'tls:']),
    http: {
      host: reader.string('HOST', '0.0.0.0'),
      port: reader.integer('PORT', 3000, 0, 65535),
      bodyLimitBytes: reader.integer('SCIM_BODY_LIMIT_BYTES', 2 * 1024 * 1024, 1024, 100 * 1024 * 1024),
      trustProxy: reader.boolean('TRUST_PROXY', false),
    },
    adminApiToken,
    publicBaseUrl: reader.optionalUrl('PUBLIC_BASE_URL'),
    migrationsRun: reader.boolean('MIGRATIONS_RUN', true),
    streams: {
      provisioning: reader.streamName('PROVISIONING_STREAM', 'PROVISIONING'),
      access: reader.streamName('ACCESS_STREAM', 'ACCESS'),
      deadLetter: reader.streamName('DEAD_LETTER_STREAM', 'DEAD_LETTER'),
      maxAgeHours: reader.integer('STREAM_MAX_AGE_HOURS', 7 * 24, 1, 24 * 365),
    },
    outbox: {
      pollIntervalMs: reader.integer('OUTBOX_POLL_INTERVAL_MS', 1000, 10, 60_000),
      batchSize: reader.integer('OUTBOX_BATCH_SIZE', 200, 1, 5000),
      retentionHours: reader.integer('OUTBOX_RETENTION_HOURS', 7 * 24, 1, 24 * 365),
    },
    consumer: {
      durableName: reader.streamName('ACCESS_CONSUMER_NAME', 'location-access'),
      maxDeliver: reader.integer('ACCESS_CONSUMER_MAX_DELIVER', 5, 1, 100),
      backoffMs: reader.integerList('ACCESS_CONSUMER_BACKOFF_MS', [1000, 5000, 30_000, 120_000]),
      ackWaitMs: reader.integer('ACCESS_CONSUMER_ACK_WAIT_MS', 60_000, 1000, 3_600_000),
    },
  };

  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n- ${problems.join('\n- ')}`);
  }
  return config;
}

/** Reads one variable at a time and records each problem instead of throwing at the first. */
class EnvReader {
  constructor(
    private readonly env: Environment,
    private readonly problems: string[],
  ) {}

  optionalString(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  string(name: string, fallback: string): string {
    return this.optionalString(name) ?? fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.optionalString(name);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.problems.push(`${name} is "${value}", which is not one of: ${allowed.join(', ')}.`);
    return fallback;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const value = this.optionalString(name);
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!/^-?\d+$/.test(value) || parsed < min || parsed > max) {
      this.problems.push(`${name} is "${value}"; expected a whole number from ${min} to ${max}.`);
      return fallback;
    }
    return parsed;
  }

  integerList(name: string, fallback: number[]): number[] {
    const value = this.optionalString(name);
    if (value === undefined) return fallback;
    const items = value.split(',').map((item) => item.trim());
    if (items.some((item) => !/^\d+$/.test(item))) {
      this.problems.push(`${name} is "${value}"; expected comma-separated milliseconds, e.g. "1000,5000,30000".`);
      return fallback;
    }
    return items.map(Number);
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.optionalString(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (value === 'true' || value === '1') return true;
    if (value === 'false' || value === '0') return false;
    this.problems.push(`${name} is "${value}"; expected true or false.`);
    return fallback;
  }

  url(name: string, protocols: string[]): string {
    const value = this.optionalString(name);
    if (value === undefined) {
      this.problems.push(`${name} is missing. Set it to a ${protocols[0]}// URL.`);
      return '';
    }
    // A comma-separated list is allowed, e.g. the servers of a NATS cluster.
    for (const item of value.split(',')) this.checkUrl(name, item.trim(), protocols);
    return value;
  }

  optionalUrl(name: string): string | undefined {
    const value = this.optionalString(name);
    if (value === undefined) return undefined;
    return this.checkUrl(name, value, ['http:', 'https:']).replace(/\/+$/, '');
  }

  streamName(name: string, fallback: string): string {
    const value = this.string(name, fallback);
    if (!/^[A-Za-z0-9_-]+$/.test(value)) {
      this.problems.push(`${name} is "${value}"; use only letters, digits, "-" and "_".`);
    }
    return value;
  }

  private checkUrl(name: string, value: string, protocols: string[]): string {
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      this.problems.push(`${name} is not a valid URL. Expected e.g. ${protocols[0]}//host:port.`);
      return value;
    }
    if (!protocols.includes(parsed.protocol)) {
      this.problems.push(`${name} has protocol "${parsed.protocol}"; expected one of: ${protocols.join(', ')}.`);
    }
    return value;
  }
}

/** Reads only `DATABASE_URL` and `LOG_LEVEL`, for commands that need nothing else (migrations). */
export function loadDatabaseConfig(env: Environment = process.env): Pick<AppConfig, 'databaseUrl' | 'logLevel'> {
  const problems: string[] = [];
  const reader = new EnvReader(env, problems);
  const databaseUrl = reader.url('DATABASE_URL', ['postgres:', 'postgresql:']);
  const logLevel = reader.oneOf('LOG_LEVEL', LOG_LEVELS, 'info');
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n- ${problems.join('\n- ')}`);
  }
  return { databaseUrl, logLevel };
}
