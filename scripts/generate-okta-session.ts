import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { RecordedRequest, RecordedSession, RecordedStep, SessionExpectation, StepExpectation } from './okta-replay';

/**
 * Writes `test/fixtures/okta-session.json`: the requests an Okta SCIM 2.0 app integration sends
 * while it connects, imports, creates 50 users, pushes three groups and changes them. The output
 * depends on nothing but this file, so running it again gives the same bytes.
 *
 * Usage (after `npm run build`): `node dist/scripts/generate-okta-session.js [--check] [output.json]`.
 * `--check` writes nothing and exits with 1 when the file differs from what this script produces.
 */

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** Headers of every Okta request. Requests with a body also send OKTA_BODY_CONTENT_TYPE. */
const OKTA_HEADERS = {
  Accept: 'application/scim+json',
  Authorization: 'Bearer {{token}}',
  'User-Agent': 'Okta SCIM Client 1.0.0',
};
const OKTA_BODY_CONTENT_TYPE = 'application/scim+json; charset=utf-8';

/** Okta sends a generated password with each create, and the server ignores it. */
const PLACEHOLDER_PASSWORD = 'okta-placeholder-password-not-a-secret';

/** Recording time in the `meta` that the profile update sends back. The server ignores it. */
const RECORDED_META_TIME = '2025-03-04T17:21:09.412Z';

export const DEMO_LOCATIONS = ['San Francisco HQ', 'New York', 'Austin'];

interface Person {
  givenName: string;
  familyName: string;
  /** The Okta username, with the letter case the customer chose. */
  userName: string;
  locale: string;
}

function person(givenName: string, familyName: string, userName: string, locale = 'en-US'): Person {
  return { givenName, familyName, userName, locale };
}

