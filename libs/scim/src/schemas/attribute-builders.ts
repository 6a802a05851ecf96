import { ScimAttributeDefinition, ScimAttributeType } from './schema-types';

/** Characteristics a definition may override; the rest take the RFC 7643, section 2.2 defaults. */
export type AttributeOptions = Partial<Omit<ScimAttributeDefinition, 'name' | 'type' | 'description'>>;

/**
 * Builds an attribute definition, filling in the RFC 7643, section 2.2 defaults: single-valued,
 * optional, case-insensitive, readWrite, returned by default, no uniqueness.
 */
export function defineAttribute(
  name: string,
  type: ScimAttributeType,
  description: string,
  options: AttributeOptions = {},
): ScimAttributeDefinition {
  return {
    name,
    type,
    multiValued: false,
    description,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...options,
  };
}

/** Builds a complex attribute with the given sub-attributes. */
export function defineComplexAttribute(
  name: string,
  description: string,
  subAttributes: ScimAttributeDefinition[],
  options: AttributeOptions = {},
): ScimAttributeDefinition {
  return defineAttribute(name, 'complex', description, { ...options, subAttributes });
}

/** Describes the kind of value held by one element of a multi-valued attribute. */
export interface MultiValuedElementOptions {
  /** Type of the `value` sub-attribute, `string` unless given. */
  valueType?: ScimAttributeType;
  valueReferenceTypes?: string[];
  typeCanonicalValues?: string[];
}

/**
 * Builds the usual multi-valued complex attribute of RFC 7643, section 2.4, with the
 * sub-attributes `value`, `display`, `type` and `primary`.
 */
export function defineMultiValuedAttribute(
  name: string,
  description: string,
  element: MultiValuedElementOptions = {},
): ScimAttributeDefinition {
  const valueOptions: AttributeOptions = element.valueReferenceTypes
    ? { referenceTypes: element.valueReferenceTypes }
    : {};
  const typeOptions: AttributeOptions = element.typeCanonicalValues
    ? { canonicalValues: element.typeCanonicalValues }
    : {};

  return defineComplexAttribute(
    name,
    description,
    [
      defineAttribute('value', element.valueType ?? 'string', `The ${name} value itself.`, valueOptions),
      defineAttribute('display', 'string', 'Human-readable label for display only.'),
      defineAttribute('type', 'string', `Label that tells what kind of ${name} value this is.`, typeOptions),
      defineAttribute('primary', 'boolean', 'Whether this is the preferred value; at most one element is primary.'),
    ],
    { multiValued: true },
  );
}
