'use server';
import { orgAction } from '@/lib/action';
import { createSnapshot, signOffSnapshot } from './summaries.data';
import { createSnapshotSchema, signOffSnapshotSchema } from './summaries.schema';

export const createSnapshotAction = orgAction(
  { name: 'createSnapshot', permission: 'snapshots.create', schema: createSnapshotSchema, once: true },
  createSnapshot,
);
export const signOffSnapshotAction = orgAction(
  { name: 'signOffSnapshot', permission: 'snapshots.signoff', schema: signOffSnapshotSchema },
  signOffSnapshot,
);
