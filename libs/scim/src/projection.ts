import { JsonObject } from './resources/resource-values';

/** Attributes returned whatever `attributes` or `excludedAttributes` say (RFC 7643, "returned: always"). */
const ALWAYS_RETURNED = new Set(['id', 'schemas', 'meta']);

/**
 * Applies `attributes` or `excludedAttributes` to a resource. Names are case-insensitive and may
 * carry the schema URN prefix or one sub-attribute (`name.givenName`).
 */
export function projectResource(
  resource: JsonObject,
  attributes: string[] | undefined,
  excludedAttributes: string[] | undefined,
): JsonObject {
  if (attributes && attributes.length > 0) {
    const wanted = attributes.map(parseName);
    const result: JsonObject = {};
    for (const [key, value] of Object.entries(resource)) {
      const lower = key.toLowerCase();
      if (ALWAYS_RETURNED.has(lower)) {
        result[key] = value;
        continue;
      }
      const matches = wanted.filter((name) => name.attribute === lower);
      if (matches.length === 0) continue;
      if (matches.some((name) => name.subAttribute === undefined) || !isObject(value)) {
        result[key] = value;
      } else {
        const subNames = new Set(matches.map((name) => name.subAttribute));
        result[key] = Object.fromEntries(Object.entries(value).filter(([sub]) => subNames.has(sub.toLowerCase())));
      }
    }
    return result;
  }
  if (excludedAttributes && excludedAttributes.length > 0) {
    const excluded = excludedAttributes.map(parseName);
    const result: JsonObject = { ...resource };
    for (const key of Object.keys(resource)) {
      const lower = key.toLowerCase();
      if (ALWAYS_RETURNED.has(lower)) continue;
      for (const name of excluded.filter((candidate) => candidate.attribute === lower)) {
        const value = result[key];
        if (name.subAttribute === undefined) {
          delete result[key];
        } else if (isObject(value)) {
          result[key] = Object.fromEntries(Object.entries(value).filter(([sub]) => sub.toLowerCase() !== name.subAttribute));
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
  if (attributes && attributes.length > 0) return !attributes.map(parseName).some((name) => name.attribute === lower);
  if (excludedAttributes) return excludedAttributes.map(parseName).some((name) => name.attribute === lower && !name.subAttribute);
  return false;
}

function parseName(raw: string): { attribute: string; subAttribute?: string } {
  let name = raw.trim();
  const lower = name.toLowerCase();
  if (lower.startsWith('urn:ietf:params:scim:schemas:core:2.0:')) {
    name = name.slice(name.lastIndexOf(':') + 1);
  }
  const [attribute, subAttribute] = name.toLowerCase().split('.', 2);
  return subAttribute === undefined ? { attribute } : { attribute, subAttribute };
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
