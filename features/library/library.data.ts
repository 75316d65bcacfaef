import 'server-only';
import { prisma } from '@/lib/db';
import { assertCan, type OrgContext } from '@/lib/auth/permissions';
import { audited, IMPORT_TIMEOUT_MS } from '@/features/audit/audit.data';
import { AWS_STARTER_LIBRARY, AWS_STARTER_LIBRARY_NAME } from './aws-starter-library';

/** How much of the starter library the organization already has, by control code. */
export async function starterLibraryStatus(ctx: OrgContext) {
  const present = await prisma.control.count({
    where: { orgId: ctx.orgId, code: { in: AWS_STARTER_LIBRARY.map((c) => c.code) } },
  });
  return { name: AWS_STARTER_LIBRARY_NAME, total: AWS_STARTER_LIBRARY.length, present };
}

/**
 * Adds the starter library's controls, with their service lines, that the organization does
 * not have yet (by code). Loading it again adds nothing; edited controls are left alone.
 */
export async function loadStarterLibrary(ctx: OrgContext) {
  assertCan(ctx, 'library.load');
  return audited(
    ctx,
    async (tx, record) => {
      // Serialises two clicks at once: both would otherwise see the same codes missing.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`library:${ctx.orgId}`}, 0))`;
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
      record({
        action: 'library.loaded',
        entityType: 'Organization',
        entityId: ctx.orgId,
        after: { library: AWS_STARTER_LIBRARY_NAME, added: missing.map((c) => c.code), alreadyPresent: existing.size },
      });
      return { added: missing.length, alreadyPresent: existing.size };
    },
    { timeout: IMPORT_TIMEOUT_MS },
  );
}
