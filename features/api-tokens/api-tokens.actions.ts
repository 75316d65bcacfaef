'use server';
import { orgAction } from '@/lib/action';
import { createApiToken, revokeApiToken } from './api-tokens.data';
import { createApiTokenSchema, revokeApiTokenSchema } from './api-tokens.schema';

// Creating a token is not a replayable create (no request id): the replayed answer would have
// to store the token, and only its hash may be stored. A double click makes two tokens with the
// same name, which the name's uniqueness refuses.
export const createApiTokenAction = orgAction(
  { name: 'createApiToken', permission: 'apiTokens.manage', schema: createApiTokenSchema },
  createApiToken,
);
export const revokeApiTokenAction = orgAction(
  { name: 'revokeApiToken', permission: 'apiTokens.manage', schema: revokeApiTokenSchema },
  revokeApiToken,
);
