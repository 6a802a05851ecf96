import { ScimAttributeDefinition, ScimSchemaDefinition } from './schema-types';

/**
 * Finds an attribute of the schema by name, ignoring case as RFC 7643, section 2.1 requires.
 * A dotted name such as `name.givenName` finds the sub-attribute.
 */
export function findAttribute(schema: ScimSchemaDefinition, name: string): ScimAttributeDefinition | undefined {
  const dot = name.indexOf('.');
  if (dot < 0) return findByName(schema.attributes, name);

  const parent = findByName(schema.attributes, name.slice(0, dot));
  return parent ? findSubAttribute(parent, name.slice(dot + 1)) : undefined;
}

/** Finds a sub-attribute of a complex attribute by name, ignoring case. */
export function findSubAttribute(
  attribute: ScimAttributeDefinition,
  name: string,
): ScimAttributeDefinition | undefined {
  return findByName(attribute.subAttributes ?? [], name);
}

function findByName(
  attributes: readonly ScimAttributeDefinition[],
  name: string,
): ScimAttributeDefinition | undefined {
  const lowerName = name.toLowerCase();
  return attributes.find((attribute) => attribute.name.toLowerCase() === lowerName);
}
