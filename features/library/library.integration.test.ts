import { describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db';
import { createMember, createOrganization, createTestSystem } from '@/test/factories';
import { createCheckMapping, deleteCheckMapping } from '@/features/check-mappings/check-mappings.data';
import { listControls } from '@/features/controls/controls.data';
import { parseRegisterFilters } from '@/features/controls/register.policy';
import { explainResponsibility } from '@/features/controls/responsibility.policy';
import { AWS_STARTER_LIBRARY } from './aws-starter-library';
import { starterCheckMappings } from './aws-starter-check-mappings';
import { loadStarterLibrary, starterLibraryStatus } from './library.data';

const mappedCodes = async (orgId: string, checkId: string) =>
  (await prisma.checkMapping.findMany({ where: { orgId, checkId }, select: { control: { select: { code: true } } } })).map(
    (m) => m.control.code,
  );

describe('starter library', () => {
  it('loads once: a second load adds nothing', async () => {
    const { ctx } = await createOrganization();
    const shipped = starterCheckMappings().length;
    expect(await loadStarterLibrary(ctx)).toEqual({
      added: AWS_STARTER_LIBRARY.length,
      alreadyPresent: 0,
      checkMappingsAdded: shipped,
      checkMappingsRemoved: 0,
    });
    expect(await loadStarterLibrary(ctx)).toEqual({
      added: 0,
      alreadyPresent: AWS_STARTER_LIBRARY.length,
      checkMappingsAdded: 0,
      checkMappingsRemoved: 0,
    });
    expect(await prisma.checkMapping.count({ where: { orgId: ctx.orgId } })).toBe(shipped);
    expect(await prisma.control.count({ where: { orgId: ctx.orgId } })).toBe(AWS_STARTER_LIBRARY.length);
    expect(await starterLibraryStatus(ctx)).toMatchObject({ present: AWS_STARTER_LIBRARY.length, checkMappingsMissing: 0 });
  });

  it('ships check → control mappings: S3.8 lands on the S3 Block Public Access control, root MFA on root protection', async () => {
    const { ctx } = await createOrganization();
    await loadStarterLibrary(ctx);
    const mapped = async (checkId: string) =>
      (await prisma.checkMapping.findMany({ where: { orgId: ctx.orgId, checkId }, select: { control: { select: { code: true } } } })).map(
        (m) => m.control.code,
      );
    expect(await mapped('S3.8')).toEqual(['AWS-AC-03']);
    expect(await mapped('s3_bucket_level_public_access_block')).toEqual(['AWS-AC-03']);
    expect(await mapped('root-mfa')).toEqual(['AWS-IA-01']);
    expect(await mapped('CloudTrail.1')).toEqual(['AWS-AU-01']);
    expect(await mapped('EC2.13')).toEqual(['AWS-SC-02']);
  });

  it('adds back only the shipped mappings that are missing, with an audit event each', async () => {
    const { ctx } = await createOrganization();
    await loadStarterLibrary(ctx);
    await prisma.checkMapping.deleteMany({ where: { orgId: ctx.orgId, checkId: { in: ['S3.8', 'root-mfa'] } } });
    expect(await starterLibraryStatus(ctx)).toMatchObject({ checkMappingsMissing: 2 });
    expect(await loadStarterLibrary(ctx)).toMatchObject({ added: 0, checkMappingsAdded: 2 });
    const events = await prisma.auditEvent.findMany({
      where: { orgId: ctx.orgId, action: 'check-mapping.created' },
      select: { after: true },
    });
    expect(events).toHaveLength(starterCheckMappings().length + 2);
    expect(await prisma.checkMapping.count({ where: { orgId: ctx.orgId } })).toBe(starterCheckMappings().length);
  });

  it('does not bring back a shipped mapping the organization removed; mapping it by hand again clears that', async () => {
    const { ctx } = await createOrganization();
    await loadStarterLibrary(ctx);
    const s38 = async () =>
      prisma.checkMapping.findFirst({ where: { orgId: ctx.orgId, checkId: 'S3.8' }, select: { id: true, controlId: true } });
    const { id, controlId } = (await s38())!;
    await deleteCheckMapping(ctx, { id });
    expect(await starterLibraryStatus(ctx)).toMatchObject({ checkMappingsMissing: 0 });
    expect(await loadStarterLibrary(ctx)).toMatchObject({ added: 0, checkMappingsAdded: 0 });
    expect(await s38()).toBeNull();

    await createCheckMapping(ctx, { checkId: 'S3.8', controlId });
    expect(await prisma.checkMappingDismissal.count({ where: { orgId: ctx.orgId } })).toBe(0);
    // Removed again: still respected by the next load.
    await deleteCheckMapping(ctx, { id: (await s38())!.id });
    expect(await loadStarterLibrary(ctx)).toMatchObject({ checkMappingsAdded: 0 });
    expect(await s38()).toBeNull();
  });

  it('moves what an earlier version shipped: the CloudTrail checks leave configuration management for audit logging', async () => {
    const { ctx } = await createOrganization();
    await loadStarterLibrary(ctx);
    // As an organization loaded before AWS-AU-01 existed has it.
    const cm = await prisma.control.findFirstOrThrow({ where: { orgId: ctx.orgId, code: 'AWS-CM-01' }, select: { id: true } });
    await prisma.checkMapping.createMany({ data: [{ orgId: ctx.orgId, checkId: 'CloudTrail.1', controlId: cm.id }] });
    expect(await starterLibraryStatus(ctx)).toMatchObject({ checkMappingsMissing: 0, checkMappingsRetired: 1 });
    expect(await loadStarterLibrary(ctx)).toMatchObject({ added: 0, checkMappingsAdded: 0, checkMappingsRemoved: 1 });
    expect(await mappedCodes(ctx.orgId, 'CloudTrail.1')).toEqual(['AWS-AU-01']);
    const removal = await prisma.auditEvent.findFirstOrThrow({ where: { chain: ctx.orgId, action: 'check-mapping.deleted' } });
    expect(removal.before).toEqual({ checkId: 'CloudTrail.1', control: 'AWS-CM-01' });
    expect(await starterLibraryStatus(ctx)).toMatchObject({ checkMappingsMissing: 0, checkMappingsRetired: 0 });
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
