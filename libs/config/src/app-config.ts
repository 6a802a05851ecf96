/** Typed configuration shared by both apps. Read once from the environment by `loadConfig`. */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  databaseUrl: string;
  natsUrl: string;
  http: {
    host: string;
    port: number;
    /** Maximum request body in bytes; larger bodies get 413. */
    bodyLimitBytes: number;
    /** Whether `X-Forwarded-*` headers are believed; only behind a proxy that sets them. */
    trustProxy: boolean;
  };
  /** Token for /admin/v1; undefined only in development mode. */
  adminApiToken: string | undefined;
  /** Public base URL of the gateway, used in SCIM `meta.location` and `Location` headers. */
  publicBaseUrl: string | undefined;
  migrationsRun: boolean;
  streams: {
    provisioning: string;
    access: string;
    deadLetter: string;
    maxAgeHours: number;
  };
  outbox: {
    /** Fallback poll interval; the relay is also woken right after each commit. */
    pollIntervalMs: number;
    batchSize: number;
    /** Published rows older than this are deleted. */
    retentionHours: number;
  };
  consumer: {
    durableName: string;
    maxDeliver: number;
    /** Delay before each redelivery after a failure, in milliseconds; the last entry repeats. */
    backoffMs: number[];
    ackWaitMs: number;
  };
}
