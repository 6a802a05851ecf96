import { SCHEMA_SCHEMA_ID, ScimAttributeDefinition, ScimSchemaDefinition } from './schema-types';

/** Schema resource as the `/Schemas` endpoint returns it (RFC 7643, section 7). */
export interface ScimSchemaResource {
  schemas: [typeof SCHEMA_SCHEMA_ID];
  id: string;
  name: string;
  description: string;
  attributes: ScimAttributeDefinition[];
  meta: { resourceType: 'Schema'; location: string };
}

/**
 * Renders a schema definition as a Schema resource. `baseUrl` is the SCIM base URL, such as
 * `https://scim.example.com/scim/v2`; a trailing slash is ignored.
 */
export function renderSchemaResource(schema: ScimSchemaDefinition, baseUrl: string): ScimSchemaResource {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    schemas: [SCHEMA_SCHEMA_ID],
    id: schema.id,
    name: schema.name,
    description: schema.description,
    // A copy, so that a caller who edits the response cannot change the shared definitions.
    attributes: structuredClone(schema.attributes),
    meta: { resourceType: 'Schema', location: `${base}/Schemas/${schema.id}` },
  };
}
