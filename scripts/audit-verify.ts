// `npm run audit:verify`: walks every organization's audit chain and reports the first broken
// link of each. Exits 1 when any chain is broken, so it can run in monitoring.
import path from 'node:path';
import { openDatabase } from '@/lib/embedded-postgres';

const database = await openDatabase(path.resolve(process.env.DEMARC_DATA_DIR ?? '.data'));
process.env.DATABASE_URL = database.url;
// Imported after DATABASE_URL is known: the database client reads it when loaded.
const { verifyAllAuditChains } = await import('@/features/audit/audit.data');

const results = await verifyAllAuditChains();
let broken = 0;
for (const { chain, checked, firstBreak } of results) {
  if (firstBreak) {
    broken++;
    console.log(
      `BROKEN  chain ${chain}: event #${firstBreak.seq} (id ${firstBreak.id}): ${firstBreak.reason}; ${checked} events before it verified`,
    );
  } else {
    console.log(`ok      chain ${chain}: ${checked} events verified`);
  }
}
console.log(
  results.length === 0
    ? 'No audit events yet.'
    : broken
      ? `${broken} of ${results.length} chains broken.`
      : `All ${results.length} chains intact.`,
);
await database.stop();
process.exit(broken ? 1 : 0);
