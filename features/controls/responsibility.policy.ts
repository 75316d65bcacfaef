import type { ResponsibilityType } from '@/lib/generated/prisma/enums.ts';
import { serviceName } from '@/features/systems/service-catalog';

export type { ResponsibilityType };

export const RESPONSIBILITY_TYPES = ['INHERITED', 'SHARED', 'CUSTOMER'] as const satisfies readonly ResponsibilityType[];

export const RESPONSIBILITY_LABELS: Record<ResponsibilityType, string> = {
  INHERITED: 'Inherited',
  SHARED: 'Shared',
  CUSTOMER: 'Customer',
};

export const RESPONSIBILITY_DESCRIPTIONS: Record<ResponsibilityType, string> = {
  INHERITED: 'AWS provides it entirely; its evidence is an AWS Artifact report.',
  SHARED: 'AWS and you each hold a half, at different layers.',
  CUSTOMER: 'Yours alone: your owner, your evidence.',
};

/** How much of a control lands on the customer: the order the rule below maximises. */
const CUSTOMER_SHARE: Record<ResponsibilityType, number> = { INHERITED: 0, SHARED: 1, CUSTOMER: 2 };

export type ServiceLine = { serviceCode: string; type: ResponsibilityType; customerTask: string; awsTask: string };

export type EffectiveResponsibility = {
  type: ResponsibilityType;
  /** The service lines that decided the type; empty when the control's default applies. */
  because: ServiceLine[];
};

/**
 * The rule of the shared-responsibility line, in one place. For a system:
 * 1. Take the control's service lines for the services the system uses.
 * 2. None? The control's default type applies.
 * 3. Otherwise the effective type is the one that leaves the customer the most to do
 *    (CUSTOMER over SHARED over INHERITED): one service that puts a task on the customer
 *    is enough to make it theirs. The lines of that type are the reason.
 */
export function effectiveResponsibility(
  defaultType: ResponsibilityType,
  lines: readonly ServiceLine[],
  systemServices: ReadonlySet<string>,
): EffectiveResponsibility {
  const relevant = lines.filter((line) => systemServices.has(line.serviceCode));
  if (relevant.length === 0) return { type: defaultType, because: [] };
  const type = relevant.reduce<ResponsibilityType>(
    (most, line) => (CUSTOMER_SHARE[line.type] > CUSTOMER_SHARE[most] ? line.type : most),
    'INHERITED',
  );
  return {
    type,
    because: relevant.filter((line) => line.type === type).sort((a, b) => a.serviceCode.localeCompare(b.serviceCode)),
  };
}

/** Lower-cases a sentence's first letter unless it starts an acronym ("AWS …"). */
function clause(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

/** The reason shown beside the type, e.g. "Shared — this system uses Amazon EC2: you patch the guest OS". */
export function explainResponsibility(effective: EffectiveResponsibility): string {
  const label = RESPONSIBILITY_LABELS[effective.type];
  if (effective.because.length === 0) return `${label} — the control's default; no service this system uses changes it`;
  const parts = effective.because.map((line) => {
    const task = effective.type === 'INHERITED' ? line.awsTask : line.customerTask;
    return task ? `${serviceName(line.serviceCode)}: ${clause(task)}` : serviceName(line.serviceCode);
  });
  return `${label} — this system uses ${parts.join('; ')}`;
}
