import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { NatsConnection, connect } from 'nats';
import { AppConfig, loadConfig } from '@app/config';
import { configureLogging } from '@app/logging';
import { accessByRule, waitForAccess, waitForAccessEvents } from './demo/access-check';
import { AdminClient } from './demo/admin-client';
import { ChildApp, findFreePort, runNodeScript } from './demo/child-app';
import { Cleanup } from './demo/cleanup';
import { EventSubscriber } from './demo/event-subscriber';
import { deleteDemoConsumer, ensureDatabase, prepareDemoConsumer, redactPassword } from './demo/infrastructure';
import { UserReportRow, printAppLogSummary, printEventSummary, printHeading, printUserTable, sameList } from './demo/report';
import { OKTA_SESSION_FIXTURE, findRepositoryRoot } from './generate-okta-session';
import { RecordedSession, loadRecordedSession, replayRecordedSession } from './okta-replay';

/**
 * `npm run demo`: starts the gateway and location-access as separate processes against the local
 * PostgreSQL and NATS, replays a recorded Okta session into a new company, maps its groups to
 * office locations, and prints who can enter where. Exits with 1 when the access differs from the
 * rule applied to the recording's expected state.
 *
 * Environment: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/zerocater_demo, created if
 * missing) and NATS_URL (default nats://127.0.0.1:4222).
 */

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/zerocater_demo';
const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';
const READY_TIMEOUT_MS = 30_000;
const SETTLE_TIMEOUT_MS = 30_000;
const SAMPLE_EVENTS = ['provisioning.user.created', 'provisioning.mapping.changed', 'access.user.changed'];

interface DemoContext {
  root: string;
  databaseUrl: string;
  natsUrl: string;
  cleanup: Cleanup;
  /** Apps started so far, whose output is shown when the demo fails. */
  apps: ChildApp[];
  /** Aborted on SIGINT or SIGTERM, which cancels the demo's requests before the apps are stopped. */
  interruption: AbortController;
}

interface RunningApps {
  gateway: ChildApp;
  locationAccess: ChildApp;
  gatewayUrl: string;
  adminToken: string;
  config: AppConfig;
  nats: NatsConnection;
}

