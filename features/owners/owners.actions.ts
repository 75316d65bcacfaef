'use server';
import { orgAction } from '@/lib/action';
import { bulkAssignOwner, saveImplementation } from './owners.data';
import { bulkAssignOwnerSchema, saveImplementationSchema } from './owners.schema';

export const saveImplementationAction = orgAction(saveImplementationSchema, saveImplementation);
export const bulkAssignOwnerAction = orgAction(bulkAssignOwnerSchema, bulkAssignOwner);
