// Catalog and baseline fidelity over NIST's and FedRAMP's published content: parameters as they
// print them, statement parts, tailoring, where withdrawn controls went, order and depth, and a
// framework's kind that never flips on re-import without saying so.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db';
import { createOrganization } from '@/test/factories';
import { getFrameworkView, getRequirement } from './frameworks.data';
import { importOscalText } from './frameworks-import.data';
import { parseFrameworkFilters } from './frameworks.policy';
import { readOscalCatalog } from './oscal';
import { readLinks, readParams, readParts } from './requirement-content';

const DATA = path.resolve(import.meta.dirname, '../../../shared/data');
const OSCAL = path.join(DATA, 'oscal');
const NIST = readFileSync(path.join(OSCAL, 'NIST_SP-800-53_rev5_catalog.json'), 'utf8');
const PRIVACY = readFileSync(path.join(OSCAL, 'NIST_SP-800-53_rev5.1.1_PRIVACY-baseline-resolved-profile_catalog.json'), 'utf8');
const LI_SAAS = readFileSync(path.join(DATA, 'fedramp', 'FedRAMP_rev5_LI-SaaS-baseline-resolved-profile_catalog.json'), 'utf8');
const options = { via: 'upload' as const, schemaDir: OSCAL };

const requirement = (frameworkId: string, externalId: string) =>
  prisma.requirement.findFirstOrThrow({
    where: { frameworkId, externalId },
    select: { id: true, statement: true, params: true, parts: true, tailoring: true, links: true, depth: true, sortOrder: true },
  });

