import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js');

/** Runs a Prisma CLI command against `databaseUrl`; resolves with its output, rejects with it on failure. */
export function runPrisma(args: string[], databaseUrl: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [prismaCli, ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Applies committed migrations; already-applied ones are skipped, so this is safe at every start. */
export async function applyMigrations(databaseUrl: string): Promise<void> {
  const { code, output } = await runPrisma(['migrate', 'deploy'], databaseUrl);
  if (code !== 0) throw new Error(`prisma migrate deploy failed:\n${output}`);
}

/** Runs the seed configured in prisma.config.ts (the demo organization, created once). */
export async function seedDatabase(databaseUrl: string): Promise<string> {
  const { code, output } = await runPrisma(['db', 'seed'], databaseUrl);
  if (code !== 0) throw new Error(`prisma db seed failed:\n${output}`);
  return output;
}
