// `npm run worker`: the background job runner on its own (lib/jobs). `npm start` runs one beside
// the app unless DEMARC_JOBS=off; run this instead (or as well: each scheduled run happens once
// whatever the number of runners) on the database in DATABASE_URL.
import { startJobRunner } from '@/lib/jobs/runner';
import { JOBS } from '@/lib/jobs/registry';
import { mailEnabled } from '@/lib/mail';

const log = (msg: string) => console.log(`[demarc-worker] ${msg}`);

async function main() {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error('DATABASE_URL must name the database the app uses.');
  if (!process.env.NEXTAUTH_SECRET) throw new Error('NEXTAUTH_SECRET must be the same secret the app uses (it signs unsubscribe links).');
  const runner = await startJobRunner({ connectionString });
  log(`Running ${JOBS.length} jobs: ${JOBS.map((j) => `${j.name} (${j.schedule})`).join('; ')}.`);
  log(mailEnabled() ? 'E-mail is on (SMTP_URL).' : 'E-mail is off (no SMTP_URL): notifications stay in the app.');
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await runner.stop();
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop());
}

main().catch((error) => {
  console.error(`[demarc-worker] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
