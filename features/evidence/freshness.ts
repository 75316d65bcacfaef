import 'server-only';
import { freshnessConfig } from '@/lib/config';
import type { OrgContext } from '@/lib/auth/permissions';
import type { EvidenceCadence, ResponsibilityType } from '@/lib/generated/prisma/enums.ts';
import { loadEvidenceDates } from './evidence.data';
import { controlFreshness, type ControlFreshness } from './evidence.policy';

/**
 * Freshness of (control, system) pairs, each with its effective type: one pair of grouped
 * queries per distinct system.
 */
export async function freshnessOf(
  ctx: OrgContext,
  pairs: { controlId: string; systemId: string | null; type: ResponsibilityType; cadence: EvidenceCadence }[],
  today = new Date(),
): Promise<ControlFreshness[]> {
  const config = freshnessConfig();
  const systems = [...new Set(pairs.map((p) => p.systemId))];
  const controlIds = [...new Set(pairs.map((p) => p.controlId))];
  const bySystem = new Map(await Promise.all(systems.map(async (s) => [s, await loadEvidenceDates(ctx, s, controlIds)] as const)));
  return pairs.map((p) => {
    const dates = bySystem.get(p.systemId)?.get(p.controlId);
    return controlFreshness(
      { type: p.type, cadence: p.cadence, latestEffectiveAt: dates?.latestEffectiveAt ?? null, latestReportPeriodEnd: dates?.latestReportPeriodEnd ?? null },
      today,
      config,
    );
  });
}
