'use server';
import { orgAction } from '@/lib/action';
import {
  addComment,
  addLinkVersion,
  addNoteVersion,
  createLinkEvidence,
  createNoteEvidence,
  reviewEvidence,
  submitEvidence,
} from './evidence.data';
import {
  addCommentSchema,
  addLinkVersionSchema,
  addNoteVersionSchema,
  createLinkEvidenceSchema,
  createNoteEvidenceSchema,
  reviewEvidenceSchema,
  submitEvidenceSchema,
} from './evidence.schema';

export const createLinkEvidenceAction = orgAction(
  { name: 'createLinkEvidence', permission: 'evidence.upload', schema: createLinkEvidenceSchema, once: true },
  createLinkEvidence,
);
export const createNoteEvidenceAction = orgAction(
  { name: 'createNoteEvidence', permission: 'evidence.upload', schema: createNoteEvidenceSchema, once: true },
  createNoteEvidence,
);
export const addLinkVersionAction = orgAction(
  { name: 'addLinkVersion', permission: 'evidence.upload', schema: addLinkVersionSchema, once: true },
  addLinkVersion,
);
export const addNoteVersionAction = orgAction(
  { name: 'addNoteVersion', permission: 'evidence.upload', schema: addNoteVersionSchema, once: true },
  addNoteVersion,
);
export const submitEvidenceAction = orgAction(
  { name: 'submitEvidence', permission: 'evidence.upload', schema: submitEvidenceSchema },
  submitEvidence,
);
export const reviewEvidenceAction = orgAction(
  { name: 'reviewEvidence', permission: 'evidence.review', schema: reviewEvidenceSchema },
  reviewEvidence,
);
export const addCommentAction = orgAction(
  { name: 'addComment', permission: 'evidence.comment', schema: addCommentSchema, once: true },
  addComment,
);
