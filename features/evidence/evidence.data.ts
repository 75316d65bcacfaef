import 'server-only';
import { notifyEvidenceRejected } from '@/features/notifications/events.data';
import { createHash, randomUUID } from 'node:crypto';
import { pipeline, Readable, Transform } from 'node:stream';
import type { z } from 'zod';
import { isUuid, prisma, type Db, type Tx } from '@/lib/db';
import { PG_INT_MAX } from '@/lib/schema';
import type { CoveringReport } from '@/features/controls/status.policy';
import { Prisma } from '@/lib/generated/prisma/client.ts';
import { AppError } from '@/lib/errors';
import { staleVersionError } from '@/lib/concurrency';
import { maxUploadBytes } from '@/lib/config';
import { getStorage } from '@/lib/storage';
import { assertCan, type OrgContext } from '@/lib/auth/permissions';
import { audited, type AuditEntry } from '@/features/audit/audit.data';
import type { AutomatedResult } from '@/features/findings/automated';
import { SNIFF_BYTES, safeFileName, sniffFile } from './file-type.policy';
import type {
  addCommentSchema,
  addLinkVersionSchema,
  addNoteVersionSchema,
  createLinkEvidenceSchema,
  createNoteEvidenceSchema,
  fileUploadSchema,
  newEvidenceSchema,
  provenanceSchema,
  reviewEvidenceSchema,
  submitEvidenceSchema,
} from './evidence.schema';

export type EvidenceDates = {
  latestEffectiveAt: Date | null;
  latestReportPeriodEnd: Date | null;
  /** The accepted provider report whose period ends last among those covering the control. */
  report: CoveringReport | null;
  /** Failing resources of the control in the system (the third query below); 0 seen from no system. */
  failing: number;
};

/**
 * The latest accepted customer evidence per (control, system the item is tied to, or null). For
 * some controls, from their links; for all of them, from each item's latest version first (one
 * row per item, half the rows the links would give), which the planner cannot choose by itself.
 */
function customerDates(ctx: OrgContext, systems: string[], controlIds: string[] | null, db: Db | Tx) {
  // A period-limited auditor's figures count only the versions true within their period.
  const start = ctx.auditPeriod?.start ?? null;
  const end = ctx.auditPeriod?.end ?? null;
  const accepted = Prisma.sql`e."orgId" = ${ctx.orgId}::uuid
    AND e."reviewState" = 'ACCEPTED'
    AND e."kind" <> 'PROVIDER_REPORT'
    AND (e."systemId" IS NULL OR e."systemId" = ANY(${systems}::uuid[]))`;
  const inPeriod = Prisma.sql`(${start}::date IS NULL OR v."effectiveAt" >= ${start}::date)
    AND (${end}::date IS NULL OR v."effectiveAt" <= ${end}::date)`;
  type Row = { controlId: string; systemId: string | null; latest: Date };
  if (controlIds) {
    return db.$queryRaw<Row[]>`
      SELECT ec."controlId", e."systemId", max(v."effectiveAt") AS latest
      FROM "EvidenceControl" ec
      JOIN "Evidence" e ON e."id" = ec."evidenceId" AND ${accepted}
      JOIN "EvidenceVersion" v ON v."evidenceId" = e."id" AND ${inPeriod}
      WHERE ec."orgId" = ${ctx.orgId}::uuid AND ec."controlId" = ANY(${controlIds}::uuid[])
      GROUP BY ec."controlId", e."systemId"`;
  }
  return db.$queryRaw<Row[]>`
    SELECT ec."controlId", e."systemId", max(e."latest") AS latest
    FROM (
      SELECT e."id", e."systemId", max(v."effectiveAt") AS latest
      FROM "Evidence" e
      JOIN "EvidenceVersion" v ON v."evidenceId" = e."id" AND ${inPeriod}
      WHERE ${accepted}
      GROUP BY e."id") e
    JOIN "EvidenceControl" ec ON ec."evidenceId" = e."id" AND ec."orgId" = ${ctx.orgId}::uuid
    GROUP BY ec."controlId", e."systemId"`;
}

