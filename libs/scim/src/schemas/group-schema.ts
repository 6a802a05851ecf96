import { defineAttribute, defineComplexAttribute } from './attribute-builders';
import { GROUP_SCHEMA_ID, ScimSchemaDefinition } from './schema-types';

/** Core Group schema, with the attributes of RFC 7643, section 4.2. */
export const groupSchema: ScimSchemaDefinition = {
  id: GROUP_SCHEMA_ID,
  name: 'Group',
  description: 'Group of users',
  attributes: [
    defineAttribute('id', 'string', 'Identifier assigned by the service provider.', {
      caseExact: true,
      mutability: 'readOnly',
      returned: 'always',
      uniqueness: 'server',
    }),
    defineAttribute('externalId', 'string', 'Identifier assigned by the provisioning client.', {
      caseExact: true,
    }),
    defineAttribute('displayName', 'string', 'Name of the group.', { required: true }),
    defineComplexAttribute(
      'members',
      'Users and groups that belong to the group.',
      [
        defineAttribute('value', 'string', 'Identifier of the member.', {
          caseExact: true,
          mutability: 'immutable',
        }),
        defineAttribute('$ref', 'reference', 'URI of the member resource.', {
          mutability: 'immutable',
          referenceTypes: ['User', 'Group'],
        }),
        defineAttribute('display', 'string', 'Display name of the member.'),
        defineAttribute('type', 'string', 'Resource type of the member.', {
          mutability: 'immutable',
          canonicalValues: ['User', 'Group'],
        }),
      ],
      { multiValued: true },
    ),
  ],
};
