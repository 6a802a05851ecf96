import { join } from 'node:path';
import { OKTA_SESSION_FIXTURE, buildOktaSession, findRepositoryRoot } from '../../scripts/generate-okta-session';
import { RecordedSession, SessionExpectation, loadRecordedSession, replayRecordedSession } from '../../scripts/okta-replay';
import { EventCollector } from '../support/event-collector';
import { TestStack, Tenant } from '../support/stack';
import { sleep, waitFor } from '../support/wait-for';

type CollectedEvent = EventCollector['events'][number];

/** Extra time after the events settled in which a duplicate or unexpected event would still show up. */
const QUIET_PERIOD_MS = 1500;
const SETTLE_TIMEOUT_MS = 30_000;

/**
 * Sorted `userId:locationId` pairs that the access rule gives: a user reaches a location when it
 * is active, a member of a group, and that group is mapped to the location.
 */
function accessByRule(expected: SessionExpectation, userId: (userName: string) => string, locationId: (name: string) => string): string[] {
  const active = new Map(expected.users.map((user) => [user.userName, user.active]));
  const pairs = new Set<string>();
  for (const group of expected.groups) {
    for (const member of group.members) {
      if (active.get(member) !== true) continue;
      for (const location of group.locations) pairs.add(`${userId(member)}:${locationId(location)}`);
    }
  }
  return [...pairs].sort();
}

/** Location ids of each user's most recent `access.user.changed` event. */
function lastAccessPerUser(events: CollectedEvent[]): Map<string, string[]> {
  const latest = new Map<string, string[]>();
  for (const event of events) latest.set(event.data.userId, [...event.data.locationIds].sort());
  return latest;
}

/** Groups `userId:locationId` pairs by user id, for comparing with the access events. */
function accessPerUser(pairs: string[]): Map<string, string[]> {
  const perUser = new Map<string, string[]>();
  for (const pair of pairs) {
    const [userId, locationId] = pair.split(':');
    perUser.set(userId, [...(perUser.get(userId) ?? []), locationId].sort());
  }
  return perUser;
}

