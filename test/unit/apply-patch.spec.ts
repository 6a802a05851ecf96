import { applyPatch } from '@app/scim/patch/apply-patch';
import { PatchOperation, PatchTarget } from '@app/scim/patch/patch-types';
import { enterpriseUserSchema } from '@app/scim/schemas/enterprise-user-schema';
import { groupSchema } from '@app/scim/schemas/group-schema';
import { userSchema } from '@app/scim/schemas/user-schema';
import { catchScimError } from './scim-error-helpers';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const USER_TARGET: PatchTarget = { coreSchema: userSchema, extensions: [enterpriseUserSchema] };
const GROUP_TARGET: PatchTarget = { coreSchema: groupSchema, extensions: [] };

type Resource = Record<string, unknown>;

const patchUser = (resource: Resource, ...operations: PatchOperation[]): Resource =>
  applyPatch(resource, operations, USER_TARGET);

function expectPatchError(resource: Resource, operation: PatchOperation, scimType: string, ...fragments: string[]): void {
  const error = catchScimError(() => patchUser(resource, operation));
  expect(error.status).toBe(400);
  expect(error.scimType).toBe(scimType);
  for (const fragment of fragments) expect(error.detail).toContain(fragment);
}

describe(applyPatch.name, () => {
  describe('purity', () => {
    it('does not mutate input', () => {
      const resource = { userName: 'ann', emails: [{ value: 'a@x', type: 'work' }], name: { givenName: 'Ann' } };
      const snapshot = structuredClone(resource);
      patchUser(
        resource,
        { op: 'add', path: 'emails', value: { value: 'b@x' } },
        { op: 'replace', path: 'emails[type eq "work"].value', value: 'c@x' },
        { op: 'replace', path: 'name.givenName', value: 'Anna' },
        { op: 'remove', path: 'userName' },
      );
      expect(resource).toEqual(snapshot);
    });

    it('does not share operation values', () => {
      const value = { givenName: 'Ann' };
      const result = patchUser({}, { op: 'add', path: 'name', value });
      (result.name as Resource).givenName = 'changed';
      expect(value).toEqual({ givenName: 'Ann' });
    });

    it('applies operations in order', () => {
      expect(
        patchUser(
          {},
          { op: 'add', path: 'title', value: 'a' },
          { op: 'replace', path: 'title', value: 'b' },
          { op: 'remove', path: 'nickName' },
        ),
      ).toEqual({ title: 'b' });
    });
  });

  describe('single-valued attributes', () => {
    it('adds', () => {
      expect(patchUser({ userName: 'ann' }, { op: 'add', path: 'title', value: 'Chef' })).toEqual({ userName: 'ann', title: 'Chef' });
    });

    it('add overwrites existing', () => {
      expect(patchUser({ title: 'Cook' }, { op: 'add', path: 'title', value: 'Chef' })).toEqual({ title: 'Chef' });
    });

    it('replaces', () => {
      expect(patchUser({ displayName: 'Ann' }, { op: 'replace', path: 'displayName', value: 'Ann Lee' })).toEqual({ displayName: 'Ann Lee' });
    });

    it('removes', () => {
      expect(patchUser({ userName: 'ann', nickName: 'A' }, { op: 'remove', path: 'nickName' })).toEqual({ userName: 'ann' });
    });

    it('removing absent is no-op', () => {
      expect(patchUser({ userName: 'ann' }, { op: 'remove', path: 'nickName' })).toEqual({ userName: 'ann' });
    });

    it('replace null unassigns', () => {
      expect(patchUser({ title: 'Chef' }, { op: 'replace', path: 'title', value: null })).toEqual({});
    });

    it('add null is no-op', () => {
      expect(patchUser({ title: 'Chef' }, { op: 'add', path: 'title', value: null })).toEqual({ title: 'Chef' });
    });

    it('matches names in any case', () => {
      expect(patchUser({ userName: 'ann' }, { op: 'replace', path: 'USERNAME', value: 'bob' })).toEqual({ userName: 'bob' });
    });

    it('rewrites stored key with canonical case', () => {
      expect(patchUser({ username: 'ann' }, { op: 'replace', path: 'userName', value: 'bob' })).toEqual({ userName: 'bob' });
    });

    it('strips core URN prefix', () => {
      expect(
        patchUser({}, { op: 'replace', path: 'urn:ietf:params:scim:schemas:core:2.0:User:displayName', value: 'Ann' }),
      ).toEqual({ displayName: 'Ann' });
    });

    it('stores unknown attribute as sent', () => {
      expect(patchUser({}, { op: 'add', path: 'favouriteSnack', value: { kind: 'crisps' } })).toEqual({
        favouriteSnack: { kind: 'crisps' },
      });
    });

    it('converts number for string attribute', () => {
      expect(patchUser({}, { op: 'add', path: `${ENTERPRISE}:employeeNumber`, value: 42 })).toEqual({
        [ENTERPRISE]: { employeeNumber: '42' },
      });
    });

    it('rejects object for string attribute', () => {
      expectPatchError({}, { op: 'replace', path: 'title', value: { a: 1 } }, 'invalidValue', 'Invalid value {"a":1} for attribute "title": expected a string');
    });

    it('rejects sub-attribute of simple attribute', () => {
      expectPatchError({}, { op: 'replace', path: 'userName.first', value: 'x' }, 'invalidPath', '"userName" is a string attribute and has no sub-attribute "first"');
    });

    it('rejects sub-attribute of unknown scalar', () => {
      expectPatchError({ custom: 'x' }, { op: 'replace', path: 'custom.part', value: 'y' }, 'invalidPath', '"custom" holds a single string value');
    });
  });

  describe('booleans', () => {
    it.each([
      ['True', true],
      ['False', false],
      ['TRUE', true],
      ['false', false],
      [true, true],
      [false, false],
    ])('converts %p', (value, expected) => {
      expect(patchUser({ active: !expected }, { op: 'replace', path: 'active', value })).toEqual({ active: expected });
    });

    it('rejects yes', () => {
      expectPatchError({}, { op: 'replace', path: 'active', value: 'yes' }, 'invalidValue', 'Invalid value "yes" for attribute "active": expected a boolean');
    });

    it('rejects number', () => {
      expectPatchError({}, { op: 'replace', path: 'active', value: 1 }, 'invalidValue', 'Invalid value 1 for attribute "active"');
    });

    it('rejects bad sub-attribute boolean', () => {
      expectPatchError({}, { op: 'add', path: 'emails', value: [{ value: 'a@x', primary: 'maybe' }] }, 'invalidValue', 'attribute "emails.primary"');
    });

    it('converts path-less Entra string', () => {
      expect(patchUser({ active: true }, { op: 'replace', value: { active: 'False' } })).toEqual({ active: false });
    });
  });

  describe('complex attributes', () => {
    it('add merges sub-attributes', () => {
      expect(
        patchUser({ name: { givenName: 'Ann', familyName: 'Lee' } }, { op: 'add', path: 'name', value: { middleName: 'J' } }),
      ).toEqual({ name: { givenName: 'Ann', familyName: 'Lee', middleName: 'J' } });
    });

    it('replace merges sub-attributes', () => {
      expect(
        patchUser({ name: { givenName: 'Ann', familyName: 'Lee' } }, { op: 'replace', path: 'name', value: { givenname: 'Anna' } }),
      ).toEqual({ name: { givenName: 'Anna', familyName: 'Lee' } });
    });

    it('null sub-attribute deletes it', () => {
      expect(
        patchUser({ name: { givenName: 'Ann', familyName: 'Lee' } }, { op: 'replace', path: 'name', value: { familyName: null } }),
      ).toEqual({ name: { givenName: 'Ann' } });
    });

    it('sets sub-attribute by path', () => {
      expect(patchUser({}, { op: 'replace', path: 'name.givenName', value: 'Ann' })).toEqual({ name: { givenName: 'Ann' } });
    });

    it('writes canonical sub-attribute name', () => {
      expect(patchUser({ name: { givenname: 'A' } }, { op: 'replace', path: 'Name.GIVENNAME', value: 'Ann' })).toEqual({
        name: { givenName: 'Ann' },
      });
    });

    it('removes sub-attribute', () => {
      expect(
        patchUser({ name: { givenName: 'Ann', familyName: 'Lee' } }, { op: 'remove', path: 'name.familyName' }),
      ).toEqual({ name: { givenName: 'Ann' } });
    });

    it('removes emptied complex attribute', () => {
      expect(patchUser({ userName: 'a', name: { givenName: 'Ann' } }, { op: 'remove', path: 'name.givenName' })).toEqual({ userName: 'a' });
    });

    it('rejects string for name', () => {
      expectPatchError({}, { op: 'replace', path: 'name', value: 'Ann Lee' }, 'invalidValue', 'attribute "name": expected an object of sub-attributes');
    });

    it('removes whole complex attribute', () => {
      expect(patchUser({ name: { givenName: 'Ann' } }, { op: 'remove', path: 'name' })).toEqual({});
    });
  });

  describe('multi-valued attributes', () => {
    const work = { value: 'ann@work.example', type: 'work' };
    const home = { value: 'ann@home.example', type: 'home' };

    it('add appends', () => {
      expect(patchUser({ emails: [work] }, { op: 'add', path: 'emails', value: [home] })).toEqual({ emails: [work, home] });
    });

    it('add wraps single object', () => {
      expect(patchUser({}, { op: 'add', path: 'emails', value: work })).toEqual({ emails: [work] });
    });

    it('add skips exact duplicate', () => {
      expect(patchUser({ emails: [work] }, { op: 'add', path: 'emails', value: [{ type: 'work', value: 'ann@work.example' }, home] })).toEqual({
        emails: [work, home],
      });
    });

    it('add keeps near duplicate', () => {
      const other = { value: 'ann@work.example', type: 'other' };
      expect(patchUser({ emails: [work] }, { op: 'add', path: 'emails', value: other })).toEqual({ emails: [work, other] });
    });

    it('replace swaps whole array', () => {
      expect(patchUser({ emails: [work] }, { op: 'replace', path: 'emails', value: [home] })).toEqual({ emails: [home] });
    });

    it('replace drops duplicates', () => {
      expect(patchUser({}, { op: 'replace', path: 'emails', value: [home, { ...home }] })).toEqual({ emails: [home] });
    });

    it('replace with empty array removes', () => {
      expect(patchUser({ emails: [work] }, { op: 'replace', path: 'emails', value: [] })).toEqual({});
    });

    it('remove deletes all', () => {
      expect(patchUser({ emails: [work, home] }, { op: 'remove', path: 'emails' })).toEqual({});
    });

    it('rejects string element', () => {
      expectPatchError({}, { op: 'add', path: 'emails', value: 'ann@work.example' }, 'invalidValue', 'attribute "emails": expected an object of sub-attributes');
    });

    it('sets sub-attribute on every element', () => {
      expect(patchUser({ emails: [work, home] }, { op: 'replace', path: 'emails.display', value: 'Ann' })).toEqual({
        emails: [
          { ...work, display: 'Ann' },
          { ...home, display: 'Ann' },
        ],
      });
    });

    it('creates element for unfiltered sub-attribute', () => {
      expect(patchUser({}, { op: 'add', path: 'emails.value', value: 'a@x' })).toEqual({ emails: [{ value: 'a@x' }] });
    });

    it('removes sub-attribute from every element', () => {
      expect(patchUser({ emails: [work, home] }, { op: 'remove', path: 'emails.type' })).toEqual({
        emails: [{ value: work.value }, { value: home.value }],
      });
    });

    it('appends to unknown array', () => {
      expect(patchUser({ tags: ['a'] }, { op: 'add', path: 'tags', value: ['b', 'a'] })).toEqual({ tags: ['a', 'b'] });
    });
  });

  describe('value filters', () => {
    const work = { value: 'ann@work.example', type: 'work' };
    const home = { value: 'ann@home.example', type: 'home' };

    it('replaces sub-attribute of match', () => {
      expect(
        patchUser({ emails: [work, home] }, { op: 'replace', path: 'emails[type eq "work"].value', value: 'new@work.example' }),
      ).toEqual({ emails: [{ value: 'new@work.example', type: 'work' }, home] });
    });

    it('matches filter ignoring case', () => {
      expect(
        patchUser({ emails: [work] }, { op: 'replace', path: 'EMAILS[TYPE eq "WORK"].VALUE', value: 'new@work.example' }),
      ).toEqual({ emails: [{ value: 'new@work.example', type: 'work' }] });
    });

    it('creates work email', () => {
      expect(patchUser({ emails: [home] }, { op: 'add', path: 'emails[type eq "work"].value', value: 'ann@work.example' })).toEqual({
        emails: [home, { type: 'work', value: 'ann@work.example' }],
      });
    });

    it('creates mobile phone on replace', () => {
      expect(patchUser({}, { op: 'replace', path: 'phoneNumbers[type eq "mobile"].value', value: '+1 555 0100' })).toEqual({
        phoneNumbers: [{ type: 'mobile', value: '+1 555 0100' }],
      });
    });

    it('creates work address', () => {
      expect(patchUser({}, { op: 'add', path: 'addresses[type eq "work"].postalCode', value: '94107' })).toEqual({
        addresses: [{ type: 'work', postalCode: '94107' }],
      });
    });

    it('merges several adds into one address', () => {
      const result = patchUser(
        {},
        { op: 'add', path: 'addresses[type eq "work"].streetAddress', value: '1 Main St' },
        { op: 'add', path: 'addresses[type eq "work"].locality', value: 'San Francisco' },
        { op: 'add', path: 'addresses[type eq "work"].postalCode', value: '94107' },
        { op: 'add', path: 'addresses[type eq "work"].country', value: 'US' },
      );
      expect(result).toEqual({
        addresses: [{ type: 'work', streetAddress: '1 Main St', locality: 'San Francisco', postalCode: '94107', country: 'US' }],
      });
    });

    it('creates from and of eq', () => {
      expect(patchUser({}, { op: 'add', path: 'emails[type eq "work" and primary eq "true"].value', value: 'a@x' })).toEqual({
        emails: [{ type: 'work', primary: true, value: 'a@x' }],
      });
    });

    it('uses canonical names when creating', () => {
      expect(patchUser({}, { op: 'add', path: 'addresses[TYPE eq "work"].POSTALCODE', value: '1' })).toEqual({
        addresses: [{ type: 'work', postalCode: '1' }],
      });
    });

    it('merges object into match', () => {
      expect(
        patchUser({ emails: [work] }, { op: 'replace', path: 'emails[type eq "work"]', value: { display: 'Work', value: 'n@x' } }),
      ).toEqual({ emails: [{ value: 'n@x', type: 'work', display: 'Work' }] });
    });

    it('creates element from object value', () => {
      expect(patchUser({}, { op: 'add', path: 'emails[type eq "work"]', value: { value: 'n@x' } })).toEqual({
        emails: [{ type: 'work', value: 'n@x' }],
      });
    });

    it('rejects non-object for element', () => {
      expectPatchError({}, { op: 'add', path: 'emails[type eq "work"]', value: 'n@x' }, 'invalidValue', 'expected an object of sub-attributes');
    });

    it('rejects creation from or filter', () => {
      expectPatchError({}, { op: 'add', path: 'emails[type eq "work" or type eq "home"].value', value: 'a@x' }, 'noTarget', 'No element of "emails" matches the value filter');
    });

    it('rejects creation from co filter', () => {
      expectPatchError({}, { op: 'replace', path: 'emails[value co "@x"].type', value: 'work' }, 'noTarget', '"eq" comparisons');
    });

    it('rejects creation from eq null', () => {
      expectPatchError({}, { op: 'replace', path: 'emails[type eq null].value', value: 'a@x' }, 'noTarget');
    });

    it('rejects contradictory filter', () => {
      expectPatchError({}, { op: 'add', path: 'emails[type eq "work" and type eq "home"].value', value: 'a@x' }, 'noTarget', 'two different values for "type"');
    });

    it('removes matching elements', () => {
      expect(patchUser({ emails: [work, home] }, { op: 'remove', path: 'emails[type eq "work"]' })).toEqual({ emails: [home] });
    });

    it('removing unmatched is no-op', () => {
      expect(patchUser({ emails: [home] }, { op: 'remove', path: 'emails[type eq "work"]' })).toEqual({ emails: [home] });
      expect(patchUser({}, { op: 'remove', path: 'emails[type eq "work"].value' })).toEqual({});
    });

    it('removes last element and attribute', () => {
      expect(patchUser({ userName: 'a', emails: [work] }, { op: 'remove', path: 'emails[type eq "work"]' })).toEqual({ userName: 'a' });
    });

    it('removes sub-attribute of matches', () => {
      expect(patchUser({ emails: [work, home] }, { op: 'remove', path: 'emails[type eq "work"].value' })).toEqual({
        emails: [{ type: 'work' }, home],
      });
    });

    it('replace null removes matches', () => {
      expect(patchUser({ emails: [work, home] }, { op: 'replace', path: 'emails[type eq "work"]', value: null })).toEqual({ emails: [home] });
    });

    it('replace null sub-attribute without match is no-op', () => {
      expect(patchUser({ emails: [home] }, { op: 'replace', path: 'emails[type eq "work"].display', value: null })).toEqual({ emails: [home] });
    });

    it('rejects filter on single-valued', () => {
      expectPatchError({}, { op: 'replace', path: 'name[givenName eq "Ann"].familyName', value: 'Lee' }, 'invalidPath', '"name" is not multi-valued');
    });

    it('changes every match', () => {
      const result = patchUser(
        { phoneNumbers: [{ value: '1', type: 'work' }, { value: '2', type: 'work' }] },
        { op: 'replace', path: 'phoneNumbers[type eq "work"].display', value: 'Office' },
      );
      expect(result).toEqual({
        phoneNumbers: [
          { value: '1', type: 'work', display: 'Office' },
          { value: '2', type: 'work', display: 'Office' },
        ],
      });
    });
  });

  describe('primary', () => {
    it('add clears others', () => {
      const result = patchUser(
        { emails: [{ value: 'a@x', primary: true }] },
        { op: 'add', path: 'emails', value: [{ value: 'b@x', primary: 'True' }] },
      );
      expect(result).toEqual({ emails: [{ value: 'a@x', primary: false }, { value: 'b@x', primary: true }] });
    });

    it('filtered replace clears others', () => {
      const result = patchUser(
        { emails: [{ value: 'a@x', type: 'home', primary: true }, { value: 'b@x', type: 'work' }] },
        { op: 'replace', path: 'emails[type eq "work"].primary', value: true },
      );
      expect(result).toEqual({
        emails: [
          { value: 'a@x', type: 'home', primary: false },
          { value: 'b@x', type: 'work', primary: true },
        ],
      });
    });

    it('keeps last of several', () => {
      const result = patchUser({}, { op: 'replace', path: 'emails', value: [{ value: 'a@x', primary: true }, { value: 'b@x', primary: true }] });
      expect(result).toEqual({ emails: [{ value: 'a@x', primary: false }, { value: 'b@x', primary: true }] });
    });

    it('leaves others without primary alone', () => {
      const result = patchUser({ emails: [{ value: 'a@x' }] }, { op: 'add', path: 'emails', value: { value: 'b@x', primary: true } });
      expect(result).toEqual({ emails: [{ value: 'a@x' }, { value: 'b@x', primary: true }] });
    });

    it('primary false changes nothing else', () => {
      const result = patchUser(
        { emails: [{ value: 'a@x', primary: true }, { value: 'b@x' }] },
        { op: 'replace', path: 'emails[value eq "b@x"].primary', value: 'False' },
      );
      expect(result).toEqual({ emails: [{ value: 'a@x', primary: true }, { value: 'b@x', primary: false }] });
    });
  });

  describe('path-less operations', () => {
    it('applies Okta deactivation', () => {
      expect(patchUser({ userName: 'ann', active: true }, { op: 'replace', value: { active: false } })).toEqual({ userName: 'ann', active: false });
    });

    it('applies Entra dotted and URN keys', () => {
      const result = patchUser(
        { name: { familyName: 'Lee' } },
        { op: 'replace', value: { 'name.givenName': 'Ann', [`${ENTERPRISE}:employeeNumber`]: '42' } },
      );
      expect(result).toEqual({ name: { familyName: 'Lee', givenName: 'Ann' }, [ENTERPRISE]: { employeeNumber: '42' } });
    });

    it('applies extension object key', () => {
      const result = patchUser(
        { [ENTERPRISE]: { department: 'Ops', division: 'West' } },
        { op: 'add', value: { [ENTERPRISE]: { department: 'Kitchen', manager: 'mgr-1' } } },
      );
      expect(result).toEqual({ [ENTERPRISE]: { department: 'Kitchen', division: 'West', manager: { value: 'mgr-1' } } });
    });

    it('applies core schema object key', () => {
      expect(patchUser({}, { op: 'replace', value: { 'urn:ietf:params:scim:schemas:core:2.0:User': { title: 'Chef', id: 'x' } } })).toEqual({
        title: 'Chef',
      });
    });

    it('ignores read-only attributes', () => {
      const resource = { id: 'u1', userName: 'ann', meta: { resourceType: 'User' }, schemas: ['s'], groups: [{ value: 'g1' }] };
      const result = patchUser(resource, {
        op: 'replace',
        value: { id: 'other', meta: {}, schemas: [], groups: [], Groups: [], ID: 'x', displayName: 'Ann' },
      });
      expect(result).toEqual({ ...resource, displayName: 'Ann' });
    });

    it('ignores read-only sub-attribute', () => {
      expect(patchUser({}, { op: 'replace', value: { [`${ENTERPRISE}:manager.displayName`]: 'Boss' } })).toEqual({});
    });

    it('appends with path-less add', () => {
      const result = patchUser({ emails: [{ value: 'a@x' }] }, { op: 'add', value: { emails: [{ value: 'b@x' }] } });
      expect(result).toEqual({ emails: [{ value: 'a@x' }, { value: 'b@x' }] });
    });

    it('replaces array with path-less replace', () => {
      const result = patchUser({ emails: [{ value: 'a@x' }] }, { op: 'replace', value: { emails: [{ value: 'b@x' }] } });
      expect(result).toEqual({ emails: [{ value: 'b@x' }] });
    });

    it('accepts filtered key', () => {
      expect(patchUser({}, { op: 'add', value: { 'emails[type eq "work"].value': 'a@x' } })).toEqual({
        emails: [{ type: 'work', value: 'a@x' }],
      });
    });

    it('stores unknown keys as sent', () => {
      expect(patchUser({}, { op: 'add', value: { costCentre: 'x' } })).toEqual({ costCentre: 'x' });
    });

    it('keeps unknown extension object', () => {
      const custom = 'urn:example:params:scim:schemas:extension:zerocater:2.0:User';
      const result = patchUser({ [custom]: { badge: '1' } }, { op: 'add', value: { [custom]: { floor: 3 } } });
      expect(result).toEqual({ [custom]: { badge: '1', floor: 3 } });
    });

    it('stores unknown URN attribute under URN', () => {
      const custom = 'urn:example:params:scim:schemas:extension:zerocater:2.0:User';
      expect(patchUser({}, { op: 'add', value: { [`${custom}:badge`]: '7' } })).toEqual({ [custom]: { badge: '7' } });
    });

    it('rejects invalid key', () => {
      expectPatchError({}, { op: 'add', value: { 'first name': 'Ann' } }, 'invalidPath', 'Invalid path "first name"');
    });

    it('rejects remove without path', () => {
      expectPatchError({}, { op: 'remove' }, 'noTarget', '"remove" needs a "path"');
    });

    it('rejects non-object value', () => {
      expectPatchError({}, { op: 'replace', value: 'x' }, 'invalidValue', 'expected an object of attributes');
    });

    it('rejects non-object extension value', () => {
      expectPatchError({}, { op: 'replace', value: { [ENTERPRISE]: 'x' } }, 'invalidValue', `"replace" on ${ENTERPRISE}`);
    });
  });

  describe('read-only paths', () => {
    it.each(['id', 'meta', 'groups', 'ID', 'meta.lastModified', 'groups[value eq "g1"]', 'urn:ietf:params:scim:schemas:core:2.0:User:id', 'schemas'])(
      'rejects %s',
      (path) => {
        expectPatchError({}, { op: 'replace', path, value: 'x' }, 'mutability', 'is read-only and cannot be changed with PATCH');
      },
    );

    it('rejects remove of id', () => {
      expectPatchError({ id: 'u1' }, { op: 'remove', path: 'id' }, 'mutability', 'Attribute "id" is read-only');
    });

    it('points groups to members', () => {
      expectPatchError({}, { op: 'add', path: 'groups', value: [{ value: 'g1' }] }, 'mutability', '"members" of the Group resource');
    });

    it('rejects manager displayName', () => {
      expectPatchError({}, { op: 'replace', path: `${ENTERPRISE}:manager.displayName`, value: 'Boss' }, 'mutability', 'Attribute "manager.displayName"');
    });
  });

  describe('enterprise extension', () => {
    it('sets department by URN path', () => {
      expect(patchUser({ userName: 'a' }, { op: 'add', path: `${ENTERPRISE}:department`, value: 'Ops' })).toEqual({
        userName: 'a',
        [ENTERPRISE]: { department: 'Ops' },
      });
    });

    it('matches URN in any case', () => {
      expect(patchUser({}, { op: 'add', path: `${ENTERPRISE.toLowerCase()}:DEPARTMENT`, value: 'Ops' })).toEqual({
        [ENTERPRISE]: { department: 'Ops' },
      });
    });

    it('reuses stored extension key', () => {
      const stored = ENTERPRISE.toLowerCase();
      expect(patchUser({ [stored]: { division: 'W' } }, { op: 'add', path: `${ENTERPRISE}:department`, value: 'Ops' })).toEqual({
        [stored]: { division: 'W', department: 'Ops' },
      });
    });

    it('resolves unqualified extension attribute', () => {
      expect(patchUser({}, { op: 'replace', path: 'costCenter', value: 'CC-1' })).toEqual({ [ENTERPRISE]: { costCenter: 'CC-1' } });
    });

    it('normalizes manager string', () => {
      expect(patchUser({}, { op: 'replace', path: `${ENTERPRISE}:manager`, value: 'mgr-1' })).toEqual({
        [ENTERPRISE]: { manager: { value: 'mgr-1' } },
      });
    });

    it('merges manager object', () => {
      const result = patchUser(
        { [ENTERPRISE]: { manager: { value: 'old', $ref: '../Users/old' } } },
        { op: 'replace', path: `${ENTERPRISE}:manager`, value: { value: 'new', displayName: 'ignored' } },
      );
      expect(result).toEqual({ [ENTERPRISE]: { manager: { value: 'new', $ref: '../Users/old' } } });
    });

    it('sets manager.value', () => {
      expect(patchUser({}, { op: 'add', path: `${ENTERPRISE}:manager.value`, value: 'mgr-2' })).toEqual({
        [ENTERPRISE]: { manager: { value: 'mgr-2' } },
      });
    });

    it('clears manager with empty string', () => {
      const result = patchUser(
        { [ENTERPRISE]: { manager: { value: 'mgr-1' }, department: 'Ops' } },
        { op: 'replace', path: `${ENTERPRISE}:manager`, value: '' },
      );
      expect(result).toEqual({ [ENTERPRISE]: { department: 'Ops' } });
    });

    it('drops emptied extension object', () => {
      expect(patchUser({ userName: 'a', [ENTERPRISE]: { department: 'Ops' } }, { op: 'remove', path: `${ENTERPRISE}:department` })).toEqual({
        userName: 'a',
      });
    });

    it('removes whole extension', () => {
      expect(patchUser({ userName: 'a', [ENTERPRISE]: { department: 'Ops' } }, { op: 'remove', path: ENTERPRISE })).toEqual({ userName: 'a' });
    });

    it('merges object at extension path', () => {
      expect(patchUser({ [ENTERPRISE]: { division: 'W' } }, { op: 'replace', path: ENTERPRISE, value: { department: 'Ops' } })).toEqual({
        [ENTERPRISE]: { division: 'W', department: 'Ops' },
      });
    });

    it('rejects removing core schema', () => {
      expectPatchError({}, { op: 'remove', path: 'urn:ietf:params:scim:schemas:core:2.0:User' }, 'invalidPath', 'the core schema cannot be removed');
    });
  });

  describe('groups', () => {
    const patchGroup = (resource: Resource, ...operations: PatchOperation[]): Resource =>
      applyPatch(resource, operations, GROUP_TARGET);

    it('applies Okta rename with id', () => {
      expect(patchGroup({ id: 'g1', displayName: 'Ops' }, { op: 'replace', value: { id: 'g1', displayName: 'Ops Team' } })).toEqual({
        id: 'g1',
        displayName: 'Ops Team',
      });
    });

    it('replaces displayName by path', () => {
      expect(patchGroup({ displayName: 'Ops' }, { op: 'replace', path: 'displayName', value: 'Équipe Zürich' })).toEqual({
        displayName: 'Équipe Zürich',
      });
    });

    it('treats members as ordinary array', () => {
      // The caller is expected to handle members itself; this documents what happens if it does not.
      expect(patchGroup({ members: [{ value: 'u1' }] }, { op: 'add', path: 'members', value: [{ value: 'u2' }] })).toEqual({
        members: [{ value: 'u1' }, { value: 'u2' }],
      });
    });

    it('matches member values case-exactly', () => {
      expect(patchGroup({ members: [{ value: 'AbC' }] }, { op: 'remove', path: 'members[value eq "abc"]' })).toEqual({
        members: [{ value: 'AbC' }],
      });
    });
  });
});
