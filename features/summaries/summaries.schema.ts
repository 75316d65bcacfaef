import { z } from 'zod';

export const createSnapshotSchema = z.object({ systemId: z.uuid(), frameworkId: z.union([z.literal(''), z.uuid()]).optional() });
export type CreateSnapshotInput = z.input<typeof createSnapshotSchema>;

export const signOffSnapshotSchema = z.object({
  snapshotId: z.uuid(),
  comment: z.string().trim().min(1, 'Say what you reviewed and on what basis you sign off.').max(2000, 'Use at most 2,000 characters.'),
});
export type SignOffSnapshotInput = z.input<typeof signOffSnapshotSchema>;
