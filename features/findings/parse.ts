/**
 * The entry point: `readFindings(source, options)` recognises the format from the first bytes,
 * then streams the file through that format's parser, yielding normalised findings one at a
 * time. It never holds the whole file: memory is bounded by the largest single finding
 * (`maxFindingBytes`), and it refuses a file with more than `maxFindings`.
 *
 * Every problem is an AppError (VALIDATION) whose message says what and where; a caller that
 * wants all-or-nothing collects the findings and stores them only when iteration ends cleanly.
 *
 * The module's surface, for the steps that store and map findings:
 * - `readFindings` (here) and `detectFormat` (detect.ts);
 * - `Finding`, `FindingFormat`, `FORMAT_LABELS`, `ParseOptions`, `DEFAULT_LIMITS` (findings.policy.ts);
 * - `normalizeRequirements` / `normalizeRequirementId` (requirement-ids.ts): a finding's
 *   requirement ids in canonical form, and the ones that are not ids with a reason;
 * - `CREDENTIAL_CHECKS` (parse-credential-report.ts): the check ids the credential report yields.
 */
import type { Readable } from 'node:stream';
import { asffLayout, parseAsff } from './parse-asff';
import { parseAwsConfig } from './parse-aws-config';
import { parseCredentialReport } from './parse-credential-report';
import { parseOscalAssessmentResults } from './parse-oscal-ar';
import { parseProwlerJson, parseProwlerOcsf } from './parse-prowler';
import { detectFormat, rootKeys } from './detect';
import {
  DEFAULT_LIMITS,
  DETECT_PREFIX_BYTES,
  refuse,
  type Finding,
  type FindingFormat,
  type FindingLimits,
  type ParseOptions,
} from './findings.policy';

export type ParseContext = { limits: FindingLimits; options: ParseOptions };

/** A stream, or chunks (bytes or text) in an async or plain iterable, or one text or buffer. */
export type FindingsSource = Readable | AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string> | Uint8Array | string;

export type FindingsRead = { format: FindingFormat; findings: AsyncGenerator<Finding> };

async function* bytesOf(source: FindingsSource): AsyncGenerator<Uint8Array> {
  if (typeof source === 'string' || source instanceof Uint8Array) {
    yield typeof source === 'string' ? Buffer.from(source, 'utf8') : source;
    return;
  }
  for await (const chunk of source as AsyncIterable<Uint8Array | string>) {
    yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
  }
}

/** Reads up to `size` bytes, and gives back a stream that replays them before the rest. */
async function peek(source: AsyncIterable<Uint8Array>, size: number): Promise<{ prefix: Uint8Array; all: AsyncGenerator<Uint8Array> }> {
  const iterator = source[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let length = 0;
  let done = false;
  while (length < size) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    head.push(next.value);
    length += next.value.length;
  }
  async function* all() {
    yield* head;
    if (done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { prefix: Buffer.concat(head).subarray(0, size), all: all() };
}

/** Detects the format and streams the file's findings; refuses a file of another shape. */
export async function readFindings(source: FindingsSource, options: ParseOptions = {}): Promise<FindingsRead> {
  const limits: FindingLimits = {
    maxFindings: options.maxFindings ?? DEFAULT_LIMITS.maxFindings,
    maxFindingBytes: options.maxFindingBytes ?? DEFAULT_LIMITS.maxFindingBytes,
  };
  const { prefix, all } = await peek(bytesOf(source), DETECT_PREFIX_BYTES);
  const detection = detectFormat(prefix);
  if (!detection.ok) throw refuse(detection.message);
  const ctx: ParseContext = { limits, options };
  const prefixText = Buffer.from(prefix)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  return { format: detection.format, findings: counted(parserFor(detection.format, all, ctx, prefixText), limits.maxFindings) };
}

function parserFor(format: FindingFormat, chunks: AsyncIterable<Uint8Array>, ctx: ParseContext, prefix: string): AsyncGenerator<Finding> {
  switch (format) {
    case 'asff':
      return parseAsff(withoutBom(chunks), asffLayout(prefix, rootKeys(prefix.trimStart())), ctx);
    case 'aws-config':
      return parseAwsConfig(withoutBom(chunks), ctx);
    case 'prowler-ocsf':
      return parseProwlerOcsf(withoutBom(chunks), ctx);
    case 'prowler-json':
      return parseProwlerJson(withoutBom(chunks), ctx);
    case 'oscal-assessment-results':
      return parseOscalAssessmentResults(withoutBom(chunks), ctx);
    case 'iam-credential-report':
      return parseCredentialReport(chunks, ctx);
  }
}

async function* withoutBom(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let first = true;
  for await (const chunk of chunks) {
    if (first && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) yield chunk.subarray(3);
    else yield chunk;
    first = false;
  }
}

async function* counted(findings: AsyncGenerator<Finding>, max: number): AsyncGenerator<Finding> {
  let n = 0;
  for await (const finding of findings) {
    if (++n > max) throw refuse(`The file holds more than ${max.toLocaleString('en')} findings, the limit for one import; split it.`);
    yield finding;
  }
}
