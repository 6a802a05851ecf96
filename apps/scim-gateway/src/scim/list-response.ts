import { LIST_RESPONSE_SCHEMA_ID } from '@app/scim';

/** SCIM ListResponse (RFC 7644, section 3.4.2); the counts are JSON numbers, as Okta checks. */
export interface ListResponse {
  schemas: string[];
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  Resources: Record<string, unknown>[];
}

export function listResponse(resources: Record<string, unknown>[], totalResults: number, startIndex: number): ListResponse {
  return {
    schemas: [LIST_RESPONSE_SCHEMA_ID],
    totalResults,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}
