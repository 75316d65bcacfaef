import 'server-only';
import { randomUUID } from 'node:crypto';
import { bulkStatements, prisma, type Tx } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client.ts';
import { AppError } from '@/lib/errors';
import { assertCan, type OrgContext } from '@/lib/auth/permissions';
import { importTimeoutMs } from '@/lib/config';
import { audited } from '@/features/audit/audit.data';
import { readOscalCatalogPaced, type CatalogRequirement, type ParsedCatalog } from './oscal';

export const NAMED_BY_CONTROL = 'Named by the control (NIST SP 800-53 id)';
const OSCAL_SOURCES = ['oscal-catalog', 'oscal-profile'];
/** Rows per INSERT during an import: a handful of statements for NIST's 1,189, with progress between them. */
const IMPORT_CHUNK = 250;
const KIND_WORDS: Record<string, string> = { 'oscal-catalog': 'a catalog', 'oscal-profile': 'a baseline (resolved profile)' };
const frameworkSelect = { id: true, name: true, version: true, source: true } as const;

/**
 * Inserts or updates requirements by (framework, id) in set-based statements, keeping the ids
 * of those that exist so their mappings stay. Rows come parents first.
 */
export async function upsertRequirements(
  tx: Tx,
  orgId: string,
  frameworkId: string,
  rows: CatalogRequirement[],
  onProgress?: (done: number, total: number) => void,
) {
  const existing = new Map(
    (await tx.requirement.findMany({ where: { frameworkId, orgId }, select: { id: true, externalId: true } })).map((r) => [
      r.externalId,
      r.id,
    ]),
  );
  const idOf = new Map(rows.map((r) => [r.externalId, existing.get(r.externalId) ?? randomUUID()]));
  // Large parameters (a chunk's JSON): sent on the transaction's own connection, not through
  // Prisma, which keeps the last statements' parameters and grows its compiler's memory.
  const bulk = await bulkStatements(tx);
  for (let start = 0; start < rows.length; start += IMPORT_CHUNK) {
    // Each row's JSON, with its parameters and parts (already JSON text) spliced in as they are.
    const chunk = rows.slice(start, start + IMPORT_CHUNK).map((r) => {
      const fields = JSON.stringify({
        id: idOf.get(r.externalId),
        parentId: r.parentExternalId ? (idOf.get(r.parentExternalId) ?? existing.get(r.parentExternalId)) : null,
        externalId: r.externalId,
        label: r.label,
        title: r.title,
        kind: r.kind,
        statement: r.statement,
        classes: r.classes,
        withdrawn: r.withdrawn,
        sortOrder: r.sortOrder,
        tailoring: r.tailoring ?? [],
        links: r.links ?? [],
        depth: r.depth,
      });
      return `${fields.slice(0, -1)},"params":${r.paramsJson ?? '[]'},"parts":${r.partsJson ?? '[]'}}`;
    });
    await bulk(Prisma.sql`INSERT INTO "Requirement" ("id", "orgId", "frameworkId", "parentId", "externalId", "label", "title", "kind", "statement", "classes", "withdrawn", "sortOrder",
        "params", "parts", "tailoring", "links", "depth")
      SELECT r."id", ${orgId}::uuid, ${frameworkId}::uuid, r."parentId", r."externalId", r."label", r."title", r."kind", r."statement", r."classes", r."withdrawn", r."sortOrder",
        r."params", r."parts", r."tailoring", r."links", r."depth"
      FROM jsonb_to_recordset(${`[${chunk.join(',')}]`}::jsonb) AS r(
        "id" uuid, "parentId" uuid, "externalId" text, "label" text, "title" text, "kind" text,
        "statement" text, "classes" text, "withdrawn" boolean, "sortOrder" integer,
        "params" jsonb, "parts" jsonb, "tailoring" text[], "links" jsonb, "depth" integer)
      ON CONFLICT ("frameworkId", "externalId") DO UPDATE SET
        "parentId" = EXCLUDED."parentId", "label" = EXCLUDED."label", "title" = EXCLUDED."title", "kind" = EXCLUDED."kind",
        "statement" = EXCLUDED."statement", "classes" = EXCLUDED."classes", "withdrawn" = EXCLUDED."withdrawn",
        "sortOrder" = EXCLUDED."sortOrder", "params" = EXCLUDED."params", "parts" = EXCLUDED."parts",
        "tailoring" = EXCLUDED."tailoring", "links" = EXCLUDED."links", "depth" = EXCLUDED."depth"`);
    onProgress?.(Math.min(start + IMPORT_CHUNK, rows.length), rows.length);
  }
  const created = rows.filter((r) => !existing.has(r.externalId)).length;
  return { created, updated: rows.length - created, before: existing };
}

