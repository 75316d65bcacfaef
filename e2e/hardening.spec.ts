// Sign-in and request hardening, against real `next start` servers: the per-address key comes
// from the socket unless proxies are trusted, a parallel burst of wrong passwords reaches the
// password check only as often as the throttle allows, and large bodies without a session are
// refused without the server reading or buffering them.
//
// This file brings its own world on free ports (an embedded PostgreSQL with the demo seed and
// two `next start` of the existing build, one trusting no proxy and one trusting one) so it
// can read the database and the server's memory; the suite's server is not used.
import { randomBytes, randomUUID } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { ensureDatabase, freePort, startEmbeddedPostgres } from '../lib/embedded-postgres';
import { applyMigrations, seedDatabase } from '../lib/prisma-cli';
import { startAppInstance, type AppInstance } from '../scripts/app-instance';
import { attemptsAllowedWithin } from '../features/auth/auth.policy';
import { DEMO_ORG, demoUser } from './helpers';

test.describe.configure({ mode: 'serial' });

const MB = 1024 * 1024;
let direct: AppInstance | undefined; // TRUSTED_PROXY_HOPS=0
let proxied: AppInstance | undefined; // TRUSTED_PROXY_HOPS=1
let db: pg.Client | undefined;
const cleanups: (() => Promise<unknown>)[] = [];

function world() {
  if (!direct || !proxied || !db) throw new Error('The servers did not start (see beforeAll).');
  return { direct, proxied, db };
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const tempDir = await mkdtemp(path.join(tmpdir(), 'demarc-hardening-'));
  cleanups.push(() => rm(tempDir, { recursive: true, force: true }));
  const postgresDir = path.join(tempDir, 'postgres');
  await mkdir(postgresDir);
  await chmod(tempDir, 0o755);
  await chmod(postgresDir, 0o755);
  const postgres = await startEmbeddedPostgres({ dataDir: postgresDir, persistent: false });
  cleanups.push(() => postgres.stop());
  await ensureDatabase(postgres.url('postgres'), 'demarc');
  const databaseUrl = postgres.url('demarc');
  await applyMigrations(databaseUrl);
  await seedDatabase(databaseUrl);
  db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  cleanups.push(() => db!.end());

  const shared = { DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: randomBytes(32).toString('hex') };
  for (const hops of [0, 1]) {
    const dataDir = path.join(tempDir, `instance-${hops}`);
    await mkdir(dataDir);
    const instance = await startAppInstance(await freePort(), { ...shared, DEMARC_DATA_DIR: dataDir, TRUSTED_PROXY_HOPS: String(hops) });
    cleanups.push(() => instance.stop());
    if (hops === 0) direct = instance;
    else proxied = instance;
  }
});

test.afterAll(async () => {
  test.setTimeout(60_000);
  for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.warn('hardening cleanup:', error));
  cleanups.length = 0;
});

/** One sign-in through next-auth's credentials callback, as a browser would post it. */
async function postSignIn(baseUrl: string, email: string, password: string, headers: Record<string, string> = {}) {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, ...headers },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true' }),
  });
}

/** The address the audit log recorded for the latest sign-in attempt with this email. */
async function auditedAddress(email: string): Promise<string> {
  const { rows } = await world().db.query<{ ip: string }>(
    `SELECT "after"->>'ip' AS ip FROM "AuditEvent" WHERE "actorEmail" = $1 AND "action" LIKE 'auth.sign_in%' ORDER BY "createdAt" DESC, "seq" DESC LIMIT 1`,
    [email],
  );
  return rows[0]!.ip;
}

test('with no trusted proxy, a client-sent X-Forwarded-For does not change the address', async () => {
  const { direct, db } = world();
  const addresses = [];
  for (const spoofed of [undefined, '203.0.113.9', '198.51.100.1, 203.0.113.10']) {
    const email = `nobody-${randomUUID().slice(0, 8)}@example.test`;
    await postSignIn(direct.url, email, 'wrong password', spoofed ? { 'x-forwarded-for': spoofed } : {});
    addresses.push(await auditedAddress(email));
  }
  // The loopback socket, whichever family `localhost` resolved to.
  expect(['127.0.0.1', '::1']).toContain(addresses[0]);
  expect(addresses).toEqual([addresses[0], addresses[0], addresses[0]]);
  const { rows } = await db.query(`SELECT "key" FROM "LoginThrottle" WHERE "key" LIKE 'ip:203.0.113.%'`);
  expect(rows).toEqual([]);
});

