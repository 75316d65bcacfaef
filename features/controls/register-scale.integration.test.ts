// The register at programme scale: 1,100 controls in one system, paged and sorted on the server.
// Every page of every sort, walked end to end, gives each control exactly once and in the order of
// the keys the one derivation (deriveControlState, through loadRegister) gives them.
import { beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db';
import type { OrgContext } from '@/lib/auth/permissions';
import { createMember, createOrganization, createTestSystem } from '@/test/factories';
import { listControls, loadRegister } from './controls.data';
import { parseRegisterFilters, type RegisterRow } from './register.policy';
import { CONTROL_STATUSES } from './status.policy';

const COUNT = 1_100;
const TYPES = ['INHERITED', 'SHARED', 'CUSTOMER'] as const;
const RECORDED = ['NOT_STARTED', 'PLANNED', 'PARTIALLY_IMPLEMENTED', 'IMPLEMENTED'] as const;
const byCode = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

let ctx: OrgContext;
let systemId: string;
let full: RegisterRow[];

beforeAll(async () => {
  ctx = (await createOrganization()).ctx;
  const { ctx: editor } = await createMember(ctx, 'EDITOR');
  const system = await createTestSystem(ctx, ['ec2', 's3']);
  systemId = system.id;
  // Test data written directly (1,100 controls through the audited form would take minutes).
  await prisma.control.createMany({
    data: Array.from({ length: COUNT }, (_, i) => ({
      orgId: ctx.orgId,
      // Numeric order differs from text order (C-2 before C-10): the sort must follow the collation.
      code: `C-${i + 1}`,
      title: `Control ${(i * 7919) % COUNT}`,
      family: `Family ${i % 9}`,
      defaultType: TYPES[i % 3]!,
      cadence: 'ANNUAL' as const,
      // Every eleventh is bound to Lambda, which the system does not use: not applicable here.
      appliesTo: i % 11 === 0 ? ['lambda'] : [],
    })),
  });
  const controls = await prisma.control.findMany({ where: { orgId: ctx.orgId }, select: { id: true, code: true, defaultType: true } });
  await prisma.controlImplementation.createMany({
    data: controls
      .filter((c) => c.defaultType !== 'INHERITED' && Number(c.code.slice(2)) % 5 !== 0)
      .map((c) => {
        const n = Number(c.code.slice(2));
        return {
          orgId: ctx.orgId,
          controlId: c.id,
          systemId,
          status: RECORDED[n % 4]!,
          ownerId: n % 2 ? editor.userId : ctx.userId,
        };
      }),
  });
  full = await loadRegister(ctx, { id: systemId, services: ['ec2', 's3'] });
  expect(full).toHaveLength(COUNT);
  // The data covers every status.
  expect(new Set(full.map((r) => r.state.status))).toEqual(new Set(CONTROL_STATUSES));
});

/** Every page of one view, first to last, as the page would ask for them. */
async function walk(params: Record<string, string>) {
  const pages = [];
  for (let page = 1; ; page++) {
    const result = await listControls(ctx, parseRegisterFilters({ system: systemId, ...params, page: String(page) }));
    pages.push(result);
    if (page * result.pageSize >= result.total) break;
  }
  return pages;
}

const statusRank = (r: RegisterRow) => CONTROL_STATUSES.indexOf(r.state.status);

describe('the register at 1,100 controls', () => {
  it.each(['asc', 'desc'] as const)('sorts by derived status (%s) across all pages, ties by code', async (dir) => {
    const pages = await walk({ sort: 'status', dir });
    expect(pages).toHaveLength(Math.ceil(COUNT / 50));
    expect(pages.every((p) => p.total === COUNT)).toBe(true);
    expect(pages.slice(0, -1).every((p) => p.rows.length === 50)).toBe(true);
    const rows = pages.flatMap((p) => p.rows);
    expect(new Set(rows.map((r) => r.id)).size).toBe(COUNT);
    const sign = dir === 'asc' ? 1 : -1;
    const expected = [...full].sort((a, b) => sign * (statusRank(a) - statusRank(b)) || byCode.compare(a.code, b.code));
    expect(rows.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    // Each row's status is the derivation's own.
    const derived = new Map(full.map((r) => [r.id, r.state.status]));
    expect(rows.every((r) => r.state.status === derived.get(r.id))).toBe(true);
  });

  it('sorts by code in numeric order, both ways', async () => {
    const asc = (await walk({ sort: 'code', dir: 'asc' })).flatMap((p) => p.rows.map((r) => r.code));
    expect(asc.slice(0, 3)).toEqual(['C-1', 'C-2', 'C-3']);
    expect(asc.at(-1)).toBe(`C-${COUNT}`);
    const desc = (await walk({ sort: 'code', dir: 'desc' })).flatMap((p) => p.rows.map((r) => r.code));
    expect(desc).toEqual([...asc].reverse());
  });

  it('filters before paging: the total and the pages hold the matching controls only', async () => {
    const implemented = full.filter((r) => r.state.status === 'IMPLEMENTED');
    const pages = await walk({ status: 'IMPLEMENTED', sort: 'title', dir: 'asc' });
    expect(pages[0]!.total).toBe(implemented.length);
    const rows = pages.flatMap((p) => p.rows);
    expect(rows.map((r) => r.id).sort()).toEqual(implemented.map((r) => r.id).sort());
    expect(rows.every((r) => r.state.status === 'IMPLEMENTED')).toBe(true);
    const titles = rows.map((r) => r.title);
    expect(titles).toEqual([...titles].sort(byCode.compare));
  });

  it('shows the last page for a page number past the end', async () => {
    const last = await listControls(ctx, parseRegisterFilters({ system: systemId, page: '999' }));
    expect(last.page).toBe(Math.ceil(COUNT / 50));
    expect(last.rows).toHaveLength(COUNT - (last.page - 1) * 50);
  });
});
