import { z } from 'zod';

export const FRAMEWORK_SOURCES = ['oscal-catalog', 'oscal-profile', 'csv', 'manual'] as const;
export type FrameworkSource = (typeof FRAMEWORK_SOURCES)[number];

export const FRAMEWORK_SOURCE_LABELS: Record<FrameworkSource, string> = {
  'oscal-catalog': 'OSCAL catalog',
  'oscal-profile': 'OSCAL baseline (resolved profile)',
  csv: 'Custom (CSV)',
  manual: 'Custom',
};

/** Largest OSCAL file the upload accepts (the full NIST SP 800-53 catalog is about 3 MB). */
export const MAX_OSCAL_BYTES = 50 * 1024 * 1024;
/** Server actions accept bodies up to 1 MB; a CSV of requirements travels in one. */
export const MAX_REQUIREMENTS_CSV_CHARS = 900_000;

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max.toLocaleString('en')} characters.`);

/** "CC6.1", "A.8.5", "ac-2.1": the id as the framework writes it. */
export const requirementIdSchema = z
  .string()
  .trim()
  .min(1, 'Enter the requirement’s id, e.g. CC6.1.')
  .max(60, 'Use at most 60 characters.')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:()/-]*$/, 'Use letters, digits, dots, dashes, colons, slashes and parentheses, no spaces.');

export const createFrameworkSchema = z.object({
  name: z.string().trim().min(1, 'Enter a name, e.g. “SOC 2 (2017 TSC)”.').max(200, 'Use at most 200 characters.'),
  version: text(50),
  description: text(2000),
});
export type CreateFrameworkInput = z.input<typeof createFrameworkSchema>;

export const createRequirementSchema = z.object({
  frameworkId: z.uuid(),
  externalId: requirementIdSchema,
  title: z.string().trim().min(1, 'Enter a title.').max(500, 'Use at most 500 characters.'),
  statement: text(20_000),
  parentExternalId: z.union([z.literal(''), requirementIdSchema]),
  /** A heading that groups requirements and is not itself covered. */
  group: z.boolean(),
});
export type CreateRequirementInput = z.input<typeof createRequirementSchema>;

export const importRequirementsCsvSchema = z.object({
  frameworkId: z.uuid(),
  csv: z
    .string()
    .min(1, 'Choose a CSV file.')
    .max(MAX_REQUIREMENTS_CSV_CHARS, 'This file is too large; split it in parts of under 900 KB.'),
});
export type ImportRequirementsCsvInput = z.input<typeof importRequirementsCsvSchema>;

export const mapControlSchema = z.object({
  controlId: z.uuid('Choose a control.'),
  requirementId: z.uuid('Choose a requirement.'),
  rationale: text(2000),
});
export type MapControlInput = z.input<typeof mapControlSchema>;

export const unmapControlSchema = z.object({ controlId: z.uuid(), requirementId: z.uuid() });
export type UnmapControlInput = z.input<typeof unmapControlSchema>;

export const searchRequirementsSchema = z.object({ q: z.string().trim().min(1).max(100) });
