import 'server-only';
import { prisma, type Tx } from '@/lib/db';
import { assertCan, type OrgContext } from '@/lib/auth/permissions';
import { audited, IMPORT_TIMEOUT_MS } from '@/features/audit/audit.data';
import { lockCheckMappings } from '@/features/check-mappings/check-mappings.data';
import { AWS_STARTER_LIBRARY, AWS_STARTER_LIBRARY_NAME } from './aws-starter-library';
import { AWS_STARTER_CHECK_MAPPINGS, retiredStarterCheckMappings, starterCheckMappings } from './aws-starter-check-mappings';

/** How much of the starter library the organization already has, by control code. */
export async function starterLibraryStatus(ctx: OrgContext) {
  const codesWithMappings = [...new Set([...Object.keys(AWS_STARTER_CHECK_MAPPINGS), ...retiredStarterCheckMappings().map((m) => m.code)])];
  const starterControls = { orgId: ctx.orgId, control: { code: { in: codesWithMappings } } };
  const [controls, mapped, dismissed] = await Promise.all([
    prisma.control.findMany({ where: { orgId: ctx.orgId, code: { in: AWS_STARTER_LIBRARY.map((c) => c.code) } }, select: { code: true } }),
    prisma.checkMapping.findMany({ where: starterControls, select: { checkId: true, control: { select: { code: true } } } }),
    prisma.checkMappingDismissal.findMany({ where: starterControls, select: { checkId: true, control: { select: { code: true } } } }),
  ]);
  // Shipped mappings missing on starter controls the organization has, and not removed by it:
  // loading again adds them.
  const codes = new Set(controls.map((c) => c.code));
  const have = new Set([...mapped, ...dismissed].map((m) => `${m.control.code} ${m.checkId}`));
  const checkMappingsMissing = starterCheckMappings().filter((m) => codes.has(m.code) && !have.has(`${m.code} ${m.checkId}`)).length;
  // Retired pairs still in the table: loading again removes them.
  const present = new Set(mapped.map((m) => `${m.control.code} ${m.checkId}`));
  const checkMappingsRetired = retiredStarterCheckMappings().filter((m) => present.has(`${m.code} ${m.checkId}`)).length;
  return {
    name: AWS_STARTER_LIBRARY_NAME,
    total: AWS_STARTER_LIBRARY.length,
    present: controls.length,
    checkMappingsMissing,
    checkMappingsRetired,
  };
}

/**
 * Adds the starter library's controls, with their service lines, that the organization does
 * not have yet (by code), and the shipped check → control mappings missing on the starter
 * controls it has; removes the retired ones it still has. Loading it again changes nothing;
 * edited controls are left alone.
 */
