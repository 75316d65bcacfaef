/**
 * The pure rules of the findings ingest: which framework a requirement id belongs to, where a
 * finding goes (systems × controls, or the reason it goes nowhere), how it counts, and what one
 * scan records for one control in one system. The database side is ingest.data.ts.
 */
import { MAX_LISTED_FAILURES, type AutomatedResult, type FailingResource } from './automated';
import type { Finding, FindingFormat } from './findings.policy';
import { normalizeRequirements, type RequirementRef } from './requirement-ids';

/** The requirement families a finding's ids are matched in: FedRAMP ids are NIST SP 800-53 controls. */
export type RequirementFamily = 'nist' | 'soc2' | 'cis';

/**
 * Which family an organization's framework holds, from its name and identity: NIST SP 800-53
 * catalogs and baselines (any OSCAL catalog or profile, FedRAMP's included), SOC 2 (the Trust
 * Services Criteria), CIS AWS Foundations. Null for any other (ISO 27001, a custom framework).
 */
export function frameworkFamily(framework: { name: string; source: string; externalId: string | null }): RequirementFamily | null {
  const words = `${framework.name} ${framework.externalId ?? ''}`;
  if (/soc\s*-?\s*2|trust services/i.test(words)) return 'soc2';
  if (/\bcis\b/i.test(words)) return 'cis';
  if (/800-53|fedramp/i.test(words) || framework.source === 'oscal-catalog' || framework.source === 'oscal-profile') return 'nist';
  return null;
}

/** The key a requirement is found by: its family and its id as the family writes it. */
export function requirementKey(family: RequirementFamily, externalId: string): string {
  const id = externalId.trim();
  return `${family}|${family === 'nist' ? id.toLowerCase() : id.toUpperCase()}`;
}

function refKey(ref: RequirementRef): string {
  const family: RequirementFamily = ref.framework === 'soc2' ? 'soc2' : ref.framework === 'cis-aws-foundations' ? 'cis' : 'nist';
  return requirementKey(family, ref.id);
}

/** The organization's routing tables, loaded once per ingest (bounded by the organization's size). */
export type MappingIndex = {
  /** Requirement key → controls (through the org's frameworks' mappings, and the controls' NIST ids). */
  byRequirement: Map<string, Set<string>>;
  /** Check id → controls (the org's check → control table). */
  byCheck: Map<string, Set<string>>;
  /** AWS account → the systems that run in it, in one Region or ("") in all. */
  accounts: Map<string, { systemId: string; region: string }[]>;
};

export const emptyIndex = (): MappingIndex => ({ byRequirement: new Map(), byCheck: new Map(), accounts: new Map() });

export function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

export type Route = { systems: string[]; controls: string[]; reason: string | null };

/** The most requirement ids whose keys an ingest remembers (tools repeat the same few hundred ids). */
const KEY_CACHE_LIMIT = 50_000;

/**
 * The requirement keys of one id as a tool writes it under its framework key, remembered: a file
 * of 100,000 findings names the same few hundred ids over and over.
 */
export function requirementKeysOf(cache: Map<string, string[]>, framework: string, id: string): string[] {
  const cacheKey = `${framework}\u0000${id}`;
  let keys = cache.get(cacheKey);
  if (!keys) {
    keys = [...new Set(normalizeRequirements([{ framework, ids: [id] }]).recognised.map(refKey))];
    if (cache.size < KEY_CACHE_LIMIT) cache.set(cacheKey, keys);
  }
  return keys;
}

/** Where one finding goes: the controls its check and requirements reach, the systems its account and Region reach. */
export function routeFinding(finding: Finding, index: MappingIndex, cache: Map<string, string[]> = new Map()): Route {
  const controls = new Set(index.byCheck.get(finding.checkId) ?? []);
  for (const { framework, ids } of finding.requirements) {
    for (const id of ids) {
      for (const key of requirementKeysOf(cache, framework, id)) {
        for (const controlId of index.byRequirement.get(key) ?? []) controls.add(controlId);
      }
    }
  }
  if (controls.size === 0) return { systems: [], controls: [], reason: `no control maps check ${finding.checkId} or its requirements` };
  if (!finding.accountId) return { systems: [], controls: [], reason: 'the finding names no AWS account' };
  const systems = new Set(
    (index.accounts.get(finding.accountId) ?? []).filter((a) => a.region === '' || a.region === finding.region).map((a) => a.systemId),
  );
  if (systems.size === 0) {
    const where = finding.region ? ` (${finding.region})` : '';
    return { systems: [], controls: [], reason: `no system runs in account ${finding.accountId}${where}` };
  }
  return { systems: [...systems], controls: [...controls], reason: null };
}

/**
 * How a finding counts: suppressed ones apart (kept, never passed or failed); a current PASSED
 * or FAILED as such; anything else (not applicable, manual, unknown, or archived by the tool)
 * as neither passed nor failed.
 */
