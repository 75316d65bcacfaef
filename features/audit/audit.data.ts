import 'server-only';
import { prisma, type Tx } from '@/lib/db';
import { assertCan, type OrgContext } from '@/lib/auth/permissions';
import {
  auditHash,
  findChainBreak,
  GENESIS_HASH,
  PLATFORM_CHAIN,
  toJson,
  type ChainBreak,
  type ChainRow,
  type JsonValue,
} from './audit.policy';

export type AuditActor = { orgId: string | null; userId: string | null; email?: string | null };
export type AuditEntry = {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
};

/**
 * Appends events to the actor organization's chain inside the caller's transaction, in one
 * step: one lock, one read of the chain head, hashes computed in memory, one insert. The
 * advisory lock serialises writers of the same chain so seq and prevHash stay linear.
 */
export async function appendAudit(tx: Tx, actor: AuditActor, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  const chain = actor.orgId ?? PLATFORM_CHAIN;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${chain}, 0))`;
  const last = await tx.auditEvent.findFirst({
    where: { chain },
    orderBy: { seq: 'desc' },
    select: { seq: true, hash: true },
  });
  // The actor's email is stored with the event, so the log reads on its own even after the
  // account changes.
  const actorEmail =
    actor.email ??
    (actor.userId ? (await tx.user.findUnique({ where: { id: actor.userId }, select: { email: true } }))?.email : null) ??
    null;
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const createdAt = new Date();
  const rows = list.map((entry) => {
    const content = {
      chain,
      seq: ++seq,
      orgId: actor.orgId,
      actorId: actor.userId,
      actorEmail,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      before: toJson(entry.before),
      after: toJson(entry.after),
      createdAt,
    };
    const hash = auditHash(prevHash, content);
    const row = { ...content, before: content.before ?? undefined, after: content.after ?? undefined, prevHash, hash };
    prevHash = hash;
    return row;
  });
  await tx.auditEvent.createMany({ data: rows });
}

/** Interactive transactions: Prisma's defaults (2 s to get a connection, 5 s to finish) fail on a busy machine. */
export const TRANSACTION_DEFAULTS = { maxWait: 10_000, timeout: 15_000 } as const;
/** Imports and library loads write thousands of rows in one all-or-nothing transaction. */
export const IMPORT_TIMEOUT_MS = 120_000;

/**
 * Runs a change and the audit events that record it in one transaction. A change that
 * records nothing is a bug, so it is rolled back. Long changes pass a `timeout` sized to their work.
 */
export async function audited<T>(
  actor: AuditActor,
  change: (tx: Tx, record: (entry: AuditEntry) => void) => Promise<T>,
  options: { timeout?: number } = {},
): Promise<T> {
  return prisma.$transaction(
    async (tx) => {
      const entries: AuditEntry[] = [];
      const result = await change(tx, (entry) => entries.push(entry));
      if (entries.length === 0) throw new Error('A change must record at least one audit event');
      await appendAudit(tx, actor, entries);
      return result;
    },
    { ...TRANSACTION_DEFAULTS, ...options },
  );
}

export const AUDIT_PAGE_SIZE = 50;

/** Where a page of the log starts: events older than `before`, or newer than `after` (by seq). */
export type AuditCursor = { before?: number; after?: number };

/**
 * One page of the organization's log, newest first, by keyset on seq (the chain's own order):
 * as fast on the millionth event as on the first. Says whether newer and older pages exist.
 */
export async function listAuditEvents(ctx: OrgContext, cursor: AuditCursor = {}) {
  assertCan(ctx, 'audit.read');
  const chain = ctx.orgId;
  const forward = cursor.after !== undefined;
  const [total, found] = await Promise.all([
    prisma.auditEvent.count({ where: { chain } }),
    prisma.auditEvent.findMany({
      where: { chain, ...(forward ? { seq: { gt: cursor.after } } : cursor.before !== undefined ? { seq: { lt: cursor.before } } : {}) },
      orderBy: { seq: forward ? 'asc' : 'desc' },
      take: AUDIT_PAGE_SIZE + 1,
      select: {
        id: true,
        seq: true,
        actorEmail: true,
        action: true,
        entityType: true,
        entityId: true,
        before: true,
        after: true,
        createdAt: true,
        hash: true,
      },
    }),
  ]);
  const more = found.length > AUDIT_PAGE_SIZE;
  const events = found.slice(0, AUDIT_PAGE_SIZE);
  if (forward) events.reverse();
  const newest = events[0]?.seq;
  const oldest = events.at(-1)?.seq;
  return {
    total,
    events,
    pageSize: AUDIT_PAGE_SIZE,
    newer: newest !== undefined && (forward ? more : cursor.before !== undefined) ? newest : null,
    older: oldest !== undefined && (forward || more) && oldest > 1 ? oldest : null,
  };
}

const VERIFY_BATCH = 5000;

/** Walks one chain in seq order, in batches so memory stays flat on long logs. */
export async function verifyChain(chain: string): Promise<{ checked: number; firstBreak: ChainBreak | null }> {
  let previous: { seq: number; hash: string } | null = null;
  let checked = 0;
  for (;;) {
    const rows: ChainRow[] = (
      await prisma.auditEvent.findMany({
        where: { chain, seq: { gt: previous?.seq ?? 0 } },
        orderBy: { seq: 'asc' },
        take: VERIFY_BATCH,
      })
    ).map((row) => ({ ...row, before: row.before as JsonValue, after: row.after as JsonValue }));
    if (rows.length === 0) return { checked, firstBreak: null };
    const firstBreak = findChainBreak(rows, previous);
    if (firstBreak) return { checked: checked + rows.findIndex((r) => r.id === firstBreak.id), firstBreak };
    checked += rows.length;
    previous = rows[rows.length - 1]!;
  }
}

export async function verifyOrgAuditChain(ctx: OrgContext) {
  assertCan(ctx, 'audit.read');
  return verifyChain(ctx.orgId);
}

/** Every chain in the database, for the `audit:verify` command. */
export async function verifyAllAuditChains() {
  const chains = await prisma.auditEvent.findMany({ distinct: ['chain'], select: { chain: true } });
  const results = [];
  for (const { chain } of chains) results.push({ chain, ...(await verifyChain(chain)) });
  return results;
}
