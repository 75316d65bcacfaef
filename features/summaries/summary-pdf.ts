import 'server-only';
import PDFDocument from 'pdfkit';
import { RESPONSIBILITY_LABELS, RESPONSIBILITY_TYPES } from '@/features/controls/responsibility.policy';
import { FRESHNESS_LABELS } from '@/features/evidence/evidence.policy';
import { failingText, STATUS_LABELS } from '@/features/controls/status.policy';
import { COVERAGE_LABELS, COVERAGE_STATES, coveredShare } from '@/features/frameworks/frameworks.policy';
import { serviceName } from '@/features/systems/service-catalog';
import {
  cellsText,
  failingControlsOf,
  failingOf,
  percent,
  readiness,
  type HalfJson,
  type StatusCell,
  type SummaryContent,
  type SummaryContentV1,
  type SummaryContentV2,
} from './summary.policy';

export type SummaryPdfMeta = {
  title: string;
  snapshot?: {
    sha256: string;
    createdAt: Date;
    signedBy: string | null;
    signedAt: Date | null;
    signComment: string | null;
    /** False when the stored content no longer matches its SHA-256: the PDF says so. */
    intact?: boolean;
  };
};

type Doc = InstanceType<typeof PDFDocument>;

// A4 in points, with room above and below the margins for the running header and footer.
const MARGIN = 50;
const PAGE = { width: 595.28, height: 841.89 };
const CONTENT_WIDTH = PAGE.width - 2 * MARGIN;
const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold', mono: 'Courier' } as const;
const INK = '#0f172a';
const MUTED = '#475569';
const RULE = '#cbd5e1';

const CELL_COLORS: Record<StatusCell['key'], string> = {
  IMPLEMENTED: '#16a34a',
  PARTIALLY_IMPLEMENTED: '#a3e635',
  PLANNED: '#fbbf24',
  NOT_STARTED: '#cbd5e1',
  REPORT_EXPIRED: '#f87171',
  NO_REPORT: '#cbd5e1',
};
const LEGEND: [StatusCell['key'], string][] = [
  ['IMPLEMENTED', 'Implemented (inherited: by AWS)'],
  ['PARTIALLY_IMPLEMENTED', 'Partially implemented'],
  ['PLANNED', 'Planned'],
  ['REPORT_EXPIRED', 'AWS report expired'],
  ['NOT_STARTED', 'Not started / no report on file'],
];

const ASCII: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201b': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u201f': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2212': '-',
  '\u2010': '-',
  '\u2011': '-',
  '\u2192': '->',
  '\u2190': '<-',
  '\u2194': '<->',
  '\u21d2': '=>',
  '\u2026': '...',
  '\u2022': '*',
  '\u2009': ' ',
  '\u202f': ' ',
  '\u2003': ' ',
  '\u2002': ' ',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2260': '!=',
  '\u2713': 'v',
  '\u2714': 'v',
  '\u2717': 'x',
};

/**
 * The built-in Helvetica has glyphs for Latin-1 only: typographic punctuation becomes its
 * ASCII equivalent, accented letters lose their accent, anything else becomes "?". Line breaks
 * stay (table cells use them); other control characters become spaces.
 */
export function pdfText(value: string): string {
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (ASCII[char] !== undefined) out += ASCII[char];
    else if (char === '\n') out += char;
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += ' ';
    else if (code <= 0xff) out += char;
    else {
      const plain = char.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      out += /^[\x20-\x7e\xa0-\xff]+$/.test(plain) ? plain : '?';
    }
  }
  return out;
}

const share = (part: number, whole: number) => {
  const p = percent(part, whole);
  return p === null ? '-' : `${p}%`;
};
const utc = (d: Date | string) => `${(typeof d === 'string' ? d : d.toISOString()).replace('T', ' ').slice(0, 16)} UTC`;

/** A name safe for Content-Disposition: lowercase ASCII words joined by dashes. */
export function pdfFileName(...parts: string[]): string {
  const slug = parts
    .join(' ')
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120);
  return `${slug || 'summary'}.pdf`;
}

