import { randomUUID } from 'node:crypto';
import { EventCollector } from '../support/event-collector';
import { HttpClient } from '../support/http-client';
import { expectListResponse, memberIds } from '../support/scim-assertions';
import { TestStack, Tenant, patchBody } from '../support/stack';
import { waitFor } from '../support/wait-for';

describe('SCIM group membership at scale', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await TestStack.start({ withLocationAccess: false });
  });

  afterAll(async () => {
    await stack.close();
  });

  interface Scenario {
    tenant: Tenant;
    events: EventCollector;
  }

  const scenarios: Scenario[] = [];

  afterEach(async () => {
    for (const scenario of scenarios.splice(0)) await scenario.events.stop();
  });

  async function scenario(): Promise<Scenario> {
    const tenant = await stack.createTenant();
    const events = await EventCollector.start(stack.config.natsUrl, tenant.companyId);
    const created = { tenant, events };
    scenarios.push(created);
    return created;
  }

  /** Inserts users straight into the table, which is far faster than 1,000 SCIM requests, and returns their ids in order. */
  async function insertUsers(companyId: string, count: number): Promise<string[]> {
    const prefix = randomUUID().slice(0, 8);
    const rows = await stack.query<{ id: string }>(
      `INSERT INTO users (company_id, user_name, display_name, resource)
       SELECT $1, u.user_name, 'Scale User ' || n, jsonb_build_object('userName', u.user_name, 'displayName', 'Scale User ' || n, 'active', true)
       FROM generate_series(1, $2::int) AS n, LATERAL (SELECT 'scale.' || $3 || '.' || n || '@example.com' AS user_name) AS u
       ORDER BY n
       RETURNING id`,
      [companyId, count, prefix],
    );
    expect(rows).toHaveLength(count);
    return rows.map((row) => row.id);
  }

  async function createGroup(scim: HttpClient, displayName: string, members: string[] = []): Promise<string> {
    const response = await scim.post('/scim/v2/Groups', { displayName, members: members.map((value) => ({ value })) });
    expect(response.status).toBe(201);
    return response.body.id;
  }

  async function groupMembers(scim: HttpClient, groupId: string): Promise<string[]> {
    const response = await scim.get(`/scim/v2/Groups/${groupId}`);
    expect(response.status).toBe(200);
    return memberIds(response.body);
  }

  /** Collects the user ids of the company's events of `type` for one group, in arrival order. */
  function eventUserIds(events: EventCollector, type: 'group.members.added' | 'group.members.removed', groupId: string): string[] {
    return events
      .ofType(type)
      .filter((event) => event.data.groupId === groupId)
      .flatMap((event) => event.data.userIds as string[]);
  }

  async function waitForEventIds(
    events: EventCollector,
    type: 'group.members.added' | 'group.members.removed',
    groupId: string,
    count: number,
  ): Promise<string[]> {
    return waitFor(`${count} user ids in ${type} events`, () => {
      const ids = eventUserIds(events, type, groupId);
      return ids.length >= count ? ids : undefined;
    });
  }

  it('adds 1,000 members in one PATCH', async () => {
    const { tenant, events } = await scenario();
    const userIds = await insertUsers(tenant.companyId, 1000);
    const groupId = await createGroup(tenant.scim, 'Everyone');

    const response = await tenant.scim.patch(
      `/scim/v2/Groups/${groupId}`,
      patchBody(
        { op: 'replace', value: { id: groupId, displayName: 'Everyone' } },
        { op: 'add', path: 'members', value: userIds.map((value, index) => ({ value, display: `Scale User ${index + 1}` })) },
      ),
    );

    expect(response.status).toBe(204);
    expect(await groupMembers(tenant.scim, groupId)).toEqual([...userIds].sort());
    const listed = await tenant.scim.get(`/scim/v2/Groups?filter=${encodeURIComponent('displayName eq "Everyone"')}`);
    expect(expectListResponse(listed, 1)[0].members).toHaveLength(1000);
    const summary = await stack.admin.get(`/admin/v1/companies/${tenant.companyId}/groups`);
    expect(summary.body).toEqual([expect.objectContaining({ id: groupId, memberCount: 1000 })]);

    const added = await waitForEventIds(events, 'group.members.added', groupId, 1000);
    expect([...added].sort()).toEqual([...userIds].sort());
    for (const event of events.ofType('group.members.added')) {
      expect(event.natsSubject).toBe(`provisioning.${tenant.companyId}.group.members.added`);
      expect(event.subject).toBe(`groups/${groupId}`);
    }
  });

  it('removes 1,000 members by filter in one PATCH', async () => {
    const { tenant, events } = await scenario();
    const userIds = await insertUsers(tenant.companyId, 1000);
    const groupId = await createGroup(tenant.scim, 'Leaving', userIds);
    const [stay, ...leave] = userIds;
    const newcomers = await insertUsers(tenant.companyId, 2);

    const started = Date.now();
    const response = await tenant.scim.patch(
      `/scim/v2/Groups/${groupId}`,
      patchBody(
        ...leave.map((id) => ({ op: 'remove', path: `members[value eq "${id}"]` })),
        { op: 'add', path: 'members', value: newcomers.map((value) => ({ value })) },
      ),
    );
    const elapsedMs = Date.now() - started;

    expect(response.status).toBe(204);
    // Okta gives up after 60 s, so a batch must finish well inside that to leave room for a slower production database.
    expect(elapsedMs).toBeLessThan(15_000);
    expect(await groupMembers(tenant.scim, groupId)).toEqual([stay, ...newcomers].sort());

    const removed = await waitForEventIds(events, 'group.members.removed', groupId, 999);
    expect([...removed].sort()).toEqual([...leave].sort());
    const added = await waitForEventIds(events, 'group.members.added', groupId, 1002);
    expect(added.slice(1000).sort()).toEqual([...newcomers].sort());
  });

  it('keeps every member of 10 concurrent PATCHes', async () => {
    const { tenant, events } = await scenario();
    const userIds = await insertUsers(tenant.companyId, 500);
    const groupId = await createGroup(tenant.scim, 'Concurrent');
    const batches = Array.from({ length: 10 }, (_, index) => userIds.slice(index * 50, (index + 1) * 50));

    const responses = await Promise.all(
      batches.map((batch) =>
        tenant.scim.patch(`/scim/v2/Groups/${groupId}`, patchBody({ op: 'add', path: 'members', value: batch.map((value) => ({ value })) })),
      ),
    );

    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(204));
    expect(await groupMembers(tenant.scim, groupId)).toEqual([...userIds].sort());
    const added = await waitForEventIds(events, 'group.members.added', groupId, 500);
    expect([...added].sort()).toEqual([...userIds].sort());
    const addedEvents = events.ofType('group.members.added').filter((event) => event.data.groupId === groupId);
    expect(addedEvents).toHaveLength(10);
    const versions = addedEvents.map((event) => event.resourceversion).sort((a, b) => a - b);
    expect(new Set(versions).size).toBe(10);
  });

  it('applies concurrent adds and removes', async () => {
    const { tenant, events } = await scenario();
    const initial = await insertUsers(tenant.companyId, 100);
    const joining = await insertUsers(tenant.companyId, 100);
    const groupId = await createGroup(tenant.scim, 'Churn', initial);
    const leaving = initial.slice(0, 50);
    const staying = initial.slice(50);

    const removals = Array.from({ length: 5 }, (_, index) => leaving.slice(index * 10, (index + 1) * 10)).map((batch) =>
      tenant.scim.patch(`/scim/v2/Groups/${groupId}`, patchBody(...batch.map((id) => ({ op: 'remove', path: `members[value eq "${id}"]` })))),
    );
    const additions = Array.from({ length: 5 }, (_, index) => joining.slice(index * 20, (index + 1) * 20)).map((batch) =>
      tenant.scim.patch(`/scim/v2/Groups/${groupId}`, patchBody({ op: 'add', path: 'members', value: batch.map((value) => ({ value })) })),
    );
    const entraRemoval = tenant.scim.patch(
      `/scim/v2/Groups/${groupId}`,
      patchBody({ op: 'Remove', path: 'members', value: staying.slice(0, 10).map((value) => ({ value })) }),
    );
    const responses = await Promise.all([...removals, ...additions, entraRemoval]);

    expect(responses.map((response) => response.status)).toEqual(Array(11).fill(204));
    const expected = [...staying.slice(10), ...joining].sort();
    expect(await groupMembers(tenant.scim, groupId)).toEqual(expected);

    const removed = await waitForEventIds(events, 'group.members.removed', groupId, 60);
    expect([...removed].sort()).toEqual([...leaving, ...staying.slice(0, 10)].sort());
    const added = await waitForEventIds(events, 'group.members.added', groupId, 200);
    expect(added.slice(100).sort()).toEqual([...joining].sort());
    expect(added.slice(0, 100).sort()).toEqual([...initial].sort());
  });

  it('never fails when members are deleted meanwhile', async () => {
    const { tenant } = await scenario();
    const outcomes = new Map<string, number>();

    for (let round = 0; round < 5; round += 1) {
      const userIds = await insertUsers(tenant.companyId, 20);
      const groupIds = await Promise.all([1, 2, 3].map((index) => createGroup(tenant.scim, `Race ${round}.${index}`)));
      const requests: Promise<string>[] = [];
      for (const userId of userIds) {
        for (const groupId of groupIds) {
          const add = patchBody({ op: 'add', path: 'members', value: [{ value: userId }] });
          requests.push(tenant.scim.patch(`/scim/v2/Groups/${groupId}`, add).then((response) => `PATCH ${response.status}`));
        }
        requests.push(tenant.scim.delete(`/scim/v2/Users/${userId}`).then((response) => `DELETE ${response.status}`));
      }
      for (const outcome of await Promise.all(requests)) outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);

      for (const groupId of groupIds) expect(await groupMembers(tenant.scim, groupId)).toEqual([]);
    }

    expect([...outcomes.keys()].filter((outcome) => !['PATCH 204', 'PATCH 400', 'DELETE 204'].includes(outcome))).toEqual([]);
    expect(outcomes.get('DELETE 204')).toBe(100);
  });

  it('emits only the net change of one PATCH', async () => {
    const { tenant, events } = await scenario();
    const [alice, bob, carol] = await insertUsers(tenant.companyId, 3);
    const groupId = await createGroup(tenant.scim, 'Net Change', [alice, bob]);
    await waitForEventIds(events, 'group.members.added', groupId, 2);

    const response = await tenant.scim.patch(
      `/scim/v2/Groups/${groupId}`,
      patchBody(
        { op: 'remove', path: `members[value eq "${alice}"]` },
        { op: 'add', path: 'members', value: [{ value: alice }, { value: carol }] },
        { op: 'remove', path: `members[value eq "${bob}"]` },
      ),
    );

    expect(response.status).toBe(204);
    expect(await groupMembers(tenant.scim, groupId)).toEqual([alice, carol].sort());
    const added = await waitForEventIds(events, 'group.members.added', groupId, 3);
    expect(added.slice(2)).toEqual([carol]);
    const removed = await waitForEventIds(events, 'group.members.removed', groupId, 1);
    expect(removed).toEqual([bob]);

    const replaced = await tenant.scim.put(`/scim/v2/Groups/${groupId}`, { displayName: 'Net Change', members: [{ value: bob }, { value: carol }] });
    expect(replaced.status).toBe(200);
    const removedAfterPut = await waitForEventIds(events, 'group.members.removed', groupId, 2);
    expect(removedAfterPut).toEqual([bob, alice]);
    const addedAfterPut = await waitForEventIds(events, 'group.members.added', groupId, 4);
    expect(addedAfterPut.slice(3)).toEqual([bob]);
  });
});
