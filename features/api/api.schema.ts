import { z } from 'zod';
import type { ApiScope } from '@/features/api-tokens/api-tokens.schema';
import { FINDING_FORMATS } from '@/features/findings/findings.policy';

// The /api/v1 contract: every endpoint with its parameters, body and answer as zod schemas. The
// route handlers parse with these, and /api/v1/openapi.json is generated from them.

export const API_MAX_LIMIT = 200;
export const API_DEFAULT_LIMIT = 50;

export const pageQuerySchema = z.object({
  page: z.coerce.number('Give the page as a number.').int().min(1, 'Pages start at 1.').max(100_000).default(1),
  limit: z.coerce
    .number('Give the limit as a number.')
    .int()
    .min(1, 'Ask for at least 1 item.')
    .max(API_MAX_LIMIT, `Ask for at most ${API_MAX_LIMIT} items.`)
    .default(API_DEFAULT_LIMIT),
});

const pageInfo = z.object({
  page: z.int(),
  limit: z.int(),
  total: z.int(),
  hasMore: z.boolean(),
});

const timestamp = z.iso.datetime({ offset: true }).describe('ISO 8601 date and time');
const responsibilityType = z.enum(['INHERITED', 'SHARED', 'CUSTOMER']);
const freshness = z.enum(['MISSING', 'CURRENT', 'EXPIRING', 'EXPIRED']);
const halfFreshness = z.object({ state: freshness, validUntil: timestamp.nullable() });

export const systemSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  regions: z.array(z.string()),
  services: z.array(z.string()).describe('AWS service codes the system uses'),
  archivedAt: timestamp.nullable(),
});

export const systemsResponseSchema = z.object({ items: z.array(systemSchema), pageInfo });

export const controlSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  title: z.string(),
  family: z.string(),
  cadence: z.string().describe('How often the customer half needs fresh evidence'),
  appliesTo: z.array(z.string()).describe('Service codes the control is bound to (empty: every system)'),
  responsibility: z.object({ defaultType: responsibilityType, effectiveType: responsibilityType }),
  applicability: z.union([
    z.object({ applies: z.literal(true) }),
    z.object({ applies: z.literal(false), by: z.literal('service'), services: z.array(z.string()) }),
    z.object({ applies: z.literal(false), by: z.literal('owner'), justification: z.string() }),
  ]),
  status: z.enum(['NOT_STARTED', 'PLANNED', 'PARTIALLY_IMPLEMENTED', 'IMPLEMENTED', 'NOT_APPLICABLE']),
  satisfied: z.boolean().describe('Implemented, both halves, with evidence still valid'),
  awsHalf: z
    .object({
      state: z.enum(['IMPLEMENTED', 'NO_REPORT', 'REPORT_EXPIRED']),
      report: z.object({ title: z.string(), artifactReportId: z.string(), periodEnd: timestamp }).nullable(),
      validUntil: timestamp.nullable(),
    })
    .nullable(),
  customerHalf: z
    .object({
      status: z.enum(['NOT_STARTED', 'PLANNED', 'PARTIALLY_IMPLEMENTED', 'IMPLEMENTED']),
      owner: z.string().nullable(),
      nextReviewAt: timestamp.nullable(),
    })
    .nullable(),
  freshness: z.object({ aws: halfFreshness.nullable(), customer: halfFreshness.nullable(), overall: freshness }),
  failingResources: z
    .int()
    .describe(
      'Resources failing automated checks in this system: open, not suppressed, not under an accepted risk (the register\'s "Failing (n resources)")',
    ),
});

export const controlsResponseSchema = z.object({
  system: z.object({ id: z.uuid(), name: z.string() }),
  items: z.array(controlSchema),
  pageInfo,
});

const countsByType = z.object({ INHERITED: z.int(), SHARED: z.int(), CUSTOMER: z.int() });

export const summaryResponseSchema = z
  .looseObject({
    schemaVersion: z.literal(2),
    generatedAt: timestamp,
    organization: z.string(),
    system: z.object({ id: z.uuid(), name: z.string(), regions: z.array(z.string()), services: z.array(z.string()) }),
    framework: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    controls: z.looseObject({ total: z.int(), applicable: z.int(), notApplicable: z.int(), byType: countsByType }),
    owners: z.object({ customerHalves: z.int(), withOwner: z.int() }),
    evidence: z.object({ current: z.int(), expiring: z.int(), expired: z.int(), missing: z.int() }),
    reports: z.array(z.looseObject({})),
    frameworks: z.array(z.looseObject({})),
    gaps: z.array(z.looseObject({})),
    gapCount: z.int(),
    rows: z.array(z.looseObject({})),
  })
  .describe('The same figures as the system summary page');

export const summaryQuerySchema = z.object({ frameworkId: z.uuid('Give a framework id.').optional() });

