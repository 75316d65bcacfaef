// An OSCAL System Security Plan for one system, written as a LEVERAGING plan: the system runs
// on AWS, whose authorization it leverages. Three parties per control:
// - AWS: a leveraged authorization (from the recorded provider reports) and a component of type
//   `system` (implementation-point external). On that component each requirement holds
//   `inherited` (what AWS provides) and `satisfied` (the AWS customer responsibilities this
//   team meets, with its narrative), as in NIST's leveraging example.
// - the team: the `this-system` component holds its own implementation.
// - the team's customers: `export` on `this-system`, and only there: `provided` when they can
//   inherit the control, `responsibilities` from what the team says they must do.
// FedRAMP's props (implementation-status, control-origination, planned-completion-date,
// leveraged-authorization-uuid) sit on each implemented requirement, where ssp.sch reads them.
import { createHash } from 'node:crypto';
import { formatNistIds } from '@/features/controls/controls.schema';
import { explainResponsibility } from '@/features/controls/responsibility.policy';
import { STATUS_LABELS, applicabilityText, awsHalfText, type ControlState } from '@/features/controls/status.policy';
import type { RequirementParam, StatementPart } from '@/features/frameworks/requirement-content';
import { AWS_REGIONS, serviceName } from '@/features/systems/service-catalog';
import {
  IMPACT_WORDS,
  fipsToken,
  highWaterMark,
  isCategorized,
  type Categorization,
  type ImpactLevel,
  type InformationType,
} from '@/features/systems/categorization';
import { AppError } from '@/lib/errors';
import { baselineDefault } from '@/features/parameters/parameters.policy';
import { awsProvision, customerResponsibility, type ExportControl } from './cis-crm.policy';
import {
  FEDRAMP_STATUS_WORDS,
  FEDRAMP_NS,
  combinedFedrampStatus,
  combinedOrigination,
  fedrampStatus,
  leveragedAws,
  originationTokens,
  type CustomersPart,
  type FedrampStatus,
  type OriginationToken,
} from './fedramp.policy';

export const OSCAL_VERSION = '1.1.2';
const CATALOG_HREF =
  'https://raw.githubusercontent.com/usnistgov/oscal-content/main/nist.gov/SP800-53/rev5/json/NIST_SP-800-53_rev5_catalog.json';
// Demarc's namespace for name-based UUIDs (RFC 4122 version 5).
const UUID_NAMESPACE = Buffer.from('6f1c3a528d4e4b7a9c2f1e5d7a3b9c40', 'hex');

