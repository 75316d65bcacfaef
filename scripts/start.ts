// `npm start`: the whole app from a fresh clone. Starts an embedded PostgreSQL unless
// DATABASE_URL names a server, applies migrations, seeds the demo organization once,
// builds when the sources changed, then serves with `next start` (or `next dev` with --dev).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { openDatabase } from '@/lib/embedded-postgres';
import { applyMigrations, seedDatabase } from '@/lib/prisma-cli';
import { buildApp, buildIsStale, nextBin } from './build-app';

const root = path.resolve(import.meta.dirname, '..');
const dev = process.argv.includes('--dev');
const dataDir = path.resolve(root, process.env.DEMARC_DATA_DIR ?? '.data');
const port = process.env.PORT ?? '3000';
const log = (msg: string) => console.log(`[demarc] ${msg}`);

let database: { stop: () => Promise<void> } | undefined;
let server: ChildProcess | undefined;
let worker: ChildProcess | undefined;
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  if (worker && worker.exitCode === null) {
    const exited = new Promise((resolve) => worker!.once('exit', resolve));
    worker.kill('SIGTERM');
    await exited;
  }
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  await database?.stop();
  process.exit(code);
}

/** A stable secret for session tokens, kept in the data folder unless configured. */
async function authSecret(): Promise<string> {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = path.join(dataDir, 'auth-secret');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const secret = crypto.randomUUID() + crypto.randomUUID();
  await writeFile(file, secret, { mode: 0o600 });
  return secret;
}

async function main() {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void shutdown(0));

  log(
    process.env.DATABASE_URL
      ? 'Using the database in DATABASE_URL.'
      : `Embedded PostgreSQL, data in ${path.relative(root, dataDir)}/postgres`,
  );
  const opened = await openDatabase(dataDir);
  database = opened;
  const databaseUrl = opened.url;

  log('Applying migrations…');
  await applyMigrations(databaseUrl);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: await authSecret(),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    NEXT_TELEMETRY_DISABLED: '1',
  };
  if (process.env.DEMARC_SEED !== 'false') {
    const output = await seedDatabase(databaseUrl);
    log(output.includes('Seeded') ? 'Seeded the demo organization.' : 'Demo data already present.');
  }

  if (!dev && buildIsStale()) {
    log('Building (the sources changed since the last build)…');
    await buildApp(env);
  }
  log(`Serving on http://localhost:${port} — demo sign-in: owner@demo.demarc.test / demarc-demo-2026`);
  server = spawn(process.execPath, [nextBin, dev ? 'dev' : 'start', '-p', port], { cwd: root, env, stdio: 'inherit' });
  server.on('exit', (code) => void shutdown(code ?? 0));
  // The background jobs (lib/jobs) beside the app, unless they run elsewhere (`npm run worker`).
  if (process.env.DEMARC_JOBS !== 'off') {
    worker = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', path.join(root, 'scripts/worker.ts')], {
      cwd: root,
      env,
      stdio: 'inherit',
    });
  }
}

main().catch(async (error) => {
  console.error(`[demarc] ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
});
