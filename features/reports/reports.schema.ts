import { z } from 'zod';

export const ARTIFACT_REPORT_ID = /^report-[A-Za-z0-9]{16}$/;

const date = (message: string) => z.iso.date(message);

/** A reference to an AWS Artifact report: its identity, period and who retrieved it under which terms. */
export const createProviderReportSchema = z
  .object({
    title: z.string().trim().min(1, 'Enter the report title, e.g. “SOC 2 Type 2”.').max(200, 'Use at most 200 characters.'),
    artifactReportId: z
      .string()
      .trim()
      .regex(ARTIFACT_REPORT_ID, 'An AWS Artifact report id is “report-” followed by 16 letters or digits.'),
    reportVersion: z.string().trim().max(50, 'Use at most 50 characters.'),
    series: z.string().trim().max(100, 'Use at most 100 characters.'),
    category: z.string().trim().max(100, 'Use at most 100 characters.'),
    periodStart: date('Enter the first day of the period the report covers.'),
    periodEnd: date('Enter the last day of the period the report covers.'),
    retrievedAt: date('Enter the date the report was downloaded from AWS Artifact.'),
    termsAcceptedAt: date('Enter the date the Artifact terms were accepted.'),
    controlIds: z.array(z.uuid()).max(5000),
  })
  .superRefine((r, ctx) => {
    if (r.periodEnd < r.periodStart) ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'The period ends before it starts.' });
    if (r.termsAcceptedAt > r.retrievedAt) {
      ctx.addIssue({ code: 'custom', path: ['termsAcceptedAt'], message: 'The terms must be accepted before the report is retrieved.' });
    }
  });
export type CreateProviderReportInput = z.input<typeof createProviderReportSchema>;

export const coverControlsSchema = z.object({
  evidenceId: z.uuid(),
  controlIds: z.array(z.uuid()).min(1, 'Select at least one control.').max(5000),
});
export type CoverControlsInput = z.input<typeof coverControlsSchema>;
