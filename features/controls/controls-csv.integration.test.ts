import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db';
import type { OrgContext } from '@/lib/auth/permissions';
import { createFramework, createRequirement, getFrameworkView, mapControl } from '@/features/frameworks/frameworks.data';
import { importOscalText } from '@/features/frameworks/frameworks-import.data';
import { parseFrameworkFilters } from '@/features/frameworks/frameworks.policy';
import { loadStarterLibrary } from '@/features/library/library.data';
import { acceptInvitation } from '@/features/invitations/accept-invitation.data';
import { inviteMember } from '@/features/invitations/invitations.data';
import { bulkAssignOwner } from '@/features/owners/owners.data';
import { saveServiceLine, updateControl } from '@/features/controls/controls.data';
import { createMember, createOrganization, createTestControl, createTestSystem } from '@/test/factories';
import { exportControlsCsv, importControlsCsv } from './controls-csv.data';
import { saveCustomersPart } from './controls.data';

const OSCAL = path.resolve(import.meta.dirname, '../../../shared/data/oscal');
const NIST = readFileSync(path.join(OSCAL, 'NIST_SP-800-53_rev5_catalog.json'), 'utf8');

/**
 * The CSV by row, without the derived type and status columns (they depend on service lines,
 * which CSV does not carry: Lambda makes patching inherited, so its status is the AWS half's).
 */
function table(csv: string) {
  const [header, ...rows] = parse(csv, { bom: true }) as string[][];
  const keep = header!.map((h, i) => (h.startsWith('type:') || h.startsWith('status:') ? -1 : i)).filter((i) => i >= 0);
  return [header!, ...rows].map((row) => keep.map((i) => row[i]));
}

async function soc2(ctx: OrgContext) {
  const framework = await createFramework(ctx, { name: 'SOC 2', version: '2017', description: '' });
  return createRequirement(ctx, {
    frameworkId: framework.id,
    externalId: 'CC6.1',
    title: 'Logical access',
    statement: '',
    parentExternalId: '',
    group: false,
  });
}

/** How many transactions wrote the organization's controls, owners and mappings, and its import events. */
async function writers(ctx: OrgContext): Promise<number> {
  const [written] = await prisma.$queryRaw<{ transactions: number }[]>`
    SELECT count(DISTINCT x)::int AS transactions FROM (
      SELECT xmin::text AS x FROM "Control" WHERE "orgId" = ${ctx.orgId}::uuid
      UNION ALL SELECT xmin::text FROM "ControlImplementation" WHERE "orgId" = ${ctx.orgId}::uuid
      UNION ALL SELECT xmin::text FROM "ControlRequirement" WHERE "orgId" = ${ctx.orgId}::uuid
      UNION ALL SELECT xmin::text FROM "AuditEvent" WHERE "chain" = ${ctx.orgId} AND "action" = 'controls.imported'
    ) AS rows`;
  return written!.transactions;
}

const snapshot = async (ctx: OrgContext) => ({
  controls: await prisma.control.count({ where: { orgId: ctx.orgId } }),
  mappings: await prisma.controlRequirement.count({ where: { orgId: ctx.orgId } }),
  implementations: await prisma.controlImplementation.count({ where: { orgId: ctx.orgId } }),
});

