import 'server-only';
import type { z } from 'zod';
import { loadRegister } from '@/features/controls/controls.data';
import type { RegisterRow } from '@/features/controls/register.policy';
import { createLinkEvidence, createNoteEvidence } from '@/features/evidence/evidence.data';
import { createLinkEvidenceSchema, createNoteEvidenceSchema } from '@/features/evidence/evidence.schema';
import { getSummary } from '@/features/summaries/summaries.data';
import { getSystem, listSystems } from '@/features/systems/systems.data';
import { parseInput } from '@/lib/action';
import type { OrgContext } from '@/lib/auth/permissions';
import { assertUuid } from '@/lib/db';
import type { evidenceBodySchema, pageQuerySchema } from './api.schema';

// What /api/v1 answers, read with the very data functions the pages use (never recomputed).

type Page = z.output<typeof pageQuerySchema>;

function paginate<T>(all: T[], { page, limit }: Page) {
  const start = (page - 1) * limit;
  return { items: all.slice(start, start + limit), pageInfo: { page, limit, total: all.length, hasMore: start + limit < all.length } };
}

/** The systems page's list (active systems, by name), one page of it. */
export async function apiSystems(ctx: OrgContext, query: Page) {
  const systems = await listSystems(ctx);
  return paginate(
    systems.map((s) => ({
      id: s.id,
      name: s.name,
      description: s.description,
      regions: s.regions,
      services: s.services,
      archivedAt: s.archivedAt,
    })),
    query,
  );
}

/** One register row as the API shows it: the derived state as loadRegister gave it. */
export function apiControl(row: RegisterRow) {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    family: row.family,
    cadence: row.cadence,
    appliesTo: row.appliesTo,
    responsibility: { defaultType: row.defaultType, effectiveType: row.effective.type },
    applicability: row.state.applicability,
    status: row.state.status,
    satisfied: row.state.satisfied,
    awsHalf: row.state.aws,
    customerHalf: row.state.customer
      ? {
          status: row.state.customer.status,
          owner: row.implementation?.ownerName ?? null,
          nextReviewAt: row.implementation?.nextReviewAt ?? null,
        }
      : null,
    freshness: row.freshness,
    failingResources: row.state.failing,
  };
}

/** The register of one system (the controls page's rows, by code), one page of it. */
export async function apiSystemControls(ctx: OrgContext, systemId: string, query: Page) {
  const system = await getSystem(ctx, systemId);
  const register = await loadRegister(ctx, { id: system.id, services: system.services });
  register.sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }) || a.id.localeCompare(b.id));
  return { system: { id: system.id, name: system.name }, ...paginate(register.map(apiControl), query) };
}

/** The summary page's figures. */
export async function apiSystemSummary(ctx: OrgContext, systemId: string, frameworkId?: string) {
  return getSummary(ctx, systemId, frameworkId);
}

/**
 * A new link or note evidence item for one control, checked by the evidence form's own schema
 * and created by the evidence data functions (which check the control is the organization's).
 */
export async function apiAddEvidence(ctx: OrgContext, controlId: string, body: z.output<typeof evidenceBodySchema>) {
  assertUuid(controlId, 'control');
  const common = {
    title: body.title,
    description: body.description ?? '',
    systemId: body.systemId ?? '',
    controlIds: [controlId],
    effectiveAt: body.effectiveAt,
    source: body.source ?? '',
    periodStart: body.periodStart ?? '',
    periodEnd: body.periodEnd ?? '',
    notes: body.notes ?? '',
  };
  const created =
    body.kind === 'link'
      ? await createLinkEvidence(ctx, await parseInput(createLinkEvidenceSchema, { ...common, url: body.url }))
      : await createNoteEvidence(ctx, await parseInput(createNoteEvidenceSchema, { ...common, note: body.note }));
  return { id: created.id, controlId };
}