async function runDemo(context: DemoContext): Promise<boolean> {
  const session = loadRecordedSession(join(context.root, OKTA_SESSION_FIXTURE));
  const expected = session.expected;
  console.log('Zerocater provisioning demo');
  console.log(`  database  ${redactPassword(context.databaseUrl)}`);
  console.log(`  NATS      ${context.natsUrl}`);
  console.log(`  session   ${OKTA_SESSION_FIXTURE} (${session.steps.length} recorded Okta requests)`);

  printHeading('1. Database');
  const database = await ensureDatabase(context.databaseUrl);
  console.log(database === 'created' ? 'Created the database.' : 'The database exists.');
  await runNodeScript('migrations', join(context.root, 'dist/libs/database/src/migrate.js'), {
    ...process.env,
    DATABASE_URL: context.databaseUrl,
    LOG_LEVEL: 'warn',
  });
  console.log('Migrations are applied.');

  printHeading('2. Apps');
  const apps = await startApps(context);
  const admin = new AdminClient(apps.gatewayUrl, apps.adminToken, context.interruption.signal);

  printHeading('3. Company');
  const company = await admin.createCompany(`Okta demo ${new Date().toISOString()}`);
  const locationIds = new Map<string, string>();
  for (const name of expected.locations) locationIds.set(name, (await admin.createLocation(company.id, name)).id);
  const scim = await admin.issueScimToken(company.id);
  console.log(`Company "${company.name}" (${company.id})`);
  for (const [name, id] of locationIds) console.log(`Location "${name}" (${id})`);
  console.log(`SCIM is enabled (token hint ${scim.hint}). Okta would be configured with base URL ${apps.gatewayUrl}/scim/v2.`);

  const subscriber = await EventSubscriber.start(apps.nats, {
    [apps.config.streams.provisioning]: `provisioning.${company.id}.>`,
    [apps.config.streams.access]: `access.${company.id}.>`,
  });
  context.cleanup.add('stop the event subscriber', () => subscriber.stop());
  console.log(`Subscribed to provisioning.${company.id}.> and access.${company.id}.>`);

  printHeading('4. Okta session replay');
  const ids = await replay(session, `${apps.gatewayUrl}/scim/v2`, scim.token, context.interruption.signal);
  const userId = (userName: string) => required(ids, `user:${userName}`);
  const locationId = (name: string) => required(locationIds, name);

  printHeading('5. Group to location mapping');
  for (const group of expected.groups) {
    await admin.setGroupLocations(company.id, required(ids, `group:${group.key}`), group.locations.map(locationId));
    console.log(`${group.displayName} (${group.members.length} members) -> ${group.locations.join(', ') || 'no locations'}`);
  }

  printHeading('6. Access');
  const expectedAccess = accessByRule(expected);
  const expectedByUserId = new Map([...expectedAccess].map(([userName, names]) => [userId(userName), names.map(locationId)]));
  const settled = await waitForAccess(admin, company.id, [...locationIds.values()], expectedByUserId, SETTLE_TIMEOUT_MS);
  console.log(settled.ok ? `location-access settled after ${settled.ms} ms.` : `Access did not reach the expected state within ${SETTLE_TIMEOUT_MS} ms.`);

  // Without settled access the events cannot agree either, so they are checked only after it settled.
  let eventsAgree: boolean | undefined;
  if (settled.ok) {
    eventsAgree = await waitForAccessEvents(subscriber, expectedByUserId, SETTLE_TIMEOUT_MS);
    console.log(
      eventsAgree
        ? `The latest access.user.changed event of each of the ${expectedByUserId.size} users with access lists the same locations.`
        : `The access.user.changed events did not reach the expected access within ${SETTLE_TIMEOUT_MS} ms.`,
    );
  }

  const rows: UserReportRow[] = [];
  for (const user of expected.users) {
    const detail = await admin.getUser(company.id, userId(user.userName));
    rows.push({
      userName: detail.userName,
      active: detail.active,
      groups: detail.groups.map((group) => group.displayName),
      locations: detail.locations.map((location) => location.name).sort(),
      expectedLocations: expectedAccess.get(user.userName) ?? [],
    });
  }
  printUserTable(rows);

  printHeading('7. Events');
  printEventSummary(subscriber.events, SAMPLE_EVENTS);

  printHeading('App logs');
  printAppLogSummary([apps.gateway, apps.locationAccess]);

  return printVerdict(rows, settled.ok, eventsAgree);
}

async function startApps(context: DemoContext): Promise<RunningApps> {
  const adminToken = randomBytes(32).toString('base64url');
  const gatewayPort = await findFreePort();
  const accessPort = await findFreePort();
  const shared: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DATABASE_URL: context.databaseUrl,
    NATS_URL: context.natsUrl,
    MIGRATIONS_RUN: 'false',
    ACCESS_CONSUMER_NAME: `location-access-demo-${process.pid}`,
  };
  const gatewayEnv = { ...shared, PORT: String(gatewayPort), ADMIN_API_TOKEN: adminToken };
  const accessEnv: NodeJS.ProcessEnv = { ...shared, PORT: String(accessPort) };
  delete accessEnv.ADMIN_API_TOKEN;
  const config = loadConfig(gatewayEnv);

  const nats = await connectNats(context.natsUrl);
  context.cleanup.add('close the NATS connection', () => nats.close());
  await prepareDemoConsumer(nats, config);
  context.cleanup.add('delete the demo durable consumer', () => deleteDemoConsumer(nats, config));
  console.log(`Durable consumer ${config.consumer.durableName} created for this run's location-access.`);

  const gateway = ChildApp.start('scim-gateway', join(context.root, 'dist/apps/scim-gateway/src/main.js'), gatewayEnv);
  context.apps.push(gateway);
  context.cleanup.add('stop scim-gateway', () => gateway.stop());
  const locationAccess = ChildApp.start('location-access', join(context.root, 'dist/apps/location-access/src/main.js'), accessEnv);
  context.apps.push(locationAccess);
  context.cleanup.add('stop location-access', () => locationAccess.stop());

  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  await gateway.waitUntilReady(`${gatewayUrl}/health/ready`, READY_TIMEOUT_MS);
  await locationAccess.waitUntilReady(`http://127.0.0.1:${accessPort}/health/ready`, READY_TIMEOUT_MS);
  console.log(`scim-gateway     ready at ${gatewayUrl} (SCIM at /scim/v2, admin API at /admin/v1)`);
  console.log(`location-access  ready at http://127.0.0.1:${accessPort}`);
  return { gateway, locationAccess, gatewayUrl, adminToken, config, nats };
}

