import 'server-only';
import { freshnessConfig } from '@/lib/config';
import type { OrgContext } from '@/lib/auth/permissions';
import type { EvidenceCadence, ImplementationStatus, ResponsibilityType } from '@/lib/generated/prisma/enums.ts';
import { deriveControlState, type ControlState } from '@/features/controls/status.policy';
import { loadEvidenceDates, type EvidenceDates } from './evidence.data';
import { controlFreshness, type ControlFreshness, type FreshnessConfig } from './evidence.policy';

/** One control in one system (systemId null: the control's defaults, seen from no system). */
export type ControlInSystem = {
  controlId: string;
  systemId: string | null;
  type: ResponsibilityType;
  cadence: EvidenceCadence;
  appliesTo: readonly string[];
  systemServices: ReadonlySet<string>;
  implementation: { status: ImplementationStatus; justification: string } | null;
};

export type DerivedState = { freshness: ControlFreshness; state: ControlState };

/** Freshness and state of one (control, system) pair from evidence dates already loaded per system. */
export function stateFrom(
  bySystem: Map<string | null, Map<string, EvidenceDates>>,
  p: ControlInSystem,
  today: Date,
  config: FreshnessConfig = freshnessConfig(),
): DerivedState {
  const dates = bySystem.get(p.systemId)?.get(p.controlId);
  const freshness = controlFreshness(
    {
      type: p.type,
      cadence: p.cadence,
      latestEffectiveAt: dates?.latestEffectiveAt ?? null,
      latestReportPeriodEnd: dates?.latestReportPeriodEnd ?? null,
    },
    today,
    config,
  );
  const state = deriveControlState({
    type: p.type,
    appliesTo: p.appliesTo,
    systemServices: p.systemServices,
    implementation: p.implementation,
    freshness,
    report: dates?.report ?? null,
    failing: dates?.failing ?? 0,
  });
  return { freshness, state };
}

/** Freshness and state of (control, system) pairs from evidence dates already loaded per system. */
export function statesFrom(
  bySystem: Map<string | null, Map<string, EvidenceDates>>,
  pairs: ControlInSystem[],
  today = new Date(),
): DerivedState[] {
  const config = freshnessConfig();
  return pairs.map((p) => stateFrom(bySystem, p, today, config));
}

/** Freshness and state of (control, system) pairs: one pair of grouped queries for all of them. */
export async function statesOf(
  ctx: OrgContext,
  pairs: ControlInSystem[],
  today = new Date(),
  db?: Parameters<typeof loadEvidenceDates>[3],
): Promise<DerivedState[]> {
  const systems = [...new Set(pairs.map((p) => p.systemId))];
  const controlIds = [...new Set(pairs.map((p) => p.controlId))];
  return statesFrom(await loadEvidenceDates(ctx, systems, controlIds, db, today), pairs, today);
}
