'use server';
import { orgAction } from '@/lib/action';
import { coverControls, createProviderReport } from './reports.data';
import { coverControlsSchema, createProviderReportSchema } from './reports.schema';

export const createProviderReportAction = orgAction(createProviderReportSchema, createProviderReport);
export const coverControlsAction = orgAction(coverControlsSchema, coverControls);
