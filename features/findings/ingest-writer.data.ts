import 'server-only';
import type { OrgContext } from '@/lib/auth/permissions';
import type { BulkStatement, Tx } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client.ts';
import type { FailingResource } from './automated';
import type { Finding } from './findings.policy';
import { addTo, resourceName, type FailureFacts } from './ingest.policy';

/** Rows written per statement. */
export const BATCH = 1000;
/**
 * The most text one statement's parameters carry (one version more, when a single version is
 * larger): what a statement holds while it is built and sent is bounded by this, not by the file.
 */
export const STATEMENT_BYTES = 256 * 1024;
export const json = (value: unknown) => JSON.stringify(value);

/** Open failures: the finding ids open on each system|control (the ids shared, not one key string per failure). */
export type OpenFailures = Map<string, Set<string>>;

/** The organization's open failures (bounded by the organization, not the file). */
export async function loadOpenFailures(tx: Tx, ctx: OrgContext): Promise<OpenFailures> {
  const rows = await tx.$queryRaw<{ pair: string; findingId: string }[]>`
    SELECT "systemId" || '|' || "controlId" AS "pair", "findingId" FROM "CheckFailure"
    WHERE "orgId" = ${ctx.orgId}::uuid AND "resolvedAt" IS NULL`;
  const open: OpenFailures = new Map();
  for (const row of rows) addTo(open, row.pair, row.findingId);
  return open;
}

/** A failure to open (its facts) or to resolve (a pass of the finding, observed at a time). */
export type FailureOp =
  | { kind: 'fail'; systemId: string; controlId: string; failure: FailureFacts }
  | { kind: 'resolve'; systemId: string; controlId: string; findingId: string; observedAt: string };

/** Distinct texts of one statement, sent once as a text[] and referred to by position (1-based, as SQL counts). */
class Texts {
  readonly list: string[] = [];
  private index = new Map<string, number>();
  /** The position of `text`, and the bytes it added to the statement (0 when it was there). */
  at(text: string): [number, number] {
    const known = this.index.get(text);
    if (known !== undefined) return [known, 0];
    this.list.push(text);
    this.index.set(text, this.list.length);
    return [this.list.length, text.length + 4];
  }
}

/** One statement's worth of rows, with their distinct texts and its size so far. */
class Statement<Row> {
  rows: Row[] = [];
  texts = new Texts();
  bytes = 0;
  get full() {
    return this.rows.length >= BATCH || this.bytes >= STATEMENT_BYTES;
  }
}

/** A CheckFailure row's facts with its texts by position. */
type FactRow = Omit<FailureFacts, 'listed'> &
  Omit<FailingResource, 'checkId' | 'title' | 'remediation'> & { f: number; k: number; t: number; m: number };

/** Pending CheckFailure and UnmappedFinding writes, flushed in statements of bounded size; one op per failure per statement. */
export class Writer {
  private ops = new Map<string, FailureOp>();
  private opsBytes = 0;
  private unmapped = new Statement<Record<string, unknown>>();
  /** The statement being written: the file is read on while the database works, one statement at a time. */
  private inFlight: Promise<unknown> = Promise.resolve();
  resolved = 0;

  constructor(
    /** The transaction's own connection (lib/db bulkStatements): these statements' parameters are large. */
    private bulk: BulkStatement,
    private ctx: OrgContext,
    private scanId: string,
    /** The open failures, the organization's and this scan's. */
    private open: OpenFailures,
  ) {}

  async failure(op: FailureOp) {
    const pair = `${op.systemId}|${op.controlId}`;
    const findingId = op.kind === 'fail' ? op.failure.findingId : op.findingId;
    // A pass resolves only a failure that is open; most passes passed before too and write nothing.
    if (op.kind === 'resolve' && !this.open.get(pair)?.has(findingId)) return;
    if (op.kind === 'fail') addTo(this.open, pair, findingId);
    // The same finding twice in one statement (some tools repeat ids): the later one stands.
    this.ops.set(`${pair}|${findingId}`, op);
    // A row's ids and figures; a failure's facts and texts count in full (a few findings reach many controls).
    this.opsBytes += 100 + (op.kind === 'fail' ? op.failure.listed.resource.length + findingId.length + 100 : findingId.length);
    if (this.ops.size >= BATCH || this.opsBytes >= STATEMENT_BYTES) await this.flushFailures();
  }

  async unmappedFinding(finding: Finding, reason: string) {
    const rows = this.unmapped;
    const [title, titleBytes] = rows.texts.at(finding.title);
    const [checkId, checkBytes] = rows.texts.at(finding.checkId);
    const [why, reasonBytes] = rows.texts.at(reason);
    const resource = finding.resource ? resourceName(finding) : null;
    rows.rows.push({
      findingId: finding.findingId,
      k: checkId,
      t: title,
      r: why,
      status: finding.status,
      suppressed: finding.suppressed,
      accountId: finding.accountId,
      region: finding.region,
      resource,
    });
    rows.bytes += 150 + finding.findingId.length + (resource?.length ?? 0) + titleBytes + checkBytes + reasonBytes;
    if (rows.full) await this.flushUnmapped();
  }

  async flush() {
    await this.flushFailures();
    await this.flushUnmapped();
    await this.inFlight;
  }

  /** Waits for the statement in flight, whatever its outcome (before the transaction is rolled back). */
  async settle() {
    await this.inFlight.catch(() => {});
  }

  /** Starts a statement once the previous one is done, without waiting for it; its failure surfaces at the next one. */
  private async send(statement: () => Promise<unknown>) {
    await this.inFlight;
    const running = statement();
    // Observed by the next send or by flush(); this only keeps it from counting as unhandled meanwhile.
    running.catch(() => {});
    this.inFlight = running;
  }