const PEOPLE: Person[] = [
  person('Ana María', 'García López', 'AnaMaria.GarciaLopez@example.com', 'es-ES'),
  person('José', 'Núñez', 'jose.nunez@example.com', 'es-MX'),
  person('Zoë', 'Brontë', 'Zoë.Brontë@example.com', 'en-GB'),
  person('François', 'Lefèvre', 'Francois.Lefevre@example.com', 'fr-FR'),
  person('Björn', 'Åkesson', 'bjorn.akesson@example.com', 'sv-SE'),
  person('Łukasz', 'Wiśniewski', 'LUKASZ.WISNIEWSKI@example.com', 'pl-PL'),
  person('Siobhán', "O'Connor", "siobhan.o'connor@example.com", 'en-IE'),
  person('Mai', 'Nguyễn', 'Mai.Nguyen@example.com', 'vi-VN'),
  person('Mei-Lin', 'Chen', 'meilin.chen@example.com', 'zh-TW'),
  person('Kwame', 'Mensah', 'Kwame.Mensah@example.com'),
  person('Priya', 'Raghunathan', 'priya.raghunathan@example.com', 'en-IN'),
  person('Søren', 'Østergaard', 'Soren.Ostergaard@example.com', 'da-DK'),
  person('Chloé', 'Dubois', 'chloe.dubois@example.com', 'fr-CA'),
  person('Jürgen', 'Müller', 'Jurgen.Muller@example.com', 'de-DE'),
  person('Aiko', 'Tanaka', 'aiko.tanaka@example.com', 'ja-JP'),
  person('Ngozi', 'Okonkwo', 'NOkonkwo@example.com'),
  person('Diego', 'Fernández', 'Diego.Fernandez@example.com', 'es-AR'),
  person('Fatima', 'Al-Sayed', 'fatima.alsayed@example.com'),
  person('Hannah', 'Schmidt', 'hannah.schmidt@example.com', 'de-AT'),
  person('Marcus', 'Johnson', 'Marcus.Johnson@example.com'),
  person('Olivia', 'Bennett', 'olivia.bennett@example.com'),
  person('Liam', "O'Brien", 'Liam.OBrien@example.com', 'en-GB'),
  person('Sofia', 'Rossi', 'sofia.rossi@example.com', 'it-IT'),
  person('Mateus', 'Gonçalves', 'mateus.goncalves@example.com', 'pt-BR'),
  person('Emily', 'Nakamura-Wright', 'Emily.NakamuraWright@example.com'),
  person('Raj', 'Patel', 'RPatel@example.com'),
  person('Ingrid', 'Halvorsen', 'ingrid.halvorsen@example.com', 'nb-NO'),
  person('Tomás', 'Ó Súilleabháin', 'tomas.osuilleabhain@example.com', 'en-IE'),
  person('Amara', 'Nwosu', 'Amara.Nwosu@example.com'),
  person('Dmitri', 'Volkov', 'dmitri.volkov@example.com'),
  person('Elif', 'Yılmaz', 'Elif.Yilmaz@example.com', 'tr-TR'),
  person('Noah', 'Williams', 'noah.williams@example.com'),
  person('Camille', 'Laurent', 'camille.laurent@example.com', 'fr-FR'),
  person('Hiroshi', 'Watanabe', 'Hiroshi.Watanabe@example.com', 'ja-JP'),
  person('Grace', 'Kim', 'grace.kim@example.com'),
  person('Andrés', 'Castillo', 'andres.castillo@example.com', 'es-CO'),
  person('Yasmin', 'Haddad', 'Yasmin.Haddad@example.com'),
  person('Benjamin', 'Clarke', 'ben.clarke@example.com', 'en-GB'),
  person('Léa', 'Moreau', 'Lea.Moreau@example.com', 'fr-FR'),
  person('Oluwaseun', 'Adeyemi', 'oluwaseun.adeyemi@example.com'),
  person('Katarzyna', 'Nowak', 'Katarzyna.Nowak@example.com', 'pl-PL'),
  person('Ethan', 'Brooks', 'ethan.brooks@example.com'),
  person('Mariana', 'Souza', 'Mariana.Souza@example.com', 'pt-BR'),
  person('Jae-won', 'Park', 'jaewon.park@example.com', 'ko-KR'),
  person('Isabella', 'Conti', 'isabella.conti@example.com', 'it-IT'),
  person('Ahmed', 'Farouk', 'Ahmed.Farouk@example.com'),
  person('Charlotte', 'Evans', 'charlotte.evans@example.com', 'en-GB'),
  person('Mateo', 'Herrera', 'Mateo.Herrera@example.com', 'es-ES'),
  person('Ruth', 'Abebe', 'ruth.abebe@example.com'),
  person('Samuel', 'Osei', 'Samuel.Osei@example.com'),
];

/** The three groups pushed from Okta, with the members assigned when each was first pushed. */
const ENGINEERING = {
  name: 'Engineering',
  members: [
    'jose.nunez@example.com',
    'Zoë.Brontë@example.com',
    'Francois.Lefevre@example.com',
    'LUKASZ.WISNIEWSKI@example.com',
    'Mai.Nguyen@example.com',
    'meilin.chen@example.com',
    'Kwame.Mensah@example.com',
    'priya.raghunathan@example.com',
    'Soren.Ostergaard@example.com',
    'aiko.tanaka@example.com',
    'Diego.Fernandez@example.com',
    'Marcus.Johnson@example.com',
    'Liam.OBrien@example.com',
    'mateus.goncalves@example.com',
    'RPatel@example.com',
    'dmitri.volkov@example.com',
    'Elif.Yilmaz@example.com',
    'Hiroshi.Watanabe@example.com',
  ],
};
const SALES = {
  name: 'Sales',
  members: [
    'AnaMaria.GarciaLopez@example.com',
    'Kwame.Mensah@example.com',
    'chloe.dubois@example.com',
    'Jurgen.Muller@example.com',
    'NOkonkwo@example.com',
    'Diego.Fernandez@example.com',
    'fatima.alsayed@example.com',
    'olivia.bennett@example.com',
    'sofia.rossi@example.com',
    'camille.laurent@example.com',
    'grace.kim@example.com',
    'andres.castillo@example.com',
    'Yasmin.Haddad@example.com',
    'Mariana.Souza@example.com',
  ],
};
const CONTRACTORS = {
  name: 'Contractors',
  members: [
    'bjorn.akesson@example.com',
    "siobhan.o'connor@example.com",
    'Emily.NakamuraWright@example.com',
    'RPatel@example.com',
    'ingrid.halvorsen@example.com',
    'tomas.osuilleabhain@example.com',
    'Elif.Yilmaz@example.com',
    'ethan.brooks@example.com',
  ],
};