/**
 * Maps every control that names a NIST SP 800-53 id (Control.nistIds) to the requirement with
 * that id in the framework just imported. Existing mappings are left as they are, so running it
 * again adds nothing. Each named id is looked up on the framework's unique (framework, id) index:
 * joined instead, the planner, which has no statistics yet for requirements written in this very
 * transaction, compared every control with every requirement (10,000 controls and a catalog of
 * 19,000 requirements: minutes).
 */
export async function linkNamedControls(tx: Tx, orgId: string, frameworkId: string): Promise<number> {
  return tx.$executeRaw`
    INSERT INTO "ControlRequirement" ("controlId", "requirementId", "orgId", "rationale")
    SELECT named."controlId", named."requirementId", ${orgId}::uuid, ${NAMED_BY_CONTROL}
    FROM (
      SELECT c."id" AS "controlId", (
        SELECT r."id" FROM "Requirement" r
        WHERE r."frameworkId" = ${frameworkId}::uuid AND r."externalId" = n."externalId" AND r."orgId" = c."orgId"
          AND r."kind" <> 'group' AND NOT r."withdrawn"
      ) AS "requirementId"
      FROM "Control" c CROSS JOIN LATERAL unnest(c."nistIds") AS n("externalId")
      WHERE c."orgId" = ${orgId}::uuid
    ) AS named
    WHERE named."requirementId" IS NOT NULL
    ON CONFLICT DO NOTHING`;
}

export type ImportOptions = {
  via: 'upload' | 'cli';
  fileName?: string;
  /** Import as a baseline even if the document does not say it is a resolved profile. */
  baseline?: boolean;
  /**
   * Accept that a re-import changes the framework's kind (catalog ↔ baseline). Without it such a
   * re-import is refused, so a baseline never silently becomes a catalog.
   */
  confirmKindChange?: boolean;
  onProgress?: (done: number, total: number) => void;
};

/**
 * Imports a parsed OSCAL catalog in one transaction. The catalog's title names the framework:
 * importing it again updates that framework in place (ids and mappings kept; requirements the
 * new file lacks are marked withdrawn), a baseline has its own title and so its own framework.
 * Then the controls that name its ids are linked. One audit event records the import.
 */
