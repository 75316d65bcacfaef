'use server';
import { orgAction } from '@/lib/action';
import { addSystemAwsAccount, removeSystemAwsAccount } from './aws-accounts.data';
import { createSystem, setSystemArchived, updateSystem, updateSystemCategorization } from './systems.data';
import {
  addAwsAccountSchema,
  archiveSystemSchema,
  createSystemSchema,
  removeAwsAccountSchema,
  systemCategorizationSchema,
  updateSystemSchema,
} from './systems.schema';

export const createSystemAction = orgAction(
  { name: 'createSystem', permission: 'systems.edit', schema: createSystemSchema, once: true },
  createSystem,
);
export const updateSystemAction = orgAction({ name: 'updateSystem', permission: 'systems.edit', schema: updateSystemSchema }, updateSystem);
export const archiveSystemAction = orgAction(
  { name: 'archiveSystem', permission: 'systems.edit', schema: archiveSystemSchema },
  setSystemArchived,
);
export const categorizeSystemAction = orgAction(
  { name: 'categorizeSystem', permission: 'systems.edit', schema: systemCategorizationSchema },
  updateSystemCategorization,
);
export const addSystemAwsAccountAction = orgAction(
  { name: 'addSystemAwsAccount', permission: 'systems.edit', schema: addAwsAccountSchema },
  addSystemAwsAccount,
);
export const removeSystemAwsAccountAction = orgAction(
  { name: 'removeSystemAwsAccount', permission: 'systems.edit', schema: removeAwsAccountSchema },
  removeSystemAwsAccount,
);
