/**
 * Requirement ids as each tool writes them, turned into one canonical form per framework, so a
 * later step can find them among an organization's framework requirements.
 *
 * Canonical forms:
 * - NIST SP 800-53 (and FedRAMP, whose rev4 baselines are 800-53 rev4 controls): the OSCAL
 *   control id, lower case, enhancements after a dot: `ac-2`, `ac-2.4`. A statement part is
 *   kept apart in `part` (`a`, `a.1`), never folded into the id, so the requirement is found
 *   even when the framework was imported without statement parts. Assessment objectives
 *   (OSCAL `_obj…` suffixes) are dropped: they assess the statement they belong to.
 *   Prowler `ac_2_4` → ac-2.4; `au_3_a` → au-3 part a; `cm_5_1_b` → cm-5.1 part b;
 *   `pm_14_a_1` → pm-14 part a.1. Security Hub `NIST.800-53.r5 AC-2(1)` → ac-2.1.
 *   ElectricEye `NIST SP 800-53 AC-1` → ac-1 with edition null (the revision is not stated).
 *   OSCAL `ac-6.1_obj` → ac-6.1; `au-1_smt.a` → au-1 part a; `ac-1.a.1_obj.1` → ac-1 part a.1.
 *   FedRAMP (Prowler) `ac-2-4` → ac-2.4; `ac-2-g` → ac-2 part g; a letter range `au-2-a-d` →
 *   au-2 parts a, b, c and d (one reference each); a list of enhancements `au-6-1-3` (Prowler's
 *   "AU-6(1)(3)") → au-6.1 and au-6.3.
 * - CIS AWS Foundations: the recommendation number `4.1`, the benchmark version as edition.
 * - SOC 2: the criterion `CC6.1`, `A1.1`, `PI1.3` (Prowler `cc_6_1`, `cc_a_1_1`, `pi_1_3`;
 *   Security Hub `AICPA TSC CC6.1`).
 *
 * Anything else is reported as unrecognised with a reason, never guessed: values that are not
 * requirement ids (`lambda`, free text), and frameworks Demarc does not map (HIPAA, ISO …).
 */

export type RequirementFramework = 'nist-800-53' | 'fedramp' | 'cis-aws-foundations' | 'soc2';

export type RequirementRef = {
  framework: RequirementFramework;
  /**
   * NIST: 'rev5' | 'rev4' | null when the tool does not say; FedRAMP: 'rev4-low' |
   * 'rev4-moderate' | 'rev4-high' (and rev5); CIS: the benchmark version ('1.2.0', '6.0'); SOC 2: null.
   */
  edition: string | null;
  id: string;
  part: string | null;
};

export type NormalizedId = { ok: true; refs: RequirementRef[] } | { ok: false; reason: string };

const FAMILIES = new Set('ac at au ca cm cp ia ir ma mp pe pl pm ps pt ra sa sc si sr'.split(' '));
const SUPPORTED = 'NIST SP 800-53, FedRAMP, CIS AWS Foundations, SOC 2';

const notAnId = (id: string, what: string): NormalizedId => ({ ok: false, reason: `"${id}" is not a ${what} requirement id` });
const ref = (framework: RequirementFramework, edition: string | null, id: string, part: string | null = null): RequirementRef => ({
  framework,
  edition,
  id,
  part,
});

/** The tokens after a control number as ids and parts: numbers are enhancements, letters parts. */
function nistFromTokens(
  framework: 'nist-800-53' | 'fedramp',
  edition: string | null,
  family: string,
  number: string,
  tokens: string[],
  style: 'prowler' | 'fedramp',
): RequirementRef[] | null {
  const family2 = family.toLowerCase();
  if (!FAMILIES.has(family2) || !/^\d+$/.test(number)) return null;
  const base = `${family2}-${Number(number)}`;
  if (tokens.some((t) => !/^([a-z]|\d+)$/.test(t))) return null;
  const numbers: string[] = [];
  let k = 0;
  // Prowler NIST keys carry at most one enhancement; FedRAMP keys list several ("au-6-1-3").
  while (k < tokens.length && /^\d+$/.test(tokens[k]!) && (style === 'fedramp' || numbers.length === 0))
    numbers.push(String(Number(tokens[k++])));
  const rest = tokens.slice(k);
  const ids = numbers.length ? numbers.map((n) => `${base}.${n}`) : [base];
  if (!rest.length) return ids.map((id) => ref(framework, edition, id));
  // A FedRAMP letter range: "au-2-a-d" is parts a through d.
  if (style === 'fedramp' && rest.length === 2 && /^[a-z]$/.test(rest[0]!) && /^[a-z]$/.test(rest[1]!) && rest[0]! < rest[1]!) {
    const parts: string[] = [];
    for (let c = rest[0]!.charCodeAt(0); c <= rest[1]!.charCodeAt(0); c++) parts.push(String.fromCharCode(c));
    return ids.flatMap((id) => parts.map((part) => ref(framework, edition, id, part)));
  }
  if (!/^[a-z]$/.test(rest[0]!)) return null;
  const part = rest.join('.');
  return ids.map((id) => ref(framework, edition, id, part));
}

