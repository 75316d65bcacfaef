import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db';
import type { OrgContext } from '@/lib/auth/permissions';
import { createMember, createOrganization, createTestControl, createTestSystem } from '@/test/factories';
import { AWS_STARTER_LIBRARY } from '@/features/library/aws-starter-library';
import { loadStarterLibrary } from '@/features/library/library.data';
import { saveImplementation } from '@/features/owners/owners.data';
import {
  createFramework,
  createRequirement,
  getFrameworkView,
  getRequirement,
  importRequirementsCsv,
  listControlRequirements,
  listFrameworks,
  mapControl,
  searchRequirements,
  unmapControl,
} from './frameworks.data';
import { importOscalText, NAMED_BY_CONTROL } from './frameworks-import.data';
import { parseFrameworkFilters } from './frameworks.policy';
import { readOscalCatalog } from './oscal';

const OSCAL = path.resolve(import.meta.dirname, '../../../shared/data/oscal');
const NIST = readFileSync(path.join(OSCAL, 'NIST_SP-800-53_rev5_catalog.json'), 'utf8');
const MODERATE = readFileSync(path.join(OSCAL, 'NIST_SP-800-53_rev5_MODERATE-baseline-resolved-profile_catalog.json'), 'utf8');
const SAMPLE = readFileSync(path.resolve(import.meta.dirname, '../../e2e/fixtures/small-catalog.json'), 'utf8');
const options = { via: 'upload' as const, schemaDir: OSCAL };
const filters = (query: Record<string, string> = {}) => parseFrameworkFilters(query);

const kinds = (frameworkId: string) =>
  prisma.requirement.groupBy({
    by: ['kind', 'withdrawn'],
    where: { frameworkId },
    _count: true,
    orderBy: [{ kind: 'asc' }, { withdrawn: 'asc' }],
  });
const requirementIds = (frameworkId: string) =>
  prisma.requirement.findMany({
    where: { frameworkId },
    select: { id: true, externalId: true, parentId: true },
    orderBy: { externalId: 'asc' },
  });
const importEvents = (ctx: OrgContext) => prisma.auditEvent.count({ where: { chain: ctx.orgId, action: 'framework.imported' } });

/** Accepted customer evidence for a control, effective today (the evidence UI is not what is tested here). */
/** Accepted evidence effective `daysAgo` days back (so its validity does not depend on the length of this month). */
async function acceptEvidence(ctx: OrgContext, controlId: string, daysAgo = 0) {
  const effectiveAt = new Date(Date.now() - daysAgo * 86_400_000);
  const evidence = await prisma.evidence.create({
    data: {
      orgId: ctx.orgId,
      kind: 'NOTE',
      title: 'Patch report',
      reviewState: 'ACCEPTED',
      reviewedById: ctx.userId,
      reviewedAt: new Date(),
      createdById: ctx.userId,
    },
  });
  await prisma.evidenceVersion.create({
    data: { orgId: ctx.orgId, evidenceId: evidence.id, number: 1, note: 'All patched', uploadedById: ctx.userId, effectiveAt },
  });
  await prisma.evidenceControl.create({ data: { evidenceId: evidence.id, controlId, orgId: ctx.orgId } });
}

