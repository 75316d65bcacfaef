// Generates the benchmark's organizations: "bench", an audit-scale organization (the full NIST
// SP 800-53 rev5 catalog through the app's own OSCAL import, ~1,200 controls mapped to it, 5
// systems of 20 services, 20,000 evidence items with 40,000 versions, 100,000 evidence-control
// links, 50 users, 200,000 audit events), "bench-package", one system whose accepted evidence
// files add up to the evidence-package size, and "bench-import", empty, for timing first imports.
// Bulk rows go in with set-based SQL (the data functions write one row per call, which would take
// hours at this size); the catalog import, the links it makes and the snapshot go through the
// app's own data functions. Deterministic: the same scale gives the same organization.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import pg from 'pg';
import { auditHash, canonicalJson, GENESIS_HASH, type AuditContent } from '@/features/audit/audit.policy';
import { cliOrgContext, importOscalText } from '@/features/frameworks/frameworks-import.data';
import { createSnapshot } from '@/features/summaries/summaries.data';
import { SERVICE_CODES } from '@/features/systems/service-catalog';
import { hashPassword } from '@/lib/auth/password';
import { getStorage } from '@/lib/storage';

export const BENCH_ORG = 'bench';
export const PACKAGE_ORG = 'bench-package';
export const IMPORT_ORG = 'bench-import';
export const BENCH_PASSWORD = 'bench-password-2026';
/** The first member: the owner of every benchmark organization, and the one the benchmark signs in as. */
export const BENCH_OWNER = 'user01@bench.demarc.test';

const OSCAL_DIR = path.resolve(import.meta.dirname, '../../../shared/data/oscal');
export const NIST_CATALOG = path.join(process.env.DEMARC_OSCAL_SCHEMA_DIR ?? OSCAL_DIR, 'NIST_SP-800-53_rev5_catalog.json');

export type GenerateOptions = {
  /** 1 is the audit-scale organization; the tests use a small fraction. */
  scale: number;
  /** Total size of the evidence package's files. */
  packageBytes: number;
  log?: (line: string) => void;
};

const FAMILIES = [
  'Access control',
  'Awareness and training',
  'Audit and accountability',
  'Assessment and authorization',
  'Configuration management',
  'Contingency planning',
  'Identification and authentication',
  'Incident response',
  'Maintenance',
  'Media protection',
  'Physical and environmental protection',
  'Planning',
  'Program management',
  'Personnel security',
  'PII processing and transparency',
  'Risk assessment',
  'System and services acquisition',
  'System and communications protection',
  'System and information integrity',
  'Supply chain risk management',
];
const SYSTEMS = ['Payments API', 'Customer portal', 'Data warehouse', 'Identity platform', 'Internal tools'];
const AUDIT_ACTIONS = [
  'control.updated',
  'implementation.saved',
  'evidence.created',
  'evidence.submitted',
  'evidence.reviewed',
  'auth.signed_in',
];

const count = (full: number, scale: number, min: number) => Math.max(min, Math.round(full * scale));

/** Runs `sql` with `params`, logging how long it took. */
async function step(db: pg.Client, log: (line: string) => void, what: string, sql: string, params: unknown[] = []) {
  const started = performance.now();
  const result = await db.query(sql, params);
  log(`${what}: ${result.rowCount ?? 0} rows in ${Math.round(performance.now() - started)} ms`);
  return result;
}

async function createOrg(db: pg.Client, slug: string, name: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>(`INSERT INTO "Organization" (id, slug, name) VALUES ($1, $2, $3) RETURNING id`, [
    randomUUID(),
    slug,
    name,
  ]);
  return rows[0]!.id;
}

/** True when the benchmark organizations exist. */
export async function benchDataExists(db: pg.Client): Promise<boolean> {
  const { rows } = await db.query(`SELECT 1 FROM "Organization" WHERE slug = $1`, [PACKAGE_ORG]);
  return rows.length > 0;
}

