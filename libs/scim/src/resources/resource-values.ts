import { ScimError } from '../errors';

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Returns the value of `key` in `object`, matching the key case-insensitively as RFC 7643 requires. */
export function getAttribute(object: JsonObject, key: string): unknown {
  if (key in object) return object[key];
  const lower = key.toLowerCase();
  const match = Object.keys(object).find((candidate) => candidate.toLowerCase() === lower);
  return match === undefined ? undefined : object[match];
}

/** Reads an optional string attribute; null and absent mean "not set". */
export function optionalString(object: JsonObject, key: string, label = key): string | null {
  const value = getAttribute(object, key);
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') {
    throw ScimError.badRequest('invalidValue', `${label} must be a string, got ${describe(value)}.`);
  }
  return value;
}

/** Reads a boolean attribute, also accepting "true"/"false" in any case as Microsoft Entra ID sends them. */
export function optionalBoolean(object: JsonObject, key: string, label = key): boolean | null {
  const value = getAttribute(object, key);
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  throw ScimError.badRequest('invalidValue', `${label} must be true or false, got ${describe(value)}.`);
}

/** Short rendering of a client value for an error detail, cut so a hostile value cannot flood it. */
export function describe(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Removes keys, compared case-insensitively, from a copy of the object. */
export function withoutKeys(object: JsonObject, keys: readonly string[]): JsonObject {
  const drop = new Set(keys.map((key) => key.toLowerCase()));
  return Object.fromEntries(Object.entries(object).filter(([key]) => !drop.has(key.toLowerCase())));
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `value` can be a resource id of this service; other ids cannot exist and yield 404. */
export function isResourceId(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}

/** Deep equality of JSON values that ignores object key order, which PostgreSQL's jsonb does not keep. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => sameJson(item, b[index]));
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && sameJson(a[key], b[key]));
  }
  return false;
}

/**
 * Maximum length of an indexed text attribute (externalId, e-mail address). PostgreSQL rejects a
 * btree index entry over 2,704 bytes, and 512 characters take at most 2,048 bytes in UTF-8.
 */
export const MAX_INDEXED_VALUE_LENGTH = 512;

/** Reads an optional string that is stored in an indexed column, rejecting one that is too long. */
export function optionalIndexedString(object: JsonObject, key: string, label = key): string | null {
  const value = optionalString(object, key, label);
  if (value !== null && value.length > MAX_INDEXED_VALUE_LENGTH) {
    throw ScimError.badRequest(
      'invalidValue',
      `${label} is ${value.length} characters long; the maximum is ${MAX_INDEXED_VALUE_LENGTH}. Send a shorter value.`,
    );
  }
  return value;
}
