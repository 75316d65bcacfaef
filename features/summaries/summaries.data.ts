import 'server-only';
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { assertUuid, isUuid, prisma, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { freshnessConfig } from '@/lib/config';
import { assertCan, type OrgContext } from '@/lib/auth/permissions';
import { audited, TRANSACTION_DEFAULTS } from '@/features/audit/audit.data';
import { canonicalJson } from '@/features/audit/audit.policy';
import { loadRegister } from '@/features/controls/controls.data';
import type { RegisterRow } from '@/features/controls/register.policy';
import { periodVersions } from '@/features/evidence/evidence.data';
import { automatedSummary } from '@/features/evidence/automated.policy';
import type { AutomatedResult } from '@/features/findings/automated';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { freshnessOn, reportValidUntil } from '@/features/evidence/evidence.policy';
import { frameworkCoverage } from '@/features/frameworks/frameworks.data';
import { diffSummaries } from './summary-diff.policy';
import { buildSummary, day, type FrozenEvidence, type FrozenVersion, type SummaryContent, type SummaryContentV2 } from './summary.policy';
import type { createSnapshotSchema, signOffSnapshotSchema } from './summaries.schema';

const notFound = () => new AppError('NOT_FOUND', 'This system does not exist.');

/** A summary reads a whole register, its evidence and coverage: more than the default 15 s on a busy machine at audit scale. */
const READ_TIMEOUT_MS = 120_000;

const versionSelect = {
  id: true,
  number: true,
  effectiveAt: true,
  fileName: true,
  size: true,
  mediaType: true,
  sha256: true,
  url: true,
  note: true,
  automated: true,
} as const;

type VersionRow = {
  id: string;
  number: number;
  effectiveAt: Date;
  fileName: string | null;
  size: bigint | null;
  automated: Prisma.JsonValue | null;
} & Pick<FrozenVersion, 'mediaType' | 'sha256' | 'url' | 'note'>;

/** A version as frozen: an AUTOMATED one keeps its scan's one-line summary, the others exactly what they kept before. */
const frozenVersion = ({ automated, ...v }: VersionRow): FrozenVersion => ({
  ...v,
  effectiveAt: day(v.effectiveAt),
  size: v.size === null ? null : Number(v.size),
  ...(automated ? { automated: automatedSummary(automated as unknown as AutomatedResult) } : {}),
});

/** Every provider report of the organization, with the summary's controls it covers and its private copy. */
async function loadReports(tx: Tx, ctx: OrgContext, controlIds: string[], today: Date) {
  const config = freshnessConfig();
  const reports = await tx.providerReport.findMany({
    where: { orgId: ctx.orgId },
    orderBy: [{ periodEnd: 'desc' }, { title: 'asc' }, { id: 'asc' }],
    select: {
      evidenceId: true,
      title: true,
      artifactReportId: true,
      reportVersion: true,
      periodStart: true,
      periodEnd: true,
      supersededById: true,
      evidence: {
        select: {
          controls: {
            where: { orgId: ctx.orgId, controlId: { in: controlIds } },
            select: { controlId: true },
            orderBy: { controlId: 'asc' },
          },
          // A period-limited auditor's summary names only a private copy true within the period.
          versions: { where: { orgId: ctx.orgId, ...periodVersions(ctx) }, orderBy: { number: 'desc' }, take: 1, select: versionSelect },
        },
      },
    },
  });
  return reports.map(({ evidence, supersededById, ...r }) => {
    const validUntil = reportValidUntil(r.periodEnd, config);
    const copy = evidence.versions[0];
    return {
      ...r,
      validUntil,
      state: freshnessOn(validUntil, today, config),
      superseded: supersededById !== null,
      controls: evidence.controls.map((c) => c.controlId),
      copy: copy ? frozenVersion(copy) : null,
    };
  });
}
/**
 * The accepted customer evidence of the given controls (tied to the system or to none), each with
 * the version its review covered (a new version sends an item back to draft, so it is the latest).
 */
async function loadReliedEvidence(tx: Tx, ctx: OrgContext, systemId: string, controlIds: string[]): Promise<FrozenEvidence[]> {
  const items = await tx.evidence.findMany({
    where: {
      orgId: ctx.orgId,
      reviewState: 'ACCEPTED',
      kind: { not: 'PROVIDER_REPORT' },
      OR: [{ systemId: null }, { systemId }],
      controls: { some: { orgId: ctx.orgId, controlId: { in: controlIds } } },
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      kind: true,
      title: true,
      reviewState: true,
      reviewedAt: true,
      controls: { where: { orgId: ctx.orgId, controlId: { in: controlIds } }, select: { controlId: true }, orderBy: { controlId: 'asc' } },
      // For a period-limited auditor, the latest version true within the period (as their figures
      // count it); an item with none is left out.
      versions: { where: { orgId: ctx.orgId, ...periodVersions(ctx) }, orderBy: { number: 'desc' }, take: 1, select: versionSelect },
    },
  });
  return items.flatMap(({ versions, controls, reviewedAt, ...item }) => {
    const version = versions[0];
    if (!version || item.kind === 'PROVIDER_REPORT') return [];
    return [
      {
        ...item,
        kind: item.kind,
        reviewedAt: reviewedAt?.toISOString() ?? null,
        controls: controls.map((c) => c.controlId),
        version: frozenVersion(version),
      },
    ];
  });
}

/** Owners' names and emails (members of this organization, past or present). */
async function loadPeople(tx: Tx, ctx: OrgContext, register: RegisterRow[]) {
  const ids = [...new Set(register.flatMap((r) => (r.implementation?.ownerId ? [r.implementation.ownerId] : [])))];
  const people = ids.length
    ? await tx.user.findMany({
        where: { id: { in: ids }, memberships: { some: { orgId: ctx.orgId } } },
        select: { id: true, name: true, email: true },
      })
    : [];
  return new Map(people.map((p) => [p.id, { name: p.name, email: p.email }]));
}

/**
 * The compliance summary of one system as of now; with a framework, only the controls mapped to
 * its requirements (and that framework's coverage). Everything is read in one repeatable-read
 * transaction, so the figures, owners, reports and evidence versions are of one instant. With
 * `freeze`, the content also names the exact evidence versions the controls relied on.
 */
async function readSummary(ctx: OrgContext, systemId: string, frameworkId: string | undefined, freeze: boolean) {
  if (!isUuid(systemId)) throw notFound();
  return prisma.$transaction(
    async (tx) => {
      const generatedAt = new Date();
      const system = await tx.system.findFirst({
        where: { id: systemId, orgId: ctx.orgId },
        select: { id: true, name: true, regions: true, services: { select: { serviceCode: true } }, org: { select: { name: true } } },
      });
      if (!system) throw notFound();
      const services = system.services.map((s) => s.serviceCode).sort();
      const all = await loadRegister(ctx, { id: system.id, services }, { today: generatedAt, db: tx });
      const frameworks = await frameworkCoverage(ctx, new Map(all.map((row) => [row.id, row])), tx);
      const framework = frameworkId ? frameworks.find((f) => f.id === frameworkId) : undefined;
      if (frameworkId && !framework) throw new AppError('NOT_FOUND', 'This framework does not exist.');
      const mapped = framework
        ? new Set(
            (
              await tx.controlRequirement.findMany({
                where: { orgId: ctx.orgId, requirement: { frameworkId: framework.id } },
                select: { controlId: true },
              })
            ).map((m) => m.controlId),
          )
        : null;
      const register = mapped ? all.filter((row) => mapped.has(row.id)) : all;
      const controlIds = register.map((r) => r.id);
      return buildSummary({
        generatedAt,
        organization: system.org.name,
        system: { id: system.id, name: system.name, regions: system.regions, services },
        framework: framework ? { id: framework.id, name: framework.name } : null,
        register,
        people: await loadPeople(tx, ctx, register),
        reports: await loadReports(tx, ctx, controlIds, generatedAt),
        frameworks: frameworks
          .filter((f) => !framework || f.id === framework.id)
          .map((f) => ({ id: f.id, name: f.name, requirements: f.requirements, mapped: f.mapped, states: f.states })),
        ...(freeze ? { evidenceVersions: await loadReliedEvidence(tx, ctx, system.id, controlIds) } : {}),
      });
    },
    { ...TRANSACTION_DEFAULTS, timeout: READ_TIMEOUT_MS, isolationLevel: 'RepeatableRead' },
  );
}

/** The live compliance summary of one system, as of now. */
export async function getSummary(ctx: OrgContext, systemId: string, frameworkId?: string): Promise<SummaryContentV2> {
  return readSummary(ctx, systemId, frameworkId, false);
}

/** The frameworks a summary can be scoped to. */
export async function summaryFrameworks(ctx: OrgContext) {
  return prisma.framework.findMany({ where: { orgId: ctx.orgId }, select: { id: true, name: true }, orderBy: { name: 'asc' } });
}

export function contentHash(content: SummaryContent): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/**
 * Freezes the live summary: its content (with the owners, both halves, the evidence versions and
 * reports relied on) and its SHA-256 never change afterwards. The snapshot is dated by the
 * instant its content was read.
 */
export async function createSnapshot(ctx: OrgContext, input: z.output<typeof createSnapshotSchema>) {
  assertCan(ctx, 'snapshots.create');
  const content = await readSummary(ctx, input.systemId, input.frameworkId || undefined, true);
  const sha256 = contentHash(content);
  return audited(ctx, async (tx, record) => {
    const snapshot = await tx.snapshot.create({
      data: {
        orgId: ctx.orgId,
        systemId: input.systemId,
        content,
        sha256,
        createdById: ctx.userId,
        createdAt: new Date(content.generatedAt),
      },
      select: { id: true, sha256: true, createdAt: true },
    });
    record({ action: 'snapshot.created', entityType: 'Snapshot', entityId: snapshot.id, after: { systemId: input.systemId, sha256 } });
    return snapshot;
  });
}

/** Signs off a snapshot once, with a comment; refused if its content no longer matches its hash. */
export async function signOffSnapshot(ctx: OrgContext, input: z.output<typeof signOffSnapshotSchema>) {
  assertCan(ctx, 'snapshots.signoff');
  assertUuid(input.snapshotId, 'snapshot');
  return audited(ctx, async (tx, record) => {
    const snapshot = await tx.snapshot.findFirst({
      where: { id: input.snapshotId, orgId: ctx.orgId },
      select: { content: true, sha256: true },
    });
    if (!snapshot) throw new AppError('NOT_FOUND', 'This snapshot does not exist.');
    if (contentHash(snapshot.content as SummaryContent) !== snapshot.sha256) {
      throw new AppError('CONFLICT', 'This snapshot’s content does not match its SHA-256: it cannot be signed off.');
    }
    const { count } = await tx.snapshot.updateMany({
      where: { id: input.snapshotId, orgId: ctx.orgId, signedAt: null },
      data: { signedById: ctx.userId, signedAt: new Date(), signComment: input.comment },
    });
    if (count === 0) throw new AppError('CONFLICT', 'This snapshot is already signed off.');
    record({
      action: 'snapshot.signed_off',
      entityType: 'Snapshot',
      entityId: input.snapshotId,
      after: { comment: input.comment, sha256: snapshot.sha256 },
    });
    return { snapshotId: input.snapshotId };
  });
}

const snapshotSelect = {
  id: true,
  systemId: true,
  sha256: true,
  createdAt: true,
  signedAt: true,
  signComment: true,
  createdById: true,
  signedById: true,
} as const;

async function names(ctx: OrgContext, ids: (string | null)[]) {
  const people = await prisma.user.findMany({
    where: { id: { in: ids.filter((id): id is string => Boolean(id)) }, memberships: { some: { orgId: ctx.orgId } } },
    select: { id: true, name: true },
  });
  return (id: string | null) => (id ? (people.find((p) => p.id === id)?.name ?? 'A former member') : null);
}

export async function listSnapshots(ctx: OrgContext, systemId: string) {
  if (!isUuid(systemId)) throw notFound();
  const snapshots = await prisma.snapshot.findMany({
    where: { orgId: ctx.orgId, systemId },
    select: snapshotSelect,
    orderBy: { createdAt: 'desc' },
    take: 200,
  });
  const name = await names(
    ctx,
    snapshots.flatMap((s) => [s.createdById, s.signedById]),
  );
  return snapshots.map((s) => ({ ...s, createdBy: name(s.createdById), signedBy: name(s.signedById) }));
}

export async function getSnapshot(ctx: OrgContext, snapshotId: string) {
  if (!isUuid(snapshotId)) throw new AppError('NOT_FOUND', 'This snapshot does not exist.');
  const snapshot = await prisma.snapshot.findFirst({
    where: { id: snapshotId, orgId: ctx.orgId },
    select: { ...snapshotSelect, content: true },
  });
  if (!snapshot) throw new AppError('NOT_FOUND', 'This snapshot does not exist.');
  const name = await names(ctx, [snapshot.createdById, snapshot.signedById]);
  const content = snapshot.content as unknown as SummaryContent;
  return {
    ...snapshot,
    content,
    intact: contentHash(content) === snapshot.sha256,
    createdBy: name(snapshot.createdById),
    signedBy: name(snapshot.signedById),
  };
}

/** What changed from one snapshot to a later one (both of this organization). */
export async function compareSnapshots(ctx: OrgContext, beforeId: string, afterId: string) {
  const [before, after] = await Promise.all([getSnapshot(ctx, beforeId), getSnapshot(ctx, afterId)]);
  return {
    before,
    after,
    changes: diffSummaries(before.content, after.content),
    /** Snapshots in different formats: only what both record is compared. */
    mixedFormats: before.content.schemaVersion !== after.content.schemaVersion,
  };
}
