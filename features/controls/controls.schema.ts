import { z } from 'zod';
import { rowVersion } from '@/lib/schema';
import { inCatalogOrder, SERVICE_CODES, type ServiceCode } from '@/features/systems/service-catalog';
import { RESPONSIBILITY_TYPES } from './responsibility.policy';

export const CADENCES = ['MONTHLY', 'QUARTERLY', 'SEMI_ANNUAL', 'ANNUAL'] as const;
export const CADENCE_LABELS: Record<(typeof CADENCES)[number], string> = {
  MONTHLY: 'Monthly',
  QUARTERLY: 'Quarterly',
  SEMI_ANNUAL: 'Semi-annual',
  ANNUAL: 'Annual',
};

/** "SI-2, IA-2(1)" → ["si-2", "ia-2.1"]: the ids as NIST's OSCAL catalog writes them. */
export function parseNistIds(text: string): string[] {
  const ids = text
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((id) => id.toLowerCase().replace(/\((\d+)\)$/, '.$1'));
  return [...new Set(ids)];
}

/** ["si-2", "ia-2.1"] → "SI-2, IA-2(1)". */
export function formatNistIds(ids: readonly string[]): string {
  return ids.map((id) => id.toUpperCase().replace(/\.(\d+)$/, '($1)')).join(', ');
}

const NIST_ID = /^[a-z]{2}-\d{1,2}(\.\d{1,2})?$/;

const longText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max.toLocaleString('en')} characters.`);

export const controlFieldsSchema = z.object({
  code: z
    .string()
    .trim()
    .min(1, 'Enter a code.')
    .max(40, 'Use at most 40 characters.')
    .regex(/^[A-Za-z0-9][A-Za-z0-9._()/-]*$/, 'Use letters, digits, dots, dashes, slashes and parentheses, no spaces.'),
  title: z.string().trim().min(1, 'Enter a title.').max(200, 'Use at most 200 characters.'),
  description: longText(5000),
  family: z.string().trim().min(1, 'Enter a family, e.g. “Access control”.').max(100, 'Use at most 100 characters.'),
  defaultType: z.enum(RESPONSIBILITY_TYPES, 'Choose inherited, shared or customer.'),
  awsStatement: longText(5000),
  customerStatement: longText(5000),
  cadence: z.enum(CADENCES, 'Choose how often evidence is renewed.'),
  nistIds: z
    .string()
    .max(2000, 'Too many ids.')
    .transform(parseNistIds)
    .refine((ids) => ids.every((id) => NIST_ID.test(id)), 'Write NIST SP 800-53 ids like SI-2 or IA-2(1), separated by commas.'),
});

/** Service-bound: applies only to systems that use one of these (none ticked: every system). */
export const appliesToSchema = z
  .array(z.enum(SERVICE_CODES as [ServiceCode, ...ServiceCode[]], 'Choose services from the catalog.'))
  .max(SERVICE_CODES.length)
  .transform(inCatalogOrder);

/** The control form: its fields and the services it is bound to. */
export const controlFormSchema = controlFieldsSchema.extend({ appliesTo: appliesToSchema });

export const createControlSchema = controlFormSchema;
export type CreateControlInput = z.input<typeof createControlSchema>;

export const updateControlSchema = controlFormSchema.extend({ id: z.uuid(), version: rowVersion() });
export type UpdateControlInput = z.input<typeof updateControlSchema>;

export const archiveControlSchema = z.object({ id: z.uuid(), version: rowVersion(), archived: z.boolean() });
export type ArchiveControlInput = z.input<typeof archiveControlSchema>;

/** One service's line for a control; saving it bumps the control's version. */
export const saveServiceLineSchema = z
  .object({
    controlId: z.uuid(),
    controlVersion: rowVersion(),
    serviceCode: z.enum(SERVICE_CODES, 'Choose a service from the catalog.'),
    type: z.enum(RESPONSIBILITY_TYPES, 'Choose inherited, shared or customer.'),
    customerTask: z.string().trim().max(500, 'Use at most 500 characters.'),
    awsTask: z.string().trim().max(500, 'Use at most 500 characters.'),
  })
  .superRefine((line, ctx) => {
    if (line.type !== 'INHERITED' && !line.customerTask) {
      ctx.addIssue({ code: 'custom', path: ['customerTask'], message: 'Say what the customer must do on this service.' });
    }
    if (line.type === 'INHERITED' && !line.awsTask) {
      ctx.addIssue({ code: 'custom', path: ['awsTask'], message: 'Say what AWS does on this service.' });
    }
  });
export type SaveServiceLineInput = z.input<typeof saveServiceLineSchema>;

export const deleteServiceLineSchema = z.object({
  controlId: z.uuid(),
  controlVersion: rowVersion(),
  serviceCode: z.enum(SERVICE_CODES),
});
export type DeleteServiceLineInput = z.input<typeof deleteServiceLineSchema>;

// ── The team's customers' part of a control in one system ──────────────────────────────

export const CUSTOMERS_INHERIT = ['YES', 'PARTIAL', 'NO'] as const;
export type CustomersInherit = (typeof CUSTOMERS_INHERIT)[number];
export const CUSTOMERS_INHERIT_LABELS: Record<CustomersInherit | '', string> = {
  YES: 'Yes',
  PARTIAL: 'Partial',
  NO: 'No',
  '': 'Not said',
};

/**
 * What the team's own customers must do when they use the system, whether they can inherit the
 * control from it, and when a planned or partial customer half is to be complete. `version` is
 * the customer half's (0 when none is recorded yet).
 */
export const saveCustomersPartSchema = z.object({
  controlId: z.uuid(),
  systemId: z.uuid(),
  version: rowVersion(0),
  customersResponsibility: z.string().trim().max(5000, 'Use at most 5,000 characters.'),
  customersInherit: z
    .union([z.enum(CUSTOMERS_INHERIT), z.literal('')], 'Choose yes, partial, no or not said.')
    .transform((v) => (v === '' ? null : v)),
  plannedCompletionAt: z
    .union([z.iso.date('Enter a date, e.g. 2027-03-31.'), z.literal('')], 'Enter a date, e.g. 2027-03-31.')
    .transform((v) => (v === '' ? null : v)),
});
export type SaveCustomersPartInput = z.input<typeof saveCustomersPartSchema>;
