import { z } from 'zod';
import { rowVersion } from '@/lib/schema';
import { IMPACT_LEVELS, informationTypeSchema } from './categorization';
import { REGION_CODES, SERVICE_CODES } from './service-catalog';

const unique = <T>(values: T[]) => [...new Set(values)];

export const systemFieldsSchema = z.object({
  name: z.string().trim().min(1, 'Enter a name.').max(120, 'Use at most 120 characters.'),
  description: z.string().trim().max(2000, 'Use at most 2,000 characters.'),
  regions: z
    .array(z.enum(REGION_CODES, 'Choose Regions from the list.'))
    .min(1, 'Choose at least one Region where this system’s data lives.')
    .transform(unique),
  services: z.array(z.enum(SERVICE_CODES, 'Choose services from the catalog.')).transform(unique),
});

export const createSystemSchema = systemFieldsSchema;
export type CreateSystemInput = z.input<typeof createSystemSchema>;

/** `version` is the one the form was loaded with: a save over a newer version is refused. */
export const updateSystemSchema = systemFieldsSchema.extend({ id: z.uuid(), version: rowVersion() });
export type UpdateSystemInput = z.input<typeof updateSystemSchema>;

export const archiveSystemSchema = z.object({ id: z.uuid(), version: rowVersion(), archived: z.boolean() });
export type ArchiveSystemInput = z.input<typeof archiveSystemSchema>;

/** An impact level from a select: empty until someone categorizes the objective. */
const impactChoice = z
  .union([z.enum(IMPACT_LEVELS, 'Choose low, moderate or high.'), z.literal('')], 'Choose low, moderate or high.')
  .transform((v) => (v === '' ? null : v));

/**
 * The system's FIPS 199 categorization, its information types (NIST SP 800-60) and the baseline
 * it is assessed against (one of the organization's imported baselines, or none).
 */
export const systemCategorizationSchema = z.object({
  id: z.uuid(),
  version: rowVersion(),
  confidentiality: impactChoice,
  integrity: impactChoice,
  availability: impactChoice,
  informationTypes: z.array(informationTypeSchema).max(50, 'List at most 50 information types.'),
  baselineFrameworkId: z.union([z.uuid('Choose a baseline from the list.'), z.literal('')]).transform((v) => (v === '' ? null : v)),
});
export type SystemCategorizationInput = z.input<typeof systemCategorizationSchema>;

/** An AWS account id: exactly twelve digits, as the console prints it (spaces and dashes are dropped). */
export const awsAccountIdSchema = z
  .string()
  .transform((v) => v.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^\d{12}$/, 'Enter the 12-digit AWS account id, e.g. 111122223333.'));

/**
 * An AWS account the system runs in, optionally limited to one Region ("" = every Region): a
 * finding from that account (and Region) lands on this system's controls.
 */
export const addAwsAccountSchema = z.object({
  systemId: z.uuid(),
  accountId: awsAccountIdSchema,
  region: z.union([z.enum(REGION_CODES, 'Choose a Region from the list.'), z.literal('')], 'Choose a Region from the list.'),
});
export type AddAwsAccountInput = z.input<typeof addAwsAccountSchema>;

export const removeAwsAccountSchema = z.object({ systemId: z.uuid(), id: z.uuid() });
export type RemoveAwsAccountInput = z.input<typeof removeAwsAccountSchema>;
