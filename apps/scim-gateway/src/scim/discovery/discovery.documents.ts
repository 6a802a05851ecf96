import {
  ENTERPRISE_USER_SCHEMA_ID,
  GROUP_SCHEMA_ID,
  MAX_PAGE_SIZE,
  ScimSchemaDefinition,
  USER_SCHEMA_ID,
  enterpriseUserSchema,
  groupSchema,
  renderSchemaResource,
  userSchema,
} from '@app/scim';

const SERVICE_PROVIDER_CONFIG_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
const RESOURCE_TYPE_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';

export const SCHEMAS: ScimSchemaDefinition[] = [userSchema, groupSchema, enterpriseUserSchema];

/**
 * Builds the ServiceProviderConfig (RFC 7643, section 5). PATCH is supported. Bulk, password
 * change, sorting and ETag preconditions are not: `meta.version` is returned, but If-Match is not evaluated.
 */
export function serviceProviderConfig(baseUrl: string): Record<string, unknown> {
  return {
    schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_PAGE_SIZE },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'Bearer token',
        description: 'The SCIM token generated in the Zerocater admin, sent as "Authorization: Bearer <token>" or as the raw token.',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${baseUrl}/ServiceProviderConfig` },
  };
}

export function resourceTypes(baseUrl: string): Record<string, unknown>[] {
  return [
    {
      schemas: [RESOURCE_TYPE_SCHEMA],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'A person who may get access to office locations.',
      schema: USER_SCHEMA_ID,
      schemaExtensions: [{ schema: ENTERPRISE_USER_SCHEMA_ID, required: false }],
      meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/User` },
    },
    {
      schemas: [RESOURCE_TYPE_SCHEMA],
      id: 'Group',
      name: 'Group',
      endpoint: '/Groups',
      description: 'A group pushed by the identity provider; an administrator maps it to office locations.',
      schema: GROUP_SCHEMA_ID,
      meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/Group` },
    },
  ];
}

export function schemaResources(baseUrl: string): Record<string, unknown>[] {
  return SCHEMAS.map((schema) => renderSchemaResource(schema, baseUrl) as unknown as Record<string, unknown>);
}
