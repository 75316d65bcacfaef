import 'server-only';
import { prisma } from '@/lib/db';
import type { OrgContext } from '@/lib/auth/permissions';
import { loadRegister } from '@/features/controls/controls.data';
import { sortRegister } from '@/features/controls/register.policy';
import { getSystem } from '@/features/systems/systems.data';
import {
  aboutRows,
  baselineEntries,
  buildSystemControlsCsv,
  cisCrmSheets,
  cisCrmXlsx,
  cisCsv,
  crmCsv,
  exportFileName,
  nistIdEntries,
  systemControlsRow,
  type CisControl,
  type ExportControl,
} from './cis-crm.policy';
import { leveragedAws } from './fedramp.policy';
import { loadBaseline } from './baseline.data';
import { currentAwsReports } from '@/features/reports/reports.data';

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

/**
 * The system's CIS/CRM workbook (NOT_FOUND for another organization's system): each control's
 * derived state, the customers' part recorded on its customer half, the system's baseline (or,
 * without one, the NIST ids the controls name) and the leveraged AWS authorization from the
 * organization's accepted, current AWS reports.
 */
export async function cisCrmWorkbook(ctx: OrgContext, systemId: string, now = new Date()) {
  const { system, controls } = await loadExportControls(ctx, systemId, now);
  const [settings, implementations, reports] = await Promise.all([
    prisma.system.findFirst({
      where: { id: system.id, orgId: ctx.orgId },
      select: { baseline: { select: { id: true, name: true, version: true } } },
    }),
    prisma.controlImplementation.findMany({
      where: { orgId: ctx.orgId, systemId: system.id },
      select: { controlId: true, customersResponsibility: true, customersInherit: true },
    }),
    prisma.providerReport.findMany({
      where: currentAwsReports(ctx.orgId),
      select: { title: true, periodEnd: true, fedrampPackageId: true, fedrampAuthorizedAt: true },
      orderBy: [{ periodEnd: 'desc' }, { title: 'asc' }],
    }),
  ]);
  const customersOf = new Map(implementations.map((i) => [i.controlId, i]));
  const cisControls: CisControl[] = controls.map(({ row, statements }) => {
    const customers = customersOf.get(row.id);
    return {
      id: row.id,
      code: row.code,
      nistIds: statements.nistIds,
      type: row.effective.type,
      state: row.state,
      customers: { responsibility: customers?.customersResponsibility ?? '', inherit: customers?.customersInherit ?? null },
    };
  });
  const baseline = settings?.baseline ?? null;
  const entries = baseline
    ? baselineEntries((await loadBaseline(ctx, baseline.id, cisControls)).requirements, cisControls)
    : nistIdEntries(cisControls);
  const leveraged = leveragedAws(reports).words;
  const sheets = cisCrmSheets(entries, leveraged, baseline !== null);
  const baselineName = baseline ? (baseline.version ? `${baseline.name} (version ${baseline.version})` : baseline.name) : null;
  return {
    system: { id: system.id, name: system.name },
    baselineName,
    sheets,
    about: aboutRows({ systemName: system.name, baselineName, leveraged, generatedAt: now }),
    fileName: (kind: string, extension: string) => exportFileName(system.name, kind, extension, now),
  };
}

/** The CIS sheet as CSV, with a file name for the download. */
export async function cisCrmWorksheet(ctx: OrgContext, systemId: string, now = new Date()) {
  const workbook = await cisCrmWorkbook(ctx, systemId, now);
  return { fileName: workbook.fileName('cis', 'csv'), csv: cisCsv(workbook.sheets.cis) };
}

/** The CRM sheet as CSV, with a file name for the download. */
export async function crmWorksheet(ctx: OrgContext, systemId: string, now = new Date()) {
  const workbook = await cisCrmWorkbook(ctx, systemId, now);
  return { fileName: workbook.fileName('crm', 'csv'), csv: crmCsv(workbook.sheets.crm) };
}

/** Both sheets (and an About sheet) as one XLSX file, with a file name for the download. */
export async function cisCrmXlsxFile(ctx: OrgContext, systemId: string, now = new Date()) {
  const workbook = await cisCrmWorkbook(ctx, systemId, now);
  return { fileName: workbook.fileName('cis-crm', 'xlsx'), body: await cisCrmXlsx(workbook.sheets, workbook.about) };
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

/** What the system's exports page shows: the system, its baseline and how many rows each sheet has. */
export async function systemExports(ctx: OrgContext, systemId: string, now = new Date()) {
  const workbook = await cisCrmWorkbook(ctx, systemId, now);
  return {
    system: workbook.system,
    baselineName: workbook.baselineName,
    cisRows: workbook.sheets.cis.length,
    unmappedRows: workbook.sheets.cis.filter((row) => row['Demarc controls'] === '').length,
    crmRows: workbook.sheets.crm.length,
  };
}
