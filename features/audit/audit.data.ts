import 'server-only';
import { isUuid, prisma, type Db, type Tx } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client.ts';
import { assertCan, type OrgContext } from '@/lib/auth/permissions';
import { AppError, RequestReplayed } from '@/lib/errors';
import {
  AUDIT_KINDS,
  auditHash,
  findChainBreak,
  GENESIS_HASH,
  PLATFORM_CHAIN,
  REFUSAL_ACTION,
  SIGN_IN_ACTION_PREFIX,
  apiTokenActorLabel,
  storableText,
  THROTTLE_PER_MINUTE,
  THROTTLED_ACTIONS,
  toJson,
  type AuditKind,
  type ChainBreak,
  type ChainRow,
  type JsonValue,
} from './audit.policy';

export type AuditActor = {
  orgId: string | null;
  userId: string | null;
  email?: string | null;
  /** A create's request id (see ActionRequest): the change is made once per id. */
  request?: { id: string; action: string };
  /** A request made with an API token: the token is the actor (no user id), named in the event. */
  apiToken?: { id: string; name: string };
};
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
 * Events anyone can cause at will (refusals, failed sign-ins) are rate-limited first.
 */
export async function appendAudit(tx: Tx, actor: AuditActor, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const chain = actor.orgId ?? PLATFORM_CHAIN;
  const list = await throttle(tx, chain, actor, Array.isArray(entries) ? entries : [entries]);
  if (list.length === 0) return;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${chain}, 0))`;
  const last = await tx.auditEvent.findFirst({
    where: { chain },
    orderBy: { seq: 'desc' },
    select: { seq: true, hash: true },
  });
  // The actor's email is stored with the event, so the log reads on its own even after the
  // account changes.
  // A request made with an API token is recorded under the token's name instead.
  const actorEmail = actor.apiToken
    ? apiTokenActorLabel(actor.apiToken.name)
    : (actor.email ??
      (actor.userId ? (await tx.user.findUnique({ where: { id: actor.userId }, select: { email: true } }))?.email : null) ??
      null);
  const actorId = actor.apiToken ? null : actor.userId;
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const createdAt = new Date();
  const rows = list.map((entry) => {
    const content = {
      chain,
      seq: ++seq,
      orgId: actor.orgId,
      actorId,
      actorEmail: actorEmail === null ? null : storableText(actorEmail),
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

/**
 * Counts each throttled entry against its key (action, chain, actor) for the current minute, in
 * the caller's transaction (the row lock orders concurrent attempts). Up to THROTTLE_PER_MINUTE
 * are written; beyond that an attempt only increments `unlogged`, and the next written event of
 * that key says how many were counted without being written.
 */
async function throttle(tx: Tx, chain: string, actor: AuditActor, entries: AuditEntry[]): Promise<AuditEntry[]> {
  const kept: AuditEntry[] = [];
  for (const entry of entries) {
    if (!THROTTLED_ACTIONS.has(entry.action)) {
      kept.push(entry);
      continue;
    }
    const key = `${entry.action}:${chain}:${actor.apiToken ? `token:${actor.apiToken.id}` : (actor.userId ?? 'unknown')}`;
    const [counted] = await tx.$queryRaw<{ count: number; unlogged: number }[]>`
      INSERT INTO "AuditThrottle" ("key", "windowStart", "count", "unlogged")
      VALUES (${key}, date_trunc('minute', now()), 1, 0)
      ON CONFLICT ("key") DO UPDATE SET
        "count" = CASE WHEN "AuditThrottle"."windowStart" = EXCLUDED."windowStart" THEN "AuditThrottle"."count" + 1 ELSE 1 END,
        "windowStart" = EXCLUDED."windowStart"
      RETURNING "count", "unlogged"`;
    if (counted!.count > THROTTLE_PER_MINUTE) {
      await tx.$executeRaw`UPDATE "AuditThrottle" SET "unlogged" = "unlogged" + 1 WHERE "key" = ${key}`;
      continue;
    }
    if (counted!.unlogged > 0) await tx.$executeRaw`UPDATE "AuditThrottle" SET "unlogged" = 0 WHERE "key" = ${key}`;
    const note = {
      ...(counted!.unlogged > 0 ? { notLoggedBefore: counted!.unlogged } : {}),
      ...(counted!.count === THROTTLE_PER_MINUTE ? { limitReached: true } : {}),
    };
    kept.push(Object.keys(note).length ? { ...entry, after: { ...(entry.after as object), throttle: note } } : entry);
  }
  return kept;
}

/** Interactive transactions: Prisma's defaults (2 s to get a connection, 5 s to finish) fail on a busy machine. */
export const TRANSACTION_DEFAULTS = { maxWait: 10_000, timeout: 15_000 } as const;
/** Imports and library loads write thousands of rows in one all-or-nothing transaction. */
export const IMPORT_TIMEOUT_MS = 120_000;

/**
 * Runs a change and the audit events that record it in one transaction. A change that
 * records nothing is a bug, so it is rolled back. Long changes pass a `timeout` sized to their work.
 * With a request id (a create sent by a form), the id is claimed first: a second request with the
 * same id waits for the first to finish, then is answered with its result (RequestReplayed).
 */
export async function audited<T>(
  actor: AuditActor,
  change: (tx: Tx, record: (entry: AuditEntry) => void) => Promise<T>,
  options: { timeout?: number } = {},
): Promise<T> {
  return prisma.$transaction(
    async (tx) => {
      if (actor.request) await claimRequest(tx, actor, actor.request);
      const entries: AuditEntry[] = [];
      const result = await change(tx, (entry) => entries.push(entry));
      if (entries.length === 0) throw new Error('A change must record at least one audit event');
      await appendAudit(tx, actor, entries);
      if (actor.request) {
        await tx.actionRequest.update({
          where: { userId_requestId: { userId: actor.userId!, requestId: actor.request.id } },
          data: { result: toJson(result) ?? undefined },
        });
      }
      return result;
    },
    { ...TRANSACTION_DEFAULTS, ...options },
  );
}

/** How long a request id is remembered: far longer than any double click or retry. */
const REQUEST_MEMORY = '1 day';

async function claimRequest(tx: Tx, actor: AuditActor, request: { id: string; action: string }) {
  if (!actor.userId || !actor.orgId) throw new Error('A request id needs a signed-in member');
  await tx.$executeRaw`
    DELETE FROM "ActionRequest" WHERE "userId" = ${actor.userId}::uuid AND "createdAt" < now() - ${REQUEST_MEMORY}::interval`;
  // Waits for a concurrent claim of the same id to commit or roll back.
  const claimed = await tx.$queryRaw<unknown[]>`
    INSERT INTO "ActionRequest" ("userId", "requestId", "orgId", "action")
    VALUES (${actor.userId}::uuid, ${request.id}::uuid, ${actor.orgId}::uuid, ${request.action})
    ON CONFLICT DO NOTHING
    RETURNING 1`;
  if (claimed.length > 0) return;
  await replayRequest({ userId: actor.userId, orgId: actor.orgId, request }, tx);
}

/**
 * The answer to a request id that was already used: RequestReplayed with the first result when
 * it was the same action in the same organization, nothing when the id is new.
 */
export async function replayRequest(
  { userId, orgId, request }: { userId: string; orgId: string; request: { id: string; action: string } },
  db: Db | Tx = prisma,
): Promise<void> {
  const prior = await db.actionRequest.findUnique({
    where: { userId_requestId: { userId, requestId: request.id } },
    select: { orgId: true, action: true, result: true },
  });
  if (!prior) return;
  if (prior.orgId !== orgId || prior.action !== request.action) {
    throw new AppError('VALIDATION', 'This form was already used for something else. Reload the page and try again.');
  }
  throw new RequestReplayed(prior.result);
}

export type Refusal = { via: 'action' | 'route' | 'page'; name: string; error: AppError };

/**
 * Records a FORBIDDEN or NOT_FOUND met by a signed-in user: the action, route or page, the code,
 * what it was about (entity or permission) and never the refused input. A member's refusal goes
 * to the organization's chain; a non-member's to the platform chain, naming the organization only
 * when the slug they used names one. Rate-limited in appendAudit. Recording never fails the request.
 */
export async function recordRefusal(
  who: OrgContext | { userId: string; orgSlug: string | null },
  { via, name, error }: Refusal,
): Promise<void> {
  if (error.code !== 'FORBIDDEN' && error.code !== 'NOT_FOUND') return;
  try {
    const member = 'orgId' in who;
    const orgId = member
      ? who.orgId
      : who.orgSlug
        ? ((await prisma.organization.findUnique({ where: { slug: who.orgSlug }, select: { id: true } }))?.id ?? null)
        : null;
    const { entityType, entityId, permission } = error.details ?? {};
    await prisma.$transaction(
      (tx) =>
        appendAudit(tx, member ? { orgId, userId: who.userId } : { orgId: null, userId: who.userId }, {
          action: REFUSAL_ACTION,
          // What was asked for; without an entity, the organization itself.
          entityType: entityType ?? 'Organization',
          entityId: entityType ? (entityId ?? null) : orgId,
          after: { via, name, code: error.code, ...(permission ? { permission } : {}) },
        }),
      TRANSACTION_DEFAULTS,
    );
  } catch (failure) {
    console.error(JSON.stringify({ level: 'error', msg: 'refusal not recorded', error: String(failure) }));
  }
}

export const AUDIT_PAGE_SIZE = 50;

/** Where a page of the log starts: events older than `before`, or newer than `after` (by seq). */
export type AuditCursor = { before?: number; after?: number };
/** Which events: a kind (by action) and an actor (a user id). */
export type AuditFilter = { kind?: AuditKind; actorId?: string };

const canSeeRefusals = (ctx: OrgContext) => ctx.role === 'OWNER' || ctx.role === 'ADMIN';

/** The filter as SQL conditions, including what the caller may not see. */
function auditConditions(ctx: OrgContext, filter: Required<AuditFilter>): Prisma.Sql[] {
  const conditions = [Prisma.sql`a."chain" = ${ctx.orgId}`];
  const signIn = Prisma.sql`a."action" LIKE ${`${SIGN_IN_ACTION_PREFIX}%`}`;
  if (filter.kind === 'sign-ins') conditions.push(signIn);
  if (filter.kind === 'refusals') conditions.push(Prisma.sql`a."action" = ${REFUSAL_ACTION}`);
  if (filter.kind === 'changes') conditions.push(Prisma.sql`NOT (${signIn}) AND a."action" <> ${REFUSAL_ACTION}`);
  if (!canSeeRefusals(ctx)) conditions.push(Prisma.sql`a."action" <> ${REFUSAL_ACTION}`);
  if (filter.actorId) conditions.push(Prisma.sql`a."actorId" = ${filter.actorId}::uuid`);
  if (ctx.auditPeriod) conditions.push(withinAuditPeriod(ctx, ctx.auditPeriod));
  return conditions;
}

/**
 * For an auditor limited to an audit period: no event about evidence they cannot see (no version
 * true within the period; provider reports stay visible), and no version_added event of a version
 * true outside it (its notes, URL or file name are the hidden content).
 */
function withinAuditPeriod(ctx: OrgContext, period: NonNullable<OrgContext['auditPeriod']>): Prisma.Sql {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const versionIn = [
    ...(period.start ? [Prisma.sql`v."effectiveAt" >= ${day(period.start)}::date`] : []),
    ...(period.end ? [Prisma.sql`v."effectiveAt" <= ${day(period.end)}::date`] : []),
  ];
  const trueOn = Prisma.sql`left(a."after"->>'effectiveAt', 10)`;
  const all = (parts: Prisma.Sql[], glue: string) => (parts.length ? Prisma.join(parts, glue) : Prisma.sql`${glue === ' AND '}`);
  const versionOut = [
    ...(period.start ? [Prisma.sql`${trueOn} < ${day(period.start)}`] : []),
    ...(period.end ? [Prisma.sql`${trueOn} > ${day(period.end)}`] : []),
  ];
  return Prisma.sql`NOT (a."entityType" = 'Evidence' AND (
      a."entityId" NOT IN (
        SELECT e."id"::text FROM "Evidence" e
        WHERE e."orgId" = ${ctx.orgId}::uuid
          AND (e."kind" = 'PROVIDER_REPORT' OR EXISTS (
            SELECT 1 FROM "EvidenceVersion" v WHERE v."evidenceId" = e."id" AND ${all(versionIn, ' AND ')})))
      OR (a."action" = 'evidence.version_added' AND (${all(versionOut, ' OR ')}))))`;
}

type AuditRow = {
  id: string;
  seq: number;
  actorEmail: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: JsonValue | null;
  after: JsonValue | null;
  createdAt: Date;
  hash: string;
};

/**
 * One page of the organization's log, newest first, by keyset on seq (the chain's own order)
 * within the filter: as fast on the millionth event as on the first. Says whether newer and
 * older pages exist. Refusals are for owners and admins; a period-limited auditor sees nothing
 * about evidence outside the period.
 */
export async function listAuditEvents(ctx: OrgContext, query: AuditCursor & { kind?: string; actorId?: string } = {}) {
  assertCan(ctx, 'audit.read');
  const filter: Required<AuditFilter> = {
    kind: AUDIT_KINDS.includes(query.kind as AuditKind) ? (query.kind as AuditKind) : 'all',
    actorId: isUuid(query.actorId) ? query.actorId : '',
  };
  const where = Prisma.join(auditConditions(ctx, filter), ' AND ');
  const forward = query.after !== undefined;
  const page = forward
    ? Prisma.sql`a."seq" > ${query.after}`
    : query.before !== undefined
      ? Prisma.sql`a."seq" < ${query.before}`
      : Prisma.sql`TRUE`;
  const [[counted], found] = await Promise.all([
    prisma.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM "AuditEvent" a WHERE ${where}`,
    prisma.$queryRaw<AuditRow[]>`
      SELECT a."id", a."seq", a."actorEmail", a."action", a."entityType", a."entityId", a."before", a."after", a."createdAt", a."hash"
      FROM "AuditEvent" a
      WHERE ${where} AND ${page}
      ORDER BY a."seq" ${forward ? Prisma.sql`ASC` : Prisma.sql`DESC`}
      LIMIT ${AUDIT_PAGE_SIZE + 1}`,
  ]);
  const more = found.length > AUDIT_PAGE_SIZE;
  const events = found.slice(0, AUDIT_PAGE_SIZE);
  if (forward) events.reverse();
  const newest = events[0]?.seq;
  const oldest = events.at(-1)?.seq;
  return {
    total: counted?.total ?? 0,
    events,
    filter,
    canSeeRefusals: canSeeRefusals(ctx),
    pageSize: AUDIT_PAGE_SIZE,
    newer: newest !== undefined && (forward ? more : query.before !== undefined) ? newest : null,
    older: oldest !== undefined && (forward || more) && oldest > 1 ? oldest : null,
  };
}

/** The people the log can be filtered by: the organization's members, past and present. */
export async function listAuditActors(ctx: OrgContext) {
  assertCan(ctx, 'audit.read');
  const members = await prisma.membership.findMany({
    where: { orgId: ctx.orgId },
    select: { user: { select: { id: true, name: true, email: true } } },
    orderBy: { user: { email: 'asc' } },
  });
  return members.map((m) => m.user);
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
