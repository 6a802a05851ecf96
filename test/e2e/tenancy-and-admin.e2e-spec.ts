import { randomUUID } from 'node:crypto';
import { HttpClient, TestResponse } from '../support/http-client';
import { expectListResponse, expectScimError, memberIds } from '../support/scim-assertions';
import { TestStack, Tenant, oktaUser, patchBody } from '../support/stack';
import { waitFor } from '../support/wait-for';

const JSON_BODY = { contentType: 'application/json' };

function expectAdminError(response: TestResponse, status: number, code: string): void {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(response.body.statusCode).toBe(status);
  expect(response.body.code).toBe(code);
  expect(typeof response.body.message).toBe('string');
  expect(response.body.message.length).toBeGreaterThan(0);
}

describe('tenancy and admin API', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await TestStack.start();
  });

  afterAll(async () => {
    await stack.close();
  });

  async function createUser(scim: HttpClient, userName?: string): Promise<Record<string, any>> {
    const response = await scim.post('/scim/v2/Users', oktaUser(userName));
    expect(response.status).toBe(201);
    return response.body;
  }

  async function createGroup(scim: HttpClient, displayName: string, members: string[] = []): Promise<string> {
    const response = await scim.post('/scim/v2/Groups', { displayName, members: members.map((value) => ({ value })) });
    expect(response.status).toBe(201);
    return response.body.id;
  }

  function companyPath(companyId: string, rest = ''): string {
    return `/admin/v1/companies/${companyId}${rest}`;
  }

  describe('SCIM token', () => {
    it('revokes the old token on regeneration', async () => {
      const tenant = await stack.createTenant();
      expect((await tenant.scim.get('/scim/v2/Users')).status).toBe(200);

      const regenerated = await stack.admin.post(companyPath(tenant.companyId, '/scim/token'));

      expect(regenerated.status).toBe(201);
      expect(regenerated.body.token).toMatch(/^zcscim_/);
      expect(regenerated.body.token).not.toBe(tenant.token);
      expect(regenerated.body.hint).toBe(regenerated.body.token.slice(-4));
      expect(Number.isNaN(Date.parse(regenerated.body.createdAt))).toBe(false);
      expectScimError(await tenant.scim.get('/scim/v2/Users'), 401);
      const fresh = stack.http.withHeaders({ Authorization: `Bearer ${regenerated.body.token}` });
      expectListResponse(await fresh.get('/scim/v2/Users'), 0);
    });

    it('disables SCIM on DELETE', async () => {
      const tenant = await stack.createTenant();
      const user = await createUser(tenant.scim);

      const disabled = await stack.admin.delete(companyPath(tenant.companyId, '/scim/token'));

      expect(disabled.status).toBe(204);
      expectScimError(await tenant.scim.get('/scim/v2/Users'), 401);
      expectScimError(await tenant.scim.get(`/scim/v2/Users/${user.id}`), 401);
      const status = await stack.admin.get(companyPath(tenant.companyId, '/scim'));
      expect(status.status).toBe(200);
      expect(status.body).toEqual({ enabled: false, hint: null, createdAt: null, lastUsedAt: null });

      const reissued = await stack.admin.post(companyPath(tenant.companyId, '/scim/token'));
      expect(reissued.status).toBe(201);
      const client = stack.http.withHeaders({ Authorization: `Bearer ${reissued.body.token}` });
      expect((await client.get(`/scim/v2/Users/${user.id}`)).body.userName).toBe(user.userName);
      expectScimError(await tenant.scim.get('/scim/v2/Users'), 401);
    });

    it('reports status without the token', async () => {
      const tenant = await stack.createTenant();

      const before = await stack.admin.get(companyPath(tenant.companyId, '/scim'));
      expect(before.status).toBe(200);
      expect(before.body).toEqual({
        enabled: true,
        hint: tenant.token.slice(-4),
        createdAt: expect.any(String),
        lastUsedAt: null,
      });
      expect(before.text).not.toContain(tenant.token);

      const scimCallAt = Date.now();
      expect((await tenant.scim.get('/scim/v2/Users')).status).toBe(200);
      const after = await waitFor('lastUsedAt to be set', async () => {
        const response = await stack.admin.get(companyPath(tenant.companyId, '/scim'));
        return response.body.lastUsedAt === null ? undefined : response;
      });
      expect(after.body.enabled).toBe(true);
      expect(after.body.createdAt).toBe(before.body.createdAt);
      expect(Math.abs(Date.parse(after.body.lastUsedAt) - scimCallAt)).toBeLessThan(60_000);
      expect(after.text).not.toContain(tenant.token);
    });

    it('returns 404 for an unknown company', async () => {
      const unknown = randomUUID();

      expectAdminError(await stack.admin.post(companyPath(unknown, '/scim/token')), 404, 'not_found');
      expectAdminError(await stack.admin.delete(companyPath(unknown, '/scim/token')), 404, 'not_found');
      expectAdminError(await stack.admin.get(companyPath(unknown, '/scim')), 404, 'not_found');
    });
  });

  describe('tenant isolation', () => {
    let companyA: Tenant;
    let companyB: Tenant;
    let userB: Record<string, any>;
    let groupB: string;

    beforeAll(async () => {
      companyA = await stack.createTenant();
      companyB = await stack.createTenant();
      await createUser(companyA.scim);
      userB = await createUser(companyB.scim);
      groupB = await createGroup(companyB.scim, 'Company B Group', [userB.id]);
    });

    async function expectUserBUnchanged(): Promise<void> {
      const read = await companyB.scim.get(`/scim/v2/Users/${userB.id}`);
      expect(read.status).toBe(200);
      expect(read.body.userName).toBe(userB.userName);
      expect(read.body.displayName).toBe(userB.displayName);
      expect(read.body.active).toBe(true);
    }

    async function expectGroupBUnchanged(): Promise<void> {
      const read = await companyB.scim.get(`/scim/v2/Groups/${groupB}`);
      expect(read.status).toBe(200);
      expect(read.body.displayName).toBe('Company B Group');
      expect(memberIds(read.body)).toEqual([userB.id]);
    }

    it('hides other users and groups on read', async () => {
      expectScimError(await companyA.scim.get(`/scim/v2/Users/${userB.id}`), 404);
      expectScimError(await companyA.scim.get(`/scim/v2/Groups/${groupB}`), 404);
    });

    it('hides other users and groups in lists', async () => {
      const users = await companyA.scim.get('/scim/v2/Users');
      const resources = expectListResponse(users, 1);
      expect(resources.map((user) => user.id)).not.toContain(userB.id);

      const byUserName = await companyA.scim.get(`/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${userB.userName}"`)}`);
      expect(expectListResponse(byUserName, 0)).toEqual([]);
      const byId = await companyA.scim.get(`/scim/v2/Users?filter=${encodeURIComponent(`id eq "${userB.id}"`)}`);
      expect(expectListResponse(byId, 0)).toEqual([]);
      const groups = await companyA.scim.get('/scim/v2/Groups');
      expect(expectListResponse(groups, 0)).toEqual([]);
    });

    it('rejects changes to other users', async () => {
      expectScimError(await companyA.scim.put(`/scim/v2/Users/${userB.id}`, { ...userB, displayName: 'Taken Over' }), 404);
      expectScimError(
        await companyA.scim.patch(`/scim/v2/Users/${userB.id}`, patchBody({ op: 'replace', value: { active: false } })),
        404,
      );
      expectScimError(await companyA.scim.delete(`/scim/v2/Users/${userB.id}`), 404);
      await expectUserBUnchanged();
    });

    it('rejects changes to other groups', async () => {
      expectScimError(await companyA.scim.put(`/scim/v2/Groups/${groupB}`, { displayName: 'Taken Over', members: [] }), 404);
      expectScimError(await companyA.scim.patch(`/scim/v2/Groups/${groupB}`, patchBody({ op: 'replace', path: 'members', value: [] })), 404);
      expectScimError(await companyA.scim.delete(`/scim/v2/Groups/${groupB}`), 404);
      await expectGroupBUnchanged();
    });

    it('allows one userName in both', async () => {
      const shared = await companyA.scim.post('/scim/v2/Users', oktaUser(userB.userName));

      expect(shared.status).toBe(201);
      expect(shared.body.id).not.toBe(userB.id);
      expect(shared.body.userName).toBe(userB.userName);
      await expectUserBUnchanged();
    });

    it('rejects other users as members', async () => {
      const userA = await createUser(companyA.scim);
      const groupA = await createGroup(companyA.scim, 'Company A Group', [userA.id]);

      const created = await companyA.scim.post('/scim/v2/Groups', { displayName: 'Mixed', members: [{ value: userB.id }] });
      expectScimError(created, 400, 'invalidValue');
      expect(created.body.detail).toContain(userB.id);

      const patched = await companyA.scim.patch(`/scim/v2/Groups/${groupA}`, patchBody({ op: 'add', path: 'members', value: [{ value: userB.id }] }));
      expectScimError(patched, 400, 'invalidValue');
      expect(patched.body.detail).toContain(userB.id);

      const replaced = await companyA.scim.put(`/scim/v2/Groups/${groupA}`, { displayName: 'Company A Group', members: [{ value: userB.id }] });
      expectScimError(replaced, 400, 'invalidValue');

      const read = await companyA.scim.get(`/scim/v2/Groups/${groupA}`);
      expect(memberIds(read.body)).toEqual([userA.id]);
      const groups = await companyA.scim.get(`/scim/v2/Groups?filter=${encodeURIComponent('displayName eq "Mixed"')}`);
      expect(expectListResponse(groups, 0)).toEqual([]);
    });
  });

  describe('admin authentication', () => {
    it('rejects a missing or wrong token', async () => {
      const tenant = await stack.createTenant();
      const clients = [
        stack.http,
        stack.http.withHeaders({ Authorization: 'Bearer wrong-admin-token' }),
        stack.http.withHeaders({ Authorization: `Bearer ${tenant.token}` }),
      ];
      for (const client of clients) {
        expectAdminError(await client.get('/admin/v1/companies'), 401, 'unauthorized');
        expectAdminError(await client.post('/admin/v1/companies', { name: 'Intruder' }, JSON_BODY), 401, 'unauthorized');
      }
      const companies = await stack.admin.get('/admin/v1/companies');
      expect(companies.body.map((company: { name: string }) => company.name)).not.toContain('Intruder');
    });
  });

  describe('companies', () => {
    it('creates, lists and reads a company', async () => {
      const name = `Acme ${randomUUID().slice(0, 8)}`;

      const created = await stack.admin.post('/admin/v1/companies', { name: `  ${name}  ` }, JSON_BODY);

      expect(created.status).toBe(201);
      expect(created.body).toEqual({ id: expect.any(String), name, createdAt: expect.any(String) });
      const list = await stack.admin.get('/admin/v1/companies');
      expect(list.status).toBe(200);
      expect(list.body).toContainEqual(created.body);
      const read = await stack.admin.get(companyPath(created.body.id));
      expect(read.status).toBe(200);
      expect(read.body).toEqual(created.body);
    });

    it('returns 404 for unknown and malformed ids', async () => {
      const unknown = randomUUID();
      const missing = await stack.admin.get(companyPath(unknown));
      expectAdminError(missing, 404, 'not_found');
      expect(missing.body.message).toContain(unknown);

      const malformed = await stack.admin.get(companyPath('not-a-uuid'));
      expectAdminError(malformed, 404, 'not_found');
      expect(malformed.body.message).toContain('not-a-uuid');
    });

    it('rejects invalid bodies', async () => {
      const before = (await stack.admin.get('/admin/v1/companies')).body.length;

      const empty = await stack.admin.post('/admin/v1/companies', { name: '   ' }, JSON_BODY);
      expectAdminError(empty, 400, 'invalid_request');
      expect(empty.body.message).toContain('name');
      const extra = await stack.admin.post('/admin/v1/companies', { name: 'Extra', plan: 'gold' }, JSON_BODY);
      expectAdminError(extra, 400, 'invalid_request');
      expect(extra.body.message).toContain('plan');
      const missing = await stack.admin.post('/admin/v1/companies', {}, JSON_BODY);
      expectAdminError(missing, 400, 'invalid_request');
      expect(missing.body.message).toBe('name is required, e.g. {"name": "San Francisco HQ"}');
      const number = await stack.admin.post('/admin/v1/companies', { name: 5 }, JSON_BODY);
      expectAdminError(number, 400, 'invalid_request');
      expect(number.body.message).toBe('name must be a string');
      const invalidJson = await stack.admin.post('/admin/v1/companies', '{"name":', JSON_BODY);
      expectAdminError(invalidJson, 400, 'invalid_request');
      const nullCharacter = await stack.admin.post('/admin/v1/companies', { name: 'Null\u0000Corp' }, JSON_BODY);
      expectAdminError(nullCharacter, 400, 'invalid_request');
      expect(nullCharacter.body.message).toContain('"name"');
      const textBody = await stack.admin.post('/admin/v1/companies', 'name=Plain', { contentType: 'text/plain' });
      expectAdminError(textBody, 415, 'unsupported_media_type');

      expect((await stack.admin.get('/admin/v1/companies')).body).toHaveLength(before);
    });

    it('returns 405 with Allow', async () => {
      const response = await stack.admin.delete('/admin/v1/companies');

      expectAdminError(response, 405, 'method_not_allowed');
      expect(response.headers.get('allow')).toBe('GET, POST');
    });
  });

  describe('locations', () => {
    it('supports create, read, rename and delete', async () => {
      const tenant = await stack.createTenant();

      const created = await stack.admin.post(companyPath(tenant.companyId, '/locations'), { name: 'Market Street' }, JSON_BODY);
      expect(created.status).toBe(201);
      expect(created.body).toEqual({ id: expect.any(String), name: 'Market Street', createdAt: expect.any(String), updatedAt: expect.any(String) });
      const locationPath = companyPath(tenant.companyId, `/locations/${created.body.id}`);
      expect((await stack.admin.get(locationPath)).body).toEqual(created.body);

      const renamed = await stack.admin.patch(locationPath, { name: 'Mission Street' }, JSON_BODY);
      expect(renamed.status).toBe(200);
      expect(renamed.body.name).toBe('Mission Street');
      expect(renamed.body.id).toBe(created.body.id);
      expect((await stack.admin.get(locationPath)).body.name).toBe('Mission Street');

      const other = await stack.admin.post(companyPath(tenant.companyId, '/locations'), { name: 'Annex' }, JSON_BODY);
      const list = await stack.admin.get(companyPath(tenant.companyId, '/locations'));
      expect(list.status).toBe(200);
      expect(list.body.map((location: { id: string }) => location.id)).toEqual([other.body.id, created.body.id]);

      const deleted = await stack.admin.delete(locationPath);
      expect(deleted.status).toBe(204);
      expectAdminError(await stack.admin.get(locationPath), 404, 'not_found');
      expectAdminError(await stack.admin.delete(locationPath), 404, 'not_found');
      const after = await stack.admin.get(companyPath(tenant.companyId, '/locations'));
      expect(after.body.map((location: { id: string }) => location.id)).toEqual([other.body.id]);
    });

    it('rejects a duplicate name', async () => {
      const tenant = await stack.createTenant();
      const first = await stack.createLocation(tenant.companyId, 'Headquarters');
      const second = await stack.createLocation(tenant.companyId, 'Warehouse');

      const duplicate = await stack.admin.post(companyPath(tenant.companyId, '/locations'), { name: 'headquarters' }, JSON_BODY);
      expectAdminError(duplicate, 409, 'conflict');
      expect(duplicate.body.message).toContain('headquarters');

      const renamed = await stack.admin.patch(companyPath(tenant.companyId, `/locations/${second}`), { name: 'HEADQUARTERS' }, JSON_BODY);
      expectAdminError(renamed, 409, 'conflict');

      const list = await stack.admin.get(companyPath(tenant.companyId, '/locations'));
      expect(list.body.map((location: { id: string; name: string }) => [location.id, location.name])).toEqual([
        [first, 'Headquarters'],
        [second, 'Warehouse'],
      ]);
      const elsewhere = await stack.createTenant();
      expect(await stack.createLocation(elsewhere.companyId, 'Headquarters')).toEqual(expect.any(String));
    });

    it('rejects invalid bodies', async () => {
      const tenant = await stack.createTenant();
      const location = await stack.createLocation(tenant.companyId, 'Valid');

      const cases: [string, string, unknown][] = [
        ['POST', '/locations', { name: '' }],
        ['POST', '/locations', { name: '   ' }],
        ['POST', '/locations', { name: 'Roof', floor: 3 }],
        ['POST', '/locations', { name: 42 }],
        ['PATCH', `/locations/${location}`, { name: '' }],
        ['PATCH', `/locations/${location}`, { name: 'Roof', id: randomUUID() }],
      ];
      for (const [method, path, body] of cases) {
        const response = await stack.admin.request(method, companyPath(tenant.companyId, path), { body, ...JSON_BODY });
        expectAdminError(response, 400, 'invalid_request');
      }

      const list = await stack.admin.get(companyPath(tenant.companyId, '/locations'));
      expect(list.body.map((entry: { name: string }) => entry.name)).toEqual(['Valid']);
    });

    it('returns 404 for other and malformed ids', async () => {
      const tenant = await stack.createTenant();
      const other = await stack.createTenant();
      const foreign = await stack.createLocation(other.companyId, 'Foreign');

      expectAdminError(await stack.admin.get(companyPath(tenant.companyId, `/locations/${foreign}`)), 404, 'not_found');
      expectAdminError(await stack.admin.delete(companyPath(tenant.companyId, `/locations/${foreign}`)), 404, 'not_found');
      expectAdminError(await stack.admin.get(companyPath(tenant.companyId, '/locations/xyz')), 404, 'not_found');
      expectAdminError(await stack.admin.get(companyPath(randomUUID(), '/locations')), 404, 'not_found');
      expect((await stack.admin.get(companyPath(other.companyId, `/locations/${foreign}`))).body.name).toBe('Foreign');
    });
  });

  describe('group mappings', () => {
    it('lists groups with members and locations', async () => {
      const tenant = await stack.createTenant();
      const [alice, bob] = [await createUser(tenant.scim), await createUser(tenant.scim)];
      const hq = await stack.createLocation(tenant.companyId, 'HQ');
      const lab = await stack.createLocation(tenant.companyId, 'Lab');
      const kitchen = await createGroup(tenant.scim, 'kitchen', [alice.id, bob.id]);
      const admins = await createGroup(tenant.scim, 'Admins', [alice.id]);
      const empty = await createGroup(tenant.scim, 'Empty');
      await stack.mapGroup(tenant.companyId, kitchen, [lab, hq]);

      const response = await stack.admin.get(companyPath(tenant.companyId, '/groups'));

      expect(response.status).toBe(200);
      expect(response.body).toEqual([
        { id: admins, displayName: 'Admins', externalId: null, memberCount: 1, locationIds: [], createdAt: expect.any(String) },
        { id: empty, displayName: 'Empty', externalId: null, memberCount: 0, locationIds: [], createdAt: expect.any(String) },
        { id: kitchen, displayName: 'kitchen', externalId: null, memberCount: 2, locationIds: [hq, lab].sort(), createdAt: expect.any(String) },
      ]);
    });

    it('sets and reads group locations', async () => {
      const tenant = await stack.createTenant();
      const groupId = await createGroup(tenant.scim, 'Mapped');
      const hq = await stack.createLocation(tenant.companyId, 'HQ');
      const lab = await stack.createLocation(tenant.companyId, 'Lab');
      const path = companyPath(tenant.companyId, `/groups/${groupId}/locations`);

      const empty = await stack.admin.get(path);
      expect(empty.status).toBe(200);
      expect(empty.body).toEqual({ groupId, locationIds: [] });

      const set = await stack.admin.put(path, { locationIds: [lab, hq.toUpperCase()] }, JSON_BODY);
      expect(set.status).toBe(200);
      expect(set.body).toEqual({ groupId, locationIds: [hq, lab].sort() });
      expect((await stack.admin.get(path)).body).toEqual({ groupId, locationIds: [hq, lab].sort() });

      const narrowed = await stack.admin.put(path, { locationIds: [lab] }, JSON_BODY);
      expect(narrowed.body).toEqual({ groupId, locationIds: [lab] });
      expect((await stack.admin.get(path)).body).toEqual({ groupId, locationIds: [lab] });

      const cleared = await stack.admin.put(path, { locationIds: [] }, JSON_BODY);
      expect(cleared.body).toEqual({ groupId, locationIds: [] });
      expect((await stack.admin.get(path)).body).toEqual({ groupId, locationIds: [] });
    });

    it('rejects unknown and malformed location ids', async () => {
      const tenant = await stack.createTenant();
      const other = await stack.createTenant();
      const groupId = await createGroup(tenant.scim, 'Strict');
      const hq = await stack.createLocation(tenant.companyId, 'HQ');
      const foreign = await stack.createLocation(other.companyId, 'Foreign HQ');
      const path = companyPath(tenant.companyId, `/groups/${groupId}/locations`);
      await stack.mapGroup(tenant.companyId, groupId, [hq]);

      const unknown = randomUUID();
      const unknownResponse = await stack.admin.put(path, { locationIds: [hq, unknown] }, JSON_BODY);
      expectAdminError(unknownResponse, 400, 'invalid_request');
      expect(unknownResponse.body.message).toContain(unknown);

      const foreignResponse = await stack.admin.put(path, { locationIds: [foreign] }, JSON_BODY);
      expectAdminError(foreignResponse, 400, 'invalid_request');
      expect(foreignResponse.body.message).toContain(foreign);

      const malformed = await stack.admin.put(path, { locationIds: [hq, 'not-a-uuid'] }, JSON_BODY);
      expectAdminError(malformed, 400, 'invalid_request');
      expect(malformed.body.message).toBe('locationIds must contain location ids (UUIDs); invalid: "not-a-uuid"');

      const notArray = await stack.admin.put(path, { locationIds: hq }, JSON_BODY);
      expectAdminError(notArray, 400, 'invalid_request');
      const extra = await stack.admin.put(path, { locationIds: [hq], replace: true }, JSON_BODY);
      expectAdminError(extra, 400, 'invalid_request');

      expect((await stack.admin.get(path)).body).toEqual({ groupId, locationIds: [hq] });
    });

    it('never fails when a location is deleted meanwhile', async () => {
      const tenant = await stack.createTenant();
      const groupIds = await Promise.all([1, 2, 3, 4].map((index) => createGroup(tenant.scim, `Race ${index}`)));
      const locationIds = await Promise.all(Array.from({ length: 15 }, (_, index) => stack.createLocation(tenant.companyId, `Race Room ${index}`)));

      const requests: Promise<string>[] = [];
      for (const locationId of locationIds) {
        for (const groupId of groupIds) {
          const path = companyPath(tenant.companyId, `/groups/${groupId}/locations`);
          requests.push(stack.admin.put(path, { locationIds: [locationId] }, JSON_BODY).then((response) => `PUT ${response.status}`));
        }
        requests.push(stack.admin.delete(companyPath(tenant.companyId, `/locations/${locationId}`)).then((response) => `DELETE ${response.status}`));
      }
      const outcomes = await Promise.all(requests);

      expect(outcomes.filter((outcome) => !['PUT 200', 'PUT 400', 'DELETE 204'].includes(outcome))).toEqual([]);
      expect(outcomes.filter((outcome) => outcome === 'DELETE 204')).toHaveLength(15);
      const groups = await stack.admin.get(companyPath(tenant.companyId, '/groups'));
      for (const group of groups.body) expect(group.locationIds).toEqual([]);
    });

    it('returns 404 for unknown groups', async () => {
      const tenant = await stack.createTenant();
      const other = await stack.createTenant();
      const foreignGroup = await createGroup(other.scim, 'Foreign Group');
      const hq = await stack.createLocation(tenant.companyId, 'HQ');

      for (const groupId of [randomUUID(), 'xyz', foreignGroup]) {
        const path = companyPath(tenant.companyId, `/groups/${groupId}/locations`);
        expectAdminError(await stack.admin.get(path), 404, 'not_found');
        expectAdminError(await stack.admin.put(path, { locationIds: [hq] }, JSON_BODY), 404, 'not_found');
      }
      const foreignPath = companyPath(other.companyId, `/groups/${foreignGroup}/locations`);
      expect((await stack.admin.get(foreignPath)).body).toEqual({ groupId: foreignGroup, locationIds: [] });
    });
  });

  describe('directory', () => {
    it('pages users', async () => {
      const tenant = await stack.createTenant();
      const users: Record<string, any>[] = [];
      for (let index = 0; index < 5; index += 1) users.push(await createUser(tenant.scim));
      const path = companyPath(tenant.companyId, '/users');

      const first = await stack.admin.get(`${path}?limit=2`);
      expect(first.status).toBe(200);
      expect(first.body.total).toBe(5);
      expect(first.body.limit).toBe(2);
      expect(first.body.offset).toBe(0);
      expect(first.body.items.map((item: { id: string }) => item.id)).toEqual([users[0].id, users[1].id]);
      expect(first.body.items[0]).toEqual({
        id: users[0].id,
        userName: users[0].userName,
        externalId: users[0].externalId,
        displayName: users[0].displayName,
        email: users[0].userName,
        active: true,
        createdAt: users[0].meta.created,
        updatedAt: users[0].meta.lastModified,
      });

      const last = await stack.admin.get(`${path}?limit=2&offset=4`);
      expect(last.body.items.map((item: { id: string }) => item.id)).toEqual([users[4].id]);
      expect(last.body).toMatchObject({ total: 5, limit: 2, offset: 4 });

      const defaults = await stack.admin.get(path);
      expect(defaults.body).toMatchObject({ total: 5, limit: 50, offset: 0 });
      expect(defaults.body.items).toHaveLength(5);

      for (const query of ['limit=0', 'limit=501', 'limit=abc', 'offset=-1', 'offset=1.5', 'offset=1e20', 'page=2']) {
        expectAdminError(await stack.admin.get(`${path}?${query}`), 400, 'invalid_request');
      }
    });

    it('shows a user with groups and locations', async () => {
      const tenant = await stack.createTenant();
      const alice = await createUser(tenant.scim);
      const bob = await createUser(tenant.scim);
      const hq = await stack.createLocation(tenant.companyId, 'HQ');
      const lab = await stack.createLocation(tenant.companyId, 'Lab');
      const engineering = await createGroup(tenant.scim, 'Engineering', [alice.id, bob.id]);
      const research = await createGroup(tenant.scim, 'Research', [alice.id]);
      await stack.mapGroup(tenant.companyId, engineering, [hq]);
      await stack.mapGroup(tenant.companyId, research, [hq, lab]);
      const path = companyPath(tenant.companyId, `/users/${alice.id}`);

      const detail = await waitFor('access of alice to both locations', async () => {
        const response = await stack.admin.get(path);
        return response.body.locations?.length === 2 && response.body.locations[0].grantedByGroupIds.length === 2 ? response : undefined;
      });

      expect(detail.status).toBe(200);
      expect(detail.body.id).toBe(alice.id);
      expect(detail.body.userName).toBe(alice.userName);
      expect(detail.body.groups).toEqual([
        { id: engineering, displayName: 'Engineering' },
        { id: research, displayName: 'Research' },
      ]);
      expect(detail.body.locations).toEqual([
        { id: hq, name: 'HQ', grantedByGroupIds: expect.arrayContaining([engineering, research]) },
        { id: lab, name: 'Lab', grantedByGroupIds: [research] },
      ]);

      const users = await waitFor('both users at HQ', async () => {
        const response = await stack.admin.get(companyPath(tenant.companyId, `/locations/${hq}/users`));
        return response.body.total === 2 ? response : undefined;
      });
      expect(users.status).toBe(200);
      expect(users.body.items.map((item: { id: string }) => item.id).sort()).toEqual([alice.id, bob.id].sort());
      const labUsers = await stack.admin.get(companyPath(tenant.companyId, `/locations/${lab}/users?limit=1`));
      expect(labUsers.body).toMatchObject({ total: 1, limit: 1, offset: 0 });
      expect(labUsers.body.items.map((item: { id: string }) => item.id)).toEqual([alice.id]);
      const pastEnd = await stack.admin.get(companyPath(tenant.companyId, `/locations/${lab}/users?offset=5`));
      expect(pastEnd.body).toMatchObject({ items: [], total: 1, offset: 5 });
      expectAdminError(await stack.admin.get(companyPath(tenant.companyId, `/locations/${lab}/users?offset=1e20`)), 400, 'invalid_request');

      const deactivated = await tenant.scim.patch(`/scim/v2/Users/${alice.id}`, patchBody({ op: 'replace', value: { active: false } }));
      expect(deactivated.status).toBe(200);
      const withoutAccess = await waitFor('alice to lose access', async () => {
        const response = await stack.admin.get(path);
        return response.body.locations.length === 0 ? response : undefined;
      });
      expect(withoutAccess.body.active).toBe(false);
      expect(withoutAccess.body.groups).toHaveLength(2);
    });

    it('returns 404 for other and malformed users', async () => {
      const tenant = await stack.createTenant();
      const other = await stack.createTenant();
      const foreign = await createUser(other.scim);

      for (const userId of [foreign.id, randomUUID(), 'xyz']) {
        const response = await stack.admin.get(companyPath(tenant.companyId, `/users/${userId}`));
        expectAdminError(response, 404, 'not_found');
        expect(response.body.message).toContain(userId);
      }
      expectAdminError(await stack.admin.get(companyPath(tenant.companyId, `/locations/${randomUUID()}/users`)), 404, 'not_found');
      expectAdminError(await stack.admin.get(companyPath(randomUUID(), '/users')), 404, 'not_found');
    });
  });
});