/**
 * Per system and control, what freshness is derived from: the latest effective date of accepted
 * customer evidence tied to that system or to none (system null: to none only), and the accepted,
 * current (not superseded) provider report covering the control whose period ends last. Two
 * grouped queries whatever the number of systems, for the whole organization or the given controls.
 * For an auditor limited to an audit period, only versions true within it count, so every figure
 * computed for them (register, summaries, snapshots they freeze, exports) leaves hidden evidence out.
 * Beside them, a third grouped query counts each control's failing resources in each system: the
 * distinct resources of CheckFailure rows that are open, not suppressed and not under a risk
 * acceptance still running on `today` (an expired acceptance counts again, with no job). For a
 * period-limited auditor, the failures open at the end of their period.
 */
export async function loadEvidenceDates(
  ctx: OrgContext,
  systemIds: (string | null)[],
  controlIds: string[] | null = null,
  db: Db | Tx = prisma,
  today = new Date(),
): Promise<Map<string | null, Map<string, EvidenceDates>>> {
  const systems = systemIds.filter((s): s is string => s !== null);
  // A period-limited auditor's failures are those open at the end of their period.
  const end = ctx.auditPeriod?.end ?? null;
  const [customer, reports, failing] = await Promise.all([
    customerDates(ctx, systems, controlIds, db),
    db.$queryRaw<{ controlId: string; periodEnd: Date; title: string; artifactReportId: string }[]>`
      SELECT DISTINCT ON (ec."controlId") ec."controlId", r."periodEnd", r."title", r."artifactReportId"
      FROM "EvidenceControl" ec
      JOIN "ProviderReport" r ON r."evidenceId" = ec."evidenceId" AND r."orgId" = ec."orgId"
      JOIN "Evidence" e ON e."id" = r."evidenceId" AND e."orgId" = r."orgId"
      WHERE ec."orgId" = ${ctx.orgId}::uuid
        AND e."reviewState" = 'ACCEPTED'
        AND r."supersededById" IS NULL
        AND (${controlIds}::uuid[] IS NULL OR ec."controlId" = ANY(${controlIds}::uuid[]))
      ORDER BY ec."controlId", r."periodEnd" DESC, r."artifactReportId"`,
    systems.length
      ? db.$queryRaw<{ controlId: string; systemId: string; failing: number }[]>`
      SELECT f."controlId", f."systemId", count(DISTINCT f."resource")::int AS failing
      FROM "CheckFailure" f
      WHERE f."orgId" = ${ctx.orgId}::uuid
        AND f."systemId" = ANY(${systems}::uuid[])
        AND (${controlIds}::uuid[] IS NULL OR f."controlId" = ANY(${controlIds}::uuid[]))
        AND NOT f."suppressed"
        AND (f."riskAcceptedUntil" IS NULL OR f."riskAcceptedUntil" < ${isoDay(today)}::date)
        AND CASE WHEN ${end}::date IS NULL THEN f."resolvedAt" IS NULL
          ELSE f."firstSeenAt" < ${end}::date + 1 AND (f."resolvedAt" IS NULL OR f."resolvedAt" >= ${end}::date + 1) END
      GROUP BY f."controlId", f."systemId"`
      : [],
  ]);
  const bySystem = new Map(systemIds.map((s) => [s, new Map<string, EvidenceDates>()]));
  const entry = (dates: Map<string, EvidenceDates>, id: string) =>
    dates.get(id) ?? dates.set(id, { latestEffectiveAt: null, latestReportPeriodEnd: null, report: null, failing: 0 }).get(id)!;
  const later = (a: Date | null, b: Date) => (a && a > b ? a : b);
  for (const row of customer) {
    // Evidence tied to no system counts for every system; evidence tied to one, for that one.
    for (const [systemId, dates] of bySystem) {
      if (row.systemId !== null && row.systemId !== systemId) continue;
      const e = entry(dates, row.controlId);
      e.latestEffectiveAt = later(e.latestEffectiveAt, row.latest);
    }
  }
  for (const dates of bySystem.values()) {
    for (const row of reports) {
      const e = entry(dates, row.controlId);
      e.latestReportPeriodEnd = row.periodEnd;
      e.report = { title: row.title, artifactReportId: row.artifactReportId, periodEnd: row.periodEnd };
    }
  }
  for (const row of failing) {
    const dates = bySystem.get(row.systemId);
    if (dates) entry(dates, row.controlId).failing = row.failing;
  }
  return bySystem;
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

type Provenance = z.output<typeof provenanceSchema>;

/** An auditor limited to an audit period sees only the versions true within it. */
export function periodVersions(ctx: OrgContext): Prisma.EvidenceVersionWhereInput {
  const period = ctx.auditPeriod;
  if (!period) return {};
  return { effectiveAt: { ...(period.start ? { gte: period.start } : {}), ...(period.end ? { lte: period.end } : {}) } };
}

/** …and only the evidence with such a version (AWS reports, which have none, stay visible). */
function visibleTo(ctx: OrgContext): Prisma.EvidenceWhereInput {
  return ctx.auditPeriod ? { OR: [{ kind: 'PROVIDER_REPORT' }, { versions: { some: periodVersions(ctx) } }] } : {};
}

const evidenceNotFound = (evidenceId: unknown) =>
  new AppError('NOT_FOUND', 'This evidence does not exist.', undefined, {
    entityType: 'Evidence',
    ...(isUuid(evidenceId) ? { entityId: evidenceId } : {}),
  });

/**
 * Every write about an existing item starts here: the item must be this organization's and visible
 * to the caller, so evidence hidden from a period-limited auditor cannot be reviewed, commented on
 * or otherwise touched by them (NOT_FOUND, as if it did not exist).
 */
async function assertVisible(tx: Tx, ctx: OrgContext, evidenceId: string) {
  if (!isUuid(evidenceId) || !(await tx.evidence.count({ where: { id: evidenceId, orgId: ctx.orgId, ...visibleTo(ctx) } }))) {
    throw evidenceNotFound(evidenceId);
  }
}
type NewEvidence = z.output<typeof newEvidenceSchema>;
type VersionContent = {
  storageKey?: string;
  sha256?: string;
  size?: bigint;
  mediaType?: string;
  fileName?: string;
  url?: string;
  note?: string;
};

const dateOrNull = (iso: string) => (iso ? new Date(`${iso}T00:00:00Z`) : null);

function provenanceData(p: Provenance) {
  return {
    effectiveAt: new Date(`${p.effectiveAt}T00:00:00Z`),
    source: p.source,
    periodStart: dateOrNull(p.periodStart),
    periodEnd: dateOrNull(p.periodEnd),
    notes: p.notes,
  };
}

const versionSelect = {
  id: true,
  number: true,
  sha256: true,
  size: true,
  mediaType: true,
  fileName: true,
  url: true,
  note: true,
  uploadedById: true,
  uploadedAt: true,
  effectiveAt: true,
  source: true,
  periodStart: true,
  periodEnd: true,
  notes: true,
} as const;

/** The size is a BigInt in the database; audit JSON and the browser get a number. */
function versionDto<T extends { size: bigint | null }>(v: T) {
  return { ...v, size: v.size === null ? null : Number(v.size) };
}

/** Controls (active, this organization) and the optional system (this organization). */
async function assertTargets(tx: Tx, ctx: OrgContext, input: NewEvidence) {
  const controls = await tx.control.count({ where: { id: { in: input.controlIds }, orgId: ctx.orgId, archivedAt: null } });
  if (controls !== new Set(input.controlIds).size)
    throw new AppError('NOT_FOUND', 'Some of these controls no longer exist or are archived.');
  if (input.systemId && !(await tx.system.count({ where: { id: input.systemId, orgId: ctx.orgId } }))) {
    throw new AppError('NOT_FOUND', 'This system no longer exists.');
  }
}

async function createItem(
  tx: Tx,
  ctx: OrgContext,
  kind: 'FILE' | 'LINK' | 'NOTE' | 'PROVIDER_REPORT',
  input: NewEvidence,
  record: (e: AuditEntry) => void,
) {
  const evidence = await tx.evidence.create({
    data: {
      orgId: ctx.orgId,
      kind,
      title: input.title,
      description: input.description,
      systemId: input.systemId || null,
      createdById: ctx.userId,
    },
    select: { id: true, kind: true, title: true, description: true, systemId: true },
  });
  await tx.evidenceControl.createMany({
    data: [...new Set(input.controlIds)].map((controlId) => ({ evidenceId: evidence.id, controlId, orgId: ctx.orgId })),
  });
  record({
    action: 'evidence.created',
    entityType: 'Evidence',
    entityId: evidence.id,
    after: { ...evidence, controlIds: input.controlIds },
  });
  return evidence;
}

/** Why a provider report is under review again (and no longer counted). */
const REPORT_REREVIEW_REASON = 'A new version was added; review it again.';

/**
 * Appends a version; what was reviewed has changed, so the review starts over. Customer evidence
 * goes back to draft. A provider report goes (back) to the reviewers' queue as submitted: an owner
 * or admin recorded it, so nobody has to submit it, and until it is accepted again it covers nothing.
 */
async function appendVersion(
  tx: Tx,
  ctx: OrgContext,
  evidenceId: string,
  content: VersionContent,
  provenance: Provenance,
  record: (e: AuditEntry) => void,
) {
  // Version numbers are allocated under the item's row lock: two uploads to one item at the same
  // moment become versions n and n+1 instead of one failing on the unique number.
  await tx.$executeRaw`SELECT 1 FROM "Evidence" WHERE "id" = ${evidenceId}::uuid AND "orgId" = ${ctx.orgId}::uuid FOR UPDATE`;
  const last = await tx.evidenceVersion.findFirst({
    where: { evidenceId, orgId: ctx.orgId },
    orderBy: { number: 'desc' },
    select: { number: true },
  });
  const version = await tx.evidenceVersion.create({
    data: {
      orgId: ctx.orgId,
      evidenceId,
      number: (last?.number ?? 0) + 1,
      uploadedById: ctx.userId,
      ...content,
      ...provenanceData(provenance),
    },
    select: versionSelect,
  });
  record({ action: 'evidence.version_added', entityType: 'Evidence', entityId: evidenceId, after: versionDto(version) });
  const review = await tx.evidence.findFirst({
    where: { id: evidenceId, orgId: ctx.orgId },
    select: { kind: true, reviewState: true, reviewedById: true, reviewedAt: true, reviewReason: true },
  });
  if (review?.kind === 'PROVIDER_REPORT') {
    const reopened = { reviewState: 'SUBMITTED' as const, reviewedById: null, reviewedAt: null, reviewReason: REPORT_REREVIEW_REASON };
    await tx.evidence.updateMany({ where: { id: evidenceId, orgId: ctx.orgId }, data: { ...reopened, version: { increment: 1 } } });
    const { kind: _kind, ...before } = review;
    record({ action: 'evidence.review_reopened', entityType: 'Evidence', entityId: evidenceId, before, after: reopened });
  } else if (last) {
    await tx.evidence.update({
      where: { id: evidenceId },
      data: { reviewState: 'DRAFT', reviewedById: null, reviewedAt: null, reviewReason: '', version: { increment: 1 } },
    });
  }
  return version;
}

/** The evidence an existing version is added to: this organization's, and of the right kind. */
async function loadForNewVersion(tx: Tx, ctx: OrgContext, evidenceId: string, kinds: string[]) {
  const evidence = isUuid(evidenceId)
    ? await tx.evidence.findFirst({ where: { id: evidenceId, orgId: ctx.orgId, ...visibleTo(ctx) }, select: { id: true, kind: true } })
    : null;
  if (!evidence) throw evidenceNotFound(evidenceId);
  if (!kinds.includes(evidence.kind))
    throw new AppError('VALIDATION', `A ${evidence.kind.toLowerCase().replace('_', ' ')} cannot take this kind of version.`);
  return evidence;
}

/** Same bytes already proving one of these controls: say so, and point at it. */
async function assertNotDuplicate(tx: Tx, ctx: OrgContext, sha256: string, controlIds: string[]) {
  const existing = await tx.evidenceVersion.findFirst({
    where: { orgId: ctx.orgId, sha256, evidence: { controls: { some: { controlId: { in: controlIds } } } } },
    select: { evidenceId: true, number: true, evidence: { select: { title: true } } },
  });
  if (existing) {
    throw new AppError(
      'CONFLICT',
      `This exact file (same SHA-256) is already evidence for this control: “${existing.evidence.title}”, version ${existing.number}. Link to /evidence/${existing.evidenceId}`,
      { file: [`Already uploaded as “${existing.evidence.title}”.`], existingEvidenceId: [existing.evidenceId] },
    );
  }
}

/**
 * Streams an upload to storage while hashing, counting and sniffing it, then records it.
 * Nothing is left behind on failure: no row (one transaction) and no stored object.
 */
export async function storeFileUpload(ctx: OrgContext, meta: z.output<typeof fileUploadSchema>, body: Readable) {
  assertCan(ctx, 'evidence.upload');
  const limit = maxUploadBytes();
  const hash = createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  let sniffed: Awaited<ReturnType<typeof sniffFile>> | undefined;
  const fileName = safeFileName(meta.fileName);

  // Checks the type as soon as enough bytes have arrived, so a refused file stops early.
  const inspect = new Transform({
    async transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > limit)
        return done(new AppError('VALIDATION', `The file is larger than the ${limit / 1024 / 1024} MB limit.`, { file: ['Too large.'] }));
      hash.update(chunk);
      if (!sniffed && head.length < SNIFF_BYTES) {
        head = Buffer.concat([head, chunk]).subarray(0, SNIFF_BYTES);
        if (head.length >= SNIFF_BYTES) {
          sniffed = await sniffFile(head, fileName, false);
          if (!sniffed.ok) return done(new AppError('VALIDATION', sniffed.message, { file: [sniffed.message] }));
        }
      }
      done(null, chunk);
    },
  });

  const storage = await getStorage();
  const storageKey = `${ctx.orgId}/${randomUUID()}`;
  let stored = false;
  try {
    // pipeline() carries an error either way (client gone, file refused); storage.put sees it
    // through `inspect` and removes what it wrote.
    pipeline(body, inspect, () => {});
    await storage.put(storageKey, inspect, 'application/octet-stream');
    stored = true;
    if (size === 0) throw new AppError('VALIDATION', 'The file is empty.', { file: ['The file is empty.'] });
    sniffed ??= await sniffFile(head, fileName, true);
    if (!sniffed.ok) throw new AppError('VALIDATION', sniffed.message, { file: [sniffed.message] });
    const content = { storageKey, sha256: hash.digest('hex'), size: BigInt(size), mediaType: sniffed.mediaType, fileName };

    return await audited(ctx, async (tx, record) => {
      let evidenceId: string;
      let controlIds: string[];
      if (meta.evidence) {
        await assertTargets(tx, ctx, meta.evidence);
        await assertNotDuplicate(tx, ctx, content.sha256, meta.evidence.controlIds);
        evidenceId = (await createItem(tx, ctx, 'FILE', meta.evidence, record)).id;
      } else {
        evidenceId = (await loadForNewVersion(tx, ctx, meta.evidenceId!, ['FILE', 'PROVIDER_REPORT'])).id;
        controlIds = (await tx.evidenceControl.findMany({ where: { evidenceId, orgId: ctx.orgId }, select: { controlId: true } })).map(
          (c) => c.controlId,
        );
        await assertNotDuplicate(tx, ctx, content.sha256, controlIds);
      }
      const version = await appendVersion(tx, ctx, evidenceId, content, meta, record);
      return { evidenceId, version: version.number, sha256: content.sha256, size };
    });
  } catch (error) {
    if (stored) await storage.delete(storageKey);
    throw error;
  }
}

