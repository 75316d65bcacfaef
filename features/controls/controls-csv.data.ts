import 'server-only';
import { prisma, type Tx } from '@/lib/db';
import { assertCan, ROLE_LABELS, type OrgContext } from '@/lib/auth/permissions';
import { audited, IMPORT_TIMEOUT_MS } from '@/features/audit/audit.data';
import { ownerCandidatesByEmail } from '@/features/owners/owners.data';
import { OWNER_ROLE_REFUSAL } from '@/features/owners/owners.policy';
import { loadEvidenceDates } from '@/features/evidence/evidence.data';
import { statesFrom } from '@/features/evidence/freshness';
import { effectiveResponsibility } from './responsibility.policy';
import {
  buildControlsCsv,
  CsvRowsError,
  parseControlsCsv,
  type ControlExport,
  type ControlImportRow,
  type CsvProblem,
} from './controls-csv';

const fieldSelect = {
  title: true,
  description: true,
  family: true,
  defaultType: true,
  awsStatement: true,
  customerStatement: true,
  cadence: true,
  nistIds: true,
} as const;
const FIELDS = Object.keys(fieldSelect) as (keyof typeof fieldSelect)[];
export const IMPORTED_MAPPING = 'Imported from CSV';

/**
 * Every active control as CSV: its fields, the services it is bound to, its mappings, and per
 * active system its owner, effective type and derived status.
 */
export async function exportControlsCsv(ctx: OrgContext, today = new Date()): Promise<string> {
  const active = { orgId: ctx.orgId, archivedAt: null };
  // No registers: flat queries, the type from the lines, the state from the records and one grouped evidence-dates query.
  const [systems, controls, mappings, members, implementations] = await Promise.all([
    prisma.system.findMany({
      where: active,
      select: { id: true, name: true, services: { select: { serviceCode: true } } },
      orderBy: { name: 'asc' },
    }),
    prisma.control.findMany({
      where: active,
      select: {
        id: true,
        code: true,
        ...fieldSelect,
        appliesTo: true,
        serviceLines: { select: { serviceCode: true, type: true, customerTask: true, awsTask: true } },
      },
      orderBy: { code: 'asc' },
    }),
    prisma.controlRequirement.findMany({
      where: { orgId: ctx.orgId },
      select: { controlId: true, requirement: { select: { externalId: true, sortOrder: true, framework: { select: { name: true } } } } },
    }),
    prisma.membership.findMany({ where: { orgId: ctx.orgId }, select: { userId: true, user: { select: { email: true } } } }),
    prisma.controlImplementation.findMany({
      where: { orgId: ctx.orgId, system: { archivedAt: null } },
      select: { controlId: true, systemId: true, status: true, justification: true, ownerId: true },
    }),
  ]);
  const dates = await loadEvidenceDates(
    ctx,
    systems.map((s) => s.id),
  );
  const servicesOf = new Map(systems.map((s) => [s.id, new Set(s.services.map((x) => x.serviceCode))]));
  const implOf = new Map(implementations.map((i) => [`${i.controlId}:${i.systemId}`, i]));
  const emailOf = new Map(members.map((m) => [m.userId, m.user.email]));
  const mappingsOf = new Map<string, typeof mappings>();
  for (const m of mappings) (mappingsOf.get(m.controlId) ?? mappingsOf.set(m.controlId, []).get(m.controlId)!).push(m);
  const rows: ControlExport[] = controls.map(({ id, serviceLines, appliesTo, ...fields }) => {
    const inSystems = systems.map((s) => {
      const services = servicesOf.get(s.id)!;
      const impl = implOf.get(`${id}:${s.id}`);
      return {
        name: s.name,
        ownerEmail: (impl?.ownerId && emailOf.get(impl.ownerId)) || '',
        pair: {
          controlId: id,
          systemId: s.id,
          type: effectiveResponsibility(fields.defaultType, serviceLines, services).type,
          cadence: fields.cadence,
          appliesTo,
          systemServices: services,
          implementation: impl ?? null,
        },
      };
    });
    const states = statesFrom(
      dates,
      inSystems.map((s) => s.pair),
      today,
    );
    return {
      fields,
      appliesTo,
      mappings: (mappingsOf.get(id) ?? [])
        .sort(
          (a, b) =>
            a.requirement.framework.name.localeCompare(b.requirement.framework.name) || a.requirement.sortOrder - b.requirement.sortOrder,
        )
        .map((m) => ({ framework: m.requirement.framework.name, requirementId: m.requirement.externalId })),
      systems: new Map(inSystems.map((s, i) => [s.name, { ownerEmail: s.ownerEmail, type: s.pair.type, state: states[i]!.state }])),
    };
  });
  return buildControlsCsv(
    systems.map((s) => s.name),
    rows,
  );
}

type ExistingControl = { id: string; archivedAt: Date | null; appliesTo: string[] } & Record<(typeof FIELDS)[number], unknown>;

