import { GroupSnapshot } from '@app/events';
import { groupSchemas } from '@app/scim';
import { GroupRow, MemberRef } from './group.row';

/** Builds the SCIM representation of a group; `members` is left out when the caller excluded it. */
export function toScimGroup(row: GroupRow, members: MemberRef[] | undefined, baseUrl: string): Record<string, unknown> {
  const stored = { ...row.resource };
  delete stored.displayName;
  delete stored.externalId;
  return {
    schemas: groupSchemas(),
    id: row.id,
    ...(row.external_id === null ? {} : { externalId: row.external_id }),
    displayName: row.display_name,
    ...stored,
    ...(members === undefined
      ? {}
      : { members: members.map((member) => ({ value: member.id, display: member.display, $ref: `${baseUrl}/Users/${member.id}`, type: 'User' })) }),
    meta: {
      resourceType: 'Group',
      created: row.created_at.toISOString(),
      lastModified: row.updated_at.toISOString(),
      location: `${baseUrl}/Groups/${row.id}`,
      version: `W/"${row.version}"`,
    },
  };
}

export function toGroupSnapshot(row: GroupRow): GroupSnapshot {
  return { id: row.id, displayName: row.display_name, externalId: row.external_id };
}
