'use server';
import { orgAction } from '@/lib/action';
import { createControl, deleteServiceLine, saveServiceLine, setControlArchived, updateControl } from './controls.data';
import {
  archiveControlSchema,
  createControlSchema,
  deleteServiceLineSchema,
  saveServiceLineSchema,
  updateControlSchema,
} from './controls.schema';

export const createControlAction = orgAction(createControlSchema, createControl);
export const updateControlAction = orgAction(updateControlSchema, updateControl);
export const archiveControlAction = orgAction(archiveControlSchema, setControlArchived);
export const saveServiceLineAction = orgAction(saveServiceLineSchema, saveServiceLine);
export const deleteServiceLineAction = orgAction(deleteServiceLineSchema, deleteServiceLine);
