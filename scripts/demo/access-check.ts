import { SessionExpectation } from '../okta-replay';
import { AdminClient } from './admin-client';
import { EventSubscriber } from './event-subscriber';
import { sameList } from './report';

const POLL_INTERVAL_MS = 250;

/** Location names per userName by the access rule: active AND member of a group AND that group mapped to the location. */
export function accessByRule(expected: SessionExpectation): Map<string, string[]> {
  const active = new Map(expected.users.map((user) => [user.userName, user.active]));
  const access = new Map<string, Set<string>>();
  for (const group of expected.groups) {
    for (const member of group.members) {
      if (active.get(member) !== true || group.locations.length === 0) continue;
      const locations = access.get(member) ?? new Set<string>();
      for (const location of group.locations) locations.add(location);
      access.set(member, locations);
    }
  }
  return new Map([...access].map(([userName, locations]) => [userName, [...locations].sort()]));
}

/**
 * Polls the admin API's user list of each location until the access equals `expectedByUserId`
 * (location ids per user id) on two polls in a row. Returns whether it did, and after how long.
 */
export async function waitForAccess(
  admin: AdminClient,
  companyId: string,
  locationIds: string[],
  expectedByUserId: Map<string, string[]>,
  timeoutMs: number,
): Promise<{ ok: boolean; ms: number }> {
  const expectedPairs = new Set<string>();
  for (const [userId, locations] of expectedByUserId) {
    for (const locationId of locations) expectedPairs.add(`${userId}:${locationId}`);
  }

  const startedAt = Date.now();
  let matchesInARow = 0;
  while (Date.now() - startedAt < timeoutMs) {
    const pairs = new Set<string>();
    for (const locationId of locationIds) {
      for (const userId of await admin.locationUserIds(companyId, locationId)) pairs.add(`${userId}:${locationId}`);
    }
    const equal = pairs.size === expectedPairs.size && [...pairs].every((pair) => expectedPairs.has(pair));
    matchesInARow = equal ? matchesInARow + 1 : 0;
    if (matchesInARow === 2) return { ok: true, ms: Date.now() - startedAt };
    await sleep(POLL_INTERVAL_MS);
  }
  return { ok: false, ms: Date.now() - startedAt };
}

/**
 * Waits until the latest `access.user.changed` event of each user lists the locations of
 * `expectedByUserId`. A user without expected access may have no event or one with no locations.
 * Returns whether that happened in time.
 */
export async function waitForAccessEvents(subscriber: EventSubscriber, expectedByUserId: Map<string, string[]>, timeoutMs: number): Promise<boolean> {
  const startedAt = Date.now();
  while (Date.now() - startedAt < timeoutMs) {
    const latest = new Map<string, string[]>();
    for (const event of subscriber.ofType('access.user.changed')) latest.set(event.data.userId, event.data.locationIds);
    const userIds = new Set([...latest.keys(), ...expectedByUserId.keys()]);
    if ([...userIds].every((userId) => sameList(latest.get(userId) ?? [], expectedByUserId.get(userId) ?? []))) return true;
    await sleep(POLL_INTERVAL_MS);
  }
  return false;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
