/** Helpers for JSON objects whose keys are SCIM attribute names, which match in any case. */

export type JsonObject = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Returns the key of `object` equal to `name` ignoring case, preferring the exact spelling. */
export function findKey(object: JsonObject, name: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(object, name)) return name;
  const lowerName = name.toLowerCase();
  return Object.keys(object).find((key) => key.toLowerCase() === lowerName);
}

export function readKey(object: JsonObject, name: string): unknown {
  const key = findKey(object, name);
  return key === undefined ? undefined : object[key];
}

/** Sets `object[name]`, first deleting keys that differ from `name` only in case. */
export function writeKey(object: JsonObject, name: string, value: unknown): void {
  const lowerName = name.toLowerCase();
  for (const key of Object.keys(object)) {
    if (key !== name && key.toLowerCase() === lowerName) delete object[key];
  }
  object[name] = value;
}

/** Deletes every key equal to `name` ignoring case. */
export function deleteKey(object: JsonObject, name: string): void {
  const lowerName = name.toLowerCase();
  for (const key of Object.keys(object)) {
    if (key.toLowerCase() === lowerName) delete object[key];
  }
}

/**
 * Copies each entry of `changes` into `target`; a null value deletes the key, because RFC 7643,
 * section 2.5 treats null as unassigned.
 */
export function mergeInto(target: JsonObject, changes: JsonObject): void {
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) deleteKey(target, key);
    else writeKey(target, key, value);
  }
}

/** Compares two JSON values structurally; key order does not matter, key case and string case do. */
export function deepEqual(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (Array.isArray(left) || Array.isArray(right)) {
    if (!Array.isArray(left) || !Array.isArray(right) || left.length !== right.length) return false;
    return left.every((item, index) => deepEqual(item, right[index]));
  }
  if (!isRecord(left) || !isRecord(right)) return false;

  const leftKeys = Object.keys(left);
  if (leftKeys.length !== Object.keys(right).length) return false;
  return leftKeys.every((key) => Object.prototype.hasOwnProperty.call(right, key) && deepEqual(left[key], right[key]));
}

export function toArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
