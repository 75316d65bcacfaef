import { z } from 'zod';
import { PG_INT_MAX, rowVersion } from '@/lib/schema';

const paramId = z.string().trim().min(1, 'Choose a parameter.').max(100, 'This parameter id is too long.');

/** The text box holds one value per line: a selection's several choices, or one assignment. */
export const setParameterValueSchema = z.object({
  systemId: z.uuid(),
  paramId,
  value: z
    .string()
    .max(4000, 'Use at most 4,000 characters.')
    .transform((text) =>
      text
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.string().max(1000, 'Use at most 1,000 characters on a line.'))
        .min(1, 'Enter a value, or reset to the default.')
        .max(50, 'Use at most 50 lines.'),
    ),
  /** The version the form was loaded with; 0 when the system had no value of its own yet. */
  version: z.number().int().min(0).max(PG_INT_MAX, 'This version number was not given out by Demarc. Reload the page.'),
});
export type SetParameterValueInput = z.input<typeof setParameterValueSchema>;

/** Deletes the system's value, so the baseline's stands again. */
export const resetParameterValueSchema = z.object({ systemId: z.uuid(), paramId, version: rowVersion() });
export type ResetParameterValueInput = z.input<typeof resetParameterValueSchema>;
