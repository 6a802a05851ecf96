import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { Client } from 'pg';
import { ChildApp, findFreePort, runNodeScript } from './demo/child-app';

/**
 * `npm run bench`: measures the gateway's latency on the requests identity providers send most,
 * against a real PostgreSQL and NATS, and writes the figures to docs/benchmarks.md.
 */

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/zerocater_bench';
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const USERS = 1000;
const ROOT = join(__dirname, '..', '..');

interface Measurement {
  name: string;
  samples: number;
  p50: number;
  p95: number;
  max: number;
}

async function main(): Promise<void> {
  await recreateDatabase(DATABASE_URL);
  const adminToken = randomBytes(32).toString('base64url');
  const port = await findFreePort();
  const env = { ...process.env, DATABASE_URL, NATS_URL, ADMIN_API_TOKEN: adminToken, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  await runNodeScript('db:migrate', join(ROOT, 'dist/libs/database/src/migrate.js'), env);
  const gateway = ChildApp.start('scim-gateway', join(ROOT, 'dist/apps/scim-gateway/src/main.js'), { ...env, MIGRATIONS_RUN: 'false' });
  try {
    const base = `http://127.0.0.1:${port}`;
    await gateway.waitUntilReady(`${base}/health/ready`, 30_000);
    const results = await measure(base, adminToken);
    const report = renderReport(results);
    writeFileSync(join(ROOT, 'docs/benchmarks.md'), report);
    console.log(report);
  } finally {
    await gateway.stop();
  }
}

async function measure(base: string, adminToken: string): Promise<Measurement[]> {
  const admin = { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' };
  const company = await json('POST', `${base}/admin/v1/companies`, admin, { name: 'Bench' });
  const token = (await json('POST', `${base}/admin/v1/companies/${company.id}/scim/token`, admin)).token as string;
  const scim = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/scim+json; charset=utf-8' };
  const results: Measurement[] = [];

  const userIds: string[] = [];
  results.push(
    await timeEach(`POST /Users (${USERS} creates, one at a time)`, USERS, async (index) => {
      const user = await json('POST', `${base}/scim/v2/Users`, scim, {
        userName: `bench.user${index}@example.com`,
        name: { givenName: 'Bench', familyName: `User ${index}` },
        emails: [{ value: `bench.user${index}@example.com`, type: 'work', primary: true }],
        active: true,
      });
      userIds.push(user.id);
    }),
  );

  results.push(
    await timeEach('GET /Users?filter=userName eq (lookup)', 200, async (index) => {
      await json('GET', `${base}/scim/v2/Users?filter=${encodeURIComponent(`userName eq "BENCH.USER${index * 5}@example.com"`)}`, scim);
    }),
  );

  results.push(
    await timeEach('GET /Users?count=100 (import page)', 50, async (index) => {
      await json('GET', `${base}/scim/v2/Users?startIndex=${(index % 10) * 100 + 1}&count=100`, scim);
    }),
  );

  const groupIds: string[] = [];
  for (let index = 0; index < 10; index += 1) {
    groupIds.push((await json('POST', `${base}/scim/v2/Groups`, scim, { displayName: `Bench group ${index}`, members: [] })).id);
  }
  results.push(
    await timeEach('PATCH /Groups add 1,000 members (one request)', groupIds.length, async (index) => {
      await json('PATCH', `${base}/scim/v2/Groups/${groupIds[index]}`, scim, {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'add', path: 'members', value: userIds.map((value) => ({ value, display: value })) }],
      });
    }),
  );

  results.push(
    await timeEach('GET /Groups?count=100 (10 groups of 1,000 members)', 20, async () => {
      await json('GET', `${base}/scim/v2/Groups?startIndex=1&count=100`, scim);
    }),
  );

  results.push(
    await timeEach('GET /Groups?excludedAttributes=members', 50, async () => {
      await json('GET', `${base}/scim/v2/Groups?excludedAttributes=members`, scim);
    }),
  );

  results.push(
    await timeEach('PATCH /Groups remove one member by filter', 50, async (index) => {
      await json('PATCH', `${base}/scim/v2/Groups/${groupIds[0]}`, scim, {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'remove', path: `members[value eq "${userIds[index]}"]` }],
      });
    }),
  );
  return results;
}

async function timeEach(name: string, samples: number, run: (index: number) => Promise<void>): Promise<Measurement> {
  const durations: number[] = [];
  for (let index = 0; index < samples; index += 1) {
    const started = process.hrtime.bigint();
    await run(index);
    durations.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  durations.sort((a, b) => a - b);
  const at = (fraction: number) => durations[Math.min(durations.length - 1, Math.floor(fraction * durations.length))];
  return { name, samples, p50: at(0.5), p95: at(0.95), max: durations[durations.length - 1] };
}

async function json(method: string, url: string, headers: Record<string, string>, body?: unknown): Promise<any> {
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  if (response.status >= 400) throw new Error(`${method} ${url} failed with ${response.status}: ${text.slice(0, 300)}`);
  return text === '' ? undefined : JSON.parse(text);
}

async function recreateDatabase(databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.replace(/^\//, '');
  if (!name.includes('bench')) throw new Error(`Refusing to drop database "${name}": the benchmark database name must contain "bench".`);
  const maintenance = new URL(databaseUrl);
  maintenance.pathname = '/postgres';
  const client = new Client({ connectionString: maintenance.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
}

function renderReport(results: Measurement[]): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const rows = results.map((r) => `| ${r.name} | ${r.samples} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.max.toFixed(1)} |`);
  return [
    '# Benchmarks',
    '',
    'Latency of the gateway on the requests identity providers send most, measured from a client on',
    'the same machine over loopback, one request at a time. The gateway runs as a child process from',
    '`dist/`, with PostgreSQL and NATS on the same machine, and starts from an empty database.',
    '',
    `- Command: \`npm run bench\` (writes this file)`,
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node.js ${process.version}`,
    '',
    '| Request | Samples | p50 ms | p95 ms | max ms |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    'These figures describe one machine and one run; compare runs on the same machine only.',
    '',
  ].join('\n');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
