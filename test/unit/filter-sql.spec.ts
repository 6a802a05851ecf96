import { parseFilter } from '@app/scim/filter/filter-parser';
import { FilterColumnMap, filterToSql } from '@app/scim/filter/filter-sql';
import { catchScimError } from './scim-error-helpers';

const USER_COLUMNS: FilterColumnMap = {
  id: { sql: 'u.id', type: 'id', caseExact: true },
  username: { sql: 'u.user_name', type: 'string', caseExact: false },
  externalid: { sql: 'u.external_id', type: 'string', caseExact: true },
  active: { sql: 'u.active', type: 'boolean', caseExact: false },
  displayname: { sql: 'u.display_name', type: 'string', caseExact: false },
  'name.givenname': { sql: 'u.given_name', type: 'string', caseExact: false },
  'emails.value': { sql: 'u.primary_email', type: 'string', caseExact: false },
  'meta.created': { sql: 'u.created_at', type: 'dateTime', caseExact: false },
  'meta.lastmodified': { sql: 'u.updated_at', type: 'dateTime', caseExact: false },
  department: { sql: 'u.department', type: 'string', caseExact: false },
  legacyid: { sql: 'u.legacy_id', type: 'id', caseExact: false },
};

const toSql = (filter: string, firstParamIndex = 1) => filterToSql(parseFilter(filter), USER_COLUMNS, firstParamIndex);

function expectSqlError(filter: string, scimType: string, ...fragments: string[]): void {
  const error = catchScimError(() => toSql(filter));
  expect(error.status).toBe(400);
  expect(error.scimType).toBe(scimType);
  for (const fragment of fragments) expect(error.detail).toContain(fragment);
}