export async function generate(db: pg.Client, { scale, packageBytes, log = console.log }: GenerateOptions) {
  const n = {
    users: 50,
    controls: count(1_200, scale, 20),
    evidence: count(20_000, scale, 50),
    linksPerEvidence: 5,
    auditEvents: count(200_000, scale, 100),
  };
  const today = new Date(new Date().toISOString().slice(0, 10));
  const orgId = await createOrg(db, BENCH_ORG, 'Bench Corporation');

  // 50 users: 1 owner, 3 admins, 40 editors (the owners of customer halves), 3 viewers, 3 auditors.
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  await step(
    db,
    log,
    'users',
    `
    INSERT INTO "User" (id, email, name, "passwordHash")
    SELECT gen_random_uuid(), 'user' || lpad(i::text, 2, '0') || '@bench.demarc.test', 'Bench User ' || lpad(i::text, 2, '0'), $1
    FROM generate_series(1, $2) i`,
    [passwordHash, n.users],
  );
  await step(
    db,
    log,
    'memberships',
    `
    INSERT INTO "Membership" (id, "orgId", "userId", role)
    SELECT gen_random_uuid(), $1, u.id,
      (CASE WHEN i = 1 THEN 'OWNER' WHEN i <= 4 THEN 'ADMIN' WHEN i <= 44 THEN 'EDITOR' WHEN i <= 47 THEN 'VIEWER' ELSE 'AUDITOR' END)::"Role"
    FROM generate_series(1, $2) i JOIN "User" u ON u.email = 'user' || lpad(i::text, 2, '0') || '@bench.demarc.test'`,
    [orgId, n.users],
  );
  // Index tables for set-based inserts. CREATE TABLE AS takes no bind parameters: only ids this
  // script made and counts are interpolated.
  await db.query(`CREATE TEMP TABLE bench_user AS
    SELECT m."userId" AS id, row_number() OVER (ORDER BY u.email) AS i FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE m."orgId" = '${orgId}'`);

  // History first, so the catalog import and the snapshot below continue the same chain.
  await insertAuditHistory(db, orgId, n.auditEvents, log);

  // 5 systems, each using 20 of the catalog's services (a different 20 each).
  await step(
    db,
    log,
    'systems',
    `
    INSERT INTO "System" (id, "orgId", name, description, regions, "updatedAt")
    SELECT gen_random_uuid(), $1, name, 'Generated for the benchmark.', ARRAY['eu-west-1', 'us-east-1'], now()
    FROM unnest($2::text[]) name`,
    [orgId, SYSTEMS],
  );
  await db.query(
    `CREATE TEMP TABLE bench_system AS SELECT id, row_number() OVER (ORDER BY name) - 1 AS i FROM "System" WHERE "orgId" = '${orgId}'`,
  );
  await step(
    db,
    log,
    'system services',
    `
    INSERT INTO "SystemService" ("systemId", "serviceCode")
    SELECT s.id, ($1::text[])[1 + (s.i * 5 + j) % cardinality($1::text[])] FROM bench_system s, generate_series(0, 19) j`,
    [SERVICE_CODES],
  );

  // Controls, each naming one or two NIST ids (linked to requirements by the catalog import).
  // One in ten is bound to one service and one in twenty to two (in the catalog's order): a system
  // using none of them is out of its scope.
  const catalogText = await readFile(NIST_CATALOG, 'utf8');
  const nistIds = nistControlIds(catalogText);
  await step(
    db,
    log,
    'controls',
    `
    INSERT INTO "Control" (id, "orgId", code, title, description, family, "defaultType", "awsStatement", "customerStatement", cadence, "nistIds", "appliesTo", "updatedAt")
    SELECT gen_random_uuid(), $1, 'BC-' || lpad(i::text, 4, '0'), 'Generated control ' || i || ' of ' || ($3::text[])[1 + i % 20],
      'What this control asks, in the organization''s words (' || i || ').', ($3::text[])[1 + i % 20],
      (CASE WHEN i % 10 < 3 THEN 'INHERITED' WHEN i % 10 < 7 THEN 'SHARED' ELSE 'CUSTOMER' END)::"ResponsibilityType",
      'AWS operates the underlying infrastructure.', 'The team configures and operates its part.',
      (ARRAY['MONTHLY', 'QUARTERLY', 'SEMI_ANNUAL', 'ANNUAL'])[1 + i % 4]::"EvidenceCadence",
      CASE WHEN i % 3 = 0 THEN ARRAY[($4::text[])[1 + i % cardinality($4::text[])], ($4::text[])[1 + (i * 7 + 3) % cardinality($4::text[])]]
           ELSE ARRAY[($4::text[])[1 + i % cardinality($4::text[])]] END,
      CASE WHEN i % 10 = 4 THEN ARRAY[($5::text[])[1 + i % cardinality($5::text[])]]
           WHEN i % 20 = 9 THEN ARRAY[($5::text[])[1 + i % (cardinality($5::text[]) / 2)],
             ($5::text[])[1 + cardinality($5::text[]) / 2 + i % (cardinality($5::text[]) / 2)]]
           ELSE '{}' END,
      now()
    FROM generate_series(1, $2::int) i`,
    [orgId, n.controls, FAMILIES, nistIds, SERVICE_CODES],
  );
  await db.query(
    `CREATE TEMP TABLE bench_control AS SELECT id, row_number() OVER (ORDER BY code) - 1 AS i FROM "Control" WHERE "orgId" = '${orgId}'`,
  );
  // Three lines per control, one of each type, but for one control in ten (inherited by default):
  // AWS runs all of it on every service, so it is inherited in every system.
  await step(
    db,
    log,
    'service lines',
    `
    INSERT INTO "ServiceResponsibility" (id, "controlId", "serviceCode", type, "customerTask", "awsTask")
    SELECT gen_random_uuid(), c.id, ($1::text[])[1 + (c.i + k * 7) % cardinality($1::text[])],
      (ARRAY['INHERITED', 'SHARED', 'CUSTOMER'])[CASE WHEN c.i % 10 = 0 THEN 1 ELSE 1 + (c.i + k) % 3 END]::"ResponsibilityType",
      'Configure and review this service''s settings.', 'AWS runs the service''s infrastructure.'
    FROM bench_control c, generate_series(0, 2) k`,
    [SERVICE_CODES],
  );
  // Customer halves: most controls have a record in each system, owned by an editor.
  await step(
    db,
    log,
    'implementations',
    `
    INSERT INTO "ControlImplementation" (id, "orgId", "controlId", "systemId", status, narrative, justification, "ownerId", "nextReviewAt", "updatedAt")
    SELECT gen_random_uuid(), $1, c.id, s.id, st.status::"ImplementationStatus", 'How the team meets this control in ' || s.i || '.',
      CASE WHEN st.status = 'NOT_APPLICABLE' THEN 'Not in this system''s scope.' ELSE '' END,
      CASE WHEN (c.i + s.i) % 7 = 0 THEN NULL ELSE u.id END,
      $2::date + ((c.i * 13 + s.i * 31) % 400 - 60)::int, now()
    FROM bench_control c CROSS JOIN bench_system s
    CROSS JOIN LATERAL (SELECT (ARRAY['IMPLEMENTED', 'IMPLEMENTED', 'PARTIALLY_IMPLEMENTED', 'PLANNED', 'NOT_APPLICABLE'])[1 + (c.i + s.i) % 5] AS status) st
    JOIN bench_user u ON u.i = 5 + (c.i * 7 + s.i) % 40
    WHERE (c.i + s.i) % 10 <> 0`,
    [orgId, today],
  );

  // Evidence: files, links, attestations and provider reports, most tied to a system, in every review
  // state (one provider report in twenty is still under review: it covers nothing yet).
  // An item's age follows the first control it proves, so each control's latest evidence has an
  // age of its own: some current, some expiring, some expired.
  const linked = Math.ceil((n.controls * 11) / 12);
  await db.query(`CREATE TEMP TABLE bench_evidence AS SELECT gen_random_uuid() AS id, i FROM generate_series(0, ${n.evidence - 1}) i`);
  await step(
    db,
    log,
    'evidence',
    `
    INSERT INTO "Evidence" (id, "orgId", kind, title, description, "systemId", "reviewState", "reviewedById", "reviewedAt", "reviewReason", "createdById", "createdAt", "updatedAt")
    SELECT e.id, $1, k.kind::"EvidenceKind", 'Evidence ' || lpad(e.i::text, 5, '0') || ' (' || lower(k.kind) || ')', 'Generated for the benchmark.',
      CASE WHEN k.kind = 'PROVIDER_REPORT' OR e.i % 6 = 5 THEN NULL ELSE s.id END,
      k.state::"ReviewState",
      CASE WHEN k.state IN ('ACCEPTED', 'REJECTED') THEN reviewer.id END,
      CASE WHEN k.state IN ('ACCEPTED', 'REJECTED') THEN now() END,
      CASE WHEN k.state = 'REJECTED' THEN 'Does not show the setting.' ELSE '' END,
      author.id, now() - (e.i % 700) * interval '1 day', now()
    FROM bench_evidence e
    CROSS JOIN LATERAL (SELECT
      CASE WHEN e.i % 50 = 0 THEN 'PROVIDER_REPORT' WHEN e.i % 10 IN (1, 2) THEN 'LINK' WHEN e.i % 10 = 3 THEN 'NOTE' ELSE 'FILE' END AS kind,
      CASE WHEN e.i % 1000 = 50 THEN 'SUBMITTED' WHEN e.i % 50 = 0 OR e.i % 20 < 12 THEN 'ACCEPTED' WHEN e.i % 20 < 15 THEN 'SUBMITTED' WHEN e.i % 20 < 18 THEN 'DRAFT' ELSE 'REJECTED' END AS state) k
    JOIN bench_system s ON s.i = e.i % 5
    JOIN bench_user author ON author.i = 5 + e.i % 40
    JOIN bench_user reviewer ON reviewer.i = 48 + e.i % 3`,
    [orgId],
  );
  const pool = await storeFilePool(orgId, 20);
  await step(
    db,
    log,
    'evidence versions',
    `
    INSERT INTO "EvidenceVersion" (id, "orgId", "evidenceId", number, "storageKey", sha256, size, "mediaType", "fileName", url, note,
      "uploadedById", "uploadedAt", "effectiveAt", source, "periodStart", "periodEnd")
    SELECT gen_random_uuid(), $1, e.id, v.number,
      CASE WHEN f.file THEN p.key END, CASE WHEN f.file THEN p.sha256 END, CASE WHEN f.file THEN p.size END,
      CASE WHEN f.file THEN 'application/pdf' END, CASE WHEN f.file THEN 'evidence-' || e.i || '-v' || v.number || '.pdf' END,
      CASE WHEN ev.kind = 'LINK' THEN 'https://console.aws.amazon.com/config/home#/rules/' || e.i END,
      CASE WHEN ev.kind = 'NOTE' THEN 'Reviewed and confirmed by the control owner (' || e.i || ').' END,
      ev."createdById", ev."createdAt" + (v.number - 1) * interval '30 days',
      $2::date - ((e.i % $6::int) * 53) % 540 - (2 - v.number) * 90,
      'Generated', NULL, NULL
    FROM bench_evidence e JOIN "Evidence" ev ON ev.id = e.id
    CROSS JOIN generate_series(1, 2) AS v(number)
    CROSS JOIN LATERAL (SELECT ev.kind IN ('FILE', 'PROVIDER_REPORT') AS file) f
    JOIN unnest($3::text[], $4::text[], $5::bigint[]) WITH ORDINALITY AS p(key, sha256, size, ord) ON p.ord = 1 + e.i % cardinality($3::text[])`,
    [orgId, today, pool.map((p) => p.key), pool.map((p) => p.sha256), pool.map((p) => p.size), linked],
  );
  await step(
    db,
    log,
    'provider reports',
    `
    INSERT INTO "ProviderReport" (id, "orgId", "evidenceId", title, "artifactReportId", "reportVersion", series, category,
      "periodStart", "periodEnd", "retrievedById", "retrievedAt", "termsAcceptedAt")
    SELECT gen_random_uuid(), $1, e.id, 'SOC 2 Type 2 report ' || e.i, 'report-' || lpad(e.i::text, 16, '0'), '1', 'SOC 2', 'Certifications and attestations',
      $2::date - (e.i * 17) % 400 - 365, $2::date - (e.i * 17) % 400, u.id, now(), now()
    FROM bench_evidence e JOIN "Evidence" ev ON ev.id = e.id AND ev.kind = 'PROVIDER_REPORT' JOIN bench_user u ON u.i = 1`,
    [orgId, today],
  );
  // Five controls per item, spread over the register but for every twelfth control, which has
  // no evidence at all. Index j of the linked ones is control j + j / 11.
  await step(
    db,
    log,
    'evidence-control links',
    `
    INSERT INTO "EvidenceControl" ("evidenceId", "controlId", "orgId")
    SELECT e.id, c.id, $1 FROM bench_evidence e CROSS JOIN generate_series(0, $2::int - 1) k
    CROSS JOIN LATERAL (SELECT (e.i + k * ($3::int / $2::int)) % $3::int AS j) l
    JOIN bench_control c ON c.i = l.j + l.j / 11`,
    [orgId, n.linksPerEvidence, linked],
  );

  // The catalog, through the app's own import (which maps the controls naming its ids).
  const ctx = await cliOrgContext(BENCH_ORG);
  const started = performance.now();
  const imported = await importOscalText(ctx, catalogText, {
    via: 'cli',
    fileName: path.basename(NIST_CATALOG),
    schemaDir: path.dirname(NIST_CATALOG),
  });
  log(`catalog import: ${imported.total} requirements, ${imported.linked} mappings in ${Math.round(performance.now() - started)} ms`);

  await generatePackageOrg(db, packageBytes, log);
  await createOrg(db, IMPORT_ORG, 'Bench Imports');
  await db.query(
    `INSERT INTO "Membership" (id, "orgId", "userId", role) SELECT gen_random_uuid(), o.id, u.id, 'OWNER'
    FROM "Organization" o, bench_user u WHERE o.slug = $1 AND u.i = 1`,
    [IMPORT_ORG],
  );
  await db.query('ANALYZE');
  for (const table of ['bench_user', 'bench_system', 'bench_control', 'bench_evidence']) await db.query(`DROP TABLE ${table}`);
}

