// The import measures of `npm run bench`: their files (a 10,000-row controls CSV drawn from the
// benchmark organization, and a ~50 MB OSCAL catalog made of NIST's groups and controls repeated
// under new ids), and a probe that requests a light page in a loop while an import runs, so the
// figures say whether the server kept answering everyone else.
import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { stringify } from 'csv-stringify/sync';
import pg from 'pg';

export const CSV_ROWS = 10_000;
/** Codes of the controls the CSV creates: removed before each run and after the measure. */
export const CSV_CODE_PREFIX = 'CSVBENCH-';
/** At most the 50 MB the upload accepts (NIST's catalog 16 times: ~49 MB and ~860,000 of the 1,000,000 values allowed). */
export const CATALOG_TARGET_BYTES = 50 * 1024 * 1024;
export const CATALOG_TITLE = 'Benchmark catalog: NIST SP 800-53 rev5 groups and controls, repeated';

const CADENCES = ['Monthly', 'Quarterly', 'Semi-annual', 'Annual'];
const TYPES = ['Customer', 'Shared', 'Inherited'];
const SERVICES = ['', 's3', 'ec2;rds', 'lambda', ''];

/**
 * A controls CSV of `rows` new controls, as a spreadsheet would hold them: statements, NIST ids,
 * two mappings to the organization's OSCAL catalog and an owner in each system, all by name and email.
 */
export async function benchControlsCsv(db: pg.Client, orgId: string, rows = CSV_ROWS): Promise<string> {
  const systems = (
    await db.query<{ name: string }>(`SELECT name FROM "System" WHERE "orgId" = $1 AND "archivedAt" IS NULL ORDER BY name`, [orgId])
  ).rows.map((s) => s.name);
  const owners = (
    await db.query<{ email: string }>(
      `SELECT u.email FROM "Membership" m JOIN "User" u ON u.id = m."userId"
       WHERE m."orgId" = $1 AND m."disabledAt" IS NULL AND m.role IN ('OWNER', 'ADMIN', 'EDITOR') ORDER BY u.email`,
      [orgId],
    )
  ).rows.map((m) => m.email);
  const catalog = (
    await db.query<{ name: string; ids: string[] }>(
      `SELECT f.name, array_agg(r."externalId" ORDER BY r."sortOrder") AS ids
       FROM "Framework" f JOIN "Requirement" r ON r."frameworkId" = f.id
       WHERE f."orgId" = $1 AND f.source = 'oscal-catalog' AND r.kind <> 'group' AND NOT r.withdrawn
       GROUP BY f.id ORDER BY f.name LIMIT 1`,
      [orgId],
    )
  ).rows[0];
  if (!catalog || !owners.length) throw new Error('The benchmark organization has no OSCAL catalog or no members who can own controls.');
  const header = [
    'code',
    'title',
    'description',
    'family',
    'default_type',
    'aws_statement',
    'customer_statement',
    'cadence',
    'nist_ids',
    'applies_to',
    'mappings',
    ...systems.map((s) => `owner:${s}`),
  ];
  const body = Array.from({ length: rows }, (_, i) => {
    const id = (k: number) => catalog.ids[(i * 7 + k) % catalog.ids.length]!;
    return [
      `${CSV_CODE_PREFIX}${String(i + 1).padStart(5, '0')}`,
      `Benchmark control ${i + 1}: review ${id(0).toUpperCase()} evidence`,
      `Imported by the benchmark. The team reviews the configuration behind ${id(0)} and ${id(1)} and keeps the record with the evidence.`,
      `Family ${(i % 20) + 1}`,
      TYPES[i % TYPES.length]!,
      i % 3 === 2 ? 'AWS operates the underlying infrastructure.' : '',
      i % 3 === 2 ? '' : 'The customer configures, reviews and records the setting for each account.',
      CADENCES[i % CADENCES.length]!,
      `${id(0)}, ${id(1)}`,
      SERVICES[i % SERVICES.length]!,
      `${catalog.name}|${id(0)}\n${catalog.name}|${id(1)}`,
      ...systems.map((_, s) => owners[(i + s) % owners.length]!),
    ];
  });
  return stringify([header, ...body], { record_delimiter: '\r\n' });
}

type Node = { id?: string; controls?: Node[]; groups?: Node[] };

/** The same tree under new ids: every group and control id gets the copy's suffix. */
function renamed<T extends Node>(node: T, suffix: string): T {
  return {
    ...node,
    ...(node.id !== undefined ? { id: `${node.id}${suffix}` } : {}),
    ...(node.controls ? { controls: node.controls.map((c) => renamed(c, suffix)) } : {}),
    ...(node.groups ? { groups: node.groups.map((g) => renamed(g, suffix)) } : {}),
  };
}

/**
 * A catalog of about `targetBytes`, written as NIST writes theirs (two-space indented): the source
 * catalog's groups, with their controls and enhancements, repeated under new ids. Made once.
 */
export async function benchCatalog(sourceFile: string, outFile: string, targetBytes = CATALOG_TARGET_BYTES): Promise<string> {
  if (existsSync(outFile)) return outFile;
  const source = await readFile(sourceFile, 'utf8');
  const doc = JSON.parse(source) as { catalog: { uuid: string; metadata: { title: string }; groups: Node[] } };
  // Each copy is a little smaller than the source (its metadata and back matter are written once).
  const copies = Math.max(1, Math.floor(targetBytes / Buffer.byteLength(source)));
  const { groups } = doc.catalog;
  doc.catalog.uuid = '5f0d6c1e-7a5b-4c43-9d3e-0b6f1e2a9c10';
  doc.catalog.metadata.title = CATALOG_TITLE;
  doc.catalog.groups = Array.from({ length: copies }, (_, k) => groups.map((g) => renamed(g, k ? `-copy${k}` : ''))).flat();
  await writeFile(`${outFile}.tmp`, JSON.stringify(doc, null, 2));
  await rename(`${outFile}.tmp`, outFile);
  return outFile;
}

/**
 * Runs `work` while requesting a page in a loop, one request at a time. Returns what `work`
 * returned, how long it took, the time of each request that started before it finished, and how
 * many of them failed (a server that stops answering for a minute drops its connections).
 */
export async function whileProbing<T>(
  work: () => Promise<T>,
  probe: () => Promise<unknown>,
): Promise<{ result: T; ms: number; probes: number[]; failed: number }> {
  let finished = false;
  let failed = 0;
  const probes: number[] = [];
  const looping = (async () => {
    while (!finished) {
      const started = performance.now();
      await probe().catch(() => failed++);
      probes.push(performance.now() - started);
    }
  })();
  const started = performance.now();
  try {
    const result = await work();
    return { result, ms: performance.now() - started, probes, failed };
  } finally {
    finished = true;
    await looping;
  }
}
