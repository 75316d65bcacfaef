import { z } from 'zod';
import { rowVersion } from '@/lib/schema';
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