/** The ids of the catalog's controls and enhancements ("ac-2.1"), in document order. */
function nistControlIds(catalogText: string): string[] {
  const ids: string[] = [];
  const visit = (controls: { id: string; controls?: unknown[] }[] = []) => {
    for (const control of controls) {
      ids.push(control.id);
      visit(control.controls as typeof controls);
    }
  };
  const catalog = JSON.parse(catalogText).catalog as { groups: { controls: { id: string }[] }[] };
  for (const group of catalog.groups) visit(group.controls);
  return ids;
}

/** A few small PDFs in storage that the generated file versions point at. */
async function storeFilePool(orgId: string, size: number) {
  const storage = await getStorage();
  const pool = [];
  for (let i = 0; i < size; i++) {
    const bytes = Buffer.from(`%PDF-1.4\n% Demarc benchmark evidence ${i}\n${'x'.repeat(2_000 + i * 100)}\n%%EOF\n`);
    const key = `${orgId}/bench-pool-${i}`;
    await storage.put(key, Readable.from([bytes]), 'application/octet-stream');
    pool.push({ key, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length });
  }
  return pool;
}

/** 200,000 events on the organization's chain, hashed as appendAudit hashes them. */
async function insertAuditHistory(db: pg.Client, orgId: string, total: number, log: (line: string) => void) {
  const started = performance.now();
  const { rows: users } = await db.query<{ id: string; email: string }>(
    `SELECT u.id, u.email FROM bench_user b JOIN "User" u ON u.id = b.id ORDER BY b.i`,
  );
  const since = Date.now() - 365 * 86_400_000;
  let prevHash = GENESIS_HASH;
  const BATCH = 5_000;
  for (let from = 1; from <= total; from += BATCH) {
    const batch: (AuditContent & { id: string; prevHash: string; hash: string })[] = [];
    for (let seq = from; seq < Math.min(from + BATCH, total + 1); seq++) {
      const actor = users[seq % users.length]!;
      const content: AuditContent = {
        chain: orgId,
        seq,
        orgId,
        actorId: actor.id,
        actorEmail: actor.email,
        action: AUDIT_ACTIONS[seq % AUDIT_ACTIONS.length]!,
        entityType: 'Control',
        entityId: randomUUID(),
        before: seq % 2 ? { status: 'PLANNED', version: seq } : null,
        after: { status: 'IMPLEMENTED', version: seq + 1 },
        createdAt: new Date(since + Math.floor((seq / total) * 364 * 86_400_000)),
      };
      const hash = auditHash(prevHash, content);
      batch.push({ ...content, id: randomUUID(), prevHash, hash });
      prevHash = hash;
    }
    await db.query(
      `INSERT INTO "AuditEvent" (id, chain, seq, "orgId", "actorId", "actorEmail", action, "entityType", "entityId", before, after, "createdAt", "prevHash", hash)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::text[], $10::jsonb[], $11::jsonb[], $12::timestamptz[], $13::text[], $14::text[])`,
      [
        batch.map((e) => e.id),
        batch.map((e) => e.chain),
        batch.map((e) => e.seq),
        batch.map((e) => e.orgId),
        batch.map((e) => e.actorId),
        batch.map((e) => e.actorEmail),
        batch.map((e) => e.action),
        batch.map((e) => e.entityType),
        batch.map((e) => e.entityId),
        batch.map((e) => (e.before === null ? null : canonicalJson(e.before))),
        batch.map((e) => canonicalJson(e.after)),
        batch.map((e) => e.createdAt.toISOString()),
        batch.map((e) => e.prevHash),
        batch.map((e) => e.hash),
      ],
    );
  }
  log(`audit events: ${total} rows in ${Math.round(performance.now() - started)} ms`);
}

