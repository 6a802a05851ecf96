import { FilterColumnMap } from '@app/scim';

/** A `users` row as the SQL in this folder selects it. */
export interface UserRow {
  id: string;
  company_id: string;
  user_name: string;
  external_id: string | null;
  active: boolean;
  display_name: string | null;
  given_name: string | null;
  family_name: string | null;
  primary_email: string | null;
  resource: Record<string, unknown>;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export const USER_COLUMNS = `u.id, u.company_id, u.user_name, u.external_id, u.active, u.display_name, u.given_name,
  u.family_name, u.primary_email, u.resource, u.version, u.created_at, u.updated_at`;

/** Attributes a User filter may use, and the column each compares. */
export const USER_FILTER_COLUMNS: FilterColumnMap = {
  id: { sql: 'u.id', type: 'id', caseExact: false },
  username: { sql: 'u.user_name', type: 'string', caseExact: false },
  externalid: { sql: 'u.external_id', type: 'string', caseExact: true },
  active: { sql: 'u.active', type: 'boolean', caseExact: false },
  displayname: { sql: 'u.display_name', type: 'string', caseExact: false },
  'name.givenname': { sql: 'u.given_name', type: 'string', caseExact: false },
  'name.familyname': { sql: 'u.family_name', type: 'string', caseExact: false },
  // NOTE: only the primary e-mail is indexed, so an e-mail filter matches that address alone.
  'emails.value': { sql: 'u.primary_email', type: 'string', caseExact: false },
  emails: { sql: 'u.primary_email', type: 'string', caseExact: false },
  'meta.created': { sql: 'u.created_at', type: 'dateTime', caseExact: false },
  'meta.lastmodified': { sql: 'u.updated_at', type: 'dateTime', caseExact: false },
};
