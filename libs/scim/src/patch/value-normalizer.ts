import { ScimError } from '../errors';
import { findSubAttribute } from '../schemas/find-attribute';
import { ScimAttributeDefinition } from '../schemas/schema-types';
import { JsonObject, isRecord } from './object-keys';

/**
 * Converts a PATCH value to the form stored for the attribute:
 * - a multi-valued attribute gets an array;
 * - the strings "true" and "false", in any case, become booleans;
 * - a plain string for a single-valued complex attribute with a `value` sub-attribute becomes
 *   `{value: string}`, because Entra ID sends `manager` that way;
 * - sub-attribute names take the schema's spelling, and read-only sub-attributes are dropped.
 * Values of attributes without a definition are copied unchanged. Null stays null (unassigned).
 * Throws ScimError 400 `invalidValue` naming `label` when the value cannot fit the definition.
 */
export function normalizeAttributeValue(
  definition: ScimAttributeDefinition | undefined,
  value: unknown,
  label: string,
): unknown {
  if (value === null || value === undefined) return null;
  if (!definition) return structuredClone(value);
  if (!definition.multiValued) return normalizeSingleValue(definition, value, label);

  const items = Array.isArray(value) ? value : [value];
  return items
    .map((item) => normalizeSingleValue(definition, item, label))
    .filter((item) => item !== null);
}

/** Normalizes one value of the attribute, or one element when the attribute is multi-valued. */
export function normalizeSingleValue(definition: ScimAttributeDefinition, value: unknown, label: string): unknown {
  if (value === null || value === undefined) return null;

  switch (definition.type) {
    case 'complex':
      return normalizeComplexValue(definition, value, label);
    case 'boolean':
      return normalizeBoolean(value, label);
    case 'integer':
    case 'decimal':
      return normalizeNumber(definition.type, value, label);
    default:
      if (typeof value === 'string') return value;
      // Numbers and booleans are unambiguous as text, so a client that sends 42 for employeeNumber is not rejected.
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      return reject(label, value, 'a string');
  }
}

function normalizeComplexValue(definition: ScimAttributeDefinition, value: unknown, label: string): JsonObject | null {
  if (typeof value === 'string' && !definition.multiValued && findSubAttribute(definition, 'value')) {
    // An empty id cannot name anything, so `"manager": ""` clears the attribute.
    return value === '' ? null : { value };
  }
  if (!isRecord(value)) {
    const example = definition.subAttributes?.[0]?.name ?? 'value';
    return reject(label, value, `an object of sub-attributes, e.g. {"${example}": "..."}`);
  }

  const result: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    const subAttribute = findSubAttribute(definition, key);
    if (subAttribute?.mutability === 'readOnly') continue;
    if (!subAttribute) {
      result[key] = structuredClone(item);
      continue;
    }
    result[subAttribute.name] = normalizeAttributeValue(subAttribute, item, `${label}.${subAttribute.name}`);
  }
  return result;
}

function normalizeBoolean(value: unknown, label: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lower = value.toLowerCase();
    if (lower === 'true' || lower === 'false') return lower === 'true';
  }
  return reject(label, value, 'a boolean. Send true or false');
}

function normalizeNumber(type: 'integer' | 'decimal', value: unknown, label: string): number {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  const valid = typeof number === 'number' && Number.isFinite(number) && (type === 'decimal' || Number.isInteger(number));
  if (!valid) return reject(label, value, type === 'integer' ? 'an integer' : 'a number');
  return number;
}

function reject(label: string, value: unknown, expected: string): never {
  const json = JSON.stringify(value) ?? String(value);
  const excerpt = json.length <= 80 ? json : `${json.slice(0, 80)}…`;
  throw ScimError.badRequest('invalidValue', `Invalid value ${excerpt} for attribute "${label}": expected ${expected}.`);
}
