// The global search against the real PostgreSQL: full-text matching with English stemming over
// controls, requirements, evidence and systems, one organization only, an auditor's audit period
// honoured, ranked pages, and snippets whose marks never carry markup.
import { describe, expect, it } from 'vitest';
import { findOrgContext } from '@/features/auth/auth.data';
import { createLinkEvidence, reviewEvidence, submitEvidence } from '@/features/evidence/evidence.data';
import { createFramework, createRequirement } from '@/features/frameworks/frameworks.data';
import { setAuditPeriod } from '@/features/members/members.data';
import { prisma } from '@/lib/db';
import type { OrgContext } from '@/lib/auth/permissions';
import { createMember, createOrganization, createTestControl, createTestSystem } from '@/test/factories';
import { searchOrganization } from './search.data';
import { parseSearchQuery, SEARCH_PAGE_SIZE } from './search.schema';

const search = (ctx: OrgContext, params: Record<string, string>) => searchOrganization(ctx, parseSearchQuery(params));
const textOf = (hit: { snippet: { text: string }[] }) => hit.snippet.map((p) => p.text).join('');
const marked = (hit: { snippet: { text: string; hit: boolean }[] }) => hit.snippet.filter((p) => p.hit).map((p) => p.text);

async function acceptedLink(owner: OrgContext, editor: OrgContext, controlId: string, effectiveAt: string, title: string) {
  const { id } = await createLinkEvidence(editor, {
    title,
    description: 'Exported from AWS Config',
    systemId: '',
    controlIds: [controlId],
    url: `https://example.test/${encodeURIComponent(title)}`,
    effectiveAt,
    source: 'AWS Config',
    periodStart: '',
    periodEnd: '',
    notes: '',
  });
  await submitEvidence(editor, { evidenceId: id, version: 1 });
  await reviewEvidence(owner, { evidenceId: id, version: 2, decision: 'ACCEPTED', reason: '' });
  return id;
}

