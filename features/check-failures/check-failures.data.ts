import 'server-only';
import type { z } from 'zod';
import { isUuid, prisma, type Tx } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { AppError } from '@/lib/errors';
import { staleVersionError } from '@/lib/concurrency';
import { assertCan, type OrgContext } from '@/lib/auth/permissions';
import { audited } from '@/features/audit/audit.data';
import { failureStanding } from './check-failures.policy';
import type { acceptRiskSchema, revokeRiskAcceptanceSchema } from './check-failures.schema';

/** At most this many failures of one control in one system are listed (newest first). */
export const LISTED_FAILURES = 500;

const failureSelect = {
  id: true,
  checkId: true,
  title: true,
  severity: true,
  resource: true,
  accountId: true,
  region: true,
  remediation: true,
  suppressed: true,
  firstSeenAt: true,
  lastSeenAt: true,
  resolvedAt: true,
  riskJustification: true,
  riskAcceptedUntil: true,
  riskAcceptedById: true,
  riskAcceptedAt: true,
  version: true,
} as const;

/**
 * The "Failing checks" section of a control, per system: its CheckFailure rows sorted by where
 * they stand on `today` (open, suppressed by the tool, accepted as a risk, resolved), with who
 * accepted each risk. `hasResults`: the system has automated results for the control at all
 * (a failure, or AUTOMATED evidence), so an empty list there means every check passes.
 */
export async function listControlCheckFailures(ctx: OrgContext, controlId: string, today = new Date()) {
  if (!isUuid(controlId)) throw new AppError('NOT_FOUND', 'This control does not exist.');
  const [rows, automated] = await Promise.all([
    prisma.checkFailure.findMany({
      where: { orgId: ctx.orgId, controlId },
      orderBy: [{ lastSeenAt: 'desc' }, { resource: 'asc' }, { checkId: 'asc' }],
      take: LISTED_FAILURES,
      select: { ...failureSelect, systemId: true },
    }),
    prisma.evidence.groupBy({
      by: ['systemId'],
      where: { orgId: ctx.orgId, kind: 'AUTOMATED', systemId: { not: null }, controls: { some: { orgId: ctx.orgId, controlId } } },
      _count: { _all: true },
    }),
  ]);
  const acceptors = [...new Set(rows.flatMap((r) => (r.riskAcceptedById ? [r.riskAcceptedById] : [])))];
  const people = acceptors.length
    ? await prisma.membership.findMany({
        where: { orgId: ctx.orgId, userId: { in: acceptors } },
        select: { userId: true, user: { select: { name: true } } },
      })
    : [];
  const nameOf = new Map(people.map((p) => [p.userId, p.user.name]));
  const bySystem = new Map<string, CheckFailureList>();
  const listOf = (systemId: string) =>
    bySystem.get(systemId) ??
    bySystem
      .set(systemId, { hasResults: true, open: [], suppressed: [], accepted: [], resolved: [], truncated: rows.length === LISTED_FAILURES })
      .get(systemId)!;
  for (const { systemId } of automated) if (systemId) listOf(systemId);
  for (const { riskAcceptedById, systemId, ...r } of rows) {
    const failure = { ...r, riskAcceptedBy: riskAcceptedById ? (nameOf.get(riskAcceptedById) ?? 'A former member') : null };
    const list = listOf(systemId);
    const standing = failureStanding(r, today);
    (standing === 'OPEN'
      ? list.open
      : standing === 'SUPPRESSED'
        ? list.suppressed
        : standing === 'RISK_ACCEPTED'
          ? list.accepted
          : list.resolved
    ).push(failure);
  }
  return bySystem;
}

type Failure = Omit<Prisma.CheckFailureGetPayload<{ select: typeof failureSelect }>, 'riskAcceptedById'> & {
  riskAcceptedBy: string | null;
};

/** One system's failing checks for a control; a system absent from the map has no automated results. */
export type CheckFailureList = {
  hasResults: boolean;
  open: Failure[];
  suppressed: Failure[];
  accepted: Failure[];
  resolved: Failure[];
  /** More failures than LISTED_FAILURES: the oldest are left out. */
  truncated: boolean;
};
export type ListedFailure = Failure;

const failureNotFound = (id: string) =>
  new AppError('NOT_FOUND', 'This failing check does not exist.', undefined, { entityType: 'CheckFailure', entityId: id });

async function findFailure(tx: Tx, ctx: OrgContext, id: string) {
  const failure = await tx.checkFailure.findFirst({ where: { id, orgId: ctx.orgId }, select: failureSelect });
  if (!failure) throw failureNotFound(id);
  return failure;
}

const audit = (f: { riskJustification: string; riskAcceptedUntil: Date | null; riskAcceptedById: string | null }) => ({
  riskJustification: f.riskJustification,
  riskAcceptedUntil: f.riskAcceptedUntil?.toISOString().slice(0, 10) ?? null,
  riskAcceptedById: f.riskAcceptedById,
});

/**
 * Accept one open failing check as a risk until a day (its last day included): it stops counting
 * among the control's failing resources until then, and counts again afterwards with no job.
 */
export async function acceptRisk(ctx: OrgContext, input: z.output<typeof acceptRiskSchema>) {
  assertCan(ctx, 'risks.accept');
  return audited(ctx, async (tx, record) => {
    const failure = await findFailure(tx, ctx, input.failureId);
    if (failure.resolvedAt) throw new AppError('CONFLICT', 'This check passes again since a later scan: there is no risk to accept.');
    if (failure.suppressed)
      throw new AppError('CONFLICT', 'The tool suppressed this check: it is not counted, so there is no risk to accept.');
    const data = {
      riskJustification: input.justification,
      riskAcceptedUntil: new Date(`${input.until}T00:00:00Z`),
      riskAcceptedById: ctx.userId,
      riskAcceptedAt: new Date(),
    };
    const { count } = await tx.checkFailure.updateMany({
      where: { id: failure.id, orgId: ctx.orgId, version: input.version },
      data: { ...data, version: { increment: 1 } },
    });
    if (count === 0) throw staleVersionError('failing check');
    record({
      action: 'checkFailure.riskAccepted',
      entityType: 'CheckFailure',
      entityId: failure.id,
      before: audit(failure),
      after: { ...audit(data), checkId: failure.checkId, resource: failure.resource },
    });
    return { failureId: failure.id, version: input.version + 1 };
  });
}

/** End an acceptance before its expiry: the failure counts again at once. */
export async function revokeRiskAcceptance(ctx: OrgContext, input: z.output<typeof revokeRiskAcceptanceSchema>) {
  assertCan(ctx, 'risks.accept');
  return audited(ctx, async (tx, record) => {
    const failure = await findFailure(tx, ctx, input.failureId);
    if (!failure.riskAcceptedUntil) throw new AppError('CONFLICT', 'This failing check is not accepted as a risk.');
    const { count } = await tx.checkFailure.updateMany({
      where: { id: failure.id, orgId: ctx.orgId, version: input.version },
      data: { riskJustification: '', riskAcceptedUntil: null, riskAcceptedById: null, riskAcceptedAt: null, version: { increment: 1 } },
    });
    if (count === 0) throw staleVersionError('failing check');
    record({
      action: 'checkFailure.riskRevoked',
      entityType: 'CheckFailure',
      entityId: failure.id,
      before: { ...audit(failure), checkId: failure.checkId, resource: failure.resource },
      after: audit({ riskJustification: '', riskAcceptedUntil: null, riskAcceptedById: null }),
    });
    return { failureId: failure.id, version: input.version + 1 };
  });
}
