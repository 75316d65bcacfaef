import 'server-only';
import { prisma } from '@/lib/db';
import type { OrgContext } from '@/lib/auth/permissions';
import { loadRegister } from '@/features/controls/controls.data';
import { sortRegister } from '@/features/controls/register.policy';
import { getSystem } from '@/features/systems/systems.data';
import { buildSystemControlsCsv, cisCrmCsv, cisCrmRow, exportFileName, systemControlsRow, type ExportControl } from './cis-crm.policy';

/**
 * A system of the caller's organization (NOT_FOUND otherwise) and its active controls by code,
 * each with its register row, its statements and service lines for the system, and the
 * customer half's narrative and its owner's email: what the CIS/CRM worksheet, the SSP and the
 * controls CSV read.
 */
export async function loadExportControls(ctx: OrgContext, systemId: string, today = new Date()) {
  const system = await getSystem(ctx, systemId);
  const register = sortRegister(await loadRegister(ctx, system, { today }), 'code', 'asc');
  const details = await prisma.control.findMany({
    where: { orgId: ctx.orgId, id: { in: register.map((r) => r.id) } },
    select: {
      id: true,
      nistIds: true,
      awsStatement: true,
      customerStatement: true,
      serviceLines: {
        where: { serviceCode: { in: system.services } },
        select: { serviceCode: true, type: true, customerTask: true, awsTask: true },
        orderBy: { serviceCode: 'asc' },
      },
      implementations: {
        where: { systemId: system.id, orgId: ctx.orgId },
        select: { narrative: true, owner: { select: { user: { select: { email: true } } } } },
      },
    },
  });
  const byId = new Map(details.map((d) => [d.id, d]));
  const controls: ExportControl[] = register.flatMap((row) => {
    const detail = byId.get(row.id);
    if (!detail) return [];
    const { serviceLines, implementations, ...statements } = detail;
    return [
      {
        row,
        statements: { ...statements, lines: serviceLines },
        narrative: implementations[0]?.narrative ?? '',
        ownerEmail: implementations[0]?.owner?.user.email ?? null,
      },
    ];
  });
  return { system, controls };
}

/** The system's FedRAMP-style CIS/CRM worksheet as CSV, with a file name for the download. */
export async function cisCrmWorksheet(ctx: OrgContext, systemId: string, now = new Date()) {
  const { system, controls } = await loadExportControls(ctx, systemId, now);
  return {
    fileName: exportFileName(system.name, 'cis-crm', 'csv', now),
    csv: cisCrmCsv(controls.map(({ row, statements }) => cisCrmRow(row, statements))),
  };
}

/**
 * The system's controls as the register derives them, in words: NIST ids, owner and email, the
 * effective type and why, applicability, both halves, the overall status, evidence validity per
 * half and the next review.
 */
export async function systemControlsCsv(ctx: OrgContext, systemId: string, now = new Date()) {
  const { system, controls } = await loadExportControls(ctx, systemId, now);
  return {
    fileName: exportFileName(system.name, 'controls', 'csv', now),
    csv: buildSystemControlsCsv(controls.map(systemControlsRow)),
  };
}
