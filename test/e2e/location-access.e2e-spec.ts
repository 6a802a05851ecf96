import { EventCollector } from '../support/event-collector';
import { TestStack, Tenant, oktaUser, patchBody } from '../support/stack';
import { sleep, waitFor } from '../support/wait-for';

describe('location access', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await TestStack.start();
  });

  afterAll(async () => {
    await stack.close();
  });

  interface Scenario {
    tenant: Tenant;
    events: EventCollector;
    locations: { hq: string; lab: string };
    createUser: () => Promise<string>;
    createGroup: (name: string, memberIds?: string[]) => Promise<string>;
    expectAccess: (expected: string[]) => Promise<void>;
  }

  async function scenario(): Promise<Scenario> {
    const tenant = await stack.createTenant();
    const events = await EventCollector.start(stack.config.natsUrl, tenant.companyId);
    const locations = {
      hq: await stack.createLocation(tenant.companyId, 'HQ'),
      lab: await stack.createLocation(tenant.companyId, 'Lab'),
    };
    return {
      tenant,
      events,
      locations,
      createUser: async () => {
        const response = await tenant.scim.post('/scim/v2/Users', oktaUser());
        expect(response.status).toBe(201);
        return response.body.id as string;
      },
      createGroup: async (name, memberIds = []) => {
        const response = await tenant.scim.post('/scim/v2/Groups', { displayName: name, members: memberIds.map((value) => ({ value })) });
        expect(response.status).toBe(201);
        return response.body.id as string;
      },
      expectAccess: async (expected) => {
        const want = [...expected].sort();
        await waitFor(`access ${JSON.stringify(want)}`, async () => {
          const pairs = await stack.accessPairs(tenant.companyId);
          return JSON.stringify(pairs) === JSON.stringify(want) ? pairs : undefined;
        });
      },
    };
  }

  it('grants access when a mapped group gains a member', async () => {
    const s = await scenario();
    const alice = await s.createUser();
    const group = await s.createGroup('Engineering');
    await stack.mapGroup(s.tenant.companyId, group, [s.locations.hq]);

    const patch = await s.tenant.scim.patch(`/scim/v2/Groups/${group}`, patchBody({ op: 'add', path: 'members', value: [{ value: alice }] }));
    expect(patch.status).toBe(204);
    await s.expectAccess([`${alice}:${s.locations.hq}`]);

    const accessEvent = await waitFor('access event', () => s.events.ofType('access.user.changed').find((event) => event.data.userId === alice));
    expect(accessEvent.data).toEqual({ userId: alice, locationIds: [s.locations.hq], added: [s.locations.hq], removed: [] });
    expect(accessEvent.natsSubject).toBe(`access.${s.tenant.companyId}.user.changed`);
    await s.events.stop();
  });

  it('grants access to existing members when a mapping is set', async () => {
    const s = await scenario();
    const alice = await s.createUser();
    const bob = await s.createUser();
    const group = await s.createGroup('Sales', [alice, bob]);
    await sleep(300);
    expect(await stack.accessPairs(s.tenant.companyId)).toEqual([]);

    await stack.mapGroup(s.tenant.companyId, group, [s.locations.hq, s.locations.lab]);
    await s.expectAccess([
      `${alice}:${s.locations.hq}`,
      `${alice}:${s.locations.lab}`,
      `${bob}:${s.locations.hq}`,
      `${bob}:${s.locations.lab}`,
    ]);

    await stack.mapGroup(s.tenant.companyId, group, [s.locations.lab]);
    await s.expectAccess([`${alice}:${s.locations.lab}`, `${bob}:${s.locations.lab}`]);
    await s.events.stop();
  });

  it('removes access on member removal by filter path', async () => {
    const s = await scenario();
    const alice = await s.createUser();
    const bob = await s.createUser();
    const group = await s.createGroup('Support', [alice, bob]);
    await stack.mapGroup(s.tenant.companyId, group, [s.locations.hq]);
    await s.expectAccess([`${alice}:${s.locations.hq}`, `${bob}:${s.locations.hq}`]);

    const patch = await s.tenant.scim.patch(`/scim/v2/Groups/${group}`, patchBody({ op: 'remove', path: `members[value eq "${alice}"]` }));
    expect(patch.status).toBe(204);
    await s.expectAccess([`${bob}:${s.locations.hq}`]);
    const removal = await waitFor('removal event', () =>
      s.events.ofType('access.user.changed').find((event) => event.data.userId === alice && event.data.removed.length === 1),
    );
    expect(removal.data).toEqual({ userId: alice, locationIds: [], added: [], removed: [s.locations.hq] });
    await s.events.stop();
  });

  it('keeps access through a second group for the same location', async () => {
    const s = await scenario();
    const alice = await s.createUser();
    const first = await s.createGroup('Team A', [alice]);
    const second = await s.createGroup('Team B', [alice]);
    await stack.mapGroup(s.tenant.companyId, first, [s.locations.hq]);
    await stack.mapGroup(s.tenant.companyId, second, [s.locations.hq]);
    await waitFor('both groups recorded', async () => {
      const rows = await stack.query(`SELECT group_ids FROM user_location_access WHERE user_id = $1`, [alice]);
      return rows.length === 1 && rows[0].group_ids.length === 2;
    });

    await s.tenant.scim.patch(`/scim/v2/Groups/${first}`, patchBody({ op: 'remove', path: `members[value eq "${alice}"]` }));
    await waitFor('group A no longer recorded', async () => {
      const rows = await stack.query(`SELECT group_ids FROM user_location_access WHERE user_id = $1`, [alice]);
      return rows.length === 1 && rows[0].group_ids.length === 1 && rows[0].group_ids[0] === second;
    });
    expect(await stack.accessPairs(s.tenant.companyId)).toEqual([`${alice}:${s.locations.hq}`]);
    await sleep(300);
    const aliceEvents = s.events.ofType('access.user.changed').filter((event) => event.data.userId === alice);
    expect(aliceEvents).toHaveLength(1);
    await s.events.stop();
  });

  it('follows deactivation, reactivation and deletion', async () => {
    const s = await scenario();
    const alice = await s.createUser();
    const group = await s.createGroup('Ops', [alice]);
    await stack.mapGroup(s.tenant.companyId, group, [s.locations.lab]);
    await s.expectAccess([`${alice}:${s.locations.lab}`]);

    const deactivate = await s.tenant.scim.patch(`/scim/v2/Users/${alice}`, patchBody({ op: 'replace', value: { active: false } }));
    expect(deactivate.status).toBe(200);
    expect(deactivate.body.active).toBe(false);
    await s.expectAccess([]);

    const reactivate = await s.tenant.scim.patch(`/scim/v2/Users/${alice}`, patchBody({ op: 'replace', value: { active: true } }));
    expect(reactivate.body.active).toBe(true);
    await s.expectAccess([`${alice}:${s.locations.lab}`]);

    expect((await s.tenant.scim.delete(`/scim/v2/Users/${alice}`)).status).toBe(204);
    await s.expectAccess([]);

    const changes = await waitFor('four access events', () => {
      const found = s.events.ofType('access.user.changed').filter((event) => event.data.userId === alice);
      return found.length === 4 ? found : undefined;
    });
    expect(changes.map((event) => event.data.locationIds)).toEqual([[s.locations.lab], [], [s.locations.lab], []]);
    const versions = changes.map((event) => event.resourceversion);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    expect(new Set(versions).size).toBe(4);
    await s.events.stop();
  });

  it('removes access when the group is deleted', async () => {
    const s = await scenario();
    const alice = await s.createUser();
    const group = await s.createGroup('Temp', [alice]);
    await stack.mapGroup(s.tenant.companyId, group, [s.locations.hq]);
    await s.expectAccess([`${alice}:${s.locations.hq}`]);

    expect((await s.tenant.scim.delete(`/scim/v2/Groups/${group}`)).status).toBe(204);
    await s.expectAccess([]);
    await s.events.stop();
  });

  it('removes access when the location is deleted', async () => {
    const s = await scenario();
    const alice = await s.createUser();
    const group = await s.createGroup('Everyone', [alice]);
    await stack.mapGroup(s.tenant.companyId, group, [s.locations.hq, s.locations.lab]);
    await s.expectAccess([`${alice}:${s.locations.hq}`, `${alice}:${s.locations.lab}`]);

    const deleted = await stack.admin.delete(`/admin/v1/companies/${s.tenant.companyId}/locations/${s.locations.lab}`);
    expect(deleted.status).toBe(204);
    await s.expectAccess([`${alice}:${s.locations.hq}`]);
    await s.events.stop();
  });

  it('replaces members with an empty list', async () => {
    const s = await scenario();
    const alice = await s.createUser();
    const bob = await s.createUser();
    const group = await s.createGroup('Push now', [alice, bob]);
    await stack.mapGroup(s.tenant.companyId, group, [s.locations.hq]);
    await s.expectAccess([`${alice}:${s.locations.hq}`, `${bob}:${s.locations.hq}`]);

    const patch = await s.tenant.scim.patch(`/scim/v2/Groups/${group}`, patchBody({ op: 'replace', path: 'members', value: [] }));
    expect(patch.status).toBe(204);
    await s.expectAccess([]);
    await s.events.stop();
  });
});
