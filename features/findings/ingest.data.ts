import 'server-only';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { audited, type AuditEntry } from '@/features/audit/audit.data';
import { apiTokenActorLabel, canonicalJson } from '@/features/audit/audit.policy';
import { assertCan, type OrgContext } from '@/lib/auth/permissions';
import { maxFindingsBytes } from '@/lib/config';
import { prisma, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { pacer } from '@/lib/pacing';
import { readFindings, type FindingsSource } from './parse';
import { formatBytes, type Finding, type FindingFormat } from './findings.policy';
import {
  addTo,
  addToPair,
  automatedResult,
  automatedSource,
  automatedTitle,
  AUTOMATED_REVIEW_REASON,
  emptyIndex,
  failureAction,
  failureFacts,
  interner,
  frameworkFamily,
  ingestTimeoutMs,
  newPair,
  outcomeOf,
  requirementKey,
  resourceName,
  routeFinding,
  zeroCounts,
  type FailureFacts,
  type MappingIndex,
  type PairResult,
  type ScanFacts,
} from './ingest.policy';

export type IngestResult = {
  scanId: string;
  /** True when the same file had been ingested before: nothing changed. */
  duplicate: boolean;
  format: FindingFormat;
  findings: number;
  mapped: number;
  unmapped: number;
  failed: number;
  /** Open failures this scan resolved (a check that failed before passes now). */
  resolved: number;
  /** Evidence versions written (one per control and system the scan reached). */
  evidenceVersions: number;
};

export type IngestMeta = {
  fileName: string;
  /** For files that do not name them (AWS Config results): the scan's account and Region. */
  accountId?: string;
  region?: string;
  /** The IAM credential report's generation time (ages are measured from it). */
  asOf?: Date;
};

/** A file over DEMARC_MAX_FINDINGS_MB: the API answers 413. */
export class FindingsTooLarge extends AppError {
  constructor(limit: number) {
    super('VALIDATION', `The file is larger than ${formatBytes(limit)}, the most one import takes (DEMARC_MAX_FINDINGS_MB); split it.`);
    this.name = 'FindingsTooLarge';
  }
}

/** Rows written per statement. */
const BATCH = 1000;
/** Automated versions per statement: at most this much JSON. */
const VERSION_BATCH_BYTES = 4 * 1024 * 1024;
const json = (value: unknown) => JSON.stringify(value);

/**
 * Ingests one file of a security tool's results for the organization, all or nothing: the file
 * is spooled to a temporary file while its SHA-256 is computed (the same bytes again answer with
 * the first scan's figures and write nothing), then parsed as a stream inside one transaction.
 * Each finding reaches controls (its check, its requirement ids) and systems (its account and
 * Region); failures open CheckFailure rows and passes resolve them, in batches; each (system,
 * control) the scan reached gets one AUTOMATED evidence version. A file that is refused or breaks
 * part-way writes nothing: the parser's message reaches the caller.
 */
export async function ingestFindings(ctx: OrgContext, source: FindingsSource, meta: IngestMeta): Promise<IngestResult> {
  assertCan(ctx, 'findings.ingest');
  const dir = await mkdtemp(path.join(tmpdir(), 'demarc-findings-'));
  try {
    const file = path.join(dir, 'upload');
    const { sha256, bytes } = await spool(source, file, maxFindingsBytes());
    const earlier = await findScan(ctx, sha256);
    if (earlier) return earlier;
    try {
      return await audited(ctx, (tx, record) => ingestInTransaction(tx, ctx, { file, sha256, meta }, record), {
        timeout: ingestTimeoutMs(bytes),
      });
    } catch (error) {
      // The same file sent twice at once: the second waited on the first's scan row, then clashed.
      const first = await findScan(ctx, sha256);
      if (first) return first;
      throw error;
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function* chunksOf(source: FindingsSource): AsyncGenerator<Uint8Array> {
  if (typeof source === 'string' || source instanceof Uint8Array) {
    yield typeof source === 'string' ? Buffer.from(source, 'utf8') : source;
    return;
  }
  for await (const chunk of source as AsyncIterable<Uint8Array | string>) {
    yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
  }
}

/** Writes the source to `file` while hashing it, refusing more than `limit` bytes as they arrive. */
async function spool(source: FindingsSource, file: string, limit: number): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  const out = createWriteStream(file);
  let bytes = 0;
  try {
    for await (const chunk of chunksOf(source)) {
      bytes += chunk.byteLength;
      if (bytes > limit) throw new FindingsTooLarge(limit);
      hash.update(chunk);
      if (!out.write(chunk)) await once(out, 'drain');
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  if (bytes === 0) throw new AppError('VALIDATION', 'The file is empty.');
  return { sha256: hash.digest('hex'), bytes };
}

/** The figures of the scan of these bytes, when the organization ingested them before. */
async function findScan(ctx: OrgContext, sha256: string): Promise<IngestResult | null> {
  const scan = await prisma.findingScan.findUnique({
    where: { orgId_sha256: { orgId: ctx.orgId, sha256 } },
    select: { id: true, format: true, findings: true, mapped: true, unmapped: true, failed: true },
  });
  if (!scan) return null;
  const [resolved, [versions]] = await Promise.all([
    prisma.checkFailure.count({ where: { orgId: ctx.orgId, resolvedScanId: scan.id } }),
    prisma.$queryRaw<{ count: number }[]>`
      SELECT count(*)::int AS count FROM "EvidenceVersion"
      WHERE "orgId" = ${ctx.orgId}::uuid AND "automated"->>'scanId' = ${scan.id}`,
  ]);
  const { id, format, ...figures } = scan;
  return { scanId: id, duplicate: true, format: format as FindingFormat, ...figures, resolved, evidenceVersions: versions?.count ?? 0 };
}

/** The organization's routing tables: requirements, NIST ids and checks → live controls; accounts → live systems. */
async function loadIndex(tx: Tx, ctx: OrgContext): Promise<{ index: MappingIndex; codes: Map<string, string> }> {
  const index = emptyIndex();
  const [controls, mapped, checks, accounts] = await Promise.all([
    tx.control.findMany({ where: { orgId: ctx.orgId, archivedAt: null }, select: { id: true, code: true, nistIds: true } }),
    tx.$queryRaw<{ name: string; source: string; frameworkExternalId: string | null; externalId: string; controlId: string }[]>`
      SELECT f."name", f."source", f."externalId" AS "frameworkExternalId", r."externalId", cr."controlId"
      FROM "ControlRequirement" cr
      JOIN "Requirement" r ON r."id" = cr."requirementId" AND r."orgId" = cr."orgId"
      JOIN "Framework" f ON f."id" = r."frameworkId" AND f."orgId" = r."orgId"
      JOIN "Control" c ON c."id" = cr."controlId" AND c."orgId" = cr."orgId" AND c."archivedAt" IS NULL
      WHERE cr."orgId" = ${ctx.orgId}::uuid`,
    tx.$queryRaw<{ checkId: string; controlId: string }[]>`
      SELECT m."checkId", m."controlId" FROM "CheckMapping" m
      JOIN "Control" c ON c."id" = m."controlId" AND c."orgId" = m."orgId" AND c."archivedAt" IS NULL
      WHERE m."orgId" = ${ctx.orgId}::uuid`,
    tx.$queryRaw<{ accountId: string; region: string; systemId: string }[]>`
      SELECT a."accountId", a."region", a."systemId" FROM "SystemAwsAccount" a
      JOIN "System" s ON s."id" = a."systemId" AND s."orgId" = a."orgId" AND s."archivedAt" IS NULL
      WHERE a."orgId" = ${ctx.orgId}::uuid`,
  ]);
  for (const control of controls) {
    for (const id of control.nistIds) addTo(index.byRequirement, requirementKey('nist', id), control.id);
  }
  for (const row of mapped) {
    const family = frameworkFamily({ name: row.name, source: row.source, externalId: row.frameworkExternalId });
    if (family) addTo(index.byRequirement, requirementKey(family, row.externalId), row.controlId);
  }
  for (const row of checks) addTo(index.byCheck, row.checkId, row.controlId);
  for (const row of accounts) {
    const list = index.accounts.get(row.accountId) ?? [];
    list.push({ systemId: row.systemId, region: row.region });
    index.accounts.set(row.accountId, list);
  }
  return { index, codes: new Map(controls.map((c) => [c.id, c.code])) };
}

/** The organization's open failures, by system, control and finding (bounded by the organization, not the file). */
async function loadOpenFailures(tx: Tx, ctx: OrgContext): Promise<Set<string>> {
  const rows = await tx.$queryRaw<{ key: string }[]>`
    SELECT "systemId" || '|' || "controlId" || '|' || "findingId" AS "key" FROM "CheckFailure"
    WHERE "orgId" = ${ctx.orgId}::uuid AND "resolvedAt" IS NULL`;
  return new Set(rows.map((r) => r.key));
}

/** A failure to open (its facts) or to resolve (a pass of the finding, observed at a time). */
type FailureOp =
  | { kind: 'fail'; systemId: string; controlId: string; failure: FailureFacts }
  | { kind: 'resolve'; systemId: string; controlId: string; findingId: string; observedAt: string };

/** Pending CheckFailure and UnmappedFinding writes, flushed in batches; one op per failure key per batch. */
class Writer {
  private ops = new Map<string, FailureOp>();
  private unmapped: Record<string, unknown>[] = [];
  /** The statement being written: the file is read on while the database works, one statement at a time. */
  private inFlight: Promise<unknown> = Promise.resolve();
  resolved = 0;

  constructor(
    private tx: Tx,
    private ctx: OrgContext,
    private scanId: string,
    /** The open failures (system|control|finding), the organization's and this scan's. */
    private open: Set<string>,
  ) {}

  async failure(op: FailureOp) {
    const key = `${op.systemId}|${op.controlId}|${op.kind === 'fail' ? op.failure.findingId : op.findingId}`;
    // A pass resolves only a failure that is open; most passes passed before too and write nothing.
    if (op.kind === 'resolve' && !this.open.has(key)) return;
    if (op.kind === 'fail') this.open.add(key);
    // The same finding twice in one batch (some tools repeat ids): the later one stands.
    this.ops.set(key, op);
    if (this.ops.size >= BATCH) await this.flushFailures();
  }

  async unmappedFinding(finding: Finding, reason: string) {
    this.unmapped.push({
      findingId: finding.findingId,
      checkId: finding.checkId,
      title: finding.title,
      status: finding.status,
      suppressed: finding.suppressed,
      accountId: finding.accountId,
      region: finding.region,
      resource: finding.resource ? resourceName(finding) : null,
      reason,
    });
    if (this.unmapped.length >= BATCH) await this.flushUnmapped();
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
    // A finding's facts go once per batch, however many controls and systems it reached.
    const index = new Map<FailureFacts, number>();
    const facts: (FailureFacts & { f: number })[] = [];
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
        facts.push({ f, ...op.failure });
      }
      fails.push({ systemId: op.systemId, controlId: op.controlId, f });
    }
    if (fails.length) await this.send(() => this.upsertFailures(fails, facts));
    if (passes.length) await this.send(() => this.resolve(passes));
  }

  /** A pass resolves an open failure it was observed after (an older file does not undo a newer failure). */
  private async resolve(passes: Record<string, unknown>[]) {
    this.resolved += await this.tx.$executeRaw`
        UPDATE "CheckFailure" AS f SET "resolvedAt" = r."observedAt", "resolvedScanId" = ${this.scanId}::uuid
        FROM jsonb_to_recordset(${json(passes)}::jsonb) AS r("systemId" uuid, "controlId" uuid, "findingId" text, "observedAt" timestamptz)
        WHERE f."orgId" = ${this.ctx.orgId}::uuid AND f."systemId" = r."systemId" AND f."controlId" = r."controlId"
          AND f."findingId" = r."findingId" AND f."resolvedAt" IS NULL AND f."lastSeenAt" <= r."observedAt"`;
  }

  /** New failures open; known ones are seen again; a resolved one failing after its resolution reopens. */
  private async upsertFailures(fails: { systemId: string; controlId: string; f: number }[], facts: FailureFacts[]) {
    await this.tx.$executeRaw`
      INSERT INTO "CheckFailure" AS f ("id", "orgId", "systemId", "controlId", "findingId", "checkId", "title", "severity", "resource",
        "accountId", "region", "remediation", "suppressed", "firstSeenAt", "lastSeenAt", "firstScanId")
      SELECT gen_random_uuid(), ${this.ctx.orgId}::uuid, p."systemId", p."controlId", r."findingId", r."checkId", r."title", r."severity",
        r."resource", r."accountId", r."region", r."remediation", r."suppressed", r."observedAt", r."observedAt", ${this.scanId}::uuid
      FROM jsonb_to_recordset(${json(fails)}::jsonb) AS p("systemId" uuid, "controlId" uuid, "f" int)
      JOIN jsonb_to_recordset(${json(facts)}::jsonb) AS r("f" int, "findingId" text, "observedAt" timestamptz, "checkId" text,
        "title" text, "severity" text, "resource" text, "accountId" text, "region" text, "remediation" text, "suppressed" boolean) ON r."f" = p."f"
      ON CONFLICT ("orgId", "systemId", "controlId", "findingId") DO UPDATE SET
        "firstSeenAt" = CASE WHEN f."resolvedAt" IS NULL THEN f."firstSeenAt" ELSE EXCLUDED."firstSeenAt" END,
        "firstScanId" = CASE WHEN f."resolvedAt" IS NULL THEN f."firstScanId" ELSE EXCLUDED."firstScanId" END,
        "lastSeenAt" = GREATEST(f."lastSeenAt", EXCLUDED."lastSeenAt"),
        "suppressed" = EXCLUDED."suppressed", "title" = EXCLUDED."title", "severity" = EXCLUDED."severity",
        "resource" = EXCLUDED."resource", "remediation" = EXCLUDED."remediation",
        "resolvedAt" = NULL, "resolvedScanId" = NULL
      WHERE f."resolvedAt" IS NULL OR f."resolvedAt" <= EXCLUDED."lastSeenAt"`;
  }

  private async flushUnmapped() {
    if (!this.unmapped.length) return;
    const rows = this.unmapped;
    this.unmapped = [];
    await this.send(() => this.insertUnmapped(rows));
  }

  private async insertUnmapped(rows: Record<string, unknown>[]) {
    await this.tx.$executeRaw`
      INSERT INTO "UnmappedFinding" ("id", "orgId", "scanId", "findingId", "checkId", "title", "status", "suppressed", "accountId",
        "region", "resource", "reason")
      SELECT gen_random_uuid(), ${this.ctx.orgId}::uuid, ${this.scanId}::uuid, r."findingId", r."checkId", r."title", r."status",
        r."suppressed", r."accountId", r."region", r."resource", r."reason"
      FROM jsonb_to_recordset(${json(rows)}::jsonb) AS r("findingId" text, "checkId" text, "title" text, "status" text,
        "suppressed" boolean, "accountId" text, "region" text, "resource" text, "reason" text)`;
  }
}

type Tally = {
  total: number;
  mapped: number;
  counts: ReturnType<typeof zeroCounts>;
  pairs: PairResult[];
  tool: Finding['tool'] | null;
  scannedAt: Date | null;
};

/**
 * Reads the findings one at a time: counts them, routes each to its (system, control) pairs or
 * to the unmapped list, and hands failures and passes to the writer. Memory holds the pairs'
 * accumulators and one batch, never the findings.
 */
async function routeAll(stream: AsyncIterable<Finding>, index: MappingIndex, writer: Writer): Promise<Tally> {
  const pairs = new Map<string, PairResult>();
  const tally: Tally = { total: 0, mapped: 0, counts: zeroCounts(), pairs: [], tool: null, scannedAt: null };
  const keyCache = new Map<string, string[]>();
  const intern = interner();
  const pace = pacer();
  try {
    for await (const finding of stream) {
      tally.total++;
      tally.tool ??= finding.tool;
      if (!tally.scannedAt || finding.observedAt > tally.scannedAt) tally.scannedAt = finding.observedAt;
      const outcome = outcomeOf(finding);
      tally.counts[outcome]++;
      const route = routeFinding(finding, index, keyCache);
      if (route.reason) await writer.unmappedFinding(finding, route.reason);
      else tally.mapped++;
      const action = failureAction(finding);
      // Only these facts outlive the finding: batches and evidence lists never hold whole findings.
      const failure = action === 'fail' && route.systems.length && route.controls.length ? failureFacts(finding, intern) : null;
      const observedAt = action === 'resolve' ? finding.observedAt.toISOString() : '';
      for (const systemId of route.systems) {
        for (const controlId of route.controls) {
          const key = `${systemId}|${controlId}`;
          let pair = pairs.get(key);
          if (!pair) pairs.set(key, (pair = newPair(systemId, controlId)));
          addToPair(pair, finding, outcome, failure);
          if (failure) await writer.failure({ kind: 'fail', systemId, controlId, failure });
          else if (action === 'resolve')
            await writer.failure({ kind: 'resolve', systemId, controlId, findingId: finding.findingId, observedAt });
        }
      }
      await pace();
    }
    await writer.flush();
  } catch (error) {
    await writer.settle();
    throw error;
  }
  return { ...tally, pairs: [...pairs.values()] };
}

type IngestJob = { file: string; sha256: string; meta: IngestMeta };

async function ingestInTransaction(tx: Tx, ctx: OrgContext, job: IngestJob, record: (entry: AuditEntry) => void): Promise<IngestResult> {
  // One ingest at a time per organization: two files touching the same failures never interleave.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`findings:${ctx.orgId}`}, 0))`;
  const actor = ctx.apiToken
    ? apiTokenActorLabel(ctx.apiToken.name)
    : ((await tx.user.findUnique({ where: { id: ctx.userId }, select: { email: true } }))?.email ?? '');
  const { findings: stream, format } = await readFindings(createReadStream(job.file), {
    accountId: job.meta.accountId,
    region: job.meta.region,
    asOf: job.meta.asOf,
  });
  // The scan's row first: a concurrent ingest of the same bytes waits on its unique key.
  const scan = await tx.findingScan.create({
    data: {
      orgId: ctx.orgId,
      sha256: job.sha256,
      fileName: job.meta.fileName,
      format,
      toolName: '',
      scannedAt: new Date(),
      findings: 0,
      passed: 0,
      failed: 0,
      notApplicable: 0,
      suppressed: 0,
      mapped: 0,
      unmapped: 0,
      createdById: ctx.userId,
      actor,
    },
    select: { id: true },
  });
  const { index, codes } = await loadIndex(tx, ctx);
  const writer = new Writer(tx, ctx, scan.id, await loadOpenFailures(tx, ctx));
  const { total, mapped, counts, pairs, tool, scannedAt } = await routeAll(stream, index, writer);
  if (total === 0) throw new AppError('VALIDATION', 'The file holds no findings.');
  const facts: ScanFacts = { scanId: scan.id, format, tool: tool!, scannedAt: scannedAt! };
  const versions = await writeEvidence(tx, ctx, pairs, facts, { codes, fileName: job.meta.fileName }, record);
  const figures = { findings: total, ...counts, mapped, unmapped: total - mapped };
  await tx.findingScan.update({
    where: { id: scan.id },
    data: { toolName: facts.tool.name, toolVersion: facts.tool.version, scannedAt: facts.scannedAt, ...figures },
  });
  const result: IngestResult = {
    scanId: scan.id,
    duplicate: false,
    format,
    findings: total,
    mapped,
    unmapped: total - mapped,
    failed: counts.failed,
    resolved: writer.resolved,
    evidenceVersions: versions,
  };
  record({
    action: 'findings.ingested',
    entityType: 'FindingScan',
    entityId: scan.id,
    after: { fileName: job.meta.fileName, sha256: job.sha256, tool: facts.tool, scannedAt: facts.scannedAt, ...figures, ...result },
  });
  return result;
}

/**
 * One AUTOMATED evidence version per (system, control) the scan reached, on the evidence item of
 * that system, control and tool (made on first use, accepted: the tool's results are not drafts).
 * Set-based: one read, and one insert each for the new items, their links and the versions.
 */
async function writeEvidence(
  tx: Tx,
  ctx: OrgContext,
  pairs: PairResult[],
  scan: ScanFacts,
  { codes, fileName }: { codes: Map<string, string>; fileName: string },
  record: (entry: AuditEntry) => void,
): Promise<number> {
  if (!pairs.length) return 0;
  const titleOf = (p: PairResult) => automatedTitle(scan.tool.name, codes.get(p.controlId)!);
  const existing = await tx.$queryRaw<{ id: string; systemId: string; controlId: string; title: string; last: number | null }[]>`
    SELECT e."id", e."systemId", ec."controlId", e."title",
      (SELECT max(v."number") FROM "EvidenceVersion" v WHERE v."evidenceId" = e."id") AS "last"
    FROM "Evidence" e
    JOIN "EvidenceControl" ec ON ec."evidenceId" = e."id" AND ec."orgId" = e."orgId"
    WHERE e."orgId" = ${ctx.orgId}::uuid AND e."kind" = 'AUTOMATED'
      AND e."systemId" = ANY(${[...new Set(pairs.map((p) => p.systemId))]}::uuid[])
      AND e."title" = ANY(${[...new Set(pairs.map(titleOf))]}::text[])
    ORDER BY e."createdAt", e."id"
    FOR UPDATE OF e`;
  const items = new Map<string, { id: string; last: number }>();
  for (const row of existing) {
    const key = `${row.systemId}|${row.controlId}|${row.title}`;
    if (!items.has(key)) items.set(key, { id: row.id, last: row.last ?? 0 });
  }
  const fresh: { id: string; systemId: string; controlId: string; title: string }[] = [];
  for (const pair of pairs) {
    const key = `${pair.systemId}|${pair.controlId}|${titleOf(pair)}`;
    if (items.has(key)) continue;
    const id = randomUUID();
    items.set(key, { id, last: 0 });
    fresh.push({ id, systemId: pair.systemId, controlId: pair.controlId, title: titleOf(pair) });
  }
  for (let i = 0; i < fresh.length; i += BATCH) {
    const batch = fresh.slice(i, i + BATCH);
    await tx.$executeRaw`
      INSERT INTO "Evidence" ("id", "orgId", "kind", "title", "description", "systemId", "reviewState", "reviewedAt", "reviewReason",
        "createdById", "updatedAt")
      SELECT r."id", ${ctx.orgId}::uuid, 'AUTOMATED', r."title", ${`The results of ${scan.tool.name} for this control in this system, one version per scan.`},
        r."systemId", 'ACCEPTED', now(), ${AUTOMATED_REVIEW_REASON}, ${ctx.userId}::uuid, now()
      FROM jsonb_to_recordset(${json(batch)}::jsonb) AS r("id" uuid, "title" text, "systemId" uuid)`;
    await tx.$executeRaw`
      INSERT INTO "EvidenceControl" ("evidenceId", "controlId", "orgId")
      SELECT r."id", r."controlId", ${ctx.orgId}::uuid FROM jsonb_to_recordset(${json(batch)}::jsonb) AS r("id" uuid, "controlId" uuid)`;
  }
  for (const item of fresh) {
    record({
      action: 'evidence.created',
      entityType: 'Evidence',
      entityId: item.id,
      after: { kind: 'AUTOMATED', title: item.title, systemId: item.systemId, controlIds: [item.controlId], reviewState: 'ACCEPTED' },
    });
  }
  const effectiveAt = scan.scannedAt.toISOString().slice(0, 10);
  const source = automatedSource(scan.tool, fileName);
  // Versions go in statements of a few MB each: a version lists up to MAX_LISTED_FAILURES resources.
  let batch: string[] = [];
  let batchBytes = 0;
  const insert = async () => {
    if (!batch.length) return;
    const rows = `[${batch.join(',')}]`;
    batch = [];
    batchBytes = 0;
    await tx.$executeRaw`
      INSERT INTO "EvidenceVersion" ("id", "orgId", "evidenceId", "number", "sha256", "uploadedById", "effectiveAt", "source", "automated")
      SELECT gen_random_uuid(), ${ctx.orgId}::uuid, r."evidenceId", r."number", r."sha256", ${ctx.userId}::uuid, ${effectiveAt}::date,
        ${source}, r."automated"
      FROM jsonb_to_recordset(${rows}::jsonb) AS r("evidenceId" uuid, "number" int, "sha256" text, "automated" jsonb)`;
  };
  for (const pair of pairs) {
    const item = items.get(`${pair.systemId}|${pair.controlId}|${titleOf(pair)}`)!;
    const automated = automatedResult(pair, scan);
    // The canonical text is hashed and is also the row's JSON: one serialisation of a large list, not two.
    const canonical = canonicalJson(automated);
    const sha256 = createHash('sha256').update(canonical).digest('hex');
    const row = `${json({ evidenceId: item.id, number: item.last + 1, sha256 }).slice(0, -1)},"automated":${canonical}}`;
    batch.push(row);
    batchBytes += row.length;
    if (batchBytes >= VERSION_BATCH_BYTES || batch.length >= BATCH) await insert();
    record({
      action: 'evidence.version_added',
      entityType: 'Evidence',
      entityId: item.id,
      after: {
        number: item.last + 1,
        sha256,
        effectiveAt,
        source,
        scanId: scan.scanId,
        checks: automated.checks,
        failingTotal: automated.failingTotal,
      },
    });
  }
  await insert();
  return pairs.length;
}
