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
  id: { sql: 'u.id', type: 'id', caseExact: false, name: 'id' },
  username: { sql: 'u.user_name', type: 'string', caseExact: false, name: 'userName' },
  externalid: { sql: 'u.external_id', type: 'string', caseExact: true, name: 'externalId' },
  active: { sql: 'u.active', type: 'boolean', caseExact: false, name: 'active' },
  displayname: { sql: 'u.display_name', type: 'string', caseExact: false, name: 'displayName' },
  'name.givenname': { sql: 'u.given_name', type: 'string', caseExact: false, name: 'name.givenName' },
  'name.familyname': { sql: 'u.family_name', type: 'string', caseExact: false, name: 'name.familyName' },
  // NOTE: only the primary e-mail is indexed, so an e-mail filter matches that address alone.
  'emails.value': { sql: 'u.primary_email', type: 'string', caseExact: false, name: 'emails.value' },
  emails: { sql: 'u.primary_email', type: 'string', caseExact: false, name: 'emails' },
  'meta.created': { sql: 'u.created_at', type: 'dateTime', caseExact: false, name: 'meta.created' },
  'meta.lastmodified': { sql: 'u.updated_at', type: 'dateTime', caseExact: false, name: 'meta.lastModified' },
};
