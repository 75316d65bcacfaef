import { describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db';
import { createMember, createOrganization, createTestSystem } from '@/test/factories';
import { callAction, sessionOf } from '@/test/requests';
import type { OrgContext } from '@/lib/auth/permissions';
import { categorizeSystemAction } from './systems.actions';
import {
  createSystem,
  getSystem,
  getSystemCategorization,
  listBaselines,
  listSystems,
  setSystemArchived,
  updateSystem,
  updateSystemCategorization,
} from './systems.data';

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

/** A baseline as the OSCAL import leaves it (a resolved profile), or another kind of framework. */
const framework = (ctx: OrgContext, name: string, source = 'oscal-profile') =>
  prisma.framework.create({ data: { orgId: ctx.orgId, name, version: '5.0', source }, select: { id: true } });

describe('a system’s categorization and baseline', () => {
  const payments = {
    title: 'Payment transactions',
    nistId: 'C.3.5.1',
    confidentiality: 'MODERATE',
    integrity: 'HIGH',
    availability: 'LOW',
  } as const;

  it('records the FIPS 199 levels, the information types and one of the organization’s baselines, audited', async () => {
    const { ctx } = await createOrganization();
    const system = await createTestSystem(ctx, ['ec2']);
    const baseline = await framework(ctx, 'FedRAMP Rev 5 LI-SaaS');
    await framework(ctx, 'NIST SP 800-53 rev5 catalog', 'oscal-catalog');
    expect((await listBaselines(ctx)).map((b) => b.name)).toEqual(['FedRAMP Rev 5 LI-SaaS']);

    const saved = await updateSystemCategorization(ctx, {
      id: system.id,
      version: 1,
      confidentiality: 'MODERATE',
      integrity: 'HIGH',
      availability: 'LOW',
      informationTypes: [payments],
      baselineFrameworkId: baseline.id,
    });
    expect(saved).toMatchObject({
      version: 2,
      integrity: 'HIGH',
      baselineFrameworkId: baseline.id,
      baselineName: 'FedRAMP Rev 5 LI-SaaS 5.0',
    });
    expect((await getSystemCategorization(ctx, system.id)).informationTypes).toEqual([payments]);
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { chain: ctx.orgId, action: 'system.categorized', entityId: system.id },
    });
    expect(event.before).toMatchObject({ confidentiality: null, baselineFrameworkId: null });
    expect(event.after).toMatchObject({ confidentiality: 'MODERATE', baselineFrameworkId: baseline.id });

    // Clearing goes back to "not categorized" and no baseline.
    const cleared = await updateSystemCategorization(ctx, {
      ...saved,
      confidentiality: null,
      integrity: null,
      availability: null,
      informationTypes: [],
      baselineFrameworkId: null,
    });
    expect(cleared).toMatchObject({ version: 3, confidentiality: null, baselineFrameworkId: null });
  });

  it('validates through the action with the form’s schema, and refuses another organization’s baseline', async () => {
    const { ctx } = await createOrganization();
    const system = await createTestSystem(ctx, ['ec2']);
    const form = {
      id: system.id,
      version: 1,
      confidentiality: '',
      integrity: '',
      availability: '',
      informationTypes: [],
      baselineFrameworkId: '',
    };
    const bad = await callAction(categorizeSystemAction, sessionOf(ctx), ctx.orgSlug, {
      ...form,
      confidentiality: 'SEVERE',
      informationTypes: [{ ...payments, nistId: 'payments' }],
    });
    expect(bad).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        fieldErrors: { confidentiality: [expect.any(String)], 'informationTypes.0.nistId': [expect.stringContaining('SP 800-60')] },
      },
    });

    const other = await createOrganization();
    const theirs = await framework(other.ctx, 'Their baseline');
    const catalog = await framework(ctx, 'Our catalog', 'oscal-catalog');
    for (const baselineFrameworkId of [theirs.id, catalog.id]) {
      const refused = await callAction(categorizeSystemAction, sessionOf(ctx), ctx.orgSlug, { ...form, baselineFrameworkId });
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', fieldErrors: { baselineFrameworkId: [expect.any(String)] } },
      });
    }
    const ok = await callAction(categorizeSystemAction, sessionOf(ctx), ctx.orgSlug, { ...form, availability: 'HIGH' });
    expect(ok).toMatchObject({ ok: true, data: { availability: 'HIGH', confidentiality: null } });
    // Another organization cannot categorize this system.
    await expect(
      updateSystemCategorization(other.ctx, {
        ...form,
        version: 2,
        confidentiality: 'LOW',
        integrity: null,
        availability: null,
        baselineFrameworkId: null,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a save over a newer version, and a viewer', async () => {
    const { ctx } = await createOrganization();
    const { ctx: viewer } = await createMember(ctx, 'VIEWER');
    const system = await createTestSystem(ctx, ['ec2']);
    const input = {
      id: system.id,
      version: 1,
      confidentiality: 'LOW' as const,
      integrity: 'LOW' as const,
      availability: 'LOW' as const,
      informationTypes: [],
      baselineFrameworkId: null,
    };
    await updateSystem(ctx, {
      id: system.id,
      version: 1,
      name: system.name,
      description: 'edited',
      regions: ['eu-west-1'],
      services: ['ec2'],
    });
    await expect(updateSystemCategorization(ctx, input)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Someone else saved'),
    });
    await expect(updateSystemCategorization(viewer, { ...input, version: 2 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await getSystemCategorization(ctx, system.id)).confidentiality).toBeNull();
  });
});
