import 'server-only';
import { prisma, type Db } from '@/lib/db';
import type { OrgContext } from '@/lib/auth/permissions';
import { loadRegisters } from '@/features/controls/controls.data';
import type { RegisterRow } from '@/features/controls/register.policy';
import { frameworkCoverageThrough } from '@/features/frameworks/frameworks.data';
import { coveredShare } from '@/features/frameworks/frameworks.policy';
import { readiness, type Readiness } from '@/features/summaries/summary.policy';
import { dailyRows, TREND_DAYS, trendStart, utcDay, type DailyFigure } from './overview.policy';

/** One active system as the overview reads it: its register, its readiness, each framework's covered share. */
export type SystemReadiness = {
  system: { id: string; name: string };
  register: RegisterRow[];
  readiness: Readiness;
  frameworks: { id: string; name: string; covered: number; of: number }[];
};

/**
 * Every active system's readiness as of `today`: the summary's own figure (readiness over the
 * register loadRegister derives, exactly as getSummary reads it; loadRegisters reads all of them
 * at once) and, per framework, the summary's covered share (frameworkCoverage's states through
 * that system's register).
 */
export async function readinessNow(ctx: OrgContext, today = new Date(), db: Db = prisma): Promise<SystemReadiness[]> {
  const systems = await db.system.findMany({
    where: { orgId: ctx.orgId, archivedAt: null },
    select: { id: true, name: true, services: { select: { serviceCode: true } } },
    orderBy: { name: 'asc' },
  });
  // Every system's register from one read of the controls, lines, records and evidence dates; the
  // frameworks and mappings are read meanwhile.
  const loading = loadRegisters(
    ctx,
    systems.map((s) => ({ id: s.id, services: s.services.map((x) => x.serviceCode).sort() })),
    { today, db },
  );
  const [registers, coverage] = await Promise.all([
    loading,
    frameworkCoverageThrough(
      ctx,
      loading.then((all) => all.map((register) => new Map(register.map((row) => [row.id, row])))),
      db,
    ),
  ]);
  return systems.map((s, i) => ({
    system: { id: s.id, name: s.name },
    register: registers[i]!,
    readiness: readiness(registers[i]!.map((row) => ({ applies: row.state.applicability.applies, satisfied: row.state.satisfied }))),
    frameworks: coverage[i]!.map((f) => ({ id: f.id, name: f.name, ...coveredShare(f.states) })),
  }));
}

/** Organizations read per batch, and rows written per statement, by the daily recorder. */
const ORG_BATCH = 20;
const ROW_BATCH = 1000;

/**
 * The daily job's reader: the whole organization's figures, as a member without an audit period
 * sees them (nothing is changed through it, and no permission is checked by the readers it feeds).
 */
const jobContext = (org: { id: string; slug: string }): OrgContext => ({
  userId: '00000000-0000-0000-0000-000000000000',
  orgId: org.id,
  orgSlug: org.slug,
  role: 'VIEWER',
});

/** Writes one organization's figures for one day; a second run the same day overwrites them. */
async function recordOrganization(org: { id: string; slug: string }, today: Date): Promise<number> {
  const rows = dailyRows(await readinessNow(jobContext(org), today));
  for (let i = 0; i < rows.length; i += ROW_BATCH) {
    const batch = JSON.stringify(rows.slice(i, i + ROW_BATCH));
    await prisma.$executeRaw`
      INSERT INTO "ReadinessDaily" ("id", "orgId", "systemId", "frameworkId", "day", "implemented", "applicable", "recordedAt")
      SELECT gen_random_uuid(), ${org.id}::uuid, r."systemId", r."frameworkId", ${utcDay(today)}::date, r."implemented", r."applicable", now()
      FROM jsonb_to_recordset(${batch}::jsonb) AS r("systemId" uuid, "frameworkId" uuid, "implemented" int, "applicable" int)
      ON CONFLICT ("orgId", "systemId", "frameworkId", "day")
      DO UPDATE SET "implemented" = EXCLUDED."implemented", "applicable" = EXCLUDED."applicable", "recordedAt" = EXCLUDED."recordedAt"`;
  }
  return rows.length;
}

/**
 * The daily job: records every organization's readiness for `today`'s UTC day — per active system,
 * and per framework through it — idempotently (a second run the same day updates the same rows),
 * organizations read 20 at a time and rows written 1,000 per statement. The job runner calls it
 * once a day; the seed calls it once so a fresh start has its first day.
 */
export async function recordDailyReadiness(today: Date): Promise<{ organizations: number; rows: number }> {
  let organizations = 0;
  let rows = 0;
  let after: string | undefined;
  for (;;) {
    const batch = await prisma.organization.findMany({
      where: after ? { id: { gt: after } } : {},
      orderBy: { id: 'asc' },
      take: ORG_BATCH,
      select: { id: true, slug: true },
    });
    if (batch.length === 0) break;
    for (const org of batch) {
      rows += await recordOrganization(org, today);
      organizations++;
    }
    after = batch.at(-1)!.id;
  }
  return { organizations, rows };
}

/** The recorded figures of the last 90 days (today included) of this organization's active systems and existing frameworks. */
export async function readinessHistory(ctx: OrgContext, today = new Date()): Promise<DailyFigure[]> {
  const rows = await prisma.readinessDaily.findMany({
    where: {
      orgId: ctx.orgId,
      day: { gte: trendStart(today, TREND_DAYS), lte: new Date(`${utcDay(today)}T00:00:00Z`) },
      system: { archivedAt: null },
    },
    select: { systemId: true, frameworkId: true, day: true, implemented: true, applicable: true },
    orderBy: [{ day: 'asc' }],
  });
  return rows.map((r) => ({ ...r, day: utcDay(r.day) }));
}
