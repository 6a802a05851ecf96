/**
 * The event catalogue: every subject and payload that the apps publish. Producers and consumers
 * import these names and types; renaming one is a breaking change for subscribers.
 */

/** User attributes carried in user events. */
export interface UserSnapshot {
  id: string;
  userName: string;
  externalId: string | null;
  active: boolean;
  displayName: string | null;
  givenName: string | null;
  familyName: string | null;
  email: string | null;
}

export interface GroupSnapshot {
  id: string;
  displayName: string;
  externalId: string | null;
}

export interface LocationSnapshot {
  id: string;
  name: string;
}

/** Previous and current value of each attribute that an update changed. */
export type AttributeChanges = Record<string, { previous: unknown; current: unknown }>;

/** Payloads of the provisioning stream, keyed by the event name that ends the subject. */
export interface ProvisioningEvents {
  'user.created': { user: UserSnapshot };
  'user.updated': { user: UserSnapshot; changes: AttributeChanges };
  'user.deactivated': { user: UserSnapshot };
  'user.reactivated': { user: UserSnapshot };
  'user.deleted': { user: UserSnapshot; groupIds: string[] };
  'group.created': { group: GroupSnapshot };
  'group.updated': { group: GroupSnapshot; changes: AttributeChanges };
  'group.deleted': { group: GroupSnapshot; memberIds: string[] };
  'group.members.added': { groupId: string; userIds: string[] };
  'group.members.removed': { groupId: string; userIds: string[] };
  'mapping.changed': { groupId: string; locationIds: string[]; added: string[]; removed: string[] };
  'location.created': { location: LocationSnapshot };
  'location.updated': { location: LocationSnapshot; changes: AttributeChanges };
  'location.deleted': { location: LocationSnapshot; groupIds: string[] };
}

/** Payloads of the access stream. */
export interface AccessEvents {
  'user.changed': { userId: string; locationIds: string[]; added: string[]; removed: string[] };
}

export type ProvisioningEventName = keyof ProvisioningEvents;
export type AccessEventName = keyof AccessEvents;

/** First token of every subject of a stream. */
export const SUBJECT_ROOT = {
  provisioning: 'provisioning',
  access: 'access',
  deadLetter: 'dead-letter',
} as const;

export const PROVISIONING_EVENT_NAMES: readonly ProvisioningEventName[] = [
  'user.created',
  'user.updated',
  'user.deactivated',
  'user.reactivated',
  'user.deleted',
  'group.created',
  'group.updated',
  'group.deleted',
  'group.members.added',
  'group.members.removed',
  'mapping.changed',
  'location.created',
  'location.updated',
  'location.deleted',
];

/** CloudEvents `type` prefix; the full type is e.g. `com.zerocater.provisioning.user.created`. */
const TYPE_PREFIX = 'com.zerocater';

export function provisioningSubject(companyId: string, name: ProvisioningEventName): string {
  return `${SUBJECT_ROOT.provisioning}.${companyId}.${name}`;
}

export function accessSubject(companyId: string, name: AccessEventName): string {
  return `${SUBJECT_ROOT.access}.${companyId}.${name}`;
}

export function provisioningEventType(name: ProvisioningEventName): string {
  return `${TYPE_PREFIX}.${SUBJECT_ROOT.provisioning}.${name}`;
}

export function accessEventType(name: AccessEventName): string {
  return `${TYPE_PREFIX}.${SUBJECT_ROOT.access}.${name}`;
}

/** Subject of the dead-letter copy of a message that exhausted its deliveries. */
export function deadLetterSubject(originalSubject: string): string {
  return `${SUBJECT_ROOT.deadLetter}.${originalSubject}`;
}
