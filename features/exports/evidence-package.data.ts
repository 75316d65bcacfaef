import 'server-only';
import { createHash } from 'node:crypto';
import { PassThrough, pipeline, Transform, type Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { prisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { OrgContext } from '@/lib/auth/permissions';
import { getStorage } from '@/lib/storage';
import { periodVersions } from '@/features/evidence/evidence.data';
import { loadRegister } from '@/features/controls/controls.data';
import { sortRegister } from '@/features/controls/register.policy';
import { safeFileName } from '@/features/evidence/file-type.policy';
import { getSnapshot } from '@/features/summaries/summaries.data';
import { getSystem } from '@/features/systems/systems.data';
import { exportFileName } from './cis-crm.policy';
import {
  CSV_PATH,
  evidenceEntryPath,
  INDEX_PATH,
  MANIFEST_PATH,
  packageCsv,
  renderPackageIndex,
  type ManifestEntry,
  type PackageControl,
  type PackageManifest,
} from './evidence-package.policy';

const iso = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The accepted evidence of the system's active controls (this organization's only, tied to the
 * system or to none): per item its latest version (the one that was reviewed), and the
 * provider reports' private copies (their latest uploaded file). Metadata only; the bytes are read while the ZIP streams.
 */
async function loadPackageEvidence(ctx: OrgContext, systemId: string, controlIds: string[]) {
  // An auditor limited to an audit period gets only versions true within it, as on the evidence pages.
  const period = ctx.auditPeriod;
  const inPeriod = periodVersions(ctx);
  return prisma.evidence.findMany({
    where: {
      orgId: ctx.orgId,
      ...(period ? { versions: { some: { orgId: ctx.orgId, ...inPeriod } } } : {}),
      OR: [{ systemId: null }, { systemId }],
      controls: { some: { orgId: ctx.orgId, controlId: { in: controlIds } } },
      // Provider reports are recorded as accepted.
      reviewState: 'ACCEPTED',
    },
    orderBy: { createdAt: 'asc' },
    select: {
      id: true,
      kind: true,
      title: true,
      controls: { where: { orgId: ctx.orgId, controlId: { in: controlIds } }, select: { controlId: true } },
      versions: {
        where: { orgId: ctx.orgId, ...inPeriod },
        orderBy: { number: 'desc' },
        take: 1,
        select: { number: true, storageKey: true, sha256: true, size: true, fileName: true, url: true, note: true, effectiveAt: true },
      },
    },
  });
}

type PackageFile = { path: string; storageKey: string; evidenceId: string; version: number; uploadSha256: string | null };

/**
 * A snapshot's evidence package as a ZIP stream: controls.csv, each accepted evidence file
 * under evidence/<control code>/, index.html, and manifest.json (written last, with every other
 * entry's size and SHA-256). Files stream from storage one at a time and are hashed on the way
 * through, so memory does not grow with the package. NOT_FOUND for another organization's snapshot.
 */
export async function streamEvidencePackage(
  ctx: OrgContext,
  snapshotId: string,
  { systemId, now = new Date() }: { systemId?: string; now?: Date } = {},
): Promise<{ fileName: string; stream: Readable }> {
  const snapshot = await getSnapshot(ctx, snapshotId);
  // The organization is checked by getSnapshot; a system named in the URL must be the snapshot's too.
  if (systemId !== undefined && snapshot.systemId !== systemId) throw new AppError('NOT_FOUND', 'This snapshot does not exist.');
  const system = await getSystem(ctx, snapshot.systemId);
  const register = sortRegister(await loadRegister(ctx, system, { today: now }), 'code', 'asc');
  const evidence = await loadPackageEvidence(
    ctx,
    system.id,
    register.map((r) => r.id),
  );
  const storage = await getStorage();

  const controls = new Map<string, PackageControl>(
    register.map((r) => [
      r.id,
      {
        code: r.code,
        title: r.title,
        type: r.effective.type,
        owner: r.implementation?.ownerName ?? null,
        status: r.implementation?.status ?? 'NOT_STARTED',
        evidence: r.freshness.overall,
        files: [],
        texts: [],
        unavailable: [],
      },
    ]),
  );
  const files: PackageFile[] = [];
  for (const item of evidence) {
    const version = item.versions[0];
    if (!version) continue;
    // Controls in code order: the file is stored once, under its first control, and listed under all.
    const linked = item.controls.map((c) => controls.get(c.controlId)).filter((c): c is PackageControl => Boolean(c));
    if (linked.length === 0) continue;
    linked.sort((a, b) => a.code.localeCompare(b.code));
    if (version.storageKey) {
      const fileName = safeFileName(version.fileName ?? 'evidence');
      if (!(await storage.exists(version.storageKey))) {
        for (const c of linked) c.unavailable.push(`${item.title} (v${version.number}, ${fileName})`);
        continue;
      }
      const path = evidenceEntryPath(linked[0]!.code, item.id, version.number, fileName);
      files.push({ path, storageKey: version.storageKey, evidenceId: item.id, version: version.number, uploadSha256: version.sha256 });
      for (const c of linked) c.files.push({ path, title: item.title, fileName, size: Number(version.size ?? 0) });
    } else if (item.kind === 'LINK' || item.kind === 'NOTE') {
      const text = (item.kind === 'LINK' ? version.url : version.note) ?? '';
      for (const c of linked)
        c.texts.push({ title: item.title, kind: item.kind, version: version.number, text, effectiveAt: iso(version.effectiveAt) });
    }
  }

  const rows = [...controls.values()];
  const entries: ManifestEntry[] = [];
  const zip = new ZipFile();
  const output = zip.outputStream as PassThrough;
  const fail = (error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error)));
  zip.on('error', fail);
  const mtime = now;

  const addText = (path: string, text: string) => {
    const buffer = Buffer.from(text, 'utf8');
    entries.push({ path, size: buffer.length, sha256: createHash('sha256').update(buffer).digest('hex') });
    zip.addBuffer(buffer, path, { mtime, compress: true });
  };

  addText(CSV_PATH, packageCsv(rows));
  for (const file of files) {
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
            ...(file.uploadSha256 ? { uploadSha256: file.uploadSha256 } : {}),
          });
          done();
        },
      });
      storage.get(file.storageKey).then(
        (source) => {
          pipeline(source, hashing, (error) => error && fail(error));
          open(null, hashing);
        },
        (error: unknown) => open(error, hashing),
      );
    });
  }
  // Lazy too, so they are built after every file has been hashed.
  zip.addReadStreamLazy(INDEX_PATH, { mtime, compress: true }, (open) => {
    const html = Buffer.from(
      renderPackageIndex({ organization: snapshot.content.organization, system, snapshot, generatedAt: now, controls: rows }),
      'utf8',
    );
    entries.push({ path: INDEX_PATH, size: html.length, sha256: createHash('sha256').update(html).digest('hex') });
    open(null, new PassThrough().end(html));
  });
  zip.addReadStreamLazy(MANIFEST_PATH, { mtime, compress: true }, (open) => {
    const manifest: PackageManifest = {
      format: 'demarc-evidence-package/1',
      snapshot: {
        id: snapshot.id,
        sha256: snapshot.sha256,
        createdAt: snapshot.createdAt.toISOString(),
        signedAt: snapshot.signedAt?.toISOString() ?? null,
      },
      system: { id: system.id, name: system.name },
      generatedAt: now.toISOString(),
      entries,
    };
    open(null, new PassThrough().end(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8')));
  });
  zip.end();

  return { fileName: exportFileName(system.name, 'evidence-package', 'zip', now), stream: output };
}
