import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db';
import type { OrgContext } from '@/lib/auth/permissions';
import { importOscalText } from '@/features/frameworks/frameworks-import.data';
import { createMember, createOrganization, createTestSystem } from '@/test/factories';
import { getSystemParameters, loadSystemParameterValues, resetParameterValue, setParameterValue } from './parameters.data';
import { setParameterValueSchema } from './parameters.schema';

const DATA = path.resolve(import.meta.dirname, '../../../shared/data');
const LI_SAAS = readFileSync(path.join(DATA, 'fedramp', 'FedRAMP_rev5_LI-SaaS-baseline-resolved-profile_catalog.json'), 'utf8');
const options = { via: 'upload' as const, schemaDir: path.join(DATA, 'oscal') };

/** An organization with a system assessed against FedRAMP LI-SaaS (the baseline is set directly: its form is elsewhere). */
async function systemOnLiSaas() {
  const { ctx } = await createOrganization();
  const { framework } = await importOscalText(ctx, LI_SAAS, options);
  const system = await createTestSystem(ctx, ['ec2']);
  await prisma.system.update({ where: { id: system.id }, data: { baselineFrameworkId: framework.id } });
  return { ctx, system, framework };
}

const set = (ctx: OrgContext, systemId: string, paramId: string, value: string, version: number) =>
  setParameterValue(ctx, setParameterValueSchema.parse({ systemId, paramId, value, version }));

const events = (ctx: OrgContext) =>
  prisma.auditEvent.findMany({
    where: { chain: ctx.orgId, action: { startsWith: 'parameter.' } },
    select: { action: true, entityId: true, before: true, after: true },
    orderBy: { seq: 'asc' },
  });

describe('a system’s parameter values', () => {
  it('lists the baseline’s parameters by control with FedRAMP’s defaults, paginated and searchable', async () => {
    const { ctx, system } = await systemOnLiSaas();
    const view = await getSystemParameters(ctx, system.id, { page: 1 });
    expect(view.baseline?.name).toBe('FedRAMP Rev 5 Tailored Low Impact Software as a Service (LI-SaaS) Baseline');
    expect(view.total).toBeGreaterThan(view.pageSize);
    expect(view.groups[0]).toMatchObject({ controlId: 'ac-1', controlLabel: 'AC-1' });
    const odp5 = view.groups[0]!.rows.find((r) => r.param.id === 'ac-01_odp.05');
    expect(odp5).toMatchObject({
      baseline: ['at least every 3 years'],
      own: null,
      param: { label: '[Assignment: organization-defined frequency]' },
    });
    const search = await getSystemParameters(ctx, system.id, { q: 'M-21-31', page: 1 });
    expect(search.groups.map((g) => [g.controlId, g.rows.map((r) => r.param.id)])).toEqual([['au-11', ['au-11_odp']]]);
    const last = await getSystemParameters(ctx, system.id, { page: 999 });
    expect(last.page).toBe(Math.ceil(view.total / view.pageSize));
  });

  it('says when the system has no baseline', async () => {
    const { ctx } = await createOrganization();
    const system = await createTestSystem(ctx, []);
    expect(await getSystemParameters(ctx, system.id, { page: 1 })).toMatchObject({ baseline: null, groups: [], total: 0 });
    expect(await loadSystemParameterValues(ctx, system.id)).toEqual([]);
    await expect(set(ctx, system.id, 'au-11_odp', '90 days', 0)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'This system has no baseline. Choose one on the system’s edit page first.',
    });
  });

  it('sets, versions, refuses a stale save, resets to the default, and audits each change', async () => {
    const { ctx, system } = await systemOnLiSaas();
    const first = await set(ctx, system.id, 'au-11_odp', ' one year \n\n online for 90 days ', 0);
    expect(first).toEqual({ paramId: 'au-11_odp', values: ['one year', 'online for 90 days'], version: 1 });
    const second = await set(ctx, system.id, 'au-11_odp', 'three years', 1);
    expect(second.version).toBe(2);
    // A save made with the version the form was loaded with, after someone else saved.
    await expect(set(ctx, system.id, 'au-11_odp', 'two years', 1)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(set(ctx, system.id, 'au-11_odp', 'two years', 0)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(set(ctx, system.id, 'no-such_odp', 'x', 0)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const values = await loadSystemParameterValues(ctx, system.id);
    expect(values.find((v) => v.paramId === 'au-11_odp')).toEqual({
      controlId: 'au-11',
      paramId: 'au-11_odp',
      values: ['three years'],
      source: 'system',
    });
    expect(values.find((v) => v.paramId === 'ac-01_odp.07')).toEqual({
      controlId: 'ac-1',
      paramId: 'ac-01_odp.07',
      values: ['at least annually'],
      source: 'baseline',
    });
    // Only parameters with a value.
    expect(values.some((v) => v.paramId === 'ac-01_odp.04')).toBe(false);

    await expect(resetParameterValue(ctx, { systemId: system.id, paramId: 'au-11_odp', version: 1 })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await resetParameterValue(ctx, { systemId: system.id, paramId: 'au-11_odp', version: 2 });
    expect(await prisma.systemParameterValue.count({ where: { systemId: system.id } })).toBe(0);
    expect((await loadSystemParameterValues(ctx, system.id)).find((v) => v.paramId === 'au-11_odp')).toEqual({
      controlId: 'au-11',
      paramId: 'au-11_odp',
      values: ['a time period in compliance with M-21-31'],
      source: 'baseline',
    });
    expect(await events(ctx)).toEqual([
      {
        action: 'parameter.set',
        entityId: system.id,
        before: null,
        after: { paramId: 'au-11_odp', values: ['one year', 'online for 90 days'] },
      },
      {
        action: 'parameter.set',
        entityId: system.id,
        before: { paramId: 'au-11_odp', values: ['one year', 'online for 90 days'] },
        after: { paramId: 'au-11_odp', values: ['three years'] },
      },
      { action: 'parameter.reset', entityId: system.id, before: { paramId: 'au-11_odp', values: ['three years'] }, after: null },
    ]);
  });

  it('answers another organization’s system as not found and refuses a viewer', async () => {
    const { ctx, system } = await systemOnLiSaas();
    const other = (await createOrganization()).ctx;
    await expect(set(other, system.id, 'au-11_odp', 'x', 0)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getSystemParameters(other, system.id, { page: 1 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(loadSystemParameterValues(other, system.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const viewer = (await createMember(ctx, 'VIEWER')).ctx;
    await expect(set(viewer, system.id, 'au-11_odp', 'x', 0)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(resetParameterValue(viewer, { systemId: system.id, paramId: 'au-11_odp', version: 1 })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    // A viewer reads them.
    expect((await getSystemParameters(viewer, system.id, { page: 1 })).total).toBeGreaterThan(0);
    const editor = (await createMember(ctx, 'EDITOR')).ctx;
    expect((await set(editor, system.id, 'au-11_odp', 'x', 0)).version).toBe(1);
    expect(await prisma.systemParameterValue.count({ where: { systemId: system.id } })).toBe(1);
  });

  it('validates the value with the form’s schema', () => {
    const parsed = setParameterValueSchema.safeParse({ systemId: crypto.randomUUID(), paramId: 'au-11_odp', value: ' \n ', version: 0 });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('Enter a value, or reset to the default.');
  });
});