export async function createLinkEvidence(ctx: OrgContext, input: z.output<typeof createLinkEvidenceSchema>) {
  assertCan(ctx, 'evidence.upload');
  return audited(ctx, async (tx, record) => {
    await assertTargets(tx, ctx, input);
    const evidence = await createItem(tx, ctx, 'LINK', input, record);
    await appendVersion(tx, ctx, evidence.id, { url: input.url }, input, record);
    return { id: evidence.id };
  });
}

export async function createNoteEvidence(ctx: OrgContext, input: z.output<typeof createNoteEvidenceSchema>) {
  assertCan(ctx, 'evidence.upload');
  return audited(ctx, async (tx, record) => {
    await assertTargets(tx, ctx, input);
    const evidence = await createItem(tx, ctx, 'NOTE', input, record);
    await appendVersion(tx, ctx, evidence.id, { note: input.note }, input, record);
    return { id: evidence.id };
  });
}

/** A new version of a link or an attestation (files go through the upload route). */
async function addTextVersion(ctx: OrgContext, evidenceId: string, kind: 'LINK' | 'NOTE', content: VersionContent, provenance: Provenance) {
  assertCan(ctx, 'evidence.upload');
  return audited(ctx, async (tx, record) => {
    await loadForNewVersion(tx, ctx, evidenceId, [kind]);
    return { number: (await appendVersion(tx, ctx, evidenceId, content, provenance, record)).number };
  });
}