const SALES_NEW_NAME = 'Sales & Marketing';
/** Unassigned from Engineering in Okta. One of them keeps Sales, one also had Contractors, and one has no other group. */
const LEAVING_ENGINEERING = ['LUKASZ.WISNIEWSKI@example.com', 'Kwame.Mensah@example.com', 'RPatel@example.com'];
/** Okta's "Push now" for Sales & Marketing: two members leave, three join. */
const SALES_AFTER_PUSH_NOW = [
  ...SALES.members.filter((userName) => userName !== 'grace.kim@example.com' && userName !== 'andres.castillo@example.com'),
  'Hiroshi.Watanabe@example.com',
  'ingrid.halvorsen@example.com',
  'noah.williams@example.com',
];
const PROFILE_UPDATE = { userName: 'olivia.bennett@example.com', familyName: 'Bennett-Reyes' };
const DEACTIVATED_AND_REACTIVATED = 'aiko.tanaka@example.com';

const GROUP_LOCATIONS: Record<string, string[]> = {
  [ENGINEERING.name]: ['San Francisco HQ', 'Austin'],
  [SALES.name]: ['San Francisco HQ', 'New York'],
};

/** Builds the whole recording; pure, so the e2e test can compare it with the committed file. */
export function buildOktaSession(): RecordedSession {
  const recorder = new SessionRecorder();

  recorder.add('Test API credentials: list users', 'GET', '/Users?startIndex=1&count=2', undefined, { status: 200, body: { totalResults: 0 } });
  recorder.add('Test API credentials: list groups', 'GET', '/Groups?startIndex=1&count=100', undefined, { status: 200, body: { totalResults: 0 } });
  recorder.add('Import users', 'GET', '/Users?startIndex=1&count=100', undefined, { status: 200, body: { totalResults: 0, Resources: [] } });

  PEOPLE.forEach((entry, index) => createUser(recorder, entry, index));
  updateProfile(recorder);

  for (const group of [ENGINEERING, SALES, CONTRACTORS]) pushGroup(recorder, group.name, group.members);

  recorder.add(`Rename group ${SALES.name} to ${SALES_NEW_NAME}`, 'PATCH', groupPath(SALES.name), patch(renameOperation(SALES.name, SALES_NEW_NAME)), { status: 204 });
  recorder.renameGroup(SALES.name, SALES_NEW_NAME);

  removeMembers(recorder, ENGINEERING.name, LEAVING_ENGINEERING);
  pushNow(recorder, SALES.name, SALES_AFTER_PUSH_NOW);
  setActive(recorder, DEACTIVATED_AND_REACTIVATED, false);
  setActive(recorder, DEACTIVATED_AND_REACTIVATED, true);

  recorder.add(`Delete group ${CONTRACTORS.name}`, 'DELETE', groupPath(CONTRACTORS.name), undefined, { status: 204 });
  recorder.deleteGroup(CONTRACTORS.name);

  return {
    description:
      'Requests of an Okta SCIM 2.0 app integration, in the order Okta sends them: credential test, import, ' +
      'a lookup before each of 50 user creates, a profile update, three group pushes, a rename, member removals, ' +
      'a push-now, a deactivation and reactivation, and a group deletion. Paths are relative to the SCIM base URL. ' +
      'Placeholders: {{token}} and {{baseUrl}} come from the replay; {{user:<userName>}} and {{group:<displayName>}} ' +
      'are the ids returned by the step that captured them (a group keeps the name it was pushed with). ' +
      'Generated by scripts/generate-okta-session.ts.',
    steps: recorder.steps,
    expected: recorder.expectation(),
  };
}

