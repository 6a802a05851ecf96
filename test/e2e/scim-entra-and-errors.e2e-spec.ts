import { randomUUID } from 'node:crypto';
import { HttpClient, TestResponse } from '../support/http-client';
import {
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  USER_SCHEMA,
  expectListResponse,
  expectScimError,
  memberIds,
} from '../support/scim-assertions';
import { TestStack, Tenant, oktaUser, patchBody } from '../support/stack';

const CUSTOM_EXTENSION = 'urn:example:params:scim:schemas:extension:badges:2.0:User';

function filterQuery(filter: string): string {
  return `filter=${encodeURIComponent(filter)}`;
}

describe('SCIM for Entra ID', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await TestStack.start({ withLocationAccess: false });
  });

  afterAll(async () => {
    await stack.close();
  });

  async function createUser(scim: HttpClient, overrides: Record<string, unknown> = {}): Promise<Record<string, any>> {
    const response = await scim.post('/scim/v2/Users', oktaUser(undefined, overrides));
    expect(response.status).toBe(201);
    return response.body;
  }

  async function createGroup(scim: HttpClient, displayName: string, members: string[]): Promise<string> {
    const response = await scim.post('/scim/v2/Groups', { displayName, members: members.map((value) => ({ value })) });
    expect(response.status).toBe(201);
    return response.body.id;
  }

  async function readUser(scim: HttpClient, id: string): Promise<Record<string, any>> {
    const response = await scim.get(`/scim/v2/Users/${id}`);
    expect(response.status).toBe(200);
    return response.body;
  }

  describe('PATCH dialect', () => {
    it('accepts capitalised ops', async () => {
      const { scim } = await stack.createTenant();
      const user = await createUser(scim, { nickName: 'Nick' });

      const response = await scim.patch(
        `/scim/v2/Users/${user.id}`,
        patchBody(
          { op: 'Replace', path: 'displayName', value: 'Capital Replace' },
          { op: 'Add', path: 'title', value: 'Engineer' },
          { op: 'Remove', path: 'nickName' },
        ),
      );

      expect(response.status).toBe(200);
      expect(response.body.displayName).toBe('Capital Replace');
      const read = await readUser(scim, user.id);
      expect(read.displayName).toBe('Capital Replace');
      expect(read.title).toBe('Engineer');
      expect(read.nickName).toBeUndefined();
    });

    it('reads "False" and "True" strings', async () => {
      const { scim } = await stack.createTenant();
      const created = await scim.post('/scim/v2/Users', oktaUser(undefined, { active: 'True' }));
      expect(created.status).toBe(201);
      expect(created.body.active).toBe(true);

      const deactivated = await scim.patch(`/scim/v2/Users/${created.body.id}`, patchBody({ op: 'Replace', path: 'active', value: 'False' }));
      expect(deactivated.status).toBe(200);
      expect(deactivated.body.active).toBe(false);
      expect((await readUser(scim, created.body.id)).active).toBe(false);
      const inactive = await scim.get(`/scim/v2/Users?${filterQuery('active eq false')}`);
      expect(expectListResponse(inactive, 1)[0].id).toBe(created.body.id);

      const reactivated = await scim.patch(`/scim/v2/Users/${created.body.id}`, patchBody({ op: 'Replace', path: 'active', value: 'True' }));
      expect(reactivated.body.active).toBe(true);
      expect((await readUser(scim, created.body.id)).active).toBe(true);
    });

    it('removes only the listed members', async () => {
      const { scim } = await stack.createTenant();
      const [alice, bob, carol] = await Promise.all([1, 2, 3].map(() => createUser(scim)));
      const groupId = await createGroup(scim, 'Entra Group', [alice.id, bob.id, carol.id]);

      const response = await scim.patch(`/scim/v2/Groups/${groupId}`, patchBody({ op: 'Remove', path: 'members', value: [{ value: bob.id }] }));

      expect(response.status).toBe(204);
      const read = await scim.get(`/scim/v2/Groups/${groupId}`);
      expect(memberIds(read.body)).toEqual([alice.id, carol.id].sort());
    });

    it('adds members with capital Add', async () => {
      const { scim } = await stack.createTenant();
      const [alice, bob] = await Promise.all([1, 2].map(() => createUser(scim)));
      const groupId = await createGroup(scim, 'Entra Add', [alice.id]);

      const response = await scim.patch(`/scim/v2/Groups/${groupId}`, patchBody({ op: 'Add', path: 'members', value: [{ value: bob.id }] }));

      expect(response.status).toBe(204);
      const read = await scim.get(`/scim/v2/Groups/${groupId}`);
      expect(memberIds(read.body)).toEqual([alice.id, bob.id].sort());
    });

    it('removes members by upper-case id', async () => {
      const { scim } = await stack.createTenant();
      const [alice, bob] = await Promise.all([1, 2].map(() => createUser(scim)));
      const groupId = await createGroup(scim, 'Upper Case', [alice.id, bob.id]);

      const response = await scim.patch(`/scim/v2/Groups/${groupId}`, patchBody({ op: 'Remove', path: `members[value eq "${alice.id.toUpperCase()}"]` }));

      expect(response.status).toBe(204);
      const read = await scim.get(`/scim/v2/Groups/${groupId}`);
      expect(memberIds(read.body)).toEqual([bob.id]);
    });

    it('removes members by display filter', async () => {
      const { scim } = await stack.createTenant();
      const alice = await createUser(scim, { displayName: 'Alice Remove' });
      const bob = await createUser(scim, { displayName: 'Bob Stay' });
      const groupId = await createGroup(scim, 'By Display', [alice.id, bob.id]);

      const response = await scim.patch(`/scim/v2/Groups/${groupId}`, patchBody({ op: 'remove', path: 'members[display eq "alice remove"]' }));

      expect(response.status).toBe(204);
      const read = await scim.get(`/scim/v2/Groups/${groupId}`);
      expect(memberIds(read.body)).toEqual([bob.id]);
    });

    it('creates elements from filtered paths', async () => {
      const { scim } = await stack.createTenant();
      const user = await createUser(scim, { emails: undefined });
      expect(user.emails).toBeUndefined();

      const response = await scim.patch(
        `/scim/v2/Users/${user.id}`,
        patchBody(
          { op: 'Add', path: 'emails[type eq "work"].value', value: 'work@example.com' },
          { op: 'Add', path: 'phoneNumbers[type eq "mobile"].value', value: '+1 555 0100' },
          { op: 'Add', path: 'addresses[type eq "work"].postalCode', value: '94105' },
          { op: 'Add', path: 'addresses[type eq "work"].locality', value: 'San Francisco' },
        ),
      );
      expect(response.status).toBe(200);

      const second = await scim.patch(
        `/scim/v2/Users/${user.id}`,
        patchBody(
          { op: 'Replace', path: 'addresses[type eq "work"].postalCode', value: '94107' },
          { op: 'Add', path: 'addresses[type eq "work"].streetAddress', value: '1 Market St' },
        ),
      );
      expect(second.status).toBe(200);

      const read = await readUser(scim, user.id);
      expect(read.emails).toEqual([{ type: 'work', value: 'work@example.com' }]);
      expect(read.phoneNumbers).toEqual([{ type: 'mobile', value: '+1 555 0100' }]);
      expect(read.addresses).toEqual([{ type: 'work', postalCode: '94107', locality: 'San Francisco', streetAddress: '1 Market St' }]);
      const byEmail = await scim.get(`/scim/v2/Users?${filterQuery('emails.value eq "work@example.com"')}`);
      expect(expectListResponse(byEmail, 1)[0].id).toBe(user.id);
    });

    it('applies dotted keys without a path', async () => {
      const { scim } = await stack.createTenant();
      const user = await createUser(scim);

      const response = await scim.patch(
        `/scim/v2/Users/${user.id}`,
        patchBody({
          op: 'replace',
          value: {
            'name.givenName': 'Dotted',
            [`${ENTERPRISE_USER_SCHEMA}:employeeNumber`]: 'E-1001',
            [`${ENTERPRISE_USER_SCHEMA}:manager`]: 'manager-id-42',
          },
        }),
      );

      expect(response.status).toBe(200);
      const read = await readUser(scim, user.id);
      expect(read.name).toEqual({ givenName: 'Dotted', familyName: 'Tester' });
      expect(read[ENTERPRISE_USER_SCHEMA]).toEqual({ employeeNumber: 'E-1001', manager: { value: 'manager-id-42' } });
      expect(read.schemas).toEqual([USER_SCHEMA, ENTERPRISE_USER_SCHEMA]);
      const byName = await scim.get(`/scim/v2/Users?${filterQuery('name.givenName eq "Dotted"')}`);
      expect(expectListResponse(byName, 1)[0].id).toBe(user.id);
    });

    it('sets an extension attribute by URN path', async () => {
      const { scim } = await stack.createTenant();
      const user = await createUser(scim);

      const response = await scim.patch(
        `/scim/v2/Users/${user.id}`,
        patchBody({ op: 'Add', path: `${ENTERPRISE_USER_SCHEMA}:department`, value: 'Kitchen' }),
      );

      expect(response.status).toBe(200);
      expect((await readUser(scim, user.id))[ENTERPRISE_USER_SCHEMA]).toEqual({ department: 'Kitchen' });
    });

    it('clears a work e-mail by value path', async () => {
      const { scim } = await stack.createTenant();
      const user = await createUser(scim, {
        emails: [
          { value: 'work@example.com', type: 'work', primary: true },
          { value: 'home@example.com', type: 'home' },
        ],
      });

      const response = await scim.patch(`/scim/v2/Users/${user.id}`, patchBody({ op: 'Remove', path: 'emails[type eq "work"].value' }));

      expect(response.status).toBe(200);
      const stored = await readUser(scim, user.id);
      expect(stored.emails).toEqual([{ value: 'home@example.com', type: 'home' }]);
      const rows = await stack.query(`SELECT primary_email FROM users WHERE id = $1`, [user.id]);
      expect(rows[0].primary_email).toBe('home@example.com');
    });
  });

  describe('stored attributes', () => {
    const extensionBody = {
      [ENTERPRISE_USER_SCHEMA]: { employeeNumber: '701984', department: 'Tour Operations', manager: { value: '26118915-6090-4610-87e4-49d8ca9f808d' } },
      [CUSTOM_EXTENSION]: { badge: 'A-17', floors: [3, 4], escort: false },
      favouriteSnack: 'pretzel',
      preferences: { diet: 'vegetarian', allergies: ['peanut'] },
    };

    it('returns extension and unknown attributes', async () => {
      const { scim } = await stack.createTenant();
      const body = oktaUser(undefined, { schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA, CUSTOM_EXTENSION], ...extensionBody });

      const created = await scim.post('/scim/v2/Users', body);

      expect(created.status).toBe(201);
      expect(created.body.schemas.sort()).toEqual([USER_SCHEMA, ENTERPRISE_USER_SCHEMA, CUSTOM_EXTENSION].sort());
      for (const [key, value] of Object.entries(extensionBody)) expect(created.body[key]).toEqual(value);
      const read = await readUser(scim, created.body.id);
      for (const [key, value] of Object.entries(extensionBody)) expect(read[key]).toEqual(value);
    });

    it('keeps them through a PUT', async () => {
      const { scim } = await stack.createTenant();
      const created = await createUser(scim, extensionBody);
      const current = await readUser(scim, created.id);

      const edited = {
        ...current,
        displayName: 'After PUT',
        [CUSTOM_EXTENSION]: { badge: 'B-2', floors: [5], escort: true },
      };
      const response = await scim.put(`/scim/v2/Users/${created.id}`, edited);

      expect(response.status).toBe(200);
      const read = await readUser(scim, created.id);
      expect(read.displayName).toBe('After PUT');
      expect(read[ENTERPRISE_USER_SCHEMA]).toEqual(extensionBody[ENTERPRISE_USER_SCHEMA]);
      expect(read[CUSTOM_EXTENSION]).toEqual({ badge: 'B-2', floors: [5], escort: true });
      expect(read.favouriteSnack).toBe('pretzel');
      expect(read.preferences).toEqual(extensionBody.preferences);
    });

    it('drops attributes a PUT leaves out', async () => {
      const { scim } = await stack.createTenant();
      const created = await createUser(scim, extensionBody);

      const response = await scim.put(`/scim/v2/Users/${created.id}`, oktaUser(created.userName));

      expect(response.status).toBe(200);
      const read = await readUser(scim, created.id);
      expect(read[CUSTOM_EXTENSION]).toBeUndefined();
      expect(read[ENTERPRISE_USER_SCHEMA]).toBeUndefined();
      expect(read.favouriteSnack).toBeUndefined();
      expect(read.schemas).toEqual([USER_SCHEMA]);
    });
  });

  describe('lookups', () => {
    it('filters on externalId and id', async () => {
      const { scim } = await stack.createTenant();
      const user = await createUser(scim);
      await createUser(scim);

      const byExternalId = await scim.get(`/scim/v2/Users?${filterQuery(`externalId eq "${user.externalId}"`)}`);
      expect(expectListResponse(byExternalId, 1)[0].id).toBe(user.id);
      const byId = await scim.get(`/scim/v2/Users?${filterQuery(`id eq "${user.id}"`)}`);
      expect(expectListResponse(byId, 1)[0].userName).toBe(user.userName);
    });

    it('returns an empty list for a random GUID', async () => {
      const { scim } = await stack.createTenant();
      await createUser(scim);

      const response = await scim.get(`/scim/v2/Users?${filterQuery(`userName eq "${randomUUID()}"`)}`);

      expect(expectListResponse(response, 0)).toEqual([]);
    });

    it('projects extension attributes', async () => {
      const { scim } = await stack.createTenant();
      const enterprise = { employeeNumber: '42', department: 'Pastry', manager: { value: 'boss-1', displayName: 'Boss' } };
      const user = await createUser(scim, { [ENTERPRISE_USER_SCHEMA]: enterprise });

      const employeeNumberOnly = await scim.get(`/scim/v2/Users/${user.id}?attributes=${ENTERPRISE_USER_SCHEMA}:employeeNumber`);
      expect(employeeNumberOnly.status).toBe(200);
      expect(employeeNumberOnly.body[ENTERPRISE_USER_SCHEMA]).toEqual({ employeeNumber: '42' });
      expect(employeeNumberOnly.body.userName).toBeUndefined();
      expect(employeeNumberOnly.body.id).toBe(user.id);

      const whole = await scim.get(`/scim/v2/Users/${user.id}?attributes=userName,${ENTERPRISE_USER_SCHEMA}`);
      expect(whole.body[ENTERPRISE_USER_SCHEMA]).toEqual(enterprise);
      expect(whole.body.userName).toBe(user.userName);
      expect(whole.body.emails).toBeUndefined();

      const excluded = await scim.get(`/scim/v2/Users?excludedAttributes=${ENTERPRISE_USER_SCHEMA}:department,emails`);
      const [listed] = expectListResponse(excluded, 1);
      expect(listed[ENTERPRISE_USER_SCHEMA]).toEqual({ employeeNumber: '42', manager: enterprise.manager });
      expect(listed.emails).toBeUndefined();
      expect(listed.userName).toBe(user.userName);
    });

    it('finds groups without members', async () => {
      const { scim } = await stack.createTenant();
      const alice = await createUser(scim);
      const groupId = await createGroup(scim, 'Entra Lookup', [alice.id]);

      const response = await scim.get(`/scim/v2/Groups?${filterQuery('displayName eq "Entra Lookup"')}&excludedAttributes=members`);

      const resources = expectListResponse(response, 1);
      expect(resources[0].id).toBe(groupId);
      expect(resources[0].displayName).toBe('Entra Lookup');
      expect(resources[0].members).toBeUndefined();
    });
  });
});

