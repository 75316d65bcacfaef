import 'server-only';
import { isUuid, prisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { OrgContext } from '@/lib/auth/permissions';

export const SCANS_PAGE_SIZE = 25;
export const UNMAPPED_PAGE_SIZE = 50;

const scanSelect = {
  id: true,
  fileName: true,
  format: true,
  toolName: true,
  toolVersion: true,
  scannedAt: true,
  findings: true,
  passed: true,
  failed: true,
  notApplicable: true,
  suppressed: true,
  mapped: true,
  unmapped: true,
  actor: true,
  createdAt: true,
} as const;

export type ScanRow = {
  id: string;
  fileName: string;
  format: string;
  toolName: string;
  toolVersion: string | null;
  scannedAt: Date;
  findings: number;
  passed: number;
  failed: number;
  notApplicable: number;
  suppressed: number;
  mapped: number;
  unmapped: number;
  actor: string;
  createdAt: Date;
};

/** The organization's ingested findings files, newest first, a page at a time. Any member reads them. */
export async function listFindingScans(ctx: OrgContext, { page }: { page: number }) {
  const where = { orgId: ctx.orgId };
  const [total, rows] = await prisma.$transaction([
    prisma.findingScan.count({ where }),
    prisma.findingScan.findMany({
      where,
      select: scanSelect,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * SCANS_PAGE_SIZE,
      take: SCANS_PAGE_SIZE,
    }),
  ]);
  return { rows: rows satisfies ScanRow[], total, page, pageSize: SCANS_PAGE_SIZE };
}

/** One scan of the organization; another organization's, or no such scan, is NOT_FOUND. */
export async function getFindingScan(ctx: OrgContext, scanId: string): Promise<ScanRow> {
  if (!isUuid(scanId)) throw new AppError('NOT_FOUND', 'This scan does not exist.');
  const scan = await prisma.findingScan.findFirst({ where: { id: scanId, orgId: ctx.orgId }, select: scanSelect });
  if (!scan) throw new AppError('NOT_FOUND', 'This scan does not exist.');
  return scan;
}

/**
 * The findings of a scan that reached no control or no system, with the reason, a page at a
 * time, by check then resource. NOT_FOUND for another organization's scan.
 */
export async function listUnmappedFindings(ctx: OrgContext, scanId: string, { page }: { page: number }) {
  const scan = await getFindingScan(ctx, scanId);
  const where = { orgId: ctx.orgId, scanId: scan.id };
  const [total, rows] = await prisma.$transaction([
    prisma.unmappedFinding.count({ where }),
    prisma.unmappedFinding.findMany({
      where,
      select: {
        id: true,
        findingId: true,
        checkId: true,
        title: true,
        status: true,
        suppressed: true,
        accountId: true,
        region: true,
        resource: true,
        reason: true,
      },
      orderBy: [{ checkId: 'asc' }, { resource: 'asc' }, { id: 'asc' }],
      skip: (page - 1) * UNMAPPED_PAGE_SIZE,
      take: UNMAPPED_PAGE_SIZE,
    }),
  ]);
  return { scan, rows, total, page, pageSize: UNMAPPED_PAGE_SIZE };
}
export type UnmappedFindingRow = Awaited<ReturnType<typeof listUnmappedFindings>>['rows'][number];