type Resolved = {
  systems: Map<string, string>;
  owners: Awaited<ReturnType<typeof ownerCandidatesByEmail>>;
  existing: Map<string, ExistingControl>;
  requirements: Map<string, string>;
};

/** Looks up what the file names (systems, members, controls, requirements) in this organization, and lists what is missing. */
async function resolve(tx: Tx, ctx: OrgContext, systemNames: string[], rows: ControlImportRow[]): Promise<Resolved> {
  const emails = [...new Set(rows.flatMap((r) => [...r.owners.values()]))];
  const mapped = rows.flatMap((r) => r.mappings ?? []);
  const systems = await tx.system.findMany({
    where: { orgId: ctx.orgId, archivedAt: null, name: { in: systemNames } },
    select: { id: true, name: true },
  });
  const owners = await ownerCandidatesByEmail(tx, ctx, emails);
  const existing = await tx.control.findMany({
    where: { orgId: ctx.orgId, code: { in: rows.map((r) => r.fields.code) } },
    select: { id: true, code: true, archivedAt: true, appliesTo: true, ...fieldSelect },
  });
  const requirements = await tx.requirement.findMany({
    where: {
      orgId: ctx.orgId,
      kind: { not: 'group' },
      framework: { name: { in: [...new Set(mapped.map((m) => m.framework))] } },
      externalId: { in: [...new Set(mapped.map((m) => m.requirementId))] },
    },
    select: { id: true, externalId: true, framework: { select: { name: true } } },
  });
  return {
    systems: new Map(systems.map((s) => [s.name, s.id])),
    owners,
    existing: new Map(existing.map(({ code, ...c }) => [code, c])),
    requirements: new Map(requirements.map((r) => [`${r.framework.name}|${r.externalId}`, r.id])),
  };
}

function problemsOf(systemNames: string[], rows: ControlImportRow[], found: Resolved): CsvProblem[] {
  const problems: CsvProblem[] = systemNames
    .filter((name) => !found.systems.has(name))
    .map((name) => ({ row: 1, column: `owner:${name}`, message: `There is no active system named “${name}”.` }));
  for (const row of rows) {
    if (found.existing.get(row.fields.code)?.archivedAt) {
      problems.push({ row: row.row, column: 'code', message: `${row.fields.code} is archived. Restore it before importing over it.` });
    }
    for (const [system, email] of row.owners) {
      if (!found.systems.has(system)) continue;
      const owner = found.owners.get(email);
      if (!owner) {
        problems.push({ row: row.row, column: `owner:${system}`, message: `${email} is not an active member of this organization.` });
      } else if (!owner.canOwn) {
        const message = `${email} has the ${ROLE_LABELS[owner.role]} role. ${OWNER_ROLE_REFUSAL}`;
        problems.push({ row: row.row, column: `owner:${system}`, message });
      }
    }
    for (const m of row.mappings ?? []) {
      if (!found.requirements.has(`${m.framework}|${m.requirementId}`)) {
        problems.push({
          row: row.row,
          column: 'mappings',
          message: `“${m.framework}” has no requirement “${m.requirementId}” (or there is no such framework).`,
        });
      }
    }
  }
  return problems;
}

const sameValue = (a: unknown, b: unknown) => (Array.isArray(a) && Array.isArray(b) ? a.join('\n') === b.join('\n') : a === b);

/** The fields a row changes on an existing control; the services it is bound to only when the file has that column. */
function changedFields(before: ExistingControl, row: ControlImportRow): string[] {
  const fields: string[] = FIELDS.filter((f) => !sameValue(before[f], row.fields[f]));
  if (row.appliesTo !== null && !sameValue(before.appliesTo, row.appliesTo)) fields.push('appliesTo');
  return fields;
}

/**
 * Creates controls or updates them by code (the services they are bound to too, when the file
 * has an applies_to column), sets owners by email and replaces mappings by requirement id (when
 * the file has a mappings column), in one transaction: a file with any problem changes nothing.
 * One audit event records the import.
 */
