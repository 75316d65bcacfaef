'use server';
import { ANY_MEMBER, orgAction } from '@/lib/action';
import { saveRegisterColumns } from './register-columns.data';
import { saveRegisterColumnsSchema } from './register-columns.schema';
import { createControl, deleteServiceLine, saveCustomersPart, saveServiceLine, setControlArchived, updateControl } from './controls.data';
import {
  archiveControlSchema,
  createControlSchema,
  deleteServiceLineSchema,
  saveCustomersPartSchema,
  saveServiceLineSchema,
  updateControlSchema,
} from './controls.schema';

export const createControlAction = orgAction(
  { name: 'createControl', permission: 'controls.edit', schema: createControlSchema, once: true },
  createControl,
);
export const updateControlAction = orgAction(
  { name: 'updateControl', permission: 'controls.edit', schema: updateControlSchema },
  updateControl,
);
export const archiveControlAction = orgAction(
  { name: 'archiveControl', permission: 'controls.edit', schema: archiveControlSchema },
  setControlArchived,
);
export const saveServiceLineAction = orgAction(
  { name: 'saveServiceLine', permission: 'controls.edit', schema: saveServiceLineSchema },
  saveServiceLine,
);
export const deleteServiceLineAction = orgAction(
  { name: 'deleteServiceLine', permission: 'controls.edit', schema: deleteServiceLineSchema },
  deleteServiceLine,
);
export const saveCustomersPartAction = orgAction(
  { name: 'saveCustomersPart', permission: 'implementations.edit', schema: saveCustomersPartSchema },
  saveCustomersPart,
);
// Any member chooses their own register columns (stored for them alone).
export const saveRegisterColumnsAction = orgAction(
  { name: 'saveRegisterColumns', permission: ANY_MEMBER, schema: saveRegisterColumnsSchema },
  saveRegisterColumns,
);
