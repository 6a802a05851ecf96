import { AttributePath } from './filter-types';

/** ATTRNAME of RFC 7644, section 3.10, plus a leading `$` for `$ref` (RFC 7643, section 2.1). */
const ATTRIBUTE_NAME = /^\$?[A-Za-z][A-Za-z0-9_-]*$/;
/** A URN with at least two non-empty segments after `urn:`, as schema ids are. */
const SCHEMA_URN = /^urn:[^\s:[\]"]+(?::[^\s:[\]"]+)+$/i;

/**
 * Splits `[schema ":"] attribute ["." subAttribute]` into its parts, or returns undefined when
 * the text is not an attribute path. Schema URNs contain `:` and `.` themselves
 * (`urn:ietf:params:scim:schemas:core:2.0:User`), so the URN ends at the last `:`.
 */
export function splitAttributePath(text: string): AttributePath | undefined {
  const lastColon = text.lastIndexOf(':');
  const schema = lastColon >= 0 ? text.slice(0, lastColon) : undefined;
  if (schema !== undefined && !SCHEMA_URN.test(schema)) return undefined;

  const names = text.slice(lastColon + 1).split('.');
  if (names.length > 2 || !names.every((name) => ATTRIBUTE_NAME.test(name))) return undefined;

  const path: AttributePath = { attribute: names[0] };
  if (schema !== undefined) path.schema = schema;
  if (names.length === 2) path.subAttribute = names[1];
  return path;
}

/** Formats a path the way a client writes it, for error messages. */
export function formatAttributePath(path: AttributePath): string {
  const name = path.subAttribute ? `${path.attribute}.${path.subAttribute}` : path.attribute;
  return path.schema ? `${path.schema}:${name}` : name;
}

/** Shortens text quoted in an error message, so that a huge input does not flood logs. */
export function abbreviate(text: string, maxLength = 120): string {
  return text.length <= maxLength ? text : `${text.slice(0, maxLength)}…`;
}