/**
 * "bench-package": one system, ten customer controls, and accepted evidence files of 10 MB (random,
 * so they do not compress) adding up to `totalBytes`; frozen into a snapshot for the package.
 */
async function generatePackageOrg(db: pg.Client, totalBytes: number, log: (line: string) => void) {
  const started = performance.now();
  const orgId = await createOrg(db, PACKAGE_ORG, 'Bench Evidence Archive');
  const {
    rows: [owner],
  } = await db.query<{ id: string }>(
    `INSERT INTO "Membership" (id, "orgId", "userId", role) SELECT gen_random_uuid(), $1, b.id, 'OWNER' FROM bench_user b WHERE b.i = 1 RETURNING "userId" AS id`,
    [orgId],
  );
  const {
    rows: [system],
  } = await db.query<{ id: string }>(
    `INSERT INTO "System" (id, "orgId", name, regions, "updatedAt") VALUES (gen_random_uuid(), $1, 'Archive', ARRAY['eu-west-1'], now()) RETURNING id`,
    [orgId],
  );
  await db.query(`INSERT INTO "SystemService" ("systemId", "serviceCode") VALUES ($1, 's3'), ($1, 'kms')`, [system!.id]);
  const { rows: controls } = await db.query<{ id: string }>(
    `INSERT INTO "Control" (id, "orgId", code, title, family, "defaultType", cadence, "nistIds", "updatedAt")
     SELECT gen_random_uuid(), $1, 'AR-' || i, 'Archive control ' || i, 'Audit and accountability', 'CUSTOMER', 'ANNUAL', '{}', now()
     FROM generate_series(1, 10) i RETURNING id`,
    [orgId],
  );
  const storage = await getStorage();
  const FILE = 10 * 1024 * 1024;
  const files = Math.max(1, Math.ceil(totalBytes / FILE));
  for (let i = 0; i < files; i++) {
    const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(Math.min(FILE, totalBytes - i * FILE) - 9)]);
    const evidenceId = randomUUID();
    const key = `${orgId}/${randomUUID()}`;
    await storage.put(key, Readable.from([bytes]), 'application/octet-stream');
    await db.query(
      `INSERT INTO "Evidence" (id, "orgId", kind, title, "systemId", "reviewState", "reviewedById", "reviewedAt", "createdById", "updatedAt")
       VALUES ($1, $2, 'FILE', $3, $4, 'ACCEPTED', $5, now(), $5, now())`,
      [evidenceId, orgId, `Archived log export ${i + 1}`, system!.id, owner!.id],
    );
    await db.query(
      `INSERT INTO "EvidenceVersion" (id, "orgId", "evidenceId", number, "storageKey", sha256, size, "mediaType", "fileName", "uploadedById", "effectiveAt")
       VALUES (gen_random_uuid(), $1, $2, 1, $3, $4, $5, 'application/pdf', $6, $7, current_date)`,
      [orgId, evidenceId, key, createHash('sha256').update(bytes).digest('hex'), bytes.length, `log-export-${i + 1}.pdf`, owner!.id],
    );
    await db.query(`INSERT INTO "EvidenceControl" ("evidenceId", "controlId", "orgId") VALUES ($1, $2, $3)`, [
      evidenceId,
      controls[i % controls.length]!.id,
      orgId,
    ]);
  }
  await createSnapshot(await cliOrgContext(PACKAGE_ORG), { systemId: system!.id });
  log(
    `evidence package organization: ${files} files, ${(totalBytes / 1024 / 1024).toFixed(0)} MB in ${Math.round(performance.now() - started)} ms`,
  );
}