export async function addLinkVersion(ctx: OrgContext, input: z.output<typeof addLinkVersionSchema>) {
  assertCan(ctx, 'evidence.upload');
  return addTextVersion(ctx, input.evidenceId, 'LINK', { url: input.url }, input);
}

export async function addNoteVersion(ctx: OrgContext, input: z.output<typeof addNoteVersionSchema>) {
  assertCan(ctx, 'evidence.upload');
  return addTextVersion(ctx, input.evidenceId, 'NOTE', { note: input.note }, input);
}

/** Moves the item to a new review state, or refuses when someone changed it since it was loaded. */
async function transition(tx: Tx, ctx: OrgContext, evidenceId: string, version: number, from: string[], data: object) {
  await assertVisible(tx, ctx, evidenceId);
  const { count } = await tx.evidence.updateMany({
    where: { id: evidenceId, orgId: ctx.orgId, version, reviewState: { in: from as never } },
    data: { ...data, version: { increment: 1 } },
  });
  if (count > 0) return;
  const current = await tx.evidence.findFirst({
    where: { id: evidenceId, orgId: ctx.orgId },
    select: { version: true, reviewState: true },
  });
  if (!current) throw evidenceNotFound(evidenceId);
  if (current.version !== version) throw staleVersionError('evidence');
  throw new AppError('CONFLICT', `This evidence is ${current.reviewState.toLowerCase()}; that step is not possible now.`);
}

