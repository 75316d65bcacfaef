import 'server-only';
import { randomUUID } from 'node:crypto';
import { bulkStatements, prisma, type BulkStatement, type Tx } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client.ts';
import { assertCan, ROLE_LABELS, type OrgContext } from '@/lib/auth/permissions';
import { importTimeoutMs } from '@/lib/config';
import { audited } from '@/features/audit/audit.data';
import { ownerCandidatesByEmail } from '@/features/owners/owners.data';
import { OWNER_ROLE_REFUSAL } from '@/features/owners/owners.policy';
import { loadEvidenceDates } from '@/features/evidence/evidence.data';
import { statesFrom } from '@/features/evidence/freshness';
import { effectiveResponsibility } from './responsibility.policy';
import {
  buildControlsCsv,
  CsvConflictError,
  CsvRowsError,
  parseControlsCsv,
  staleRows,
  type ControlExport,
  type ControlImportRow,
  type CsvProblem,
  type CsvSource,
  type CustomersInheritValue,
  type RowConflict,
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
        version: true,
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
      select: {
        controlId: true,
        systemId: true,
        status: true,
        justification: true,
        ownerId: true,
        customersResponsibility: true,
        customersInherit: true,
      },
    }),
  ]);
  const dates = await loadEvidenceDates(
    ctx,
    systems.map((s) => s.id),
    null,
    prisma,
    today,
  );
  const servicesOf = new Map(systems.map((s) => [s.id, new Set(s.services.map((x) => x.serviceCode))]));
  const implOf = new Map(implementations.map((i) => [`${i.controlId}:${i.systemId}`, i]));
  const emailOf = new Map(members.map((m) => [m.userId, m.user.email]));
  const mappingsOf = new Map<string, typeof mappings>();
  for (const m of mappings) (mappingsOf.get(m.controlId) ?? mappingsOf.set(m.controlId, []).get(m.controlId)!).push(m);
  const rows: ControlExport[] = controls.map(({ id, serviceLines, appliesTo, version, ...fields }) => {
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
      version,
      appliesTo,
      mappings: (mappingsOf.get(id) ?? [])
        .sort(
          (a, b) =>
            a.requirement.framework.name.localeCompare(b.requirement.framework.name) || a.requirement.sortOrder - b.requirement.sortOrder,
        )
        .map((m) => ({ framework: m.requirement.framework.name, requirementId: m.requirement.externalId })),
      systems: new Map(
        inSystems.map((s, i) => [
          s.name,
          {
            ownerEmail: s.ownerEmail,
            type: s.pair.type,
            state: states[i]!.state,
            customersResponsibility: s.pair.implementation?.customersResponsibility ?? '',
            customersInherit: s.pair.implementation?.customersInherit ?? null,
          },
        ]),
      ),
    };
  });
  return buildControlsCsv(
    systems.map((s) => s.name),
    rows,
  );
}

type ExistingControl = { id: string; archivedAt: Date | null; appliesTo: string[]; version: number } & Record<
  (typeof FIELDS)[number],
  unknown
>;

type Resolved = {
  systems: Map<string, string>;
  owners: Awaited<ReturnType<typeof ownerCandidatesByEmail>>;
  existing: Map<string, ExistingControl>;
  requirements: Map<string, string>;
};

/** Rows per statement when an import writes: a few statements for 10,000 controls, each a few hundred KB of JSON. */
const BATCH = 1_000;
const batches = <T>(list: readonly T[]): T[][] =>
  Array.from({ length: Math.ceil(list.length / BATCH) }, (_, i) => list.slice(i * BATCH, (i + 1) * BATCH));
/** Lists travel as one JSON parameter: a statement's cost does not grow with the number of bound values. */
const json = (value: unknown) => JSON.stringify(value);
/** Reads by BATCH keys at a time, so no one answer is large enough to hold the thread while it is turned into objects. */
async function readInBatches<K, R>(keys: readonly K[], read: (batch: K[]) => Promise<R[]>): Promise<R[]> {
  const found: R[] = [];
  for (const batch of batches(keys)) found.push(...(await read(batch)));
  return found;
}

/**
 * Looks up what the file names (systems, members, controls, requirements) in this organization,
 * and locks the existing controls it names until the import ends, so their versions hold.
 */
