import { describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db';
import { createMember, createOrganization, createTestControl, createTestSystem } from '@/test/factories';
import { saveImplementation } from '@/features/owners/owners.data';
import { loadStarterLibrary } from '@/features/library/library.data';
import {
  createControl,
  deleteServiceLine,
  getControl,
  getSystemDashboard,
  listControls,
  loadRegister,
  loadRegisters,
  saveCustomersPart,
  saveServiceLine,
  setControlArchived,
  updateControl,
} from './controls.data';
import { callAction, sessionOf } from '@/test/requests';
import { saveCustomersPartAction } from './controls.actions';
import { parseRegisterFilters } from './register.policy';
import { applicabilityText } from './status.policy';

const filters = (query: Record<string, string> = {}) => parseRegisterFilters(query);

describe('controls', () => {
  it('derives each system’s effective type from the services it uses, with the reason', async () => {
    const { ctx } = await createOrganization();
    const vms = await createTestSystem(ctx, ['ec2', 's3'], 'VMs');
    const serverless = await createTestSystem(ctx, ['lambda', 's3'], 'Serverless');
    const control = await createTestControl(ctx, { code: 'PATCH-1' }, [
      { serviceCode: 'ec2', type: 'SHARED', task: 'you patch the guest OS' },
      { serviceCode: 'lambda', type: 'INHERITED', task: 'AWS patches the runtimes it provides' },
    ]);

    const detail = await getControl(ctx, control.id);
    expect(detail.systems.map((s) => [s.name, s.effective.type])).toEqual([
      ['Serverless', 'INHERITED'],
      ['VMs', 'SHARED'],
    ]);

    const onVms = await listControls(ctx, filters({ system: vms.id }));
    expect(onVms.system?.name).toBe('VMs');
    expect(onVms.rows[0]?.effective.because.map((l) => l.customerTask)).toEqual(['you patch the guest OS']);
    expect((await listControls(ctx, filters({ system: serverless.id, type: 'SHARED' }))).total).toBe(0);
    expect((await listControls(ctx, filters({ system: 'none' }))).rows[0]?.effective.type).toBe('SHARED');
  });

  it('filters by type, family, owner, status and search; sorts and paginates', async () => {
    const { ctx } = await createOrganization();
    const { ctx: editor } = await createMember(ctx, 'EDITOR');
    const system = await createTestSystem(ctx, ['s3']);
    for (let i = 1; i <= 60; i++) {
      await createTestControl(ctx, {
        code: `AC-${i}`,
        title: i === 7 ? 'Block public buckets' : `Control ${i}`,
        family: i % 2 ? 'Access control' : 'Audit',
        defaultType: i > 50 ? 'INHERITED' : 'CUSTOMER',
      });
    }
    const ac7 = (await listControls(ctx, filters({ system: system.id, q: 'public' }))).rows;
    expect(ac7.map((r) => r.code)).toEqual(['AC-7']);
    await saveImplementation(ctx, {
      controlId: ac7[0]!.id,
      systemId: system.id,
      version: 0,
      status: 'IMPLEMENTED',
      narrative: 'done',
      justification: '',
      ownerId: editor.userId,
      nextReviewAt: '',
    });

    const firstPage = await listControls(ctx, filters({ system: system.id }));
    expect(firstPage).toMatchObject({ total: 60, page: 1, pageSize: 50 });
    expect(firstPage.rows.slice(0, 3).map((r) => r.code)).toEqual(['AC-1', 'AC-2', 'AC-3']);
    expect((await listControls(ctx, filters({ system: system.id, page: '2' }))).rows).toHaveLength(10);
    expect((await listControls(ctx, filters({ system: system.id, sort: 'code', dir: 'desc' }))).rows[0]?.code).toBe('AC-60');
    expect((await listControls(ctx, filters({ system: system.id, type: 'INHERITED' }))).total).toBe(10);
    expect((await listControls(ctx, filters({ system: system.id, family: 'Audit' }))).total).toBe(30);
    expect((await listControls(ctx, filters({ system: system.id, owner: editor.userId }))).rows.map((r) => r.code)).toEqual(['AC-7']);
    // AC-51..AC-60 are inherited: no customer half, so never "without an owner".
    expect((await listControls(ctx, filters({ system: system.id, owner: 'none' }))).total).toBe(49);
    expect((await listControls(ctx, filters({ system: system.id, status: 'IMPLEMENTED' }))).total).toBe(1);
    expect((await listControls(ctx, filters({ system: system.id, status: 'NOT_STARTED' }))).total).toBe(59);
  });

  it('refuses a duplicate code, a stale save and other organizations', async () => {
    const { ctx } = await createOrganization();
    const control = await createTestControl(ctx, { code: 'CM-1' });
    await expect(createTestControl(ctx, { code: 'CM-1' })).rejects.toMatchObject({ fieldErrors: { code: [expect.any(String)] } });

    const { id, version, updatedAt: _u, archivedAt: _a, appliesTo: _s, ...rest } = control;
    const fields = { ...rest, appliesTo: [] };
    await updateControl(ctx, { ...fields, id, version, title: 'First editor' });
    await expect(updateControl(ctx, { ...fields, id, version, title: 'Second editor' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Someone else saved this control'),
    });
    expect((await getControl(ctx, id)).title).toBe('First editor');
    await expect(
      saveServiceLine(ctx, {
        controlId: id,
        controlVersion: version,
        serviceCode: 'ec2',
        type: 'CUSTOMER',
        customerTask: 'x',
        awsTask: '',
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });

    const other = await createOrganization();
    await expect(getControl(other.ctx, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(updateControl(other.ctx, { ...fields, id, version: version + 1, title: 'Hijacked' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(setControlArchived(other.ctx, { id, version: version + 1, archived: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(deleteServiceLine(other.ctx, { controlId: id, controlVersion: version + 1, serviceCode: 'ec2' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await listControls(other.ctx, filters())).total).toBe(0);
  });

  it('keeps editors able to edit and viewers and auditors read-only', async () => {
    const { ctx } = await createOrganization();
    const { ctx: editor } = await createMember(ctx, 'EDITOR');
    const { ctx: viewer } = await createMember(ctx, 'VIEWER');
    const { ctx: auditor } = await createMember(ctx, 'AUDITOR');
    const control = await createTestControl(editor, { code: 'ED-1' });
    for (const reader of [viewer, auditor]) {
      expect((await getControl(reader, control.id)).code).toBe('ED-1');
      await expect(createTestControl(reader)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(setControlArchived(reader, { id: control.id, version: control.version, archived: true })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    }
  });

  it('archives and restores, and audits service line changes', async () => {
    const { ctx } = await createOrganization();
    const control = await createControl(ctx, {
      appliesTo: [],
      code: 'AR-1',
      title: 'T',
      description: '',
      family: 'F',
      defaultType: 'CUSTOMER',
      awsStatement: '',
      customerStatement: '',
      cadence: 'ANNUAL',
      nistIds: ['ac-2'],
    });
    await saveServiceLine(ctx, {
      controlId: control.id,
      controlVersion: 1,
      serviceCode: 'iam',
      type: 'CUSTOMER',
      customerTask: 'you manage IAM users',
      awsTask: '',
    });
    await deleteServiceLine(ctx, { controlId: control.id, controlVersion: 2, serviceCode: 'iam' });
    await setControlArchived(ctx, { id: control.id, version: 3, archived: true });
    expect((await listControls(ctx, filters())).total).toBe(0);
    expect((await listControls(ctx, filters({ archived: '1' }))).total).toBe(1);
    await setControlArchived(ctx, { id: control.id, version: 4, archived: false });
    const actions = await prisma.auditEvent.findMany({
      where: { chain: ctx.orgId, entityId: control.id },
      orderBy: { seq: 'asc' },
      select: { action: true },
    });
    expect(actions.map((a) => a.action)).toEqual([
      'control.created',
      'service_line.created',
      'service_line.deleted',
      'control.archived',
      'control.restored',
    ]);
  });

  it('applies a service-bound control only to systems that use one of its services', async () => {
    const { ctx } = await createOrganization();
    const rdsOnly = await createTestSystem(ctx, ['rds'], 'Reporting database');
    const withS3 = await createTestSystem(ctx, ['rds', 's3'], 'Data lake');
    const control = await createTestControl(ctx, {
      code: 'S3-1',
      title: 'S3 Block Public Access',
      defaultType: 'CUSTOMER',
      appliesTo: ['s3'],
    });
    expect(control.appliesTo).toEqual(['s3']);

    const [onRds] = (await listControls(ctx, filters({ system: rdsOnly.id }))).rows;
    expect(onRds?.state).toMatchObject({ status: 'NOT_APPLICABLE', applicability: { applies: false, by: 'service', services: ['s3'] } });
    expect(applicabilityText(onRds!.state.applicability)).toBe('Not applicable — this system uses no Amazon S3');
    // It leaves every denominator: no customer half without an owner, no missing evidence.
    expect((await listControls(ctx, filters({ system: rdsOnly.id, owner: 'none' }))).total).toBe(0);
    expect((await listControls(ctx, filters({ system: rdsOnly.id, status: 'NOT_APPLICABLE' }))).total).toBe(1);
    const dashboard = await getSystemDashboard(ctx, rdsOnly.id);
    expect(dashboard.summary).toMatchObject({ total: 1, applicable: 0, notApplicable: 1, customerHalves: 0, withoutOwner: 0 });

    const [onS3] = (await listControls(ctx, filters({ system: withS3.id }))).rows;
    expect(onS3?.state).toMatchObject({ status: 'NOT_STARTED', applicability: { applies: true } });

    // Unbinding it makes it apply everywhere; the edit is audited.
    const { id, version, updatedAt: _u, archivedAt: _a, ...fields } = control;
    await updateControl(ctx, { ...fields, appliesTo: [], id, version });
    expect((await listControls(ctx, filters({ system: rdsOnly.id }))).rows[0]?.state.applicability).toEqual({ applies: true });
  });
});

describe('several systems’ registers at once', () => {
  it('are each the register loadRegister reads for that system, owners and records included', async () => {
    const { ctx } = await createOrganization();
    await loadStarterLibrary(ctx);
    const { ctx: editor } = await createMember(ctx, 'EDITOR');
    const vms = await createTestSystem(ctx, ['ec2', 's3', 'iam'], 'VMs');
    const serverless = await createTestSystem(ctx, ['lambda', 'dynamodb'], 'Serverless');
    const [first, second] = (await listControls(ctx, filters({ system: vms.id, type: 'SHARED' }))).rows;
    const record = (controlId: string, systemId: string, status: 'IMPLEMENTED' | 'NOT_APPLICABLE', justification = '') =>
      saveImplementation(ctx, {
        controlId,
        systemId,
        version: 0,
        status,
        narrative: '',
        justification,
        ownerId: editor.userId,
        nextReviewAt: '',
      });
    await record(first!.id, vms.id, 'IMPLEMENTED');
    await record(second!.id, serverless.id, 'NOT_APPLICABLE', 'No such workload here');
    const systems = [
      { id: vms.id, services: ['ec2', 's3', 'iam'] },
      { id: serverless.id, services: ['lambda', 'dynamodb'] },
    ];
    const today = new Date();
    const together = await loadRegisters(ctx, [...systems, null], { today });
    const alone = await Promise.all([...systems, null].map((system) => loadRegister(ctx, system, { today })));
    expect(together).toEqual(alone);
    expect(together[0]!.find((r) => r.id === first!.id)?.implementation).toMatchObject({
      status: 'IMPLEMENTED',
      ownerName: 'EDITOR member',
    });
    expect(together[1]!.find((r) => r.id === second!.id)?.state.applicability).toEqual({
      applies: false,
      by: 'owner',
      justification: 'No such workload here',
    });
    expect(together[2]!.every((r) => r.implementation === null && r.state.applicability.applies)).toBe(true);
  });
});

describe('the team’s customers’ part of a control in a system', () => {
  it('is saved from the control page’s form, validated by its schema, audited, under the customer half’s version', async () => {
    const { ctx } = await createOrganization();
    const { ctx: viewer } = await createMember(ctx, 'VIEWER');
    const system = await createTestSystem(ctx, ['ec2'], 'Payments');
    const control = await createTestControl(ctx, { code: 'AC-9' });
    const form = {
      controlId: control.id,
      systemId: system.id,
      version: 0,
      customersResponsibility: '',
      customersInherit: '',
      plannedCompletionAt: '',
    };

    const bad = await callAction(saveCustomersPartAction, sessionOf(ctx), ctx.orgSlug, {
      ...form,
      customersInherit: 'SOMETIMES',
      plannedCompletionAt: 'next spring',
    });
    expect(bad).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        fieldErrors: { customersInherit: [expect.any(String)], plannedCompletionAt: ['Enter a date, e.g. 2027-03-31.'] },
      },
    });

    const saved = await callAction(saveCustomersPartAction, sessionOf(ctx), ctx.orgSlug, {
      ...form,
      customersResponsibility: '  Review the users of your tenant every quarter. ',
      customersInherit: 'PARTIAL',
      plannedCompletionAt: '2027-03-31',
    });
    expect(saved).toMatchObject({
      ok: true,
      data: { version: 1, customersResponsibility: 'Review the users of your tenant every quarter.', customersInherit: 'PARTIAL' },
    });
    const detail = await getControl(ctx, control.id);
    expect(detail.systems[0]!.implementation).toMatchObject({
      status: 'NOT_STARTED',
      customersInherit: 'PARTIAL',
      plannedCompletionAt: new Date('2027-03-31T00:00:00Z'),
    });

    // A second first save, and a save over a newer version, are refused; the saved part stays.
    await expect(saveCustomersPart(ctx, { ...form, customersInherit: 'NO', plannedCompletionAt: null })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await saveCustomersPart(ctx, { ...form, version: 1, customersInherit: null, plannedCompletionAt: null });
    await expect(saveCustomersPart(ctx, { ...form, version: 1, customersInherit: 'YES', plannedCompletionAt: null })).rejects.toMatchObject(
      {
        code: 'CONFLICT',
        message: expect.stringContaining('Someone else saved'),
      },
    );
    await expect(
      saveCustomersPart(viewer, { ...form, version: 2, customersInherit: 'YES', plannedCompletionAt: null }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const other = await createOrganization();
    await expect(
      saveCustomersPart(other.ctx, { ...form, version: 2, customersInherit: 'YES', plannedCompletionAt: null }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });

    const events = await prisma.auditEvent.findMany({
      where: { chain: ctx.orgId, action: 'implementation.customers_part_saved' },
      orderBy: { seq: 'asc' },
      select: { before: true, after: true },
    });
    expect(events).toHaveLength(2);
    expect(events[1]!.before).toMatchObject({ customersInherit: 'PARTIAL' });
    expect(events[1]!.after).toMatchObject({ customersInherit: null, customersResponsibility: '' });
  });
});
