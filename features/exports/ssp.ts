// An OSCAL System Security Plan for one system, built from what Demarc records. AWS is a
// leveraged system: its component's `export` mirrors AWS's customer responsibility matrix
// (`provided` = the AWS statement and tasks, `responsibilities` = what is left to the
// customer), and this system's component references it with `inherited` and `satisfied`,
// so every reference resolves inside the document.
import { createHash } from 'node:crypto';
import { formatNistIds } from '@/features/controls/controls.schema';
import { explainResponsibility } from '@/features/controls/responsibility.policy';
import { STATUS_LABELS, applicabilityText, awsHalfText, type ControlState, type ControlStatus } from '@/features/controls/status.policy';
import { AWS_REGIONS, serviceName } from '@/features/systems/service-catalog';
import { AppError } from '@/lib/errors';
import { ORIGINATION, awsProvision, customerResponsibility, type ExportControl } from './cis-crm.policy';

export const OSCAL_VERSION = '1.1.2';
const FEDRAMP_NS = 'https://fedramp.gov/ns/oscal';
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

export type SspInput = {
  orgId: string;
  organizationName: string;
  system: { id: string; name: string; description: string; regions: string[]; services: string[]; archivedAt: Date | null };
  controls: ExportControl[];
  /** The owners of the system's customer halves. */
  owners: { userId: string; name: string; email: string }[];
  /** AWS Artifact report references. */
  reports: { id: string; title: string; artifactReportId: string; reportVersion: string; periodStart: Date; periodEnd: Date }[];
  now: Date;
};

type OscalState = 'implemented' | 'partial' | 'planned' | 'not-applicable';
/** OSCAL has no "not started": it is planned, and the remarks say it has not started. */
const OSCAL_STATE: Record<ControlStatus, OscalState> = {
  NOT_STARTED: 'planned',
  PLANNED: 'planned',
  PARTIALLY_IMPLEMENTED: 'partial',
  IMPLEMENTED: 'implemented',
  NOT_APPLICABLE: 'not-applicable',
};

/**
 * One control's implementation status in OSCAL's words, from its derived state, with remarks
 * that say what OSCAL's state cannot: the AWS half and the report that covers it (or that none
 * does), the customer half when it is not simply implemented, and why a control does not apply.
 * FedRAMP asks for an explanation of every status short of implemented; each one has remarks.
 */
export function oscalStatus(state: ControlState): { state: OscalState; remarks: string | null } {
  const notApplicable = applicabilityText(state.applicability);
  if (notApplicable) return { state: 'not-applicable', remarks: notApplicable };
  const customer = state.customer?.status;
  const parts = [
    state.aws ? awsHalfText(state.aws) : null,
    customer && state.aws ? `Customer half: ${STATUS_LABELS[customer].toLowerCase()}` : null,
    customer && !state.aws && customer !== 'IMPLEMENTED' ? STATUS_LABELS[customer] : null,
  ].filter((part): part is string => part !== null);
  return { state: OSCAL_STATE[state.status], remarks: parts.length ? parts.join('. ') : null };
}

/** Several Demarc controls can name one NIST control: it is implemented when all that apply are. */
export function combinedState(states: OscalState[]): OscalState {
  const applicable = states.filter((s) => s !== 'not-applicable');
  if (applicable.length === 0) return 'not-applicable';
  if (applicable.every((s) => s === 'implemented')) return 'implemented';
  return applicable.every((s) => s === 'planned') ? 'planned' : 'partial';
}

/** OSCAL's string and line fields allow neither line breaks nor surrounding spaces. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
const day = (date: Date) => date.toISOString().slice(0, 10);
const byId = new Intl.Collator('en', { numeric: true });
/** Ends a sentence that may already end with a full stop (an owner's justification often does). */
const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

/** What AWS provides, as far as Demarc can prove it: the AWS half and its report, or why the control does not apply. */
function awsCoverage(state: ControlState): string {
  return state.aws ? awsHalfText(state.aws) : (applicabilityText(state.applicability) ?? STATUS_LABELS[state.status]);
}

/** How the customer half is met: why it does not apply, else its narrative, else its status. */
function satisfaction({ row, narrative }: ExportControl): string {
  const notApplicable = applicabilityText(row.state.applicability);
  if (notApplicable) return notApplicable;
  if (narrative) return narrative;
  const status = row.state.customer?.status ?? row.state.status;
  return `No implementation narrative is recorded yet (status: ${STATUS_LABELS[status].toLowerCase()}).`;
}

