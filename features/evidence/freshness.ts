import 'server-only';
import { freshnessConfig } from '@/lib/config';
import type { OrgContext } from '@/lib/auth/permissions';
import type { EvidenceCadence, ResponsibilityType } from '@/lib/generated/prisma/enums.ts';
import { loadEvidenceDates, type EvidenceDates } from './evidence.data';
import { controlFreshness, type ControlFreshness } from './evidence.policy';

type FreshnessPair = { controlId: string; systemId: string | null; type: ResponsibilityType; cadence: EvidenceCadence };

/** Freshness of (control, system) pairs from evidence dates already loaded per system. */
export function freshnessFrom(
  bySystem: Map<string | null, Map<string, EvidenceDates>>,
  pairs: FreshnessPair[],
  today = new Date(),
): ControlFreshness[] {
  const config = freshnessConfig();
  return pairs.map((p) => {
    const dates = bySystem.get(p.systemId)?.get(p.controlId);
    return controlFreshness(
      {
        type: p.type,
        cadence: p.cadence,
        latestEffectiveAt: dates?.latestEffectiveAt ?? null,
        latestReportPeriodEnd: dates?.latestReportPeriodEnd ?? null,
      },
      today,
      config,
    );
  });
}

/**
 * Freshness of (control, system) pairs, each with its effective type: one pair of grouped
 * queries for all of them.
 */
export async function freshnessOf(ctx: OrgContext, pairs: FreshnessPair[], today = new Date()): Promise<ControlFreshness[]> {
  const systems = [...new Set(pairs.map((p) => p.systemId))];
  const controlIds = [...new Set(pairs.map((p) => p.controlId))];
  return freshnessFrom(await loadEvidenceDates(ctx, systems, controlIds), pairs, today);
}
