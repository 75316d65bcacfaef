import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);
export const PLATFORM_CHAIN = 'platform';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The fields a row's hash covers: everything but its own hash and row id. */
export type AuditContent = {
  chain: string;
  seq: number;
  orgId: string | null;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: JsonValue | null;
  after: JsonValue | null;
  createdAt: Date;
};

/** JSON with object keys sorted at every depth, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text as PostgreSQL stores it: a lone UTF-16 surrogate becomes U+FFFD (as in text columns) and a
 * NUL becomes U+FFFD too (JSON columns refuse both), so an event can always be written.
 */
export function storableText(text: string): string {
  return text.replace(LONE_SURROGATES, '\uFFFD').replace(/\u0000/g, '\uFFFD');
}

/** Turns a snapshot (with Dates, undefined fields) into the JSON that the database will store. */
export function toJson(value: unknown): JsonValue | null {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? storableText(v) : v))) as JsonValue;
}

/** The audit page's kinds of event: sign-ins (auth.*), refusals, and every change (the rest). */
export const AUDIT_KINDS = ['all', 'changes', 'sign-ins', 'refusals'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];
export const AUDIT_KIND_LABELS: Record<AuditKind, string> = {
  all: 'All events',
  changes: 'Changes',
  'sign-ins': 'Sign-ins',
  refusals: 'Refused attempts',
};

/** A refused attempt (FORBIDDEN or NOT_FOUND) by a signed-in user. */
export const REFUSAL_ACTION = 'access.refused';
export const SIGN_IN_ACTION_PREFIX = 'auth.';

/** How an event made with an API token names its actor (in place of a member's email). */
export function apiTokenActorLabel(name: string): string {
  return storableText(`API token: ${name}`);
}

/** A request made with an API token (every use is recorded). */
export const API_REQUEST_ACTION = 'api.request';
/** A request refused by the token's rate limit: recorded, but at most THROTTLE_PER_MINUTE times a minute. */
export const API_RATE_LIMITED_ACTION = 'api.rate_limited';

/** Events that someone can cause at will: written at most this many times per key and minute. */
export const THROTTLED_ACTIONS: ReadonlySet<string> = new Set([
  REFUSAL_ACTION,
  'auth.sign_in_failed',
  API_RATE_LIMITED_ACTION,
  'sso.refused',
]);
export const THROTTLE_PER_MINUTE = 10;

/** SHA-256 over the previous hash and this row's canonical content. */
export function auditHash(prevHash: string, row: AuditContent): string {
  // Listed field by field: a row read back from the database carries more than its content.
  const content: Record<keyof AuditContent, unknown> = {
    chain: row.chain,
    seq: row.seq,
    orgId: row.orgId,
    actorId: row.actorId,
    actorEmail: row.actorEmail,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before: row.before,
    after: row.after,
    createdAt: row.createdAt.toISOString(),
  };
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(content)).digest('hex');
}

export type ChainRow = AuditContent & { id: string; prevHash: string; hash: string };
export type ChainBreak = { chain: string; seq: number; id: string; reason: string };

/**
 * Checks one chain's rows, given in seq order, continuing from `previous` (the last row of
 * an earlier batch, or null at the start). Returns the first broken link, if any.
 */
export function findChainBreak(rows: ChainRow[], previous: { seq: number; hash: string } | null): ChainBreak | null {
  let prev = previous ?? { seq: 0, hash: GENESIS_HASH };
  for (const row of rows) {
    const at = { chain: row.chain, seq: row.seq, id: row.id };
    if (row.seq !== prev.seq + 1) return { ...at, reason: `expected event #${prev.seq + 1}, found #${row.seq} (an event is missing)` };
    if (row.prevHash !== prev.hash) return { ...at, reason: 'its previous-hash does not match the event before it' };
    if (auditHash(row.prevHash, row) !== row.hash) return { ...at, reason: 'its content does not match its hash (the row was changed)' };
    prev = row;
  }
  return null;
}