/** `AC-2`, `AC-2(1)`, `AC-2(1)(a)`, `AU-3a`, `SI-4 (4)` as NIST writes them. */
function nistDisplayForm(framework: 'nist-800-53' | 'fedramp', edition: string | null, raw: string): RequirementRef[] | null {
  const m = /^([A-Za-z]{2})-(\d+)\s*((?:\(\s*[A-Za-z0-9]+\s*\)|\.?[a-z](?![A-Za-z]))*)$/.exec(raw.trim());
  if (!m) return null;
  const rest = m[3]!.replace(/\s+/g, '');
  const tokens = [...rest.matchAll(/\(([A-Za-z0-9]+)\)|\.?([a-z])/g)].map((t) => (t[1] ?? t[2]!).toLowerCase());
  return nistFromTokens(framework, edition, m[1]!, m[2]!, tokens, 'prowler');
}

/** OSCAL ids: `ac-2`, `ac-6.1`, `ac-6.1_obj`, `au-1_smt.a`, `ac-1.a.1_obj.1`. */
function nistOscalForm(edition: string | null, raw: string): RequirementRef[] | null {
  const m = /^([a-z]{2})-(\d+)((?:\.[a-z0-9]+)*)(?:_(smt|obj|gdn|prm)((?:[._-][a-z0-9]+)*))?$/.exec(raw.trim().toLowerCase());
  if (!m) return null;
  const dotted = m[3] ? m[3].slice(1).split('.') : [];
  const tokens = [...dotted];
  if (m[4] === 'smt' && m[5]) tokens.push(...m[5].slice(1).split(/[._-]/));
  return nistFromTokens('nist-800-53', edition, m[1]!, m[2]!, tokens, 'prowler');
}

function nist(edition: string | null, id: string): NormalizedId {
  const raw = id.trim();
  const prowler = /^([a-z]{2})_(\d+)((?:_[a-z0-9]+)*)$/i.exec(raw);
  const refs = prowler
    ? nistFromTokens(
        'nist-800-53',
        edition,
        prowler[1]!,
        prowler[2]!,
        prowler[3] ? prowler[3].slice(1).toLowerCase().split('_') : [],
        'prowler',
      )
    : (nistOscalForm(edition, raw) ?? nistDisplayForm('nist-800-53', edition, raw));
  return refs ? { ok: true, refs } : notAnId(id, 'NIST SP 800-53');
}

function fedramp(edition: string, id: string): NormalizedId {
  const raw = id.trim().toLowerCase();
  const m = /^([a-z]{2})-(\d+)((?:-[a-z0-9]+)*)$/.exec(raw);
  const refs = m
    ? nistFromTokens('fedramp', edition, m[1]!, m[2]!, m[3] ? m[3].slice(1).split('-') : [], 'fedramp')
    : (nistOscalForm(edition, raw)?.map((r) => ({ ...r, framework: 'fedramp' as const })) ?? nistDisplayForm('fedramp', edition, id));
  return refs ? { ok: true, refs } : notAnId(id, 'FedRAMP');
}

function cis(edition: string | null, id: string): NormalizedId {
  const raw = id.trim();
  return /^\d{1,2}(\.\d{1,2}){1,2}$/.test(raw)
    ? { ok: true, refs: [ref('cis-aws-foundations', edition, raw)] }
    : notAnId(id, 'CIS AWS Foundations');
}