export async function importCatalog(ctx: OrgContext, catalog: ParsedCatalog, options: ImportOptions) {
  assertCan(ctx, 'controls.edit');
  const source = catalog.baseline || options.baseline ? 'oscal-profile' : 'oscal-catalog';
  return audited(
    ctx,
    async (tx, record) => {
      // Two imports of the same file at once would both decide to create the framework.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`frameworks:${ctx.orgId}`}, 0))`;
      const existing = await tx.framework.findFirst({
        where: { orgId: ctx.orgId, externalId: catalog.title, source: { in: OSCAL_SOURCES } },
        select: { id: true, source: true },
      });
      const kindChanged = existing && existing.source !== source ? { from: existing.source, to: source } : null;
      if (kindChanged && !options.confirmKindChange) {
        throw new AppError(
          'CONFLICT',
          `“${catalog.title}” was imported as ${KIND_WORDS[kindChanged.from]}, and this file reads as ${KIND_WORDS[kindChanged.to]}. ` +
            'Nothing was imported. To change its kind, import again with “Allow this import to change the framework’s kind” ticked (--change-kind from the command line)' +
            (source === 'oscal-catalog' ? '; to keep it a baseline, import it as a baseline.' : '.'),
        );
      }
      const clash = await tx.framework.count({ where: { orgId: ctx.orgId, name: catalog.title, id: { not: existing?.id } } });
      if (clash) {
        throw new AppError(
          'CONFLICT',
          `A framework named “${catalog.title}” already exists and was not imported from this catalog. Rename it, then import again.`,
        );
      }
      const description =
        source === 'oscal-profile' ? 'Imported from an OSCAL resolved-profile catalog (a baseline).' : 'Imported from an OSCAL catalog.';
      const framework = existing
        ? await tx.framework.update({
            where: { id: existing.id },
            data: { version: catalog.version, source, ...(kindChanged ? { description } : {}) },
            select: frameworkSelect,
          })
        : await tx.framework.create({
            data: { orgId: ctx.orgId, name: catalog.title, version: catalog.version, source, externalId: catalog.title, description },
            select: frameworkSelect,
          });
      const { created, updated, before } = await upsertRequirements(tx, ctx.orgId, framework.id, catalog.requirements, options.onProgress);
      const inFile = new Set(catalog.requirements.map((r) => r.externalId));
      const gone = [...before.keys()].filter((id) => !inFile.has(id));
      // Gone from the file, but mappings to them are history worth keeping. The ids travel as one
      // JSON parameter: a list of thousands costs the query planner nothing.
      const markedWithdrawn = gone.length
        ? await tx.$executeRaw`
          UPDATE "Requirement" SET "withdrawn" = true
          WHERE "frameworkId" = ${framework.id}::uuid AND "orgId" = ${ctx.orgId}::uuid AND NOT "withdrawn"
            AND "externalId" IN (SELECT jsonb_array_elements_text(${JSON.stringify(gone)}::jsonb))`
        : 0;
      const linked = await linkNamedControls(tx, ctx.orgId, framework.id);
      const summary = { created, updated, markedWithdrawn, linked, total: catalog.requirements.length };
      record({
        action: 'framework.imported',
        entityType: 'Framework',
        entityId: framework.id,
        after: {
          name: framework.name,
          version: framework.version,
          source,
          via: options.via,
          fileName: options.fileName ?? null,
          ...summary,
          ...(kindChanged ? { kindChangedFrom: kindChanged.from } : {}),
        },
      });
      if (kindChanged) {
        record({
          action: 'framework.kind-changed',
          entityType: 'Framework',
          entityId: framework.id,
          before: { source: kindChanged.from },
          after: { source: kindChanged.to, via: options.via, fileName: options.fileName ?? null },
        });
      }
      return { framework, ...summary };
    },
    { timeout: importTimeoutMs(catalog.requirements.length) },
  );
}

/** A named file's text (the command line, the benchmark's generator, tests): validated (see oscal.ts), then imported. */
export async function importOscalText(ctx: OrgContext, text: string | Uint8Array, options: ImportOptions & { schemaDir?: string }) {
  return importOscalUpload(ctx, async () => text, options);
}

/**
 * An upload: `body` reads its bytes, which are validated a part at a time with pauses (see
 * oscal.ts) and let go before the transaction starts, so a 50 MB file is not held while its
 * requirements are written. The caller's role is checked before the body is read.
 */
export async function importOscalUpload(
  ctx: OrgContext,
  body: () => Promise<string | Uint8Array>,
  options: ImportOptions & { schemaDir?: string },
) {
  assertCan(ctx, 'controls.edit');
  const catalog = await readUpload(body, options.schemaDir);
  return { ...(await importCatalog(ctx, catalog, options)), validation: catalog.validation };
}

// Its own function, so that no suspended frame of the import keeps the bytes once they are read.
async function readUpload(body: () => Promise<string | Uint8Array>, schemaDir?: string) {
  return readOscalCatalogPaced(await body(), schemaDir);
}

/** For the command line: the organization's first owner acts (and is recorded) for the import. */
export async function cliOrgContext(orgSlug: string): Promise<OrgContext> {
  const owner = await prisma.membership.findFirst({
    where: { org: { slug: orgSlug }, role: 'OWNER', disabledAt: null },
    orderBy: { createdAt: 'asc' },
    select: { userId: true, orgId: true, role: true },
  });
  if (!owner) throw new AppError('NOT_FOUND', `There is no organization “${orgSlug}” with an active owner.`);
  return { ...owner, orgSlug };
}
