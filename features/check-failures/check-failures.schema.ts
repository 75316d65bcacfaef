import { z } from 'zod';
import { rowVersion } from '@/lib/schema';

export const RISK_JUSTIFICATION_MIN = 20;
/** The longest a failing check may be accepted as a risk before someone looks at it again. */
export const RISK_ACCEPTANCE_MAX_DAYS = 366;

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The last day an acceptance may run to, from `today` (UTC dates): one year ahead. */
export function latestAcceptanceDay(today = new Date()): string {
  const d = new Date(`${isoDay(today)}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return isoDay(d);
}

/**
 * Accepting one failing check as a risk: why, and until when (a day after today, at most one
 * year ahead). The form and the server read the same schema, each with its own today.
 */
export const acceptRiskSchema = z
  .object({
    failureId: z.uuid(),
    version: rowVersion(0),
    justification: z
      .string()
      .trim()
      .min(RISK_JUSTIFICATION_MIN, `Explain why the risk is accepted, in at least ${RISK_JUSTIFICATION_MIN} characters.`)
      .max(2000, 'Use at most 2,000 characters.'),
    until: z.iso.date('Enter the last day the acceptance holds.'),
  })
  .superRefine((input, ctx) => {
    // A date that did not parse has its own message.
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.until)) return;
    const today = isoDay(new Date());
    if (input.until <= today) ctx.addIssue({ code: 'custom', path: ['until'], message: 'The acceptance must end after today.' });
    else if (input.until > latestAcceptanceDay())
      ctx.addIssue({ code: 'custom', path: ['until'], message: 'An acceptance may run at most one year ahead.' });
  });
export type AcceptRiskInput = z.input<typeof acceptRiskSchema>;

/** Ending an acceptance before its expiry: the failure counts again at once. */
export const revokeRiskAcceptanceSchema = z.object({ failureId: z.uuid(), version: rowVersion(0) });
export type RevokeRiskAcceptanceInput = z.input<typeof revokeRiskAcceptanceSchema>;