test('with one trusted proxy, the address it appended (the right-most) is used', async () => {
  const { proxied } = world();
  const email = `nobody-${randomUUID().slice(0, 8)}@example.test`;
  await postSignIn(proxied.url, email, 'wrong password', { 'x-forwarded-for': '198.51.100.7, 203.0.113.44' });
  expect(await auditedAddress(email)).toBe('203.0.113.44');
});

test('a parallel burst of wrong passwords reaches the password check only as often as allowed', async () => {
  const { proxied, db } = world();
  const email = demoUser('auditor');
  // Each from its own address (through the trusted proxy), so only the account limit applies.
  const started = Date.now();
  const answers = await Promise.all(
    Array.from({ length: 20 }, (_, i) => postSignIn(proxied.url, email, `wrong ${i}`, { 'x-forwarded-for': `198.51.100.${i + 1}` })),
  );
  // Refused or wrong, none signs in.
  for (const answer of answers) expect(answer.headers.getSetCookie().join()).not.toContain('session-token');
  const { rows } = await db.query<{ count: string }>(
    `SELECT count(*) FROM "AuditEvent" WHERE "actorEmail" = $1 AND "action" = 'auth.sign_in_failed' AND "after"->>'reason' = 'wrong password'`,
    [email],
  );
  console.info(`burst: ${rows[0]!.count} of 20 wrong passwords reached the password check`);
  // The 5 free attempts, plus one per delay (1 s, then 2 s …) that a busy machine let pass during the burst.
  expect(Number(rows[0]!.count)).toBeLessThanOrEqual(attemptsAllowedWithin('account', Date.now() - started));
});

/** The server's resident memory, in MB. */
async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

/** POSTs `size` bytes (in 1 MB writes) and resolves with the status once the server answers. */
function postBody(url: string, size: number, { stopAfter }: { stopAfter?: number } = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, {
      method: 'POST',
      headers: { 'content-length': String(size), 'content-type': 'application/octet-stream', origin: new URL(url).origin },
    });
    const chunk = Buffer.alloc(MB, 0x61);
    request.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
      request.destroy();
    });
    // The server may answer and stop reading before the body is through.
    request.on('error', (error) => (request.destroyed ? undefined : reject(error)));
    let sent = 0;
    const write = () => {
      while (sent < size && (stopAfter === undefined || sent < stopAfter)) {
        sent += MB;
        if (!request.write(chunk)) return void request.once('drain', write);
      }
      if (sent >= size) request.end();
      // With stopAfter, the rest of the body never comes: only an early answer resolves.
    };
    write();
  });
}

test('an upload route answers a request without a session before its body arrives', async () => {
  const { direct } = world();
  // 60 MB declared, 1 MB sent, the rest never: the answer cannot wait for the body.
  const status = await postBody(`${direct.url}/${DEMO_ORG}/evidence/upload`, 60 * MB, { stopAfter: MB });
  expect(status).toBe(401);
});

test('large bodies without a session are refused without being buffered', async () => {
  test.setTimeout(120_000);
  const { direct } = world();
  const targets = [
    `${direct.url}/${DEMO_ORG}/evidence/upload`,
    `${direct.url}/${DEMO_ORG}/frameworks/import`,
    `${direct.url}/${DEMO_ORG}/controls/import/upload`,
    // Through the proxy: Next buffers at most its small limit, and the proxy refuses the size.
    `${direct.url}/${DEMO_ORG}/controls`,
  ];
  // Warm up: each route's code loaded once, so what follows measures bodies only.
  for (const url of targets) await postBody(url, 1024);
  const before = await rssMb(direct.pid);
  const statuses = [];
  for (let round = 0; round < 2; round++) {
    statuses.push(...(await Promise.all(targets.map((url) => postBody(url, 60 * MB)))));
  }
  const after = await rssMb(direct.pid);
  console.info(`server RSS: ${before.toFixed(0)} MB before, ${after.toFixed(0)} MB after eight 60 MB bodies without a session`);
  expect(statuses).toEqual([401, 401, 401, 413, 401, 401, 401, 413]);
  // Buffered, eight bodies would be 480 MB; refused unread, they are nothing.
  expect(after - before).toBeLessThan(100);
});
