import { ScimError } from '../errors';
import { FilterValue } from './filter-types';

const DATE_TIME_PARTS =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))?$/i;

/**
 * Checks that a filter value is an xsd:dateTime (RFC 7643, section 2.3.5) and returns the text
 * to bind as a timestamptz parameter. A value without a zone offset is read as UTC, so the
 * result does not depend on the database session's time zone.
 * Throws ScimError 400 `invalidValue` when the value is not a real date and time.
 */
export function toTimestampParameter(value: string, attribute: string): string {
  const parts = DATE_TIME_PARTS.exec(value);
  if (!parts || !isRealDateTime(parts)) {
    throw ScimError.badRequest(
      'invalidValue',
      `Invalid date and time "${value}" for attribute "${attribute}". ` +
        'Send an ISO 8601 date and time with a zone offset, e.g. "2024-05-01T09:30:00Z".',
    );
  }
  return parts[8] ? value : `${value}Z`;
}

function isRealDateTime(parts: RegExpExecArray): boolean {
  const [year, month, day, hour, minute, second] = parts.slice(1, 7).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const fieldsMatch =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second;
  const offsetValid = parts[9] === undefined || (Number(parts[9]) <= 14 && Number(parts[10]) <= 59);
  return fieldsMatch && offsetValid;
}

/** Returns the boolean a filter value stands for: true, false, or the strings "true"/"false" in any case. */
export function toBooleanParameter(value: FilterValue): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lower = value.toLowerCase();
    if (lower === 'true' || lower === 'false') return lower === 'true';
  }
  return undefined;
}

/** Escapes the LIKE wildcards `%` and `_` and the escape character `\` itself. */
export function escapeLikePattern(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** Formats a filter value as the client wrote it, for error messages. */
export function formatFilterValue(value: FilterValue): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