  private async flushFailures() {
    const ops = [...this.ops.values()];
    this.ops.clear();
    this.opsBytes = 0;
    // A finding's facts go once per statement, however many controls and systems it reached; its texts once per check.
    const index = new Map<FailureFacts, number>();
    const texts = new Texts();
    const facts: FactRow[] = [];
    const fails: { systemId: string; controlId: string; f: number }[] = [];
    const passes: { systemId: string; controlId: string; findingId: string; observedAt: string }[] = [];
    for (const op of ops) {
      if (op.kind === 'resolve') {
        passes.push({ systemId: op.systemId, controlId: op.controlId, findingId: op.findingId, observedAt: op.observedAt });
        continue;
      }
      let f = index.get(op.failure);
      if (f === undefined) {
        index.set(op.failure, (f = facts.length));
        const { listed, ...found } = op.failure;
        const { checkId, title, remediation, ...resource } = listed;
        facts.push({ f, ...found, ...resource, k: texts.at(checkId)[0], t: texts.at(title)[0], m: texts.at(remediation)[0] });
      }
      fails.push({ systemId: op.systemId, controlId: op.controlId, f });
    }
    if (fails.length) await this.send(() => this.upsertFailures(fails, facts, texts.list));
    if (passes.length) await this.send(() => this.resolve(passes));
  }

  /** A pass resolves an open failure it was observed after (an older file does not undo a newer failure). */
  private async resolve(passes: Record<string, unknown>[]) {
    this.resolved += await this.bulk(Prisma.sql`
        UPDATE "CheckFailure" AS f SET "resolvedAt" = r."observedAt", "resolvedScanId" = ${this.scanId}::uuid
        FROM jsonb_to_recordset(${json(passes)}::jsonb) AS r("systemId" uuid, "controlId" uuid, "findingId" text, "observedAt" timestamptz)
        WHERE f."orgId" = ${this.ctx.orgId}::uuid AND f."systemId" = r."systemId" AND f."controlId" = r."controlId"
          AND f."findingId" = r."findingId" AND f."resolvedAt" IS NULL AND f."lastSeenAt" <= r."observedAt"`);
  }

  /** New failures open; known ones are seen again; a resolved one failing after its resolution reopens. */
  private async upsertFailures(fails: { systemId: string; controlId: string; f: number }[], facts: FactRow[], texts: string[]) {
    await this.bulk(Prisma.sql`
      INSERT INTO "CheckFailure" AS f ("id", "orgId", "systemId", "controlId", "findingId", "checkId", "title", "severity", "resource",
        "accountId", "region", "remediation", "suppressed", "firstSeenAt", "lastSeenAt", "firstScanId")
      SELECT gen_random_uuid(), ${this.ctx.orgId}::uuid, p."systemId", p."controlId", r."findingId", t.texts[r."k"], t.texts[r."t"],
        r."severity", r."resource", r."accountId", r."region", t.texts[r."m"], r."suppressed", r."observedAt", r."observedAt",
        ${this.scanId}::uuid
      FROM jsonb_to_recordset(${json(fails)}::jsonb) AS p("systemId" uuid, "controlId" uuid, "f" int)
      JOIN jsonb_to_recordset(${json(facts)}::jsonb) AS r("f" int, "findingId" text, "observedAt" timestamptz, "k" int, "t" int,
        "severity" text, "resource" text, "accountId" text, "region" text, "m" int, "suppressed" boolean) ON r."f" = p."f"
      CROSS JOIN (SELECT ${texts}::text[] AS texts) t
      ON CONFLICT ("orgId", "systemId", "controlId", "findingId") DO UPDATE SET
        "firstSeenAt" = CASE WHEN f."resolvedAt" IS NULL THEN f."firstSeenAt" ELSE EXCLUDED."firstSeenAt" END,
        "firstScanId" = CASE WHEN f."resolvedAt" IS NULL THEN f."firstScanId" ELSE EXCLUDED."firstScanId" END,
        "lastSeenAt" = GREATEST(f."lastSeenAt", EXCLUDED."lastSeenAt"),
        "suppressed" = EXCLUDED."suppressed", "title" = EXCLUDED."title", "severity" = EXCLUDED."severity",
        "resource" = EXCLUDED."resource", "remediation" = EXCLUDED."remediation",
        "resolvedAt" = NULL, "resolvedScanId" = NULL
      WHERE f."resolvedAt" IS NULL OR f."resolvedAt" <= EXCLUDED."lastSeenAt"`);
  }

  private async flushUnmapped() {
    if (!this.unmapped.rows.length) return;
    const { rows, texts } = this.unmapped;
    this.unmapped = new Statement();
    await this.send(() => this.insertUnmapped(rows, texts.list));
  }

  private async insertUnmapped(rows: Record<string, unknown>[], texts: string[]) {
    await this.bulk(Prisma.sql`
      INSERT INTO "UnmappedFinding" ("id", "orgId", "scanId", "findingId", "checkId", "title", "status", "suppressed", "accountId",
        "region", "resource", "reason")
      SELECT gen_random_uuid(), ${this.ctx.orgId}::uuid, ${this.scanId}::uuid, r."findingId", t.texts[r."k"], t.texts[r."t"], r."status",
        r."suppressed", r."accountId", r."region", r."resource", t.texts[r."r"]
      FROM jsonb_to_recordset(${json(rows)}::jsonb) AS r("findingId" text, "k" int, "t" int, "status" text,
        "suppressed" boolean, "accountId" text, "region" text, "resource" text, "r" int)
      CROSS JOIN (SELECT ${texts}::text[] AS texts) t`);
  }
}