function countByType(events: CollectedEvent[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const event of events) {
    const name = event.type.replace(/^com\.zerocater\./, '');
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}

const sorted = (values: string[]) => [...values].sort();

describe('Okta session replay', () => {
  const session: RecordedSession = loadRecordedSession(join(findRepositoryRoot(), OKTA_SESSION_FIXTURE));
  const expected = session.expected;

  let stack: TestStack;
  let tenant: Tenant;
  let events: EventCollector;
  let ids: Record<string, string>;
  const locationIds = new Map<string, string>();

  const userId = (userName: string) => {
    const id = ids[`user:${userName}`];
    if (id === undefined) throw new Error(`The replay captured no id for user ${userName}.`);
    return id;
  };
  const groupId = (key: string) => {
    const id = ids[`group:${key}`];
    if (id === undefined) throw new Error(`The replay captured no id for group ${key}.`);
    return id;
  };
  const locationId = (name: string) => {
    const id = locationIds.get(name);
    if (id === undefined) throw new Error(`Location ${name} was not created.`);
    return id;
  };
  const expectedPairs = () => accessByRule(expected, userId, locationId);
  const accessEvents = () => events.ofType('access.user.changed');
  const provisioningEvents = () => events.events.filter((event) => event.natsSubject.startsWith('provisioning.'));

  beforeAll(async () => {
    stack = await TestStack.start();
    tenant = await stack.createTenant(`Okta replay ${Date.now()}`);
    events = await EventCollector.start(stack.config.natsUrl, tenant.companyId);
    for (const name of expected.locations) locationIds.set(name, await stack.createLocation(tenant.companyId, name));

    const result = await replayRecordedSession(session, { baseUrl: `${stack.baseUrl}/scim/v2`, token: tenant.token });
    ids = result.ids;

    for (const group of expected.groups) {
      await stack.mapGroup(tenant.companyId, groupId(group.key), group.locations.map(locationId));
    }

    // A timeout here is not fatal: the tests below then show what differs from the expectation.
    const want = expectedPairs();
    await waitFor(
      'user_location_access to match the access rule',
      async () => JSON.stringify(sorted(await stack.accessPairs(tenant.companyId))) === JSON.stringify(want),
      SETTLE_TIMEOUT_MS,
    ).catch(() => undefined);
    const wantPerUser = accessPerUser(want);
    await waitFor(
      'the access events to reach the final access of every user',
      () => {
        const latest = lastAccessPerUser(accessEvents());
        return [...wantPerUser].every(([user, locations]) => JSON.stringify(latest.get(user)) === JSON.stringify(locations));
      },
      SETTLE_TIMEOUT_MS,
    ).catch(() => undefined);
    await sleep(QUIET_PERIOD_MS);
  }, 3 * SETTLE_TIMEOUT_MS);

  afterAll(async () => {
    await events?.stop();
    await stack?.close();
  });

  it('fixture matches its generator', () => {
    expect(session).toEqual(buildOktaSession());
  });

  it('access table follows the rule', async () => {
    expect(sorted(await stack.accessPairs(tenant.companyId))).toEqual(expectedPairs());
  });

  it('access rule grants something and withholds something', () => {
    // Guards the fixture: a session in which everyone or no one gets access would prove little.
    const usersWithAccess = new Set(expectedPairs().map((pair) => pair.split(':')[0]));
    expect(usersWithAccess.size).toBeGreaterThan(0);
    expect(usersWithAccess.size).toBeLessThan(expected.users.length);
  });

  it('database holds the final memberships', async () => {
    const rows = await stack.query<{ display_name: string; user_name: string }>(
      `SELECT g.display_name, u.user_name FROM group_members gm
       JOIN groups g ON g.id = gm.group_id JOIN users u ON u.id = gm.user_id
       WHERE g.company_id = $1`,
      [tenant.companyId],
    );
    const actual: Record<string, string[]> = {};
    for (const row of rows) actual[row.display_name] = [...(actual[row.display_name] ?? []), row.user_name].sort();
    const expectedMembers = Object.fromEntries(expected.groups.map((group) => [group.displayName, sorted(group.members)]));
    expect(actual).toEqual(expectedMembers);
  });

  it('database holds only the remaining groups', async () => {
    const rows = await stack.query<{ id: string; display_name: string }>(`SELECT id, display_name FROM groups WHERE company_id = $1`, [tenant.companyId]);
    expect(sorted(rows.map((row) => row.display_name))).toEqual(sorted(expected.groups.map((group) => group.displayName)));
    expect(sorted(rows.map((row) => row.id))).toEqual(sorted(expected.groups.map((group) => groupId(group.key))));
  });

  it('database holds each user with its activity', async () => {
    const rows = await stack.query<{ id: string; user_name: string; active: boolean }>(
      `SELECT id, user_name, active FROM users WHERE company_id = $1`,
      [tenant.companyId],
    );
    const actual = Object.fromEntries(rows.map((row) => [row.user_name, { id: row.id, active: row.active }]));
    const expectedUsers = Object.fromEntries(expected.users.map((user) => [user.userName, { id: userId(user.userName), active: user.active }]));
    expect(actual).toEqual(expectedUsers);
  });

  it('provisioning events have the expected counts', () => {
    const membersAdded = expected.membershipChanges.filter((change) => change.added.length > 0).length;
    const membersRemoved = expected.membershipChanges.filter((change) => change.removed.length > 0).length;
    expect(countByType(provisioningEvents())).toEqual({
      'provisioning.location.created': expected.locations.length,
      'provisioning.user.created': expected.users.length,
      'provisioning.user.updated': expected.profileUpdates.length,
      'provisioning.user.deactivated': expected.deactivated.length,
      'provisioning.user.reactivated': expected.reactivated.length,
      'provisioning.group.created': expected.groups.length + expected.deletedGroups.length,
      'provisioning.group.updated': expected.renamedGroups.length,
      'provisioning.group.members.added': membersAdded,
      'provisioning.group.members.removed': membersRemoved,
      'provisioning.group.deleted': expected.deletedGroups.length,
      'provisioning.mapping.changed': expected.groups.filter((group) => group.locations.length > 0).length,
    });
    expect(expected.users).toHaveLength(50);
  });

  it('user.created covers every user', () => {
    const created = events.ofType('provisioning.user.created').map((event) => event.data.user);
    expect(sorted(created.map((user) => user.id))).toEqual(sorted(expected.users.map((user) => userId(user.userName))));
    expect(sorted(created.map((user) => user.userName))).toEqual(sorted(expected.users.map((user) => user.userName)));
  });

  it('user.updated reports the profile update', () => {
    const updated = events.ofType('provisioning.user.updated');
    expect(updated.map((event) => ({ userId: event.data.user.id, changes: event.data.changes }))).toEqual(
      expected.profileUpdates.map((update) => ({ userId: userId(update.userName), changes: update.changes })),
    );
  });

  it('user.deactivated and user.reactivated name the user', () => {
    const deactivated = events.ofType('provisioning.user.deactivated').map((event) => event.data.user);
    const reactivated = events.ofType('provisioning.user.reactivated').map((event) => event.data.user);
    expect(deactivated.map((user) => [user.id, user.active])).toEqual(expected.deactivated.map((userName) => [userId(userName), false]));
    expect(reactivated.map((user) => [user.id, user.active])).toEqual(expected.reactivated.map((userName) => [userId(userName), true]));
  });

  it('group.created and group.updated follow pushes and rename', () => {
    const pushed = [...expected.groups, ...expected.deletedGroups].map((group) => group.key);
    const created = events.ofType('provisioning.group.created').map((event) => event.data.group);
    expect(sorted(created.map((group) => group.id))).toEqual(sorted(pushed.map(groupId)));
    expect(sorted(created.map((group) => group.displayName))).toEqual(sorted(pushed));

    const updated = events.ofType('provisioning.group.updated').map((event) => ({ id: event.data.group.id, changes: event.data.changes }));
    expect(updated).toEqual(
      expected.renamedGroups.map((rename) => ({
        id: groupId(rename.key),
        changes: { displayName: { previous: rename.previous, current: rename.current } },
      })),
    );
  });

  it('membership events carry the changed user ids', () => {
    const asIds = (change: { group: string; userNames: string[] }) => ({ groupId: groupId(change.group), userIds: sorted(change.userNames.map(userId)) });
    const fromEvents = (type: string) => events.ofType(type).map((event) => ({ groupId: event.data.groupId, userIds: sorted(event.data.userIds) }));

    const expectedAdded = expected.membershipChanges.filter((change) => change.added.length > 0).map((change) => asIds({ group: change.group, userNames: change.added }));
    const expectedRemoved = expected.membershipChanges
      .filter((change) => change.removed.length > 0)
      .map((change) => asIds({ group: change.group, userNames: change.removed }));
    expect(fromEvents('provisioning.group.members.added')).toEqual(expectedAdded);
    expect(fromEvents('provisioning.group.members.removed')).toEqual(expectedRemoved);
  });

  it('group.deleted lists the former members', () => {
    const deleted = events.ofType('provisioning.group.deleted').map((event) => ({ id: event.data.group.id, memberIds: sorted(event.data.memberIds) }));
    expect(deleted).toEqual(expected.deletedGroups.map((group) => ({ id: groupId(group.key), memberIds: sorted(group.members.map(userId)) })));
  });

  it('mapping.changed follows each mapped group', () => {
    const mapped = events.ofType('provisioning.mapping.changed').map((event) => ({ groupId: event.data.groupId, locationIds: sorted(event.data.locationIds) }));
    const expectedMappings = expected.groups
      .filter((group) => group.locations.length > 0)
      .map((group) => ({ groupId: groupId(group.key), locationIds: sorted(group.locations.map(locationId)) }));
    expect(sorted(mapped.map((entry) => JSON.stringify(entry)))).toEqual(sorted(expectedMappings.map((entry) => JSON.stringify(entry))));
  });

  it('access events end at the expected access', () => {
    const latest = lastAccessPerUser(accessEvents());
    expect(Object.fromEntries(latest)).toEqual(Object.fromEntries(accessPerUser(expectedPairs())));
  });

  it('access events use the company subject', () => {
    const subjects = new Set(accessEvents().map((event) => event.natsSubject));
    expect([...subjects]).toEqual([`access.${tenant.companyId}.user.changed`]);
  });

  it('events belong to the company', () => {
    const companies = new Set(events.events.map((event) => event.companyid));
    expect([...companies]).toEqual([tenant.companyId]);
  });

  it('no event id arrives twice', () => {
    const seen = new Map<string, number>();
    for (const event of events.events) seen.set(event.id, (seen.get(event.id) ?? 0) + 1);
    const repeated = [...seen].filter(([, count]) => count > 1);
    expect(repeated).toEqual([]);
  });
});
