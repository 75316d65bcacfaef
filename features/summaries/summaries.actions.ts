'use server';
import { orgAction } from '@/lib/action';
import { createSnapshot, signOffSnapshot } from './summaries.data';
import { createSnapshotSchema, signOffSnapshotSchema } from './summaries.schema';

export const createSnapshotAction = orgAction(createSnapshotSchema, createSnapshot);
export const signOffSnapshotAction = orgAction(signOffSnapshotSchema, signOffSnapshot);
