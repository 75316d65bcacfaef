import { z } from 'zod';

/**
 * A tool's check id as its findings carry it (`Finding.checkId`): a Security Hub control id
 * ("S3.8"), a Prowler check ("s3_bucket_level_public_access_block"), an AWS Config rule name
 * ("s3-bucket-level-public-access-prohibited"), a credential-report check ("root-mfa") or an
 * OSCAL target id. Matched exactly as written.
 */
export const checkIdSchema = z
  .string()
  .trim()
  .min(1, 'Enter the check id as the tool writes it, e.g. S3.8.')
  .max(200, 'Use at most 200 characters.')
  .regex(/^\S+$/, 'A check id has no spaces: enter it as the tool writes it, e.g. S3.8 or s3_bucket_level_public_access_block.');

export const createCheckMappingSchema = z.object({
  checkId: checkIdSchema,
  controlId: z.uuid('Choose a control from the list.'),
});
export type CreateCheckMappingInput = z.input<typeof createCheckMappingSchema>;

export const deleteCheckMappingSchema = z.object({ id: z.uuid() });
export type DeleteCheckMappingInput = z.input<typeof deleteCheckMappingSchema>;

/** The list's query: a text filter over check id, control code and title, and a page. */
export type CheckMappingFilters = { q: string; page: number };
export const CHECK_MAPPINGS_PAGE_SIZE = 50;