describe('parameters as NIST and FedRAMP print them', () => {
  it('renders NIST 5.1.1 ODPs with "organization-defined", aggregates from what they gather, selections with their choices', async () => {
    const { ctx } = await createOrganization();
    const { framework } = await importOscalText(ctx, PRIVACY, options);
    const ac1 = await requirement(framework.id, 'ac-1');
    expect(ac1.statement.split('\n')).toEqual([
      'a. Develop, document, and disseminate to [Assignment: organization-defined personnel or roles]:',
      '  1. [Selection (one or more): organization-level; mission/business process-level; system-level] access control policy that:',
      '    (a) Addresses purpose, scope, roles, responsibilities, management commitment, coordination among organizational entities, and compliance; and',
      '    (b) Is consistent with applicable laws, executive orders, directives, regulations, policies, standards, and guidelines; and',
      '  2. Procedures to facilitate the implementation of the access control policy and the associated access controls;',
      'b. Designate an [Assignment: organization-defined official] to manage the development, documentation, and dissemination of the access control policy and procedures; and',
      'c. Review and update the current access control:',
      '  1. Policy [Assignment: organization-defined frequency] and following [Assignment: organization-defined events] ; and',
      '  2. Procedures [Assignment: organization-defined frequency] and following [Assignment: organization-defined events].',
    ]);
    const params = readParams(ac1.params);
    expect(params.map((p) => p.id)).toEqual([
      'ac-1_prm_1',
      'ac-01_odp.01',
      'ac-01_odp.02',
      'ac-01_odp.03',
      'ac-01_odp.04',
      'ac-01_odp.05',
      'ac-01_odp.06',
      'ac-01_odp.07',
      'ac-01_odp.08',
    ]);
    expect(params[0]).toEqual({
      id: 'ac-1_prm_1',
      label: '[Assignment: organization-defined personnel or roles]',
      values: [],
      constraints: [],
      choices: null,
      howMany: null,
      aggregates: ['ac-01_odp.01', 'ac-01_odp.02'],
    });
    expect(params[3]).toEqual({
      id: 'ac-01_odp.03',
      label: '[Selection (one or more): organization-level; mission/business process-level; system-level]',
      values: [],
      constraints: [],
      choices: ['organization-level', 'mission/business process-level', 'system-level'],
      howMany: 'one-or-more',
      aggregates: [],
    });
    expect(params[5]).toMatchObject({ id: 'ac-01_odp.05', label: '[Assignment: organization-defined frequency]' });
    expect(readParts(ac1.parts).slice(0, 4)).toEqual([
      { id: 'ac-1_smt', label: '' },
      { id: 'ac-1_smt.a', label: 'a.' },
      { id: 'ac-1_smt.a.1', label: '1.' },
      { id: 'ac-1_smt.a.1.a', label: '(a)' },
    ]);
    expect(readParts(ac1.parts)).toHaveLength(10);
    const pt2 = await requirement(framework.id, 'pt-2');
    expect(pt2.statement).toBe(
      'a. Determine and document the [Assignment: organization-defined authority] that permits the [Assignment: organization-defined processing] of personally identifiable information; and\n' +
        'b. Restrict the [Assignment: organization-defined processing] of personally identifiable information to only that which is authorized.',
    );
    // No placeholder is left unrendered, nor an ODP printed bare.
    const all = await prisma.requirement.findMany({ where: { frameworkId: framework.id }, select: { statement: true } });
    expect(all.filter((r) => r.statement.includes('{{'))).toEqual([]);
    expect(all.filter((r) => /\[Assignment: (?!organization-defined)/.test(r.statement)).length).toBe(0);
  });

  it('renders the 5.0 catalog’s labels and nested selections as before, with the parameters stored', async () => {
    const catalog = readOscalCatalog(NIST, OSCAL);
    const ac7 = catalog.requirements.find((r) => r.externalId === 'ac-7')!;
    expect(ac7.statement).toContain(
      'b. Automatically [Selection (one or more): lock the account or node for an [Assignment: organization-defined time period]; ' +
        'lock the account or node until released by an administrator; delay next logon prompt per [Assignment: organization-defined delay algorithm]; ' +
        'notify system administrator; take other [Assignment: organization-defined action]] when the maximum number of unsuccessful attempts is exceeded.',
    );
    expect(readParams(JSON.parse(ac7.paramsJson!)).find((p) => p.id === 'ac-7_prm_3')).toMatchObject({
      howMany: 'one-or-more',
      choices: expect.arrayContaining(['lock the account or node for an [Assignment: organization-defined time period]']),
    });
    expect(readParams(JSON.parse(catalog.requirements.find((r) => r.externalId === 'ac-1')!.paramsJson!))[2]).toMatchObject({
      id: 'ac-1_prm_3',
      label: '[Assignment: organization-defined official]',
    });
  });

  it('shows FedRAMP’s constraints after the placeholder and stores them; keeps the LI-SaaS tailoring marks', async () => {
    const { ctx } = await createOrganization();
    const { framework } = await importOscalText(ctx, LI_SAAS, options);
    expect(framework.source).toBe('oscal-profile');
    const au11 = await requirement(framework.id, 'au-11');
    expect(au11.statement).toBe(
      'Retain audit records for [Assignment: organization-defined time period] (FedRAMP: a time period in compliance with M-21-31) ' +
        'to provide support for after-the-fact investigations of incidents and to meet regulatory and organizational information retention requirements.',
    );
    expect(readParams(au11.params)).toEqual([
      {
        id: 'au-11_odp',
        label: '[Assignment: organization-defined time period]',
        values: [],
        constraints: ['a time period in compliance with M-21-31'],
        choices: null,
        howMany: null,
        aggregates: [],
      },
    ]);
    const ac1 = await requirement(framework.id, 'ac-1');
    expect(ac1.statement).toContain(
      '  1. Policy [Assignment: organization-defined frequency] (FedRAMP: at least every 3 years) and following [Assignment: organization-defined events] ; and',
    );
    expect(ac1.statement).toContain(
      '  2. Procedures [Assignment: organization-defined frequency] (FedRAMP: at least annually) and following [Assignment: organization-defined events] (FedRAMP: significant changes).',
    );
    expect(ac1.tailoring).toEqual(['ATTEST']);
    expect((await requirement(framework.id, 'ac-7')).tailoring).toEqual(['NSO', 'ASSESS']);
    expect(au11.tailoring).toEqual(['NSO']);

    // The list shows the marks and filters by them, the filter kept in the URL's query.
    const filters = parseFrameworkFilters({ tailoring: 'FED' });
    expect(filters.tailoring).toBe('FED');
    const view = await getFrameworkView(ctx, framework.id, filters);
    expect(view.tailoringMarks).toEqual(['ASSESS', 'ATTEST', 'CONDITIONAL', 'FED', 'NSO']);
    expect(view.total).toBe(3);
    expect(view.rows.every((r) => r.tailoring?.includes('FED'))).toBe(true);
    const counts = await prisma.requirement.groupBy({
      by: ['kind'],
      where: { frameworkId: framework.id, tailoring: { isEmpty: false } },
      _count: true,
    });
    // Every control of the baseline carries a mark (21 of them are enhancements).
    expect(counts).toEqual([
      { kind: 'control', _count: 135 },
      { kind: 'enhancement', _count: 21 },
    ]);
  });
});

describe('baselines, withdrawn controls, order and depth', () => {
  it('recognises a baseline by its resolution-tool prop or its resolution-source link', () => {
    expect(readOscalCatalog(PRIVACY, OSCAL).baseline).toBe(true);
    expect(readOscalCatalog(LI_SAAS, OSCAL).baseline).toBe(true);
    expect(readOscalCatalog(NIST, OSCAL).baseline).toBe(false);
    // Each marker on its own.
    const onlyLink = JSON.parse(PRIVACY);
    delete onlyLink.catalog.metadata.props;
    onlyLink.catalog.metadata.links = [{ href: 'profile.json', rel: 'resolution-source' }];
    expect(readOscalCatalog(JSON.stringify(onlyLink), OSCAL).baseline).toBe(true);
    const onlyProp = JSON.parse(PRIVACY);
    delete onlyProp.catalog.metadata.links;
    expect(readOscalCatalog(JSON.stringify(onlyProp), OSCAL).baseline).toBe(true);
    delete onlyProp.catalog.metadata.props;
    expect(readOscalCatalog(JSON.stringify(onlyProp), OSCAL).baseline).toBe(false);
  });

  it('refuses a re-import that changes the kind unless confirmed, then records the change', async () => {
    const { ctx } = await createOrganization();
    const first = await importOscalText(ctx, LI_SAAS, options);
    expect(first.framework.source).toBe('oscal-profile');
    // The same title, no longer marked as resolved: it reads as a catalog.
    const unmarked = JSON.parse(LI_SAAS);
    delete unmarked.catalog.metadata.links;
    const text = JSON.stringify(unmarked);
    await expect(importOscalText(ctx, text, options)).rejects.toMatchObject({
      code: 'CONFLICT',
      message:
        '“FedRAMP Rev 5 Tailored Low Impact Software as a Service (LI-SaaS) Baseline” was imported as a baseline (resolved profile), ' +
        'and this file reads as a catalog. Nothing was imported. To change its kind, import again with “Allow this import to change the framework’s kind” ticked ' +
        '(--change-kind from the command line); to keep it a baseline, import it as a baseline.',
    });
    expect(await prisma.framework.findUniqueOrThrow({ where: { id: first.framework.id }, select: { source: true } })).toEqual({
      source: 'oscal-profile',
    });
    // Imported as a baseline, it stays one.
    expect((await importOscalText(ctx, text, { ...options, baseline: true })).framework.source).toBe('oscal-profile');
    const changed = await importOscalText(ctx, text, { ...options, confirmKindChange: true });
    expect(changed.framework).toMatchObject({ id: first.framework.id, source: 'oscal-catalog' });
    const events = await prisma.auditEvent.findMany({
      where: { chain: ctx.orgId, action: 'framework.kind-changed' },
      select: { entityId: true, before: true, after: true },
    });
    expect(events).toEqual([
      {
        entityId: first.framework.id,
        before: { source: 'oscal-profile' },
        after: { source: 'oscal-catalog', via: 'upload', fileName: null },
      },
    ]);
  });

  it('keeps where withdrawn controls went, shown as links to those requirements', async () => {
    const { ctx } = await createOrganization();
    const { framework } = await importOscalText(ctx, NIST, options);
    const ac210 = await requirement(framework.id, 'ac-2.10');
    expect(readLinks(ac210.links)).toEqual([{ rel: 'incorporated-into', externalId: 'ac-2' }]);
    const ac2 = await requirement(framework.id, 'ac-2');
    const detail = await getRequirement(ctx, framework.id, ac210.id);
    expect(detail.links).toEqual([{ rel: 'incorporated-into', externalId: 'ac-2', id: ac2.id, label: 'AC-2' }]);
    const moved = await prisma.requirement.findMany({ where: { frameworkId: framework.id, withdrawn: true }, select: { links: true } });
    const rels = moved.flatMap((r) => readLinks(r.links).map((l) => l.rel));
    expect(rels.filter((r) => r === 'moved-to').length).toBeGreaterThan(0);
    // As many as the file says went somewhere.
    type Node = { links?: { rel: string }[]; controls?: Node[] };
    const inFile = (nodes: Node[] = []): number =>
      nodes.reduce(
        (n, c) => n + (c.links?.some((l) => l.rel === 'incorporated-into' || l.rel === 'moved-to') ? 1 : 0) + inFile(c.controls),
        0,
      );
    const groups = (JSON.parse(NIST) as { catalog: { groups: Node[] } }).catalog.groups;
    expect(moved.filter((r) => readLinks(r.links).length > 0).length).toBe(groups.reduce((n, g) => n + inFile(g.controls), 0));
    const view = await getFrameworkView(ctx, framework.id, parseFrameworkFilters({ q: 'ac-2.10' }));
    expect(view.rows.find((r) => r.externalId === 'ac-2.10')?.links).toEqual(detail.links);
  });

  it('keeps document order (a control at the catalog root where it stands) and records every depth', async () => {
    const doc = JSON.parse(NIST);
    const [ac, at] = doc.catalog.groups;
    const rootControl = at.controls.pop();
    // A control at the root written before the groups, and a group inside a group.
    doc.catalog = { uuid: doc.catalog.uuid, metadata: { ...doc.catalog.metadata, title: 'Reordered' }, controls: [rootControl] };
    doc.catalog.groups = [{ id: 'outer', title: 'Outer', groups: [ac, at] }];
    const { ctx } = await createOrganization();
    const { framework } = await importOscalText(ctx, JSON.stringify(doc), options);
    const rows = await prisma.requirement.findMany({
      where: { frameworkId: framework.id },
      orderBy: { sortOrder: 'asc' },
      select: { externalId: true, depth: true },
      take: 5,
    });
    expect(rows).toEqual([
      { externalId: rootControl.id, depth: 0 },
      { externalId: 'outer', depth: 0 },
      { externalId: 'ac', depth: 1 },
      { externalId: 'ac-1', depth: 2 },
      { externalId: 'ac-2', depth: 2 },
    ]);
    expect((await requirement(framework.id, 'ac-2.1')).depth).toBe(3);
    const view = await getFrameworkView(ctx, framework.id, parseFrameworkFilters({ q: 'ac-2.1' }));
    expect(view.rows.find((r) => r.externalId === 'ac-2.1')?.depth).toBe(3);
  });
});
