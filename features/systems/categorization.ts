// A system's FIPS 199 security categorization: the impact level of each security objective
// and the NIST SP 800-60 information types it processes. Shared by the system's edit form, its
// server action and the SSP (features/exports/ssp.ts); pure.
import { z } from 'zod';

export const IMPACT_LEVELS = ['LOW', 'MODERATE', 'HIGH'] as const;
export type ImpactLevel = (typeof IMPACT_LEVELS)[number];

export const IMPACT_WORDS: Record<ImpactLevel, string> = { LOW: 'Low', MODERATE: 'Moderate', HIGH: 'High' };

/** OSCAL's FIPS 199 tokens, e.g. "fips-199-moderate". */
export const fipsToken = (level: ImpactLevel) => `fips-199-${level.toLowerCase()}` as const;

const impact = z.enum(IMPACT_LEVELS, 'Choose low, moderate or high.');

export const informationTypeSchema = z.object({
  title: z.string().trim().min(1, 'Enter the information type’s title.').max(200, 'Use at most 200 characters.'),
  /** NIST SP 800-60 Vol. 2 identifier, e.g. "C.3.5.1" or "D.14.1". */
  nistId: z
    .string()
    .trim()
    .regex(/^[CD](\.\d+){1,4}$/, 'Write the NIST SP 800-60 identifier as printed, e.g. C.3.5.1 or D.14.1.'),
  confidentiality: impact,
  integrity: impact,
  availability: impact,
});
export type InformationType = z.infer<typeof informationTypeSchema>;

export const readInformationTypes = (json: unknown): InformationType[] => z.array(informationTypeSchema).parse(json);

export type Categorization = {
  confidentiality: ImpactLevel | null;
  integrity: ImpactLevel | null;
  availability: ImpactLevel | null;
};

const RANK: Record<ImpactLevel, number> = { LOW: 0, MODERATE: 1, HIGH: 2 };

/** FIPS 199's high-water mark of the levels recorded; null when none is. */
export function highWaterMark(levels: readonly (ImpactLevel | null)[]): ImpactLevel | null {
  return levels.reduce<ImpactLevel | null>((high, level) => (level && (!high || RANK[level] > RANK[high]) ? level : high), null);
}

/** Whether every objective has a level. */
export const isCategorized = (c: Categorization) => !!(c.confidentiality && c.integrity && c.availability);
