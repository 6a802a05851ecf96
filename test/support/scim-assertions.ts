import { TestResponse } from './http-client';

export const SCIM_ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const LIST_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Checks that a response is a SCIM error body (RFC 7644, section 3.12) sent as application/scim+json. */
export function expectScimError(response: TestResponse, status: number, scimType?: string): void {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/scim\+json/);
  expect(response.body.schemas).toEqual([SCIM_ERROR_SCHEMA]);
  expect(response.body.status).toBe(String(status));
  expect(typeof response.body.detail).toBe('string');
  expect(response.body.detail.length).toBeGreaterThan(0);
  if (scimType === undefined) {
    expect(response.body.scimType).toBeUndefined();
  } else {
    expect(response.body.scimType).toBe(scimType);
  }
}

/** Checks the envelope of a SCIM ListResponse and returns its resources. */
export function expectListResponse(response: TestResponse, totalResults: number, startIndex = 1): Record<string, any>[] {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/scim\+json/);
  expect(response.body.schemas).toEqual([LIST_RESPONSE_SCHEMA]);
  expect(response.body.totalResults).toBe(totalResults);
  expect(response.body.startIndex).toBe(startIndex);
  expect(response.body.itemsPerPage).toBe(response.body.Resources.length);
  return response.body.Resources;
}

export function expectUuid(value: unknown): void {
  expect(value).toEqual(expect.stringMatching(UUID));
}

/** Returns the member ids of a SCIM group body, sorted so that comparisons ignore order. */
export function memberIds(group: { members?: { value: string }[] }): string[] {
  return (group.members ?? []).map((member) => member.value).sort();
}
