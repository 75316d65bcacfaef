'use server';
import { orgAction } from '@/lib/action';
import { createSystem, setSystemArchived, updateSystem } from './systems.data';
import { archiveSystemSchema, createSystemSchema, updateSystemSchema } from './systems.schema';

export const createSystemAction = orgAction(createSystemSchema, createSystem);
export const updateSystemAction = orgAction(updateSystemSchema, updateSystem);
export const archiveSystemAction = orgAction(archiveSystemSchema, setSystemArchived);
