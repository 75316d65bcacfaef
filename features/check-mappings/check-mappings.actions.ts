'use server';
import { orgAction } from '@/lib/action';
import { createCheckMapping, deleteCheckMapping } from './check-mappings.data';
import { createCheckMappingSchema, deleteCheckMappingSchema } from './check-mappings.schema';

export const createCheckMappingAction = orgAction(
  { name: 'createCheckMapping', permission: 'controls.edit', schema: createCheckMappingSchema },
  createCheckMapping,
);
export const deleteCheckMappingAction = orgAction(
  { name: 'deleteCheckMapping', permission: 'controls.edit', schema: deleteCheckMappingSchema },
  deleteCheckMapping,
);
