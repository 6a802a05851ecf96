import { JsonObject } from './resources/resource-values';

/** Attributes returned regardless of `attributes` and `excludedAttributes` (RFC 7643, "returned: always"). */
const ALWAYS_RETURNED = new Set(['id', 'schemas', 'meta']);
const CORE_SCHEMA_PREFIX = 'urn:ietf:params:scim:schemas:core:2.0:';
/** Marks a name that selects a whole top-level attribute rather than one of its sub-attributes. */
const WHOLE = '';

/**
 * Applies `attributes` or `excludedAttributes` to a resource. Names are case-insensitive and may
 * carry the schema URN prefix or one sub-attribute (`name.givenName`). An extension attribute is
 * named by its schema URN and attribute (`<extension URN>:employeeNumber`), because it is stored
 * under the URN key.
 */
export function projectResource(
  resource: JsonObject,
  attributes: string[] | undefined,
  excludedAttributes: string[] | undefined,
): JsonObject {
  if (attributes && attributes.length > 0) {
    const requested = attributes.map(normalizeName);
    const result: JsonObject = {};
    for (const [key, value] of Object.entries(resource)) {
      const lower = key.toLowerCase();
      if (ALWAYS_RETURNED.has(lower)) {
        result[key] = value;
        continue;
      }
      const selections = requested.map((name) => selectionOf(name, lower)).filter((selection) => selection !== undefined);
      if (selections.length === 0) continue;
      if (selections.includes(WHOLE) || !isObject(value)) {
        result[key] = value;
      } else {
        const subNames = new Set(selections);
        result[key] = Object.fromEntries(Object.entries(value).filter(([sub]) => subNames.has(sub.toLowerCase())));
      }
    }
    return result;
  }
  if (excludedAttributes && excludedAttributes.length > 0) {
    const excluded = excludedAttributes.map(normalizeName);
    const result: JsonObject = { ...resource };
    for (const key of Object.keys(resource)) {
      const lower = key.toLowerCase();
      if (ALWAYS_RETURNED.has(lower)) continue;
      for (const selection of excluded.map((name) => selectionOf(name, lower))) {
        const value = result[key];
        if (selection === WHOLE) {
          delete result[key];
        } else if (selection !== undefined && isObject(value)) {
          result[key] = Object.fromEntries(Object.entries(value).filter(([sub]) => sub.toLowerCase() !== selection));
        }
      }
    }
    return result;
  }
  return resource;
}

/** True when the projection leaves `attribute` out, so its (possibly costly) value need not be loaded. */
export function isExcluded(attribute: string, attributes: string[] | undefined, excludedAttributes: string[] | undefined): boolean {
  const lower = attribute.toLowerCase();
  if (attributes && attributes.length > 0) return !attributes.some((name) => selectionOf(normalizeName(name), lower) !== undefined);
  if (excludedAttributes) return excludedAttributes.some((name) => selectionOf(normalizeName(name), lower) === WHOLE);
  return false;
}

/** Lower-cases a requested name and strips a core schema URN prefix, which names top-level attributes. */
function normalizeName(raw: string): string {
  const name = raw.trim().toLowerCase();
  return name.startsWith(CORE_SCHEMA_PREFIX) ? name.slice(name.lastIndexOf(':') + 1) : name;
}

/**
 * Returns what a normalized name selects of the top-level attribute `key` (lower case): WHOLE,
 * the name of one sub-attribute, or undefined when it does not select that attribute. Keys that
 * are extension schema URNs hold the extension's attributes as their sub-attributes.
 */
function selectionOf(name: string, key: string): string | undefined {
  if (key.startsWith('urn:')) {
    if (name === key) return WHOLE;
    return name.startsWith(`${key}:`) ? name.slice(key.length + 1).split('.')[0] : undefined;
  }
  const [attribute, subAttribute] = name.split('.', 2);
  if (attribute !== key) return undefined;
  return subAttribute ?? WHOLE;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
