// The benchmark's generator at a small scale, and its SQL floors checked against the app's own
// data functions: a floor that computed different numbers would make its ratio meaningless.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '@/features/audit/audit.data';
import { listControls } from '@/features/controls/controls.data';
import { appliesHere, hasCustomerHalf, parseRegisterFilters, type RegisterRow } from '@/features/controls/register.policy';
import { RESPONSIBILITY_TYPES } from '@/features/controls/responsibility.policy';
import { cliOrgContext, importOscalText } from '@/features/frameworks/frameworks-import.data';
import { getFrameworkView, listFrameworks } from '@/features/frameworks/frameworks.data';
import { listMyControls } from '@/features/owners/owners.data';
import { getSummary } from '@/features/summaries/summaries.data';
import { freshnessConfig } from '@/lib/config';
import type { OrgContext } from '@/lib/auth/permissions';
import { readinessNow } from '@/features/overview/readiness.data';
import { coverageFloor, myControlsFloor, overviewFloor, registerPageFloor, summaryFloor, type FloorParams } from './floors';
import { BENCH_ORG, generate, IMPORT_ORG, NIST_CATALOG, PACKAGE_ORG } from './generate';

let db: pg.Client;
let ctx: OrgContext;
let params: FloorParams;
let systems: { id: string }[];

beforeAll(async () => {
  db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  await generate(db, { scale: 0.05, packageBytes: 2 * 1024 * 1024, log: () => {} });
  ctx = await cliOrgContext(BENCH_ORG);
  params = { orgId: ctx.orgId, today: new Date(), ...freshnessConfig() };
  systems = (await db.query<{ id: string }>(`SELECT id FROM "System" WHERE "orgId" = $1 ORDER BY name`, [ctx.orgId])).rows;
});

afterAll(() => db.end());

const count = async (table: string, where = '') => Number((await db.query(`SELECT count(*) FROM "${table}" ${where}`)).rows[0].count);

const query = async <T extends pg.QueryResultRow>(sql: string, values: unknown[] = []) => (await db.query<T>(sql, values)).rows;

/** A register row as the page shows it, in the floor's terms. */
const registerRow = (r: RegisterRow) => ({
  code: r.code,
  title: r.title,
  family: r.family,
  type: r.effective.type,
  owner_name: hasCustomerHalf(r) ? (r.implementation?.ownerName ?? null) : null,
  status: r.state.status,
  applicability: r.state.applicability.applies ? null : r.state.applicability.by,
  aws: r.state.aws?.state ?? null,
  report: r.state.aws?.report?.artifactReportId ?? null,
  customer: r.state.customer?.status ?? null,
  overall: appliesHere(r) ? r.freshness.overall : null,
});

describe('the benchmark generator', () => {
  it('builds the organizations in proportion, with the full catalog imported and an intact audit chain', async () => {
    const orgId = ctx.orgId;
    expect(await count('Requirement', `WHERE "orgId" = '${orgId}' AND kind <> 'group'`)).toBe(1189);
    expect(await count('Control', `WHERE "orgId" = '${orgId}'`)).toBe(60);
    expect(systems).toHaveLength(5);
    expect(await count('SystemService', `WHERE "systemId" = '${systems[0]!.id}'`)).toBe(20);
    expect(await count('Evidence', `WHERE "orgId" = '${orgId}'`)).toBe(1000);
    expect(await count('EvidenceVersion', `WHERE "orgId" = '${orgId}'`)).toBe(2000);
    expect(await count('EvidenceControl', `WHERE "orgId" = '${orgId}'`)).toBe(5000);
    expect(await count('Membership', `WHERE "orgId" = '${orgId}'`)).toBe(50);
    // The controls name NIST ids; the app's import mapped them.
    expect(await count('ControlRequirement', `WHERE "orgId" = '${orgId}'`)).toBeGreaterThanOrEqual(60);
    // What applicability and the AWS half are derived from: controls bound to one or two services,
    // owners' not-applicable records with their justification, provider reports (one under review).
    expect(await count('Control', `WHERE "orgId" = '${orgId}' AND cardinality("appliesTo") = 1`)).toBe(6);
    expect(await count('Control', `WHERE "orgId" = '${orgId}' AND cardinality("appliesTo") = 2`)).toBe(3);
    expect(await count('ControlImplementation', `WHERE "orgId" = '${orgId}' AND status = 'NOT_APPLICABLE' AND justification <> ''`)).toBe(
      60,
    );
    expect(await count('ProviderReport', `WHERE "orgId" = '${orgId}'`)).toBe(20);
    expect(
      await count(
        'ProviderReport',
        `r JOIN "Evidence" e ON e.id = r."evidenceId" WHERE r."orgId" = '${orgId}' AND e."reviewState" = 'ACCEPTED'`,
      ),
    ).toBe(19);
    // 10,000 generated events, then the import's own.
    const chain = await verifyChain(orgId);
    expect(chain.firstBreak).toBeNull();
    expect(chain.checked).toBe(10001);
    for (const slug of [PACKAGE_ORG, IMPORT_ORG]) expect(await count('Organization', `WHERE slug = '${slug}'`)).toBe(1);
    expect(await count('Snapshot')).toBe(1);
  });
});

