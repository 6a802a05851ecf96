import { FilterNode, MAX_FILTER_DEPTH, MAX_FILTER_LENGTH, parseFilter } from '@app/scim/filter/filter-parser';
import { catchScimError } from './scim-error-helpers';

const compare = (attribute: string, op: string, value: unknown, extra: object = {}): FilterNode =>
  ({ kind: 'compare', path: { attribute, ...extra }, op, value }) as FilterNode;
const present = (attribute: string): FilterNode => ({ kind: 'present', path: { attribute } });

function expectInvalidFilter(text: string, ...fragments: string[]): void {
  const error = catchScimError(() => parseFilter(text));
  expect(error.status).toBe(400);
  expect(error.scimType).toBe('invalidFilter');
  for (const fragment of fragments) expect(error.detail).toContain(fragment);
}

describe(parseFilter.name, () => {
  describe('comparisons', () => {
    it('parses userName eq', () => {
      expect(parseFilter('userName eq "bjensen"')).toEqual(compare('userName', 'eq', 'bjensen'));
    });

    it.each(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'])('parses operator %s', (op) => {
      expect(parseFilter(`title ${op} "x"`)).toEqual(compare('title', op, 'x'));
    });

    it('accepts operators in any case', () => {
      expect(parseFilter('userName EQ "a"')).toEqual(compare('userName', 'eq', 'a'));
      expect(parseFilter('userName Sw "a"')).toEqual(compare('userName', 'sw', 'a'));
      expect(parseFilter('title PR')).toEqual(present('title'));
    });

    it('keeps attribute names as written', () => {
      expect(parseFilter('USERNAME eq "a"')).toEqual(compare('USERNAME', 'eq', 'a'));
    });

    it('parses identity provider lookups', () => {
      expect(parseFilter('externalId eq "00u1abcd"')).toEqual(compare('externalId', 'eq', '00u1abcd'));
      expect(parseFilter('id eq "2819c223-7f76-453a-919d-413861904646"')).toEqual(
        compare('id', 'eq', '2819c223-7f76-453a-919d-413861904646'),
      );
      expect(parseFilter('displayName eq "Ops Team"')).toEqual(compare('displayName', 'eq', 'Ops Team'));
    });

    it('parses sub-attribute paths', () => {
      expect(parseFilter('name.givenName sw "A"')).toEqual(compare('name', 'sw', 'A', { subAttribute: 'givenName' }));
      expect(parseFilter('meta.lastModified gt "2011-05-13T04:42:34Z"')).toEqual(
        compare('meta', 'gt', '2011-05-13T04:42:34Z', { subAttribute: 'lastModified' }),
      );
    });

    it('parses $ref sub-attribute', () => {
      expect(parseFilter('groups.$ref pr')).toEqual({
        kind: 'present',
        path: { attribute: 'groups', subAttribute: '$ref' },
      });
    });

    it('splits a core schema URN prefix', () => {
      expect(parseFilter('urn:ietf:params:scim:schemas:core:2.0:User:userName eq "a"')).toEqual(
        compare('userName', 'eq', 'a', { schema: 'urn:ietf:params:scim:schemas:core:2.0:User' }),
      );
    });

    it('splits an extension URN with sub-attribute', () => {
      expect(parseFilter('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "42"')).toEqual(
        compare('manager', 'eq', '42', {
          schema: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
          subAttribute: 'value',
        }),
      );
    });
  });

  describe('values', () => {
    it.each([
      ['42', 42],
      ['-1.5', -1.5],
      ['0', 0],
      ['1e3', 1000],
      ['2.5E-1', 0.25],
    ])('parses number %s', (text, value) => {
      expect(parseFilter(`count gt ${text}`)).toEqual(compare('count', 'gt', value));
    });

    it.each([
      ['true', true],
      ['false', false],
      ['null', null],
      ['TRUE', true],
      ['False', false],
      ['NULL', null],
    ])('parses literal %s', (text, value) => {
      expect(parseFilter(`active eq ${text}`)).toEqual(compare('active', 'eq', value));
    });

    it('decodes escaped quote', () => {
      expect(parseFilter('userName eq "a\\"b"')).toEqual(compare('userName', 'eq', 'a"b'));
    });

    it('decodes every JSON escape', () => {
      const node = parseFilter('title eq "\\\\ \\/ \\b \\f \\n \\r \\t \\u00e9"');
      expect(node).toEqual(compare('title', 'eq', '\\ / \b \f \n \r \t é'));
    });

    it('keeps accented letters', () => {
      expect(parseFilter('displayName eq "Équipe Zürich"')).toEqual(compare('displayName', 'eq', 'Équipe Zürich'));
    });

    it('keeps brackets and keywords inside strings', () => {
      expect(parseFilter('title eq "a ] and ( or not"')).toEqual(compare('title', 'eq', 'a ] and ( or not'));
    });

    it('parses empty string', () => {
      expect(parseFilter('nickName eq ""')).toEqual(compare('nickName', 'eq', ''));
    });

    it('ignores surrounding whitespace', () => {
      expect(parseFilter(' \t userName\neq\r\n"a"  ')).toEqual(compare('userName', 'eq', 'a'));
    });
  });

  describe('logical expressions', () => {
    it('parses and', () => {
      expect(parseFilter('userName eq "a" and active eq true')).toEqual({
        kind: 'and',
        left: compare('userName', 'eq', 'a'),
        right: compare('active', 'eq', true),
      });
    });

    it('accepts keywords in any case', () => {
      expect(parseFilter('a pr AND b pr Or NOT (c pr)')).toEqual({
        kind: 'or',
        left: { kind: 'and', left: present('a'), right: present('b') },
        right: { kind: 'not', operand: present('c') },
      });
    });

    it('binds and tighter than or', () => {
      expect(parseFilter('a pr or b pr and c pr')).toEqual({
        kind: 'or',
        left: present('a'),
        right: { kind: 'and', left: present('b'), right: present('c') },
      });
    });

    it('binds not tighter than and', () => {
      expect(parseFilter('not (a pr) and b pr')).toEqual({
        kind: 'and',
        left: { kind: 'not', operand: present('a') },
        right: present('b'),
      });
    });

    it('groups with parentheses', () => {
      expect(parseFilter('(a pr or b pr) and c pr')).toEqual({
        kind: 'and',
        left: { kind: 'or', left: present('a'), right: present('b') },
        right: present('c'),
      });
    });

    it('associates and to the left', () => {
      expect(parseFilter('a pr and b pr and c pr')).toEqual({
        kind: 'and',
        left: { kind: 'and', left: present('a'), right: present('b') },
        right: present('c'),
      });
    });

    it('parses nested not', () => {
      expect(parseFilter('not (not (a pr))')).toEqual({
        kind: 'not',
        operand: { kind: 'not', operand: present('a') },
      });
    });

    it('parses long or chain', () => {
      const terms = Array.from({ length: 100 }, (_, index) => `id eq "${index}"`);
      let node = parseFilter(terms.join(' or '));
      let depth = 0;
      while (node.kind === 'or') {
        expect(node.right).toEqual(compare('id', 'eq', String(99 - depth)));
        node = node.left;
        depth += 1;
      }
      expect(depth).toBe(99);
      expect(node).toEqual(compare('id', 'eq', '0'));
    });
  });

  describe('value paths', () => {
    it('parses emails[type eq "work"]', () => {
      expect(parseFilter('emails[type eq "work"]')).toEqual({
        kind: 'valuePath',
        path: { attribute: 'emails' },
        filter: compare('type', 'eq', 'work'),
      });
    });

    it('parses logical filter inside brackets', () => {
      expect(parseFilter('emails[type eq "work" and value co "@example.com"]')).toEqual({
        kind: 'valuePath',
        path: { attribute: 'emails' },
        filter: {
          kind: 'and',
          left: compare('type', 'eq', 'work'),
          right: compare('value', 'co', '@example.com'),
        },
      });
    });

    it('combines value path with other terms', () => {
      expect(parseFilter('userType eq "Employee" and (emails[type eq "work"] or not (members[value pr]))')).toEqual({
        kind: 'and',
        left: compare('userType', 'eq', 'Employee'),
        right: {
          kind: 'or',
          left: { kind: 'valuePath', path: { attribute: 'emails' }, filter: compare('type', 'eq', 'work') },
          right: {
            kind: 'not',
            operand: { kind: 'valuePath', path: { attribute: 'members' }, filter: present('value') },
          },
        },
      });
    });

    it('parses URN-prefixed value path', () => {
      expect(parseFilter('urn:ietf:params:scim:schemas:core:2.0:User:emails[primary eq true]')).toEqual({
        kind: 'valuePath',
        path: { schema: 'urn:ietf:params:scim:schemas:core:2.0:User', attribute: 'emails' },
        filter: compare('primary', 'eq', true),
      });
    });
  });

  describe('invalid input', () => {
    it('rejects missing value with exact detail', () => {
      const error = catchScimError(() => parseFilter('userName eq'));
      expect(error.status).toBe(400);
      expect(error.scimType).toBe('invalidFilter');
      expect(error.detail).toBe(
        'Invalid filter "userName eq": expected a value after "eq" at position 11. Quote string values, e.g. userName eq "alice".',
      );
    });

    it('rejects unquoted string value', () => {
      expectInvalidFilter('displayName eq Ops', 'expected a value after "eq" at position 15, found "Ops"', 'displayName eq "Ops"');
    });

    it('rejects empty filter', () => {
      expectInvalidFilter('', 'the filter is empty');
      expectInvalidFilter('   ', 'the filter is empty');
    });

    it('rejects unterminated quote', () => {
      expectInvalidFilter('userName eq "abc', 'Invalid filter "userName eq "abc"', 'unterminated string starting at position 12');
    });

    it('rejects unterminated escaped quote', () => {
      expectInvalidFilter('userName eq "abc\\"', 'unterminated string starting at position 12');
    });

    it('rejects unknown operator', () => {
      expectInvalidFilter('userName eqq "x"', 'unknown operator "eqq" at position 9', 'Use one of eq, ne, co, sw, ew, gt, ge, lt, le or pr');
      expectInvalidFilter('userName like "x"', 'unknown operator "like"');
    });

    it('rejects trailing garbage', () => {
      expectInvalidFilter('userName eq "x" garbage', 'unexpected "garbage" at position 16 after a complete expression');
      expectInvalidFilter('userName eq "x" "y"', 'unexpected "y" at position 16');
      expectInvalidFilter('userName eq "x")', 'unexpected ")" at position 15');
    });

    it('rejects query-string junk', () => {
      expectInvalidFilter('userName eq "x"&startIndex=1&count=10', 'unexpected character "&" at position 15');
      expectInvalidFilter('startIndex=1', 'unexpected character "=" at position 10');
    });

    it('rejects single quotes', () => {
      expectInvalidFilter("userName eq 'x'", 'unexpected character "\'" at position 12');
    });

    it('rejects missing operator', () => {
      expectInvalidFilter('userName', 'expected an operator after "userName" at position 8, found the end of the filter');
      expectInvalidFilter('userName "x"', 'expected an operator after "userName" at position 9, found "x"');
    });

    it('rejects dangling and', () => {
      expectInvalidFilter('userName eq "x" and', 'expected an attribute name or "(" after "and" at position 19, found the end of the filter');
    });

    it('rejects leading and', () => {
      expectInvalidFilter('and userName eq "x"', 'expected an attribute name or "(" at position 0, found "and"');
    });

    it('rejects not without parentheses', () => {
      expectInvalidFilter('not userName eq "x"', 'expected "(" after "not" at position 4');
    });

    it('rejects unclosed parenthesis', () => {
      expectInvalidFilter('(a pr', 'expected ")" at position 5 to close the "(" at position 0');
    });

    it('rejects unclosed bracket', () => {
      expectInvalidFilter('emails[type eq "work"', 'expected "]" at position 21 to close the "[" at position 6');
    });

    it('rejects sub-attribute after bracket', () => {
      expectInvalidFilter('emails[type eq "work"].value eq "x"', 'unexpected "." at position 22', 'inside the brackets');
    });

    it('rejects nested value filter', () => {
      expectInvalidFilter('emails[foo[bar eq 1]]', 'a value filter cannot contain another value filter');
    });

    it('rejects value filter on sub-attribute', () => {
      expectInvalidFilter('name.givenName[x eq 1]', '"name.givenName" at position 0 names a sub-attribute');
    });

    it.each(['foo:bar eq 1', 'a..b eq 1', 'a.b.c eq 1', 'urn:x: eq 1'])('rejects bad attribute path %s', (text) => {
      expectInvalidFilter(text, 'is not a valid attribute path');
    });

    it('rejects value in attribute position', () => {
      expectInvalidFilter('"userName" eq "x"', 'expected an attribute name or "(" at position 0, found "userName"');
      expectInvalidFilter('42 eq 1', 'found "42"');
    });

    it('rejects invalid escape', () => {
      expectInvalidFilter('title eq "\\x"', 'invalid escape sequence "\\x" at position 10');
      expectInvalidFilter('title eq "\\u12"', 'invalid escape sequence "\\u" at position 10');
    });

    it('rejects invalid number', () => {
      expectInvalidFilter('count gt -', 'invalid number at position 9');
    });

    it('rejects substring operator with non-string', () => {
      expectInvalidFilter('userName co 5', 'operator "co" at position 9 needs a quoted string, found 5');
      expectInvalidFilter('userName sw null', 'needs a quoted string');
    });

    it('rejects ordering operator with boolean or null', () => {
      expectInvalidFilter('active gt true', 'operator "gt" at position 7 cannot compare with true');
      expectInvalidFilter('title le null', 'cannot compare with null');
    });

    it('rejects 10k-character filter', () => {
      const text = `userName eq "${'a'.repeat(10_000)}"`;
      const error = catchScimError(() => parseFilter(text));
      expect(error.scimType).toBe('invalidFilter');
      expect(error.detail).toContain(`the filter is ${text.length} characters long, and the maximum is ${MAX_FILTER_LENGTH}`);
      expect(error.detail.length).toBeLessThan(400);
    });

    it('accepts filter at length limit', () => {
      const value = 'a'.repeat(MAX_FILTER_LENGTH - 'userName eq ""'.length);
      expect(parseFilter(`userName eq "${value}"`)).toEqual(compare('userName', 'eq', value));
    });

    it('rejects deep nesting', () => {
      const depth = MAX_FILTER_DEPTH + 1;
      expectInvalidFilter(`${'('.repeat(depth)}a pr${')'.repeat(depth)}`, `nests deeper than ${MAX_FILTER_DEPTH} levels`);
      expectInvalidFilter(`${'not ('.repeat(depth)}a pr${')'.repeat(depth)}`, 'nests deeper');
    });

    it('accepts nesting at limit', () => {
      const depth = MAX_FILTER_DEPTH;
      expect(parseFilter(`${'('.repeat(depth)}a pr${')'.repeat(depth)}`)).toEqual(present('a'));
    });

    it('rejects 1000 open parentheses', () => {
      expectInvalidFilter('('.repeat(1000), 'nests deeper');
    });
  });
});