/** Okta looks the user up, then creates it. Every fourth lookup encodes spaces as `+`, which a server must accept as well as `%20`. */
function createUser(recorder: SessionRecorder, entry: Person, index: number): void {
  const lookup = `/Users?filter=${oktaQueryValue(`userName eq "${entry.userName}"`, index % 4 === 3)}&startIndex=1&count=100`;
  recorder.add(`Look up user ${entry.userName}`, 'GET', lookup, undefined, { status: 200, body: { totalResults: 0, Resources: [] } });

  const body = {
    schemas: [USER_SCHEMA],
    userName: entry.userName,
    name: { givenName: entry.givenName, familyName: entry.familyName },
    emails: [{ primary: true, value: entry.userName.toLowerCase(), type: 'work' }],
    displayName: `${entry.givenName} ${entry.familyName}`,
    locale: entry.locale,
    externalId: oktaUserId(entry.userName),
    groups: [],
    password: PLACEHOLDER_PASSWORD,
    active: true,
  };
  recorder.add(`Create user ${entry.userName}`, 'POST', '/Users', body, { status: 201, body: { userName: entry.userName, active: true } }, `user:${entry.userName}`);
  recorder.createUser(entry.userName);
}

/** Okta reads the user, then sends the body back whole with the new last name, our id, meta and groups included. */
function updateProfile(recorder: SessionRecorder): void {
  const entry = personNamed(PROFILE_UPDATE.userName);
  const path = userPath(entry.userName);
  recorder.add(`Read user ${entry.userName} before its profile update`, 'GET', path, undefined, { status: 200, body: { userName: entry.userName } });

  const previousDisplayName = `${entry.givenName} ${entry.familyName}`;
  const currentDisplayName = `${entry.givenName} ${PROFILE_UPDATE.familyName}`;
  const body = {
    schemas: [USER_SCHEMA],
    id: `{{user:${entry.userName}}}`,
    externalId: oktaUserId(entry.userName),
    userName: entry.userName,
    name: { givenName: entry.givenName, familyName: PROFILE_UPDATE.familyName },
    emails: [{ primary: true, value: entry.userName.toLowerCase(), type: 'work' }],
    displayName: currentDisplayName,
    locale: entry.locale,
    active: true,
    groups: [],
    meta: {
      resourceType: 'User',
      created: RECORDED_META_TIME,
      lastModified: RECORDED_META_TIME,
      location: `{{baseUrl}}/Users/{{user:${entry.userName}}}`,
      version: 'W/"1"',
    },
  };
  const expected = { name: { familyName: PROFILE_UPDATE.familyName }, displayName: currentDisplayName };
  recorder.add(`Update profile of ${entry.userName}`, 'PUT', path, body, { status: 200, body: expected });
  recorder.updateProfile(entry.userName, {
    'name.familyName': { previous: entry.familyName, current: PROFILE_UPDATE.familyName },
    displayName: { previous: previousDisplayName, current: currentDisplayName },
  });
}