describe('controls CSV', () => {
  it('round-trips: an export imported into a new organization gives the same controls, owners and mappings', async () => {
    const { ctx: a } = await createOrganization();
    const { ctx: editor, email: editorEmail } = await createMember(a, 'EDITOR');
    await loadStarterLibrary(a);
    const payments = await createTestSystem(a, ['ec2', 's3'], 'Payments platform');
    const events = await createTestSystem(a, ['lambda'], 'Event pipeline');
    await importOscalText(a, NIST, { via: 'upload', schemaDir: OSCAL });
    const cc61 = await soc2(a);
    const formula = await createTestControl(a, {
      code: 'CUST-1',
      title: '@risk review',
      description: '=HYPERLINK("http://evil.example","click")',
      customerStatement: '-1 day after release',
      nistIds: ['ac-2', 'ia-2.1'],
    });
    await mapControl(a, { controlId: formula.id, requirementId: cc61.id, rationale: 'Access reviews' });
    // A control bound to S3: it applies to Payments, not to the Lambda-only Event pipeline.
    await importControlsCsv(
      a,
      'code,title,family,default_type,cadence,applies_to\nS3-1,Buckets block public access,Data protection,Customer,Annual,s3',
    );
    const library = await prisma.control.findMany({ where: { orgId: a.orgId }, select: { id: true }, orderBy: { code: 'asc' }, take: 10 });
    await bulkAssignOwner(a, { systemId: payments.id, controlIds: library.map((c) => c.id), ownerId: editor.userId });
    await bulkAssignOwner(a, { systemId: events.id, controlIds: [formula.id], ownerId: a.userId });
    // The team's customers' part of one control in Payments travels in its own columns.
    const owned = await prisma.controlImplementation.findFirstOrThrow({ where: { controlId: library[0]!.id, systemId: payments.id } });
    await saveCustomersPart(a, {
      controlId: library[0]!.id,
      systemId: payments.id,
      version: owned.version,
      customersResponsibility: 'Review the users of your tenant every quarter.',
      customersInherit: 'PARTIAL',
      plannedCompletionAt: null,
    });

    const exported = await exportControlsCsv(a);
    expect(
      exported.startsWith(
        '\uFEFFcode,title,description,family,default_type,aws_statement,customer_statement,cadence,nist_ids,applies_to,mappings,version,',
      ),
    ).toBe(true);
    expect(exported).toContain(
      'owner:Event pipeline,type:Event pipeline,status:Event pipeline,customers_responsibility:Event pipeline,customers_inherit:Event pipeline,owner:Payments platform',
    );
    expect(exported).toContain(',Review the users of your tenant every quarter.,Partial\r\n');
    // Words, not codes: types, cadences and statuses as the register says them.
    expect(exported).toContain(
      'S3-1,Buckets block public access,,Data protection,Customer,,,Annual,,s3,,1,,Customer,Not applicable — this system uses no Amazon S3,,Not said,,Customer,Not started,,Not said\r\n',
    );
    expect(exported).not.toMatch(/NOT_STARTED|PLANNED|NOT_APPLICABLE|SEMI_ANNUAL|,SHARED,|,CUSTOMER,|,INHERITED,/);
    // Formula injection: the cells are quoted with a leading apostrophe.
    expect(exported).toContain(`CUST-1,'@risk review,"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(exported).toContain("'-1 day after release");
    expect(exported).toContain(',SOC 2|CC6.1,');

    // Importing it again over the same organization changes nothing.
    const before = await snapshot(a);
    expect(await importControlsCsv(a, exported)).toMatchObject({
      created: 0,
      updated: 0,
      ownersSet: 0,
      customersPartsSet: 0,
      mappingsAdded: 0,
      mappingsRemoved: 0,
    });
    expect(await snapshot(a)).toEqual(before);

    const { ctx: b } = await createOrganization();
    // Both join b the way existing accounts do: invited, and accepting while signed in.
    const join = async (user: OrgContext, email: string, role: 'EDITOR' | 'ADMIN') =>
      acceptInvitation({ userId: user.userId, sessionVersion: 0 }, { token: (await inviteMember(b, { email, role })).token });
    await join(editor, editorEmail, 'EDITOR');
    const ownerOfA = await prisma.user.findUniqueOrThrow({ where: { id: a.userId }, select: { email: true } });
    await join(a, ownerOfA.email, 'ADMIN');
    await createTestSystem(b, ['ec2', 's3'], 'Payments platform');
    await createTestSystem(b, ['lambda'], 'Event pipeline');
    await importOscalText(b, NIST, { via: 'upload', schemaDir: OSCAL });
    await soc2(b);

    const imported = await importControlsCsv(b, exported);
    expect(imported).toMatchObject({
      created: before.controls,
      updated: 0,
      // 7 of the first 10 library controls have a customer half in Payments (EC2 and S3): bulk assignment skipped
      // the inherited one and the 2 bound to services it does not use (execution roles, database users); and CUST-1.
      ownersSet: 8,
      customersPartsSet: 1,
      mappingsRemoved: 0,
      mappingsAdded: before.mappings,
    });
    expect(await snapshot(b)).toEqual(before);
    expect(table(await exportControlsCsv(b))).toEqual(table(exported));
    const restored = await prisma.control.findFirstOrThrow({ where: { orgId: b.orgId, code: 'CUST-1' } });
    expect(restored).toMatchObject({
      title: '@risk review',
      description: '=HYPERLINK("http://evil.example","click")',
      customerStatement: '-1 day after release',
      nistIds: ['ac-2', 'ia-2.1'],
      appliesTo: [],
    });
    expect(await prisma.control.findFirstOrThrow({ where: { orgId: b.orgId, code: 'S3-1' }, select: { appliesTo: true } })).toEqual({
      appliesTo: ['s3'],
    });
    expect(await prisma.auditEvent.count({ where: { chain: b.orgId, action: 'controls.imported' } })).toBe(1);
    const part = await prisma.controlImplementation.findFirstOrThrow({
      where: { orgId: b.orgId, control: { code: 'AWS-AC-01' }, system: { name: 'Payments platform' } },
    });
    expect(part).toMatchObject({ customersResponsibility: 'Review the users of your tenant every quarter.', customersInherit: 'PARTIAL' });
  });

  it('sets and clears the team’s customers’ part from its columns; a stale row that would undo it is a conflict', async () => {
    const { ctx } = await createOrganization();
    const system = await createTestSystem(ctx, ['ec2'], 'Payments');
    const header = 'code,title,family,default_type,cadence,customers_responsibility:Payments,customers_inherit:Payments';
    await importControlsCsv(ctx, `${header}\nX-1,Accounts,Access,Customer,Annual,Review your users.,No`);
    const part = () => prisma.controlImplementation.findFirstOrThrow({ where: { orgId: ctx.orgId, systemId: system.id } });
    expect(await part()).toMatchObject({ customersResponsibility: 'Review your users.', customersInherit: 'NO', status: 'NOT_STARTED' });
    // A system the organization does not have is named by its column.
    await expect(
      importControlsCsv(ctx, 'code,title,family,default_type,cadence,customers_inherit:Ghost\nX-1,Accounts,Access,Customer,Annual,Yes'),
    ).rejects.toMatchObject({
      fieldErrors: { csv: ['Row 1, column “customers_inherit:Ghost”: There is no active system named “Ghost”.'] },
    });
    const exported = await exportControlsCsv(ctx);
    // Cleared by empty cells, as exported rows carry every value.
    expect(await importControlsCsv(ctx, `${header}\nX-1,Accounts,Access,Customer,Annual,,Not said`)).toMatchObject({
      customersPartsSet: 1,
    });
    expect(await part()).toMatchObject({ customersResponsibility: '', customersInherit: null });
    // The control changes in Demarc (a service line: not in the file): the older export is no conflict while it changes
    // nothing, and is one once it would set the customers' part back.
    const control = await prisma.control.findFirstOrThrow({ where: { orgId: ctx.orgId, code: 'X-1' } });
    await saveServiceLine(ctx, {
      controlId: control.id,
      controlVersion: control.version,
      serviceCode: 'ec2',
      type: 'SHARED',
      customerTask: 'Patch.',
      awsTask: '',
    });
    await expect(importControlsCsv(ctx, exported)).rejects.toMatchObject({
      code: 'CONFLICT',
      fieldErrors: { csv: [expect.stringContaining('Row 2 (X-1)')] },
    });
    expect(await part()).toMatchObject({ customersResponsibility: '' });
  });

  it('imports and exports 1,200 controls with owners and mappings in bulk', async () => {
    const { ctx } = await createOrganization();
    const { email } = await createMember(ctx, 'EDITOR');
    await createTestSystem(ctx, ['ec2'], 'Payments');
    const { framework } = await importOscalText(ctx, NIST, { via: 'upload', schemaDir: OSCAL });
    const ids = (
      await prisma.requirement.findMany({
        where: { frameworkId: framework.id, kind: 'control', withdrawn: false },
        select: { externalId: true },
      })
    ).map((r) => r.externalId);
    const rows = Array.from({ length: 1200 }, (_, i) =>
      [
        `BULK-${i}`,
        `Control ${i}`,
        'Bulk',
        'CUSTOMER',
        'QUARTERLY',
        `"${framework.name}|${ids[i % ids.length]}\n${framework.name}|${ids[(i + 1) % ids.length]}"`,
        email,
      ].join(','),
    );
    const csv = ['code,title,family,default_type,cadence,mappings,owner:Payments', ...rows].join('\n');

    expect(await importControlsCsv(ctx, csv)).toMatchObject({ created: 1200, ownersSet: 1200, mappingsAdded: 2400 });
    const exported = await exportControlsCsv(ctx);
    expect(table(exported)).toHaveLength(1201);
    expect(await importControlsCsv(ctx, exported)).toMatchObject({
      created: 0,
      updated: 0,
      ownersSet: 0,
      mappingsAdded: 0,
      mappingsRemoved: 0,
    });
    // The framework view at this size: a handful of queries, whatever the number of mappings.
    expect((await getFrameworkView(ctx, framework.id, parseFrameworkFilters({}))).coverage.mapped).toBe(ids.length);
  });

  it('updates by code, replaces mappings when the column is there, and bumps versions', async () => {
    const { ctx } = await createOrganization();
    const { id: requirementId } = await soc2(ctx);
    const control = await createTestControl(ctx, { code: 'AC-1', title: 'Old title' });
    await mapControl(ctx, { controlId: control.id, requirementId, rationale: '' });
    const csv =
      'code,title,family,default_type,cadence,mappings\nAC-1,New title,Access control,customer,Semi-annual,\nAC-2,Second,Access control,Shared,annual,SOC 2|CC6.1';
    expect(await importControlsCsv(ctx, csv)).toMatchObject({ created: 1, updated: 1, mappingsAdded: 1, mappingsRemoved: 1 });
    expect(await prisma.control.findUniqueOrThrow({ where: { id: control.id } })).toMatchObject({
      title: 'New title',
      defaultType: 'CUSTOMER',
      cadence: 'SEMI_ANNUAL',
      version: control.version + 1,
    });
    const mapped = await prisma.controlRequirement.findMany({
      where: { orgId: ctx.orgId },
      select: { control: { select: { code: true } }, rationale: true },
    });
    expect(mapped).toEqual([{ control: { code: 'AC-2' }, rationale: 'Imported from CSV' }]);
  });

  it('binds controls to services with applies_to, and leaves them bound when a file has no such column', async () => {
    const { ctx } = await createOrganization();
    const control = await createTestControl(ctx, { code: 'AC-1', title: 'T', family: 'F', defaultType: 'SHARED', cadence: 'MONTHLY' });
    const bind = (cell: string) =>
      importControlsCsv(ctx, `code,title,family,default_type,cadence,applies_to\nAC-1,T,F,Shared,Monthly,${cell}`);
    const appliesTo = async () => (await prisma.control.findUniqueOrThrow({ where: { id: control.id } })).appliesTo;

    expect(await bind('S3; rds')).toMatchObject({ updated: 1 });
    expect(await appliesTo()).toEqual(['rds', 's3']);
    expect(await bind('rds;s3')).toMatchObject({ updated: 0, unchanged: 1 });
    expect(await importControlsCsv(ctx, 'code,title,family,default_type,cadence\nAC-1,T,F,Shared,Monthly')).toMatchObject({ updated: 0 });
    expect(await appliesTo()).toEqual(['rds', 's3']);
    expect(await bind('')).toMatchObject({ updated: 1 });
    expect(await appliesTo()).toEqual([]);
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { chain: ctx.orgId, action: 'controls.imported' },
      orderBy: { seq: 'desc' },
      select: { after: true },
    });
    expect(event.after).toMatchObject({ updatedFields: [{ code: 'AC-1', fields: ['appliesTo'] }] });

    await expect(bind('s3;glacier')).rejects.toMatchObject({
      problems: [
        {
          row: 2,
          column: 'applies_to',
          message: '“glacier” is not a service in the catalog. Write service codes such as s3 or rds, separated by semicolons.',
        },
      ],
    });
    expect(await appliesTo()).toEqual([]);
  });

  it('refuses a bad file whole, naming each row and column', async () => {
    const { ctx } = await createOrganization();
    const { ctx: viewer } = await createMember(ctx, 'VIEWER');
    const { ctx: disabled, email: disabledEmail } = await createMember(ctx, 'EDITOR');
    await prisma.membership.updateMany({ where: { orgId: ctx.orgId, userId: disabled.userId }, data: { disabledAt: new Date() } });
    await createTestSystem(ctx, ['ec2'], 'Payments');
    await soc2(ctx);
    await createTestControl(ctx, { code: 'OLD-1' });
    const before = await snapshot(ctx);

    const csv = [
      'code,title,family,default_type,cadence,mappings,owner:Payments,owner:Ghost',
      `NEW-1,Fine,Access,SHARED,MONTHLY,SOC 2|CC6.1,${disabledEmail},`,
      'NEW-2,,Access,PARTLY,MONTHLY,,,',
      'OLD-1,Update,Access,SHARED,MONTHLY,SOC 2|CC9.9,not-an-email,',
      'new-1,Duplicate,Access,SHARED,MONTHLY,,,',
    ].join('\n');
    // Problems in the file itself come first, all of them at once.
    await expect(importControlsCsv(ctx, csv)).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'The file has 4 problems; nothing was imported.',
      problems: [
        { row: 3, column: 'title', message: 'Enter a title.' },
        { row: 3, column: 'default_type', message: 'Choose inherited, shared or customer.' },
        { row: 4, column: 'owner:Payments', message: 'Enter the owner’s email address.' },
        { row: 5, column: 'code', message: 'This code is already on row 2.' },
      ],
    });
    // Then what the organization does not have: systems, active members, requirements.
    const parsesButUnknown = [
      'code,title,family,default_type,cadence,mappings,owner:Payments,owner:Ghost',
      `NEW-1,Fine,Access,SHARED,MONTHLY,SOC 2|CC6.1,${disabledEmail},`,
      'OLD-1,Update,Access,SHARED,MONTHLY,"SOC 2|CC9.9\nISO|A.5.1",,',
    ].join('\n');
    await expect(importControlsCsv(ctx, parsesButUnknown)).rejects.toMatchObject({
      problems: [
        { row: 1, column: 'owner:Ghost', message: 'There is no active system named “Ghost”.' },
        { row: 2, column: 'owner:Payments', message: `${disabledEmail} is not an active member of this organization.` },
        { row: 3, column: 'mappings', message: '“SOC 2” has no requirement “CC9.9” (or there is no such framework).' },
        { row: 3, column: 'mappings', message: '“ISO” has no requirement “A.5.1” (or there is no such framework).' },
      ],
    });
    await expect(importControlsCsv(ctx, 'code,title\nX,Y')).rejects.toMatchObject({
      problems: [
        { row: 1, column: 'family', message: 'This column is required.' },
        { row: 1, column: 'default_type', message: 'This column is required.' },
        { row: 1, column: 'cadence', message: 'This column is required.' },
      ],
    });
    await expect(importControlsCsv(viewer, 'code,title\nX,Y')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await snapshot(ctx)).toEqual(before);
  });

  it('imports 10,000 rows in one transaction, all or nothing, and refuses a row more before writing anything', async () => {
    const { ctx } = await createOrganization();
    const { email } = await createMember(ctx, 'EDITOR');
    await createTestSystem(ctx, ['ec2'], 'Payments');
    const { id: cc61 } = await soc2(ctx);
    const file = (rows: number, last = email) =>
      [
        'code,title,description,family,default_type,cadence,nist_ids,mappings,owner:Payments',
        ...Array.from(
          { length: rows },
          (_, i) =>
            `LOAD-${i},Control ${i},Reviewed every quarter,Load,Customer,Quarterly,"SI-2, AC-2",SOC 2|CC6.1,${i === rows - 1 ? last : email}`,
        ),
      ].join('\n');

    await expect(importControlsCsv(ctx, file(10_001))).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'This file has more than 10,000 rows; nothing was imported. Split it into files of at most 10,000 rows each.',
    });
    // A problem found in the database (the last row's owner is no member) refuses every row.
    await expect(importControlsCsv(ctx, file(10_000, 'stranger@example.test'))).rejects.toMatchObject({
      problems: [{ row: 10_001, column: 'owner:Payments', message: 'stranger@example.test is not an active member of this organization.' }],
    });
    expect(await snapshot(ctx)).toEqual({ controls: 0, mappings: 0, implementations: 0 });
    expect(await prisma.auditEvent.count({ where: { chain: ctx.orgId, action: 'controls.imported' } })).toBe(0);

    expect(await importControlsCsv(ctx, file(10_000))).toMatchObject({ created: 10_000, ownersSet: 10_000, mappingsAdded: 10_000 });
    expect(await snapshot(ctx)).toEqual({ controls: 10_000, mappings: 10_000, implementations: 10_000 });
    expect(await prisma.controlRequirement.count({ where: { orgId: ctx.orgId, requirementId: cc61 } })).toBe(10_000);
    expect(await writers(ctx)).toBe(1);
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { chain: ctx.orgId, action: 'controls.imported' },
      select: { after: true },
    });
    expect((event.after as { createdCodes: string[] }).createdCodes).toHaveLength(10_000);
  });

  it('refuses rows exported before their control changed, lists them, and writes them only when the user chooses to', async () => {
    const { ctx } = await createOrganization();
    const { ctx: colleague } = await createMember(ctx, 'EDITOR');
    const ac2 = await createTestControl(ctx, { code: 'AC-2', title: 'Account management' });
    await createTestControl(ctx, { code: 'AC-3', title: 'Access enforcement' });
    const lines = await createTestControl(ctx, { code: 'AC-4', title: 'Information flow' });
    const exported = await exportControlsCsv(ctx);

    // After the export, a colleague edits AC-2's title, and adds a service line to AC-4 (which the
    // file does not carry): both controls move to version 2.
    await updateControl(colleague, {
      id: ac2.id,
      version: ac2.version,
      code: 'AC-2',
      title: 'Account management, reviewed',
      description: '',
      family: ac2.family,
      defaultType: ac2.defaultType,
      awsStatement: '',
      customerStatement: '',
      cadence: ac2.cadence,
      nistIds: [],
      appliesTo: [],
    });
    await saveServiceLine(colleague, {
      controlId: lines.id,
      controlVersion: lines.version,
      serviceCode: 'ec2',
      type: 'SHARED',
      customerTask: 'Patch the instances.',
      awsTask: '',
    });
    // In the old file, the user edits AC-3.
    const edited = exported.replace('Access enforcement', 'Access enforcement (edited)');
    const rowOf = (code: string) => table(exported).findIndex((cells) => cells[0] === code) + 1;
    const current = async () =>
      Object.fromEntries(
        (await prisma.control.findMany({ where: { orgId: ctx.orgId }, select: { code: true, title: true }, orderBy: { code: 'asc' } })).map(
          (c) => [c.code, c.title],
        ),
      );
    const before = await current();
    const conflict = { row: rowOf('AC-2'), code: 'AC-2', version: 2, fileVersion: 1 };
    await expect(importControlsCsv(ctx, edited)).rejects.toMatchObject({
      code: 'CONFLICT',
      message:
        '1 control was changed in Demarc since this file was exported; nothing was imported. Export again to start from the current register, or choose to overwrite it with the file’s values.',
      conflicts: [conflict],
      fieldErrors: { csv: [`Row ${rowOf('AC-2')} (AC-2): changed in Demarc since this file was exported (version 2, file has 1)`] },
    });
    // Overwriting another row does not count.
    await expect(importControlsCsv(ctx, edited, { overwriteRows: [rowOf('AC-3')] })).rejects.toMatchObject({ conflicts: [conflict] });
    expect(await current()).toEqual(before);
    expect(await prisma.auditEvent.count({ where: { chain: ctx.orgId, action: 'controls.imported' } })).toBe(0);

    // AC-4's row is older too, but importing it undoes nothing: no conflict.
    expect(await importControlsCsv(ctx, edited, { overwriteRows: [conflict.row] })).toMatchObject({ updated: 2, created: 0 });
    expect(await current()).toMatchObject({ 'AC-2': 'Account management', 'AC-3': 'Access enforcement (edited)' });
    expect(await prisma.control.findUniqueOrThrow({ where: { id: ac2.id }, select: { version: true } })).toEqual({ version: 3 });
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { chain: ctx.orgId, action: 'controls.imported' },
      select: { after: true, actorId: true },
    });
    expect(event).toMatchObject({ actorId: ctx.userId, after: { overwritten: [conflict], updated: 2 } });
  });
});
