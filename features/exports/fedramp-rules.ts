// FedRAMP's rev5 SSP rules (ssp.sch, Schematron) for the sections Demarc writes, in TypeScript:
// each check carries the exact assertion id of ssp.sch and its role (error or warning), and
// reports where the document breaks it (a JSON pointer). Pure: the CLI (scripts/ssp-check.ts)
// and the tests read files and call it. Allowed values are those of fedramp_values.xml.

export type Severity = 'error' | 'warning';
export type Finding = { ruleId: RuleId; severity: Severity; message: string; location: string };

import { FEDRAMP_NS, FEDRAMP_STATUSES, ORIGINATION_TOKENS } from './fedramp.policy';

/** fedramp_values.xml's security-level (its implementation statuses and originations are in fedramp.policy.ts). */
export const SECURITY_LEVELS = ['fips-199-low', 'fips-199-moderate', 'fips-199-high'] as const;
const SP_800_60 = 'https://doi.org/10.6028/NIST.SP.800-60v2r1';

/** The rules applied, with their role in ssp.sch and what each asserts. */
export const RULES = {
  'has-security-sensitivity-level': { severity: 'error', text: 'An OSCAL SSP document must specify a FIPS 199 categorization.' },
  'has-security-impact-level': { severity: 'error', text: 'An OSCAL SSP document must specify a security impact level.' },
  'has-allowed-security-sensitivity-level': {
    severity: 'error',
    text: 'A FedRAMP SSP must specify an allowed security sensitivity level.',
  },
  'security-sensitivity-level-matches-security-impact-level': {
    severity: 'error',
    text: 'A FedRAMP SSP security sensitivity level must match the highest level within the security impact levels.',
  },
  'system-information-has-information-type': { severity: 'error', text: 'An OSCAL SSP must define at least one information type.' },
  'information-type-has-categorization': {
    severity: 'error',
    text: 'A FedRAMP SSP information type must have at least one categorization.',
  },
  'information-type-has-confidentiality-impact': { severity: 'error', text: 'An information type must have a confidentiality impact.' },
  'information-type-has-integrity-impact': { severity: 'error', text: 'An information type must have an integrity impact.' },
  'information-type-has-availability-impact': { severity: 'error', text: 'An information type must have an availability impact.' },
  'categorization-has-correct-system-attribute': { severity: 'error', text: `A categorization's system must be ${SP_800_60}.` },
  'categorization-has-information-type-id': { severity: 'error', text: 'A categorization must have at least one information type id.' },
  'cia-impact-has-base': { severity: 'error', text: 'A confidentiality, integrity or availability impact must specify the base level.' },
  'cia-impact-has-selected': {
    severity: 'error',
    text: 'A confidentiality, integrity or availability impact must specify the selected level.',
  },
  'system-security-plan-has-import-profile': { severity: 'error', text: 'An OSCAL SSP document declares its profile with import-profile.' },
  'import-profile-has-href-attribute': { severity: 'error', text: 'The import-profile element has a reference.' },
  'FedRAMP-ATO-Identifier-exists': { severity: 'warning', text: 'A FedRAMP leveraged authorization must have an identifier.' },
  'implemented-requirement-has-implementation-status': {
    severity: 'error',
    text: 'Every implemented requirement has an implementation-status property.',
  },
  'implemented-requirement-has-allowed-implementation-status': {
    severity: 'error',
    text: "An implemented control's implementation status has an allowed value.",
  },
  'implemented-requirement-has-implementation-status-remarks': {
    severity: 'error',
    text: 'Incomplete control implementations have an explanation.',
  },
  'implemented-requirement-has-allowed-composite-implementation-status': {
    severity: 'error',
    text: "An implemented control's implementation status must be implemented, partial and planned, planned, alternative, or not applicable.",
  },
  'partial-implemented-requirement-has-plan': {
    severity: 'error',
    text: 'A partially implemented control must have a plan for complete implementation.',
  },
  'implemented-requirement-has-planned-completion-date': {
    severity: 'error',
    text: 'Planned control implementations have a planned completion date.',
  },
  'planned-completion-date-is-valid': { severity: 'error', text: 'Planned completion date is valid.' },
  'planned-completion-date-is-not-past': { severity: 'warning', text: 'Planned completion date is not past.' },
  'implemented-requirement-has-control-origination': { severity: 'error', text: 'Every implemented requirement has a control origin.' },
  'implemented-requirement-has-allowed-control-origination': {
    severity: 'error',
    text: 'Every implemented requirement has an allowed control origination.',
  },
  'implemented-requirement-has-leveraged-authorization': {
    severity: 'error',
    text: 'Every implemented requirement with a control origination of "inherited" references a leveraged authorization.',
  },
  'leveraged-PE-controls-implemented-requirement': {
    severity: 'warning',
    text: 'A PE control has a leveraged authorization.',
  },
  'has-inherited-description': {
    severity: 'error',
    text: 'An inherited control implementation description must contain at least 32 words.',
  },
  'set-parameter-elements-match-baseline': {
    severity: 'error',
    text: 'Every baseline parameter without a value has a set-parameter in the implemented requirement.',
  },
  'set-parameter-elements-match-baseline1': {
    severity: 'error',
    text: "Every set-parameter names a parameter of the baseline's control.",
  },
} as const satisfies Record<string, { severity: Severity; text: string }>;

