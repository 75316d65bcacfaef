import { z } from 'zod';
import { rowVersion } from '@/lib/schema';

const optionalDate = z.union([z.literal(''), z.iso.date('Enter a date.')]);
const today = () => new Date().toISOString().slice(0, 10);

/** Where a version came from and when it was true; the upload time is recorded separately. */
export const provenanceSchema = z
  .object({
    effectiveAt: z.iso.date('Enter the date the evidence was true.'),
    source: z.string().trim().max(500, 'Use at most 500 characters.'),
    periodStart: optionalDate,
    periodEnd: optionalDate,
    notes: z.string().trim().max(2000, 'Use at most 2,000 characters.'),
  })
  .superRefine((p, ctx) => {
    if (p.effectiveAt > today()) ctx.addIssue({ code: 'custom', path: ['effectiveAt'], message: 'Evidence cannot be true in the future.' });
    if (p.periodStart && p.periodEnd && p.periodEnd < p.periodStart) {
      ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'The period ends before it starts.' });
    }
  });

export const newEvidenceSchema = z.object({
  title: z.string().trim().min(1, 'Enter a title.').max(200, 'Use at most 200 characters.'),
  description: z.string().trim().max(2000, 'Use at most 2,000 characters.'),
  systemId: z.union([z.literal(''), z.uuid()]),
  controlIds: z.array(z.uuid()).min(1, 'Link the evidence to at least one control.').max(50, 'Link at most 50 controls.'),
});

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'Enter a web address starting with https:// or http://.' })
  .max(2000, 'Use at most 2,000 characters.');
const noteText = z.string().trim().min(1, 'Write the attestation.').max(20_000, 'Use at most 20,000 characters.');

/** The metadata of a file upload (sent beside the streamed bytes): a new item, or a new version of one. */
export const fileUploadSchema = z
  .intersection(
    provenanceSchema,
    z.object({
      fileName: z.string().trim().min(1, 'The file has no name.').max(255, 'The file name is too long.'),
      evidenceId: z.uuid().optional(),
      evidence: newEvidenceSchema.optional(),
    }),
  )
  .refine((u) => Boolean(u.evidenceId) !== Boolean(u.evidence), 'Name either the evidence to add a version to, or the new evidence.');
export type FileUploadInput = z.input<typeof fileUploadSchema>;

export const createLinkEvidenceSchema = z.intersection(newEvidenceSchema.extend({ url: httpUrl }), provenanceSchema);
export type CreateLinkEvidenceInput = z.input<typeof createLinkEvidenceSchema>;

export const createNoteEvidenceSchema = z.intersection(newEvidenceSchema.extend({ note: noteText }), provenanceSchema);
export type CreateNoteEvidenceInput = z.input<typeof createNoteEvidenceSchema>;

export const addLinkVersionSchema = z.intersection(z.object({ evidenceId: z.uuid(), url: httpUrl }), provenanceSchema);
export const addNoteVersionSchema = z.intersection(z.object({ evidenceId: z.uuid(), note: noteText }), provenanceSchema);
export type AddTextVersionInput = z.input<typeof addLinkVersionSchema> | z.input<typeof addNoteVersionSchema>;

export const submitEvidenceSchema = z.object({ evidenceId: z.uuid(), version: rowVersion() });

export const reviewEvidenceSchema = z
  .object({
    evidenceId: z.uuid(),
    version: rowVersion(),
    decision: z.enum(['ACCEPTED', 'REJECTED']),
    reason: z.string().trim().max(2000, 'Use at most 2,000 characters.'),
  })
  .refine((r) => r.decision === 'ACCEPTED' || r.reason.length > 0, { path: ['reason'], message: 'Say why the evidence is rejected.' });
export type ReviewEvidenceInput = z.input<typeof reviewEvidenceSchema>;

export const addCommentSchema = z.object({
  evidenceId: z.uuid(),
  body: z.string().trim().min(1, 'Write a comment.').max(5000, 'Use at most 5,000 characters.'),
});
export type AddCommentInput = z.input<typeof addCommentSchema>;
