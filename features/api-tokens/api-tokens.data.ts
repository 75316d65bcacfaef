import 'server-only';
import type { z } from 'zod';
import { appendAudit, audited, TRANSACTION_DEFAULTS, type AuditActor } from '@/features/audit/audit.data';
import { API_RATE_LIMITED_ACTION, API_REQUEST_ACTION } from '@/features/audit/audit.policy';
import { assertCan, can, type OrgContext } from '@/lib/auth/permissions';
import { staleVersionError } from '@/lib/concurrency';
import { assertUuid, isUniqueViolation, prisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import {
  generateApiToken,
  hashApiToken,
  LAST_USED_RESOLUTION_SECONDS,
  rateLimitPerMinute,
  tokenState,
  TOKEN_PATTERN,
} from './api-tokens.policy';
import type { ApiScope, createApiTokenSchema, revokeApiTokenSchema } from './api-tokens.schema';

/** What the page and the audit log show of a token: never the token, never its hash. */
const tokenSelect = {
  id: true,
  name: true,
  scopes: true,
  expiresAt: true,
  lastUsedAt: true,
  createdAt: true,
  createdById: true,
  revokedAt: true,
  revokedById: true,
  version: true,
} as const;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The creator's memberships, to tell whether they still manage the token's organization's tokens. */
const creatorMemberships = { memberships: { select: { orgId: true, role: true, disabledAt: true } } } as const;

function creatorCanManage(orgId: string, memberships: { orgId: string; role: OrgContext['role']; disabledAt: Date | null }[]): boolean {
  return memberships.some((m) => m.orgId === orgId && !m.disabledAt && can(m.role, 'apiTokens.manage'));
}

function nameTaken(): AppError {
  const message = 'Another active token of this organization has this name. Choose another, or revoke that one first.';
  return new AppError('CONFLICT', message, { name: [message] });
}

/**
 * Creates a token for the organization. The token itself is returned here and nowhere else:
 * only its SHA-256 is stored, and the audit event records the token's name, scopes and expiry.
 */
export async function createApiToken(ctx: OrgContext, input: z.output<typeof createApiTokenSchema>) {
  assertCan(ctx, 'apiTokens.manage');
  const token = generateApiToken();
  const expiresAt = new Date(Date.now() + input.expiresInDays * DAY_MS);
  try {
    const created = await audited(ctx, async (tx, record) => {
      const row = await tx.apiToken.create({
        data: {
          orgId: ctx.orgId,
          name: input.name,
          scopes: [...input.scopes],
          tokenHash: hashApiToken(token),
          expiresAt,
          createdById: ctx.userId,
        },
        select: tokenSelect,
      });
      record({ action: 'api_token.created', entityType: 'ApiToken', entityId: row.id, after: row });
      return row;
    });
    return { id: created.id, name: created.name, scopes: created.scopes, expiresAt: created.expiresAt, token };
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
}

/** Revokes a token (it stops working at once), refused over a newer version of it. */
export async function revokeApiToken(ctx: OrgContext, input: z.output<typeof revokeApiTokenSchema>) {
  assertCan(ctx, 'apiTokens.manage');
  assertUuid(input.tokenId, 'API token');
  return audited(ctx, async (tx, record) => {
    const before = await tx.apiToken.findFirst({ where: { id: input.tokenId, orgId: ctx.orgId }, select: tokenSelect });
    if (!before) throw new AppError('NOT_FOUND', 'This API token does not exist.');
    if (before.revokedAt) throw new AppError('CONFLICT', 'This API token is already revoked.');
    const { count } = await tx.apiToken.updateMany({
      where: { id: input.tokenId, orgId: ctx.orgId, version: input.version, revokedAt: null },
      data: { revokedAt: new Date(), revokedById: ctx.userId, version: { increment: 1 } },
    });
    if (count === 0) throw staleVersionError('API token');
    const after = await tx.apiToken.findFirstOrThrow({ where: { id: input.tokenId, orgId: ctx.orgId }, select: tokenSelect });
    record({ action: 'api_token.revoked', entityType: 'ApiToken', entityId: after.id, before, after });
    return { id: after.id, version: after.version };
  });
}

/** The organization's tokens for the management page, newest first, with their state. */
export async function listApiTokens(ctx: OrgContext, now = new Date()) {
  assertCan(ctx, 'apiTokens.manage');
  const rows = await prisma.apiToken.findMany({
    where: { orgId: ctx.orgId },
    select: { ...tokenSelect, createdBy: { select: { name: true, email: true, ...creatorMemberships } } },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
  });
  return rows.map(({ createdBy: { memberships, ...createdBy }, ...row }) => ({
    ...row,
    createdBy,
    state: tokenState({ ...row, creatorCanManage: creatorCanManage(ctx.orgId, memberships) }, now),
  }));
}

export type ApiTokenRow = Awaited<ReturnType<typeof listApiTokens>>[number];

/** The caller of an /api/v1 request once its token is checked. */
export type ApiCaller = { ctx: OrgContext & { apiToken: { id: string; name: string } }; scopes: string[] };

const unauthenticated = (detail: string) => new AppError('UNAUTHENTICATED', detail);

/**
 * The token from `Authorization: Bearer <token>`, looked up by its hash: it must exist, be
 * unrevoked, unexpired and not suspended (tokenState). Its organization is the scope of everything
 * the request reads or writes. Marks it used (at most once a minute). A token acts with a role no greater than its
 * scopes need: it reads as a viewer, and adds evidence as an editor would.
 */
export async function authenticateApiToken(authorization: string | null, now = new Date()): Promise<ApiCaller> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) throw unauthenticated('Send an API token as `Authorization: Bearer <token>`.');
  const raw = match[1]!;
  if (!TOKEN_PATTERN.test(raw)) throw unauthenticated('This API token is not valid.');
  const token = await prisma.apiToken.findUnique({
    where: { tokenHash: hashApiToken(raw) },
    select: {
      id: true,
      orgId: true,
      name: true,
      scopes: true,
      createdById: true,
      expiresAt: true,
      revokedAt: true,
      org: { select: { slug: true } },
      createdBy: { select: creatorMemberships },
    },
  });
  if (!token) throw unauthenticated('This API token is not valid.');
  const state = tokenState({ ...token, creatorCanManage: creatorCanManage(token.orgId, token.createdBy.memberships) }, now);
  if (state === 'revoked') throw unauthenticated('This API token was revoked.');
  if (state === 'expired') throw unauthenticated('This API token has expired.');
  if (state === 'suspended') {
    throw unauthenticated('This API token is suspended: the owner or admin who created it no longer manages this organization’s tokens.');
  }
  await prisma.$executeRaw`
    UPDATE "ApiToken" SET "lastUsedAt" = ${now}
    WHERE "id" = ${token.id}::uuid
      AND ("lastUsedAt" IS NULL OR "lastUsedAt" <= ${now}::timestamptz - ${LAST_USED_RESOLUTION_SECONDS} * interval '1 second')`;
  const writes = token.scopes.includes('evidence:write') || token.scopes.includes('findings:write');
  return {
    scopes: token.scopes,
    ctx: {
      // The data functions take a member's context: rows that name who added them (an evidence
      // version's uploader) name the token's creator; the audit log names the token.
      userId: token.createdById,
      orgId: token.orgId,
      orgSlug: token.org.slug,
      role: writes ? 'EDITOR' : 'VIEWER',
      apiToken: { id: token.id, name: token.name },
    },
  };
}

