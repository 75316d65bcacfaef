'use server';
import { orgAction } from '@/lib/action';
import { changeCoverage, supersedeProviderReport } from './report-coverage.data';
import { createProviderReport, updateProviderReport } from './reports.data';
import {
  changeCoverageSchema,
  createProviderReportSchema,
  supersedeProviderReportSchema,
  updateProviderReportSchema,
} from './reports.schema';

export const createProviderReportAction = orgAction(createProviderReportSchema, createProviderReport);
export const updateProviderReportAction = orgAction(updateProviderReportSchema, updateProviderReport);
export const changeCoverageAction = orgAction(changeCoverageSchema, changeCoverage);
export const supersedeProviderReportAction = orgAction(supersedeProviderReportSchema, supersedeProviderReport);
