import { MAX_PATCH_OPERATIONS, parsePatchRequest } from '@app/scim/patch/patch-request';
import { PATCH_OP_SCHEMA_ID } from '@app/scim/schemas/schema-types';
import { catchScimError } from './scim-error-helpers';

const body = (operations: unknown, extra: object = {}) => ({ schemas: [PATCH_OP_SCHEMA_ID], Operations: operations, ...extra });

function expectRejected(input: unknown, scimType: string, ...fragments: string[]): void {
  const error = catchScimError(() => parsePatchRequest(input));
  expect(error.status).toBe(400);
  expect(error.scimType).toBe(scimType);
  for (const fragment of fragments) expect(error.detail).toContain(fragment);
}

describe(parsePatchRequest.name, () => {
  describe('valid requests', () => {
    it('returns Okta deactivation', () => {
      expect(parsePatchRequest(body([{ op: 'replace', value: { active: false } }]))).toEqual([
        { op: 'replace', value: { active: false } },
      ]);
    });

    it('leaves out absent path', () => {
      const [operation] = parsePatchRequest(body([{ op: 'replace', value: { active: false } }]));
      expect(Object.keys(operation)).toEqual(['op', 'value']);
    });

    it.each([
      ['Add', 'add'],
      ['Replace', 'replace'],
      ['Remove', 'remove'],
      ['REPLACE', 'replace'],
      ['replace', 'replace'],
    ])('lowers op %s', (op, expected) => {
      const [operation] = parsePatchRequest(body([{ op, path: 'nickName', value: 'x' }]));
      expect(operation.op).toBe(expected);
    });

    it('keeps Entra member removal', () => {
      const operations = parsePatchRequest(
        body([{ op: 'Remove', path: 'members', value: [{ value: '2819c223' }] }]),
      );
      expect(operations).toEqual([{ op: 'remove', path: 'members', value: [{ value: '2819c223' }] }]);
    });

    it('keeps several operations in order', () => {
      expect(
        parsePatchRequest(
          body([
            { op: 'Add', path: 'emails[type eq "work"].value', value: 'ann@example.com' },
            { op: 'Replace', path: 'name.givenName', value: 'Ann' },
            { op: 'Remove', path: 'nickName' },
          ]),
        ),
      ).toEqual([
        { op: 'add', path: 'emails[type eq "work"].value', value: 'ann@example.com' },
        { op: 'replace', path: 'name.givenName', value: 'Ann' },
        { op: 'remove', path: 'nickName' },
      ]);
    });

    it('accepts missing schemas', () => {
      expect(parsePatchRequest({ Operations: [{ op: 'remove', path: 'title' }] })).toEqual([{ op: 'remove', path: 'title' }]);
    });

    it('accepts schema URN in any case', () => {
      expect(parsePatchRequest({ schemas: [PATCH_OP_SCHEMA_ID.toUpperCase()], Operations: [{ op: 'remove', path: 'title' }] })).toHaveLength(1);
    });

    it('accepts lower-case operations key', () => {
      expect(parsePatchRequest({ schemas: [PATCH_OP_SCHEMA_ID], operations: [{ op: 'remove', path: 'title' }] })).toHaveLength(1);
    });

    it('keeps null value with path', () => {
      expect(parsePatchRequest(body([{ op: 'replace', path: 'nickName', value: null }]))).toEqual([
        { op: 'replace', path: 'nickName', value: null },
      ]);
    });

    it('accepts maximum operation count', () => {
      const operations = Array.from({ length: MAX_PATCH_OPERATIONS }, () => ({ op: 'remove', path: 'title' }));
      expect(parsePatchRequest(body(operations))).toHaveLength(MAX_PATCH_OPERATIONS);
    });
  });

  describe('invalid bodies', () => {
    it.each([
      ['null', null],
      ['array', []],
      ['string', 'Operations'],
      ['number', 3],
      ['undefined', undefined],
    ])('rejects %s body', (_, input) => {
      expectRejected(input, 'invalidSyntax', 'Invalid PATCH request body: expected a JSON object');
    });

    it('rejects schemas without PatchOp', () => {
      expectRejected(
        { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], Operations: [{ op: 'remove', path: 'title' }] },
        'invalidSyntax',
        `must be an array containing "${PATCH_OP_SCHEMA_ID}"`,
      );
    });

    it('rejects schemas string', () => {
      expectRejected({ schemas: PATCH_OP_SCHEMA_ID, Operations: [] }, 'invalidSyntax', '"schemas" is "urn:ietf');
    });

    it('rejects missing Operations', () => {
      expectRejected({ schemas: [PATCH_OP_SCHEMA_ID] }, 'invalidSyntax', '"Operations" is missing');
    });

    it.each([
      ['object', { op: 'add' }, 'is an object'],
      ['string', 'startIndex=1&count=10', 'is "startIndex=1&count=10"'],
      ['null', null, 'is null'],
    ])('rejects Operations %s', (_, operations, fragment) => {
      expectRejected(body(operations), 'invalidSyntax', `"Operations" ${fragment}`, 'Send an array of operations');
    });

    it('rejects empty Operations', () => {
      expectRejected(body([]), 'invalidSyntax', '"Operations" is an empty array');
    });

    it('rejects too many operations', () => {
      const operations = Array.from({ length: MAX_PATCH_OPERATIONS + 1 }, () => ({ op: 'remove', path: 'title' }));
      expectRejected(body(operations), 'invalidValue', `has ${MAX_PATCH_OPERATIONS + 1} operations, and the maximum is ${MAX_PATCH_OPERATIONS}`);
    });
  });

  describe('invalid operations', () => {
    it('rejects non-object operation', () => {
      expectRejected(body([{ op: 'remove', path: 'title' }, 'remove']), 'invalidSyntax', 'Operations[1]', 'but it is "remove"');
    });

    it('rejects op move', () => {
      expectRejected(body([{ op: 'move', path: 'title' }]), 'invalidSyntax', 'Operations[0]: "op" is "move"', 'Use "add", "remove" or "replace"');
    });

    it('rejects missing op', () => {
      expectRejected(body([{ path: 'title' }]), 'invalidSyntax', '"op" is missing');
    });

    it('rejects numeric op', () => {
      expectRejected(body([{ op: 1, path: 'title' }]), 'invalidSyntax', '"op" is 1');
    });

    it('rejects remove without path', () => {
      expectRejected(body([{ op: 'Remove' }]), 'noTarget', '"remove" needs a "path"');
      expectRejected(body([{ op: 'remove', value: { title: 'x' } }]), 'noTarget', 'Operations[0]');
    });

    it('rejects path-less add of string', () => {
      expectRejected(body([{ op: 'add', value: 'x' }]), 'invalidValue', '"add" without "path" needs an object "value"', 'but "value" is "x"');
    });

    it('rejects path-less replace of array', () => {
      expectRejected(body([{ op: 'replace', value: [{ active: false }] }]), 'invalidValue', 'but "value" is an array of 1');
    });

    it('rejects path-less replace without value', () => {
      expectRejected(body([{ op: 'replace' }]), 'invalidValue', 'but "value" is missing');
    });

    it('rejects add without value', () => {
      expectRejected(body([{ op: 'add', path: 'nickName' }]), 'invalidValue', '"add" of "nickName" has no "value"');
    });

    it('rejects non-string path', () => {
      expectRejected(body([{ op: 'remove', path: 42 }]), 'invalidPath', '"path" is 42');
    });

    it('rejects empty path', () => {
      expectRejected(body([{ op: 'remove', path: '' }]), 'invalidPath', '"path" is ""');
    });

    it('rejects unterminated members filter', () => {
      expectRejected(body([{ op: 'remove', path: 'members[value eq' }]), 'invalidPath', 'Invalid path "members[value eq"');
    });

    it('rejects late bad path before applying', () => {
      const operations = [{ op: 'replace', path: 'title', value: 'x' }, { op: 'replace', path: 'first name', value: 'x' }];
      expectRejected(body(operations), 'invalidPath', '"first name" is not a valid attribute name');
    });
  });
});