/** The token's scope check: 403 naming the scope it lacks. */
export function assertScope(caller: ApiCaller, needed: ApiScope): void {
  if (caller.scopes.includes(needed)) return;
  throw new AppError('FORBIDDEN', `This API token lacks the scope "${needed}".`, undefined, { permission: needed });
}

/**
 * Counts this request against the token's limit for the current minute and decides, in ONE
 * statement (concurrent requests queue on the row lock and each sees the ones before). Returns
 * null when allowed, or the seconds until the next minute starts.
 */
export async function countApiRequest(tokenId: string, limit = rateLimitPerMinute()): Promise<number | null> {
  const [row] = await prisma.$queryRaw<{ allowed: boolean; retryAfter: number }[]>`
    INSERT INTO "ApiRateLimit" AS r ("tokenId", "windowStart", "count")
    VALUES (${tokenId}::uuid, date_trunc('minute', statement_timestamp()), 1)
    ON CONFLICT ("tokenId") DO UPDATE SET
      "count" = CASE WHEN r."windowStart" = EXCLUDED."windowStart" THEN r."count" + 1 ELSE 1 END,
      "windowStart" = EXCLUDED."windowStart"
    RETURNING r."count" <= ${limit}::int AS "allowed",
      GREATEST(1, ceil(extract(epoch FROM r."windowStart" + interval '1 minute' - statement_timestamp())))::int AS "retryAfter"`;
  return row!.allowed ? null : row!.retryAfter;
}

/**
 * Records one use of a token in its organization's log, under the token's name: what was asked
 * and the answer's status. Refusals by the rate limit are throttled like other floods.
 */
export async function recordApiRequest(
  caller: ApiCaller,
  request: { method: string; path: string; status: number; rateLimited?: boolean },
): Promise<void> {
  const actor: AuditActor = { orgId: caller.ctx.orgId, userId: null, apiToken: caller.ctx.apiToken };
  await prisma.$transaction(
    (tx) =>
      appendAudit(tx, actor, {
        action: request.rateLimited ? API_RATE_LIMITED_ACTION : API_REQUEST_ACTION,
        entityType: 'ApiToken',
        entityId: caller.ctx.apiToken.id,
        after: { method: request.method, path: request.path, status: request.status },
      }),
    TRANSACTION_DEFAULTS,
  );
}
