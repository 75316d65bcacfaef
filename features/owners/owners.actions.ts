'use server';
import { orgAction } from '@/lib/action';
import { bulkAssignOwner, saveImplementation } from './owners.data';
import { bulkAssignOwnerSchema, saveImplementationSchema } from './owners.schema';

export const saveImplementationAction = orgAction(
  { name: 'saveImplementation', permission: 'implementations.edit', schema: saveImplementationSchema },
  saveImplementation,
);
export const bulkAssignOwnerAction = orgAction(
  { name: 'bulkAssignOwner', permission: 'implementations.edit', schema: bulkAssignOwnerSchema },
  bulkAssignOwner,
);
