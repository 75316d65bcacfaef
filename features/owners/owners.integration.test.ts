import { describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db';
import { createMember, createOrganization, createTestControl, createTestSystem } from '@/test/factories';
import { importControlsCsv } from '@/features/controls/controls-csv.data';
import { listMembers, setMemberDisabled } from '@/features/members/members.data';
import { bulkAssignOwner, listAssignableOwners, listMyControls, saveImplementation } from './owners.data';
import { bulkAssignmentMessage } from './owners.policy';

const base = { narrative: '', justification: '', ownerId: '', nextReviewAt: '' };

describe('owners of the customer half', () => {
  it('refuses "implemented" on a shared or customer control without an owner', async () => {
    const { ctx } = await createOrganization();
    const system = await createTestSystem(ctx, ['ec2']);
    const shared = await createTestControl(ctx, { defaultType: 'SHARED' });

    await expect(
      saveImplementation(ctx, { ...base, controlId: shared.id, systemId: system.id, version: 0, status: 'IMPLEMENTED' }),
    ).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { ownerId: [expect.stringContaining('needs an owner')] } });
    expect(await prisma.controlImplementation.count({ where: { orgId: ctx.orgId } })).toBe(0);

    const saved = await saveImplementation(ctx, {
      ...base,
      controlId: shared.id,
      systemId: system.id,
      version: 0,
      status: 'IMPLEMENTED',
      ownerId: ctx.userId,
      narrative: 'Patched monthly with SSM',
    });
    expect(saved).toMatchObject({ status: 'IMPLEMENTED', ownerId: ctx.userId, version: 1 });
  });

  it('gives an inherited control no owner and no customer status: only not applicable, or reverting it', async () => {
    const { ctx } = await createOrganization();
    const system = await createTestSystem(ctx, ['ec2', 'lambda']);
    const inheritedHere = await createTestControl(ctx, { defaultType: 'SHARED' }, [{ serviceCode: 'lambda', type: 'INHERITED' }]);
    const line = { ...base, controlId: inheritedHere.id, systemId: system.id, version: 0 };

    await expect(saveImplementation(ctx, { ...line, status: 'NOT_STARTED', ownerId: ctx.userId })).rejects.toMatchObject({
      code: 'VALIDATION',
      fieldErrors: { ownerId: [expect.stringContaining('nobody owns it')] },
    });
    for (const status of ['PLANNED', 'PARTIALLY_IMPLEMENTED', 'IMPLEMENTED'] as const) {
      await expect(saveImplementation(ctx, { ...line, status })).rejects.toMatchObject({
        code: 'VALIDATION',
        fieldErrors: { status: [expect.stringContaining('AWS implements an inherited control')] },
      });
    }
    expect(await prisma.controlImplementation.count({ where: { orgId: ctx.orgId } })).toBe(0);

    const marked = await saveImplementation(ctx, { ...line, status: 'NOT_APPLICABLE', justification: 'No workloads run here.' });
    expect(marked).toMatchObject({ status: 'NOT_APPLICABLE', ownerId: null });
    const reverted = await saveImplementation(ctx, { ...line, version: marked.version, status: 'NOT_STARTED' });
    expect(reverted).toMatchObject({ status: 'NOT_STARTED', ownerId: null });
  });

  it('offers and accepts only active owners, admins and editors as owners', async () => {
    const { ctx } = await createOrganization();
    const other = await createOrganization();
    const { ctx: editor } = await createMember(ctx, 'EDITOR');
    const { ctx: admin } = await createMember(ctx, 'ADMIN');
    const { ctx: viewer } = await createMember(ctx, 'VIEWER');
    const { ctx: auditor } = await createMember(ctx, 'AUDITOR');
    const system = await createTestSystem(ctx, []);
    const control = await createTestControl(ctx, { defaultType: 'CUSTOMER' });

    expect((await listAssignableOwners(ctx)).map((o) => o.id).sort()).toEqual([ctx.userId, editor.userId, admin.userId].sort());

    const line = { ...base, controlId: control.id, systemId: system.id, version: 0, status: 'PLANNED' as const };
    await expect(saveImplementation(ctx, { ...line, ownerId: other.ctx.userId })).rejects.toMatchObject({
      fieldErrors: { ownerId: ['Choose an active member of this organization.'] },
    });
    for (const reader of [viewer, auditor]) {
      await expect(saveImplementation(ctx, { ...line, ownerId: reader.userId })).rejects.toMatchObject({
        code: 'VALIDATION',
        fieldErrors: { ownerId: ['Only owners, admins and editors can own a control.'] },
      });
      await expect(bulkAssignOwner(ctx, { systemId: system.id, controlIds: [control.id], ownerId: reader.userId })).rejects.toMatchObject({
        code: 'VALIDATION',
        fieldErrors: { ownerId: ['Only owners, admins and editors can own a control.'] },
      });
    }
    expect(await prisma.controlImplementation.count({ where: { orgId: ctx.orgId } })).toBe(0);

    await saveImplementation(ctx, { ...line, ownerId: admin.userId });
    expect(await listMyControls(admin)).toHaveLength(1);
  });

  it('refuses a viewer or an auditor as owner in a controls CSV, row by row', async () => {
    const { ctx } = await createOrganization();
    const { email: editorEmail } = await createMember(ctx, 'EDITOR');
    const { email: viewerEmail } = await createMember(ctx, 'VIEWER');
    const { email: auditorEmail } = await createMember(ctx, 'AUDITOR');
    await createTestSystem(ctx, ['ec2'], 'Payments');
    const csv = [
      'code,title,family,default_type,cadence,owner:Payments',
      `OK-1,Fine,Access,CUSTOMER,MONTHLY,${editorEmail}`,
      `NO-1,Viewer,Access,CUSTOMER,MONTHLY,${viewerEmail}`,
      `NO-2,Auditor,Access,CUSTOMER,MONTHLY,${auditorEmail}`,
    ].join('\n');
    await expect(importControlsCsv(ctx, csv)).rejects.toMatchObject({
      problems: [
        {
          row: 3,
          column: 'owner:Payments',
          message: `${viewerEmail} has the Viewer role. Only owners, admins and editors can own a control.`,
        },
        {
          row: 4,
          column: 'owner:Payments',
          message: `${auditorEmail} has the Auditor role. Only owners, admins and editors can own a control.`,
        },
      ],
    });
    expect(await prisma.control.count({ where: { orgId: ctx.orgId } })).toBe(0);

    expect(await importControlsCsv(ctx, csv.split('\n').slice(0, 2).join('\n'))).toMatchObject({ created: 1, ownersSet: 1 });
    expect(await prisma.controlImplementation.findFirst({ where: { orgId: ctx.orgId } })).toMatchObject({ status: 'NOT_STARTED' });
  });

  it('refuses a stale save of an implementation record', async () => {
    const { ctx } = await createOrganization();
    const system = await createTestSystem(ctx, []);
    const control = await createTestControl(ctx);
    const input = { ...base, controlId: control.id, systemId: system.id, status: 'PLANNED' as const };
    await saveImplementation(ctx, { ...input, version: 0, narrative: 'first' });
    await expect(saveImplementation(ctx, { ...input, version: 0, narrative: 'also first' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await saveImplementation(ctx, { ...input, version: 1, narrative: 'second' });
    await expect(saveImplementation(ctx, { ...input, version: 1, narrative: 'stale' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await prisma.controlImplementation.findFirstOrThrow({ where: { controlId: control.id } })).narrative).toBe('second');
  });

  it('bulk-assigns customer halves only, never changes a status, and says what it skipped and why', async () => {
    const { ctx } = await createOrganization();
    const { ctx: editor } = await createMember(ctx, 'EDITOR');
    const system = await createTestSystem(ctx, ['ec2']);
    const customer = await createTestControl(ctx, { code: 'CU-1', defaultType: 'CUSTOMER' });
    const planned = await createTestControl(ctx, { code: 'CU-2', defaultType: 'CUSTOMER' });
    const notStarted = await createTestControl(ctx, { code: 'SH-1', defaultType: 'SHARED' });
    const already = await createTestControl(ctx, { code: 'SH-2', defaultType: 'SHARED' });
    const inherited = await createTestControl(ctx, { code: 'IN-1', defaultType: 'INHERITED' });
    const inheritedOnEc2 = await createTestControl(ctx, { code: 'IN-2', defaultType: 'CUSTOMER' }, [
      { serviceCode: 'ec2', type: 'INHERITED' },
    ]);
    const markedNa = await createTestControl(ctx, { code: 'NA-1', defaultType: 'CUSTOMER' });
    const s3Only = await createTestControl(ctx, { code: 'NA-2', defaultType: 'SHARED' });
    // Bound to Amazon S3, which this system does not use.
    await prisma.control.update({ where: { id: s3Only.id }, data: { appliesTo: ['s3'] } });

    const line = (controlId: string) => ({ ...base, controlId, systemId: system.id, version: 0 });
    await saveImplementation(ctx, { ...line(planned.id), status: 'PLANNED', narrative: 'Next quarter' });
    await saveImplementation(ctx, { ...line(notStarted.id), status: 'NOT_STARTED' });
    await saveImplementation(ctx, { ...line(already.id), status: 'PARTIALLY_IMPLEMENTED', ownerId: editor.userId });
    await saveImplementation(ctx, { ...line(markedNa.id), status: 'NOT_APPLICABLE', justification: 'No card data here.' });
    const before = await prisma.auditEvent.count({ where: { chain: ctx.orgId } });

    const all = [customer, planned, notStarted, already, inherited, inheritedOnEc2, markedNa, s3Only].map((c) => c.id);
    const result = await bulkAssignOwner(ctx, { systemId: system.id, controlIds: all, ownerId: editor.userId });
    expect(result).toEqual({ assigned: 3, unchanged: 1, skipped: { inherited: 2, notApplicable: 2 } });
    expect(bulkAssignmentMessage('Erin Editor', result)).toBe(
      'Erin Editor now owns 3 controls in this system. 1 already had this owner. 4 skipped: 2 inherited, 2 not applicable.',
    );

    const records = await prisma.controlImplementation.findMany({
      where: { orgId: ctx.orgId },
      select: { controlId: true, status: true, ownerId: true },
    });
    const byId = new Map(records.map((r) => [r.controlId, r]));
    expect(byId.get(customer.id)).toEqual({ controlId: customer.id, status: 'NOT_STARTED', ownerId: editor.userId });
    expect(byId.get(planned.id)).toMatchObject({ status: 'PLANNED', ownerId: editor.userId });
    expect(byId.get(notStarted.id)).toMatchObject({ status: 'NOT_STARTED', ownerId: editor.userId });
    expect(byId.get(already.id)).toMatchObject({ status: 'PARTIALLY_IMPLEMENTED', ownerId: editor.userId });
    expect(byId.get(markedNa.id)).toMatchObject({ status: 'NOT_APPLICABLE', ownerId: null });
    for (const skipped of [inherited, inheritedOnEc2, s3Only]) expect(byId.has(skipped.id)).toBe(false);

    // One audit event per changed record, appended together.
    const events = await prisma.auditEvent.findMany({ where: { chain: ctx.orgId, seq: { gt: before } }, orderBy: { seq: 'asc' } });
    expect(events.map((e) => e.action).sort()).toEqual([
      'implementation.created',
      'implementation.owner_assigned',
      'implementation.owner_assigned',
    ]);
    expect(events.find((e) => e.action === 'implementation.created')).toMatchObject({ after: { status: 'NOT_STARTED' } });
    expect(events.filter((e) => e.action === 'implementation.owner_assigned').map((e) => e.before)).toEqual([
      { ownerId: null },
      { ownerId: null },
    ]);

    // Nothing left to change: still answered, still audited.
    const again = await bulkAssignOwner(ctx, { systemId: system.id, controlIds: [customer.id, inherited.id], ownerId: editor.userId });
    expect(again).toEqual({ assigned: 0, unchanged: 1, skipped: { inherited: 1, notApplicable: 0 } });
    expect(bulkAssignmentMessage('Erin Editor', again)).toBe(
      'Nothing assigned to Erin Editor. 1 already had this owner. 1 skipped: 1 inherited.',
    );
  });

  it('lists what an owner owns, with both halves and what needs attention', async () => {
    const { ctx } = await createOrganization();
    const { ctx: editor } = await createMember(ctx, 'EDITOR');
    const system = await createTestSystem(ctx, ['ec2']);
    const a = await createTestControl(ctx, { code: 'A-1' });
    const b = await createTestControl(ctx, { code: 'B-1', defaultType: 'CUSTOMER' });
    await saveImplementation(ctx, {
      ...base,
      controlId: a.id,
      systemId: system.id,
      version: 0,
      status: 'IMPLEMENTED',
      ownerId: ctx.userId,
      narrative: 'Done',
      nextReviewAt: '2020-01-01',
    });

    expect(await bulkAssignOwner(ctx, { systemId: system.id, controlIds: [a.id, b.id], ownerId: editor.userId })).toMatchObject({
      assigned: 2,
      unchanged: 0,
    });
    const mine = await listMyControls(editor, new Date('2026-06-01T12:00:00Z'));
    expect(mine.map((r) => [r.code, r.attention])).toEqual([
      ['B-1', ['evidence-missing', 'no-review-date', 'not-implemented', 'no-narrative']],
      ['A-1', ['evidence-missing', 'overdue']],
    ]);
    // A shared control: the customer half is implemented, the AWS half has no report, so the control is not.
    expect(mine.find((r) => r.code === 'A-1')?.state).toMatchObject({
      status: 'NOT_STARTED',
      customer: { status: 'IMPLEMENTED' },
      aws: { state: 'NO_REPORT' },
    });
    expect(mine.find((r) => r.code === 'B-1')?.state).toMatchObject({ status: 'NOT_STARTED', aws: null });
    expect(await listMyControls(ctx)).toHaveLength(0);

    const other = await createOrganization();
    await expect(bulkAssignOwner(other.ctx, { systemId: system.id, controlIds: [a.id], ownerId: other.ctx.userId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('asks for a new owner before disabling a member who owns controls, then hands them over to an eligible one', async () => {
    const { ctx } = await createOrganization();
    const { ctx: editor, membershipId } = await createMember(ctx, 'EDITOR');
    const { ctx: viewer } = await createMember(ctx, 'VIEWER');
    const system = await createTestSystem(ctx, []);
    const control = await createTestControl(ctx);
    await bulkAssignOwner(ctx, { systemId: system.id, controlIds: [control.id], ownerId: editor.userId });

    await expect(setMemberDisabled(ctx, { membershipId, disabled: true })).rejects.toMatchObject({
      code: 'CONFLICT',
      fieldErrors: { reassignTo: [expect.stringContaining('owns 1 control')] },
    });
    await expect(setMemberDisabled(ctx, { membershipId, disabled: true, reassignTo: viewer.userId })).rejects.toMatchObject({
      code: 'VALIDATION',
      fieldErrors: { reassignTo: ['Only owners, admins and editors can own a control.'] },
    });
    expect((await listMembers(ctx)).find((m) => m.id === membershipId)?.disabledAt).toBeNull();
    expect(await listMyControls(editor)).toHaveLength(1);

    await setMemberDisabled(ctx, { membershipId, disabled: true, reassignTo: ctx.userId });
    expect(await listMyControls(ctx)).toHaveLength(1);
    expect(await listMyControls(editor)).toHaveLength(0);
  });
});
