'use server';
import { orgAction } from '@/lib/action';
import { acceptRisk, revokeRiskAcceptance } from './check-failures.data';
import { acceptRiskSchema, revokeRiskAcceptanceSchema } from './check-failures.schema';

export const acceptRiskAction = orgAction({ name: 'acceptRisk', permission: 'risks.accept', schema: acceptRiskSchema }, acceptRisk);
export const revokeRiskAcceptanceAction = orgAction(
  { name: 'revokeRiskAcceptance', permission: 'risks.accept', schema: revokeRiskAcceptanceSchema },
  revokeRiskAcceptance,
);