describe(filterToSql.name, () => {
  describe('string columns', () => {
    it('folds case for eq', () => {
      expect(toSql('userName eq "Alice"', 2)).toEqual({ sql: 'lower(u.user_name) = lower($2)', params: ['Alice'] });
    });

    it('compares case-exact eq', () => {
      expect(toSql('externalId eq "00uAbC"')).toEqual({ sql: 'u.external_id = $1', params: ['00uAbC'] });
    });

    it('uses IS DISTINCT FROM for ne', () => {
      expect(toSql('userName ne "a"')).toEqual({ sql: 'lower(u.user_name) IS DISTINCT FROM lower($1)', params: ['a'] });
      expect(toSql('externalId ne "a"')).toEqual({ sql: 'u.external_id IS DISTINCT FROM $1', params: ['a'] });
    });

    it.each([
      ['co', '%ann%'],
      ['sw', 'ann%'],
      ['ew', '%ann'],
    ])('builds LIKE for %s', (op, pattern) => {
      expect(toSql(`userName ${op} "ann"`)).toEqual({
        sql: "lower(u.user_name) LIKE lower($1) ESCAPE '\\'",
        params: [pattern],
      });
    });

    it('escapes LIKE wildcards', () => {
      expect(toSql('userName co "50%_off\\\\"')).toEqual({
        sql: "lower(u.user_name) LIKE lower($1) ESCAPE '\\'",
        params: ['%50\\%\\_off\\\\%'],
      });
    });

    it('builds case-exact LIKE', () => {
      expect(toSql('externalId sw "00u"')).toEqual({ sql: "u.external_id LIKE $1 ESCAPE '\\'", params: ['00u%'] });
    });

    it.each([
      ['gt', '>'],
      ['ge', '>='],
      ['lt', '<'],
      ['le', '<='],
    ])('orders with %s', (op, sqlOperator) => {
      expect(toSql(`displayName ${op} "M"`)).toEqual({
        sql: `lower(u.display_name) ${sqlOperator} lower($1)`,
        params: ['M'],
      });
    });

    it('checks presence with empty string', () => {
      expect(toSql('displayName pr')).toEqual({
        sql: "(u.display_name IS NOT NULL AND u.display_name <> '')",
        params: [],
      });
    });

    it('tests null for eq null and ne null', () => {
      expect(toSql('displayName eq null')).toEqual({ sql: 'u.display_name IS NULL', params: [] });
      expect(toSql('displayName ne null')).toEqual({ sql: 'u.display_name IS NOT NULL', params: [] });
    });

    it('binds accented value unchanged', () => {
      expect(toSql('displayName eq "Équipe Zürich"')).toEqual({
        sql: 'lower(u.display_name) = lower($1)',
        params: ['Équipe Zürich'],
      });
    });

    it('rejects number for string', () => {
      expectSqlError('userName eq 42', 'invalidFilter', 'invalid value 42 for string attribute "userName"', 'userName eq "42"');
    });

    it('rejects boolean for string', () => {
      expectSqlError('userName eq true', 'invalidFilter', 'invalid value true for string attribute "userName"');
    });
  });

  describe('id columns', () => {
    it('compares a UUID as uuid', () => {
      expect(toSql('id eq "0F8FAD5B-D9CB-469F-A165-70867728950E"')).toEqual({
        sql: 'u.id = $1::uuid',
        params: ['0f8fad5b-d9cb-469f-a165-70867728950e'],
      });
    });

    it('matches nothing for a malformed id', () => {
      expect(toSql('id eq "not-a-uuid"')).toEqual({ sql: 'FALSE', params: [] });
    });

    it('matches everything for ne malformed', () => {
      expect(toSql('id ne "x"')).toEqual({ sql: 'TRUE', params: [] });
    });

    it('compares ne as uuid', () => {
      expect(toSql('legacyId ne "0f8fad5b-d9cb-469f-a165-70867728950e"')).toEqual({
        sql: 'u.legacy_id IS DISTINCT FROM $1::uuid',
        params: ['0f8fad5b-d9cb-469f-a165-70867728950e'],
      });
    });

    it('checks presence without text', () => {
      expect(toSql('id pr')).toEqual({ sql: 'u.id IS NOT NULL', params: [] });
    });

    it.each(['co', 'sw', 'ew', 'gt', 'le'])('rejects %s', (op) => {
      expectSqlError(`id ${op} "x"`, 'invalidFilter', `operator "${op}" is not supported for attribute "id" (id)`, 'eq, ne, pr');
    });

    it('rejects number id', () => {
      expectSqlError('id eq 5', 'invalidFilter', 'invalid value 5 for string attribute "id"');
    });
  });

  describe('boolean columns', () => {
    it('binds boolean for eq', () => {
      expect(toSql('active eq true')).toEqual({ sql: 'u.active = $1', params: [true] });
    });

    it('accepts boolean strings', () => {
      expect(toSql('active eq "False"')).toEqual({ sql: 'u.active = $1', params: [false] });
      expect(toSql('active eq "TRUE"')).toEqual({ sql: 'u.active = $1', params: [true] });
    });

    it('uses IS DISTINCT FROM for ne', () => {
      expect(toSql('active ne false')).toEqual({ sql: 'u.active IS DISTINCT FROM $1', params: [false] });
    });

    it('checks presence', () => {
      expect(toSql('active pr')).toEqual({ sql: 'u.active IS NOT NULL', params: [] });
    });

    it('rejects other values', () => {
      expectSqlError('active eq "yes"', 'invalidFilter', 'invalid value "yes" for boolean attribute "active"', 'true or false');
      expectSqlError('active eq 1', 'invalidFilter', 'invalid value 1 for boolean attribute');
    });

    it('rejects ordering and substring', () => {
      expectSqlError('active gt "a"', 'invalidFilter', 'operator "gt" is not supported for attribute "active" (boolean)');
      expectSqlError('active co "t"', 'invalidFilter', 'operator "co" is not supported');
    });
  });

  describe('dateTime columns', () => {
    it('casts parameter to timestamptz', () => {
      expect(toSql('meta.lastModified gt "2011-05-13T04:42:34Z"')).toEqual({
        sql: 'u.updated_at > $1::timestamptz',
        params: ['2011-05-13T04:42:34Z'],
      });
    });

    it.each([
      ['eq', '='],
      ['ge', '>='],
      ['lt', '<'],
      ['le', '<='],
      ['ne', 'IS DISTINCT FROM'],
    ])('translates %s', (op, sqlOperator) => {
      expect(toSql(`meta.created ${op} "2024-05-01T09:30:00.123+02:00"`)).toEqual({
        sql: `u.created_at ${sqlOperator} $1::timestamptz`,
        params: ['2024-05-01T09:30:00.123+02:00'],
      });
    });

    it('reads zone-less value as UTC', () => {
      expect(toSql('meta.created gt "2024-05-01T09:30:00"').params).toEqual(['2024-05-01T09:30:00Z']);
    });

    it('checks presence', () => {
      expect(toSql('meta.created pr')).toEqual({ sql: 'u.created_at IS NOT NULL', params: [] });
    });

    it.each(['yesterday', '2024-05-01', '2024-02-30T00:00:00Z', '2024-05-01T25:00:00Z', '2024-05-01T09:30:00+15:00'])(
      'rejects %s',
      (value) => {
        expectSqlError(`meta.created gt "${value}"`, 'invalidValue', `Invalid date and time "${value}" for attribute "meta.created"`, '2024-05-01T09:30:00Z');
      },
    );

    it('rejects number', () => {
      expectSqlError('meta.created gt 5', 'invalidFilter', 'invalid value 5 for dateTime attribute "meta.created"');
    });

    it('rejects substring operator', () => {
      expectSqlError('meta.created co "2024"', 'invalidFilter', 'operator "co" is not supported for attribute "meta.created" (dateTime)');
    });
  });

  describe('logic', () => {
    it('numbers parameters in order', () => {
      expect(toSql('userName eq "a" and (active eq true or not (displayName pr))', 3)).toEqual({
        sql: "(lower(u.user_name) = lower($3) AND (u.active = $4 OR ((u.display_name IS NOT NULL AND u.display_name <> '')) IS NOT TRUE))",
        params: ['a', true],
      });
    });

    it('negates with IS NOT TRUE', () => {
      expect(toSql('not (userName eq "a")')).toEqual({ sql: '(lower(u.user_name) = lower($1)) IS NOT TRUE', params: ['a'] });
    });

    it('translates or', () => {
      expect(toSql('userName eq "a" or externalId eq "b"')).toEqual({
        sql: '(lower(u.user_name) = lower($1) OR u.external_id = $2)',
        params: ['a', 'b'],
      });
    });
  });

  describe('attribute resolution', () => {
    it('matches names in any case', () => {
      expect(toSql('USERNAME eq "a"').sql).toBe('lower(u.user_name) = lower($1)');
      expect(toSql('Name.GivenName eq "a"').sql).toBe('lower(u.given_name) = lower($1)');
    });

    it('strips core schema URN', () => {
      expect(toSql('urn:ietf:params:scim:schemas:core:2.0:User:userName eq "a"')).toEqual({
        sql: 'lower(u.user_name) = lower($1)',
        params: ['a'],
      });
      expect(toSql('URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER:name.givenName eq "a"').sql).toBe('lower(u.given_name) = lower($1)');
    });

    it('strips enterprise URN for its attributes', () => {
      expect(toSql('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "Ops"').sql).toBe(
        'lower(u.department) = lower($1)',
      );
    });

    it('rejects enterprise URN on core attribute', () => {
      expectSqlError('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:userName eq "a"', 'invalidFilter', 'does not belong to a schema');
    });

    it('rejects unknown URN', () => {
      expectSqlError('urn:example:custom:2.0:User:userName eq "a"', 'invalidFilter', 'does not belong to a schema this filter supports');
    });

    it('rejects unknown attribute listing supported', () => {
      expectSqlError('nickName eq "a"', 'invalidFilter', 'filtering on attribute "nickName" is not supported', 'Filter on one of: id, username, externalid, active');
    });

    it('rejects unmapped sub-attribute', () => {
      expectSqlError('name.familyName eq "a"', 'invalidFilter', 'attribute "name.familyName" is not supported');
    });

    it('ignores inherited object keys', () => {
      expectSqlError('constructor eq "a"', 'invalidFilter', 'attribute "constructor" is not supported');
    });
  });

  describe('value paths', () => {
    it('maps to parent.sub column', () => {
      expect(toSql('emails[value eq "ann@example.com"]')).toEqual({
        sql: 'lower(u.primary_email) = lower($1)',
        params: ['ann@example.com'],
      });
    });

    it('maps dotted form the same way', () => {
      expect(toSql('emails.value eq "ann@example.com"').sql).toBe('lower(u.primary_email) = lower($1)');
    });

    it('rejects unmapped sub-attribute', () => {
      expectSqlError('emails[type eq "work"]', 'invalidFilter', 'filtering on attribute "emails[type]" is not supported');
    });

    it('rejects dotted name inside brackets', () => {
      expectSqlError('emails[value.x eq "a"]', 'invalidFilter', '"value.x" inside "emails[...]" must be a plain sub-attribute name');
    });
  });

  describe('injection safety', () => {
    it('keeps hostile values out of SQL', () => {
      const hostile = "x'; DROP TABLE users; --";
      const result = toSql(`userName eq "${hostile}" or displayName co "${hostile}"`, 7);
      expect(result.sql).toBe("(lower(u.user_name) = lower($7) OR lower(u.display_name) LIKE lower($8) ESCAPE '\\')");
      expect(result.params).toEqual([hostile, `%${hostile}%`]);
    });
  });
});
