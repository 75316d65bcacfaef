import { z } from 'zod';
import { rowVersion } from '@/lib/schema';

/** The register's columns a member may hide (code and title always show). */
export const HIDEABLE_COLUMNS = ['family', 'type', 'owner', 'status', 'evidence'] as const;
export type HideableColumn = (typeof HIDEABLE_COLUMNS)[number];

export const HIDEABLE_COLUMN_LABELS: Record<HideableColumn, string> = {
  family: 'Family',
  type: 'Responsibility',
  owner: 'Owner',
  status: 'Status',
  evidence: 'Evidence',
};

/** Saves which columns a member hides; `version` 0 when they have never chosen. */
export const saveRegisterColumnsSchema = z.object({
  hidden: z
    .array(z.enum(HIDEABLE_COLUMNS, 'This column does not exist.'))
    .max(HIDEABLE_COLUMNS.length)
    .refine((columns) => new Set(columns).size === columns.length, 'Name each column once.'),
  version: rowVersion(0),
});
export type SaveRegisterColumnsInput = z.input<typeof saveRegisterColumnsSchema>;