describe('OSCAL import', () => {
  it('imports NIST SP 800-53 rev5 as a tree; importing it again changes nothing', async () => {
    const { ctx } = await createOrganization();
    const first = await importOscalText(ctx, NIST, options);
    expect(first).toMatchObject({ created: 1209, updated: 0, markedWithdrawn: 0, total: 1209, validation: 'schema' });
    expect(first.framework).toMatchObject({ version: '5.0.1', source: 'oscal-catalog' });
    expect(await kinds(first.framework.id)).toEqual([
      { kind: 'control', withdrawn: false, _count: 322 - 24 },
      { kind: 'control', withdrawn: true, _count: 24 },
      { kind: 'enhancement', withdrawn: false, _count: 867 - 158 },
      { kind: 'enhancement', withdrawn: true, _count: 158 },
      { kind: 'group', withdrawn: false, _count: 20 },
    ]);
    const ac21 = await prisma.requirement.findFirstOrThrow({
      where: { frameworkId: first.framework.id, externalId: 'ac-2.1' },
      select: { label: true, kind: true, classes: true, statement: true, parent: { select: { externalId: true } } },
    });
    expect(ac21).toEqual({
      label: 'AC-2(1)',
      kind: 'enhancement',
      classes: 'SP800-53-enhancement',
      statement: 'Support the management of system accounts using [Assignment: organization-defined automated mechanisms].',
      parent: { externalId: 'ac-2' },
    });

    const ids = await requirementIds(first.framework.id);
    const again = await importOscalText(ctx, NIST, options);
    expect(again).toMatchObject({ created: 0, updated: 1209, markedWithdrawn: 0, linked: 0 });
    expect(again.framework.id).toBe(first.framework.id);
    expect(await requirementIds(first.framework.id)).toEqual(ids);
    expect(await prisma.framework.count({ where: { orgId: ctx.orgId } })).toBe(1);
    expect(await importEvents(ctx)).toBe(2);
  });

  it('imports the MODERATE resolved-profile catalog as a separate baseline', async () => {
    const { ctx } = await createOrganization();
    const catalog = await importOscalText(ctx, NIST, options);
    const baseline = await importOscalText(ctx, MODERATE, options);
    expect(baseline.framework).toMatchObject({
      source: 'oscal-profile',
      version: '5.1.1+u4',
      name: 'NIST Special Publication 800-53 Revision 5.1.1 MODERATE IMPACT BASELINE',
    });
    expect(baseline.framework.id).not.toBe(catalog.framework.id);
    const { frameworks } = await listFrameworks(ctx);
    expect(frameworks.map((f) => [f.source, f.requirements])).toEqual([
      ['oscal-profile', 287],
      ['oscal-catalog', 1189 - 182],
    ]);
  });

  it('refuses a truncated or schema-breaking file with where it is wrong, and leaves nothing behind', async () => {
    const { ctx } = await createOrganization();
    await expect(importOscalText(ctx, NIST.slice(0, NIST.length / 2), options)).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/^The file is not valid JSON: .* at line \d+, column \d+\. The file ends early/),
    });
    const broken = JSON.parse(NIST);
    broken.catalog.groups[3].controls[2].parts[0].name = 42;
    await expect(importOscalText(ctx, JSON.stringify(broken), options)).rejects.toThrow(
      'The file is not a valid OSCAL catalog: at /catalog/groups/3/controls/2/parts/0/name: must be string.',
    );
    // A failure in the middle of the import rolls back what was written before it.
    const failing = {
      ...options,
      onProgress: (done: number) => {
        if (done === 500) throw new Error('connection lost');
      },
    };
    await expect(importOscalText(ctx, NIST, failing)).rejects.toThrow('connection lost');
    expect(await prisma.framework.count({ where: { orgId: ctx.orgId } })).toBe(0);
    expect(await prisma.requirement.count({ where: { orgId: ctx.orgId } })).toBe(0);
    expect(await importEvents(ctx)).toBe(0);
  });

  it('links the starter library’s controls by their NIST ids, once', async () => {
    const { ctx } = await createOrganization();
    await loadStarterLibrary(ctx);
    const withdrawn = new Set(
      readOscalCatalog(NIST, OSCAL)
        .requirements.filter((r) => r.withdrawn)
        .map((r) => r.externalId),
    );
    const expected = AWS_STARTER_LIBRARY.flatMap((c) => c.nistIds.filter((id) => !withdrawn.has(id))).length;
    const result = await importOscalText(ctx, NIST, options);
    expect(result.linked).toBe(expected);
    expect(
      await prisma.controlRequirement.count({
        where: { orgId: ctx.orgId, rationale: NAMED_BY_CONTROL, requirement: { frameworkId: result.framework.id } },
      }),
    ).toBe(expected);
    expect((await importOscalText(ctx, NIST, options)).linked).toBe(0);

    const patching = await prisma.control.findFirstOrThrow({ where: { orgId: ctx.orgId, nistIds: { has: 'si-2' } }, select: { id: true } });
    const onControl = await listControlRequirements(ctx, patching.id);
    expect(onControl.frameworks.find((f) => f.id === result.framework.id)?.requirements.map((r) => r.label)).toContain('SI-2');
  });

  it('marks requirements that a newer file no longer has as withdrawn, keeping their mappings', async () => {
    const { ctx } = await createOrganization();
    const control = await createTestControl(ctx, { nistIds: ['sc-7'] });
    const first = await importOscalText(ctx, SAMPLE, options);
    expect(first.linked).toBe(1);
    const doc = JSON.parse(SAMPLE);
    doc.catalog.metadata.version = '1.1';
    doc.catalog.groups.pop();
    const second = await importOscalText(ctx, JSON.stringify(doc), options);
    expect(second).toMatchObject({ created: 0, updated: 4, markedWithdrawn: 2 });
    expect(second.framework.version).toBe('1.1');
    expect(await prisma.controlRequirement.count({ where: { controlId: control.id } })).toBe(1);
  });
});

