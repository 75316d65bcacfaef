import { describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db';
import { createMember, createOrganization, createTestSystem } from '@/test/factories';
import { createSystem, getSystem, listSystems, setSystemArchived, updateSystem } from './systems.data';

describe('systems', () => {
  it('creates, edits and archives a system with its Regions and services, audited', async () => {
    const { ctx } = await createOrganization();
    const created = await createSystem(ctx, {
      name: 'Payments platform',
      description: 'Prod accounts',
      regions: ['eu-west-1', 'eu-central-1'],
      services: ['ec2', 's3', 'iam'],
    });
    expect(created).toMatchObject({ version: 1, services: ['ec2', 'iam', 's3'], regions: ['eu-west-1', 'eu-central-1'] });

    const edit = { id: created.id, version: 1, description: 'Prod accounts', regions: ['eu-west-1' as const] };
    const updated = await updateSystem(ctx, { ...edit, name: 'Payments', services: ['lambda', 's3'] });
    expect(updated).toMatchObject({ name: 'Payments', version: 2, services: ['lambda', 's3'] });

    await setSystemArchived(ctx, { id: created.id, version: 2, archived: true });
    expect(await listSystems(ctx)).toHaveLength(0);
    expect((await listSystems(ctx, { includeArchived: true }))[0]?.archivedAt).not.toBeNull();

    const actions = await prisma.auditEvent.findMany({
      where: { chain: ctx.orgId, entityId: created.id },
      select: { action: true },
      orderBy: { seq: 'asc' },
    });
    expect(actions.map((a) => a.action)).toEqual(['system.created', 'system.updated', 'system.archived']);
  });

  it('refuses a duplicate name on the name field', async () => {
    const { ctx } = await createOrganization();
    await createTestSystem(ctx, [], 'Data lake');
    await expect(createTestSystem(ctx, [], 'Data lake')).rejects.toMatchObject({
      code: 'CONFLICT',
      fieldErrors: { name: [expect.any(String)] },
    });
  });

  it('refuses a save made over a newer version, keeping the newer one', async () => {
    const { ctx } = await createOrganization();
    const system = await createTestSystem(ctx, ['ec2']);
    const edit = { id: system.id, version: 1, name: system.name, regions: ['eu-west-1' as const], services: ['ec2' as const] };
    await updateSystem(ctx, { ...edit, description: 'first save' });
    await expect(updateSystem(ctx, { ...edit, description: 'second save' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Someone else saved this system'),
    });
    expect((await getSystem(ctx, system.id)).description).toBe('first save');
  });

  it('lets viewers read but not change systems, and hides other organizations’ systems', async () => {
    const { ctx: owner } = await createOrganization();
    const { ctx: viewer } = await createMember(owner, 'VIEWER');
    const system = await createTestSystem(owner, ['s3']);
    expect((await listSystems(viewer)).map((s) => s.id)).toEqual([system.id]);
    await expect(createTestSystem(viewer, [])).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const other = await createOrganization();
    await expect(getSystem(other.ctx, system.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      updateSystem(other.ctx, { id: system.id, version: 1, name: 'Hijacked', description: '', regions: ['eu-west-1'], services: [] }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(setSystemArchived(other.ctx, { id: system.id, version: 1, archived: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await getSystem(owner, system.id)).archivedAt).toBeNull();
  });
});