describe('global search', () => {
  it('finds a control by a word of its statement, stemmed, with the word marked in its snippet', async () => {
    const { ctx } = await createOrganization();
    const control = await createTestControl(ctx, {
      title: 'Key custody',
      customerStatement: 'You rotate the customer managed keys every year and record each rotation.',
    });
    await createTestControl(ctx, { title: 'Unrelated', customerStatement: 'Nothing to see.' });

    const exact = await search(ctx, { q: 'rotate' });
    expect(exact.hits.map((h) => h.id)).toEqual([control.id]);
    expect(exact.hits[0]).toMatchObject({ kind: 'control', label: control.code, title: 'Key custody', archived: false });
    expect(marked(exact.hits[0]!)).toEqual(['rotate', 'rotation']);

    // Stemming: "rotating" and "rotations" find "rotate" and "rotation".
    expect((await search(ctx, { q: 'rotating' })).hits.map((h) => h.id)).toEqual([control.id]);
    expect((await search(ctx, { q: 'Rotations' })).hits.map((h) => h.id)).toEqual([control.id]);
    // All words must match; "-word" excludes.
    expect((await search(ctx, { q: 'rotate keys' })).hits).toHaveLength(1);
    expect((await search(ctx, { q: 'rotate -keys' })).hits).toHaveLength(0);
    expect((await search(ctx, { q: 'rotate penguins' })).hits).toHaveLength(0);
    // Nothing to look for: no query at all, and words PostgreSQL ignores.
    expect((await search(ctx, { q: '   ' })).total).toBe(0);
    expect((await search(ctx, { q: 'the and' })).total).toBe(0);
  });

  it('looks through requirements, evidence and systems too, and filters by kind', async () => {
    const { ctx } = await createOrganization();
    const { ctx: editor } = await createMember(ctx, 'EDITOR');
    const system = await createTestSystem(ctx, ['s3'], 'Ledger archive');
    await prisma.system.update({ where: { id: system.id }, data: { description: 'Keeps the ledger snapshots in glacier storage.' } });
    const framework = await createFramework(ctx, { name: 'Internal catalog', version: '', description: '' });
    const requirement = await createRequirement(ctx, {
      frameworkId: framework.id,
      externalId: 'ia-9',
      title: 'Glacier retrieval',
      statement: 'Retrieval of archived ledgers is logged.',
      parentExternalId: '',
      group: false,
    });
    const control = await createTestControl(ctx, { title: 'Ledger backups', description: 'Backups of the ledger are tested.' });
    const evidence = await acceptedLink(ctx, editor, control.id, '2026-01-15', 'Ledger restore test');

    const all = await search(ctx, { q: 'ledger' });
    expect(new Set(all.hits.map((h) => `${h.kind}:${h.id}`))).toEqual(
      new Set([`system:${system.id}`, `requirement:${requirement.id}`, `control:${control.id}`, `evidence:${evidence}`]),
    );
    expect(all.hits.find((h) => h.kind === 'requirement')).toMatchObject({ parentId: framework.id, parentName: 'Internal catalog' });
    // Ranked: each hit at least as relevant as the next.
    for (let i = 1; i < all.hits.length; i++) expect(all.hits[i - 1]!.rank).toBeGreaterThanOrEqual(all.hits[i]!.rank);

    const onlyEvidence = await search(ctx, { q: 'ledger', kind: 'evidence' });
    expect(onlyEvidence.hits.map((h) => h.id)).toEqual([evidence]);
    expect(onlyEvidence.total).toBe(1);
  });

  it("never shows another organization's items", async () => {
    const { ctx: mine } = await createOrganization();
    const { ctx: theirs } = await createOrganization();
    const { ctx: theirEditor } = await createMember(theirs, 'EDITOR');
    const own = await createTestControl(mine, { title: 'Quarantine procedure' });
    const foreign = await createTestControl(theirs, { title: 'Quarantine workflow' });
    await createTestSystem(theirs, ['ec2'], 'Quarantine cluster');
    await acceptedLink(theirs, theirEditor, foreign.id, '2026-02-01', 'Quarantine drill');

    const result = await search(mine, { q: 'quarantine' });
    expect(result.hits.map((h) => h.id)).toEqual([own.id]);
    expect(result.total).toBe(1);
  });

  it("honours an auditor's audit period for evidence", async () => {
    const { ctx: owner } = await createOrganization();
    const { ctx: editor } = await createMember(owner, 'EDITOR');
    const { ctx: plainAuditor, membershipId } = await createMember(owner, 'AUDITOR');
    const control = await createTestControl(owner, { title: 'Vulnerability scanning' });
    const inside = await acceptedLink(owner, editor, control.id, '2020-06-01', 'Inspector scan report spring');
    const outside = await acceptedLink(owner, editor, control.id, '2021-06-01', 'Inspector scan report later');
    await setAuditPeriod(owner, { membershipId, start: '2020-01-01', end: '2020-12-31' });
    const auditor = (await findOrgContext({ userId: plainAuditor.userId, sessionVersion: 0 }, owner.orgSlug))!;
    expect(auditor.auditPeriod).toBeDefined();

    const seen = (ctx: OrgContext) => search(ctx, { q: 'inspector', kind: 'evidence' }).then((r) => r.hits.map((h) => h.id).sort());
    expect(await seen(owner)).toEqual([inside, outside].sort());
    expect(await seen(auditor)).toEqual([inside]);
  });

  it('pages through many hits in rank order without repeating or losing one', async () => {
    const { ctx } = await createOrganization();
    const count = SEARCH_PAGE_SIZE * 2 + 5;
    await prisma.control.createMany({
      data: Array.from({ length: count }, (_, i) => ({
        orgId: ctx.orgId,
        code: `PG-${String(i).padStart(3, '0')}`,
        title: `Paging control ${i}`,
        family: 'Paging',
        defaultType: 'CUSTOMER' as const,
        cadence: 'ANNUAL' as const,
        // Some mention the word more often, so they rank higher.
        description: 'telemetry '.repeat(1 + (i % 4)),
      })),
    });
    const pages = [];
    for (let page = 1; page <= 3; page++) pages.push(await search(ctx, { q: 'telemetry', page: String(page) }));
    expect(pages.map((p) => p.total)).toEqual([count, count, count]);
    expect(pages.map((p) => p.hits.length)).toEqual([SEARCH_PAGE_SIZE, SEARCH_PAGE_SIZE, 5]);
    const ids = pages.flatMap((p) => p.hits.map((h) => h.id));
    expect(new Set(ids).size).toBe(count);
    const ranks = pages.flatMap((p) => p.hits.map((h) => h.rank));
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    // A page past the end shows the last one.
    const past = await search(ctx, { q: 'telemetry', page: '9' });
    expect(past.page).toBe(3);
    expect(past.hits.map((h) => h.id)).toEqual(pages[2]!.hits.map((h) => h.id));
  });

  it('returns snippets as plain text: tags dropped, nothing HTML-encoded, marks apart', async () => {
    const { ctx } = await createOrganization();
    await createTestControl(ctx, {
      title: 'Escaping',
      description: 'R&D keys <script>alert(1)</script> encryption <b>bold</b> & "quotes"',
    });
    const [hit] = (await search(ctx, { q: 'encryption' })).hits;
    expect(marked(hit!)).toEqual(['encryption']);
    expect(textOf(hit!)).not.toMatch(/<\/?(script|b)>/);
    expect(textOf(hit!)).not.toContain('&amp;');
    expect(textOf(hit!)).toContain('R&D');
  });

  it('uses its GIN indexes (the query and the migration write the same expressions)', async () => {
    const { ctx } = await createOrganization();
    await createTestControl(ctx, { title: 'Index check' });
    const indexes = await prisma.$queryRaw<{ indexname: string }[]>`
      SELECT indexname FROM pg_indexes WHERE indexname LIKE '%\_search\_idx' ORDER BY indexname`;
    expect(indexes.map((i) => i.indexname)).toEqual([
      'Control_search_idx',
      'Evidence_search_idx',
      'Requirement_search_idx',
      'System_search_idx',
    ]);
    const plan = await prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
      return tx.$queryRaw<{ 'QUERY PLAN': string }[]>`
        EXPLAIN SELECT c."id" FROM "Control" c
        WHERE to_tsvector('english'::regconfig, c."code" || ' ' || c."title" || ' ' || c."family" || ' ' || c."description" || ' ' || c."awsStatement" || ' ' || c."customerStatement")
          @@ websearch_to_tsquery('english'::regconfig, 'index')`;
    });
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain('Control_search_idx');
  });
});