async function resolve(tx: Tx, ctx: OrgContext, systemNames: string[], rows: ControlImportRow[]): Promise<Resolved> {
  const emails = [...new Set(rows.flatMap((r) => [...r.owners.values()]))];
  const mapped = new Map(rows.flatMap((r) => r.mappings ?? []).map((m) => [`${m.framework}|${m.requirementId}`, m]));
  const systems = await tx.system.findMany({
    where: { orgId: ctx.orgId, archivedAt: null, name: { in: systemNames } },
    select: { id: true, name: true },
  });
  const owners = await ownerCandidatesByEmail(tx, ctx, emails);
  const existing = await readInBatches(
    rows.map((r) => r.fields.code),
    (codes) => tx.$queryRaw<({ code: string } & ExistingControl)[]>`
      SELECT c."id", c."code", c."archivedAt", c."appliesTo", c."version", c."title", c."description", c."family",
        c."defaultType"::text AS "defaultType", c."awsStatement", c."customerStatement", c."cadence"::text AS "cadence", c."nistIds"
      FROM "Control" c JOIN jsonb_array_elements_text(${json(codes)}::jsonb) AS f("code") ON c."code" = f."code"
      WHERE c."orgId" = ${ctx.orgId}::uuid
      FOR UPDATE OF c`,
  );
  const requirements = mapped.size
    ? await tx.$queryRaw<{ id: string; key: string }[]>`
      SELECT r."id", f."name" || '|' || r."externalId" AS "key"
      FROM "Requirement" r JOIN "Framework" f ON f."id" = r."frameworkId" AND f."orgId" = r."orgId"
      JOIN jsonb_to_recordset(${json([...mapped.values()])}::jsonb) AS m("framework" text, "requirementId" text)
        ON m."framework" = f."name" AND m."requirementId" = r."externalId"
      WHERE r."orgId" = ${ctx.orgId}::uuid AND r."kind" <> 'group'`
    : [];
  return {
    systems: new Map(systems.map((s) => [s.name, s.id])),
    owners,
    existing: new Map(existing.map(({ code, ...c }) => [code, c])),
    requirements: new Map(requirements.map((r) => [r.key, r.id])),
  };
}

