import { z } from 'zod';
import { rowVersion } from '@/lib/schema';

/** What an owner can record, weakest first. */
export const IMPLEMENTATION_STATUSES = ['NOT_STARTED', 'PLANNED', 'PARTIALLY_IMPLEMENTED', 'IMPLEMENTED', 'NOT_APPLICABLE'] as const;
export type ImplementationStatus = (typeof IMPLEMENTATION_STATUSES)[number];

/**
 * The customer half of a control in one system. `version` is the record's version when the
 * form was loaded (0 when there was none yet): a save over a newer one is refused.
 */
export const saveImplementationSchema = z
  .object({
    controlId: z.uuid(),
    systemId: z.uuid(),
    version: rowVersion(0),
    status: z.enum(IMPLEMENTATION_STATUSES, 'Choose a status.'),
    narrative: z.string().trim().max(10_000, 'Use at most 10,000 characters.'),
    justification: z.string().trim().max(2_000, 'Use at most 2,000 characters.'),
    ownerId: z.union([z.literal(''), z.uuid('Choose an owner from the members.')]),
    nextReviewAt: z.union([z.literal(''), z.iso.date('Enter a date.')]),
  })
  .superRefine((value, ctx) => {
    if (value.status === 'NOT_APPLICABLE' && !value.justification) {
      ctx.addIssue({ code: 'custom', path: ['justification'], message: 'Explain why this control does not apply to this system.' });
    }
  });
export type SaveImplementationInput = z.input<typeof saveImplementationSchema>;

export const bulkAssignOwnerSchema = z.object({
  systemId: z.uuid(),
  controlIds: z.array(z.uuid()).min(1, 'Select at least one control.').max(500, 'Select at most 500 controls at a time.'),
  ownerId: z.uuid('Choose an owner from the members.'),
});
export type BulkAssignOwnerInput = z.input<typeof bulkAssignOwnerSchema>;