export type Outcome = 'passed' | 'failed' | 'notApplicable' | 'suppressed';
export function outcomeOf(finding: Finding): Outcome {
  if (finding.suppressed) return 'suppressed';
  if (finding.archived) return 'notApplicable';
  if (finding.status === 'PASSED') return 'passed';
  if (finding.status === 'FAILED') return 'failed';
  return 'notApplicable';
}

/**
 * What a finding does to the failure it names on a control of a system: a current failure opens
 * (or keeps open) a CheckFailure, suppressed or not; a pass, or a finding the tool archived,
 * resolves it; other statuses leave it as it is.
 */
export function failureAction(finding: Finding): 'fail' | 'resolve' | null {
  if (finding.archived || finding.status === 'PASSED') return 'resolve';
  if (finding.status === 'FAILED') return 'fail';
  return null;
}

/** The resource a failure is on: its ARN, the tool's id for it, else the finding itself. */
export const resourceName = (finding: Finding) => finding.resource?.arn ?? finding.resource?.id ?? finding.findingId;

export type Counts = { passed: number; failed: number; notApplicable: number; suppressed: number };
export const zeroCounts = (): Counts => ({ passed: 0, failed: 0, notApplicable: 0, suppressed: 0 });

/** One scan's results for one control in one system, gathered as findings stream by. */
export type PairResult = {
  systemId: string;
  controlId: string;
  checks: Counts;
  accounts: Set<string>;
  regions: Set<string>;
  failing: FailingResource[];
  failingTotal: number;
};

export function newPair(systemId: string, controlId: string): PairResult {
  return { systemId, controlId, checks: zeroCounts(), accounts: new Set(), regions: new Set(), failing: [], failingTotal: 0 };
}

/**
 * Returns one copy of each distinct string it is given (up to `limit` distinct ones): the title
 * and remediation text a check repeats on each of its findings are then held once, however many
 * failures an ingest keeps in its batches and evidence lists.
 */
export function interner(limit = 20_000): (text: string) => string {
  const seen = new Map<string, string>();
  return (text) => {
    const known = seen.get(text);
    if (known !== undefined) return known;
    if (seen.size < limit) seen.set(text, text);
    return text;
  };
}

/**
 * What a failing finding leaves once it is read: the facts its CheckFailure rows need, and the
 * one entry every evidence list it reaches shares (texts interned).
 */
export type FailureFacts = {
  listed: FailingResource;
  findingId: string;
  observedAt: string;
  accountId: string | null;
  region: string | null;
};

export function failureFacts(finding: Finding, intern: (text: string) => string): FailureFacts {
  return {
    listed: {
      resource: resourceName(finding),
      checkId: intern(finding.checkId),
      title: intern(finding.title),
      severity: finding.severity,
      remediation: intern(finding.remediation),
      suppressed: finding.suppressed,
    },
    findingId: finding.findingId,
    observedAt: finding.observedAt.toISOString(),
    accountId: finding.accountId && intern(finding.accountId),
    region: finding.region && intern(finding.region),
  };
}

/** Adds one finding to a pair: its count, and (a failure, suppressed or not: `failure` given) its resource, up to MAX_LISTED_FAILURES. */
export function addToPair(pair: PairResult, finding: Finding, outcome: Outcome, failure: FailureFacts | null): void {
  pair.checks[outcome]++;
  if (finding.accountId) pair.accounts.add(finding.accountId);
  if (finding.region) pair.regions.add(finding.region);
  if (!failure) return;
  pair.failingTotal++;
  // The same entry in every pair the finding reaches: a list costs a reference per resource.
  if (pair.failing.length < MAX_LISTED_FAILURES) pair.failing.push(failure.listed);
}

export type ScanFacts = {
  scanId: string;
  format: FindingFormat;
  tool: { name: string; version: string | null };
  scannedAt: Date;
};

/** The immutable record of an AUTOMATED evidence version. */
export function automatedResult(pair: PairResult, scan: ScanFacts): AutomatedResult {
  return {
    scanId: scan.scanId,
    format: scan.format,
    tool: scan.tool,
    scannedAt: scan.scannedAt.toISOString(),
    accounts: [...pair.accounts].sort(),
    regions: [...pair.regions].sort(),
    checks: { ...pair.checks },
    failing: pair.failing,
    failingTotal: pair.failingTotal,
  };
}

/** The one AUTOMATED evidence item per control, system and tool. */
export const automatedTitle = (toolName: string, controlCode: string) => `${toolName} results — ${controlCode}`;

export const AUTOMATED_REVIEW_REASON = "Recorded automatically from the tool's results";

/** Where a version came from: the tool, its version, the file. */
export const automatedSource = (tool: { name: string; version: string | null }, fileName: string) =>
  `${tool.name}${tool.version ? ` ${tool.version}` : ''} — ${fileName}`;

/** The transaction's time limit, sized to the file: a minute, and a second for each MB. */
export function ingestTimeoutMs(bytes: number): number {
  return 60_000 + Math.ceil(bytes / (1024 * 1024)) * 1_000;
}
