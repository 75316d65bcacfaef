// `npm run package:verify -- <file.zip>`: recomputes the SHA-256 of every file in an evidence
// package and compares them with its manifest.json. Exits 0 when intact, 1 otherwise (2 on usage).
// Needs no database.
import { formatVerdict, verifyPackageFile } from '@/features/exports/verify-package';

const file = process.argv[2];
if (!file || process.argv.length > 3) {
  console.error('Usage: npm run package:verify -- <evidence-package.zip>');
  process.exit(2);
}
const verdict = await verifyPackageFile(file);
for (const line of formatVerdict(file, verdict)) console.log(line);
process.exit(verdict.intact ? 0 : 1);
