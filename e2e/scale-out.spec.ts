// Scale-out: two production instances of the app on one PostgreSQL and one S3-compatible bucket
// serve the same organization. A file uploaded through one downloads, byte for byte, through
// the other, and a session made on one is honoured by the other, in both directions.
//
// This file brings its own world on free ports (an embedded PostgreSQL, s3rver and two `next
// start` of the existing build) and stops it afterwards; the suite's server on port 3100 is not
// used. Each instance gets a data folder of its own, so a file that reached only an instance's
// local disk instead of the bucket could not be downloaded through the other.
import { randomBytes, randomUUID } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { expect as baseExpect, test, type Download, type Page } from '@playwright/test';
import S3rver from 's3rver';
import { ensureDatabase, freePort, startEmbeddedPostgres } from '../lib/embedded-postgres';
import { applyMigrations, seedDatabase } from '../lib/prisma-cli';
import { signInSession, startAppInstance, type AppInstance } from '../scripts/app-instance';
import { DEMO_ORG, DEMO_PASSWORD, demoUser } from './helpers';

test.describe.configure({ mode: 'serial' });

// Two more production servers beside the suite's, on two cores: pages take longer than usual here.
const expect = baseExpect.configure({ timeout: 20_000 });

const BUCKET = 'demarc-evidence';
const DATABASE = 'demarc';
const USER = demoUser('editor');
const USER_NAME = 'Erin Editor';

let tempDir: string | undefined;
let s3: { endpoint: string; client: S3Client } | undefined;
let instanceA: AppInstance | undefined;
let instanceB: AppInstance | undefined;
const cleanups: (() => Promise<unknown>)[] = [];

function instances(): { a: AppInstance; b: AppInstance } {
  if (!instanceA || !instanceB) throw new Error('The instances did not start (see beforeAll).');
  return { a: instanceA, b: instanceB };
}

test.beforeAll(async () => {
  // PostgreSQL, migrations, the seed and two production servers: well beyond a test's minute.
  test.setTimeout(180_000);
  tempDir = await mkdtemp(path.join(tmpdir(), 'demarc-scale-out-'));
  cleanups.push(() => rm(tempDir!, { recursive: true, force: true }));

  // mkdtemp makes the folder private to us; PostgreSQL may run as its own user.
  const postgresDir = path.join(tempDir, 'postgres');
  await mkdir(postgresDir);
  await chmod(tempDir, 0o755);
  await chmod(postgresDir, 0o755);
  const postgres = await startEmbeddedPostgres({ dataDir: postgresDir, persistent: false });
  cleanups.push(() => postgres.stop());
  await ensureDatabase(postgres.url('postgres'), DATABASE);
  const databaseUrl = postgres.url(DATABASE);
  await applyMigrations(databaseUrl);
  await seedDatabase(databaseUrl);

  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: path.join(tempDir, 's3rver'),
    configureBuckets: [{ name: BUCKET }],
  });
  const { port: s3Port } = await server.run();
  cleanups.push(() => server.close());
  const endpoint = `http://127.0.0.1:${s3Port}`;
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  s3 = { endpoint, client };
  cleanups.push(async () => client.destroy());

  // What every instance shares: the database, the session secret and the bucket.
  const shared = {
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: randomBytes(32).toString('hex'),
    DEMARC_STORAGE: 's3',
    S3_BUCKET: BUCKET,
    S3_ENDPOINT: endpoint,
    S3_FORCE_PATH_STYLE: 'true',
    S3_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
  };
  // What each has of its own: a port and a data folder (where local storage would put files).
  const start = async (name: string) => {
    const dataDir = path.join(tempDir!, `instance-${name}`);
    await mkdir(dataDir);
    const instance = await startAppInstance(await freePort(), { ...shared, DEMARC_DATA_DIR: dataDir, DEMARC_STORAGE_DIR: undefined });
    cleanups.push(() => instance.stop());
    return instance;
  };
  // One at a time: two production servers starting at once on two cores only slow each other.
  instanceA = await start('a');
  instanceB = await start('b');

  // Each instance's first sign-in and first render of a page are its slowest; have them here.
  for (const { url } of [instanceA, instanceB]) {
    const cookie = await signInSession(url, USER, DEMO_PASSWORD);
    for (const route of ['', '/controls', '/evidence']) {
      const response = await fetch(`${url}/${DEMO_ORG}${route}`, { headers: { cookie }, redirect: 'manual' });
      if (!response.ok) throw new Error(`GET ${response.url} on a fresh instance: HTTP ${response.status}`);
    }
  }
});

test.afterAll(async () => {
  test.setTimeout(60_000);
  // Newest first: the instances, then s3rver, PostgreSQL and the folder they lived in.
  for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.warn('scale-out cleanup:', error));
  cleanups.length = 0;
});

function csv(label: string): Buffer {
  return Buffer.from(`control,evidence,nonce\n"Data classification","${label}",${randomUUID()}\n`);
}

async function bytesOf(download: Download): Promise<Buffer> {
  return readFile(await download.path());
}