export async function submitEvidence(ctx: OrgContext, input: z.output<typeof submitEvidenceSchema>) {
  assertCan(ctx, 'evidence.upload');
  return audited(ctx, async (tx, record) => {
    await transition(tx, ctx, input.evidenceId, input.version, ['DRAFT', 'REJECTED'], { reviewState: 'SUBMITTED' });
    record({ action: 'evidence.submitted', entityType: 'Evidence', entityId: input.evidenceId });
    return { evidenceId: input.evidenceId };
  });
}

/** Accept or reject a submitted item. The uploader of its latest version cannot review it. */
export async function reviewEvidence(ctx: OrgContext, input: z.output<typeof reviewEvidenceSchema>) {
  assertCan(ctx, 'evidence.review');
  return audited(ctx, async (tx, record) => {
    await assertVisible(tx, ctx, input.evidenceId);
    const latest = await tx.evidenceVersion.findFirst({
      where: { evidenceId: input.evidenceId, orgId: ctx.orgId },
      orderBy: { number: 'desc' },
      select: { uploadedById: true, number: true, effectiveAt: true },
    });
    // A review covers the latest version: a period-limited auditor reviews only one they can see.
    if (
      latest &&
      ctx.auditPeriod &&
      !(await tx.evidenceVersion.count({
        where: { evidenceId: input.evidenceId, orgId: ctx.orgId, number: latest.number, ...periodVersions(ctx) },
      }))
    ) {
      throw new AppError('NOT_FOUND', 'The version under review is outside your audit period.', undefined, {
        entityType: 'Evidence',
        entityId: input.evidenceId,
      });
    }
    if (latest?.uploadedById === ctx.userId) {
      throw new AppError('FORBIDDEN', 'You added the latest version of this evidence; someone else must review it.');
    }
    await transition(tx, ctx, input.evidenceId, input.version, ['SUBMITTED'], {
      reviewState: input.decision,
      reviewedById: ctx.userId,
      reviewedAt: new Date(),
      reviewReason: input.reason,
    });
    record({
      action: input.decision === 'ACCEPTED' ? 'evidence.accepted' : 'evidence.rejected',
      entityType: 'Evidence',
      entityId: input.evidenceId,
      after: { version: latest?.number, reason: input.reason },
    });
    if (input.decision === 'REJECTED' && latest) {
      await notifyEvidenceRejected(tx, ctx, {
        evidenceId: input.evidenceId,
        versionNumber: latest.number,
        uploadedById: latest.uploadedById,
        reason: input.reason,
      });
    }
    return { evidenceId: input.evidenceId };
  });
}