async function connectNats(url: string): Promise<NatsConnection> {
  try {
    return await connect({ servers: url, name: 'zerocater-demo' });
  } catch (error) {
    throw new Error(`Cannot connect to NATS at ${url}: ${errorMessage(error)}. Start nats-server with JetStream (-js), or set NATS_URL.`);
  }
}

async function replay(session: RecordedSession, baseUrl: string, token: string, signal: AbortSignal): Promise<Record<string, string>> {
  const methods = new Map<string, number>();
  const startedAt = Date.now();
  const result = await replayRecordedSession(session, {
    baseUrl,
    token,
    signal,
    onStep: (step, _index, status) => {
      methods.set(step.request.method, (methods.get(step.request.method) ?? 0) + 1);
      // Lookups and user creates would print 100 near-identical lines, so only the other steps are listed.
      const routine = step.name.startsWith('Look up ') || step.name.startsWith('Create user ');
      if (!routine) console.log(`  ${status}  ${step.request.method.padEnd(6)} ${step.name}`);
    },
  });
  const summary = [...methods].map(([method, count]) => `${count} ${method}`).join(', ');
  console.log(`Replayed ${result.stepsReplayed} requests in ${Date.now() - startedAt} ms (${summary}). Every response had its recorded status.`);
  return result.ids;
}

/** Prints the outcome and returns whether the demo passed. `eventsAgree` is undefined when the events were not checked. */
function printVerdict(rows: UserReportRow[], settled: boolean, eventsAgree: boolean | undefined): boolean {
  const differing = rows.filter((row) => !sameList(row.locations, row.expectedLocations));
  const withAccess = rows.filter((row) => row.locations.length > 0).length;
  printHeading('Result');
  console.log('Rule: a user may enter a location when the user is active AND a member of a group AND that group is mapped to the location.');
  for (const row of differing) {
    console.log(`  ${row.userName}: has [${row.locations.join(', ')}], the rule gives [${row.expectedLocations.join(', ')}]`);
  }

  const ok = differing.length === 0 && settled && eventsAgree === true;
  if (ok) {
    console.log(`OK: all ${rows.length} users have exactly the locations the rule gives (${withAccess} with access, ${rows.length - withAccess} without).`);
    return true;
  }
  let events = eventsAgree ? 'yes' : 'no';
  if (eventsAgree === undefined) events = 'not checked';
  const users = differing.length === 1 ? 'user differs' : 'users differ';
  console.log(`FAILED: ${differing.length} ${users} from the rule. Access settled: ${settled ? 'yes' : 'no'}. Access events agree: ${events}.`);
  return false;
}

function required<T>(map: Map<string, T> | Record<string, T>, key: string): T {
  const value = map instanceof Map ? map.get(key) : map[key];
  if (value === undefined) throw new Error(`"${key}" is missing because the replay or the setup did not produce it.`);
  return value;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function main(): Promise<void> {
  configureLogging('demo', 'warn');
  const cleanup = new Cleanup();
  const context: DemoContext = {
    root: findRepositoryRoot(),
    databaseUrl: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
    natsUrl: process.env.NATS_URL || DEFAULT_NATS_URL,
    cleanup,
    apps: [],
    interruption: new AbortController(),
  };
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.once(signal, () => {
      console.error(`\n${signal} received, stopping the apps.`);
      context.interruption.abort();
      void cleanup.run().finally(() => process.exit(code));
    });
  }

  let ok = false;
  try {
    ok = await runDemo(context);
  } catch (error) {
    if (!context.interruption.signal.aborted) {
      console.error(`\nThe demo failed: ${errorMessage(error)}`);
      for (const app of context.apps) console.error(app.outputTail());
    }
  } finally {
    await cleanup.run();
  }
  // Exits at once, because fetch keeps idle keep-alive sockets open for a few seconds after the last request.
  process.exit(ok ? 0 : 1);
}

void main();