/** Push group: look it up, create it empty, then one PATCH with Okta's rename-style replace and the members. */
function pushGroup(recorder: SessionRecorder, name: string, members: string[]): void {
  const lookup = `/Groups?filter=${oktaQueryValue(`displayName eq "${name}"`, false)}&startIndex=1&count=100`;
  recorder.add(`Look up group ${name}`, 'GET', lookup, undefined, { status: 200, body: { totalResults: 0, Resources: [] } });
  recorder.add(`Push group ${name}`, 'POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: name, members: [] }, { status: 201, body: { displayName: name } }, `group:${name}`);
  recorder.createGroup(name);

  const add = { op: 'add', path: 'members', value: members.map((userName) => ({ value: `{{user:${userName}}}`, display: userName })) };
  recorder.add(`Push members of group ${name}`, 'PATCH', groupPath(name), patch(renameOperation(name, name), add), { status: 204 });
  recorder.changeMembers(name, members, []);
}

function removeMembers(recorder: SessionRecorder, key: string, leaving: string[]): void {
  const removals = leaving.map((userName) => ({ op: 'remove', path: `members[value eq "{{user:${userName}}}"]` }));
  const body = patch(renameOperation(key, recorder.displayNameOf(key)), ...removals);
  recorder.add(`Remove ${leaving.length} members from group ${recorder.displayNameOf(key)}`, 'PATCH', groupPath(key), body, { status: 204 });
  recorder.changeMembers(key, [], leaving);
}

/** "Push now" replaces the member list with Okta's complete list. */
function pushNow(recorder: SessionRecorder, key: string, members: string[]): void {
  const replace = { op: 'replace', path: 'members', value: members.map((userName) => ({ value: `{{user:${userName}}}`, display: userName })) };
  const body = patch(renameOperation(key, recorder.displayNameOf(key)), replace);
  recorder.add(`Push now group ${recorder.displayNameOf(key)}`, 'PATCH', groupPath(key), body, { status: 204 });
  const current = recorder.membersOf(key);
  recorder.changeMembers(
    key,
    members.filter((userName) => !current.has(userName)),
    [...current].filter((userName) => !members.includes(userName)),
  );
}

/** Deactivation (unassigning the app) and reactivation are a path-less replace of `active`. Okta reads the user back after a deactivation. */
function setActive(recorder: SessionRecorder, userName: string, active: boolean): void {
  const action = active ? 'Reactivate' : 'Deactivate';
  const body = patch({ op: 'replace', value: { active } });
  recorder.add(`${action} user ${userName}`, 'PATCH', userPath(userName), body, { status: 200, body: { userName, active } });
  if (!active) {
    recorder.add(`Read deactivated user ${userName}`, 'GET', userPath(userName), undefined, { status: 200, body: { userName, active: false } });
  }
  recorder.setActive(userName, active);
}

/** Builds the path-less replace that Okta sends to rename a group and along with every membership update. */
function renameOperation(key: string, displayName: string) {
  return { op: 'replace', value: { id: `{{group:${key}}}`, displayName } };
}

function patch(...operations: unknown[]) {
  return { schemas: [PATCH_SCHEMA], Operations: operations };
}

function userPath(userName: string): string {
  return `/Users/{{user:${userName}}}`;
}

function groupPath(key: string): string {
  return `/Groups/{{group:${key}}}`;
}

/** Percent-encodes a query value as Okta does (UTF-8, `%20` for spaces), or with `+` for spaces. */
function oktaQueryValue(value: string, plusForSpaces: boolean): string {
  const encoded = encodeURIComponent(value);
  return plusForSpaces ? encoded.replace(/%20/g, '+') : encoded;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Derives an id shaped like Okta's user ids (`00u` and 17 letters or digits) from the userName, so it never changes. */
function oktaUserId(userName: string): string {
  const digest = createHash('sha256').update(userName).digest();
  let suffix = '';
  for (let index = 0; index < 17; index += 1) suffix += BASE62[digest[index] % BASE62.length];
  return `00u${suffix}`;
}

function personNamed(userName: string): Person {
  const found = PEOPLE.find((entry) => entry.userName === userName);
  if (!found) throw new Error(`No person with userName "${userName}" in PEOPLE.`);
  return found;
}

/** Collects the steps and keeps a model of the directory, from which the expected state is taken. */
class SessionRecorder {
  readonly steps: RecordedStep[] = [];
  private readonly active = new Map<string, boolean>();
  private readonly groups = new Map<string, { displayName: string; members: Set<string> }>();
  private readonly deletedGroups: SessionExpectation['deletedGroups'] = [];
  private readonly renamedGroups: SessionExpectation['renamedGroups'] = [];
  private readonly profileUpdates: SessionExpectation['profileUpdates'] = [];
  private readonly deactivated: string[] = [];
  private readonly reactivated: string[] = [];
  private readonly membershipChanges: SessionExpectation['membershipChanges'] = [];

  add(name: string, method: RecordedRequest['method'], path: string, body: unknown, expect: StepExpectation, capture?: string): void {
    const headers: Record<string, string> = { ...OKTA_HEADERS };
    if (body !== undefined) headers['Content-Type'] = OKTA_BODY_CONTENT_TYPE;
    const request: RecordedRequest = body === undefined ? { method, path, headers } : { method, path, headers, body };
    this.steps.push(capture === undefined ? { name, request, expect } : { name, request, expect, capture });
  }

  createUser(userName: string): void {
    this.active.set(userName, true);
  }

  updateProfile(userName: string, changes: Record<string, { previous: unknown; current: unknown }>): void {
    this.profileUpdates.push({ userName, changes });
  }

  setActive(userName: string, active: boolean): void {
    this.requireUser(userName);
    this.active.set(userName, active);
    (active ? this.reactivated : this.deactivated).push(userName);
  }

  createGroup(name: string): void {
    this.groups.set(name, { displayName: name, members: new Set() });
  }

  renameGroup(key: string, displayName: string): void {
    const group = this.group(key);
    this.renamedGroups.push({ key, previous: group.displayName, current: displayName });
    group.displayName = displayName;
  }

  deleteGroup(key: string): void {
    const group = this.group(key);
    this.deletedGroups.push({ key, displayName: group.displayName, members: [...group.members] });
    this.groups.delete(key);
  }

  changeMembers(key: string, added: string[], removed: string[]): void {
    const group = this.group(key);
    for (const userName of [...added, ...removed]) this.requireUser(userName);
    for (const userName of removed) group.members.delete(userName);
    for (const userName of added) group.members.add(userName);
    this.membershipChanges.push({ group: key, added, removed });
  }

  displayNameOf(key: string): string {
    return this.group(key).displayName;
  }

  membersOf(key: string): Set<string> {
    return new Set(this.group(key).members);
  }

  expectation(): SessionExpectation {
    return {
      locations: DEMO_LOCATIONS,
      users: [...this.active].map(([userName, active]) => ({ userName, active })),
      groups: [...this.groups].map(([key, group]) => ({
        key,
        displayName: group.displayName,
        members: [...group.members],
        locations: GROUP_LOCATIONS[key] ?? [],
      })),
      deletedGroups: this.deletedGroups,
      renamedGroups: this.renamedGroups,
      profileUpdates: this.profileUpdates,
      deactivated: this.deactivated,
      reactivated: this.reactivated,
      membershipChanges: this.membershipChanges,
    };
  }

  private group(key: string): { displayName: string; members: Set<string> } {
    const group = this.groups.get(key);
    if (!group) throw new Error(`Group "${key}" was not pushed before this step.`);
    return group;
  }

  private requireUser(userName: string): void {
    if (!this.active.has(userName)) throw new Error(`User "${userName}" was not created before this step.`);
  }
}

/** Walks up from this file to the folder with package.json, so the script works from scripts/ and dist/scripts/. */
export function findRepositoryRoot(start: string = __dirname): string {
  for (let folder = start; ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'package.json'))) return folder;
    if (dirname(folder) === folder) throw new Error(`No package.json found above ${start}.`);
  }
}

export const OKTA_SESSION_FIXTURE = join('test', 'fixtures', 'okta-session.json');

function main(argv: string[]): void {
  const check = argv.includes('--check');
  const target = argv.find((argument) => !argument.startsWith('--')) ?? join(findRepositoryRoot(), OKTA_SESSION_FIXTURE);
  const output = `${JSON.stringify(buildOktaSession(), null, 2)}\n`;
  if (check) {
    const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
    if (current !== output) {
      console.error(`${target} is out of date. Regenerate it with: node dist/scripts/generate-okta-session.js`);
      process.exitCode = 1;
      return;
    }
    console.log(`${target} is up to date.`);
    return;
  }
  writeFileSync(resolve(target), output);
  console.log(`Wrote ${target}.`);
}

if (require.main === module) main(process.argv.slice(2));