export async function addComment(ctx: OrgContext, input: z.output<typeof addCommentSchema>) {
  assertCan(ctx, 'evidence.comment');
  return audited(ctx, async (tx, record) => {
    await assertVisible(tx, ctx, input.evidenceId);
    const comment = await tx.evidenceComment.create({
      data: { orgId: ctx.orgId, evidenceId: input.evidenceId, authorId: ctx.userId, body: input.body },
      select: { id: true, body: true, createdAt: true },
    });
    record({ action: 'evidence.commented', entityType: 'Evidence', entityId: input.evidenceId, after: comment });
    return comment;
  });
}

/** One evidence item with its versions (newest first), controls, review, comments and report. */
export async function getEvidence(ctx: OrgContext, id: string) {
  if (!isUuid(id)) throw evidenceNotFound(id);
  const evidence = await prisma.evidence.findFirst({
    where: { id, orgId: ctx.orgId, ...visibleTo(ctx) },
    select: {
      id: true,
      kind: true,
      title: true,
      description: true,
      reviewState: true,
      reviewedById: true,
      reviewedAt: true,
      reviewReason: true,
      version: true,
      createdAt: true,
      system: { select: { id: true, name: true } },
      controls: { select: { control: { select: { id: true, code: true, title: true } } } },
      versions: { where: periodVersions(ctx), select: { ...versionSelect, automated: true }, orderBy: { number: 'desc' } },
      comments: { select: { id: true, body: true, createdAt: true, authorId: true }, orderBy: { createdAt: 'asc' } },
      report: true,
    },
  });
  if (!evidence) throw evidenceNotFound(id);
  // Names of the people involved, resolved once (members of this organization only).
  const people = await prisma.user.findMany({
    where: {
      memberships: { some: { orgId: ctx.orgId } },
      id: {
        in: [
          ...evidence.versions.map((v) => v.uploadedById),
          ...evidence.comments.map((c) => c.authorId),
          ...(evidence.reviewedById ? [evidence.reviewedById] : []),
        ],
      },
    },
    select: { id: true, name: true },
  });
  const name = (userId: string | null) => people.find((p) => p.id === userId)?.name ?? 'A former member';
  const reviewerName = evidence.reviewedById ? name(evidence.reviewedById) : null;
  return {
    ...evidence,
    reviewerName,
    controls: evidence.controls.map((c) => c.control),
    versions: evidence.versions.map(({ automated, ...v }) => ({
      ...versionDto(v),
      // An AUTOMATED version's results (features/findings/automated.ts); null for other kinds.
      automated: automated as AutomatedResult | null,
      uploadedBy: name(v.uploadedById),
    })),
    comments: evidence.comments.map((c) => ({ ...c, author: name(c.authorId) })),
  };
}

