'use server';
import { orgAction } from '@/lib/action';
import { resetParameterValue, setParameterValue } from './parameters.data';
import { resetParameterValueSchema, setParameterValueSchema } from './parameters.schema';

export const setParameterValueAction = orgAction(
  { name: 'setParameterValue', permission: 'systems.edit', schema: setParameterValueSchema },
  setParameterValue,
);
export const resetParameterValueAction = orgAction(
  { name: 'resetParameterValue', permission: 'systems.edit', schema: resetParameterValueSchema },
  resetParameterValue,
);