/** A new link or note evidence item for one control. The server then checks it with the evidence form's own schemas. */
export const evidenceBodySchema = z.union([
  z.object({
    kind: z.literal('link'),
    title: z.string(),
    description: z.string().optional(),
    systemId: z.uuid().optional(),
    url: z.url(),
    effectiveAt: z.iso.date(),
    source: z.string().optional(),
    periodStart: z.iso.date().optional(),
    periodEnd: z.iso.date().optional(),
    notes: z.string().optional(),
  }),
  z.object({
    kind: z.literal('note'),
    title: z.string(),
    description: z.string().optional(),
    systemId: z.uuid().optional(),
    note: z.string(),
    effectiveAt: z.iso.date(),
    source: z.string().optional(),
    periodStart: z.iso.date().optional(),
    periodEnd: z.iso.date().optional(),
    notes: z.string().optional(),
  }),
]);

export const evidenceResponseSchema = z.object({ id: z.uuid().describe('The new evidence item'), controlId: z.uuid() });

export const findingsQuerySchema = z.object({
  fileName: z
    .string()
    .trim()
    .min(1, 'Give the file name, or leave it out.')
    .max(200, 'Use at most 200 characters for the file name.')
    .optional()
    .describe('The name the scan is listed under (default: findings.json)'),
  accountId: z
    .string()
    .regex(/^\d{12}$/, 'Give the AWS account id as its 12 digits.')
    .optional()
    .describe('For results that name no account (AWS Config): the account scanned'),
  region: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'Give a Region code such as eu-west-1.')
    .optional()
    .describe('For results that name no Region (AWS Config): the Region scanned'),
});

export const findingsResponseSchema = z
  .object({
    scanId: z.uuid(),
    duplicate: z.boolean().describe('The same file was ingested before: nothing changed, the first scan’s figures are returned'),
    format: z.enum(FINDING_FORMATS),
    findings: z.int(),
    mapped: z.int().describe('Findings put on at least one control of at least one system'),
    unmapped: z.int().describe('Findings that reached no control or no system (listed with the reason, never dropped)'),
    failed: z.int().describe('Failing checks, not counting the ones the tool suppressed'),
    resolved: z.int().describe('Open failures this scan found passing'),
    evidenceVersions: z.int().describe('Automated evidence versions written, one per control and system reached'),
  })
  .describe('What one ingest of a security tool’s results did');

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.string(),
  instance: z.string(),
  errors: z.record(z.string(), z.array(z.string())).optional().describe('Field errors, by field'),
});

export type ApiEndpoint = {
  method: 'GET' | 'POST';
  /** The OpenAPI path template. */
  path: string;
  operationId: string;
  summary: string;
  /** null: public (no token). */
  scope: ApiScope | null;
  pathParams?: Record<string, string>;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** A body that is a file, sent as its bytes (any content type), described in words. */
  fileBody?: string;
  response: z.ZodType;
  status?: number;
  /** Other successful answers with the same body, by status, described in words. */
  alsoAnswers?: Record<string, string>;
  /** Problems this endpoint can answer besides the ones every endpoint can, by status. */
  problems?: Record<string, string>;
};

export const API_ENDPOINTS = [
  {
    method: 'GET',
    path: '/api/v1/systems',
    operationId: 'listSystems',
    summary: 'The organization’s active systems, by name',
    scope: 'read',
    query: pageQuerySchema,
    response: systemsResponseSchema,
  },
  {
    method: 'GET',
    path: '/api/v1/systems/{systemId}/controls',
    operationId: 'listSystemControls',
    summary: 'Every control as seen from one system: derived status, applicability, both halves and freshness',
    scope: 'read',
    pathParams: { systemId: 'The system’s id' },
    query: pageQuerySchema,
    response: controlsResponseSchema,
  },
  {
    method: 'GET',
    path: '/api/v1/systems/{systemId}/summary',
    operationId: 'getSystemSummary',
    summary: 'The system’s compliance summary, as on its summary page',
    scope: 'read',
    pathParams: { systemId: 'The system’s id' },
    query: summaryQuerySchema,
    response: summaryResponseSchema,
  },
  {
    method: 'POST',
    path: '/api/v1/controls/{controlId}/evidence',
    operationId: 'addControlEvidence',
    summary: 'Adds a link or note evidence item to a control (file uploads are not offered by the API)',
    scope: 'evidence:write',
    pathParams: { controlId: 'The control’s id' },
    body: evidenceBodySchema,
    response: evidenceResponseSchema,
    status: 201,
  },
  {
    method: 'POST',
    path: '/api/v1/findings',
    operationId: 'ingestFindings',
    summary:
      'Ingests a security tool’s results file (Security Hub ASFF, AWS Config, Prowler JSON-OCSF or v3 JSON, OSCAL assessment results, IAM credential report) as automated evidence',
    scope: 'findings:write',
    query: findingsQuerySchema,
    fileBody: 'The results file itself, as the tool wrote it (streamed; any content type)',
    response: findingsResponseSchema,
    status: 201,
    alsoAnswers: { '200': 'The same file was ingested before (duplicate: true); nothing changed' },
    problems: { '413': 'The file is larger than the server takes (DEMARC_MAX_FINDINGS_MB, 512 MB by default)' },
  },
  {
    method: 'GET',
    path: '/api/v1/openapi.json',
    operationId: 'getOpenApi',
    summary: 'This document',
    scope: null,
    response: z.looseObject({ openapi: z.string() }),
  },
] as const satisfies readonly ApiEndpoint[];