export function buildSspDocument(input: SspInput) {
  const { orgId, system, now } = input;
  const org = oneLine(input.organizationName);
  const id = (...name: string[]) => stableUuid(orgId, system.id, ...name);
  const party = (...name: string[]) => stableUuid(orgId, 'party', ...name);
  const orgParty = party('organization');
  const awsParty = party('aws');
  const owners = new Map(input.owners.map((o) => [o.userId, o]));
  const thisSystem = id('component', 'this-system');
  const aws = id('component', 'aws');
  const leveraged = id('leveraged-authorization', 'aws');
  const catalog = stableUuid('resource', 'nist-sp-800-53-rev5-catalog');
  const reportResource = (reportId: string) => stableUuid(orgId, 'resource', 'provider-report', reportId);
  const ownerRoles = (ownerIds: (string | null | undefined)[]) => {
    const parties = [...new Set(ownerIds)].filter((o): o is string => !!o && owners.has(o)).map((o) => party('member', o));
    return parties.length ? { 'responsible-roles': [{ 'role-id': 'control-owner', 'party-uuids': parties }] } : {};
  };

  const byNistId = new Map<string, ExportControl[]>();
  for (const control of input.controls) {
    for (const nistId of new Set(control.statements.nistIds)) byNistId.set(nistId, [...(byNistId.get(nistId) ?? []), control]);
  }
  if (byNistId.size === 0) {
    throw new AppError(
      'CONFLICT',
      'No control names a NIST SP 800-53 control, so the plan would be empty. Add NIST ids to the controls first.',
    );
  }
  const unmapped = input.controls.filter((c) => c.statements.nistIds.length === 0).map((c) => c.row.code);

  const implementedRequirement = (nistId: string, controls: ExportControl[]) => {
    const entries = controls.map((c) => ({
      ...c,
      heading: `**${c.row.code} — ${oneLine(c.row.title)}**`,
      provided: c.row.effective.type !== 'CUSTOMER' ? id('provided', c.row.id, nistId) : undefined,
      responsibility: c.row.effective.type !== 'INHERITED' ? id('responsibility', c.row.id, nistId) : undefined,
    }));
    const tokens = [...new Set(entries.flatMap((e) => ORIGINATION[e.row.effective.type].tokens))].sort();
    const origination = tokens.map((value) => ({ name: 'control-origination', ns: FEDRAMP_NS, value }));
    const provided = entries.flatMap((e) =>
      e.provided
        ? [
            {
              uuid: e.provided,
              description: `${e.heading}\n\n${awsProvision(e.statements).join('\n\n') || 'AWS provides this part under its own authorization.'}`,
            },
          ]
        : [],
    );
    const responsibilities = entries.flatMap((e) =>
      e.responsibility
        ? [
            {
              uuid: e.responsibility,
              ...(e.provided ? { 'provided-uuid': e.provided } : {}),
              description: `${e.heading}\n\n${customerResponsibility(e.statements).join('\n\n') || `${org} implements this control for the system.`}`,
              'responsible-roles': [{ 'role-id': 'system-owner', 'party-uuids': [orgParty] }],
            },
          ]
        : [],
    );
    const inherited = entries.flatMap((e) =>
      e.provided
        ? [
            {
              uuid: id('inherited', e.row.id, nistId),
              'provided-uuid': e.provided,
              description: `${e.heading}\n\nInherited from AWS. ${sentence(awsCoverage(e.row.state))}`,
            },
          ]
        : [],
    );
    const satisfied = entries.flatMap((e) =>
      e.responsibility
        ? [
            {
              uuid: id('satisfied', e.row.id, nistId),
              'responsibility-uuid': e.responsibility,
              description: `${e.heading}\n\n${satisfaction(e)}`,
              ...ownerRoles([e.row.implementation?.ownerId]),
            },
          ]
        : [],
    );
    const statuses = entries.map((e) => ({ code: e.row.code, ...oscalStatus(e.row.state) }));
    const remarks = statuses.filter((s) => s.remarks).map((s) => `${s.code}: ${s.remarks}`);
    return {
      uuid: id('requirement', nistId),
      'control-id': nistId,
      // FedRAMP reads origination on the requirement (with the leveraged authorization when inherited); the system's by-component repeats it.
      props: [
        ...origination,
        ...(tokens.includes('inherited') ? [{ name: 'leveraged-authorization-uuid', ns: FEDRAMP_NS, value: leveraged }] : []),
      ],
      ...ownerRoles(entries.filter((e) => e.responsibility).map((e) => e.row.implementation?.ownerId)),
      'by-components': [
        {
          'component-uuid': aws,
          uuid: id('by-component', nistId, 'aws'),
          description: `What AWS provides for ${formatNistIds([nistId])} in this system, and what it leaves to ${org}.`,
          export: { ...(provided.length ? { provided } : {}), ...(responsibilities.length ? { responsibilities } : {}) },
        },
        {
          'component-uuid': thisSystem,
          uuid: id('by-component', nistId, 'this-system'),
          description: entries.map((e) => `${e.heading}\n\n${explainResponsibility(e.row.effective)}.`).join('\n\n'),
          props: origination,
          'implementation-status': {
            state: combinedState(statuses.map((s) => s.state)),
            ...(remarks.length ? { remarks: remarks.join('\n\n') } : {}),
          },
          ...(inherited.length ? { inherited } : {}),
          ...(satisfied.length ? { satisfied } : {}),
        },
      ],
    };
  };

  const services = system.services.map(serviceName).join(', ') || 'none recorded yet';
  const regions =
    system.regions.map((r) => `${r} (${AWS_REGIONS[r as keyof typeof AWS_REGIONS] ?? 'unknown Region'})`).join(', ') || 'none recorded yet';
  const latestReport = input.reports.reduce<SspInput['reports'][number] | undefined>(
    (latest, r) => (!latest || r.periodEnd > latest.periodEnd ? r : latest),
    undefined,
  );
  const state = system.archivedAt ? 'disposition' : 'operational';
  const description = system.description.trim() || `${oneLine(system.name)}, a system of ${org} on AWS.`;

  const plan = {
    uuid: id('ssp'),
    'import-profile': { href: `#${catalog}` },
    'system-characteristics': {
      'system-ids': [{ 'identifier-type': 'https://ietf.org/rfc/rfc4122', id: system.id }],
      'system-name': oneLine(system.name),
      description,
      'system-information': {
        'information-types': [
          {
            uuid: id('information-type'),
            title: 'Information processed by the system',
            description: 'Demarc does not record information types: categorize them (NIST SP 800-60) before submitting this plan.',
          },
        ],
      },
      'security-impact-level': {
        'security-objective-confidentiality': 'fips-199-moderate',
        'security-objective-integrity': 'fips-199-moderate',
        'security-objective-availability': 'fips-199-moderate',
      },
      status: { state },
      'authorization-boundary': {
        description: `${oneLine(system.name)} runs on Amazon Web Services. AWS Regions where its data lives: ${regions}. Inside the boundary: the resources and configuration of ${org} in the AWS services the system uses (${services}). Outside it: AWS's infrastructure beneath them, inherited through the leveraged AWS authorization.`,
      },
      'responsible-parties': [{ 'role-id': 'system-owner', 'party-uuids': [orgParty] }],
      remarks:
        'Demarc records no FIPS 199 categorization: the impact levels above are placeholders at moderate. Review them before submitting this plan.',
    },
    'system-implementation': {
      'leveraged-authorizations': [
        {
          uuid: leveraged,
          title: 'Amazon Web Services',
          ...(input.reports.length
            ? { links: input.reports.map((r) => ({ href: `#${reportResource(r.id)}`, rel: 'reference', text: oneLine(r.title) })) }
            : {}),
          'party-uuid': awsParty,
          'date-authorized': day(latestReport?.periodEnd ?? now),
          remarks: latestReport
            ? `The date is the end of the period of the latest AWS Artifact report recorded in Demarc (${oneLine(latestReport.title)}); replace it with the date of the AWS authorization this system leverages.`
            : 'No AWS Artifact report is recorded in Demarc: the date is the export date. Replace it with the date of the AWS authorization this system leverages.',
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
          title: oneLine(system.name),
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
          ],
          status: { state: 'operational' },
          'responsible-roles': [{ 'role-id': 'provider', 'party-uuids': [awsParty] }],
        },
      ],
    },
    'control-implementation': {
      description: [
        `How ${oneLine(system.name)} implements each NIST SP 800-53 control its Demarc controls name: what it inherits from AWS, what ${org} does itself, and who owns it.`,
        unmapped.length ? `Not listed because they name no NIST SP 800-53 control: ${unmapped.join(', ')}.` : '',
      ]
        .filter(Boolean)
        .join(' '),
      'implemented-requirements': [...byNistId.keys()]
        .sort(byId.compare)
        .map((nistId) => implementedRequirement(nistId, byNistId.get(nistId)!)),
    },
    'back-matter': {
      resources: [
        {
          uuid: catalog,
          title: 'NIST SP 800-53 Revision 5 catalog',
          rlinks: [{ href: CATALOG_HREF, 'media-type': 'application/oscal.catalog+json' }],
        },
        ...input.reports.map((r) => ({
          uuid: reportResource(r.id),
          title: oneLine(r.title),
          citation: {
            text: `AWS Artifact ${r.artifactReportId}${r.reportVersion ? ` version ${oneLine(r.reportVersion)}` : ''}, period ${day(r.periodStart)} to ${day(r.periodEnd)}`,
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
        title: `${oneLine(system.name)} — System Security Plan`,
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