describe('SCIM errors', () => {
  let stack: TestStack;
  let tenant: Tenant;

  beforeAll(async () => {
    stack = await TestStack.start({ withLocationAccess: false });
    tenant = await stack.createTenant();
  });

  afterAll(async () => {
    await stack.close();
  });

  async function createUser(overrides: Record<string, unknown> = {}, userName?: string): Promise<Record<string, any>> {
    const response = await tenant.scim.post('/scim/v2/Users', oktaUser(userName, overrides));
    expect(response.status).toBe(201);
    return response.body;
  }

  async function userCount(): Promise<number> {
    const response = await tenant.scim.get('/scim/v2/Users?count=0');
    expect(response.status).toBe(200);
    return response.body.totalResults;
  }

  describe('request bodies', () => {
    it('rejects invalid JSON', async () => {
      const before = await userCount();

      const response = await tenant.scim.post('/scim/v2/Users', '{"userName": "broken@example.com",');

      expectScimError(response, 400, 'invalidSyntax');
      expect(response.body.detail).toMatch(/JSON/);
      expect(await userCount()).toBe(before);
    });

    it('rejects a user without userName', async () => {
      const before = await userCount();
      const body: Record<string, unknown> = oktaUser();
      delete body.userName;

      const response = await tenant.scim.post('/scim/v2/Users', body);

      expectScimError(response, 400, 'invalidValue');
      expect(response.body.detail).toContain('userName');
      expect(await userCount()).toBe(before);
    });

    it('accepts application/json', async () => {
      const body = oktaUser();
      const response = await tenant.scim.post('/scim/v2/Users', body, { contentType: 'application/json' });

      expect(response.status).toBe(201);
      expect(response.body.userName).toBe(body.userName);
      expect(response.headers.get('content-type')).toMatch(/^application\/scim\+json/);
    });

    it('accepts scim+json with charset', async () => {
      const body = oktaUser();
      const response = await tenant.scim.post('/scim/v2/Users', body, { contentType: 'application/scim+json; charset=utf-8' });

      expect(response.status).toBe(201);
      expect(response.body.userName).toBe(body.userName);
    });

    it('rejects over-long indexed values', async () => {
      const before = await userCount();
      const long = 'x'.repeat(3000);

      const externalId = await tenant.scim.post('/scim/v2/Users', oktaUser(undefined, { externalId: long }));
      const email = await tenant.scim.post('/scim/v2/Users', oktaUser(undefined, { emails: [{ value: `${long}@example.com`, primary: true }] }));
      const group = await tenant.scim.post('/scim/v2/Groups', { displayName: 'Long', externalId: long });

      expectScimError(externalId, 400, 'invalidValue');
      expect(externalId.body.detail).toContain('externalId is 3000 characters long; the maximum is 512');
      expectScimError(email, 400, 'invalidValue');
      expect(email.body.detail).toContain('emails[0].value');
      expectScimError(group, 400, 'invalidValue');
      expect(await userCount()).toBe(before);
    });

    it('rejects deeply nested bodies', async () => {
      const before = await userCount();
      const nested = `${'['.repeat(5000)}1${']'.repeat(5000)}`;
      const body = `{"userName":"deep.${randomUUID().slice(0, 8)}@example.com","x":${nested}}`;

      const scim = await tenant.scim.post('/scim/v2/Users', body);
      const admin = await stack.admin.post('/admin/v1/companies', `{"name":"Deep","x":${nested}}`, { contentType: 'application/json' });

      expectScimError(scim, 400, 'invalidValue');
      expect(scim.body.detail).toContain('more than 32 levels deep');
      expect(admin.status).toBe(400);
      expect(admin.body.message).toContain('more than 32 levels deep');
      expect(await userCount()).toBe(before);
    });

    it('returns 404 for a very long id', async () => {
      const response = await tenant.scim.get(`/scim/v2/Users/${'a'.repeat(300)}`);

      expectScimError(response, 404);
    });

    it('rejects a text/plain body', async () => {
      const before = await userCount();

      const response = await tenant.scim.post('/scim/v2/Users', JSON.stringify(oktaUser()), { contentType: 'text/plain' });

      expectScimError(response, 415);
      expect(response.body.detail).toContain('text/plain');
      expect(await userCount()).toBe(before);
    });

    it('rejects a __proto__ key', async () => {
      const before = await userCount();
      const body = `{"userName":"proto.${randomUUID().slice(0, 8)}@example.com","__proto__":{"active":false}}`;

      const response = await tenant.scim.post('/scim/v2/Users', body);

      expectScimError(response, 400, 'invalidSyntax');
      expect(response.body.detail).toContain('__proto__');
      expect(await userCount()).toBe(before);
    });

    it('rejects U+0000 and lone surrogates', async () => {
      const before = await userCount();
      const cases: [string, string][] = [
        [JSON.stringify(oktaUser(undefined, { title: 'Chef\u0000' })), '"title"'],
        [JSON.stringify(oktaUser(undefined, { 'nick\u0000Name': 'Bo' })), '"nick'],
        [JSON.stringify(oktaUser()).replace('"work"', '"wo\\ud800rk"'), '"emails[0].type"'],
      ];
      for (const [body, location] of cases) {
        const response = await tenant.scim.post('/scim/v2/Users', body);
        expectScimError(response, 400, 'invalidValue');
        expect(response.body.detail).toContain(location);
      }
      const group = await tenant.scim.post('/scim/v2/Groups', { displayName: 'Null\u0000Group' });
      expectScimError(group, 400, 'invalidValue');
      expect(await userCount()).toBe(before);

      const user = await createUser();
      const patch = await tenant.scim.patch(`/scim/v2/Users/${user.id}`, patchBody({ op: 'replace', path: 'displayName', value: '\u0000' }));
      expectScimError(patch, 400, 'invalidValue');
      expect((await tenant.scim.get(`/scim/v2/Users/${user.id}`)).body.displayName).toBe(user.displayName);
    });

    it('keeps paired surrogates', async () => {
      const body = JSON.stringify(oktaUser(undefined, { nickName: 'Chef CAKE' })).replace('CAKE', '\\ud83c\\udf70');
      expect(body).toContain('\\ud83c\\udf70');

      const response = await tenant.scim.post('/scim/v2/Users', body);

      expect(response.status).toBe(201);
      expect(response.body.nickName).toBe('Chef \u{1F370}');
      expect((await tenant.scim.get(`/scim/v2/Users/${response.body.id}`)).body.nickName).toBe('Chef \u{1F370}');
    });

    it('rejects __proto__ in a PATCH value', async () => {
      const user = await createUser();
      const body = `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"__proto__":{"admin":true},"displayName":"Hacked"}}]}`;

      const response = await tenant.scim.patch(`/scim/v2/Users/${user.id}`, body);

      expectScimError(response, 400, 'invalidSyntax');
      const read = await tenant.scim.get(`/scim/v2/Users/${user.id}`);
      expect(read.body.displayName).toBe(user.displayName);
    });
  });

  describe('body limit', () => {
    let small: TestStack;

    beforeAll(async () => {
      small = await TestStack.start({ withLocationAccess: false, env: { SCIM_BODY_LIMIT_BYTES: '4096' } });
    });

    afterAll(async () => {
      await small.close();
    });

    it('returns 413 above the limit', async () => {
      const smallTenant = await small.createTenant();
      const body = oktaUser(undefined, { description: 'x'.repeat(5000) });

      const response = await smallTenant.scim.post('/scim/v2/Users', body);

      expectScimError(response, 413);
      expect(response.body.detail).toContain('4096');
      const list = await smallTenant.scim.get('/scim/v2/Users');
      expectListResponse(list, 0);
    });

    it('accepts a body below the limit', async () => {
      const smallTenant = await small.createTenant();
      const body = oktaUser(undefined, { description: 'x'.repeat(2000) });

      const response = await smallTenant.scim.post('/scim/v2/Users', body);

      expect(response.status).toBe(201);
      expect(response.body.description).toHaveLength(2000);
    });
  });

  describe('routes', () => {
    it('returns 404 for an unknown route', async () => {
      const response = await tenant.scim.get('/scim/v2/Widgets');

      expectScimError(response, 404);
      expect(response.body.detail).toContain('/scim/v2/Widgets');
    });

    it('returns 405 with Allow', async () => {
      const user = await createUser();
      const cases: [string, string, string][] = [
        ['DELETE', '/scim/v2/Users', 'GET, POST'],
        ['PUT', '/scim/v2/Groups', 'GET, POST'],
        ['POST', `/scim/v2/Users/${user.id}`, 'GET, PUT, PATCH, DELETE'],
        ['DELETE', '/scim/v2/ServiceProviderConfig', 'GET'],
      ];
      for (const [method, path, allow] of cases) {
        const response = await tenant.scim.request(method, path, method === 'POST' || method === 'PUT' ? { body: {} } : {});
        expectScimError(response, 405);
        expect(response.headers.get('allow')).toBe(allow);
        expect(response.body.detail).toContain(method);
      }
      const read = await tenant.scim.get(`/scim/v2/Users/${user.id}`);
      expect(read.status).toBe(200);
    });
  });

  describe('list parameters', () => {
    let listTenant: Tenant;
    const created: Record<string, any>[] = [];

    beforeAll(async () => {
      listTenant = await stack.createTenant();
      for (const userName of ['ann@example.com', 'joann@example.com', 'anna@example.com']) {
        const response = await listTenant.scim.post('/scim/v2/Users', oktaUser(userName));
        expect(response.status).toBe(201);
        created.push(response.body);
      }
    });

    it('rejects a malformed filter', async () => {
      for (const filter of ['userName eq', 'userName equals "ann@example.com"', 'userName eq "unterminated', '(userName eq "x"']) {
        const response = await listTenant.scim.get(`/scim/v2/Users?${filterQuery(filter)}`);
        expectScimError(response, 400, 'invalidFilter');
      }
    });

    it('rejects U+0000 in a filter value', async () => {
      for (const filter of ['userName eq "ann\u0000@example.com"', 'userName eq "ann\\u0000@example.com"']) {
        const response = await listTenant.scim.get(`/scim/v2/Users?${filterQuery(filter)}`);
        expectScimError(response, 400, 'invalidFilter');
        expect(response.body.detail).toContain('U+0000');
      }
    });

    it('rejects an unsupported filter attribute', async () => {
      const response = await listTenant.scim.get(`/scim/v2/Users?${filterQuery('nickName eq "Bo"')}`);

      expectScimError(response, 400, 'invalidFilter');
      expect(response.body.detail).toContain('nickName');
      expect(response.body.detail).toContain('userName, externalId, active, displayName');
    });

    it('reads startIndex=0 as 1', async () => {
      const response = await listTenant.scim.get('/scim/v2/Users?startIndex=0&count=2');

      const resources = expectListResponse(response, 3, 1);
      expect(resources.map((resource) => resource.id)).toEqual([created[0].id, created[1].id]);
    });

    it('returns no resources for count=0', async () => {
      const response = await listTenant.scim.get('/scim/v2/Users?count=0');

      expect(expectListResponse(response, 3, 1)).toEqual([]);
      expect(response.body.itemsPerPage).toBe(0);
    });

    it('rejects count=abc', async () => {
      const response = await listTenant.scim.get('/scim/v2/Users?count=abc');

      expectScimError(response, 400, 'invalidValue');
      expect(response.body.detail).toContain('count');
      expect(response.body.detail).toContain('abc');
    });

    it('matches eq exactly, not as substring', async () => {
      const response = await listTenant.scim.get(`/scim/v2/Users?${filterQuery('userName eq "ann@example.com"')}`);

      const resources = expectListResponse(response, 1);
      expect(resources[0].id).toBe(created[0].id);
    });

    it('matches co as substring', async () => {
      const response = await listTenant.scim.get(`/scim/v2/Users?${filterQuery('userName co "ann"')}`);

      expect(expectListResponse(response, 3).map((resource) => resource.id)).toEqual(created.map((user) => user.id));
    });
  });

  describe('quoted filter values', () => {
    it('matches spaces, quotes and accents', async () => {
      const quotesTenant = await stack.createTenant();
      const values = ['Office Team Paris', 'The "Quoted" Team', 'Équipe Zoë Müller', 'Back\\slash Team'];
      const ids: string[] = [];
      for (const displayName of values) {
        const response = await quotesTenant.scim.post('/scim/v2/Groups', { displayName });
        expect(response.status).toBe(201);
        ids.push(response.body.id);
      }

      for (const [index, displayName] of values.entries()) {
        const filter = `displayName eq ${JSON.stringify(displayName)}`;
        const response = await quotesTenant.scim.get(`/scim/v2/Groups?${filterQuery(filter)}`);
        const resources = expectListResponse(response, 1);
        expect(resources[0].id).toBe(ids[index]);
        expect(resources[0].displayName).toBe(displayName);
      }
    });

    it('matches an accented userName', async () => {
      const accentTenant = await stack.createTenant();
      const userName = `José.García.${randomUUID().slice(0, 6)}@example.com`;
      const created = await accentTenant.scim.post('/scim/v2/Users', oktaUser(userName));
      expect(created.status).toBe(201);
      expect(created.body.userName).toBe(userName);

      const response = await accentTenant.scim.get(`/scim/v2/Users?${filterQuery(`userName eq "${userName.toUpperCase()}"`)}`);

      expect(expectListResponse(response, 1)[0].id).toBe(created.body.id);
    });
  });

  describe('group membership', () => {
    it('rejects an unknown member id', async () => {
      const alice = await createUser();
      const bob = await createUser();
      const group = await tenant.scim.post('/scim/v2/Groups', { displayName: 'Unknown Member', members: [{ value: alice.id }] });
      expect(group.status).toBe(201);
      const unknown = randomUUID();

      const response = await tenant.scim.patch(
        `/scim/v2/Groups/${group.body.id}`,
        patchBody(
          { op: 'remove', path: `members[value eq "${alice.id}"]` },
          { op: 'add', path: 'members', value: [{ value: bob.id }, { value: unknown }] },
        ),
      );

      expectScimError(response, 400, 'invalidValue');
      expect(response.body.detail).toContain(unknown);
      expect(response.body.detail).not.toContain(bob.id);
      const read = await tenant.scim.get(`/scim/v2/Groups/${group.body.id}`);
      expect(memberIds(read.body)).toEqual([alice.id]);
    });

    it('rejects a non-UUID member id', async () => {
      const group = await tenant.scim.post('/scim/v2/Groups', { displayName: 'Bad Member' });
      expect(group.status).toBe(201);

      const response = await tenant.scim.patch(`/scim/v2/Groups/${group.body.id}`, patchBody({ op: 'add', path: 'members', value: [{ value: '010101' }] }));

      expectScimError(response, 400, 'invalidValue');
      expect(response.body.detail).toContain('010101');
      const read = await tenant.scim.get(`/scim/v2/Groups/${group.body.id}`);
      expect(read.body.members).toEqual([]);
    });
  });

  describe('PATCH requests', () => {
    it('rejects op move', async () => {
      const user = await createUser();

      const response = await tenant.scim.patch(`/scim/v2/Users/${user.id}`, patchBody({ op: 'move', path: 'displayName', value: 'Moved' }));

      expectScimError(response, 400, 'invalidSyntax');
      expect(response.body.detail).toContain('move');
      const read = await tenant.scim.get(`/scim/v2/Users/${user.id}`);
      expect(read.body.displayName).toBe(user.displayName);
    });

    it('rejects a bad path without changes', async () => {
      const user = await createUser();

      const response = await tenant.scim.patch(
        `/scim/v2/Users/${user.id}`,
        patchBody({ op: 'replace', path: 'displayName', value: 'First Op' }, { op: 'replace', path: 'emails[type eq "work"', value: 'x' }),
      );

      expectScimError(response, 400, 'invalidPath');
      const read = await tenant.scim.get(`/scim/v2/Users/${user.id}`);
      expect(read.body.displayName).toBe(user.displayName);
    });

    it('rejects a change of a read-only attribute', async () => {
      const user = await createUser();

      const response = await tenant.scim.patch(`/scim/v2/Users/${user.id}`, patchBody({ op: 'replace', path: 'id', value: randomUUID() }));

      expectScimError(response, 400, 'mutability');
      expect((await tenant.scim.get(`/scim/v2/Users/${user.id}`)).status).toBe(200);
    });

    it('rejects a userName taken by another user', async () => {
      const first = await createUser();
      const second = await createUser();

      const response = await tenant.scim.patch(
        `/scim/v2/Users/${second.id}`,
        patchBody({ op: 'replace', path: 'userName', value: first.userName.toUpperCase() }),
      );

      expectScimError(response, 409, 'uniqueness');
      const read = await tenant.scim.get(`/scim/v2/Users/${second.id}`);
      expect(read.body.userName).toBe(second.userName);
    });

    it('rejects a body without Operations', async () => {
      const user = await createUser();

      const response = await tenant.scim.patch(`/scim/v2/Users/${user.id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'] });

      expectScimError(response, 400, 'invalidSyntax');
      expect(response.body.detail).toContain('Operations');
    });
  });

  describe('discovery', () => {
    function expectScimJson(response: TestResponse): void {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/scim\+json/);
    }

    it('describes the service provider', async () => {
      const response = await stack.http.get('/scim/v2/ServiceProviderConfig');

      expectScimJson(response);
      expect(response.body.schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig']);
      expect(response.body.patch.supported).toBe(true);
      expect(response.body.bulk.supported).toBe(false);
      expect(response.body.filter.supported).toBe(true);
      expect(response.body.filter.maxResults).toBeGreaterThan(0);
      expect(response.body.sort.supported).toBe(false);
      expect(response.body.etag.supported).toBe(false);
      expect(response.body.changePassword.supported).toBe(false);
      expect(response.body.authenticationSchemes[0].type).toBe('oauthbearertoken');
    });

    it('lists the resource types', async () => {
      const response = await stack.http.get('/scim/v2/ResourceTypes');

      const resources = expectListResponse(response, 2);
      const user = resources.find((resource) => resource.id === 'User');
      const group = resources.find((resource) => resource.id === 'Group');
      expect(user).toMatchObject({ name: 'User', endpoint: '/Users', schema: USER_SCHEMA });
      expect(user?.schemaExtensions).toEqual([{ schema: ENTERPRISE_USER_SCHEMA, required: false }]);
      expect(group).toMatchObject({ name: 'Group', endpoint: '/Groups', schema: GROUP_SCHEMA });

      const single = await stack.http.get('/scim/v2/ResourceTypes/User');
      expectScimJson(single);
      expect(single.body.id).toBe('User');
    });

    it('lists the schemas', async () => {
      const response = await stack.http.get('/scim/v2/Schemas');

      const resources = expectListResponse(response, 3);
      expect(resources.map((schema) => schema.id).sort()).toEqual([ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA].sort());
      const user = resources.find((schema) => schema.id === USER_SCHEMA);
      const userName = user?.attributes.find((attribute: { name: string }) => attribute.name === 'userName');
      expect(userName).toMatchObject({ type: 'string', required: true, uniqueness: 'server', caseExact: false });
    });

    it('returns one schema by URN', async () => {
      const response = await stack.http.get(`/scim/v2/Schemas/${ENTERPRISE_USER_SCHEMA}`);

      expectScimJson(response);
      expect(response.body.id).toBe(ENTERPRISE_USER_SCHEMA);
      const names = response.body.attributes.map((attribute: { name: string }) => attribute.name);
      expect(names).toEqual(expect.arrayContaining(['employeeNumber', 'department', 'manager']));
    });

    it('returns 404 for an unknown schema', async () => {
      const response = await stack.http.get('/scim/v2/Schemas/urn:example:unknown');

      expectScimError(response, 404);
      expect(response.body.detail).toContain('urn:example:unknown');
    });
  });
});