/** The compliance summary (live or frozen) as an A4 PDF of real text: figures, chart, tables. */
export function renderSummaryPdf(summary: SummaryContent, meta: SummaryPdfMeta): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN + 10, bottom: MARGIN + 10, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: 'en',
    displayTitle: true,
    info: {
      Title: pdfText(meta.title),
      Author: 'Demarc',
      Subject: pdfText(`${summary.organization} - ${summary.system.name}`),
      CreationDate: meta.snapshot?.createdAt ?? new Date(summary.generatedAt),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font(FONT.regular).fillColor(INK);
  writeHeader(doc, summary, meta);
  if (meta.snapshot) writeSnapshot(doc, meta.snapshot);
  if (summary.schemaVersion === 1) {
    writeOlderFormat(doc, summary);
  } else {
    writeFigures(doc, summary);
    writeChart(doc, summary);
    writeFrameworks(doc, summary);
    writeGaps(doc, summary);
    writeNotApplicable(doc, summary);
    writeReports(doc, summary);
    writeControls(doc, summary);
  }
  writeRunningHeadAndFooter(doc, summary, meta);
  doc.end();
  return done;
}

const bottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

/** Starts a new page unless `height` more points fit on this one. */
function ensureSpace(doc: Doc, height: number) {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

function heading(doc: Doc, text: string) {
  ensureSpace(doc, 60);
  doc.moveDown(1).font(FONT.bold).fontSize(13).fillColor(INK).text(pdfText(text), MARGIN, doc.y, { width: CONTENT_WIDTH });
  doc.moveDown(0.4).font(FONT.regular).fontSize(10);
}

function note(doc: Doc, text: string) {
  doc.font(FONT.regular).fontSize(10).fillColor(MUTED).text(pdfText(text), MARGIN, doc.y, { width: CONTENT_WIDTH }).fillColor(INK);
}

function writeHeader(doc: Doc, summary: SummaryContent, meta: SummaryPdfMeta) {
  const { system } = summary;
  doc.font(FONT.bold).fontSize(18).text(pdfText(meta.title), MARGIN, doc.y, { width: CONTENT_WIDTH });
  doc.moveDown(0.3).font(FONT.regular).fontSize(10).fillColor(MUTED);
  const lines = [
    `Organization: ${summary.organization}`,
    `System: ${system.name}`,
    `Regions: ${system.regions.join(', ') || '-'}`,
    `Services: ${system.services.map(serviceName).join(', ') || '-'}`,
    `Figures as of ${utc(summary.generatedAt)}`,
  ];
  for (const line of lines) doc.text(pdfText(line), MARGIN, doc.y, { width: CONTENT_WIDTH });
  doc.fillColor(INK);
}

function writeSnapshot(doc: Doc, snapshot: NonNullable<SummaryPdfMeta['snapshot']>) {
  heading(doc, 'Snapshot');
  doc.text(`Frozen on ${utc(snapshot.createdAt)}. SHA-256 of its content:`, MARGIN, doc.y, { width: CONTENT_WIDTH });
  doc.font(FONT.mono).fontSize(9).text(snapshot.sha256, MARGIN, doc.y, { width: CONTENT_WIDTH, lineBreak: false });
  doc.moveDown(0.4).font(FONT.regular).fontSize(10);
  if (snapshot.intact === false) {
    doc
      .font(FONT.bold)
      .fillColor('#b91c1c')
      .text('Warning: this content does not match its SHA-256; it was changed after it was frozen.', MARGIN, doc.y, {
        width: CONTENT_WIDTH,
      });
    doc.font(FONT.regular).fillColor(INK);
  }
  const signOff =
    snapshot.signedAt && snapshot.signedBy
      ? `Signed off by ${snapshot.signedBy} on ${utc(snapshot.signedAt)}: "${snapshot.signComment ?? ''}"`
      : 'Not signed off yet.';
  doc.text(pdfText(signOff), MARGIN, doc.y, { width: CONTENT_WIDTH });
}

function writeFigures(doc: Doc, summary: SummaryContentV2) {
  const { controls, owners, evidence } = summary;
  const withEvidence = evidence.current + evidence.expiring;
  const ready = readiness(summary.rows);
  const figures = [
    {
      label: 'Readiness',
      value: share(ready.implemented, ready.applicable),
      detail: `${ready.implemented} of ${ready.applicable} that apply implemented, both halves, with current evidence`,
    },
    {
      label: 'Controls that apply',
      value: String(controls.applicable),
      detail: `of ${controls.total}; ${controls.notApplicable} not applicable. ${controls.byType.INHERITED} inherited, ${controls.byType.SHARED} shared, ${controls.byType.CUSTOMER} customer`,
    },
    {
      label: 'Customer halves with an owner',
      value: share(owners.withOwner, owners.customerHalves),
      detail: `${owners.withOwner} of ${owners.customerHalves}`,
    },
    {
      label: 'Controls with current accepted evidence',
      value: share(withEvidence, controls.applicable),
      detail: `${withEvidence} of ${controls.applicable} that apply`,
    },
    {
      label: 'Evidence expiring / expired',
      value: `${evidence.expiring} / ${evidence.expired}`,
      detail: `${evidence.missing} controls have none`,
    },
  ];
  heading(doc, 'Headline figures');
  const gap = 10;
  const boxWidth = (CONTENT_WIDTH - gap * (figures.length - 1)) / figures.length;
  const boxHeight = 86;
  ensureSpace(doc, boxHeight);
  const top = doc.y;
  figures.forEach((figure, i) => {
    const x = MARGIN + i * (boxWidth + gap);
    const inner = { width: boxWidth - 16 };
    doc.lineWidth(0.75).roundedRect(x, top, boxWidth, boxHeight, 4).stroke(RULE);
    doc
      .font(FONT.regular)
      .fontSize(8)
      .fillColor(MUTED)
      .text(figure.label, x + 8, top + 8, inner);
    doc
      .font(FONT.bold)
      .fontSize(16)
      .fillColor(INK)
      .text(figure.value, x + 8, top + 32, inner);
    doc
      .font(FONT.regular)
      .fontSize(7)
      .fillColor(MUTED)
      .text(figure.detail, x + 8, top + 52, inner);
  });
  doc.fillColor(INK).font(FONT.regular).fontSize(10);
  doc.x = MARGIN;
  doc.y = top + boxHeight;
  const failing = failingControlsOf(summary);
  if (failing > 0) {
    doc.moveDown(0.5);
    doc.text(
      `${failing} ${failing === 1 ? 'control that applies has' : 'controls that apply have'} failing automated checks: not counted as satisfied until they pass a scan or are accepted as a risk.`,
      MARGIN,
      doc.y,
      { width: CONTENT_WIDTH },
    );
  }
}

/** Stacked bars by type and status, drawn as vector rectangles, with the numbers in words beside them. */
function writeChart(doc: Doc, summary: SummaryContentV2) {
  const { controls } = summary;
  heading(doc, 'Implementation by responsibility type');
  const labelWidth = 90;
  const barWidth = 180;
  const barHeight = 12;
  const textX = MARGIN + labelWidth + barWidth + 12;
  const textWidth = MARGIN + CONTENT_WIDTH - textX;
  ensureSpace(doc, 3 * 40 + 40);
  for (const type of RESPONSIBILITY_TYPES) {
    const cells = controls.byTypeAndStatus[type];
    const total = controls.byType[type];
    const top = doc.y;
    const numbers = cellsText(cells);
    doc
      .font(FONT.bold)
      .fontSize(9)
      .fillColor(INK)
      .text(`${RESPONSIBILITY_LABELS[type]} (${total})`, MARGIN, top + 1, { width: labelWidth });
    doc.rect(MARGIN + labelWidth, top, barWidth, barHeight).fill('#f1f5f9');
    let x = MARGIN + labelWidth;
    if (total > 0) {
      for (const cell of cells) {
        if (cell.count === 0) continue;
        const width = (cell.count / total) * barWidth;
        doc.rect(x, top, width, barHeight).fill(CELL_COLORS[cell.key]);
        x += width;
      }
    }
    doc.font(FONT.regular).fontSize(8).fillColor(MUTED).text(numbers, textX, top, { width: textWidth });
    doc.y = Math.max(doc.y, top + barHeight) + 10;
  }
  // Legend: a swatch and its words per colour; the numbers beside the bars carry the same words.
  let x = MARGIN;
  const top = doc.y;
  doc.font(FONT.regular).fontSize(7);
  for (const [key, label] of LEGEND) {
    doc.rect(x, top, 7, 7).fill(CELL_COLORS[key]);
    doc.fillColor(MUTED).text(label, x + 10, top, { lineBreak: false });
    x += 10 + doc.widthOfString(label) + 12;
  }
  doc.fillColor(INK).fontSize(8);
  doc.x = MARGIN;
  doc.y = top + 12;
  note(doc, `Only controls that apply are counted; ${controls.notApplicable} do not apply (listed with their reason below).`);
}

type Column = { header: string; width: number; font?: keyof typeof FONT };

/** A table whose cells wrap; rows never split, and a new page repeats the header row. */
function table(doc: Doc, columns: Column[], rows: string[][]) {
  const pad = 4;
  const fontSize = 9;
  const drawHeader = () => {
    const top = doc.y;
    doc.font(FONT.bold).fontSize(8).fillColor(MUTED);
    const height = Math.max(...columns.map((c) => doc.heightOfString(c.header.toUpperCase(), { width: c.width - 2 * pad }))) + 2 * pad;
    doc.rect(MARGIN, top, CONTENT_WIDTH, height).fill('#f8fafc');
    let x = MARGIN;
    doc.fillColor(MUTED);
    for (const c of columns) {
      doc.text(c.header.toUpperCase(), x + pad, top + pad, { width: c.width - 2 * pad });
      x += c.width;
    }
    doc
      .moveTo(MARGIN, top + height)
      .lineTo(MARGIN + CONTENT_WIDTH, top + height)
      .lineWidth(0.75)
      .stroke(RULE);
    doc.y = top + height;
  };
  const cellHeight = (c: Column, text: string) => {
    doc.font(FONT[c.font ?? 'regular']).fontSize(fontSize);
    return doc.heightOfString(text, { width: c.width - 2 * pad });
  };

  ensureSpace(doc, 40);
  drawHeader();
  for (const raw of rows) {
    const cells = raw.map(pdfText);
    const height = Math.max(...columns.map((c, i) => cellHeight(c, cells[i] ?? ''))) + 2 * pad;
    if (doc.y + height > bottom(doc)) {
      doc.addPage();
      drawHeader();
    }
    const top = doc.y;
    let x = MARGIN;
    doc.fillColor(INK);
    columns.forEach((c, i) => {
      doc
        .font(FONT[c.font ?? 'regular'])
        .fontSize(fontSize)
        .text(cells[i] ?? '', x + pad, top + pad, { width: c.width - 2 * pad });
      x += c.width;
    });
    doc
      .moveTo(MARGIN, top + height)
      .lineTo(MARGIN + CONTENT_WIDTH, top + height)
      .lineWidth(0.5)
      .stroke('#e2e8f0');
    doc.y = top + height;
  }
  doc.x = MARGIN;
  doc.font(FONT.regular).fontSize(10).fillColor(INK);
}

function writeReports(doc: Doc, summary: SummaryContentV2) {
  heading(doc, 'AWS Artifact reports');
  if (summary.reports.length === 0) {
    note(doc, 'No provider report recorded: inherited controls and the AWS halves have no evidence.');
    return;
  }
  table(
    doc,
    [
      { header: 'Report', width: 165 },
      { header: 'Artifact id', width: 90, font: 'mono' },
      { header: 'Period', width: 110 },
      { header: 'Covers until', width: 70 },
      { header: 'State', width: CONTENT_WIDTH - 435 },
    ],
    summary.reports.map((r) => [
      r.title,
      r.artifactReportId,
      `${r.periodStart} to ${r.periodEnd}`,
      r.validUntil,
      `${FRESHNESS_LABELS[r.state]}${r.superseded ? ' (superseded)' : ''}`,
    ]),
  );
}

function writeFrameworks(doc: Doc, summary: SummaryContentV2) {
  heading(doc, 'Requirement coverage');
  if (summary.frameworks.length === 0) {
    note(doc, 'No framework imported.');
    return;
  }
  const stateWidth = 52;
  table(
    doc,
    [
      { header: 'Framework', width: CONTENT_WIDTH - 60 - COVERAGE_STATES.length * stateWidth - 70 },
      { header: 'Requirements', width: 60 },
      ...COVERAGE_STATES.map((s) => ({ header: COVERAGE_LABELS[s], width: stateWidth })),
      { header: 'Covered share', width: 70 },
    ],
    summary.frameworks.map((f) => {
      const { covered, of } = coveredShare(f.states);
      return [
        f.name,
        String(f.requirements),
        ...COVERAGE_STATES.map((s) => String(f.states[s])),
        `${covered} of ${of} (${share(covered, of)})`,
      ];
    }),
  );
}

function writeGaps(doc: Doc, summary: SummaryContentV2) {
  heading(doc, 'Top gaps');
  if (summary.gaps.length === 0) {
    note(doc, 'No gaps: every control that applies is implemented, both halves, with an owner and current evidence.');
    return;
  }
  table(
    doc,
    [
      { header: 'Control', width: 205 },
      { header: 'Type', width: 60 },
      { header: 'Owner', width: 90 },
      { header: 'Gap', width: CONTENT_WIDTH - 355 },
    ],
    summary.gaps.map((g) => [`${g.code} ${g.title}`, RESPONSIBILITY_LABELS[g.type], g.owner ?? '-', g.reasons.join('\n')]),
  );
  if (summary.gapCount > summary.gaps.length) {
    note(doc, `${summary.gapCount - summary.gaps.length} more controls have gaps; every control is listed under Controls.`);
  }
}

function writeNotApplicable(doc: Doc, summary: SummaryContentV2) {
  heading(doc, `Not applicable (${summary.notApplicableControls.length})`);
  if (summary.notApplicableControls.length === 0) {
    note(doc, 'Every control applies to this system.');
    return;
  }
  table(
    doc,
    [
      { header: 'Control', width: 205 },
      { header: 'Type', width: 60 },
      { header: 'Reason', width: CONTENT_WIDTH - 265 },
    ],
    summary.notApplicableControls.map((c) => [`${c.code} ${c.title}`, RESPONSIBILITY_LABELS[c.type], c.reason]),
  );
}

const halfText = (label: string, h: HalfJson | null) =>
  h ? `${label}: ${FRESHNESS_LABELS[h.state].toLowerCase()}${h.validUntil ? ` until ${h.validUntil}` : ''}` : null;

/** Every control: overall status with both halves, owner with email, evidence per half, next review. */
function writeControls(doc: Doc, summary: SummaryContentV2) {
  heading(doc, `Controls (${summary.rows.length})`);
  table(
    doc,
    [
      { header: 'Control', width: 125 },
      { header: 'Type', width: 50 },
      { header: 'Status and halves', width: 130 },
      { header: 'Owner', width: 80 },
      { header: 'Evidence', width: 65 },
      { header: 'Next review', width: CONTENT_WIDTH - 450 },
    ],
    summary.rows.map((r) => [
      `${r.code} ${r.title}`,
      RESPONSIBILITY_LABELS[r.type],
      [
        r.applicability ?? r.statusLabel,
        failingText(failingOf(r)),
        r.aws && r.customer ? r.aws.text : r.aws && r.aws.text !== r.statusLabel ? r.aws.text : null,
        r.aws && r.customer ? `Customer half: ${STATUS_LABELS[r.customer.status].toLowerCase()}` : null,
      ]
        .filter(Boolean)
        .join('\n'),
      r.owner ? `${r.owner.name}\n${r.owner.email}` : '-',
      r.applies
        ? [FRESHNESS_LABELS[r.evidence.overall], halfText('AWS', r.evidence.aws), halfText('Customer', r.evidence.customer)]
            .filter(Boolean)
            .join('\n')
        : '-',
      r.nextReviewAt ?? '-',
    ]),
  );
}

/** A snapshot frozen in the first format: its rows as recorded. */
function writeOlderFormat(doc: Doc, summary: SummaryContentV1) {
  heading(doc, 'Controls as recorded');
  note(
    doc,
    'This snapshot was frozen in an older format: it records each control’s type, status, owner and evidence, but not applicability, the AWS and customer halves, or the evidence versions relied on.',
  );
  doc.moveDown(0.5);
  table(
    doc,
    [
      { header: 'Control', width: 110 },
      { header: 'Type', width: 70 },
      { header: 'Status', width: 120 },
      { header: 'Owner', width: 120 },
      { header: 'Evidence', width: CONTENT_WIDTH - 420 },
    ],
    summary.rows.map((r) => [r.code, RESPONSIBILITY_LABELS[r.type], STATUS_LABELS[r.status], r.owner ?? '-', FRESHNESS_LABELS[r.evidence]]),
  );
}

/** Once every page exists: the running header and "Page n of m" on each. */
function writeRunningHeadAndFooter(doc: Doc, summary: SummaryContent, meta: SummaryPdfMeta) {
  const range = doc.bufferedPageRange();
  const head = pdfText(`${summary.organization} - ${summary.system.name}`);
  const foot = meta.snapshot ? `Snapshot ${meta.snapshot.sha256.slice(0, 12)}` : `Live summary, ${utc(summary.generatedAt)}`;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing inside the margins would otherwise start a new page.
    const margins = { ...doc.page.margins };
    doc.page.margins.top = 0;
    doc.page.margins.bottom = 0;
    doc.font(FONT.regular).fontSize(8).fillColor(MUTED);
    doc.text(head, MARGIN, 28, { width: CONTENT_WIDTH, lineBreak: false });
    const y = doc.page.height - 38;
    doc
      .moveTo(MARGIN, y - 6)
      .lineTo(MARGIN + CONTENT_WIDTH, y - 6)
      .lineWidth(0.5)
      .stroke(RULE);
    doc.text(foot, MARGIN, y, { width: CONTENT_WIDTH / 2, lineBreak: false });
    doc.text(`Page ${i - range.start + 1} of ${range.count}`, MARGIN + CONTENT_WIDTH / 2, y, {
      width: CONTENT_WIDTH / 2,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins = margins;
  }
}