export type EvidenceDetail = Awaited<ReturnType<typeof getEvidence>>;

export const EVIDENCE_PAGE_SIZE = 50;

/** The evidence list (reviewers' queue with `state: 'SUBMITTED'`), newest first. */
export async function listEvidence(
  ctx: OrgContext,
  filters: { state?: 'DRAFT' | 'SUBMITTED' | 'ACCEPTED' | 'REJECTED'; controlId?: string; page: number },
) {
  const where = {
    orgId: ctx.orgId,
    ...visibleTo(ctx),
    ...(filters.state ? { reviewState: filters.state } : {}),
    ...(filters.controlId && isUuid(filters.controlId) ? { controls: { some: { controlId: filters.controlId } } } : {}),
  };
  const [total, items] = await Promise.all([
    prisma.evidence.count({ where }),
    prisma.evidence.findMany({
      where,
      orderBy: { updatedAt: 'desc' },
      skip: (filters.page - 1) * EVIDENCE_PAGE_SIZE,
      take: EVIDENCE_PAGE_SIZE,
      select: {
        id: true,
        kind: true,
        title: true,
        reviewState: true,
        updatedAt: true,
        system: { select: { name: true } },
        controls: { select: { control: { select: { id: true, code: true } } }, take: 5 },
        versions: { where: periodVersions(ctx), select: { number: true, effectiveAt: true }, orderBy: { number: 'desc' }, take: 1 },
        report: { select: { periodEnd: true } },
      },
    }),
  ]);
  return { total, page: filters.page, pageSize: EVIDENCE_PAGE_SIZE, items };
}

