import { describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db';
import { createMember, createOrganization, createTestSystem } from '@/test/factories';
import { callAction, sessionOf } from '@/test/requests';
import { addSystemAwsAccount, listSystemAwsAccounts, removeSystemAwsAccount } from './aws-accounts.data';
import { addSystemAwsAccountAction } from './systems.actions';
import { setSystemArchived } from './systems.data';

describe("a system's AWS accounts", () => {
  it('adds accounts for every Region or one Region, lists them, removes one, each audited', async () => {
    const { ctx } = await createOrganization();
    const system = await createTestSystem(ctx, ['s3']);
    const all = await addSystemAwsAccount(ctx, { systemId: system.id, accountId: '444455556666', region: 'eu-west-1' });
    await addSystemAwsAccount(ctx, { systemId: system.id, accountId: '111122223333', region: '' });
    expect(await listSystemAwsAccounts(ctx, system.id)).toEqual([
      { id: expect.any(String), accountId: '111122223333', region: '' },
      { id: all.id, accountId: '444455556666', region: 'eu-west-1' },
    ]);

    await removeSystemAwsAccount(ctx, { systemId: system.id, id: all.id });
    expect((await listSystemAwsAccounts(ctx, system.id)).map((a) => a.accountId)).toEqual(['111122223333']);

    const events = await prisma.auditEvent.findMany({
      where: { orgId: ctx.orgId, entityId: system.id, action: { startsWith: 'system.aws-account' } },
      orderBy: { seq: 'asc' },
      select: { action: true, before: true, after: true },
    });
    expect(events).toEqual([
      { action: 'system.aws-account-added', before: null, after: { accountId: '444455556666', region: 'eu-west-1' } },
      { action: 'system.aws-account-added', before: null, after: { accountId: '111122223333', region: null } },
      { action: 'system.aws-account-removed', before: { accountId: '444455556666', region: 'eu-west-1' }, after: null },
    ]);
  });

  it('refuses the same account twice, and a Region of an account already there for every Region, saying why', async () => {
    const { ctx } = await createOrganization();
    const system = await createTestSystem(ctx, ['s3']);
    await addSystemAwsAccount(ctx, { systemId: system.id, accountId: '111122223333', region: '' });
    await expect(addSystemAwsAccount(ctx, { systemId: system.id, accountId: '111122223333', region: '' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'Account 111122223333 is already recorded for every Region on this system.',
      fieldErrors: { accountId: [expect.any(String)] },
    });
    await expect(addSystemAwsAccount(ctx, { systemId: system.id, accountId: '111122223333', region: 'us-east-1' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('every Region on this system, which includes us-east-1'),
    });
    // The same account on another system is allowed: both receive its findings.
    const other = await createTestSystem(ctx, ['ec2']);
    await addSystemAwsAccount(ctx, { systemId: other.id, accountId: '111122223333', region: 'us-east-1' });
    await expect(addSystemAwsAccount(ctx, { systemId: other.id, accountId: '111122223333', region: 'us-east-1' })).rejects.toMatchObject({
      message: 'Account 111122223333 is already recorded for us-east-1 on this system.',
    });
  });

  it('validates with the form’s schema: twelve digits (spaces and dashes dropped) and a Region from the list', async () => {
    const { ctx } = await createOrganization();
    const system = await createTestSystem(ctx, ['s3']);
    const add = (accountId: string, region: string) =>
      callAction(addSystemAwsAccountAction, sessionOf(ctx), ctx.orgSlug, { systemId: system.id, accountId, region });
    expect(await add('1111-2222-3333', 'eu-west-1')).toMatchObject({ ok: true, data: { accountId: '111122223333' } });
    expect(await add('12345', '')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fieldErrors: { accountId: ['Enter the 12-digit AWS account id, e.g. 111122223333.'] } },
    });
    expect(await add('111122223333', 'mars-north-1')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fieldErrors: { region: ['Choose a Region from the list.'] } },
    });
  });

  it("refuses viewers, another organization's system or entry, and an archived system", async () => {
    const { ctx } = await createOrganization();
    const system = await createTestSystem(ctx, ['s3']);
    const entry = await addSystemAwsAccount(ctx, { systemId: system.id, accountId: '111122223333', region: '' });
    const { ctx: viewer } = await createMember(ctx, 'VIEWER');
    await expect(addSystemAwsAccount(viewer, { systemId: system.id, accountId: '444455556666', region: '' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const { ctx: outsider } = await createOrganization();
    await expect(addSystemAwsAccount(outsider, { systemId: system.id, accountId: '444455556666', region: '' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(removeSystemAwsAccount(outsider, { systemId: system.id, id: entry.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(listSystemAwsAccounts(outsider, system.id)).resolves.toEqual([]);
    await setSystemArchived(ctx, { id: system.id, version: 1, archived: true });
    await expect(addSystemAwsAccount(ctx, { systemId: system.id, accountId: '444455556666', region: '' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(removeSystemAwsAccount(ctx, { systemId: system.id, id: entry.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await prisma.systemAwsAccount.count({ where: { systemId: system.id } })).toBe(1);
  });
});