function problemsOf(systemColumns: Map<string, string>, rows: ControlImportRow[], found: Resolved): CsvProblem[] {
  const problems: CsvProblem[] = [...systemColumns.keys()]
    .filter((name) => !found.systems.has(name))
    .map((name) => ({ row: 1, column: systemColumns.get(name)!, message: `There is no active system named “${name}”.` }));
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

/** The current owner of each (control, system) pair of these controls, by "controlId:systemId". */
async function currentOwners(tx: Tx, ctx: OrgContext, controlIds: string[]): Promise<Map<string, string | null>> {
  const owners = await readInBatches(
    controlIds,
    (ids) => tx.$queryRaw<{ controlId: string; systemId: string; ownerId: string | null }[]>`
      SELECT i."controlId", i."systemId", i."ownerId" FROM "ControlImplementation" i
      JOIN jsonb_array_elements_text(${json(ids)}::jsonb) AS l("id") ON i."controlId" = l."id"::uuid
      WHERE i."orgId" = ${ctx.orgId}::uuid`,
  );
  return new Map(owners.map((o) => [`${o.controlId}:${o.systemId}`, o.ownerId]));
}

/** The requirement ids each of these controls is mapped to now. */
async function currentMappings(tx: Tx, ctx: OrgContext, controlIds: string[]): Promise<Map<string, Set<string>>> {
  const mappings = await readInBatches(
    controlIds,
    (ids) => tx.$queryRaw<{ controlId: string; requirementId: string }[]>`
      SELECT m."controlId", m."requirementId" FROM "ControlRequirement" m
      JOIN jsonb_array_elements_text(${json(ids)}::jsonb) AS l("id") ON m."controlId" = l."id"::uuid
      WHERE m."orgId" = ${ctx.orgId}::uuid`,
  );
  const of = new Map<string, Set<string>>(controlIds.map((id) => [id, new Set()]));
  for (const m of mappings) of.get(m.controlId)!.add(m.requirementId);
  return of;
}

type CustomersPartNow = { responsibility: string; inherit: CustomersInheritValue };

/** The team's customers' part of each (control, system) pair of these controls, by "controlId:systemId". */
async function currentCustomersParts(tx: Tx, ctx: OrgContext, controlIds: string[]): Promise<Map<string, CustomersPartNow>> {
  const parts = await readInBatches(
    controlIds,
    (ids) => tx.$queryRaw<{ controlId: string; systemId: string; responsibility: string; inherit: CustomersInheritValue }[]>`
      SELECT i."controlId", i."systemId", i."customersResponsibility" AS "responsibility", i."customersInherit"::text AS "inherit"
      FROM "ControlImplementation" i
      JOIN jsonb_array_elements_text(${json(ids)}::jsonb) AS l("id") ON i."controlId" = l."id"::uuid
      WHERE i."orgId" = ${ctx.orgId}::uuid`,
  );
  return new Map(parts.map((p) => [`${p.controlId}:${p.systemId}`, { responsibility: p.responsibility, inherit: p.inherit }]));
}

/** The pairs whose customers' part a row changes, with the values it leaves. */
function customersChanges(row: ControlImportRow, controlId: string, found: Resolved, now: Map<string, CustomersPartNow>) {
  return [...row.customers].flatMap(([system, part]) => {
    const systemId = found.systems.get(system)!;
    const before = now.get(`${controlId}:${systemId}`) ?? { responsibility: '', inherit: null };
    const after = {
      responsibility: part.responsibility ?? before.responsibility,
      inherit: part.inherit === undefined ? before.inherit : part.inherit,
    };
    return after.responsibility === before.responsibility && after.inherit === before.inherit ? [] : [{ controlId, systemId, ...after }];
  });
}

type Current = { owners: Map<string, string | null>; mappings: Map<string, Set<string>>; customers: Map<string, CustomersPartNow> };

/** The requirement ids a row maps its control to (when the file has a mappings column). */
const wantedRequirements = (row: ControlImportRow, found: Resolved) =>
  new Set((row.mappings ?? []).map((m) => found.requirements.get(`${m.framework}|${m.requirementId}`)!));

/** Whether importing a row over its existing control changes anything: a field, its services, an owner or its mappings. */
function changesControl(row: ControlImportRow, before: ExistingControl, found: Resolved, current: Current): boolean {
  if (changedFields(before, row).length) return true;
  for (const [system, email] of row.owners) {
    if (current.owners.get(`${before.id}:${found.systems.get(system)}`) !== found.owners.get(email)?.userId) return true;
  }
  if (customersChanges(row, before.id, found, current.customers).length) return true;
  if (row.mappings === null) return false;
  const now = current.mappings.get(before.id) ?? new Set();
  const wanted = wantedRequirements(row, found);
  return wanted.size !== now.size || [...wanted].some((id) => !now.has(id));
}

/**
 * The rows exported before their control's latest change that would change it, and so undo
 * that change. A row of an older version that changes nothing (the newer change was to what the
 * file does not carry, such as service lines) is no conflict.
 */
async function conflictsOf(tx: Tx, ctx: OrgContext, rows: ControlImportRow[], found: Resolved): Promise<RowConflict[]> {
  const stale = staleRows(rows, (code) => found.existing.get(code)?.version);
  if (!stale.length) return [];
  const byRow = new Map(rows.map((r) => [r.row, r]));
  const ids = stale.map((c) => found.existing.get(c.code)!.id);
  const current = {
    owners: await currentOwners(tx, ctx, ids),
    mappings: await currentMappings(tx, ctx, ids),
    customers: await currentCustomersParts(tx, ctx, ids),
  };
  return stale.filter((c) => changesControl(byRow.get(c.row)!, found.existing.get(c.code)!, found, current));
}

export type ImportControlsOptions = {
  /** Rows, by number, to write although their control changed in Demarc after the file was exported. */
  overwriteRows?: readonly number[];
};

/**
 * Creates controls or updates them by code (the services they are bound to too, when the file
 * has an applies_to column), sets owners by email and replaces mappings by requirement id (when
 * the file has a mappings column), in one transaction: a file with any problem changes nothing.
 * A row exported from an older version of its control than the database holds is a conflict,
 * and nothing is written until the user chooses to overwrite those rows (`overwriteRows`).
 * The file is read (and refused when too long or wrong) before the transaction starts; writes go
 * in set-based statements of BATCH rows. One audit event records the import.
 */
export async function importControlsCsv(ctx: OrgContext, source: CsvSource, options: ImportControlsOptions = {}) {
  assertCan(ctx, 'controls.edit');
  assertCan(ctx, 'implementations.edit');
  const { systemNames, rows, systemColumns } = await parseControlsCsv(source);
  const overwrite = new Set(options.overwriteRows ?? []);
  return audited(
    ctx,
    async (tx, record) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`controls-import:${ctx.orgId}`}, 0))`;
      const found = await resolve(tx, ctx, systemNames, rows);
      const problems = problemsOf(systemColumns, rows, found);
      if (problems.length) throw new CsvRowsError(problems);
      const conflicts = await conflictsOf(tx, ctx, rows, found);
      const unresolved = conflicts.filter((c) => !overwrite.has(c.row));
      if (unresolved.length) throw new CsvConflictError(unresolved);

      // The writes' parameters are large: sent on the transaction's own connection (lib/db).
      const bulk = await bulkStatements(tx);
      const created = await createControls(
        bulk,
        ctx,
        rows.filter((r) => !found.existing.has(r.fields.code)),
      );
      const idOf = new Map([...created, ...[...found.existing].map(([code, c]) => [code, c.id] as const)]);
      const changed = rows.flatMap((r) => {
        const before = found.existing.get(r.fields.code);
        const fields = before ? changedFields(before, r) : [];
        return fields.length ? [{ row: r, fields }] : [];
      });
      await updateControls(bulk, ctx, changed, idOf);
      const ownersSet = await setOwners(bulk, ctx, rows, idOf, found);
      const customersPartsSet = await setCustomersParts(tx, bulk, ctx, rows, idOf, found);
      const { added, removed } = await replaceMappings(tx, bulk, ctx, rows, idOf, found);
      const summary = {
        created: created.size,
        updated: changed.length,
        unchanged: rows.length - created.size - changed.length,
        ownersSet,
        customersPartsSet,
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
          createdCodes: [...created.keys()],
          updatedFields: changed.map(({ row, fields }) => ({ code: row.fields.code, fields })),
          // The user chose to write these rows over newer changes.
          overwritten: conflicts,
        },
      });
      return summary;
    },
    { timeout: importTimeoutMs(rows.length) },
  );
}

/** New controls, in batches; their ids by code. */
async function createControls(bulk: BulkStatement, ctx: OrgContext, fresh: ControlImportRow[]): Promise<Map<string, string>> {
  const created = new Map(fresh.map((r) => [r.fields.code, randomUUID()]));
  for (const batch of batches(fresh)) {
    await bulk(Prisma.sql`INSERT INTO "Control" ("id", "orgId", "code", "title", "description", "family", "defaultType", "awsStatement",
        "customerStatement", "cadence", "nistIds", "appliesTo", "updatedAt")
      SELECT r."id", ${ctx.orgId}::uuid, r."code", r."title", r."description", r."family", r."defaultType"::"ResponsibilityType",
        r."awsStatement", r."customerStatement", r."cadence"::"EvidenceCadence", r."nistIds", r."appliesTo", now()
      FROM jsonb_to_recordset(${json(batch.map((r) => ({ id: created.get(r.fields.code), ...r.fields, appliesTo: r.appliesTo ?? [] })))}::jsonb) AS r(
        "id" uuid, "code" text, "title" text, "description" text, "family" text, "defaultType" text, "awsStatement" text,
        "customerStatement" text, "cadence" text, "nistIds" text[], "appliesTo" text[])`);
  }
  return created;
}

/** The changed fields of existing controls (and their services, when the file has that column), each to its next version. */
async function updateControls(bulk: BulkStatement, ctx: OrgContext, changed: { row: ControlImportRow }[], idOf: Map<string, string>) {
  for (const batch of batches(changed)) {
    await bulk(Prisma.sql`UPDATE "Control" AS c SET
        "title" = r."title", "description" = r."description", "family" = r."family",
        "defaultType" = r."defaultType"::"ResponsibilityType", "awsStatement" = r."awsStatement",
        "customerStatement" = r."customerStatement", "cadence" = r."cadence"::"EvidenceCadence", "nistIds" = r."nistIds",
        "appliesTo" = COALESCE(r."appliesTo", c."appliesTo"), "version" = c."version" + 1, "updatedAt" = now()
      FROM jsonb_to_recordset(${json(batch.map(({ row }) => ({ id: idOf.get(row.fields.code), ...row.fields, appliesTo: row.appliesTo })))}::jsonb) AS r(
        "id" uuid, "title" text, "description" text, "family" text, "defaultType" text, "awsStatement" text,
        "customerStatement" text, "cadence" text, "nistIds" text[], "appliesTo" text[])
      WHERE c."id" = r."id" AND c."orgId" = ${ctx.orgId}::uuid`);
  }
}

/** Owners by email, per system; the number of (control, system) pairs whose owner changed. */
async function setOwners(bulk: BulkStatement, ctx: OrgContext, rows: ControlImportRow[], idOf: Map<string, string>, found: Resolved) {
  const owners = rows.flatMap((r) =>
    [...r.owners].map(([system, email]) => ({
      controlId: idOf.get(r.fields.code),
      systemId: found.systems.get(system),
      ownerId: found.owners.get(email)?.userId,
    })),
  );
  let set = 0;
  for (const batch of batches(owners)) {
    // A new record starts as not started (the schema default): setting an owner never sets a status.
    set += await bulk(Prisma.sql`INSERT INTO "ControlImplementation" ("id", "orgId", "controlId", "systemId", "ownerId", "updatedAt")
      SELECT gen_random_uuid(), ${ctx.orgId}::uuid, r."controlId", r."systemId", r."ownerId", now()
      FROM jsonb_to_recordset(${json(batch)}::jsonb) AS r("controlId" uuid, "systemId" uuid, "ownerId" uuid)
      ON CONFLICT ("controlId", "systemId") DO UPDATE SET
        "ownerId" = EXCLUDED."ownerId", "version" = "ControlImplementation"."version" + 1, "updatedAt" = now()
      WHERE "ControlImplementation"."ownerId" IS DISTINCT FROM EXCLUDED."ownerId"`);
  }
  return set;
}

/**
 * The team's customers' part per system, for the columns the file has: the number of (control,
 * system) pairs it changed. A pair without a record gets one (not started, the schema default).
 */
async function setCustomersParts(
  tx: Tx,
  bulk: BulkStatement,
  ctx: OrgContext,
  rows: ControlImportRow[],
  idOf: Map<string, string>,
  found: Resolved,
) {
  const listed = rows.filter((r) => r.customers.size);
  if (!listed.length) return 0;
  const now = await currentCustomersParts(
    tx,
    ctx,
    listed.map((r) => idOf.get(r.fields.code)!),
  );
  const changes = listed.flatMap((r) => customersChanges(r, idOf.get(r.fields.code)!, found, now));
  for (const batch of batches(changes)) {
    await bulk(Prisma.sql`INSERT INTO "ControlImplementation" ("id", "orgId", "controlId", "systemId", "customersResponsibility", "customersInherit", "updatedAt")
      SELECT gen_random_uuid(), ${ctx.orgId}::uuid, r."controlId", r."systemId", r."responsibility", r."inherit"::"CustomerInheritance", now()
      FROM jsonb_to_recordset(${json(batch)}::jsonb) AS r("controlId" uuid, "systemId" uuid, "responsibility" text, "inherit" text)
      ON CONFLICT ("controlId", "systemId") DO UPDATE SET
        "customersResponsibility" = EXCLUDED."customersResponsibility", "customersInherit" = EXCLUDED."customersInherit",
        "version" = "ControlImplementation"."version" + 1, "updatedAt" = now()`);
  }
  return changes.length;
}

/** Makes each listed control's mappings exactly the file's: set-based deletes and inserts. */
async function replaceMappings(
  tx: Tx,
  bulk: BulkStatement,
  ctx: OrgContext,
  rows: ControlImportRow[],
  idOf: Map<string, string>,
  found: Resolved,
) {
  const listed = rows.filter((r) => r.mappings !== null);
  if (!listed.length) return { added: 0, removed: 0 };
  const current = await currentMappings(
    tx,
    ctx,
    listed.map((r) => idOf.get(r.fields.code)!),
  );
  const gone: { controlId: string; requirementId: string }[] = [];
  const fresh: { controlId: string; requirementId: string }[] = [];
  for (const r of listed) {
    const controlId = idOf.get(r.fields.code)!;
    const now = current.get(controlId)!;
    const wanted = wantedRequirements(r, found);
    for (const requirementId of now) if (!wanted.has(requirementId)) gone.push({ controlId, requirementId });
    for (const requirementId of wanted) if (!now.has(requirementId)) fresh.push({ controlId, requirementId });
  }
  for (const batch of batches(gone)) {
    await bulk(Prisma.sql`DELETE FROM "ControlRequirement" AS m
      USING jsonb_to_recordset(${json(batch)}::jsonb) AS r("controlId" uuid, "requirementId" uuid)
      WHERE m."controlId" = r."controlId" AND m."requirementId" = r."requirementId" AND m."orgId" = ${ctx.orgId}::uuid`);
  }
  for (const batch of batches(fresh)) {
    await bulk(Prisma.sql`INSERT INTO "ControlRequirement" ("controlId", "requirementId", "orgId", "rationale")
      SELECT r."controlId", r."requirementId", ${ctx.orgId}::uuid, ${IMPORTED_MAPPING}
      FROM jsonb_to_recordset(${json(batch)}::jsonb) AS r("controlId" uuid, "requirementId" uuid)`);
  }
  return { added: fresh.length, removed: gone.length };
}