/** The review queue's head: how many items await review and the `take` latest, with only what a list of them shows. */
export async function listReviewQueue(ctx: OrgContext, take: number) {
  const where = { orgId: ctx.orgId, ...visibleTo(ctx), reviewState: 'SUBMITTED' as const };
  const [total, items] = await Promise.all([
    prisma.evidence.count({ where }),
    prisma.evidence.findMany({
      where,
      orderBy: { updatedAt: 'desc' },
      take,
      select: { id: true, title: true, updatedAt: true, system: { select: { name: true } } },
    }),
  ]);
  return { total, items };
}

/** A stored version's bytes, for the download route (this organization's only). */
export async function openVersionDownload(ctx: OrgContext, evidenceId: string, number: number) {
  const missing = () =>
    new AppError('NOT_FOUND', 'This file does not exist.', undefined, {
      entityType: 'Evidence',
      ...(isUuid(evidenceId) ? { entityId: evidenceId } : {}),
    });
  // Version numbers are PostgreSQL integers: anything else names no version (and would fail the query).
  if (!isUuid(evidenceId) || !Number.isInteger(number) || number < 1 || number > PG_INT_MAX) throw missing();
  const version = await prisma.evidenceVersion.findFirst({
    where: { evidenceId, number, orgId: ctx.orgId, storageKey: { not: null }, ...periodVersions(ctx) },
    select: { storageKey: true, fileName: true, mediaType: true, size: true },
  });
  if (!version) throw missing();
  const storage = await getStorage();
  return {
    stream: await storage.get(version.storageKey!),
    fileName: safeFileName(version.fileName ?? 'evidence'),
    mediaType: version.mediaType ?? 'application/octet-stream',
    size: Number(version.size ?? 0),
  };
}

/** The evidence linked to one control, newest first, for its page. */
export async function listControlEvidence(ctx: OrgContext, controlId: string) {
  return prisma.evidence.findMany({
    where: { orgId: ctx.orgId, controls: { some: { controlId } }, ...visibleTo(ctx) },
    orderBy: { updatedAt: 'desc' },
    take: 100,
    select: {
      id: true,
      kind: true,
      title: true,
      reviewState: true,
      system: { select: { name: true } },
      versions: {
        where: periodVersions(ctx),
        select: { number: true, effectiveAt: true, fileName: true },
        orderBy: { number: 'desc' },
        take: 1,
      },
      report: { select: { periodEnd: true, artifactReportId: true } },
    },
  });
}
