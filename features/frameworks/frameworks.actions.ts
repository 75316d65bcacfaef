'use server';
import type { z } from 'zod';
import { orgAction, parseInput, runAction } from '@/lib/action';
import { requireOrgContext } from '@/lib/auth/context';
import { createFramework, createRequirement, importRequirementsCsv, mapControl, searchRequirements, unmapControl } from './frameworks.data';
import {
  createFrameworkSchema,
  createRequirementSchema,
  importRequirementsCsvSchema,
  mapControlSchema,
  searchRequirementsSchema,
  unmapControlSchema,
} from './frameworks.schema';

export const createFrameworkAction = orgAction(createFrameworkSchema, createFramework);
export const createRequirementAction = orgAction(createRequirementSchema, createRequirement);
export const importRequirementsCsvAction = orgAction(importRequirementsCsvSchema, importRequirementsCsv);
export const mapControlAction = orgAction(mapControlSchema, mapControl);
export const unmapControlAction = orgAction(unmapControlSchema, unmapControl);

/** The requirement picker's search: a read, so unlike the changes above it revalidates nothing. */
export async function searchRequirementsAction(orgSlug: string, input: z.input<typeof searchRequirementsSchema>) {
  return runAction(async () => searchRequirements(await requireOrgContext(orgSlug), await parseInput(searchRequirementsSchema, input)));
}
