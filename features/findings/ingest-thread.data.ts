import 'server-only';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { audited, type AuditEntry } from '@/features/audit/audit.data';
import { apiTokenActorLabel, canonicalJson } from '@/features/audit/audit.policy';
import type { OrgContext } from '@/lib/auth/permissions';
import { bulkStatements, prisma, type BulkStatement, type Tx } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client.ts';
import { AppError } from '@/lib/errors';
import { pacer } from '@/lib/pacing';
import { readFindings } from './parse';
import type { Finding, FindingFormat } from './findings.policy';
import type { IngestMeta, IngestResult } from './ingest.data';
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
  routeFinding,
  zeroCounts,
  type MappingIndex,
  type PairResult,
  type ScanFacts,
} from './ingest.policy';
import { BATCH, json, loadOpenFailures, STATEMENT_BYTES, Writer } from './ingest-writer.data';

/** What the server hands the ingest's thread: the spooled file, its hash and size, and who sent it. */
export type IngestJob = { ctx: OrgContext; file: string; sha256: string; bytes: number; meta: IngestMeta };

/**
 * The ingest, in its own thread (lib/threads): the same bytes again answer with the first scan's
 * figures and write nothing; otherwise the file is parsed as a stream inside one transaction.
 * Each finding reaches controls (its check, its requirement ids) and systems (its account and
 * Region); failures open CheckFailure rows and passes resolve them, in batches; each (system,
 * control) the scan reached gets one AUTOMATED evidence version.
 */
export async function run(job: IngestJob): Promise<IngestResult> {
  const { ctx, sha256 } = job;
  const earlier = await findScan(ctx, sha256);
  if (earlier) return earlier;
  try {
    return await audited(ctx, (tx, record) => ingestInTransaction(tx, ctx, job, record), { timeout: ingestTimeoutMs(job.bytes) });
  } catch (error) {
    // The same file sent twice at once (by two servers): the second waited on the first's scan row, then clashed.
    const first = await findScan(ctx, sha256);
    if (first) return first;
    throw error;
  }
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
  const bulk = await bulkStatements(tx);
  const writer = new Writer(bulk, ctx, scan.id, await loadOpenFailures(tx, ctx));
  const { total, mapped, counts, pairs, tool, scannedAt } = await routeAll(stream, index, writer);
  if (total === 0) throw new AppError('VALIDATION', 'The file holds no findings.');
  const facts: ScanFacts = { scanId: scan.id, format, tool: tool!, scannedAt: scannedAt! };
  const versions = await writeEvidence(tx, bulk, ctx, pairs, facts, { codes, fileName: job.meta.fileName }, record);
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
  bulk: BulkStatement,
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
    await bulk(Prisma.sql`
      INSERT INTO "Evidence" ("id", "orgId", "kind", "title", "description", "systemId", "reviewState", "reviewedAt", "reviewReason",
        "createdById", "updatedAt")
      SELECT r."id", ${ctx.orgId}::uuid, 'AUTOMATED', r."title", ${`The results of ${scan.tool.name} for this control in this system, one version per scan.`}, r."systemId", 'ACCEPTED', now(), ${AUTOMATED_REVIEW_REASON}, ${ctx.userId}::uuid, now()
      FROM jsonb_to_recordset(${json(batch)}::jsonb) AS r("id" uuid, "title" text, "systemId" uuid)`);
    await bulk(Prisma.sql`
      INSERT INTO "EvidenceControl" ("evidenceId", "controlId", "orgId")
      SELECT r."id", r."controlId", ${ctx.orgId}::uuid FROM jsonb_to_recordset(${json(batch)}::jsonb) AS r("id" uuid, "controlId" uuid)`);
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
  // Versions go in statements of STATEMENT_BYTES (one version at least: a version lists up to MAX_LISTED_FAILURES resources).
  let batch: string[] = [];
  let batchBytes = 0;
  const insert = async () => {
    if (!batch.length) return;
    const rows = `[${batch.join(',')}]`;
    batch = [];
    batchBytes = 0;
    await bulk(Prisma.sql`
      INSERT INTO "EvidenceVersion" ("id", "orgId", "evidenceId", "number", "sha256", "uploadedById", "effectiveAt", "source", "automated")
      SELECT gen_random_uuid(), ${ctx.orgId}::uuid, r."evidenceId", r."number", r."sha256", ${ctx.userId}::uuid, ${effectiveAt}::date,
        ${source}, r."automated"
      FROM jsonb_to_recordset(${rows}::jsonb) AS r("evidenceId" uuid, "number" int, "sha256" text, "automated" jsonb)`);
  };
  for (const pair of pairs) {
    const item = items.get(`${pair.systemId}|${pair.controlId}|${titleOf(pair)}`)!;
    const automated = automatedResult(pair, scan);
    // The canonical text is hashed and is also the row's JSON: one serialisation of a large list, not two.
    const canonical = canonicalJson(automated);
    const sha256 = createHash('sha256').update(canonical).digest('hex');
    const row = `${json({ evidenceId: item.id, number: item.last + 1, sha256 }).slice(0, -1)},"automated":${canonical}}`;
    if (batch.length && (batchBytes + row.length > STATEMENT_BYTES || batch.length >= BATCH)) await insert();
    batch.push(row);
    batchBytes += row.length;
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
