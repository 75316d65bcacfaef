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

export const createProviderReportAction = orgAction(
  { name: 'createProviderReport', permission: 'reports.manage', schema: createProviderReportSchema, once: true },
  createProviderReport,
);
export const updateProviderReportAction = orgAction(
  { name: 'updateProviderReport', permission: 'reports.manage', schema: updateProviderReportSchema },
  updateProviderReport,
);
export const changeCoverageAction = orgAction(
  { name: 'changeCoverage', permission: 'reports.manage', schema: changeCoverageSchema },
  changeCoverage,
);
export const supersedeProviderReportAction = orgAction(
  { name: 'supersedeProviderReport', permission: 'reports.manage', schema: supersedeProviderReportSchema, once: true },
  supersedeProviderReport,
);
