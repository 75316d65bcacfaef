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

export const createLinkEvidenceAction = orgAction(createLinkEvidenceSchema, createLinkEvidence);
export const createNoteEvidenceAction = orgAction(createNoteEvidenceSchema, createNoteEvidence);
export const addLinkVersionAction = orgAction(addLinkVersionSchema, addLinkVersion);
export const addNoteVersionAction = orgAction(addNoteVersionSchema, addNoteVersion);
export const submitEvidenceAction = orgAction(submitEvidenceSchema, submitEvidence);
export const reviewEvidenceAction = orgAction(reviewEvidenceSchema, reviewEvidence);
export const addCommentAction = orgAction(addCommentSchema, addComment);
