import 'server-only';
import { createHash } from 'node:crypto';
import { PassThrough, pipeline, Transform, type Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { prisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { OrgContext } from '@/lib/auth/permissions';
import { getStorage } from '@/lib/storage';
import type { ObjectStorage } from '@/lib/storage/storage';
import { getSnapshot } from '@/features/summaries/summaries.data';
import { isCurrentFormat, type SummaryContentV2 } from '@/features/summaries/summary.policy';
import { exportFileName } from './cis-crm.policy';
import { renderPackageIndex } from './evidence-package-index.policy';
import {
  CSV_PATH,
  frozenControlsCsv,
  INDEX_PATH,
  MANIFEST_PATH,
  packageVersionIds,
  planPackage,
  type ManifestEntry,
  type PackageFile,
  type PackageManifest,
} from './evidence-package.policy';

/**
 * Where the frozen versions' bytes are: each version by its id (this organization's only), kept
 * when its stored row still has the SHA-256 the snapshot froze and its bytes are in storage.
 * Versions are immutable, so this only fails for a file whose evidence was removed since.
 */
async function locateFrozenVersions(ctx: OrgContext, storage: ObjectStorage, content: SummaryContentV2, versionIds: string[]) {
  const frozen = new Map<string, string | null>();
  for (const item of content.evidenceVersions ?? []) frozen.set(item.version.id, item.version.sha256);
  for (const report of content.reports) if (report.copy) frozen.set(report.copy.id, report.copy.sha256);
  const stored = versionIds.length
    ? await prisma.evidenceVersion.findMany({
        where: { orgId: ctx.orgId, id: { in: versionIds }, storageKey: { not: null } },
        select: { id: true, storageKey: true, sha256: true },
      })
    : [];
  const keys = new Map<string, string>();
  for (const version of stored) {
    if (version.sha256 !== frozen.get(version.id) || !(await storage.exists(version.storageKey!))) continue;
    keys.set(version.id, version.storageKey!);
  }
  return keys;
}

const sha256Of = (buffer: Buffer) => createHash('sha256').update(buffer).digest('hex');

/**
 * A snapshot's evidence package as a ZIP stream, built from its frozen content only: controls.csv
 * and index.html from the frozen rows, each frozen evidence version's bytes under
 * evidence/<control code>/, and manifest.json (written last, with every other entry's size and
 * SHA-256). Later edits (owners, statuses, new versions, superseded reports) never change it.
 * Files stream from storage one at a time and are hashed on the way through, so memory does not
 * grow with the package. An auditor limited to an audit period gets only the versions true
 * within it. NOT_FOUND for another organization's snapshot; CONFLICT for a snapshot frozen before
 * snapshots recorded their evidence versions.
 */
export async function streamEvidencePackage(
  ctx: OrgContext,
  snapshotId: string,
  { systemId }: { systemId?: string } = {},
): Promise<{ fileName: string; stream: Readable }> {
  const snapshot = await getSnapshot(ctx, snapshotId);
  // The organization is checked by getSnapshot; a system named in the URL must be the snapshot's too.
  if (systemId !== undefined && snapshot.systemId !== systemId) throw new AppError('NOT_FOUND', 'This snapshot does not exist.');
  const { content } = snapshot;
  if (!isCurrentFormat(content) || !content.evidenceVersions) {
    throw new AppError(
      'CONFLICT',
      'This snapshot was frozen in an older format that did not record the evidence versions it relied on. Freeze a new snapshot to download its evidence package.',
    );
  }
  const period = ctx.auditPeriod;
  const storage = await getStorage();
  const keys = await locateFrozenVersions(ctx, storage, content, packageVersionIds(content, period));
  const { rows, files } = planPackage(content, period, new Set(keys.keys()));

  const entries: ManifestEntry[] = [];
  const zip = new ZipFile();
  const output = zip.outputStream as PassThrough;
  const fail = (error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error)));
  zip.on('error', fail);
  // Every entry is dated by the instant the snapshot was frozen, never by the download: with the
  // content frozen too, two downloads of an unchanged snapshot are the same bytes, ZIP headers included.
  const frozenAt = new Date(content.generatedAt);
  const mtime = frozenAt;

  const addText = (path: string, text: string) => {
    const buffer = Buffer.from(text, 'utf8');
    entries.push({ path, size: buffer.length, sha256: sha256Of(buffer) });
    zip.addBuffer(buffer, path, { mtime, compress: true });
  };

  addText(CSV_PATH, frozenControlsCsv(rows));
  for (const file of files) addFile(zip, storage, keys.get(file.versionId)!, file, { mtime, entries, fail });
  addText(INDEX_PATH, renderPackageIndex({ content, snapshot, period, rows }));
  // Lazy, so it is written after every file has been hashed.
  zip.addReadStreamLazy(MANIFEST_PATH, { mtime, compress: true }, (open) => {
    const manifest: PackageManifest = {
      format: 'demarc-evidence-package/1',
      snapshot: {
        id: snapshot.id,
        sha256: snapshot.sha256,
        createdAt: snapshot.createdAt.toISOString(),
        signedAt: snapshot.signedAt?.toISOString() ?? null,
      },
      system: { id: content.system.id, name: content.system.name },
      // The package is a function of the frozen snapshot: it is dated by the freezing.
      generatedAt: content.generatedAt,
      entries,
    };
    open(null, new PassThrough().end(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8')));
  });
  zip.end();

  return { fileName: exportFileName(content.system.name, 'evidence-package', 'zip', frozenAt), stream: output };
}

/** One frozen file: streamed from storage when yazl reaches it, hashed on the way, recorded in the manifest. */
function addFile(
  zip: ZipFile,
  storage: ObjectStorage,
  storageKey: string,
  file: PackageFile,
  { mtime, entries, fail }: { mtime: Date; entries: ManifestEntry[]; fail: (error: unknown) => void },
) {
  // yazl asks for each stream only when the entries before it are written: one file open at a time.
  zip.addReadStreamLazy(file.path, { mtime, compress: false }, (open) => {
    const hash = createHash('sha256');
    let size = 0;
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        hash.update(chunk);
        done(null, chunk);
      },
      flush(done) {
        entries.push({
          path: file.path,
          size,
          sha256: hash.digest('hex'),
          evidenceId: file.evidenceId,
          version: file.version,
          // The hash frozen with the snapshot: package:verify flags bytes that differ from it.
          ...(file.sha256 ? { uploadSha256: file.sha256 } : {}),
        });
        done();
      },
    });
    storage.get(storageKey).then(
      (source) => {
        pipeline(source, hashing, (error) => error && fail(error));
        open(null, hashing);
      },
      (error: unknown) => open(error, hashing),
    );
  });
}
