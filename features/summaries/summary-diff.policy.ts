import { RESPONSIBILITY_LABELS, RESPONSIBILITY_TYPES } from '@/features/controls/responsibility.policy';
import { AWS_HALF_LABELS, failingText, STATUS_LABELS } from '@/features/controls/status.policy';
import { FRESHNESS_LABELS } from '@/features/evidence/evidence.policy';
import { COVERAGE_LABELS, COVERAGE_STATES } from '@/features/frameworks/frameworks.policy';
import { failingControlsOf, failingOf, type SummaryContent } from './summary.policy';

export type SummaryChange = { what: string; before: string; after: string };

/** A summary reduced to what can be compared, every value in the words the pages use. */
type Comparable = { figures: Map<string, number>; rows: Map<string, Map<string, string>> };

const NO_OWNER = 'No owner';

function comparable(content: SummaryContent): Comparable {
  const figures = new Map<string, number>();
  const rows = new Map<string, Map<string, string>>();
  const { controls, owners, evidence } = content;
  figures.set('Controls', controls.total);
  if (content.schemaVersion === 2) {
    figures.set('Applicable controls', content.controls.applicable);
    figures.set('Not applicable controls', content.controls.notApplicable);
  }
  for (const type of RESPONSIBILITY_TYPES) figures.set(`${RESPONSIBILITY_LABELS[type]} controls`, controls.byType[type]);
  figures.set('Customer halves with an owner', owners.withOwner);
  figures.set('Controls with current evidence', evidence.current);
  figures.set('Evidence expiring soon', evidence.expiring);
  figures.set('Evidence expired', evidence.expired);
  figures.set('Controls without evidence', evidence.missing);

  if (content.schemaVersion === 1) {
    for (const row of content.rows) {
      rows.set(
        row.code,
        new Map([
          ['type', RESPONSIBILITY_LABELS[row.type]],
          ['status', STATUS_LABELS[row.status]],
          ['owner', row.owner ?? NO_OWNER],
          ['evidence', FRESHNESS_LABELS[row.evidence]],
        ]),
      );
    }
    return { figures, rows };
  }

  for (const f of content.frameworks) {
    for (const state of COVERAGE_STATES) figures.set(`${f.name}: ${COVERAGE_LABELS[state].toLowerCase()}`, f.states[state]);
  }
  figures.set('Gaps', content.gapCount);
  // Content frozen before failing checks were recorded reads as none failing.
  figures.set('Controls with failing checks', failingControlsOf(content));
  for (const row of content.rows) {
    rows.set(
      row.code,
      new Map([
        ['type', RESPONSIBILITY_LABELS[row.type]],
        ['applicability', row.applicability ?? 'Applies'],
        ['AWS half', row.aws ? AWS_HALF_LABELS[row.aws.state] : 'None'],
        ['customer half', row.customer ? STATUS_LABELS[row.customer.status] : 'None'],
        ['status', row.statusLabel],
        ['failing checks', failingText(failingOf(row)) ?? 'None'],
        ['owner', row.owner?.name ?? NO_OWNER],
        ['evidence', row.applies ? FRESHNESS_LABELS[row.evidence.overall] : 'Not applicable'],
      ]),
    );
  }
  return { figures, rows };
}

/**
 * What changed between two summaries: headline figures, then control by control, in words.
 * Across formats only what both record is compared.
 */
export function diffSummaries(before: SummaryContent, after: SummaryContent): SummaryChange[] {
  const a = comparable(before);
  const b = comparable(after);
  const changes: SummaryChange[] = [];
  for (const [what, value] of b.figures) {
    const was = a.figures.get(what);
    if (was !== undefined && was !== value) changes.push({ what, before: String(was), after: String(value) });
  }
  for (const [code, fields] of b.rows) {
    const was = a.rows.get(code);
    if (!was) {
      changes.push({ what: code, before: 'Not in the register', after: `${fields.get('type')}, ${fields.get('status')}` });
      continue;
    }
    for (const [field, value] of fields) {
      const old = was.get(field);
      if (old !== undefined && old !== value) changes.push({ what: `${code} ${field}`, before: old, after: value });
    }
  }
  for (const code of a.rows.keys()) {
    if (!b.rows.has(code)) changes.push({ what: code, before: 'In the register', after: 'Archived or removed' });
  }
  return changes;
}
