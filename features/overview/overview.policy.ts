import { appliesHere, hasCustomerHalf, summarizeRegister, type RegisterRow } from '@/features/controls/register.policy';
import type { HalfFreshness } from '@/features/evidence/evidence.policy';
import { gapReasons, percent, type Readiness } from '@/features/summaries/summary.policy';

// The overview's pure parts. It computes no status, freshness or figure of its own: readiness is
// summary.policy's, coverage frameworks.policy's, failing checks and gaps the summary's; these
// functions only select, group and order what those derivations return.

/** Days the trend shows, today included. */
export const TREND_DAYS = 90;

/** A date's UTC day, "2026-12-01". */
export const utcDay = (d: Date) => d.toISOString().slice(0, 10);

/** The first day of a trend of `days` days ending on `today` (UTC midnight). */
export function trendStart(today: Date, days = TREND_DAYS): Date {
  const start = new Date(`${utcDay(today)}T00:00:00Z`);
  start.setUTCDate(start.getUTCDate() - (days - 1));
  return start;
}

/** What the overview knows of one system: its register and the figures derived from it. */
export type SystemFigures = {
  system: { id: string; name: string };
  register: RegisterRow[];
  readiness: Readiness;
  /** Each framework's covered share through this system (frameworks.policy's coveredShare). */
  frameworks: { id: string; name: string; covered: number; of: number }[];
};

/** One recorded day (ReadinessDaily): frameworkId null for the system's own readiness. */
export type DailyFigure = { systemId: string; frameworkId: string | null; day: string; implemented: number; applicable: number };

/** The rows the daily job writes for one organization: each system's readiness, then each framework's covered share. */
export function dailyRows(systems: Pick<SystemFigures, 'system' | 'readiness' | 'frameworks'>[]): Omit<DailyFigure, 'day'>[] {
  return systems.flatMap(({ system, readiness, frameworks }) => [
    { systemId: system.id, frameworkId: null, implemented: readiness.implemented, applicable: readiness.applicable },
    ...frameworks.map((f) => ({ systemId: system.id, frameworkId: f.id, implemented: f.covered, applicable: f.of })),
  ]);
}

export type TrendPoint = { day: string; implemented: number; applicable: number; percent: number | null };
export type TrendSeries = { key: string; systemId: string; frameworkId: string | null; label: string; points: TrendPoint[] };

/**
 * The trend's series: one per active system (its readiness) and per framework through it (covered
 * share), in the order the overview lists them, each with the days recorded. Recorded rows of
 * systems or frameworks no longer listed are left out.
 */
export function trendSeries(systems: Pick<SystemFigures, 'system' | 'frameworks'>[], history: DailyFigure[]): TrendSeries[] {
  const byKey = new Map<string, TrendPoint[]>();
  for (const row of history) {
    const key = `${row.systemId}:${row.frameworkId ?? ''}`;
    const points = byKey.get(key) ?? byKey.set(key, []).get(key)!;
    points.push({
      day: row.day,
      implemented: row.implemented,
      applicable: row.applicable,
      percent: percent(row.implemented, row.applicable),
    });
  }
  return systems.flatMap(({ system, frameworks }) =>
    [
      { frameworkId: null, label: `${system.name} — readiness` },
      ...frameworks.map((f) => ({ frameworkId: f.id, label: `${system.name} — ${f.name} covered` })),
    ].map(({ frameworkId, label }) => {
      const key = `${system.id}:${frameworkId ?? ''}`;
      const points = [...(byKey.get(key) ?? [])].sort((a, b) => a.day.localeCompare(b.day));
      return { key, systemId: system.id, frameworkId, label, points };
    }),
  );
}

/** One half of one control whose validity ends within the expiring window. */
export type ExpiringItem = {
  systemId: string;
  systemName: string;
  controlId: string;
  code: string;
  title: string;
  half: 'aws' | 'customer';
  validUntil: string;
  owner: string | null;
};

const expiring = (half: HalfFreshness | null): half is HalfFreshness & { validUntil: Date } =>
  half?.state === 'EXPIRING' && half.validUntil !== null;

/**
 * What expires soon: each half (the AWS half's report, the customer half's evidence) of an
 * applicable control that freshness calls "expiring soon", soonest first.
 */
export function expiringItems(systems: Pick<SystemFigures, 'system' | 'register'>[]): ExpiringItem[] {
  const items: ExpiringItem[] = [];
  for (const { system, register } of systems) {
    for (const row of register) {
      if (!appliesHere(row)) continue;
      for (const half of ['aws', 'customer'] as const) {
        const freshness = row.freshness[half];
        if (!expiring(freshness)) continue;
        items.push({
          systemId: system.id,
          systemName: system.name,
          controlId: row.id,
          code: row.code,
          title: row.title,
          half,
          validUntil: utcDay(freshness.validUntil),
          owner: half === 'customer' ? (row.implementation?.ownerName ?? null) : null,
        });
      }
    }
  }
  return items.sort(
    (a, b) =>
      a.validUntil.localeCompare(b.validUntil) || a.code.localeCompare(b.code, 'en', { numeric: true }) || a.half.localeCompare(b.half),
  );
}

/** An owner's open items: the customer halves they own that the summary lists as gaps, by reason. */
export type OwnerLoad = { ownerId: string; name: string; open: number; owned: number; reasons: { reason: string; count: number }[] };

/**
 * Owners with the most open items across the active systems: an open item is a customer half
 * they own that is not ready (it is in the summary's gap list, with gapReasons' reasons). Also
 * how many customer halves that apply have no owner at all.
 */
export function ownerLoads(systems: Pick<SystemFigures, 'register'>[]): { owners: OwnerLoad[]; unowned: number } {
  const loads = new Map<string, OwnerLoad & { byReason: Map<string, number> }>();
  let unowned = 0;
  for (const { register } of systems) {
    for (const row of register) {
      if (!hasCustomerHalf(row)) continue;
      const ownerId = row.implementation?.ownerId;
      if (!ownerId) {
        unowned++;
        continue;
      }
      const load =
        loads.get(ownerId) ??
        loads
          .set(ownerId, {
            ownerId,
            name: row.implementation?.ownerName ?? 'A former member',
            open: 0,
            owned: 0,
            reasons: [],
            byReason: new Map(),
          })
          .get(ownerId)!;
      load.owned++;
      const reasons = gapReasons(row);
      if (reasons.length === 0) continue;
      load.open++;
      for (const reason of reasons) load.byReason.set(reason, (load.byReason.get(reason) ?? 0) + 1);
    }
  }
  const owners = [...loads.values()]
    .filter((l) => l.open > 0)
    .map(({ byReason, ...load }) => ({
      ...load,
      reasons: [...byReason]
        .map(([reason, count]) => ({ reason, count }))
        .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    }))
    .sort((a, b) => b.open - a.open || a.name.localeCompare(b.name));
  return { owners, unowned };
}

/** Applicable controls with failing checks in one system: the summary's figure (summarizeRegister's `failing`). */
export const failingControls = (register: RegisterRow[]) => summarizeRegister(register).failing;