function soc2(id: string): NormalizedId {
  const raw = id.trim();
  const prowler = /^(?:cc_)?(cc|pi|a|c|p)_(\d+)_(\d+)$/i.exec(raw);
  const plain = /^(CC|PI|A|C|P)(\d+)\.(\d+)$/i.exec(raw);
  const m = prowler ?? plain;
  return m ? { ok: true, refs: [ref('soc2', null, `${m[1]!.toUpperCase()}${Number(m[2])}.${Number(m[3])}`)] } : notAnId(id, 'SOC 2');
}

/** Security Hub `Compliance.RelatedRequirements`: each value names its framework. */
function relatedRequirement(id: string): NormalizedId {
  const raw = id.trim();
  let m = /^NIST\.800-53\.r([45])\s+(.+)$/i.exec(raw);
  if (m) return nist(`rev${m[1]}`, m[2]!);
  m = /^NIST\s+SP\s+800-53(?:\s+Rev(?:ision)?\.?\s*([45]))?\s+(.+)$/i.exec(raw);
  if (m) return nist(m[1] ? `rev${m[1]}` : null, m[2]!);
  m = /^CIS\s+AWS\s+Foundations\s+Benchmark\s+v([\d.]+)\/(.+)$/i.exec(raw);
  if (m) return cis(m[1]!, m[2]!);
  m = /^AICPA\s+TSC\s+(.+)$/i.exec(raw);
  if (m) return soc2(m[1]!);
  return { ok: false, reason: `"${id}" names a framework Demarc does not map (it maps ${SUPPORTED})` };
}

/** Normalises one id written under a tool's framework key (`NIST-800-53-Revision-5`, `RelatedRequirements`, `OSCAL` …). */
export function normalizeRequirementId(frameworkKey: string, id: string): NormalizedId {
  const key = frameworkKey.trim();
  if (!id.trim()) return { ok: false, reason: 'an empty value is not a requirement id' };
  if (key === 'RelatedRequirements') return relatedRequirement(id);
  if (key === 'OSCAL') return nist(null, id);
  let m = /^nist[-_ .]*(?:sp[-_ .]*)?800[-_ .]*53(?:[-_ .]*(?:rev(?:ision)?|r)[-_ .]*([45]))?(?:[-_ .]*aws)?$/i.exec(key);
  if (m) return nist(m[1] ? `rev${m[1]}` : null, id);
  m = /^fedramp[-_ ]*(low|moderate|high)[-_ ]*rev(?:ision)?[-_ ]*([45])$/i.exec(key);
  if (m) return fedramp(`rev${m[2]}-${m[1]!.toLowerCase()}`, id);
  m = /^cis(?:[-_ ]*aws(?:[-_ ]*foundations)?(?:[-_ ]*benchmark)?)?[-_ ]*v?(\d+(?:\.\d+)*)$/i.exec(key);
  if (m) return cis(m[1]!, id);
  // Security Hub's CIS standard (legacy `ProductFields.StandardsGuideArn` + `RuleId` "1.3").
  m = /(?:^|\/)cis-aws-foundations-benchmark\/v\/(\d+(?:\.\d+)*)$/i.exec(key);
  if (m) return cis(m[1]!, id);
  if (/^soc[-_ ]?2$/i.test(key)) return soc2(id);
  return { ok: false, reason: `the framework "${frameworkKey}" is not one Demarc maps (it maps ${SUPPORTED})` };
}

export type RequirementSource = { framework: string; id: string };
export type NormalizedRequirements = {
  recognised: (RequirementRef & { source: RequirementSource })[];
  unrecognised: (RequirementSource & { reason: string })[];
};

/** Every requirement of a finding, recognised or not: nothing is dropped silently. */
export function normalizeRequirements(requirements: { framework: string; ids: string[] }[]): NormalizedRequirements {
  const out: NormalizedRequirements = { recognised: [], unrecognised: [] };
  for (const { framework, ids } of requirements) {
    for (const id of ids) {
      const result = normalizeRequirementId(framework, id);
      if (result.ok) out.recognised.push(...result.refs.map((r) => ({ ...r, source: { framework, id } })));
      else out.unrecognised.push({ framework, id, reason: result.reason });
    }
  }
  return out;
}
