import { FilterColumnMap } from '@app/scim';

/** A `groups` row as the SQL in this folder selects it. */
export interface GroupRow {
  id: string;
  company_id: string;
  display_name: string;
  external_id: string | null;
  resource: Record<string, unknown>;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export interface MemberRef {
  id: string;
  display: string;
}

export const GROUP_COLUMNS = `g.id, g.company_id, g.display_name, g.external_id, g.resource, g.version, g.created_at, g.updated_at`;

/** Attributes a Group filter may use, and the column each compares. */
export const GROUP_FILTER_COLUMNS: FilterColumnMap = {
  id: { sql: 'g.id', type: 'id', caseExact: false, name: 'id' },
  displayname: { sql: 'g.display_name', type: 'string', caseExact: false, name: 'displayName' },
  externalid: { sql: 'g.external_id', type: 'string', caseExact: true, name: 'externalId' },
  'meta.created': { sql: 'g.created_at', type: 'dateTime', caseExact: false, name: 'meta.created' },
  'meta.lastmodified': { sql: 'g.updated_at', type: 'dateTime', caseExact: false, name: 'meta.lastModified' },
};
