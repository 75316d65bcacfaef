import { readFileSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat } from './detect';
import { DETECT_PREFIX_BYTES, type Finding, type FindingFormat, type ParseOptions } from './findings.policy';
import { readFindings } from './parse';
import { normalizeRequirements } from './requirement-ids';

const DATA = path.resolve(import.meta.dirname, '../../../shared/data');
const file = (name: string) => path.join(DATA, 'findings', name);

async function readAll(source: Parameters<typeof readFindings>[0], options: ParseOptions = {}) {
  const warnings: string[] = [];
  const { format, findings } = await readFindings(source, { onWarning: (w) => warnings.push(w), ...options });
  const list: Finding[] = [];
  for await (const finding of findings) list.push(finding);
  return { format, findings: list, warnings };
}

/** The bytes in chunks of `size`, to cut every token somewhere. */
async function* chunked(bytes: Uint8Array, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const counts = (findings: Finding[]) => ({
  findings: findings.length,
  failed: findings.filter((f) => f.status === 'FAILED').length,
  passed: findings.filter((f) => f.status === 'PASSED').length,
  suppressed: findings.filter((f) => f.suppressed).length,
  withRequirements: findings.filter((f) => f.requirements.length > 0).length,
});

describe('every shared sample parses, with the counts read from the file', () => {
  const cases: [string, FindingFormat, ReturnType<typeof counts>][] = [
    [
      'prowler-ocsf/maheribra_cloudtrail-before-scan.json',
      'prowler-ocsf',
      { findings: 35, failed: 35, passed: 0, suppressed: 0, withRequirements: 35 },
    ],
    [
      'prowler-ocsf/prowler_example_output_aws.ocsf.json',
      'prowler-ocsf',
      { findings: 5, failed: 2, passed: 0, suppressed: 0, withRequirements: 5 },
    ],
    [
      'prowler-legacy-json/patheard_prowler-output-test.json',
      'prowler-json',
      { findings: 3, failed: 1, passed: 2, suppressed: 0, withRequirements: 3 },
    ],
    ['asff/maheribra_securityhub-findings.json', 'asff', { findings: 45, failed: 19, passed: 26, suppressed: 0, withRequirements: 44 }],
    ['asff/electriceye_findings.json', 'asff', { findings: 68, failed: 42, passed: 26, suppressed: 0, withRequirements: 62 }],
    ['asff/defectdojo_config_many_findings.json', 'asff', { findings: 3, failed: 0, passed: 3, suppressed: 0, withRequirements: 3 }],
    [
      'aws-config/custodian_test_config_compliance__config.GetComplianceDetailsByConfigRule_1.json',
      'aws-config',
      { findings: 1, failed: 1, passed: 0, suppressed: 0, withRequirements: 0 },
    ],
    [
      'aws-config/custodian_test_config_inconsistent_hub_rule__config.GetComplianceDetailsByConfigRule_1.json',
      'aws-config',
      { findings: 3, failed: 3, passed: 0, suppressed: 0, withRequirements: 0 },
    ],
    [
      'oscal-ar/nist_ifa_assessment-results-example.json',
      'oscal-assessment-results',
      { findings: 1, failed: 1, passed: 0, suppressed: 0, withRequirements: 1 },
    ],
    [
      'oscal-ar/fedramp_rev5_FedRAMP-SAR-OSCAL-Template.json',
      'oscal-assessment-results',
      { findings: 8, failed: 5, passed: 3, suppressed: 0, withRequirements: 8 },
    ],
    [
      'oscal-ar/pqc-scanner_oscal-assessment-results.json',
      'oscal-assessment-results',
      { findings: 7, failed: 7, passed: 0, suppressed: 0, withRequirements: 7 },
    ],
    [
      'iam-credential-report/awstestbench_credential_report.csv',
      'iam-credential-report',
      { findings: 14, failed: 5, passed: 6, suppressed: 0, withRequirements: 0 },
    ],
    [
      'iam-credential-report/cfech_credential-report.csv',
      'iam-credential-report',
      { findings: 8, failed: 2, passed: 4, suppressed: 0, withRequirements: 0 },
    ],
  ];

  it.each(cases)('%s', async (name, format, expected) => {
    const bytes = readFileSync(file(name));
    // Ages in credential reports are measured from a fixed day, a few days after each report.
    const asOf = name.includes('awstestbench') ? new Date('2023-01-04T00:00:00Z') : new Date('2025-02-01T00:00:00Z');
    const read = await readAll(createReadStream(file(name)), { asOf });
    expect(read.format).toBe(format);
    expect(counts(read.findings)).toEqual(expected);
    // Detected from the first bytes only.
    expect(detectFormat(bytes.subarray(0, DETECT_PREFIX_BYTES))).toEqual({ ok: true, format });
    // The same findings whatever the chunk boundaries (every token is cut somewhere).
    const small = await readAll(chunked(bytes, 7), { asOf });
    expect(small.findings).toEqual(read.findings);
    for (const f of read.findings) {
      expect(f.findingId).toBeTruthy();
      expect(f.checkId).toBeTruthy();
      expect(Number.isNaN(f.observedAt.getTime())).toBe(false);
    }
  });

  it('Prowler OCSF: tool, account, Region, ARN, epoch time, and NIST/FedRAMP/SOC 2 ids normalised', async () => {
    const { findings } = await readAll(createReadStream(file('prowler-ocsf/maheribra_cloudtrail-before-scan.json')));
    const first = findings[0]!;
    expect(first).toMatchObject({
      tool: { name: 'Prowler', version: '5.34.0' },
      checkId: 'cloudtrail_bedrock_logging_enabled',
      findingId: 'prowler-aws-cloudtrail_bedrock_logging_enabled-018134828551-eu-west-1-018134828551',
      severity: 'MEDIUM',
      accountId: '018134828551',
      region: 'eu-west-1',
      resource: { arn: 'arn:aws:cloudtrail:eu-west-1:018134828551:trail', type: 'AwsCloudTrailTrail' },
    });
    expect(first.observedAt.toISOString()).toBe('2026-07-17T00:02:50.000Z');
    const all = findings.flatMap((f) =>
      normalizeRequirements(f.requirements).recognised.map((r) => `${r.framework}/${r.edition}/${r.id}${r.part ? `#${r.part}` : ''}`),
    );
    expect(all).toEqual(
      expect.arrayContaining([
        'nist-800-53/rev5/ac-2.4',
        'nist-800-53/rev5/au-3#a',
        'nist-800-53/rev5/cm-5.1#b',
        'fedramp/rev4-moderate/au-6.3',
        'soc2/null/CC7.2',
      ]),
    );
  });

  it('Prowler OCSF sample: MANUAL kept as MANUAL, placeholders read as absent, ids derived and unique', async () => {
    const { findings } = await readAll(createReadStream(file('prowler-ocsf/prowler_example_output_aws.ocsf.json')));
    expect(findings.map((f) => f.status)).toEqual(['FAILED', 'MANUAL', 'FAILED', 'MANUAL', 'MANUAL']);
    expect(findings.every((f) => f.accountId === null && f.region === null && f.tool.version === null)).toBe(true);
    expect(new Set(findings.map((f) => f.findingId)).size).toBe(5);
    const again = await readAll(createReadStream(file('prowler-ocsf/prowler_example_output_aws.ocsf.json')));
    expect(again.findings.map((f) => f.findingId)).toEqual(findings.map((f) => f.findingId));
  });

  it('ASFF: consolidated, per-standard and third-party check ids; GuardDuty without Compliance; archived kept', async () => {
    const hub = (await readAll(createReadStream(file('asff/maheribra_securityhub-findings.json')))).findings;
    const guardDuty = hub.find((f) => f.tool.name === 'GuardDuty')!;
    expect(guardDuty).toMatchObject({ checkId: 'TTPs/Policy:IAMUser-RootCredentialUsage', status: 'FAILED', requirements: [] });
    const iam8 = hub.find((f) => f.checkId === 'IAM.8')!;
    expect(iam8.requirements.map((r) => r.framework)).toEqual(
      expect.arrayContaining(['standards/aws-foundational-security-best-practices/v/1.0.0']),
    );
    const cis = hub.flatMap((f) => normalizeRequirements(f.requirements).recognised).filter((r) => r.framework === 'cis-aws-foundations');
    expect(cis.length).toBeGreaterThan(0);
    expect(cis.every((r) => r.edition === '1.2.0')).toBe(true);

    const dojo = (await readAll(createReadStream(file('asff/defectdojo_config_many_findings.json')))).findings;
    expect(dojo.map((f) => f.checkId)).toEqual(['IAM.5', 'SSM.2', 'ELBv2.1']);

    const eye = (await readAll(createReadStream(file('asff/electriceye_findings.json')))).findings;
    expect(eye[0]).toMatchObject({ tool: { name: 'ElectricEye' }, checkId: 'KMS.1', severity: 'MEDIUM' });
    expect(eye.filter((f) => f.archived)).toHaveLength(26);
    // The real file repeats one finding id (the same SNS check twice): ids are passed on as written.
    expect(new Set(eye.map((f) => f.findingId)).size).toBe(67);
    const nist = eye.flatMap((f) => normalizeRequirements(f.requirements).recognised).filter((r) => r.framework === 'nist-800-53');
    expect(nist.length).toBeGreaterThan(0);
    expect(nist.every((r) => r.edition === null)).toBe(true);
  });

  it('ASFF as a bare array and as one finding per line', async () => {
    const { Findings } = JSON.parse(readFileSync(file('asff/maheribra_securityhub-findings.json'), 'utf8')) as { Findings: unknown[] };
    const array = await readAll(JSON.stringify(Findings));
    const lines = await readAll([Findings.map((f) => JSON.stringify(f)).join('\n') + '\n']);
    expect(array.format).toBe('asff');
    expect(lines.format).toBe('asff');
    expect(counts(array.findings)).toEqual(counts(lines.findings));
    expect(lines.findings).toHaveLength(45);
  });

  it('ASFF: a legacy CIS finding names its rule in ProductFields.RuleId', async () => {
    const base = JSON.parse(readFileSync(file('asff/defectdojo_config_many_findings.json'), 'utf8')).findings[0];
    const legacy = {
      ...base,
      Id: 'arn:aws:securityhub:us-east-1:012345678912:subscription/cis-aws-foundations-benchmark/v/1.2.0/1.3/finding/x',
      ProductFields: { StandardsGuideArn: 'arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0', RuleId: '1.3' },
      Compliance: { Status: 'FAILED' },
    };
    const [finding] = (await readAll(JSON.stringify({ Findings: [legacy] }))).findings;
    expect(finding).toMatchObject({ checkId: '1.3', status: 'FAILED' });
    expect(normalizeRequirements(finding!.requirements).recognised).toMatchObject([
      { framework: 'cis-aws-foundations', edition: '1.2.0', id: '1.3' },
    ]);
  });

  it('ASFF: suppressed by workflow, and statuses beyond pass/fail', async () => {
    const base = JSON.parse(readFileSync(file('asff/defectdojo_config_many_findings.json'), 'utf8')).findings[0];
    const findings = [
      { ...base, Id: 'a', Compliance: { Status: 'FAILED' }, Workflow: { Status: 'SUPPRESSED' } },
      { ...base, Id: 'b', Compliance: { Status: 'WARNING' } },
      { ...base, Id: 'c', Compliance: { Status: 'NOT_AVAILABLE' } },
    ];
    const { findings: read } = await readAll([JSON.stringify({ Findings: findings })]);
    expect(read.map((f) => [f.status, f.suppressed, f.statusDetail])).toEqual([
      ['FAILED', true, null],
      ['UNKNOWN', false, 'WARNING'],
      ['UNKNOWN', false, 'NOT_AVAILABLE'],
    ]);
  });

  it('AWS Config: plain CLI JSON with ISO times, the scan’s account and Region, and every compliance type', async () => {
    const result = (type: string, id: string) => ({
      EvaluationResultIdentifier: {
        EvaluationResultQualifier: {
          ConfigRuleName: 's3-bucket-level-public-access-prohibited',
          ResourceType: 'AWS::S3::Bucket',
          ResourceId: id,
        },
      },
      ComplianceType: type,
      ResultRecordedTime: '2026-11-01T10:00:00.123000+00:00',
    });
    const json = JSON.stringify({
      EvaluationResults: [
        result('COMPLIANT', 'a'),
        result('NON_COMPLIANT', 'b'),
        result('NOT_APPLICABLE', 'c'),
        result('INSUFFICIENT_DATA', 'd'),
      ],
    });
    const { format, findings } = await readAll([json], { accountId: '111122223333', region: 'eu-west-1' });
    expect(format).toBe('aws-config');
    expect(findings.map((f) => f.status)).toEqual(['PASSED', 'FAILED', 'NOT_APPLICABLE', 'UNKNOWN']);
    expect(findings[3]!.statusDetail).toBe('INSUFFICIENT_DATA');
    expect(findings[0]).toMatchObject({
      accountId: '111122223333',
      region: 'eu-west-1',
      checkId: 's3-bucket-level-public-access-prohibited',
    });
    expect(findings[0]!.observedAt.toISOString()).toBe('2026-11-01T10:00:00.123Z');
    // Recorded datetime objects are read as UTC.
    const recorded = await readAll(
      createReadStream(file('aws-config/custodian_test_config_compliance__config.GetComplianceDetailsByConfigRule_1.json')),
    );
    expect(recorded.findings[0]!.observedAt.toISOString()).toBe('2018-07-11T08:20:23.955Z');
    expect(recorded.findings[0]!.resource).toEqual({ arn: null, id: 'vol-0c6efd2a9f5677a03', type: 'AWS::EC2::Volume' });
  });

  it('Prowler: muted findings are kept and marked suppressed', async () => {
    const [first] = JSON.parse(readFileSync(file('prowler-ocsf/prowler_example_output_aws.ocsf.json'), 'utf8')) as Record<
      string,
      unknown
    >[];
    const muted = { ...first, status: 'Suppressed', status_id: 3 };
    const { findings } = await readAll([JSON.stringify([first, muted])]);
    expect(findings.map((f) => f.suppressed)).toEqual([false, true]);
    expect(findings[1]!.status).toBe('FAILED');
  });

  it('OSCAL: objective and statement targets; the tool dialect is accepted with warnings that say what and where', async () => {
    const fedramp = await readAll(createReadStream(file('oscal-ar/fedramp_rev5_FedRAMP-SAR-OSCAL-Template.json')));
    expect(fedramp.findings.map((f) => f.checkId)).toEqual(
      expect.arrayContaining(['ac-1.a.1_obj.1', 'au-1_smt.a', 'cm-2.1_smt.c', 'ra-5_smt.a']),
    );
    expect(fedramp.warnings).toEqual([
      'assessment-results.results[0].risks[1].remediations[0].title: the title is empty (OSCAL requires a title of one line); accepted as it is.',
    ]);
    // The template repeats one finding uuid.
    expect(new Set(fedramp.findings.map((f) => f.findingId)).size).toBe(7);

    const nist = await readAll(createReadStream(file('oscal-ar/nist_ifa_assessment-results-example.json')));
    expect(nist.warnings).toEqual([]);
    expect(nist.findings[0]!.observedAt.toISOString()).toBe('2023-06-02T12:46:51.000Z');

    const pqc = await readAll(createReadStream(file('oscal-ar/pqc-scanner_oscal-assessment-results.json')));
    expect(pqc.warnings).toEqual([
      '"oscal-version" beside "assessment-results" is not in the OSCAL schema (ignored).',
      'assessment-results.results[0].observations[0].relevant_evidence: "relevant_evidence" is not an OSCAL property (OSCAL names use hyphens); ignored.',
      expect.stringMatching(
        /^assessment-results\.results\[0\]\.findings\[0\] \(at byte [\d,]+\): "implementation-status" is not a property of an OSCAL finding; ignored\.$/,
      ),
      'assessment-results has no "import-ap" (required by the OSCAL schema); accepted without it.',
    ]);
  });

  it('OSCAL: a finding that cannot be placed is refused with where', async () => {
    const doc = JSON.parse(readFileSync(file('oscal-ar/nist_ifa_assessment-results-example.json'), 'utf8'));
    delete doc['assessment-results'].results[0].findings[0].target['target-id'];
    await expect(readAll([JSON.stringify(doc)])).rejects.toThrow(
      /^assessment-results\.results\[0\]\.findings\[0\] \(at byte [\d,]+\): the finding has no target id/,
    );
    doc['assessment-results'].results = [];
    await expect(readAll([JSON.stringify(doc)])).rejects.toThrow('assessment-results has no "results"');
  });

  it('credential report: one finding per user and check; ages measured from the report time', async () => {
    const { findings } = await readAll(createReadStream(file('iam-credential-report/awstestbench_credential_report.csv')), {
      asOf: new Date('2023-01-04T00:00:00Z'),
    });
    const by = (user: string) => findings.filter((f) => f.resource!.id.endsWith(user)).map((f) => `${f.checkId}:${f.status}`);
    expect(by(':root')).toEqual(['root-mfa:FAILED', 'root-access-keys:PASSED']);
    expect(by('user/jake')).toEqual(['user-mfa-console:FAILED', 'access-key-rotation:FAILED', 'unused-credentials:PASSED']);
    expect(by('user/cloudgoat')).toEqual(['user-mfa-console:NOT_APPLICABLE', 'access-key-rotation:FAILED', 'unused-credentials:PASSED']);
    expect(findings[0]).toMatchObject({
      accountId: '278368863034',
      region: null,
      severity: 'CRITICAL',
      findingId: 'iam-credential-report:arn:aws:iam::278368863034:root:root-mfa',
    });

    // Months later, a password never used since creation counts as unused.
    const later = await readAll(createReadStream(file('iam-credential-report/cfech_credential-report.csv')), {
      asOf: new Date('2025-06-01T00:00:00Z'),
    });
    const regular = later.findings.filter((f) => f.resource!.id.endsWith('user/Regular'));
    expect(regular.map((f) => `${f.checkId}:${f.status}`)).toEqual([
      'user-mfa-console:FAILED',
      'access-key-rotation:NOT_APPLICABLE',
      'unused-credentials:FAILED',
    ]);
    expect(later.findings[0]).toMatchObject({ checkId: 'root-mfa', status: 'PASSED' });
  });
});

describe('refusals', () => {
  const truncate = (name: string, keep = 0.6) => {
    const bytes = readFileSync(file(name));
    return bytes.subarray(0, Math.floor(bytes.length * keep));
  };

  it.each([
    'prowler-ocsf/maheribra_cloudtrail-before-scan.json',
    'asff/electriceye_findings.json',
    'aws-config/custodian_test_config_inconsistent_hub_rule__config.GetComplianceDetailsByConfigRule_1.json',
    'oscal-ar/fedramp_rev5_FedRAMP-SAR-OSCAL-Template.json',
    'prowler-legacy-json/patheard_prowler-output-test.json',
  ])('a truncated copy of %s is refused as truncated', async (name) => {
    const cut = truncate(name);
    await expect(readAll([cut])).rejects.toThrow(
      new RegExp(`^The file ends at byte ${cut.length.toLocaleString('en')} before its JSON is complete .*it looks truncated`),
    );
  });

  it('a truncated credential report is refused', async () => {
    const cut = truncate('iam-credential-report/awstestbench_credential_report.csv', 0.7);
    await expect(readAll([cut])).rejects.toThrow(/credential report cannot be read after row \d+: a row has a different number of columns/);
  });

  it('a broken finding is refused with the byte where it breaks', async () => {
    const text = readFileSync(file('asff/defectdojo_config_many_findings.json'), 'utf8');
    const at = text.indexOf('"Title"');
    const broken = text.slice(0, at) + '"Title" "x", ' + text.slice(at + 7);
    // Bytes counted from 1: the byte after `"Title" ` is where a colon was expected.
    const byte = Buffer.byteLength(text.slice(0, at + 8)) + 1;
    await expect(readAll([broken])).rejects.toThrow(
      `The file is not valid JSON at byte ${byte.toLocaleString('en')}: a colon after the property name was expected.`,
    );
    // Broken between findings, outside any finding: `{\n    "findings" [` breaks at byte 18 (the bracket).
    const between = text.replace('"findings": [', '"findings" [');
    await expect(readAll([between])).rejects.toThrow(
      /^The file is not valid JSON at byte 18: a colon after the property name was expected\.$/,
    );
  });

  it('a foreign file is refused, naming the accepted formats', async () => {
    const catalog = path.join(DATA, 'oscal/NIST_SP-800-53_rev5_catalog.json');
    await expect(readAll(createReadStream(catalog))).rejects.toThrow(
      /^This file is an OSCAL catalog, not assessment results\. Demarc accepts: AWS Security Hub findings \(ASFF JSON\);.*IAM credential report \(CSV\)\.$/,
    );
    await expect(readAll(['{"hello": "world"}'])).rejects.toThrow(/not in a format Demarc recognises\. Demarc accepts:/);
    await expect(readAll(['name,email\nx,y\n'])).rejects.toThrow(/neither JSON nor an IAM credential report/);
    await expect(readAll([''])).rejects.toThrow(/The file is empty/);
  });

  it('limits: too many findings, a finding too large', async () => {
    const source = () => createReadStream(file('prowler-ocsf/maheribra_cloudtrail-before-scan.json'));
    await expect(readAll(source(), { maxFindings: 10 })).rejects.toThrow(
      'The file holds more than 10 findings, the limit for one import; split it.',
    );
    await expect(readAll(source(), { maxFindingBytes: 4096 })).rejects.toThrow(
      /^The finding starting at byte 2 is larger than the limit of 4 KB/,
    );
  });
});

describe('detection from a prefix', () => {
  it.each([
    ['{"Findings": [{"SchemaVersion": "2018-10-08", "Id": "x"', 'asff'],
    ['[{"SchemaVersion":"2018-10-08"', 'asff'],
    ['{"SchemaVersion":"2018-10-08","Id":"a"}\n{"SchemaVersion"', 'asff'],
    ['{"EvaluationResults":[', 'aws-config'],
    ['{"status_code": 200, "data": {"EvaluationResults": [{"EvaluationResultIdentifier": {', 'aws-config'],
    ['[{"message": "x", "metadata": {"event_code": "iam_root_mfa_enabled"}, "class_uid": 2004', 'prowler-ocsf'],
    ['[{"AssessmentStartTime": "2025-05-31T10:26:28", "CheckID": "x", "StatusExtended": "y"', 'prowler-json'],
    ['{\n  "assessment-results": {\n    "uuid": "', 'oscal-assessment-results'],
    ['\uFEFFuser,arn,user_creation_time,password_enabled,password_last_used', 'iam-credential-report'],
  ])('%j → %s', (prefix, format) => {
    expect(detectFormat(prefix)).toEqual({ ok: true, format });
  });

  it('refuses other OSCAL documents by name', () => {
    expect(detectFormat('{"catalog": {"uuid": "x"')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^This file is an OSCAL catalog/),
    });
    expect(detectFormat('{"system-security-plan": {')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/OSCAL system security plan/),
    });
  });
});
