import { UserSnapshot } from '@app/events';
import { userSchemas } from '@app/scim';
import { GroupRef } from './users.repository';
import { UserRow } from './user.row';

/** Builds the SCIM representation of a user: the stored attributes plus the server-set ones. */
export function toScimUser(row: UserRow, groups: GroupRef[], baseUrl: string): Record<string, unknown> {
  const stored = { ...row.resource };
  delete stored.userName;
  delete stored.externalId;
  delete stored.active;
  const location = `${baseUrl}/Users/${row.id}`;
  return {
    schemas: userSchemas(row.resource),
    id: row.id,
    ...(row.external_id === null ? {} : { externalId: row.external_id }),
    userName: row.user_name,
    ...stored,
    active: row.active,
    groups: groups.map((group) => ({
      value: group.id,
      display: group.displayName,
      $ref: `${baseUrl}/Groups/${group.id}`,
      type: 'direct',
    })),
    meta: {
      resourceType: 'User',
      created: row.created_at.toISOString(),
      lastModified: row.updated_at.toISOString(),
      location,
      version: `W/"${row.version}"`,
    },
  };
}

export function toUserSnapshot(row: UserRow): UserSnapshot {
  return {
    id: row.id,
    userName: row.user_name,
    externalId: row.external_id,
    active: row.active,
    displayName: row.display_name,
    givenName: row.given_name,
    familyName: row.family_name,
    email: row.primary_email,
  };
}
