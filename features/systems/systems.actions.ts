'use server';
import { orgAction } from '@/lib/action';
import { createSystem, setSystemArchived, updateSystem } from './systems.data';
import { archiveSystemSchema, createSystemSchema, updateSystemSchema } from './systems.schema';

export const createSystemAction = orgAction(
  { name: 'createSystem', permission: 'systems.edit', schema: createSystemSchema, once: true },
  createSystem,
);
export const updateSystemAction = orgAction({ name: 'updateSystem', permission: 'systems.edit', schema: updateSystemSchema }, updateSystem);
export const archiveSystemAction = orgAction(
  { name: 'archiveSystem', permission: 'systems.edit', schema: archiveSystemSchema },
  setSystemArchived,
);
