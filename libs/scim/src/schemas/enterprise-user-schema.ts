import { defineAttribute, defineComplexAttribute } from './attribute-builders';
import { ENTERPRISE_USER_SCHEMA_ID, ScimSchemaDefinition } from './schema-types';

/** Enterprise User extension, with the attributes of RFC 7643, section 4.3. */
export const enterpriseUserSchema: ScimSchemaDefinition = {
  id: ENTERPRISE_USER_SCHEMA_ID,
  name: 'EnterpriseUser',
  description: 'Enterprise user',
  attributes: [
    defineAttribute('employeeNumber', 'string', 'Employee number assigned by the organization.'),
    defineAttribute('costCenter', 'string', 'Name of the cost center.'),
    defineAttribute('organization', 'string', 'Name of the organization.'),
    defineAttribute('division', 'string', 'Name of the division.'),
    defineAttribute('department', 'string', 'Name of the department.'),
    defineComplexAttribute('manager', 'The user\'s manager.', [
      defineAttribute('value', 'string', 'Identifier of the manager\'s User resource.'),
      defineAttribute('$ref', 'reference', 'URI of the manager\'s User resource.', {
        referenceTypes: ['User'],
      }),
      defineAttribute('displayName', 'string', 'Display name of the manager, filled in by the service provider.', {
        mutability: 'readOnly',
      }),
    ]),
  ],
};