describe('the SQL floors compute what the pages show', () => {
  // On top of the generated organization: the MODERATE baseline (which counts the catalog's
  // mappings too) and, in the catalog only, every other control mapped to its neighbour's
  // requirement, so that requirements have several controls and the baseline has mappings of its
  // own and through the catalog.
  beforeAll(async () => {
    const baselineFile = path.join(path.dirname(NIST_CATALOG), 'NIST_SP-800-53_rev5_MODERATE-baseline-resolved-profile_catalog.json');
    await importOscalText(ctx, await readFile(baselineFile, 'utf8'), { via: 'cli', schemaDir: path.dirname(NIST_CATALOG) });
    const { rowCount } = await db.query(
      `INSERT INTO "ControlRequirement" ("controlId", "requirementId", "orgId", rationale)
       SELECT c.id, r.id, c."orgId", 'Mapped by hand in the catalog.'
       FROM (SELECT id, "orgId", lead("nistIds"[1]) OVER (ORDER BY code) AS next, row_number() OVER (ORDER BY code) AS n
             FROM "Control" WHERE "orgId" = $1) c
       JOIN "Requirement" r ON r."orgId" = c."orgId" AND r."externalId" = c.next
       JOIN "Framework" f ON f.id = r."frameworkId" AND f.source = 'oscal-catalog'
       WHERE c.n % 2 = 0
       ON CONFLICT DO NOTHING`,
      [ctx.orgId],
    );
    expect(rowCount).toBeGreaterThan(20);
    // Some baseline requirements have controls only through the catalog.
    const [through] = await query<{ n: string }>(
      `SELECT count(DISTINCT b.id) AS n FROM "Requirement" b
       JOIN "Framework" bf ON bf.id = b."frameworkId" AND bf.source = 'oscal-profile'
       JOIN "Requirement" cat ON cat."orgId" = b."orgId" AND cat."externalId" = b."externalId" AND cat.id <> b.id
       JOIN "ControlRequirement" cr ON cr."requirementId" = cat.id
       WHERE b."orgId" = $1 AND NOT EXISTS (SELECT 1 FROM "ControlRequirement" d WHERE d."requirementId" = b.id AND d."controlId" = cr."controlId")`,
      [ctx.orgId],
    );
    expect(Number(through!.n)).toBeGreaterThan(0);
  });

  it('the control register, both pages and filtered pages, in every system', async () => {
    const filters = [{}, { type: 'SHARED', evidence: 'EXPIRED' }, { type: 'INHERITED' }, { evidence: 'MISSING' }] as const;
    const totals = filters.map(() => 0);
    const all: RegisterRow[] = [];
    for (const system of systems) {
      for (const [i, filter] of filters.entries()) {
        for (const page of [1, 2]) {
          const app = await listControls(ctx, parseRegisterFilters({ system: system.id, ...filter, page: String(page) }));
          if (app.page !== page) continue;
          const floor = await registerPageFloor(db, params, system.id, filter, page);
          expect(floor.total).toBe(app.total);
          expect(floor.rows).toEqual(app.rows.map(registerRow));
          if (page === 1) totals[i]! += app.total;
          if (i === 0) all.push(...app.rows);
        }
      }
    }
    expect(totals.every((n) => n > 0)).toBe(true);
    // The data goes down every path of the derivation.
    expect(all).toHaveLength(60 * systems.length);
    const seen = (f: (r: RegisterRow) => string | null) => [...new Set(all.map(f).filter((v) => v !== null))].sort();
    expect(seen((r) => r.state.status)).toEqual(['IMPLEMENTED', 'NOT_APPLICABLE', 'NOT_STARTED', 'PARTIALLY_IMPLEMENTED', 'PLANNED']);
    expect(seen((r) => (r.state.applicability.applies ? null : r.state.applicability.by))).toEqual(['owner', 'service']);
    expect(seen((r) => r.state.aws?.state ?? null)).toEqual(['IMPLEMENTED', 'NO_REPORT', 'REPORT_EXPIRED']);
    expect(seen((r) => (appliesHere(r) ? r.freshness.overall : null))).toEqual(['CURRENT', 'EXPIRED', 'EXPIRING', 'MISSING']);
    expect(all.some((r) => r.effective.type === 'INHERITED' && r.state.status === 'IMPLEMENTED')).toBe(true);
    expect(all.some((r) => r.effective.type === 'SHARED' && r.state.aws?.state === 'IMPLEMENTED' && r.state.status !== 'IMPLEMENTED')).toBe(
      true,
    );
    // Controls out of scope that a filter would match if it looked at every row: the filters must skip them.
    const outOfScope = all.filter((r) => !appliesHere(r));
    expect(outOfScope.some((r) => r.effective.type === 'INHERITED')).toBe(true);
    expect(outOfScope.some((r) => r.freshness.overall === 'MISSING')).toBe(true);
    expect(outOfScope.some((r) => r.effective.type === 'SHARED' && r.freshness.overall === 'EXPIRED')).toBe(true);
  });

  it('the system summary, in every system', async () => {
    const cells = new Set<string>();
    for (const system of systems) {
      const app = await getSummary(ctx, system.id);
      const floor = await summaryFloor(db, params, system.id);
      expect(floor.controls).toEqual({ total: app.controls.total, applicable: app.controls.applicable });
      expect(Object.fromEntries(RESPONSIBILITY_TYPES.map((t) => [t, floor.byTypeAndStatus[t] ?? {}]))).toEqual(
        Object.fromEntries(
          RESPONSIBILITY_TYPES.map((t) => [
            t,
            Object.fromEntries(app.controls.byTypeAndStatus[t].filter((c) => c.count > 0).map((c) => [c.key, c.count])),
          ]),
        ),
      );
      expect({ customerHalves: floor.customerHalves, withOwner: floor.withOwner }).toEqual(app.owners);
      expect({
        current: floor.evidence.CURRENT ?? 0,
        expiring: floor.evidence.EXPIRING ?? 0,
        expired: floor.evidence.EXPIRED ?? 0,
        missing: floor.evidence.MISSING ?? 0,
      }).toEqual(app.evidence);
      expect(floor.reports).toBe(app.reports.length);
      expect(floor.frameworks).toEqual(
        app.frameworks.map(({ name, requirements, mapped, states }) => ({ name, requirements, mapped, states })),
      );
      expect(floor.gaps).toEqual(app.gaps.map((g) => ({ code: g.code, reasons: g.reasons.length })));
      expect(floor.gapCount).toBe(app.gapCount);
      for (const t of RESPONSIBILITY_TYPES) for (const c of app.controls.byTypeAndStatus[t]) if (c.count > 0) cells.add(`${t} ${c.key}`);
      expect(app.controls.notApplicable).toBeGreaterThan(0);
      expect(app.frameworks).toHaveLength(2);
    }
    expect(cells).toContain('INHERITED IMPLEMENTED');
    expect(cells).toContain('INHERITED REPORT_EXPIRED');
  });

  it('the overview: every system’s readiness and every framework’s covered share through it', async () => {
    const app = await readinessNow(ctx, params.today);
    const floor = await overviewFloor(db, params);
    expect(floor.systems).toEqual(app.map((s) => ({ id: s.system.id, ...s.readiness })));
    expect(floor.frameworks).toEqual(
      app
        .flatMap((s) => s.frameworks.map((f) => ({ systemId: s.system.id, frameworkId: f.id, covered: f.covered, of: f.of })))
        .sort((a, b) => a.systemId.localeCompare(b.systemId) || a.frameworkId.localeCompare(b.frameworkId)),
    );
    expect(app.some((s) => s.readiness.implemented > 0)).toBe(true);
    expect(floor.frameworks.some((f) => f.covered > 0)).toBe(true);
  });

  it('the framework coverage view, every framework in every system', async () => {
    const states = new Set<string>();
    const { frameworks } = await listFrameworks(ctx);
    expect(frameworks.map((f) => f.source).sort()).toEqual(['oscal-catalog', 'oscal-profile']);
    for (const system of systems) {
      for (const framework of frameworks) {
        const app = await getFrameworkView(ctx, framework.id, { systemId: system.id, page: 1 });
        const floor = await coverageFloor(db, params, system.id, framework.id);
        expect({ requirements: floor.requirements, mapped: floor.mapped, withdrawn: floor.withdrawn, states: floor.states }).toEqual({
          requirements: app.coverage.requirements,
          mapped: app.coverage.mapped,
          withdrawn: app.coverage.withdrawn,
          states: app.coverage.states,
        });
        expect(floor.rows).toEqual(app.rows.map((r) => ({ externalId: r.externalId, controls: r.controls.length, coverage: r.coverage })));
        for (const [state, n] of Object.entries(app.coverage.states)) if (n > 0) states.add(state);
      }
    }
    expect([...states].sort()).toEqual(['COVERED', 'NOT_APPLICABLE', 'NOT_COVERED', 'PARTIAL', 'UNMAPPED']);
  });

  it('my controls, for the members who own the most', async () => {
    const owners = await query<{ userId: string }>(
      `SELECT "ownerId" AS "userId" FROM "ControlImplementation" WHERE "orgId" = $1 AND "ownerId" IS NOT NULL
       GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 5`,
      [ctx.orgId],
    );
    let owned = 0;
    let listed = 0;
    const types = new Set<string>();
    for (const { userId } of owners) {
      const app = await listMyControls({ ...ctx, userId, role: 'EDITOR' });
      const floor = await myControlsFloor(db, params, userId);
      // Both in code and system order (the page puts what needs attention first).
      const bySystem = (a: { code: string; system: string }, b: { code: string; system: string }) =>
        a.code.localeCompare(b.code) || a.system.localeCompare(b.system);
      expect(floor.map(({ system_id: system, ...r }) => ({ ...r, system })).sort(bySystem)).toEqual(
        app
          .map((r) => ({
            code: r.code,
            system: r.systemId,
            type: r.effective.type,
            status: r.state.status,
            aws: r.state.aws?.state ?? null,
            customer: r.state.customer!.status,
            overall: r.freshness.overall,
          }))
          .sort(bySystem),
      );
      owned += await count('ControlImplementation', `WHERE "orgId" = '${ctx.orgId}' AND "ownerId" = '${userId}'`);
      listed += app.length;
      for (const r of app) types.add(r.effective.type);
    }
    // Owned records without a customer half (out of scope, or inherited) are not listed.
    expect(listed).toBeGreaterThan(0);
    expect(listed).toBeLessThan(owned);
    expect([...types].sort()).toEqual(['CUSTOMER', 'SHARED']);
  });
});
