import { randomUUID } from 'node:crypto';
import { HttpClient } from '../support/http-client';
import {
  GROUP_SCHEMA,
  USER_SCHEMA,
  expectListResponse,
  expectScimError,
  expectUuid,
  memberIds,
} from '../support/scim-assertions';
import { TestStack, Tenant, oktaUser, patchBody } from '../support/stack';

/** Headers Okta sends with every SCIM request. */
const OKTA_HEADERS = { Accept: 'application/scim+json', 'User-Agent': 'Okta SCIM Client 1.0.0' };

describe('SCIM for Okta', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await TestStack.start({ withLocationAccess: false });
  });

  afterAll(async () => {
    await stack.close();
  });

  async function oktaTenant(): Promise<Tenant> {
    const tenant = await stack.createTenant();
    return { ...tenant, scim: tenant.scim.withHeaders(OKTA_HEADERS) };
  }

  async function createUser(scim: HttpClient, userName?: string): Promise<Record<string, any>> {
    const response = await scim.post('/scim/v2/Users', oktaUser(userName));
    expect(response.status).toBe(201);
    return response.body;
  }

  async function createGroup(scim: HttpClient, displayName: string, members: string[] = []): Promise<string> {
    const response = await scim.post('/scim/v2/Groups', {
      schemas: [GROUP_SCHEMA],
      displayName,
      members: members.map((value) => ({ value })),
    });
    expect(response.status).toBe(201);
    return response.body.id;
  }

  async function groupMembers(scim: HttpClient, groupId: string): Promise<string[]> {
    const response = await scim.get(`/scim/v2/Groups/${groupId}`);
    expect(response.status).toBe(200);
    return memberIds(response.body);
  }

  describe('test credentials', () => {
    it('lists users and groups', async () => {
      const tenant = await oktaTenant();
      await createUser(tenant.scim);

      const users = await tenant.scim.get('/scim/v2/Users?startIndex=1&count=2');
      const userResources = expectListResponse(users, 1);
      expect(userResources).toHaveLength(1);

      const groups = await tenant.scim.get('/scim/v2/Groups?startIndex=1&count=100');
      expect(expectListResponse(groups, 0)).toEqual([]);
    });

    it('rejects an unknown bearer token', async () => {
      const client = stack.http.withHeaders({ ...OKTA_HEADERS, Authorization: `Bearer zcscim_${randomUUID()}` });

      const users = await client.get('/scim/v2/Users?startIndex=1&count=2');
      expectScimError(users, 401);
      expect(users.headers.get('www-authenticate')).toMatch(/^Bearer/);

      const groups = await client.get('/scim/v2/Groups?startIndex=1&count=100');
      expectScimError(groups, 401);
    });

    it('rejects a missing Authorization header', async () => {
      const response = await stack.http.withHeaders(OKTA_HEADERS).get('/scim/v2/Users?startIndex=1&count=2');
      expectScimError(response, 401);
    });

    it('rejects Authorization non-token', async () => {
      const response = await stack.http.withHeaders({ ...OKTA_HEADERS, Authorization: 'non-token' }).get('/scim/v2/Users');
      expectScimError(response, 401);
      expect(response.body.status).toBe('401');
    });

    it('accepts the raw token without Bearer', async () => {
      const tenant = await stack.createTenant();
      const response = await stack.http.withHeaders({ ...OKTA_HEADERS, Authorization: tenant.token }).get('/scim/v2/Users?startIndex=1&count=2');
      expectListResponse(response, 0);
    });
  });

  describe('import', () => {
    it('pages in a stable order', async () => {
      const tenant = await oktaTenant();
      const created: string[] = [];
      for (let index = 0; index < 7; index += 1) created.push((await createUser(tenant.scim)).id);

      const readAllPages = async (): Promise<string[]> => {
        const ids: string[] = [];
        for (const [startIndex, expectedItems] of [
          [1, 3],
          [4, 3],
          [7, 1],
        ]) {
          const page = await tenant.scim.get(`/scim/v2/Users?startIndex=${startIndex}&count=3`);
          const resources = expectListResponse(page, 7, startIndex);
          expect(typeof page.body.totalResults).toBe('number');
          expect(typeof page.body.startIndex).toBe('number');
          expect(typeof page.body.itemsPerPage).toBe('number');
          expect(page.body.itemsPerPage).toBe(expectedItems);
          ids.push(...resources.map((resource) => resource.id));
        }
        return ids;
      };

      const firstPass = await readAllPages();
      expect(firstPass).toEqual(created);
      expect(new Set(firstPass).size).toBe(7);

      await tenant.scim.patch(`/scim/v2/Users/${created[2]}`, patchBody({ op: 'replace', path: 'displayName', value: 'Changed Meanwhile' }));
      expect(await readAllPages()).toEqual(created);
    });

    it('returns an empty page past the end', async () => {
      const tenant = await oktaTenant();
      await createUser(tenant.scim);
      await createUser(tenant.scim);

      const response = await tenant.scim.get('/scim/v2/Users?startIndex=101&count=100');
      expect(expectListResponse(response, 2, 101)).toEqual([]);
    });
  });

  describe('user lookup', () => {
    it('finds a user with + for spaces', async () => {
      const tenant = await oktaTenant();
      const user = await createUser(tenant.scim, `Lookup.${randomUUID().slice(0, 8)}@Example.com`);

      const response = await tenant.scim.get(`/scim/v2/Users?filter=userName+eq+%22${encodeURIComponent(user.userName)}%22&startIndex=1&count=100`);
      const resources = expectListResponse(response, 1);
      expect(resources[0].id).toBe(user.id);
      expect(resources[0].userName).toBe(user.userName);
    });

    it('finds a user with %20 for spaces', async () => {
      const tenant = await oktaTenant();
      const user = await createUser(tenant.scim);

      const response = await tenant.scim.get(`/scim/v2/Users?filter=userName%20eq%20%22${encodeURIComponent(user.userName)}%22&startIndex=1&count=100`);
      const resources = expectListResponse(response, 1);
      expect(resources[0].id).toBe(user.id);
    });

    it('matches userName ignoring case', async () => {
      const tenant = await oktaTenant();
      const user = await createUser(tenant.scim, `Mixed.Case.${randomUUID().slice(0, 8)}@Example.com`);

      for (const variant of [user.userName.toUpperCase(), user.userName.toLowerCase()]) {
        const response = await tenant.scim.get(`/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${variant}"`)}`);
        const resources = expectListResponse(response, 1);
        expect(resources[0].id).toBe(user.id);
        expect(resources[0].userName).toBe(user.userName);
      }
    });

    it('returns an empty list for an unknown user', async () => {
      const tenant = await oktaTenant();
      await createUser(tenant.scim);

      const response = await tenant.scim.get(`/scim/v2/Users?filter=userName+eq+%22nobody.${randomUUID()}%40example.com%22&startIndex=1&count=100`);
      expect(expectListResponse(response, 0)).toEqual([]);
    });
  });

  describe('create user', () => {
    it('returns 201 with the user', async () => {
      const tenant = await oktaTenant();
      const body = oktaUser(`New.User.${randomUUID().slice(0, 8)}@Example.com`);

      const response = await tenant.scim.post('/scim/v2/Users', body);

      expect(response.status).toBe(201);
      expect(response.headers.get('content-type')).toMatch(/^application\/scim\+json/);
      expectUuid(response.body.id);
      expect(response.body.schemas).toEqual([USER_SCHEMA]);
      expect(response.body.userName).toBe(body.userName);
      expect(response.body.externalId).toBe(body.externalId);
      expect(response.body.name).toEqual(body.name);
      expect(response.body.emails).toEqual(body.emails);
      expect(response.body.displayName).toBe(body.displayName);
      expect(response.body.locale).toBe('en-US');
      expect(response.body.active).toBe(true);
      expect(response.body.groups).toEqual([]);
      expect(response.body.password).toBeUndefined();
      expect(response.text).not.toContain(body.password);
      expect(response.body.meta.resourceType).toBe('User');
      expect(response.body.meta.location).toBe(`${stack.baseUrl}/scim/v2/Users/${response.body.id}`);
      expect(response.headers.get('location')).toBe(response.body.meta.location);

      const read = await tenant.scim.get(`/scim/v2/Users/${response.body.id}`);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(response.body);
      expect(read.text).not.toContain(body.password);
    });

    it('rejects a repeat with other case', async () => {
      const tenant = await oktaTenant();
      const first = await createUser(tenant.scim, `Repeat.${randomUUID().slice(0, 8)}@Example.com`);

      const repeat = await tenant.scim.post('/scim/v2/Users', oktaUser(first.userName.toLowerCase()));

      expectScimError(repeat, 409, 'uniqueness');
      expect(repeat.body.detail).toContain(first.userName.toLowerCase());
      const list = await tenant.scim.get('/scim/v2/Users');
      const resources = expectListResponse(list, 1);
      expect(resources[0].userName).toBe(first.userName);
    });

    it('creates once under concurrent repeats', async () => {
      const tenant = await oktaTenant();
      const userName = `Race.${randomUUID().slice(0, 8)}@Example.com`;
      const variants = [userName, userName.toLowerCase(), userName.toUpperCase(), userName, userName.toLowerCase()];

      const responses = await Promise.all(variants.map((variant) => tenant.scim.post('/scim/v2/Users', oktaUser(variant))));

      expect(responses.map((response) => response.status).sort()).toEqual([201, 409, 409, 409, 409]);
      for (const response of responses.filter((candidate) => candidate.status === 409)) expectScimError(response, 409, 'uniqueness');
      const created = responses.find((response) => response.status === 201);
      const list = await tenant.scim.get(`/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`);
      expect(expectListResponse(list, 1)[0].id).toBe(created?.body.id);
    });
  });

  describe('read user', () => {
    it('returns 404 for an unknown id', async () => {
      const tenant = await oktaTenant();
      const id = randomUUID();

      const response = await tenant.scim.get(`/scim/v2/Users/${id}`);

      expectScimError(response, 404);
      expect(response.body.detail).toContain(id);
    });

    it('returns 404 for a non-UUID id', async () => {
      const tenant = await oktaTenant();

      const response = await tenant.scim.get('/scim/v2/Users/010101');

      expectScimError(response, 404);
      expect(response.body.detail).toContain('010101');
    });
  });

  describe('update profile', () => {
    it('applies the edited GET body', async () => {
      const tenant = await oktaTenant();
      const user = await createUser(tenant.scim);
      const groupId = await createGroup(tenant.scim, 'Profile Group', [user.id]);
      const before = (await tenant.scim.get(`/scim/v2/Users/${user.id}`)).body;
      expect(before.groups.map((group: { value: string }) => group.value)).toEqual([groupId]);

      const edited = {
        ...before,
        id: randomUUID(),
        name: { givenName: 'Renamed', familyName: 'Person' },
        displayName: 'Renamed Person',
        title: 'Chef',
        groups: [],
        meta: { ...before.meta, created: '2000-01-01T00:00:00.000Z' },
        password: 'another-placeholder-1',
      };
      const response = await tenant.scim.put(`/scim/v2/Users/${user.id}`, edited);

      expect(response.status).toBe(200);
      expect(response.body.id).toBe(user.id);
      expect(response.body.displayName).toBe('Renamed Person');
      expect(response.body.name).toEqual({ givenName: 'Renamed', familyName: 'Person' });
      expect(response.body.title).toBe('Chef');
      expect(response.body.password).toBeUndefined();
      expect(response.body.meta.created).toBe(before.meta.created);
      expect(response.body.meta.version).not.toBe(before.meta.version);
      expect(response.body.groups.map((group: { value: string }) => group.value)).toEqual([groupId]);

      const read = await tenant.scim.get(`/scim/v2/Users/${user.id}`);
      expect(read.body.displayName).toBe('Renamed Person');
      expect(read.body.name).toEqual({ givenName: 'Renamed', familyName: 'Person' });
      expect(read.body.title).toBe('Chef');
      expect(read.body.userName).toBe(user.userName);
      expect(read.body.groups.map((group: { value: string }) => group.value)).toEqual([groupId]);
      expect((await tenant.scim.get(`/scim/v2/Users/${edited.id}`)).status).toBe(404);
    });
  });

  describe('unchanged profile', () => {
    it('keeps the version on a repeated PUT', async () => {
      const tenant = await oktaTenant();
      const user = await createUser(tenant.scim);

      const response = await tenant.scim.put(`/scim/v2/Users/${user.id}`, user);

      expect(response.status).toBe(200);
      expect(response.body.meta.version).toBe(user.meta.version);
      expect(response.body.meta.lastModified).toBe(user.meta.lastModified);
      expect((await tenant.scim.get(`/scim/v2/Users/${user.id}`)).body).toEqual(user);
    });
  });

  describe('deactivate', () => {
    async function expectInactiveEverywhere(scim: HttpClient, user: Record<string, any>): Promise<void> {
      const byId = await scim.get(`/scim/v2/Users/${user.id}`);
      expect(byId.status).toBe(200);
      expect(byId.body.active).toBe(false);

      const byUserName = await scim.get(`/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${user.userName}"`)}&startIndex=1&count=100`);
      const found = expectListResponse(byUserName, 1);
      expect(found[0].id).toBe(user.id);
      expect(found[0].active).toBe(false);

      const inactive = await scim.get(`/scim/v2/Users?filter=${encodeURIComponent('active eq false')}`);
      expect(expectListResponse(inactive, 1)[0].id).toBe(user.id);
    }

    it('deactivates with path-less PATCH', async () => {
      const tenant = await oktaTenant();
      const user = await createUser(tenant.scim);
      await createUser(tenant.scim);

      const response = await tenant.scim.patch(`/scim/v2/Users/${user.id}`, patchBody({ op: 'replace', value: { active: false } }));

      expect(response.status).toBe(200);
      expect(response.body.id).toBe(user.id);
      expect(response.body.active).toBe(false);
      expect(response.body.userName).toBe(user.userName);
      await expectInactiveEverywhere(tenant.scim, user);
    });

    it('deactivates with a full PUT', async () => {
      const tenant = await oktaTenant();
      const user = await createUser(tenant.scim);
      await createUser(tenant.scim);

      const response = await tenant.scim.put(`/scim/v2/Users/${user.id}`, { ...user, active: false });

      expect(response.status).toBe(200);
      expect(response.body.active).toBe(false);
      expect(response.body.emails).toEqual(user.emails);
      await expectInactiveEverywhere(tenant.scim, user);
    });

    it('reactivates the same id', async () => {
      const tenant = await oktaTenant();
      const user = await createUser(tenant.scim);
      await tenant.scim.patch(`/scim/v2/Users/${user.id}`, patchBody({ op: 'replace', value: { active: false } }));

      const response = await tenant.scim.patch(`/scim/v2/Users/${user.id}`, patchBody({ op: 'replace', value: { active: true } }));

      expect(response.status).toBe(200);
      expect(response.body.id).toBe(user.id);
      expect(response.body.active).toBe(true);
      const read = await tenant.scim.get(`/scim/v2/Users/${user.id}`);
      expect(read.body.active).toBe(true);
      const list = await tenant.scim.get(`/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${user.userName}"`)}`);
      expect(expectListResponse(list, 1)[0].active).toBe(true);
    });

    it('reactivates with a full PUT', async () => {
      const tenant = await oktaTenant();
      const user = await createUser(tenant.scim);
      await tenant.scim.put(`/scim/v2/Users/${user.id}`, { ...user, active: false });

      const response = await tenant.scim.put(`/scim/v2/Users/${user.id}`, { ...user, active: true });

      expect(response.status).toBe(200);
      expect(response.body.id).toBe(user.id);
      expect(response.body.active).toBe(true);
      expect((await tenant.scim.get(`/scim/v2/Users/${user.id}`)).body.active).toBe(true);
    });
  });

  describe('push group', () => {
    it('creates a group with no members', async () => {
      const tenant = await oktaTenant();
      const displayName = `Okta Group ${randomUUID().slice(0, 8)}`;

      const lookup = await tenant.scim.get(`/scim/v2/Groups?filter=${encodeURIComponent(`displayName eq "${displayName}"`)}`);
      expect(expectListResponse(lookup, 0)).toEqual([]);

      const response = await tenant.scim.post('/scim/v2/Groups', { schemas: [GROUP_SCHEMA], displayName, members: [] });

      expect(response.status).toBe(201);
      expectUuid(response.body.id);
      expect(response.body.schemas).toEqual([GROUP_SCHEMA]);
      expect(response.body.displayName).toBe(displayName);
      expect(response.body.members).toEqual([]);
      expect(response.body.meta.resourceType).toBe('Group');
      expect(response.headers.get('location')).toBe(response.body.meta.location);

      const found = await tenant.scim.get(`/scim/v2/Groups?filter=${encodeURIComponent(`displayName eq "${displayName}"`)}`);
      const resources = expectListResponse(found, 1);
      expect(resources[0].id).toBe(response.body.id);
      expect(resources[0].members).toEqual([]);
    });

    it('creates a group with inline members', async () => {
      const tenant = await oktaTenant();
      const alice = await createUser(tenant.scim);
      const bob = await createUser(tenant.scim);

      const response = await tenant.scim.post('/scim/v2/Groups', {
        schemas: [GROUP_SCHEMA],
        displayName: 'Inline Members',
        members: [
          { value: alice.id, display: alice.displayName },
          { value: bob.id, display: bob.displayName },
        ],
      });

      expect(response.status).toBe(201);
      expect(memberIds(response.body)).toEqual([alice.id, bob.id].sort());
      const aliceMember = response.body.members.find((member: { value: string }) => member.value === alice.id);
      expect(aliceMember.display).toBe(alice.displayName);
      expect(aliceMember.$ref).toBe(`${stack.baseUrl}/scim/v2/Users/${alice.id}`);
      expect(await groupMembers(tenant.scim, response.body.id)).toEqual([alice.id, bob.id].sort());
      const aliceRead = await tenant.scim.get(`/scim/v2/Users/${alice.id}`);
      expect(aliceRead.body.groups).toEqual([
        expect.objectContaining({ value: response.body.id, display: 'Inline Members' }),
      ]);
    });
  });

  describe('rename group', () => {
    it('keeps members on path-less replace', async () => {
      const tenant = await oktaTenant();
      const alice = await createUser(tenant.scim);
      const bob = await createUser(tenant.scim);
      const groupId = await createGroup(tenant.scim, 'Before Rename', [alice.id, bob.id]);

      const response = await tenant.scim.patch(
        `/scim/v2/Groups/${groupId}`,
        patchBody({ op: 'replace', value: { id: groupId, displayName: 'After Rename' } }),
      );

      expect(response.status).toBe(204);
      expect(response.text).toBe('');
      const read = await tenant.scim.get(`/scim/v2/Groups/${groupId}`);
      expect(read.body.id).toBe(groupId);
      expect(read.body.displayName).toBe('After Rename');
      expect(memberIds(read.body)).toEqual([alice.id, bob.id].sort());
      const renamed = await tenant.scim.get(`/scim/v2/Groups?filter=${encodeURIComponent('displayName eq "After Rename"')}`);
      expect(expectListResponse(renamed, 1)[0].id).toBe(groupId);
    });
  });

  describe('group members', () => {
    it('removes by filter and adds a list', async () => {
      const tenant = await oktaTenant();
      const [alice, bob, carol, dave, erin] = await Promise.all([1, 2, 3, 4, 5].map(() => createUser(tenant.scim)));
      const groupId = await createGroup(tenant.scim, 'Members', [alice.id, bob.id, carol.id]);

      const response = await tenant.scim.patch(
        `/scim/v2/Groups/${groupId}`,
        patchBody(
          { op: 'remove', path: `members[value eq "${alice.id}"]` },
          { op: 'remove', path: `members[value eq "${bob.id}"]` },
          {
            op: 'add',
            path: 'members',
            value: [
              { value: dave.id, display: dave.userName },
              { value: erin.id, display: erin.userName },
            ],
          },
        ),
      );

      expect(response.status).toBe(204);
      expect(await groupMembers(tenant.scim, groupId)).toEqual([carol.id, dave.id, erin.id].sort());
      const aliceRead = await tenant.scim.get(`/scim/v2/Users/${alice.id}`);
      expect(aliceRead.body.groups).toEqual([]);
    });

    it('accepts a remove of a non-member', async () => {
      const tenant = await oktaTenant();
      const alice = await createUser(tenant.scim);
      const bob = await createUser(tenant.scim);
      const groupId = await createGroup(tenant.scim, 'Retry', [alice.id]);

      const response = await tenant.scim.patch(`/scim/v2/Groups/${groupId}`, patchBody({ op: 'remove', path: `members[value eq "${bob.id}"]` }));

      expect(response.status).toBe(204);
      expect(await groupMembers(tenant.scim, groupId)).toEqual([alice.id]);
    });

    it('replaces members with the full list', async () => {
      const tenant = await oktaTenant();
      const [alice, bob, carol] = await Promise.all([1, 2, 3].map(() => createUser(tenant.scim)));
      const groupId = await createGroup(tenant.scim, 'Push Now', [alice.id, bob.id]);

      const response = await tenant.scim.patch(
        `/scim/v2/Groups/${groupId}`,
        patchBody({ op: 'replace', path: 'members', value: [{ value: bob.id }, { value: carol.id }] }),
      );

      expect(response.status).toBe(204);
      expect(await groupMembers(tenant.scim, groupId)).toEqual([bob.id, carol.id].sort());
    });

    it('replaces members with an empty list', async () => {
      const tenant = await oktaTenant();
      const alice = await createUser(tenant.scim);
      const groupId = await createGroup(tenant.scim, 'Push Empty', [alice.id]);

      const response = await tenant.scim.patch(`/scim/v2/Groups/${groupId}`, patchBody({ op: 'replace', path: 'members', value: [] }));

      expect(response.status).toBe(204);
      expect(await groupMembers(tenant.scim, groupId)).toEqual([]);
      const read = await tenant.scim.get(`/scim/v2/Groups/${groupId}`);
      expect(read.body.displayName).toBe('Push Empty');
    });

    it('replaces members without a path', async () => {
      const tenant = await oktaTenant();
      const [alice, bob, carol] = await Promise.all([1, 2, 3].map(() => createUser(tenant.scim)));
      const groupId = await createGroup(tenant.scim, 'Path-less Push', [alice.id, bob.id]);

      const response = await tenant.scim.patch(
        `/scim/v2/Groups/${groupId}`,
        patchBody({ op: 'replace', value: { id: groupId, displayName: 'Path-less Push', members: [{ value: carol.id, display: carol.userName }] } }),
      );

      expect(response.status).toBe(204);
      expect(await groupMembers(tenant.scim, groupId)).toEqual([carol.id]);
      const read = await tenant.scim.get(`/scim/v2/Groups/${groupId}`);
      expect(read.body.displayName).toBe('Path-less Push');
    });

    it('empties members without a path', async () => {
      const tenant = await oktaTenant();
      const alice = await createUser(tenant.scim);
      const groupId = await createGroup(tenant.scim, 'Path-less Empty', [alice.id]);

      const response = await tenant.scim.patch(`/scim/v2/Groups/${groupId}`, patchBody({ op: 'replace', value: { members: [] } }));

      expect(response.status).toBe(204);
      expect(await groupMembers(tenant.scim, groupId)).toEqual([]);
    });
  });

  describe('wizard group PUT', () => {
    it('replaces name and members', async () => {
      const tenant = await oktaTenant();
      const [alice, bob, carol] = await Promise.all([1, 2, 3].map(() => createUser(tenant.scim)));
      const groupId = await createGroup(tenant.scim, 'Wizard', [alice.id, bob.id]);
      const before = (await tenant.scim.get(`/scim/v2/Groups/${groupId}`)).body;

      const response = await tenant.scim.put(`/scim/v2/Groups/${groupId}`, {
        schemas: [GROUP_SCHEMA],
        id: groupId,
        displayName: 'Wizard Renamed',
        members: [
          { value: bob.id, display: bob.userName },
          { value: carol.id, display: carol.userName },
        ],
      });

      expect(response.status).toBe(200);
      expect(response.body.id).toBe(groupId);
      expect(response.body.displayName).toBe('Wizard Renamed');
      expect(memberIds(response.body)).toEqual([bob.id, carol.id].sort());
      expect(response.body.meta.created).toBe(before.meta.created);
      const read = await tenant.scim.get(`/scim/v2/Groups/${groupId}`);
      expect(read.body.displayName).toBe('Wizard Renamed');
      expect(memberIds(read.body)).toEqual([bob.id, carol.id].sort());
    });

    it('changes nothing on an unknown member', async () => {
      const tenant = await oktaTenant();
      const alice = await createUser(tenant.scim);
      const groupId = await createGroup(tenant.scim, 'Wizard Atomic', [alice.id]);
      const unknown = randomUUID();

      const response = await tenant.scim.put(`/scim/v2/Groups/${groupId}`, {
        displayName: 'Should Not Stick',
        members: [{ value: unknown }],
      });

      expectScimError(response, 400, 'invalidValue');
      expect(response.body.detail).toContain(unknown);
      const read = await tenant.scim.get(`/scim/v2/Groups/${groupId}`);
      expect(read.body.displayName).toBe('Wizard Atomic');
      expect(memberIds(read.body)).toEqual([alice.id]);
    });
  });

  describe('delete group', () => {
    it('returns 204 then 404', async () => {
      const tenant = await oktaTenant();
      const alice = await createUser(tenant.scim);
      const groupId = await createGroup(tenant.scim, 'Unlinked', [alice.id]);

      const response = await tenant.scim.delete(`/scim/v2/Groups/${groupId}`);

      expect(response.status).toBe(204);
      expect(response.text).toBe('');
      expectScimError(await tenant.scim.get(`/scim/v2/Groups/${groupId}`), 404);
      expectScimError(await tenant.scim.delete(`/scim/v2/Groups/${groupId}`), 404);
      const aliceRead = await tenant.scim.get(`/scim/v2/Users/${alice.id}`);
      expect(aliceRead.status).toBe(200);
      expect(aliceRead.body.groups).toEqual([]);
    });
  });

  describe('conformance sequence', () => {
    it('passes the published checks', async () => {
      const tenant = await oktaTenant();
      const userName = `Runscope.${randomUUID().slice(0, 8)}@Example.COM`;
      const body = oktaUser(userName);

      const created = await tenant.scim.post('/scim/v2/Users', body);
      expect(created.status).toBe(201);
      expect(created.body.userName).toBe(userName);
      expect(created.body.active).toBe(true);

      const repeated = await tenant.scim.post('/scim/v2/Users', body);
      expectScimError(repeated, 409, 'uniqueness');

      const upper = await tenant.scim.get(`/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${userName.toUpperCase()}"`)}`);
      const upperResources = expectListResponse(upper, 1);
      expect(upperResources[0].id).toBe(created.body.id);

      const random = await tenant.scim.get(`/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${randomUUID()}@example.com"`)}`);
      expect(expectListResponse(random, 0)).toEqual([]);

      const unknownId = randomUUID();
      const unknown = await tenant.scim.get(`/scim/v2/Users/${unknownId}`);
      expectScimError(unknown, 404);
      expect(unknown.body.detail).toContain(unknownId);

      const nonToken = await stack.http.withHeaders({ ...OKTA_HEADERS, Authorization: 'non-token' }).get('/scim/v2/Users');
      expectScimError(nonToken, 401);
      expect(nonToken.body.status).toBe('401');

      const started = Date.now();
      const groups = await tenant.scim.get('/scim/v2/Groups');
      expect(Date.now() - started).toBeLessThan(600);
      expectListResponse(groups, 0);

      const deactivated = await tenant.scim.patch(`/scim/v2/Users/${created.body.id}`, patchBody({ op: 'replace', value: { active: false } }));
      expect(deactivated.status).toBe(200);
      const afterDeactivation = await tenant.scim.get(`/scim/v2/Users/${created.body.id}`);
      expect(afterDeactivation.status).toBe(200);
      expect(afterDeactivation.body.active).toBe(false);
    });
  });
});