export async function loadStarterLibrary(ctx: OrgContext) {
  assertCan(ctx, 'library.load');
  return audited(
    ctx,
    async (tx, record) => {
      // Serialises two clicks at once: both would otherwise see the same codes missing.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`library:${ctx.orgId}`}, 0))`;
      // And against removals of check mappings committed meanwhile (they must stay removed).
      await lockCheckMappings(tx, ctx.orgId);
      const existing = new Set(
        (
          await tx.control.findMany({
            where: { orgId: ctx.orgId, code: { in: AWS_STARTER_LIBRARY.map((c) => c.code) } },
            select: { code: true },
          })
        ).map((c) => c.code),
      );
      const missing = AWS_STARTER_LIBRARY.filter((template) => !existing.has(template.code));
      // Bulk writes: one insert for the controls, one for their service lines (the events go in one step too).
      const created = await tx.control.createManyAndReturn({
        data: missing.map(({ services: _services, appliesTo = [], ...template }) => ({ ...template, appliesTo, orgId: ctx.orgId })),
        select: { id: true, code: true },
      });
      const idOf = new Map(created.map((c) => [c.code, c.id]));
      await tx.serviceResponsibility.createMany({
        data: missing.flatMap((template) =>
          template.services.map((line) => ({
            controlId: idOf.get(template.code)!,
            serviceCode: line.service,
            type: line.type,
            customerTask: line.customerTask ?? '',
            awsTask: line.awsTask ?? '',
          })),
        ),
      });
      for (const template of missing) {
        record({ action: 'control.created', entityType: 'Control', entityId: idOf.get(template.code)!, after: template });
      }
      const checkMappings = await addStarterCheckMappings(tx, ctx);
      for (const mapping of checkMappings) {
        record({
          action: 'check-mapping.created',
          entityType: 'CheckMapping',
          entityId: mapping.id,
          after: { checkId: mapping.checkId, control: mapping.code, library: AWS_STARTER_LIBRARY_NAME },
        });
      }
      const retired = await removeRetiredCheckMappings(tx, ctx);
      for (const mapping of retired) {
        record({
          action: 'check-mapping.deleted',
          entityType: 'CheckMapping',
          entityId: mapping.id,
          before: { checkId: mapping.checkId, control: mapping.code },
          after: { reason: `no longer shipped by ${AWS_STARTER_LIBRARY_NAME}` },
        });
      }
      record({
        action: 'library.loaded',
        entityType: 'Organization',
        entityId: ctx.orgId,
        after: {
          library: AWS_STARTER_LIBRARY_NAME,
          added: missing.map((c) => c.code),
          alreadyPresent: existing.size,
          checkMappingsAdded: checkMappings.length,
          checkMappingsRemoved: retired.length,
        },
      });
      return {
        added: missing.length,
        alreadyPresent: existing.size,
        checkMappingsAdded: checkMappings.length,
        checkMappingsRemoved: retired.length,
      };
    },
    { timeout: IMPORT_TIMEOUT_MS },
  );
}

/**
 * The shipped check → control mappings not yet in the organization's table, for the starter
 * controls it has (by code, archived or not), except those it removed: inserted in one
 * statement, existing pairs skipped.
 */
async function addStarterCheckMappings(tx: Tx, ctx: OrgContext) {
  const shipped = starterCheckMappings();
  const [controls, dismissed] = await Promise.all([
    tx.control.findMany({
      where: { orgId: ctx.orgId, code: { in: [...new Set(shipped.map((m) => m.code))] } },
      select: { id: true, code: true },
    }),
    tx.checkMappingDismissal.findMany({ where: { orgId: ctx.orgId }, select: { checkId: true, controlId: true } }),
  ]);
  const idOf = new Map(controls.map((c) => [c.code, c.id]));
  const codeOf = new Map(controls.map((c) => [c.id, c.code]));
  const removed = new Set(dismissed.map((d) => `${d.controlId} ${d.checkId}`));
  const wanted = shipped.flatMap(({ checkId, code }) => {
    const controlId = idOf.get(code);
    return controlId && !removed.has(`${controlId} ${checkId}`) ? [{ orgId: ctx.orgId, checkId, controlId }] : [];
  });
  const created = await tx.checkMapping.createManyAndReturn({
    data: wanted,
    skipDuplicates: true,
    select: { id: true, checkId: true, controlId: true },
  });
  return created.map((m) => ({ id: m.id, checkId: m.checkId, code: codeOf.get(m.controlId)! }));
}

/** Removes the retired shipped pairs (RETIRED_STARTER_CHECK_MAPPINGS) the organization still has. */
async function removeRetiredCheckMappings(tx: Tx, ctx: OrgContext) {
  const retired = retiredStarterCheckMappings();
  if (retired.length === 0) return [];
  const rows = await tx.checkMapping.findMany({
    where: { orgId: ctx.orgId, checkId: { in: retired.map((m) => m.checkId) }, control: { code: { in: retired.map((m) => m.code) } } },
    select: { id: true, checkId: true, control: { select: { code: true } } },
  });
  const pairs = new Set(retired.map((m) => `${m.code} ${m.checkId}`));
  const gone = rows.filter((r) => pairs.has(`${r.control.code} ${r.checkId}`));
  await tx.checkMapping.deleteMany({ where: { orgId: ctx.orgId, id: { in: gone.map((r) => r.id) } } });
  return gone.map((r) => ({ id: r.id, checkId: r.checkId, code: r.control.code }));
}
