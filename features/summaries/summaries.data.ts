import 'server-only';
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { assertUuid, isUuid, prisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { assertCan, type OrgContext } from '@/lib/auth/permissions';
import { audited } from '@/features/audit/audit.data';
import { canonicalJson } from '@/features/audit/audit.policy';
import { loadRegister } from '@/features/controls/controls.data';
import { frameworkCoverage } from '@/features/frameworks/frameworks.data';
import { listProviderReports } from '@/features/reports/reports.data';
import { buildSummary, diffSummaries, type SummaryContent } from './summary.policy';
import type { createSnapshotSchema, signOffSnapshotSchema } from './summaries.schema';

const notFound = () => new AppError('NOT_FOUND', 'This system does not exist.');

/**
 * The live compliance summary of one system, as of now; with a framework, only the controls
 * mapped to its requirements (and that framework's coverage).
 */
export async function getSummary(ctx: OrgContext, systemId: string, frameworkId?: string): Promise<SummaryContent> {
  if (!isUuid(systemId)) throw notFound();
  const system = await prisma.system.findFirst({
    where: { id: systemId, orgId: ctx.orgId },
    select: { id: true, name: true, regions: true, services: { select: { serviceCode: true } }, org: { select: { name: true } } },
  });
  if (!system) throw notFound();
  const services = system.services.map((s) => s.serviceCode).sort();
  const [register, reports] = await Promise.all([loadRegister(ctx, { id: system.id, services }), listProviderReports(ctx)]);
  const frameworks = await frameworkCoverage(ctx, new Map(register.map((row) => [row.id, row])));
  const framework = frameworkId ? frameworks.find((f) => f.id === frameworkId) : undefined;
  if (frameworkId && !framework) throw new AppError('NOT_FOUND', 'This framework does not exist.');
  const mapped = framework
    ? new Set(
        (
          await prisma.controlRequirement.findMany({
            where: { orgId: ctx.orgId, requirement: { frameworkId: framework.id } },
            select: { controlId: true },
          })
        ).map((m) => m.controlId),
      )
    : null;
  return buildSummary({
    generatedAt: new Date(),
    organization: system.org.name,
    system: { id: system.id, name: system.name, regions: system.regions, services },
    framework: framework ? { id: framework.id, name: framework.name } : null,
    register: mapped ? register.filter((row) => mapped.has(row.id)) : register,
    reports,
    frameworks: frameworks
      .filter((f) => !framework || f.id === framework.id)
      .map((f) => ({ name: f.name, requirements: f.requirements, mapped: f.mapped, covered: f.states.COVERED })),
  });
}

/** The frameworks a summary can be scoped to. */
export async function summaryFrameworks(ctx: OrgContext) {
  return prisma.framework.findMany({ where: { orgId: ctx.orgId }, select: { id: true, name: true }, orderBy: { name: 'asc' } });
}

export function contentHash(content: SummaryContent): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/** Freezes the live summary: its content and SHA-256 never change afterwards. */
export async function createSnapshot(ctx: OrgContext, input: z.output<typeof createSnapshotSchema>) {
  assertCan(ctx, 'snapshots.create');
  const content = await getSummary(ctx, input.systemId, input.frameworkId || undefined);
  const sha256 = contentHash(content);
  return audited(ctx, async (tx, record) => {
    const snapshot = await tx.snapshot.create({
      data: { orgId: ctx.orgId, systemId: input.systemId, content, sha256, createdById: ctx.userId },
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
  const content = snapshot.content as SummaryContent;
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
  return { before, after, changes: diffSummaries(before.content, after.content) };
}
