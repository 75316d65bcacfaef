// Checks an evidence package on disk: every entry is read as a stream and hashed, then compared
// with manifest.json (see evidence-package.policy.ts). No database and no server-only code, so
// `npm run package:verify` and tests can call it anywhere.
import { createHash } from 'node:crypto';
import { openPromise, type Entry, type ZipFile } from 'yauzl';
import { MANIFEST_PATH, verifyPackageEntries, type PackageVerdict, type VerifiedEntry } from './evidence-package.policy';

// A manifest lists paths and hashes; anything near this size is not one of ours.
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

async function hashEntry(zip: ZipFile, entry: Entry): Promise<VerifiedEntry> {
  const stream = await zip.openReadStreamPromise(entry);
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    hash.update(chunk);
  }
  return { path: entry.fileName, size, sha256: hash.digest('hex') };
}

async function readManifest(zip: ZipFile, entry: Entry): Promise<unknown> {
  if (entry.uncompressedSize > MAX_MANIFEST_BYTES) throw new Error('manifest.json is too large to be a package manifest.');
  const chunks: Buffer[] = [];
  for await (const chunk of (await zip.openReadStreamPromise(entry)) as AsyncIterable<Buffer>) chunks.push(chunk);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new Error('manifest.json is not valid JSON.');
  }
}

/**
 * Verifies the ZIP at `file`. Never throws for a damaged package: an unreadable ZIP or manifest
 * is reported as a problem, so the caller prints one verdict.
 */
export async function verifyPackageFile(file: string): Promise<PackageVerdict> {
  let zip: ZipFile | undefined;
  try {
    zip = await openPromise(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: true });
    const actual: VerifiedEntry[] = [];
    let manifest: unknown;
    let manifests = 0;
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue; // a directory has no bytes to check
      if (entry.fileName === MANIFEST_PATH) {
        manifests++;
        manifest = await readManifest(zip, entry);
      } else {
        actual.push(await hashEntry(zip, entry));
      }
    }
    if (manifests !== 1) {
      return {
        intact: false,
        manifest: null,
        checked: 0,
        problems: [
          { kind: 'manifest', message: manifests ? 'The ZIP holds more than one manifest.json.' : 'The ZIP holds no manifest.json.' },
        ],
      };
    }
    return verifyPackageEntries(manifest, actual);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      intact: false,
      manifest: null,
      checked: 0,
      problems: [{ kind: 'manifest', message: `The package cannot be read: ${message}` }],
    };
  } finally {
    zip?.close();
  }
}

/** The verdict as the lines `npm run package:verify` prints. */
export function formatVerdict(file: string, verdict: PackageVerdict): string[] {
  const head = verdict.manifest
    ? [
        `Package  ${file}`,
        `Snapshot ${verdict.manifest.snapshot.id} (SHA-256 ${verdict.manifest.snapshot.sha256})`,
        `System   ${verdict.manifest.system.name}; generated ${verdict.manifest.generatedAt}`,
      ]
    : [`Package  ${file}`];
  const body = verdict.problems.map((p) => `FAIL     ${p.message}`);
  const tail = verdict.intact
    ? `INTACT   all ${verdict.checked} files match manifest.json.`
    : `BROKEN   ${verdict.problems.length} problem${verdict.problems.length === 1 ? '' : 's'}; ${verdict.checked} files compared.`;
  return [...head, ...body, tail];
}
