// The benchmark's generator at a small scale, and its SQL floors checked against the app's own
// data functions: a floor that computed different numbers would make its ratio meaningless.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '@/features/audit/audit.data';
import { listControls } from '@/features/controls/controls.data';
import { parseRegisterFilters, type RegisterRow } from '@/features/controls/register.policy';
import { cliOrgContext } from '@/features/frameworks/frameworks-import.data';
import { getFrameworkView, listFrameworks } from '@/features/frameworks/frameworks.data';
import { listMyControls } from '@/features/owners/owners.data';
import { getSummary } from '@/features/summaries/summaries.data';
import { freshnessConfig } from '@/lib/config';
import type { OrgContext } from '@/lib/auth/permissions';
import { coverageFloor, myControlsFloor, registerPageFloor, summaryFloor, type FloorParams } from './floors';
import { BENCH_ORG, generate, IMPORT_ORG, PACKAGE_ORG } from './generate';

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

const registerRow = (r: RegisterRow) => ({
  code: r.code,
  title: r.title,
  family: r.family,
  type: r.effective.type,
  status: r.implementation?.status ?? 'NOT_STARTED',
  owner_name: r.implementation?.ownerName ?? null,
  overall: r.freshness.overall,
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
    // 10,000 generated events, then the import's own.
    const chain = await verifyChain(orgId);
    expect(chain.firstBreak).toBeNull();
    expect(chain.checked).toBe(10001);
    for (const slug of [PACKAGE_ORG, IMPORT_ORG]) expect(await count('Organization', `WHERE slug = '${slug}'`)).toBe(1);
    expect(await count('Snapshot')).toBe(1);
  });
});

describe('the SQL floors compute what the pages show', () => {
  it('the control register, first page and a filtered page, in every system', async () => {
    let filteredTotal = 0;
    for (const system of systems) {
      const app = await listControls(ctx, parseRegisterFilters({ system: system.id }));
      const floor = await registerPageFloor(db, params, system.id);
      expect(floor.total).toBe(app.total);
      expect(floor.rows).toEqual(app.rows.map(registerRow));

      const filtered = await listControls(ctx, parseRegisterFilters({ system: system.id, type: 'SHARED', evidence: 'EXPIRED' }));
      const filteredFloor = await registerPageFloor(db, params, system.id, { type: 'SHARED', evidence: 'EXPIRED' });
      filteredTotal += filtered.total;
      expect(filteredFloor.total).toBe(filtered.total);
      expect(filteredFloor.rows).toEqual(filtered.rows.map(registerRow));
    }
    expect(filteredTotal).toBeGreaterThan(0);
    // The data has something to show: every freshness state appears somewhere.
    const states = new Set<string>();
    for (const system of systems) for (const row of (await registerPageFloor(db, params, system.id)).rows) states.add(row.overall);
    expect([...states].sort()).toEqual(['CURRENT', 'EXPIRED', 'EXPIRING', 'MISSING']);
  });

  it('the system summary', async () => {
    const system = systems[1]!;
    const app = await getSummary(ctx, system.id);
    const floor = await summaryFloor(db, params, system.id);
    for (const [type, statuses] of Object.entries(app.controls.byTypeAndStatus)) {
      for (const [status, n] of Object.entries(statuses)) expect(floor.byTypeAndStatus[type]?.[status] ?? 0).toBe(n);
    }
    expect({ customerHalves: floor.customerHalves, withOwner: floor.withOwner }).toEqual(app.owners);
    expect({
      current: floor.evidence.CURRENT ?? 0,
      expiring: floor.evidence.EXPIRING ?? 0,
      expired: floor.evidence.EXPIRED ?? 0,
      missing: floor.evidence.MISSING ?? 0,
    }).toEqual(app.evidence);
    expect(floor.reports).toBe(app.reports.length);
    expect(floor.frameworks).toEqual(app.frameworks);
    expect(floor.gaps).toEqual(app.gaps.map((g) => ({ code: g.code, reasons: g.reasons.length })));
  });

  it('the framework coverage view', async () => {
    const system = systems[2]!;
    const framework = (await listFrameworks(ctx, system.id)).frameworks[0]!;
    const app = await getFrameworkView(ctx, framework.id, { systemId: system.id, page: 1 });
    const floor = await coverageFloor(db, params, system.id, framework.id);
    expect({ applicable: floor.applicable, mapped: floor.mapped, covered: floor.covered, withdrawn: floor.withdrawn }).toEqual({
      applicable: app.coverage.requirements,
      mapped: app.coverage.mapped,
      covered: app.coverage.states.COVERED,
      withdrawn: app.coverage.withdrawn,
    });
    expect(floor.rows).toEqual(
      app.rows.map((r) => ({ externalId: r.externalId, controls: r.controls.length, covered: r.coverage === 'COVERED' })),
    );
  });

  it('my controls', async () => {
    const { rows } = await db.query<{ userId: string }>(
      `SELECT "ownerId" AS "userId" FROM "ControlImplementation" WHERE "orgId" = $1 AND "ownerId" IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
      [ctx.orgId],
    );
    const userId = rows[0]!.userId;
    const app = await listMyControls({ ...ctx, userId, role: 'EDITOR' });
    const floor = await myControlsFloor(db, params, userId);
    expect(app.length).toBeGreaterThan(0);
    const key = (r: { code: string; system: string; type: string; status: string; overall: string }) => JSON.stringify(r);
    expect(floor.map((r) => key({ code: r.code, system: r.system_id, type: r.type, status: r.status, overall: r.overall })).sort()).toEqual(
      app
        .map((r) => key({ code: r.code, system: r.systemId, type: r.effective.type, status: r.status, overall: r.freshness.overall }))
        .sort(),
    );
  });
});
