import { describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db';
import { createMember, createOrganization, createTestSystem } from '@/test/factories';
import { listControls } from '@/features/controls/controls.data';
import { parseRegisterFilters } from '@/features/controls/register.policy';
import { explainResponsibility } from '@/features/controls/responsibility.policy';
import { AWS_STARTER_LIBRARY } from './aws-starter-library';
import { loadStarterLibrary, starterLibraryStatus } from './library.data';

describe('starter library', () => {
  it('loads once: a second load adds nothing', async () => {
    const { ctx } = await createOrganization();
    expect(await loadStarterLibrary(ctx)).toEqual({ added: AWS_STARTER_LIBRARY.length, alreadyPresent: 0 });
    expect(await loadStarterLibrary(ctx)).toEqual({ added: 0, alreadyPresent: AWS_STARTER_LIBRARY.length });
    expect(await prisma.control.count({ where: { orgId: ctx.orgId } })).toBe(AWS_STARTER_LIBRARY.length);
    expect(await starterLibraryStatus(ctx)).toMatchObject({ present: AWS_STARTER_LIBRARY.length });
  });

  it('classifies patch management per system: shared on EC2, inherited on Lambda and S3', async () => {
    const { ctx } = await createOrganization();
    await loadStarterLibrary(ctx);
    const vms = await createTestSystem(ctx, ['ec2', 's3']);
    const serverless = await createTestSystem(ctx, ['lambda', 's3']);
    const patch = (systemId: string) =>
      listControls(ctx, parseRegisterFilters({ system: systemId, q: 'Patch management' })).then((r) => r.rows[0]!);
    const onVms = await patch(vms.id);
    expect(onVms.effective.type).toBe('SHARED');
    expect(explainResponsibility(onVms.effective)).toMatch(/^Shared — this system uses Amazon EC2: you .*guest OS/);
    expect((await patch(serverless.id)).effective.type).toBe('INHERITED');
  });

  it('is loaded by owners and admins only', async () => {
    const { ctx } = await createOrganization();
    const { ctx: editor } = await createMember(ctx, 'EDITOR');
    await expect(loadStarterLibrary(editor)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
