import { parsePatchPath } from '@app/scim/patch/patch-path';
import { catchScimError } from './scim-error-helpers';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

function expectInvalidPath(path: string, ...fragments: string[]): void {
  const error = catchScimError(() => parsePatchPath(path));
  expect(error.status).toBe(400);
  expect(error.scimType).toBe('invalidPath');
  for (const fragment of fragments) expect(error.detail).toContain(fragment);
}

describe(parsePatchPath.name, () => {
  describe('attribute paths', () => {
    it('parses plain attribute', () => {
      expect(parsePatchPath('displayName')).toEqual({ attribute: 'displayName' });
    });

    it('keeps spelling', () => {
      expect(parsePatchPath('DISPLAYNAME')).toEqual({ attribute: 'DISPLAYNAME' });
    });

    it('parses sub-attribute', () => {
      expect(parsePatchPath('name.givenName')).toEqual({ attribute: 'name', subAttribute: 'givenName' });
    });

    it('parses core URN prefix', () => {
      expect(parsePatchPath('urn:ietf:params:scim:schemas:core:2.0:User:userName')).toEqual({
        schema: 'urn:ietf:params:scim:schemas:core:2.0:User',
        attribute: 'userName',
      });
    });

    it('parses extension attribute', () => {
      expect(parsePatchPath(`${ENTERPRISE}:department`)).toEqual({ schema: ENTERPRISE, attribute: 'department' });
    });

    it('parses extension sub-attribute', () => {
      expect(parsePatchPath(`${ENTERPRISE}:manager.value`)).toEqual({
        schema: ENTERPRISE,
        attribute: 'manager',
        subAttribute: 'value',
      });
    });

    it('parses $ref sub-attribute', () => {
      expect(parsePatchPath('manager.$ref')).toEqual({ attribute: 'manager', subAttribute: '$ref' });
    });
  });

  describe('value paths', () => {
    it('parses filter without sub-attribute', () => {
      expect(parsePatchPath('members[value eq "2819c223-7f76-453a-919d-413861904646"]')).toEqual({
        attribute: 'members',
        valueFilter: {
          kind: 'compare',
          path: { attribute: 'value' },
          op: 'eq',
          value: '2819c223-7f76-453a-919d-413861904646',
        },
      });
    });

    it('parses filter with sub-attribute', () => {
      expect(parsePatchPath('emails[type eq "work"].value')).toEqual({
        attribute: 'emails',
        valueFilter: { kind: 'compare', path: { attribute: 'type' }, op: 'eq', value: 'work' },
        subAttribute: 'value',
      });
    });

    it('parses addresses postalCode', () => {
      expect(parsePatchPath('addresses[type eq "work"].postalCode')).toEqual({
        attribute: 'addresses',
        valueFilter: { kind: 'compare', path: { attribute: 'type' }, op: 'eq', value: 'work' },
        subAttribute: 'postalCode',
      });
    });

    it('parses logical filter', () => {
      expect(parsePatchPath('phoneNumbers[type eq "mobile" and primary eq true].value')).toEqual({
        attribute: 'phoneNumbers',
        valueFilter: {
          kind: 'and',
          left: { kind: 'compare', path: { attribute: 'type' }, op: 'eq', value: 'mobile' },
          right: { kind: 'compare', path: { attribute: 'primary' }, op: 'eq', value: true },
        },
        subAttribute: 'value',
      });
    });

    it('skips brackets inside quotes', () => {
      expect(parsePatchPath('emails[value eq "a]b\\"]"].display')).toEqual({
        attribute: 'emails',
        valueFilter: { kind: 'compare', path: { attribute: 'value' }, op: 'eq', value: 'a]b"]' },
        subAttribute: 'display',
      });
    });

    it('parses URN-prefixed value path', () => {
      expect(parsePatchPath('urn:ietf:params:scim:schemas:core:2.0:User:emails[type eq "work"].value')).toEqual({
        schema: 'urn:ietf:params:scim:schemas:core:2.0:User',
        attribute: 'emails',
        valueFilter: { kind: 'compare', path: { attribute: 'type' }, op: 'eq', value: 'work' },
        subAttribute: 'value',
      });
    });

    it('keeps colons inside filter values', () => {
      expect(parsePatchPath('ims[value eq "xmpp:ann@example.com"]').attribute).toBe('ims');
    });
  });

  describe('invalid paths', () => {
    it('rejects unterminated members filter', () => {
      expectInvalidPath('members[value eq', 'Invalid path "members[value eq"', 'the "[" at position 7 has no closing "]"');
    });

    it('rejects unterminated quote in filter', () => {
      expectInvalidPath('emails[value eq "a]', 'a quoted value in the filter is not closed');
    });

    it('rejects empty path', () => {
      expectInvalidPath('', '"" is not a valid attribute name');
    });

    it.each(['first name', 'a.b.c', 'foo:bar', '9lives', 'name.', '.name', ' displayName'])('rejects attribute %s', (path) => {
      expectInvalidPath(path, 'is not a valid attribute name');
    });

    it('rejects bad inner filter', () => {
      expectInvalidPath('emails[type eqq "work"]', 'the value filter is invalid', 'unknown operator "eqq"');
    });

    it('rejects empty filter', () => {
      expectInvalidPath('emails[]', 'the value filter is invalid', 'the filter is empty');
    });

    it('rejects text after bracket', () => {
      expectInvalidPath('emails[type eq "work"]value', 'unexpected "value" after "]"');
      expectInvalidPath('emails[type eq "work"].value.extra', 'unexpected ".value.extra" after "]"');
      expectInvalidPath('emails[type eq "work"]]', 'unexpected "]" after "]"');
    });

    it('rejects filter on sub-attribute', () => {
      expectInvalidPath('name.givenName[value eq "x"]', 'a value filter must follow a multi-valued attribute');
    });
  });
});