/**
 * The file behind its link on an evidence page, as the browser downloads it. The link is first
 * fetched with the page's cookies, so a failing download fails here with its status and message
 * (a browser shows an error page instead of a download and would only wait).
 */
async function downloadFrom(page: Page, fileName: string): Promise<Buffer> {
  const link = page.getByRole('link', { name: fileName });
  const response = await page.request.get(new URL((await link.getAttribute('href'))!, page.url()).href, { maxRedirects: 0 });
  expect(response.status(), `GET ${response.url()}: ${await response.text()}`).toBe(200);
  const download = page.waitForEvent('download');
  await link.click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(fileName);
  expect(await file.failure()).toBeNull();
  return bytesOf(file);
}

/** Every object in the bucket, by content. */
async function bucketContents(): Promise<string[]> {
  const { client } = s3!;
  const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
  return Promise.all(
    (listed.Contents ?? []).map(async ({ Key }) =>
      (await client.send(new GetObjectCommand({ Bucket: BUCKET, Key }))).Body!.transformToString(),
    ),
  );
}

test('two instances on one PostgreSQL and one bucket share files and sessions', async ({ browser }) => {
  test.setTimeout(120_000);
  const { a, b } = instances();
  const context = await browser.newContext({ baseURL: a.url, acceptDownloads: true });
  const page = await context.newPage();

  // Through A: sign in and upload a file to a control.
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(USER);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.goto(`/${DEMO_ORG}/controls?q=${encodeURIComponent('Data classification')}`);
  await page
    .getByRole('row', { name: /Data classification/ })
    .getByRole('link')
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1, name: /Data classification/ })).toBeVisible();
  const title = `Scale-out register ${randomUUID()}`;
  const first = { name: 'register-a.csv', mimeType: 'text/csv', buffer: csv(`uploaded through A ${title}`) };
  const form = page.locator('details', { has: page.locator('summary', { hasText: 'Add evidence' }) });
  await form.locator('summary').click();
  await form.getByLabel('Title').fill(title);
  await form.getByLabel('File', { exact: true }).setInputFiles(first);
  await form.getByLabel('Source').fill('Data catalogue export');
  await form.getByRole('button', { name: 'Add evidence' }).click();
  await expect(page.getByText('Evidence added as a draft.')).toBeVisible();
  await page.getByRole('link', { name: 'Open it' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const evidencePath = new URL(page.url()).pathname;
  expect(evidencePath).toMatch(new RegExp(`^/${DEMO_ORG}/evidence/[0-9a-f-]{36}$`));

  // On B, same browser, no new sign-in: the session cookie (per host, not per port) works there.
  await page.goto(`${b.url}/${DEMO_ORG}/evidence`);
  expect(new URL(page.url()).origin).toBe(b.url);
  await expect(page).not.toHaveURL(/\/sign-in/);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(page.getByText(USER_NAME).first()).toBeVisible();
  await expect(page.getByText(USER).first()).toBeVisible();

  // B lists the evidence uploaded through A and hands out exactly its bytes.
  await page.getByRole('link', { name: title }).click();
  await expect(page).toHaveURL(`${b.url}${evidencePath}`);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  expect((await downloadFrom(page, first.name)).equals(first.buffer)).toBe(true);

  // The other way: a new version uploaded through B downloads through A.
  const second = { name: 'register-b.csv', mimeType: 'text/csv', buffer: csv(`uploaded through B ${title}`) };
  const versionForm = page.locator('details', { has: page.locator('summary', { hasText: 'Add a new version' }) });
  await versionForm.locator('summary').click();
  await versionForm.getByLabel('File', { exact: true }).setInputFiles(second);
  await versionForm.getByLabel('Source').fill('Data catalogue export, second run');
  await versionForm.getByRole('button', { name: 'Add version' }).click();
  await expect(page.getByText('Version added. It is a draft again until it is reviewed.')).toBeVisible();

  await page.goto(`${a.url}${evidencePath}`);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  expect((await downloadFrom(page, second.name)).equals(second.buffer)).toBe(true);
  expect((await downloadFrom(page, first.name)).equals(first.buffer)).toBe(true);
  await context.close();

  // Both files are in the shared bucket, not on either instance's disk.
  const stored = await bucketContents();
  expect(stored).toContain(first.buffer.toString());
  expect(stored).toContain(second.buffer.toString());

  // A session made on B, by HTTP, is honoured by A; without it A sends the caller to sign in.
  const cookie = await signInSession(b.url, USER, DEMO_PASSWORD);
  const firstDownload = `${a.url}${evidencePath}/versions/1/download`;
  const signedIn = await fetch(firstDownload, { headers: { cookie }, redirect: 'manual' });
  expect(signedIn.status).toBe(200);
  expect(Buffer.from(await signedIn.arrayBuffer()).equals(first.buffer)).toBe(true);
  const anonymous = await fetch(firstDownload, { redirect: 'manual' });
  expect(anonymous.status).toBe(307);
  expect(anonymous.headers.get('location')).toContain('/sign-in');
});
