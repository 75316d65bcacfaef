/**
 * OSCAL assessment results (JSON): one finding per `results[].findings[]` entry, streamed one
 * at a time. The target id (`ac-6.1_obj`, `au-1_smt.a`, `sc-13`) is both the check id and the
 * requirement id; `satisfied` is PASSED and `not-satisfied` FAILED.
 *
 * Tools write OSCAL that is not schema-valid. What cannot be read safely is refused with where
 * (a finding without a target, an unknown state, no results). What can be read safely is
 * accepted and reported through `onWarning` with where: a missing `import-ap`, properties the
 * schema does not have (`relevant_evidence`, a root `oscal-version`), an empty title or one with
 * a line break.
 * Observations, risks and back-matter are checked as JSON but not held.
 */
import { asRecord, joinText, parseTimestamp, refuse, text, type Finding, type FindingStatus } from './findings.policy';
import { pathIs, streamJsonValues, type JsonPath } from './json-stream';
import type { ParseContext } from './parse';

const AR = 'assessment-results';
const FINDING_KEYS = new Set([
  'uuid',
  'title',
  'description',
  'props',
  'links',
  'origins',
  'target',
  'implementation-statement-uuid',
  'related-observations',
  'related-risks',
  'remarks',
]);
const STATE: Record<string, FindingStatus> = { satisfied: 'PASSED', 'not-satisfied': 'FAILED' };

/** OSCAL titles are one non-empty line (markup-line, pattern `^[^\n]+$`). */
const titleProblem = (title: string) =>
  title === ''
    ? 'is empty (OSCAL requires a title of one line)'
    : title.includes('\n')
      ? 'holds a line break (OSCAL allows one line)'
      : null;

const pathText = (path: JsonPath) => path.map((p, k) => (typeof p === 'number' ? `[${p}]` : k === 0 ? p : `.${p}`)).join('');

export async function* parseOscalAssessmentResults(chunks: AsyncIterable<Uint8Array>, ctx: ParseContext): AsyncGenerator<Finding> {
  const warned = new Set<string>();
  const warn = (key: string, message: string) => {
    if (warned.has(key)) return;
    warned.add(key);
    ctx.options.onWarning?.(message);
  };
  let sawRoot = false;
  let sawImportAp = false;
  let results = 0;
  let tool: Finding['tool'] = { name: 'OSCAL assessment results', version: null };
  let fallbackTime: Date | null = null;
  const resultTime = new Map<number, Date>();

  const select = (path: JsonPath): 'take' | 'enter' => {
    if (path.length === 1 && path[0] !== AR && typeof path[0] === 'string') {
      warn(`root:${path[0]}`, `"${path[0]}" beside "assessment-results" is not in the OSCAL schema (ignored).`);
    }
    if (path[0] !== AR) return path.length === 0 ? 'enter' : 'take';
    if (pathIs(path, [AR])) sawRoot = true;
    if (pathIs(path, [AR, 'import-ap'])) sawImportAp = true;
    if (pathIs(path, [AR, 'results', '*'])) results++;
    const key = path.at(-1);
    if (typeof key === 'string' && key.includes('_')) {
      warn(`key:${key}`, `${pathText(path)}: "${key}" is not an OSCAL property (OSCAL names use hyphens); ignored.`);
    }
    if (pathIs(path, [AR, 'metadata', 'title']) || pathIs(path, [AR, 'metadata', 'version'])) return 'take';
    if (pathIs(path, [AR, 'metadata', 'last-modified']) || pathIs(path, [AR, 'metadata', 'published'])) return 'take';
    if (pathIs(path, [AR, 'results', '*', 'start']) || pathIs(path, [AR, 'results', '*', 'end'])) return 'take';
    if (pathIs(path, [AR, 'results', '*', 'findings', '*'])) return 'take';
    if (key === 'title' && path.length > 2) return 'take'; // to check MarkupLine titles
    return 'enter';
  };

  for await (const { path, value, start } of streamJsonValues(chunks, {
    select,
    maxValueBytes: ctx.limits.maxFindingBytes,
    noun: 'OSCAL value',
  })) {
    if (path[0] !== AR) continue;
    if (path.at(-1) === 'title' && !pathIs(path, [AR, 'metadata', 'title'])) {
      const problem = typeof value === 'string' ? titleProblem(value) : 'is not text';
      if (problem) warn(`title:${pathText(path)}`, `${pathText(path)}: the title ${problem}; accepted as it is.`);
      continue;
    }
    if (pathIs(path, [AR, 'metadata', 'title'])) {
      tool = { ...tool, name: text(value) ?? tool.name };
      continue;
    }
    if (pathIs(path, [AR, 'metadata', 'version'])) {
      tool = { ...tool, version: text(value) };
      continue;
    }
    if (path[1] === 'metadata') {
      fallbackTime = parseTimestamp(value) ?? fallbackTime;
      continue;
    }
    const index = path[2] as number;
    if (path[3] === 'start' || path[3] === 'end') {
      const time = parseTimestamp(value);
      if (time && (path[3] === 'end' || !resultTime.has(index))) resultTime.set(index, time);
      continue;
    }
    const observedAt = resultTime.get(index) ?? fallbackTime;
    yield oscalFinding(value, path, start, tool, observedAt, warn);
  }

  if (!sawRoot) throw refuse('The file has no "assessment-results" object.');
  if (results === 0) throw refuse('assessment-results has no "results": there is nothing to import.');
  if (!sawImportAp) warn('import-ap', 'assessment-results has no "import-ap" (required by the OSCAL schema); accepted without it.');
}

function oscalFinding(
  value: unknown,
  path: JsonPath,
  start: number,
  tool: Finding['tool'],
  observedAt: Date | null,
  warn: (key: string, message: string) => void,
): Finding {
  const where = `${pathText(path)} (at byte ${(start + 1).toLocaleString('en')})`;
  const f = asRecord(value);
  for (const key of Object.keys(f)) {
    if (!FINDING_KEYS.has(key)) warn(`finding-key:${key}`, `${where}: "${key}" is not a property of an OSCAL finding; ignored.`);
  }
  const target = asRecord(f.target);
  const targetId = text(target['target-id']);
  if (!targetId) throw refuse(`${where}: the finding has no target id, so it cannot be placed on a requirement.`);
  const state = text(asRecord(target.status).state);
  const status = state ? STATE[state] : undefined;
  if (!status) throw refuse(`${where}: the finding's target status "${state ?? '(none)'}" is neither "satisfied" nor "not-satisfied".`);
  if (!observedAt) throw refuse(`${where}: neither the result nor the metadata says when the assessment was made.`);
  const uuid = text(f.uuid);
  if (!uuid) throw refuse(`${where}: the finding has no uuid.`);
  const problem = typeof f.title === 'string' ? titleProblem(f.title) : null;
  if (problem) warn(`title:${where}`, `${where}: the title ${problem}; accepted as it is.`);
  const title = text(f.title) ?? targetId;
  return {
    format: 'oscal-assessment-results',
    tool,
    findingId: uuid,
    checkId: targetId,
    title,
    status,
    statusDetail: text(target.type),
    suppressed: false,
    archived: false,
    severity: null,
    accountId: null,
    region: null,
    resource: null,
    observedAt,
    remediation: joinText(text(f.description), text(f.remarks)),
    requirements: [{ framework: 'OSCAL', ids: [targetId] }],
  };
}
