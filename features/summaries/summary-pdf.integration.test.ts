import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { createMember, createOrganization, createTestSystem } from '@/test/factories';
import { listControls } from '@/features/controls/controls.data';
import { parseRegisterFilters } from '@/features/controls/register.policy';
import { loadStarterLibrary } from '@/features/library/library.data';
import { bulkAssignOwner, saveImplementation } from '@/features/owners/owners.data';
import { createSnapshot, getSnapshot, signOffSnapshot } from './summaries.data';
import { pdfText, renderSummaryPdf } from './summary-pdf';
import { percent, readiness, type SummaryContentV2 } from './summary.policy';

/** The PDF's text, page by page, as a reader's tool extracts it. */
async function readPdf(pdf: Buffer) {
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const document = await getDocumentProxy(new Uint8Array(pdf));
  const { totalPages, text } = await extractText(document, { mergePages: false });
  return { totalPages, pages: text, all: text.join('\n').replace(/\s+/g, ' ') };
}

async function signedSnapshot() {
  const { ctx } = await createOrganization();
  const { ctx: auditor } = await createMember(ctx, 'AUDITOR');
  await loadStarterLibrary(ctx);
  const system = await createTestSystem(ctx, ['ec2', 's3', 'iam'], 'Payments ledger');
  const register = await listControls(ctx, parseRegisterFilters({ system: system.id }));
  const customerHalves = register.rows.filter((r) => r.effective.type !== 'INHERITED').slice(0, 3);
  await bulkAssignOwner(ctx, { systemId: system.id, controlIds: [customerHalves[0]!.id], ownerId: ctx.userId });
  // Marked not applicable by hand: the justification must reach the PDF.
  const residency = register.rows.find((r) => r.code === 'AWS-SA-02')!;
  await saveImplementation(ctx, {
    controlId: residency.id,
    systemId: system.id,
    version: 0,
    status: 'NOT_APPLICABLE',
    narrative: '',
    justification: 'Data residency is fixed by an organization-wide SCP.',
    ownerId: '',
    nextReviewAt: '',
  });
  const { id } = await createSnapshot(auditor, { systemId: system.id });
  await signOffSnapshot(auditor, { snapshotId: id, comment: 'Reviewed for the “SOC 2” scope — all good → ship.' });
  const snapshot = await getSnapshot(ctx, id);
  return { ...snapshot, content: snapshot.content as SummaryContentV2 };
}

describe('the summary PDF', () => {
  it('holds the snapshot’s figures, its SHA-256 and its sign-off as real text, page-numbered', async () => {
    const snapshot = await signedSnapshot();
    const { content } = snapshot;
    const pdf = await renderSummaryPdf(content, {
      title: `Compliance snapshot: ${content.system.name}`,
      snapshot: { ...snapshot, intact: snapshot.intact },
    });
    const { totalPages, pages, all } = await readPdf(pdf);

    expect(all).toContain('Compliance snapshot: Payments ledger');
    expect(all).toContain(content.organization);
    expect(all).toContain(snapshot.sha256);
    expect(all).toContain('Signed off by AUDITOR member');
    expect(all).toContain('"Reviewed for the "SOC 2" scope - all good -> ship."');

    const { controls, owners } = content;
    expect(controls.total).toBeGreaterThan(0);
    expect(all).toContain(`Controls that apply ${controls.applicable}`);
    const ready = readiness(content.rows);
    expect(all).toContain(`Readiness ${percent(ready.implemented, ready.applicable)}%`);
    expect(all).toContain(`${ready.implemented} of ${ready.applicable} that apply implemented`);
    expect(all).toContain(`${controls.notApplicable} not applicable`);
    expect(owners.withOwner).toBe(1);
    expect(all).toContain(`1 of ${owners.customerHalves}`);
    // The chart prints its numbers in words beside the bars.
    const [implemented, partly] = controls.byTypeAndStatus.SHARED;
    expect(all).toContain(`Shared (${controls.byType.SHARED})`);
    expect(all).toContain(`Implemented (${implemented!.count}), Partially implemented (${partly!.count})`);
    expect(all).toContain(`AWS half: no report on file (${controls.byType.INHERITED})`);
    expect(all).toContain('Top gaps');
    expect(all).toContain(content.gaps[0]!.code);
    expect(all).toContain('Not applicable - Data residency is fixed by an organization-wide SCP.');
    // Every control, with its owner's name and email.
    const owned = content.rows.find((r) => r.owner)!;
    expect(all.replace(/\s/g, '')).toContain(owned.owner!.email);
    expect(all).not.toMatch(/NOT_STARTED|PARTIALLY_IMPLEMENTED|NOT_APPLICABLE/);

    expect(pages[0]).toContain(`Page 1 of ${totalPages}`);
    expect(pages.at(-1)).toContain(`Page ${totalPages} of ${totalPages}`);
  });

  it('starts new pages when the gaps run long, numbering every page', async () => {
    const snapshot = await signedSnapshot();
    const longTitle =
      'Encrypt data at rest and in transit across every storage service, queue and backup, with keys rotated yearly and access logged';
    const gaps: SummaryContentV2['gaps'] = Array.from({ length: 60 }, (_, i) => ({
      code: `GAP-${String(i + 1).padStart(2, '0')}`,
      title: `${longTitle} (${i + 1})`,
      type: 'CUSTOMER',
      owner: i % 2 ? 'Zoë Łukasiewicz' : null,
      reasons: ['No owner', 'No accepted evidence'],
    }));
    const content: SummaryContentV2 = { ...snapshot.content, gaps, gapCount: 60 };
    const { totalPages, pages, all } = await readPdf(await renderSummaryPdf(content, { title: 'Compliance summary: long' }));
    expect(totalPages).toBeGreaterThan(2);
    pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${totalPages}`));
    // Every row made it, titles wrapped rather than cut; names outside Latin-1 are transliterated.
    for (let i = 1; i <= 60; i++) expect(all).toContain(`GAP-${String(i).padStart(2, '0')}`);
    expect(all).toContain('Zoë ?ukasiewicz');
    expect(pages.filter((p) => p.includes('GAP-')).length).toBeGreaterThan(1);
  });
});

describe('pdfText', () => {
  it('keeps Latin-1 and turns typographic punctuation into ASCII', () => {
    expect(pdfText('“Café” — ‘ok’ → done…')).toBe('"Café" - \'ok\' -> done...');
    expect(pdfText('Łódź\tzone')).toBe('?ódz zone');
  });
});