export type RuleId = keyof typeof RULES;
export const RULE_IDS = Object.keys(RULES) as RuleId[];

/** The baseline's parameters per control, for the set-parameter rules: all, and those the baseline gives no value. */
export type BaselineParams = Map<string, { all: Set<string>; withoutValue: Set<string> }>;

type Obj = Record<string, unknown>;
type Prop = { name?: string; ns?: string; value?: string; remarks?: string };
const obj = (v: unknown): Obj | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const fedrampProps = (node: Obj, name: string) =>
  arr(node.props)
    .map((p) => p as Prop)
    .filter((p) => p && p.ns === FEDRAMP_NS && p.name === name);
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
const pointer = (...path: (string | number)[]) => `/${path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;

/**
 * FedRAMP's findings on an SSP document (the parsed JSON). `today` is the date the
 * planned-completion-date warning compares with; `baseline` enables the set-parameter rules.
 */
export function checkFedrampRules(doc: unknown, options: { today?: Date; baseline?: BaselineParams } = {}): Finding[] {
  const findings: Finding[] = [];
  const fail = (ruleId: RuleId, location: string, detail?: string) =>
    findings.push({
      ruleId,
      severity: RULES[ruleId].severity,
      message: detail ? `${RULES[ruleId].text} ${detail}` : RULES[ruleId].text,
      location,
    });
  const today = (options.today ?? new Date()).toISOString().slice(0, 10);
  const ssp = obj(obj(doc)?.['system-security-plan']);
  if (!ssp) {
    fail('system-security-plan-has-import-profile', '/system-security-plan', 'The document is not a system security plan.');
    return findings;
  }
  const root = ['system-security-plan'];

  // ── Categorization (FIPS 199) ────────────────────────────────────────────────────────
  const characteristics = obj(ssp['system-characteristics']) ?? {};
  const sc = [...root, 'system-characteristics'];
  const sensitivity = characteristics['security-sensitivity-level'];
  const impact = obj(characteristics['security-impact-level']);
  if (sensitivity === undefined) fail('has-security-sensitivity-level', pointer(...sc));
  if (!impact) fail('has-security-impact-level', pointer(...sc));
  if (sensitivity !== undefined) {
    if (!SECURITY_LEVELS.includes(sensitivity as (typeof SECURITY_LEVELS)[number])) {
      fail('has-allowed-security-sensitivity-level', pointer(...sc, 'security-sensitivity-level'), `Found "${String(sensitivity)}".`);
    }
    const levels = Object.values(impact ?? {}).join(' ');
    const highest = /high/.test(levels) ? 'fips-199-high' : /moderate/.test(levels) ? 'fips-199-moderate' : 'fips-199-low';
    if (sensitivity !== highest) {
      fail(
        'security-sensitivity-level-matches-security-impact-level',
        pointer(...sc, 'security-sensitivity-level'),
        `Found "${String(sensitivity)}", the impact levels say "${highest}".`,
      );
    }
  }
  const infoTypes = arr(obj(characteristics['system-information'])?.['information-types']);
  if (infoTypes.length === 0) fail('system-information-has-information-type', pointer(...sc, 'system-information'));
  infoTypes.forEach((t, i) => {
    const type = obj(t) ?? {};
    const at = [...sc, 'system-information', 'information-types', i];
    const categorizations = arr(type.categorizations);
    if (categorizations.length === 0) fail('information-type-has-categorization', pointer(...at));
    categorizations.forEach((c, j) => {
      const cat = obj(c) ?? {};
      if (cat.system !== SP_800_60) fail('categorization-has-correct-system-attribute', pointer(...at, 'categorizations', j, 'system'));
      if (arr(cat['information-type-ids']).length === 0)
        fail('categorization-has-information-type-id', pointer(...at, 'categorizations', j));
    });
    for (const objective of ['confidentiality', 'integrity', 'availability'] as const) {
      const impactOf = obj(type[`${objective}-impact`]);
      if (!impactOf) {
        fail(`information-type-has-${objective}-impact`, pointer(...at));
        continue;
      }
      if (!impactOf.base) fail('cia-impact-has-base', pointer(...at, `${objective}-impact`));
      if (!impactOf.selected) fail('cia-impact-has-selected', pointer(...at, `${objective}-impact`));
    }
  });

  // ── Import profile ─────────────────────────────────────────────────────────────────
  const importProfile = obj(ssp['import-profile']);
  if (!importProfile) fail('system-security-plan-has-import-profile', pointer(...root));
  else if (!importProfile.href) fail('import-profile-has-href-attribute', pointer(...root, 'import-profile'));

  // ── Leveraged authorizations ───────────────────────────────────────────────────────
  const leveraged = arr(obj(ssp['system-implementation'])?.['leveraged-authorizations']).map((l) => obj(l) ?? {});
  const leveragedIds = new Set(leveraged.map((l) => l.uuid));
  leveraged.forEach((l, i) => {
    if (!fedrampProps(l, 'leveraged-system-identifier').some((p) => p.value)) {
      fail('FedRAMP-ATO-Identifier-exists', pointer(...root, 'system-implementation', 'leveraged-authorizations', i));
    }
  });

  // ── Implemented requirements ───────────────────────────────────────────────────────
  const requirements = arr(obj(ssp['control-implementation'])?.['implemented-requirements']);
  requirements.forEach((r, i) => {
    const req = obj(r) ?? {};
    const at = [...root, 'control-implementation', 'implemented-requirements', i];
    const where = pointer(...at);
    const controlId = String(req['control-id'] ?? '');
    const said = ` (${controlId})`;
    const statuses = fedrampProps(req, 'implementation-status');
    if (statuses.length === 0) fail('implemented-requirement-has-implementation-status', where, said);
    for (const s of statuses) {
      if (!(FEDRAMP_STATUSES as readonly (string | undefined)[]).includes(s.value)) {
        fail('implemented-requirement-has-allowed-implementation-status', where, `Found "${String(s.value)}"${said}.`);
      }
      if (s.value !== 'implemented' && !s.remarks) fail('implemented-requirement-has-implementation-status-remarks', where, said);
    }
    const values = [...new Set(statuses.map((s) => s.value))];
    const composite = values.join('-');
    if (
      values.length &&
      !['implemented', 'planned', 'alternative', 'not-applicable', 'partial-planned', 'planned-partial'].includes(composite)
    ) {
      fail('implemented-requirement-has-allowed-composite-implementation-status', where, `Found "${composite}"${said}.`);
    }
    if (values.includes('partial') && !values.includes('planned')) fail('partial-implemented-requirement-has-plan', where, said);
    const dates = fedrampProps(req, 'planned-completion-date');
    if (values.includes('planned') && dates.length === 0) fail('implemented-requirement-has-planned-completion-date', where, said);
    for (const d of dates) {
      const valid = /^\d{4}-\d{2}-\d{2}$/.test(String(d.value)) && !Number.isNaN(Date.parse(String(d.value)));
      if (!valid) fail('planned-completion-date-is-valid', where, `Found "${String(d.value)}"${said}.`);
      else if (String(d.value) <= today) fail('planned-completion-date-is-not-past', where, `${String(d.value)}${said}.`);
    }
    const originations = fedrampProps(req, 'control-origination');
    if (originations.length === 0) fail('implemented-requirement-has-control-origination', where, said);
    else if (!originations.some((o) => (ORIGINATION_TOKENS as readonly (string | undefined)[]).includes(o.value))) {
      fail('implemented-requirement-has-allowed-control-origination', where, said);
    }
    const leveragedRefs = fedrampProps(req, 'leveraged-authorization-uuid').map((p) => p.value);
    if (originations.some((o) => o.value === 'inherited') && !leveragedRefs.some((ref) => leveragedIds.has(ref))) {
      fail('implemented-requirement-has-leveraged-authorization', where, said);
    }
    const anyLeveraged = arr(req.props).some(
      (p) => (p as Prop).name === 'leveraged-authorization-uuid' && leveragedIds.has((p as Prop).value),
    );
    if (controlId.startsWith('pe-') && !anyLeveraged) fail('leveraged-PE-controls-implemented-requirement', where, said);

    // Inherited descriptions anywhere under the requirement (by-components and statements).
    const visit = (node: unknown, path: (string | number)[]) => {
      if (Array.isArray(node)) return node.forEach((n, k) => visit(n, [...path, k]));
      const o = obj(node);
      if (!o) return;
      for (const [key, value] of Object.entries(o)) {
        if (key === 'inherited') {
          arr(value).forEach((inh, k) => {
            const description = String(obj(inh)?.description ?? '');
            if (words(description) < 32) {
              fail('has-inherited-description', pointer(...path, 'inherited', k, 'description'), `${words(description)} words${said}.`);
            }
          });
        } else visit(value, [...path, key]);
      }
    };
    visit(req['by-components'], [...at, 'by-components']);
    visit(req.statements, [...at, 'statements']);

    const params = options.baseline?.get(controlId);
    if (options.baseline) {
      const set = new Set(arr(req['set-parameters']).map((p) => String(obj(p)?.['param-id'])));
      for (const id of params?.withoutValue ?? []) {
        if (!set.has(id)) fail('set-parameter-elements-match-baseline', where, `Missing ${id}${said}.`);
      }
      for (const id of set) if (!params?.all.has(id)) fail('set-parameter-elements-match-baseline1', where, `Unknown ${id}${said}.`);
    }
  });
  return findings;
}

/** The parameters of a resolved profile catalog per control, for the set-parameter rules. */
export function baselineParams(catalog: unknown): BaselineParams {
  const out: BaselineParams = new Map();
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    const o = obj(node);
    if (!o) return;
    if (typeof o.id === 'string' && Array.isArray(o.params) && ('class' in o || 'title' in o) && o.parts !== undefined) {
      const params = arr(o.params).map((p) => obj(p) ?? {});
      out.set(o.id, {
        all: new Set(params.map((p) => String(p.id))),
        withoutValue: new Set(params.filter((p) => arr(p.values).length === 0).map((p) => String(p.id))),
      });
    }
    for (const key of ['catalog', 'groups', 'controls']) if (key in o) visit(o[key]);
  };
  visit(catalog);
  return out;
}

/** Each rule applied, with how many findings it gave: the closing table of a check. */
export function ruleResults(findings: Finding[]) {
  return RULE_IDS.map((ruleId) => ({
    ruleId,
    severity: RULES[ruleId].severity,
    findings: findings.filter((f) => f.ruleId === ruleId).length,
  }));
}
