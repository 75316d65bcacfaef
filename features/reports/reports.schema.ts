import { z } from 'zod';
import { rowVersion } from '@/lib/schema';

export const ARTIFACT_REPORT_ID = /^report-[A-Za-z0-9]{16}$/;

export const DOCUMENT_TYPES = ['REPORT', 'BRIDGE_LETTER'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
export const DOCUMENT_TYPE_LABELS: Record<DocumentType, string> = { REPORT: 'Report', BRIDGE_LETTER: 'Bridge letter' };

const date = (message: string) => z.iso.date(message);
const controlIds = z.array(z.uuid()).max(5000);

/** What describes a report and can be corrected later: title, version, series, category, type and period. */
const describedFields = {
  title: z.string().trim().min(1, 'Enter the report title, e.g. “SOC 2 Type 2”.').max(200, 'Use at most 200 characters.'),
  reportVersion: z.string().trim().max(50, 'Use at most 50 characters.'),
  series: z.string().trim().max(100, 'Use at most 100 characters.'),
  category: z.string().trim().max(100, 'Use at most 100 characters.'),
  documentType: z.enum(DOCUMENT_TYPES, 'Choose a report or a bridge letter.'),
  periodStart: date('Enter the first day of the period the report covers.'),
  periodEnd: date('Enter the last day of the period the report covers.'),
};

/** …plus what identifies the download in AWS Artifact and the terms it was taken under. */
const recordedFields = {
  ...describedFields,
  artifactReportId: z.string().trim().regex(ARTIFACT_REPORT_ID, 'An AWS Artifact report id is “report-” followed by 16 letters or digits.'),
  retrievedAt: date('Enter the date the report was downloaded from AWS Artifact.'),
  termsAcceptedAt: date('Enter the date the Artifact terms were accepted.'),
};

type Dates = { periodStart: string; periodEnd: string; retrievedAt?: string; termsAcceptedAt?: string };

/** The rules every form that writes a report's dates follows (ISO dates compare as strings). */
function checkDates(r: Dates, ctx: z.RefinementCtx) {
  if (r.periodStart && r.periodEnd && r.periodEnd < r.periodStart) {
    ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'The period ends before it starts.' });
  }
  if (r.termsAcceptedAt && r.retrievedAt && r.termsAcceptedAt > r.retrievedAt) {
    ctx.addIssue({ code: 'custom', path: ['termsAcceptedAt'], message: 'The terms must be accepted before the report is retrieved.' });
  }
}

/** A reference to an AWS Artifact report: its identity, period, who retrieved it under which terms, and what it covers. */
export const createProviderReportSchema = z
  .object({ ...recordedFields, documentType: recordedFields.documentType.default('REPORT'), controlIds })
  .superRefine(checkDates);
export type CreateProviderReportInput = z.input<typeof createProviderReportSchema>;
/** What the data function takes: a report unless said otherwise. */
export type NewProviderReport = Omit<z.output<typeof createProviderReportSchema>, 'documentType'> & { documentType?: DocumentType };

export const FEDRAMP_AUTHORIZATION_TYPES = ['fedramp-jab', 'fedramp-agency', 'fedramp-li-saas'] as const;
export const FEDRAMP_AUTHORIZATION_TYPE_LABELS: Record<(typeof FEDRAMP_AUTHORIZATION_TYPES)[number], string> = {
  'fedramp-jab': 'JAB P-ATO',
  'fedramp-agency': 'Agency ATO',
  'fedramp-li-saas': 'FedRAMP Tailored LI-SaaS',
};
export const FEDRAMP_IMPACT_LEVELS = ['LOW', 'MODERATE', 'HIGH'] as const;

/**
 * When the report is the provider's FedRAMP package: its package id, authorization type, impact
 * level and date, which the SSP writes on the leveraged authorization. All optional ("" = unknown).
 */
const fedrampFields = {
  fedrampPackageId: z
    .string()
    .trim()
    .regex(/^(|[A-Za-z0-9][A-Za-z0-9-]{0,39})$/, 'Write the FedRAMP package id as the marketplace shows it, e.g. F1603047866.')
    .default(''),
  fedrampAuthorizationType: z.union([z.enum(FEDRAMP_AUTHORIZATION_TYPES), z.literal('')], 'Choose an authorization type.').default(''),
  fedrampImpactLevel: z
    .union([z.enum(FEDRAMP_IMPACT_LEVELS), z.literal('')], 'Choose low, moderate or high.')
    .default('')
    .transform((v) => (v === '' ? null : v)),
  fedrampAuthorizedAt: z
    .union([z.iso.date('Enter the date of the authorization.'), z.literal('')], 'Enter the date of the authorization.')
    .default('')
    .transform((v) => (v === '' ? null : v)),
};

/** Corrects a report's description; `version` is the one the form was loaded with (a newer save wins). */
export const updateProviderReportSchema = z
  .object({ reportId: z.uuid(), version: rowVersion(), ...describedFields, ...fedrampFields })
  .superRefine(checkDates);
export type UpdateProviderReportInput = z.input<typeof updateProviderReportSchema>;

/** Controls to start and stop covering with one report. */
export const changeCoverageSchema = z.object({ reportId: z.uuid(), add: controlIds, remove: controlIds }).superRefine((c, ctx) => {
  if (c.add.length === 0 && c.remove.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['controlIds'], message: 'Tick or untick at least one control.' });
  }
  if (c.add.some((id) => c.remove.includes(id))) {
    ctx.addIssue({ code: 'custom', path: ['controlIds'], message: 'A control cannot be both added and removed.' });
  }
});
export type ChangeCoverageInput = z.input<typeof changeCoverageSchema>;

/**
 * Records a newer report or a bridge letter in place of an existing one, which moves its coverage
 * there. Without `controlIds` the new one covers exactly what the old one covered.
 */
export const supersedeProviderReportSchema = z
  .object({ ...recordedFields, supersedesId: z.uuid(), supersedesVersion: rowVersion(), controlIds: controlIds.optional() })
  .superRefine(checkDates);
export type SupersedeProviderReportInput = z.input<typeof supersedeProviderReportSchema>;