describe('mapping and coverage', () => {
  it('covers a requirement once a mapped control is implemented with accepted evidence in the chosen system', async () => {
    const { ctx } = await createOrganization();
    const { ctx: editor } = await createMember(ctx, 'EDITOR');
    const payments = await createTestSystem(ctx, ['ec2'], 'Payments');
    const other = await createTestSystem(ctx, ['ec2'], 'Zeta');
    const { framework } = await importOscalText(ctx, SAMPLE, options);
    const ac2 = await prisma.requirement.findFirstOrThrow({ where: { frameworkId: framework.id, externalId: 'ac-2' } });
    // A customer control: a shared one would also need a provider report for its AWS half.
    const customer = await createTestControl(ctx, { code: 'IAM-1', defaultType: 'CUSTOMER' });
    const inherited = await createTestControl(ctx, { code: 'PE-1', defaultType: 'INHERITED' });

    await mapControl(editor, { controlId: customer.id, requirementId: ac2.id, rationale: 'Account reviews' });
    await mapControl(editor, { controlId: inherited.id, requirementId: ac2.id, rationale: '' });
    await expect(mapControl(editor, { controlId: customer.id, requirementId: ac2.id, rationale: '' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });

    let view = await getFrameworkView(ctx, framework.id, filters());
    expect(view.system?.name).toBe('Payments');
    expect(view.coverage).toMatchObject({
      requirements: 3,
      mapped: 1,
      states: { COVERED: 0, PARTIAL: 0, NOT_COVERED: 1, NOT_APPLICABLE: 0, UNMAPPED: 2 },
      withdrawn: 1,
      mix: { INHERITED: 1, SHARED: 0, CUSTOMER: 1 },
    });
    const row = view.rows.find((r) => r.externalId === 'ac-2')!;
    expect(row).toMatchObject({ coverage: 'NOT_COVERED', depth: 1, mix: { INHERITED: 1, SHARED: 0, CUSTOMER: 1 } });
    expect(row.controls.map((c) => [c.code, c.status, c.freshness])).toEqual([
      ['IAM-1', 'NOT_STARTED', 'MISSING'],
      ['PE-1', 'NOT_STARTED', 'MISSING'],
    ]);

    await saveImplementation(ctx, {
      controlId: customer.id,
      systemId: payments.id,
      version: 0,
      status: 'IMPLEMENTED',
      narrative: '',
      justification: '',
      ownerId: editor.userId,
      nextReviewAt: '',
    });
    expect((await getRequirement(ctx, framework.id, ac2.id)).coverage).toBe('NOT_COVERED');
    await acceptEvidence(ctx, customer.id, 5);

    // One of its two controls is done; the inherited one has no AWS report on file: partly covered.
    const requirement = await getRequirement(ctx, framework.id, ac2.id);
    expect(requirement).toMatchObject({ coverage: 'PARTIAL', system: { name: 'Payments' } });
    expect(requirement.controls.find((c) => c.code === 'PE-1')).toMatchObject({
      satisfied: false,
      statusText: 'AWS half: no report on file',
    });
    // Monthly evidence from five days ago has at most 26 days left, so it is "expiring soon": that still counts.
    expect(requirement.controls.find((c) => c.code === 'IAM-1')).toMatchObject({
      satisfied: true,
      status: 'IMPLEMENTED',
      freshness: 'EXPIRING',
      rationale: 'Account reviews',
    });
    expect(requirement.mappable.map((c) => c.code)).toEqual([]);
    view = await getFrameworkView(ctx, framework.id, filters());
    expect(view.coverage).toMatchObject({ states: { COVERED: 0, PARTIAL: 1 }, mapped: 1 });
    expect((await getFrameworkView(ctx, framework.id, filters({ coverage: 'partial' }))).rows.map((r) => r.externalId)).toEqual(['ac-2']);
    expect((await getFrameworkView(ctx, framework.id, filters({ coverage: 'covered' }))).rows).toEqual([]);
    expect((await getFrameworkView(ctx, framework.id, filters({ coverage: 'unmapped' }))).rows.map((r) => r.externalId)).toEqual([
      'ac-2.1',
      'sc-7',
    ]);
    // Through the other system the control is not implemented.
    expect((await getFrameworkView(ctx, framework.id, filters({ system: other.id }))).coverage.states.PARTIAL).toBe(0);
    expect((await listFrameworks(ctx)).frameworks[0]).toMatchObject({ requirements: 3, mapped: 1, states: { COVERED: 0, PARTIAL: 1 } });

    await unmapControl(editor, { controlId: customer.id, requirementId: ac2.id });
    expect((await getRequirement(ctx, framework.id, ac2.id)).coverage).toBe('NOT_COVERED');
    await expect(unmapControl(editor, { controlId: customer.id, requirementId: ac2.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const actions = await prisma.auditEvent.findMany({
      where: { chain: ctx.orgId, action: { startsWith: 'mapping.' } },
      select: { action: true },
    });
    expect(actions.map((a) => a.action)).toEqual(['mapping.created', 'mapping.created', 'mapping.deleted']);
  });

  it('pages NIST by 100 and searches by id or title', async () => {
    const { ctx } = await createOrganization();
    const { framework } = await importOscalText(ctx, NIST, options);
    const view = await getFrameworkView(ctx, framework.id, filters());
    expect(view).toMatchObject({ total: 1209, pageSize: 100, page: 1 });
    expect(view.rows).toHaveLength(100);
    expect((await getFrameworkView(ctx, framework.id, filters({ page: '13' }))).rows).toHaveLength(9);
    const search = await getFrameworkView(ctx, framework.id, filters({ q: 'AC-2(1' }));
    expect(search.rows.map((r) => [r.label, r.withdrawn])).toEqual([
      ['AC-2(1)', false],
      ['AC-2(10)', true],
      ['AC-2(11)', false],
      ['AC-2(12)', false],
      ['AC-2(13)', false],
    ]);
    expect((await getFrameworkView(ctx, framework.id, filters({ q: 'AC-2(1', coverage: 'unmapped' }))).total).toBe(4);
    expect((await getFrameworkView(ctx, framework.id, filters({ q: 'boundary protection' }))).rows[0]?.externalId).toBe('sc-7');
    expect((await searchRequirements(ctx, { q: 'ia-2.1' })).map((r) => r.label)).toEqual([
      'IA-2(1)',
      'IA-2(10)',
      'IA-2(11)',
      'IA-2(12)',
      'IA-2(13)',
    ]);
  });

  it('keeps frameworks and requirements to their organization', async () => {
    const { ctx } = await createOrganization();
    const { ctx: outsider } = await createOrganization();
    const { framework } = await importOscalText(ctx, SAMPLE, options);
    const requirement = await prisma.requirement.findFirstOrThrow({ where: { frameworkId: framework.id, externalId: 'ac-2' } });
    const theirs = await createTestControl(outsider);
    const ours = await createTestControl(ctx);

    await expect(getFrameworkView(outsider, framework.id, filters())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getRequirement(outsider, framework.id, requirement.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(mapControl(outsider, { controlId: theirs.id, requirementId: requirement.id, rationale: '' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(mapControl(ctx, { controlId: theirs.id, requirementId: requirement.id, rationale: '' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(listControlRequirements(outsider, ours.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(importRequirementsCsv(outsider, { frameworkId: framework.id, csv: 'id,title\nX,Y' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await searchRequirements(outsider, { q: 'ac' })).toEqual([]);
    expect((await listFrameworks(outsider)).frameworks).toEqual([]);
  });

  it('lets viewers read but not import or map', async () => {
    const { ctx } = await createOrganization();
    const { ctx: viewer } = await createMember(ctx, 'VIEWER');
    await expect(importOscalText(viewer, SAMPLE, options)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const { framework } = await importOscalText(ctx, SAMPLE, options);
    const requirement = await prisma.requirement.findFirstOrThrow({ where: { frameworkId: framework.id, externalId: 'ac-2' } });
    const control = await createTestControl(ctx);
    await expect(mapControl(viewer, { controlId: control.id, requirementId: requirement.id, rationale: '' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await getFrameworkView(viewer, framework.id, filters())).total).toBe(6);
  });
});

describe('custom frameworks', () => {
  it('are created by hand and filled by hand or from CSV, all rows or none', async () => {
    const { ctx } = await createOrganization();
    const framework = await createFramework(ctx, { name: 'SOC 2', version: '2017', description: 'Trust services criteria' });
    await expect(createFramework(ctx, { name: 'SOC 2', version: '', description: '' })).rejects.toMatchObject({
      code: 'CONFLICT',
      fieldErrors: { name: expect.any(Array) },
    });
    await createRequirement(ctx, {
      frameworkId: framework.id,
      externalId: 'CC6',
      title: 'Logical and physical access',
      statement: '',
      parentExternalId: '',
      group: true,
    });
    const cc61 = await createRequirement(ctx, {
      frameworkId: framework.id,
      externalId: 'CC6.1',
      title: 'Logical access security',
      statement: 'The entity implements…',
      parentExternalId: 'CC6',
      group: false,
    });
    expect(cc61.kind).toBe('control');
    await expect(
      createRequirement(ctx, {
        frameworkId: framework.id,
        externalId: 'CC6.1',
        title: 'Again',
        statement: '',
        parentExternalId: '',
        group: false,
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT', fieldErrors: { externalId: expect.any(Array) } });
    await expect(
      createRequirement(ctx, {
        frameworkId: framework.id,
        externalId: 'CC7.1',
        title: 'Detection',
        statement: '',
        parentExternalId: 'CC7',
        group: false,
      }),
    ).rejects.toMatchObject({ fieldErrors: { parentExternalId: ['This framework has no requirement “CC7”.'] } });

    const bad =
      'id,title,statement,parent_id\nCC7,System operations,,\nCC7.1,,Detect,CC7\nCC7.2,Monitoring,,CC9\nCC6.1,Dup,,\nCC6.1,Dup again,,';
    await expect(importRequirementsCsv(ctx, { frameworkId: framework.id, csv: bad })).rejects.toMatchObject({
      code: 'VALIDATION',
      fieldErrors: {
        csv: [
          'Row 3, column “title”: Enter a title.',
          'Row 4, column “parent_id”: No requirement “CC9” on a row above or in this framework.',
          'Row 6, column “id”: This id is already on row 5.',
        ],
      },
    });
    expect(await prisma.requirement.count({ where: { frameworkId: framework.id } })).toBe(2);

    const csv =
      'ID,Title,Description,Parent_ID,Kind\nCC7,System operations,,,group\nCC7.1,Detection,"Uses detection, monitoring",CC7,\nCC6.1,Logical access (updated),,CC6,';
    expect(await importRequirementsCsv(ctx, { frameworkId: framework.id, csv })).toEqual({ created: 2, updated: 1 });
    const view = await getFrameworkView(ctx, framework.id, filters());
    expect(view.rows.map((r) => [r.externalId, r.kind, r.depth, r.title])).toEqual([
      ['CC6', 'group', 0, 'Logical and physical access'],
      ['CC6.1', 'control', 1, 'Logical access (updated)'],
      ['CC7', 'group', 0, 'System operations'],
      ['CC7.1', 'control', 1, 'Detection'],
    ]);
    expect(view.coverage.requirements).toBe(2);
  });

  it('refuses hand edits to imported frameworks', async () => {
    const { ctx } = await createOrganization();
    const { framework } = await importOscalText(ctx, SAMPLE, options);
    await expect(
      createRequirement(ctx, {
        frameworkId: framework.id,
        externalId: 'X-1',
        title: 'X',
        statement: '',
        parentExternalId: '',
        group: false,
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
