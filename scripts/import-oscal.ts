// `npm run oscal:import -- --org <slug> [--baseline] [--change-kind] <file.json>`: imports an OSCAL catalog or
// resolved-profile catalog into an organization, as the app's upload does. The organization's
// first owner is recorded as the actor, with the import marked as made from the command line.
// A re-import that would change the framework's kind (catalog ↔ baseline) is refused unless
// --change-kind confirms it.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '@/lib/embedded-postgres';

const USAGE = 'Usage: npm run oscal:import -- --org <organization slug> [--baseline] [--change-kind] <catalog.json>';

let args;
try {
  args = parseArgs({
    options: { org: { type: 'string' }, baseline: { type: 'boolean', default: false }, 'change-kind': { type: 'boolean', default: false } },
    allowPositionals: true,
  });
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const [file, ...extra] = args.positionals;
if (!args.values.org || !file || extra.length) {
  console.error(USAGE);
  process.exit(2);
}

const database = await openDatabase(path.resolve(process.env.DEMARC_DATA_DIR ?? '.data'));
process.env.DATABASE_URL = database.url;
// Imported after DATABASE_URL is known: the database client reads it when loaded.
const { cliOrgContext, importOscalText } = await import('@/features/frameworks/frameworks-import.data');
const { oscalSchemaDir } = await import('@/features/frameworks/oscal');

let exitCode = 0;
try {
  const ctx = await cliOrgContext(args.values.org);
  const started = performance.now();
  const text = await readFile(file, 'utf8');
  console.log(`Validating ${file} …`);
  const result = await importOscalText(ctx, text, {
    via: 'cli',
    fileName: path.basename(file),
    baseline: args.values.baseline,
    confirmKindChange: args.values['change-kind'],
    onProgress: (done, total) => console.log(`Importing: ${done} of ${total} requirements`),
  });
  if (result.validation === 'structural') {
    console.warn(`Note: no OSCAL schema in ${oscalSchemaDir()} (DEMARC_OSCAL_SCHEMA_DIR); the file was checked structurally only.`);
  }
  console.log(
    `Imported “${result.framework.name}” ${result.framework.version} (${result.framework.source}): ` +
      `${result.created} new, ${result.updated} updated, ${result.markedWithdrawn} no longer in the file marked withdrawn, ` +
      `${result.linked} control mappings added, in ${Math.round(performance.now() - started)} ms.`,
  );
} catch (error) {
  // AppError messages are written for people; anything else is unexpected and shown whole.
  console.error(error instanceof Error && error.name === 'AppError' ? error.message : error);
  exitCode = 1;
}
await database.stop();
process.exit(exitCode);
