import { z } from 'zod';
import { rowVersion } from '@/lib/schema';

/** What a token may do: write findings (with the findings ingest), add evidence, read. */
export const API_SCOPES = ['read', 'evidence:write', 'findings:write'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const API_SCOPE_LABELS: Record<ApiScope, string> = {
  read: 'Read systems, controls and summaries',
  'evidence:write': 'Add evidence (links and notes) to controls',
  'findings:write': 'Send scanner findings',
};

/** A token lives at most a year; 90 days unless chosen otherwise. */
export const MAX_EXPIRY_DAYS = 365;
export const DEFAULT_EXPIRY_DAYS = 90;

export const createApiTokenSchema = z.object({
  name: z.string().trim().min(1, 'Enter a name, for example the pipeline that will use the token.').max(100, 'Use at most 100 characters.'),
  scopes: z
    .array(z.enum(API_SCOPES, 'Choose among the listed scopes.'))
    .min(1, 'Choose at least one scope.')
    .max(API_SCOPES.length)
    .refine((s) => new Set(s).size === s.length, 'Choose each scope once.'),
  expiresInDays: z.coerce
    .number('Enter a number of days.')
    .int('Enter a whole number of days.')
    .min(1, 'A token lasts at least 1 day.')
    .max(MAX_EXPIRY_DAYS, `A token lasts at most ${MAX_EXPIRY_DAYS} days.`),
});
export type CreateApiTokenInput = z.input<typeof createApiTokenSchema>;

export const revokeApiTokenSchema = z.object({ tokenId: z.uuid(), version: rowVersion(0) });
export type RevokeApiTokenInput = z.input<typeof revokeApiTokenSchema>;