/** A version 5 UUID of the name: the same subject keeps its UUID from one export to the next. */
export function stableUuid(...name: string[]): string {
  const hash = createHash('sha1').update(UUID_NAMESPACE).update(JSON.stringify(name)).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.toString('hex', 0, 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A control as the SSP reads it: the export's view plus the customer half's plan and the team's customers' part. */
export type SspControl = ExportControl & { customers: CustomersPart; plannedCompletionAt: Date | null };

export type SspReport = {
  id: string;
  title: string;
  artifactReportId: string;
  reportVersion: string;
  periodStart: Date;
  periodEnd: Date;
  fedrampPackageId?: string;
  fedrampAuthorizationType?: string;
  fedrampImpactLevel?: ImpactLevel | null;
  fedrampAuthorizedAt?: Date | null;
};

/** One control or enhancement of the system's baseline, with the Demarc controls that implement it. */
export type BaselineRequirement = {
  externalId: string;
  label: string;
  title: string;
  parts: StatementPart[];
  params: RequirementParam[];
  /** Ids of the Demarc controls mapped to it (directly, through the catalog, or by NIST id). */
  controlIds: string[];
};

export type SspBaseline = { id: string; name: string; version: string; requirements: BaselineRequirement[] };

export type SspInput = {
  orgId: string;
  organizationName: string;
  system: {
    id: string;
    name: string;
    description: string;
    regions: string[];
    services: string[];
    archivedAt: Date | null;
    createdAt: Date;
    categorization: Categorization;
    informationTypes: InformationType[];
  };
  controls: SspControl[];
  /** The owners of the system's customer halves. */
  owners: { userId: string; name: string; email: string }[];
  /** AWS Artifact report references. */
  reports: SspReport[];
  /** The baseline the system is assessed against; null: the controls' NIST ids against the catalog. */
  baseline: SspBaseline | null;
  /** The system's own parameter values, by OSCAL parameter id. */
  parameterValues: Map<string, string[]>;
  now: Date;
};

/**
 * One control's implementation status in OSCAL's words, from its derived state, with remarks
 * that say what OSCAL's state cannot: the AWS half and the report that covers it (or that none
 * does), the customer half when it is not simply implemented, and why a control does not apply.
 */
export function oscalStatus(state: ControlState): { state: FedrampStatus; remarks: string | null } {
  const notApplicable = applicabilityText(state.applicability);
  if (notApplicable) return { state: 'not-applicable', remarks: notApplicable };
  const customer = state.customer?.status;
  const parts = [
    state.aws ? awsHalfText(state.aws) : null,
    customer && state.aws ? `Customer half: ${STATUS_LABELS[customer].toLowerCase()}` : null,
    customer && !state.aws && customer !== 'IMPLEMENTED' ? STATUS_LABELS[customer] : null,
  ].filter((part): part is string => part !== null);
  // OSCAL's states are FedRAMP's: one derivation for the by-component state and the FedRAMP prop.
  return { state: fedrampStatus(state), remarks: parts.length ? parts.join('. ') : null };
}

/** OSCAL's string and line fields allow neither line breaks nor surrounding spaces. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
const day = (date: Date) => date.toISOString().slice(0, 10);
const byId = new Intl.Collator('en', { numeric: true });
/** Ends a sentence that may already end with a full stop (an owner's justification often does). */
const sentence = (text: string) => {
  const t = oneLine(text);
  return /[.!?]$/.test(t) ? t : `${t}.`;
};
export const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** How the team's part is met: why it does not apply, else its narrative, else its status. */
function satisfaction({ row, narrative }: ExportControl): string {
  const notApplicable = applicabilityText(row.state.applicability);
  if (notApplicable) return sentence(notApplicable);
  if (narrative.trim()) return narrative.trim();
  const status = row.state.customer?.status ?? row.state.status;
  return `No implementation narrative is recorded yet (status: ${STATUS_LABELS[status].toLowerCase()}).`;
}

export function buildSspDocument(input: SspInput) {
  const { orgId, system, now } = input;
  const org = oneLine(input.organizationName);
  const systemName = oneLine(system.name);
  const id = (...name: string[]) => stableUuid(orgId, system.id, ...name);
  const party = (...name: string[]) => stableUuid(orgId, 'party', ...name);
  const orgParty = party('organization');
  const awsParty = party('aws');
  const owners = new Map(input.owners.map((o) => [o.userId, o]));
  const thisSystem = id('component', 'this-system');
  const aws = id('component', 'aws');
  const leveraged = id('leveraged-authorization', 'aws');
  const catalog = stableUuid('resource', 'nist-sp-800-53-rev5-catalog');
  const baselineResource = input.baseline ? stableUuid(orgId, 'resource', 'baseline', input.baseline.id) : null;
  const reportResource = (reportId: string) => stableUuid(orgId, 'resource', 'provider-report', reportId);
  const ownerRoles = (ownerIds: (string | null | undefined)[]) => {
    const parties = [...new Set(ownerIds)].filter((o): o is string => !!o && owners.has(o)).map((o) => party('member', o));
    return parties.length ? { 'responsible-roles': [{ 'role-id': 'control-owner', 'party-uuids': parties }] } : {};
  };
  const facts = leveragedAws(input.reports);
  const services = system.services.map(serviceName).join(', ') || 'none recorded yet';
  const reportWords = facts.latest
    ? `AWS Artifact report ${oneLine(facts.latest.title)} (${facts.latest.artifactReportId}), period ${day(facts.latest.periodStart)} to ${day(facts.latest.periodEnd)}`
    : null;

  // ── Which requirements the plan answers, and the controls behind each ────────────────
  type Target = { controlId: string; title: string | null; controls: SspControl[]; parts: StatementPart[]; params: RequirementParam[] };
  const controlsById = new Map(input.controls.map((c) => [c.row.id, c]));
  let targets: Target[];
  let unlisted: string[] = [];
  if (input.baseline) {
    targets = input.baseline.requirements.map((r) => ({
      controlId: r.externalId,
      title: r.title,
      controls: r.controlIds.flatMap((cid) => controlsById.get(cid) ?? []),
      parts: r.parts,
      params: r.params,
    }));
  } else {
    const byNistId = new Map<string, SspControl[]>();
    for (const control of input.controls) {
      for (const nistId of new Set(control.statements.nistIds)) byNistId.set(nistId, [...(byNistId.get(nistId) ?? []), control]);
    }
    if (byNistId.size === 0) {
      throw new AppError(
        'CONFLICT',
        'No control names a NIST SP 800-53 control, so the plan would be empty. Add NIST ids to the controls, or choose a baseline for the system.',
      );
    }
    unlisted = input.controls.filter((c) => c.statements.nistIds.length === 0).map((c) => c.row.code);
    targets = [...byNistId.keys()]
      .sort(byId.compare)
      .map((nistId) => ({ controlId: nistId, title: null, controls: byNistId.get(nistId)!, parts: [], params: [] }));
  }

  const heading = (c: SspControl) => `**${c.row.code} — ${oneLine(c.row.title)}**`;

  /** What AWS provides for one control, in at least the 32 words FedRAMP asks, all of them about the control. */
  const inheritedText = (c: SspControl, nistId: string) => {
    const provision = awsProvision(c.statements).map(sentence);
    const coverage = c.row.state.aws ? awsHalfText(c.row.state.aws) : applicabilityText(c.row.state.applicability);
    const lines = [
      heading(c),
      provision.length
        ? `Amazon Web Services provides for ${formatNistIds([nistId])}: ${provision.join(' ')}`
        : `Amazon Web Services implements its part of ${formatNistIds([nistId])} (${oneLine(c.row.title)}) in the infrastructure beneath the AWS services this system uses.`,
      `${systemName} inherits this part from the leveraged AWS authorization for the services it uses (${services}); ${org} does not operate it.`,
      coverage ? `Demarc's record of this part: ${sentence(coverage)}` : '',
      reportWords ? `Basis: ${reportWords}.` : 'No AWS Artifact report is recorded in Demarc to support this part yet.',
    ];
    return lines.filter(Boolean).join('\n\n');
  };

  /** What AWS leaves to its customers for one control, and how this team meets it. */
  const satisfiedText = (c: SspControl) => {
    const left = customerResponsibility(c.statements).map(sentence);
    return [
      heading(c),
      left.length ? `AWS leaves to ${org}: ${left.join(' ')}` : '',
      `How ${org} meets it: ${satisfaction(c)}`,
      c.customers.responsibility.trim() ? `What ${org}'s customers do in turn is exported by ${systemName}.` : '',
    ]
      .filter(Boolean)
      .join('\n\n');
  };

  const statusProp = (value: FedrampStatus, remarks: string | null) => ({
    name: 'implementation-status',
    ns: FEDRAMP_NS,
    value,
    ...(value !== 'implemented' ? { remarks: remarks || `${FEDRAMP_STATUS_WORDS[value]}.` } : {}),
  });

  const implementedRequirement = (target: Target) => {
    const { controlId: nistId, controls } = target;
    const statuses = controls.map((c) => ({ c, ...oscalStatus(c.row.state) }));
    const combined = combinedFedrampStatus(statuses.map((s) => s.state)) ?? 'planned';
    const remarks = statuses.filter((s) => s.remarks).map((s) => `${s.c.row.code}: ${s.remarks}`);
    if (controls.length === 0) remarks.push('No Demarc control is mapped to this control yet: it is planned until one is.');
    const tokens: OriginationToken[] = controls.length
      ? combinedOrigination(
          controls
            .filter((c) => c.row.state.applicability.applies || controls.every((x) => !x.row.state.applicability.applies))
            .map((c) => originationTokens(c.row.effective.type, c.customers)),
        )
      : ['sp-system'];
    const inheritedFromAws = tokens.includes('inherited');

    // Planned completion: the latest date among the controls still planned or partial.
    const unfinished = statuses.filter((s) => s.state === 'planned' || s.state === 'partial');
    const dates = unfinished.map((s) => s.c.plannedCompletionAt).filter((d): d is Date => d !== null);
    const undated =
      controls.length === 0 ? ['no control mapped'] : unfinished.filter((s) => !s.c.plannedCompletionAt).map((s) => s.c.row.code);
    const completion = dates.length && undated.length === 0 ? day(new Date(Math.max(...dates.map((d) => d.getTime())))) : null;
    const needsPlan = combined === 'planned' || combined === 'partial';
    if (needsPlan && !completion) {
      remarks.push(
        `No planned completion date is recorded (${undated.join(', ')}): set one on each planned or partially implemented customer half.`,
      );
    }
    const statusRemarks = remarks.join('\n\n') || null;
    const props = [
      statusProp(combined, statusRemarks),
      // FedRAMP: a partial implementation carries its plan as a second, planned status.
      ...(combined === 'partial' ? [statusProp('planned', statusRemarks)] : []),
      ...(needsPlan && completion ? [{ name: 'planned-completion-date', ns: FEDRAMP_NS, value: completion }] : []),
      ...tokens.map((value) => ({ name: 'control-origination', ns: FEDRAMP_NS, value })),
      ...(inheritedFromAws ? [{ name: 'leveraged-authorization-uuid', ns: FEDRAMP_NS, value: leveraged }] : []),
    ];

    // set-parameters: the system's value, else the baseline's default (the parameters page shows the same).
    const setParameters = target.params.flatMap((p) => {
      const values = (input.parameterValues.get(p.id) ?? baselineDefault(p)).map(oneLine).filter(Boolean);
      return values.length ? [{ 'param-id': p.id, values }] : [];
    });

    const awsControls = controls.filter((c) => c.row.effective.type !== 'CUSTOMER');
    const teamControls = controls.filter((c) => c.row.effective.type !== 'INHERITED');
    const inherited = awsControls.map((c) => ({
      uuid: id('inherited', c.row.id, nistId),
      'provided-uuid': stableUuid('aws', 'provided', c.row.code, nistId),
      description: inheritedText(c, nistId),
    }));
    const satisfied = teamControls
      .filter((c) => c.row.effective.type === 'SHARED')
      .map((c) => ({
        uuid: id('satisfied', c.row.id, nistId),
        'responsibility-uuid': stableUuid('aws', 'responsibility', c.row.code, nistId),
        description: satisfiedText(c),
        ...ownerRoles([c.row.implementation?.ownerId]),
      }));

    // What the team's own customers inherit from, or must do in, this system.
    const provided = controls
      .filter((c) => c.customers.inherit === 'YES' || c.customers.inherit === 'PARTIAL')
      .map((c) => ({
        uuid: id('provided', c.row.id, nistId),
        description: `${heading(c)}\n\nCustomers of ${systemName} ${c.customers.inherit === 'YES' ? 'can inherit this control whole' : 'can inherit part of this control'}: ${satisfaction(c)}`,
        ...ownerRoles([c.row.implementation?.ownerId]),
      }));
    const responsibilities = controls
      .filter((c) => c.customers.responsibility.trim())
      .map((c) => {
        const providedHere = provided.find((p) => p.uuid === id('provided', c.row.id, nistId));
        return {
          uuid: id('responsibility', c.row.id, nistId),
          ...(providedHere ? { 'provided-uuid': providedHere.uuid } : {}),
          description: `${heading(c)}\n\n${c.customers.responsibility.trim()}`,
          'responsible-roles': [{ 'role-id': 'customer' }],
        };
      });

    const teamDescription = controls.length
      ? controls.map((c) => `${heading(c)}\n\n${sentence(explainResponsibility(c.row.effective))} ${satisfaction(c)}`).join('\n\n')
      : `No Demarc control implements ${formatNistIds([nistId])} yet.`;
    const thisSystemPart = {
      'component-uuid': thisSystem,
      uuid: id('by-component', nistId, 'this-system'),
      description: teamDescription,
      'implementation-status': {
        state: combined,
        ...(statusRemarks ? { remarks: statusRemarks } : {}),
      },
      ...(provided.length || responsibilities.length
        ? {
            export: {
              description: `What customers of ${systemName} inherit from it for ${formatNistIds([nistId])}, and what they must do themselves.`,
              ...(provided.length ? { provided } : {}),
              ...(responsibilities.length ? { responsibilities } : {}),
            },
          }
        : {}),
      ...ownerRoles(teamControls.map((c) => c.row.implementation?.ownerId)),
    };
    const awsPart =
      inherited.length || satisfied.length
        ? [
            {
              'component-uuid': aws,
              uuid: id('by-component', nistId, 'aws'),
              description: `What ${systemName} inherits from Amazon Web Services for ${formatNistIds([nistId])}, and the AWS customer responsibilities ${org} meets.`,
              ...(inherited.length ? { inherited } : {}),
              ...(satisfied.length ? { satisfied } : {}),
            },
          ]
        : [];
    const parts = target.parts.length ? target.parts : [{ id: `${nistId}_smt`, label: '' }];

    return {
      uuid: id('requirement', nistId),
      'control-id': nistId,
      props,
      ...(setParameters.length ? { 'set-parameters': setParameters } : {}),
      ...ownerRoles(teamControls.map((c) => c.row.implementation?.ownerId)),
      statements: parts.map((part) => ({
        'statement-id': part.id,
        uuid: id('statement', nistId, part.id),
        'by-components': [
          {
            'component-uuid': thisSystem,
            uuid: id('statement-by-component', nistId, part.id),
            description: `${part.label ? `Part ${part.label} of ${formatNistIds([nistId])}` : formatNistIds([nistId])}: ${
              controls.length
                ? `met by ${controls.map((c) => c.row.code).join(', ')} as described for the whole control.`
                : 'no Demarc control is mapped yet.'
            }`,
          },
        ],
      })),
      'by-components': [...awsPart, thisSystemPart],
      ...(statusRemarks ? { remarks: statusRemarks } : {}),
    };
  };

  const regions =
    system.regions.map((r) => `${r} (${AWS_REGIONS[r as keyof typeof AWS_REGIONS] ?? 'unknown Region'})`).join(', ') || 'none recorded yet';
  const state = system.archivedAt ? 'disposition' : 'operational';
  const description = system.description.trim() || `${systemName}, a system of ${org} on AWS.`;

  // ── Categorization: FIPS 199 levels, the high-water mark, the information types ──────
  const cat = system.categorization;
  const categorized = isCategorized(cat);
  const level = (l: ImpactLevel | null) => fipsToken(l ?? 'MODERATE');
  const mark = highWaterMark([cat.confidentiality, cat.integrity, cat.availability]);
  const informationTypes = system.informationTypes.length
    ? system.informationTypes.map((t, index) => ({
        uuid: id('information-type', String(index), t.nistId),
        title: oneLine(t.title),
        description: `${oneLine(t.title)} (NIST SP 800-60 ${t.nistId}), processed by ${systemName}.`,
        categorizations: [{ system: 'https://doi.org/10.6028/NIST.SP.800-60v2r1', 'information-type-ids': [t.nistId] }],
        'confidentiality-impact': { base: fipsToken(t.confidentiality), selected: fipsToken(t.confidentiality) },
        'integrity-impact': { base: fipsToken(t.integrity), selected: fipsToken(t.integrity) },
        'availability-impact': { base: fipsToken(t.availability), selected: fipsToken(t.availability) },
      }))
    : [
        {
          uuid: id('information-type'),
          title: 'Information processed by the system',
          description: 'No information type is recorded in Demarc: categorize them (NIST SP 800-60) on the system’s edit page.',
        },
      ];
  const categorizationRemarks = categorized
    ? `FIPS 199 categorization recorded in Demarc: confidentiality ${IMPACT_WORDS[cat.confidentiality!]}, integrity ${IMPACT_WORDS[cat.integrity!]}, availability ${IMPACT_WORDS[cat.availability!]}; high-water mark ${IMPACT_WORDS[mark!]}.`
    : 'The FIPS 199 categorization is not complete in Demarc: objectives without a level are written as moderate. Record them on the system’s edit page before submitting this plan.';

  const fedrampProps = (() => {
    const r = facts.fedramp;
    const impact = r?.fedrampImpactLevel?.toLowerCase();
    return [
      ...(r?.fedrampPackageId?.trim() ? [{ name: 'leveraged-system-identifier', ns: FEDRAMP_NS, value: oneLine(r.fedrampPackageId) }] : []),
      ...(r?.fedrampAuthorizationType?.trim()
        ? [{ name: 'authorization-type', ns: FEDRAMP_NS, value: r.fedrampAuthorizationType.trim() }]
        : []),
      ...(impact ? [{ name: 'impact-level', ns: FEDRAMP_NS, value: impact }] : []),
    ];
  })();
  const dateAuthorized = facts.authorizedOn ?? facts.latest?.periodEnd ?? system.createdAt;
  const leveragedRemarks = [
    facts.authorized
      ? `Authorized on ${day(facts.authorizedOn!)}, as recorded with ${oneLine(facts.authorized.title)}.`
      : facts.latest
        ? `The FedRAMP authorization date is not recorded: date-authorized is the end of the period of the latest AWS Artifact report (${oneLine(facts.latest.title)}). Record the authorization date with the report.`
        : `No AWS Artifact report is recorded in Demarc: date-authorized is the date ${systemName} was recorded in Demarc, not an authorization date. Record AWS's FedRAMP report with its package id and authorization date.`,
    facts.fedramp ? '' : 'No FedRAMP package id is recorded for AWS: leveraged-system-identifier is missing.',
  ]
    .filter(Boolean)
    .join(' ');

  const baselineWords = input.baseline
    ? `the controls and enhancements of its baseline, ${oneLine(input.baseline.name)}${input.baseline.version ? ` (version ${oneLine(input.baseline.version)})` : ''}`
    : 'each NIST SP 800-53 control its Demarc controls name (no baseline is chosen for the system, so the plan imports the full catalog)';

  const plan = {
    uuid: id('ssp'),
    'import-profile': {
      href: `#${baselineResource ?? catalog}`,
      ...(input.baseline ? {} : { remarks: 'No baseline is chosen for this system: the plan imports the NIST SP 800-53 rev5 catalog.' }),
    },
    'system-characteristics': {
      'system-ids': [{ 'identifier-type': 'https://ietf.org/rfc/rfc4122', id: system.id }],
      'system-name': systemName,
      description,
      'security-sensitivity-level': level(mark),
      'system-information': { 'information-types': informationTypes },
      'security-impact-level': {
        'security-objective-confidentiality': level(cat.confidentiality),
        'security-objective-integrity': level(cat.integrity),
        'security-objective-availability': level(cat.availability),
      },
      status: { state },
      'authorization-boundary': {
        description: `${systemName} runs on Amazon Web Services. AWS Regions where its data lives: ${regions}. Inside the boundary: the resources and configuration of ${org} in the AWS services the system uses (${services}). Outside it: AWS's infrastructure beneath them, inherited through the leveraged AWS authorization.`,
      },
      'responsible-parties': [{ 'role-id': 'system-owner', 'party-uuids': [orgParty] }],
      remarks: categorizationRemarks,
    },
    'system-implementation': {
      'leveraged-authorizations': [
        {
          uuid: leveraged,
          title: oneLine(facts.fedramp?.title ?? 'Amazon Web Services'),
          ...(fedrampProps.length ? { props: fedrampProps } : {}),
          ...(input.reports.length
            ? { links: input.reports.map((r) => ({ href: `#${reportResource(r.id)}`, rel: 'reference', text: oneLine(r.title) })) }
            : {}),
          'party-uuid': awsParty,
          'date-authorized': day(dateAuthorized),
          remarks: leveragedRemarks,
        },
      ],
      users: [
        {
          uuid: id('user', 'control-owner'),
          title: 'Control owner',
          description: `A member of ${org} who owns the customer half of a control in this system and keeps its evidence current.`,
          props: [{ name: 'type', value: 'internal' }],
          'role-ids': ['control-owner'],
        },
      ],
      components: [
        {
          uuid: thisSystem,
          type: 'this-system',
          title: systemName,
          description,
          status: { state },
          'responsible-roles': [{ 'role-id': 'system-owner', 'party-uuids': [orgParty] }],
        },
        {
          uuid: aws,
          type: 'system',
          title: 'Amazon Web Services',
          description: `The AWS services this system uses: ${services}. AWS secures the infrastructure beneath them under its own authorization, which this system leverages.`,
          props: [
            { name: 'implementation-point', value: 'external' },
            { name: 'leveraged-authorization-uuid', value: leveraged },
            { name: 'inherited-uuid', value: stableUuid('aws', 'component', 'amazon-web-services') },
          ],
          status: { state: 'operational' },
          'responsible-roles': [{ 'role-id': 'provider', 'party-uuids': [awsParty] }],
        },
      ],
    },
    'control-implementation': {
      description: [
        `How ${systemName} implements ${baselineWords}: what it inherits from AWS, what ${org} does itself, who owns it, and what ${org}'s customers inherit or must do.`,
        unlisted.length ? `Not listed because they name no NIST SP 800-53 control: ${unlisted.join(', ')}.` : '',
      ]
        .filter(Boolean)
        .join(' '),
      'implemented-requirements': targets.map(implementedRequirement),
    },
    'back-matter': {
      resources: [
        ...(input.baseline
          ? [
              {
                uuid: baselineResource!,
                title: oneLine(input.baseline.name),
                ...(input.baseline.version ? { props: [{ name: 'version', value: oneLine(input.baseline.version) }] } : {}),
                description: `The baseline ${systemName} is assessed against, as imported into Demarc (a resolved profile catalog).`,
              },
            ]
          : [
              {
                uuid: catalog,
                title: 'NIST SP 800-53 Revision 5 catalog',
                rlinks: [{ href: CATALOG_HREF, 'media-type': 'application/oscal.catalog+json' }],
              },
            ]),
        ...input.reports.map((r) => ({
          uuid: reportResource(r.id),
          title: oneLine(r.title),
          citation: {
            text: `AWS Artifact ${r.artifactReportId}${r.reportVersion ? ` version ${oneLine(r.reportVersion)}` : ''}, period ${day(r.periodStart)} to ${day(r.periodEnd)}${r.fedrampPackageId?.trim() ? `, FedRAMP package ${oneLine(r.fedrampPackageId)}` : ''}`,
          },
          remarks: 'A reference only: AWS Artifact reports cannot be redistributed.',
        })),
      ],
    },
  };
  const metadata = {
    roles: [
      { id: 'system-owner', title: 'System Owner' },
      { id: 'control-owner', title: 'Control Owner' },
      { id: 'provider', title: 'Leveraged Service Provider' },
      { id: 'customer', title: `Customer of ${systemName}` },
    ],
    parties: [
      { uuid: orgParty, type: 'organization', name: org },
      { uuid: awsParty, type: 'organization', name: 'Amazon Web Services', 'short-name': 'AWS' },
      ...input.owners.map((o) => ({
        uuid: party('member', o.userId),
        type: 'person',
        name: oneLine(o.name),
        'email-addresses': [o.email],
        'member-of-organizations': [orgParty],
      })),
    ],
  };
  // The version names the content: the same plan exported twice has the same version.
  const version = createHash('sha256').update(JSON.stringify({ metadata, plan })).digest('hex').slice(0, 12);
  const { uuid, ...rest } = plan;
  return {
    'system-security-plan': {
      uuid,
      metadata: {
        title: `${systemName} — System Security Plan`,
        'last-modified': now.toISOString(),
        version,
        'oscal-version': OSCAL_VERSION,
        ...metadata,
      },
      ...rest,
    },
  };
}

export type SspDocument = ReturnType<typeof buildSspDocument>;