export async function importControlsCsv(ctx: OrgContext, text: string) {
  assertCan(ctx, 'controls.edit');
  assertCan(ctx, 'implementations.edit');
  const { systemNames, rows } = parseControlsCsv(text);
  return audited(
    ctx,
    async (tx, record) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`controls-import:${ctx.orgId}`}, 0))`;
      const found = await resolve(tx, ctx, systemNames, rows);
      const problems = problemsOf(systemNames, rows, found);
      if (problems.length) throw new CsvRowsError(problems);

      const fresh = rows.filter((r) => !found.existing.has(r.fields.code));
      const created = await tx.control.createManyAndReturn({
        data: fresh.map((r) => ({ ...r.fields, appliesTo: r.appliesTo ?? [], orgId: ctx.orgId })),
        select: { id: true, code: true },
      });
      const idOf = new Map([
        ...created.map((c) => [c.code, c.id] as const),
        ...[...found.existing].map(([code, c]) => [code, c.id] as const),
      ]);

      const changed = rows.flatMap((r) => {
        const before = found.existing.get(r.fields.code);
        const fields = before ? changedFields(before, r) : [];
        return fields.length ? [{ row: r, fields }] : [];
      });
      if (changed.length) {
        await tx.$executeRaw`
        UPDATE "Control" AS c SET
          "title" = r."title", "description" = r."description", "family" = r."family",
          "defaultType" = r."defaultType"::"ResponsibilityType", "awsStatement" = r."awsStatement",
          "customerStatement" = r."customerStatement", "cadence" = r."cadence"::"EvidenceCadence", "nistIds" = r."nistIds",
          "appliesTo" = COALESCE(r."appliesTo", c."appliesTo"), "version" = c."version" + 1, "updatedAt" = now()
        FROM jsonb_to_recordset(${JSON.stringify(
          changed.map(({ row }) => ({ id: idOf.get(row.fields.code), ...row.fields, appliesTo: row.appliesTo })),
        )}::jsonb) AS r(
          "id" uuid, "title" text, "description" text, "family" text, "defaultType" text, "awsStatement" text,
          "customerStatement" text, "cadence" text, "nistIds" text[], "appliesTo" text[])
        WHERE c."id" = r."id" AND c."orgId" = ${ctx.orgId}::uuid`;
      }

      const owners = rows.flatMap((r) =>
        [...r.owners].map(([system, email]) => ({
          controlId: idOf.get(r.fields.code),
          systemId: found.systems.get(system),
          ownerId: found.owners.get(email)?.userId,
        })),
      );
      // A new record starts as not started (the schema default): setting an owner never sets a status.
      const ownersSet = owners.length
        ? await tx.$executeRaw`
          INSERT INTO "ControlImplementation" ("id", "orgId", "controlId", "systemId", "ownerId", "updatedAt")
          SELECT gen_random_uuid(), ${ctx.orgId}::uuid, r."controlId", r."systemId", r."ownerId", now()
          FROM jsonb_to_recordset(${JSON.stringify(owners)}::jsonb) AS r("controlId" uuid, "systemId" uuid, "ownerId" uuid)
          ON CONFLICT ("controlId", "systemId") DO UPDATE SET
            "ownerId" = EXCLUDED."ownerId", "version" = "ControlImplementation"."version" + 1, "updatedAt" = now()
          WHERE "ControlImplementation"."ownerId" IS DISTINCT FROM EXCLUDED."ownerId"`
        : 0;

      const { added, removed } = await replaceMappings(tx, ctx, rows, idOf, found.requirements);
      const summary = {
        created: created.length,
        updated: changed.length,
        unchanged: rows.length - created.length - changed.length,
        ownersSet,
        mappingsAdded: added,
        mappingsRemoved: removed,
      };
      record({
        action: 'controls.imported',
        entityType: 'Organization',
        entityId: ctx.orgId,
        after: {
          via: 'csv',
          ...summary,
          createdCodes: created.map((c) => c.code),
          updatedFields: changed.map(({ row, fields }) => ({ code: row.fields.code, fields })),
        },
      });
      return summary;
    },
    { timeout: IMPORT_TIMEOUT_MS },
  );
}

/** Makes each listed control's mappings exactly the file's: set-based deletes and inserts. */
async function replaceMappings(
  tx: Tx,
  ctx: OrgContext,
  rows: ControlImportRow[],
  idOf: Map<string, string>,
  requirements: Map<string, string>,
) {
  const listed = rows.filter((r) => r.mappings !== null);
  if (!listed.length) return { added: 0, removed: 0 };
  const wanted = new Set(
    listed.flatMap((r) => r.mappings!.map((m) => `${idOf.get(r.fields.code)}|${requirements.get(`${m.framework}|${m.requirementId}`)}`)),
  );
  const current = await tx.controlRequirement.findMany({
    where: { orgId: ctx.orgId, controlId: { in: listed.map((r) => idOf.get(r.fields.code)!) } },
    select: { controlId: true, requirementId: true },
  });
  const have = new Set(current.map((m) => `${m.controlId}|${m.requirementId}`));
  const gone = current.filter((m) => !wanted.has(`${m.controlId}|${m.requirementId}`));
  if (gone.length) {
    await tx.$executeRaw`
      DELETE FROM "ControlRequirement" AS m
      USING jsonb_to_recordset(${JSON.stringify(gone)}::jsonb) AS r("controlId" uuid, "requirementId" uuid)
      WHERE m."controlId" = r."controlId" AND m."requirementId" = r."requirementId" AND m."orgId" = ${ctx.orgId}::uuid`;
  }
  const { count } = await tx.controlRequirement.createMany({
    data: [...wanted]
      .filter((key) => !have.has(key))
      .map((key) => {
        const [controlId, requirementId] = key.split('|') as [string, string];
        return { controlId, requirementId, orgId: ctx.orgId, rationale: IMPORTED_MAPPING };
      }),
  });
  return { added: count, removed: gone.length };
}
