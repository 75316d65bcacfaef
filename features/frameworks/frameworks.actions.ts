'use server';
import { ANY_MEMBER, orgAction } from '@/lib/action';
import { createFramework, createRequirement, importRequirementsCsv, mapControl, searchRequirements, unmapControl } from './frameworks.data';
import {
  createFrameworkSchema,
  createRequirementSchema,
  importRequirementsCsvSchema,
  mapControlSchema,
  searchRequirementsSchema,
  unmapControlSchema,
} from './frameworks.schema';

export const createFrameworkAction = orgAction(
  { name: 'createFramework', permission: 'controls.edit', schema: createFrameworkSchema, once: true },
  createFramework,
);
export const createRequirementAction = orgAction(
  { name: 'createRequirement', permission: 'controls.edit', schema: createRequirementSchema, once: true },
  createRequirement,
);
export const importRequirementsCsvAction = orgAction(
  { name: 'importRequirementsCsv', permission: 'controls.edit', schema: importRequirementsCsvSchema },
  importRequirementsCsv,
);
export const mapControlAction = orgAction({ name: 'mapControl', permission: 'controls.edit', schema: mapControlSchema }, mapControl);
export const unmapControlAction = orgAction(
  { name: 'unmapControl', permission: 'controls.edit', schema: unmapControlSchema },
  unmapControl,
);

/** The requirement picker's search: a read, so unlike the changes above it revalidates nothing. */
export const searchRequirementsAction = orgAction(
  { name: 'searchRequirements', permission: ANY_MEMBER, schema: searchRequirementsSchema, readOnly: true },
  searchRequirements,
);
