import pino, { Logger } from 'pino';

export type { Logger } from 'pino';

/** Fields that could carry a secret; pino replaces their values before a line is written. */
const REDACTED_PATHS = [
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'adminApiToken',
  '*.adminApiToken',
  'password',
  '*.password',
];

// Until configureLogging runs with the validated configuration, log at info level.
let root: Logger = pino({
  level: 'info',
  base: { service: 'zerocater-provisioning' },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  formatters: { level: (label) => ({ level: label }) },
});

/** Re-creates the root logger for one process, named after the app and at the configured level. */
export function configureLogging(service: string, level: string): Logger {
  root = pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
  });
  return root;
}

/** Returns a child logger whose lines carry `context`, usually the class name. */
export function createLogger(context: string): Logger {
  return root.child({ context });
}

/** Shapes a caught value for a log line: message, name and stack, never the whole object. */
export function errorFields(error: unknown): { err: { name: string; message: string; stack?: string } } {
  if (error instanceof Error) {
    return { err: { name: error.name, message: error.message, stack: error.stack } };
  }
  return { err: { name: 'NonError', message: String(error) } };
}
