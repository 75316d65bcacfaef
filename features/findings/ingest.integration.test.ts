import { createReadStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '@/features/api-tokens/api-tokens.data';
import { verifyChain } from '@/features/audit/audit.data';
import { loadStarterLibrary } from '@/features/library/library.data';
import { prisma } from '@/lib/db';
import { createMember, createOrganization, createTestSystem } from '@/test/factories';
import { POST as findingsRoute } from '@/app/api/v1/findings/route';
import type { AutomatedResult } from './automated';
import { ACCEPTED_FORMATS_TEXT } from './findings.policy';
import { ingestFindings } from './ingest.data';

const SAMPLES = path.resolve(import.meta.dirname, '../../../shared/data/findings');
const sample = (file: string) => path.join(SAMPLES, file);
const TEMPLATE = (
  JSON.parse(readFileSync(sample('prowler-ocsf/prowler_example_output_aws.ocsf.json'), 'utf8')) as Record<string, unknown>[]
)[0]!;

/** The accounts the samples name, as a system's accounts (one only in one Region, to leave a finding out). */
const ACCOUNTS = [
  { accountId: '018134828551', region: '' },
  { accountId: '057637124865', region: 'us-east-1' },
  { accountId: '012345678912', region: '' },
  { accountId: '278368863034', region: '' },
  { accountId: '156041403698', region: '' },
  { accountId: '123456789012', region: 'ca-central-1' },
  { accountId: '111122223333', region: '' },
];
/** A few checks of the samples added to the starter library's check → control table (some it ships). */
const CHECKS = [
  { checkId: 'root-mfa', code: 'AWS-IA-01' },
  { checkId: 'user-mfa-console', code: 'AWS-IA-01' },
  { checkId: 'IAM.5', code: 'AWS-IA-01' },
  { checkId: 'custodian-good-vol', code: 'AWS-SC-04' },
  { checkId: 'accessanalyzer_enabled', code: 'AWS-AC-02' },
];

async function setUp() {
  const { ctx, email } = await createOrganization();
  await loadStarterLibrary(ctx);
  const system = await createTestSystem(ctx, ['ec2', 's3', 'iam'], 'Production');
  await prisma.systemAwsAccount.createMany({ data: ACCOUNTS.map((a) => ({ ...a, orgId: ctx.orgId, systemId: system.id })) });
  const controls = new Map(
    (await prisma.control.findMany({ where: { orgId: ctx.orgId }, select: { id: true, code: true } })).map((c) => [c.code, c.id]),
  );
  await prisma.checkMapping.createMany({
    data: CHECKS.map(({ checkId, code }) => ({ orgId: ctx.orgId, checkId, controlId: controls.get(code)! })),
    skipDuplicates: true,
  });
  return { ctx, email, systemId: system.id, controls };
}

/** Rows of the organization that an ingest writes. */
async function rowCounts(orgId: string) {
  const [scans, unmapped, failures, evidence, versions, events] = await Promise.all([
    prisma.findingScan.count({ where: { orgId } }),
    prisma.unmappedFinding.count({ where: { orgId } }),
    prisma.checkFailure.count({ where: { orgId } }),
    prisma.evidence.count({ where: { orgId, kind: 'AUTOMATED' } }),
    prisma.evidenceVersion.count({ where: { orgId, automated: { not: undefined } } }),
    prisma.auditEvent.count({ where: { orgId } }),
  ]);
  return { scans, unmapped, failures, evidence, versions, events };
}

/** Open failures a scan opened, by control code. */
async function failingByControl(orgId: string, scanId: string) {
  const rows = await prisma.checkFailure.findMany({
    where: { orgId, firstScanId: scanId, resolvedAt: null, suppressed: false },
    select: { resource: true, control: { select: { code: true } } },
  });
  const out: Record<string, number> = {};
  const seen = new Set<string>();
  for (const row of rows) {
    const key = `${row.control.code}|${row.resource}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out[row.control.code] = (out[row.control.code] ?? 0) + 1;
  }
  return out;
}

type Shape = { uid: string; status: 'PASS' | 'FAIL' | 'MANUAL'; time: string; suppressed?: boolean; account?: string; region?: string };

/** A Prowler JSON-OCSF file built from the real sample's first finding. */
function ocsf(findings: Shape[]): string {
  return JSON.stringify(
    findings.map((f) => ({
      ...TEMPLATE,
      status_code: f.status,
      status: f.suppressed ? 'Suppressed' : 'New',
      time: Math.floor(Date.parse(f.time) / 1000),
      time_dt: f.time,
      finding_info: { ...(TEMPLATE.finding_info as object), uid: f.uid },
      cloud: {
        ...(TEMPLATE.cloud as object),
        account: { uid: f.account ?? '111122223333', type: 'AWS Account' },
        region: f.region ?? 'eu-west-1',
      },
      resources: [{ uid: `arn:aws:accessanalyzer:eu-west-1:111122223333:analyzer/${f.uid}`, type: 'Other', region: 'eu-west-1' }],
    })),
  );
}

describe('ingestFindings: the real samples', () => {
  let org: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    org = await setUp();
  }, 120_000);

  // Each real sample, with what it holds and where it goes in this organization.
  it.each([
    // CloudTrail failures in one account, every Region: Prowler's NIST rev5 ids (ac_2_4, au_2, cm_2 …) reach
    // the starter library's controls through their NIST ids, and its shipped check table maps the CloudTrail
    // checks to the audit logging control.
    [
      'prowler-ocsf/maheribra_cloudtrail-before-scan.json',
      {},
      { findings: 35, mapped: 35, unmapped: 0, failed: 35, evidenceVersions: 4 },
      { 'AWS-AC-01': 17, 'AWS-AC-05': 17, 'AWS-AU-01': 17, 'AWS-CM-01': 17 },
    ],
    // The official sample: placeholders for the account, CIS ids only; the one mapped check names no account.
    ['prowler-ocsf/prowler_example_output_aws.ocsf.json', {}, { findings: 5, mapped: 0, unmapped: 5, failed: 2, evidenceVersions: 0 }, {}],
    // Two passes in ca-central-1 reach 11 controls; the us-east-1 finding's Region is not the system's.
    [
      'prowler-legacy-json/patheard_prowler-output-test.json',
      {},
      { findings: 3, mapped: 2, unmapped: 1, failed: 1, evidenceVersions: 11 },
      {},
    ],
    // CIS ids only (no CIS framework here): the Security Hub controls of the check table (IAM.5 and the
    // starter library's S3, security group, root and encryption checks).
    [
      'asff/maheribra_securityhub-findings.json',
      {},
      { findings: 45, mapped: 12, unmapped: 33, failed: 19, evidenceVersions: 6 },
      { 'AWS-SC-04': 1, 'AWS-SC-02': 1, 'AWS-IA-01': 1, 'AWS-AC-03': 1 },
    ],
    // "NIST SP 800-53 SC-28" and the like reach the encryption control, the AU ids the audit logging control.
    [
      'asff/electriceye_findings.json',
      {},
      { findings: 68, mapped: 21, unmapped: 47, failed: 42, evidenceVersions: 2 },
      { 'AWS-AU-01': 3, 'AWS-SC-04': 9 },
    ],
    ['asff/defectdojo_config_many_findings.json', {}, { findings: 3, mapped: 1, unmapped: 2, failed: 0, evidenceVersions: 2 }, {}],
    // Config names no account: the caller gives it.
    [
      'aws-config/custodian_test_config_compliance__config.GetComplianceDetailsByConfigRule_1.json',
      { accountId: '111122223333', region: 'eu-west-1' },
      { findings: 1, mapped: 1, unmapped: 0, failed: 1, evidenceVersions: 1 },
      { 'AWS-SC-04': 1 },
    ],
    [
      'aws-config/custodian_test_config_inconsistent_hub_rule__config.GetComplianceDetailsByConfigRule_1.json',
      {},
      { findings: 3, mapped: 0, unmapped: 3, failed: 3, evidenceVersions: 0 },
      {},
    ],
    // Every credential-report check is in the starter library's check table (root and user MFA on
    // AWS-IA-01; key age and unused credentials on AWS-AC-01).
    [
      'iam-credential-report/awstestbench_credential_report.csv',
      {},
      { findings: 14, mapped: 14, unmapped: 0, failed: 10, evidenceVersions: 2 },
      { 'AWS-AC-01': 4, 'AWS-IA-01': 3 },
    ],
    [
      'iam-credential-report/cfech_credential-report.csv',
      {},
      { findings: 8, mapped: 8, unmapped: 0, failed: 4, evidenceVersions: 2 },
      { 'AWS-AC-01': 2, 'AWS-IA-01': 2 },
    ],
    // OSCAL results name controls but no AWS account.
    ['oscal-ar/nist_ifa_assessment-results-example.json', {}, { findings: 1, mapped: 0, unmapped: 1, failed: 1, evidenceVersions: 0 }, {}],
    [
      'oscal-ar/fedramp_rev5_FedRAMP-SAR-OSCAL-Template.json',
      {},
      { findings: 8, mapped: 0, unmapped: 8, failed: 5, evidenceVersions: 0 },
      {},
    ],
    ['oscal-ar/pqc-scanner_oscal-assessment-results.json', {}, { findings: 7, mapped: 0, unmapped: 7, failed: 7, evidenceVersions: 0 }, {}],
  ] as const)('%s', async (file, options, expected, failing) => {
    const before = await rowCounts(org.ctx.orgId);
    const result = await ingestFindings(org.ctx, createReadStream(sample(file)), { fileName: path.basename(file), ...options });
    expect({ ...result, scanId: undefined, format: undefined, duplicate: undefined, resolved: undefined }).toEqual({
      ...expected,
      scanId: undefined,
      format: undefined,
      duplicate: undefined,
      resolved: undefined,
    });
    expect(result.duplicate).toBe(false);
    expect(await failingByControl(org.ctx.orgId, result.scanId)).toEqual(failing);
    const scan = await prisma.findingScan.findUniqueOrThrow({ where: { id: result.scanId } });
    expect(scan).toMatchObject({
      findings: expected.findings,
      mapped: expected.mapped,
      unmapped: expected.unmapped,
      failed: expected.failed,
    });
    expect(scan.actor).toBe(org.email);
    const unmapped = await prisma.unmappedFinding.findMany({
      where: { orgId: org.ctx.orgId, scanId: result.scanId },
      select: { reason: true },
    });
    expect(unmapped.length).toBe(expected.unmapped);
    for (const { reason } of unmapped)
      expect(reason).toMatch(
        /^(no control maps check .+ or its requirements|no system runs in account \d{12}( \(.+\))?|the finding names no AWS account)$/,
      );
    const after = await rowCounts(org.ctx.orgId);
    expect(after.scans).toBe(before.scans + 1);
    expect(after.versions - before.versions).toBe(expected.evidenceVersions);
  });
});

describe('ingestFindings: all or nothing, once per file', () => {
  let org: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    org = await setUp();
  }, 120_000);

  it('refuses a truncated file and a foreign one whole, saying why', async () => {
    const before = await rowCounts(org.ctx.orgId);
    const full = readFileSync(sample('prowler-ocsf/maheribra_cloudtrail-before-scan.json'));
    await expect(ingestFindings(org.ctx, full.subarray(0, Math.floor(full.length * 0.6)), { fileName: 'cut.json' })).rejects.toThrow(
      /byte|end/i,
    );
    await expect(ingestFindings(org.ctx, '{"hello": "world"}', { fileName: 'hello.json' })).rejects.toThrow(ACCEPTED_FORMATS_TEXT);
    await expect(ingestFindings(org.ctx, '%PDF-1.4\n%âãÏÓ\n', { fileName: 'report.pdf' })).rejects.toThrow(ACCEPTED_FORMATS_TEXT);
    expect(await rowCounts(org.ctx.orgId)).toEqual(before);
    expect(before).toMatchObject({ scans: 0, unmapped: 0, failures: 0, evidence: 0, versions: 0 });
  });

  it('refuses whole, saying so, a file that needs more memory than an import may use', async () => {
    const before = await rowCounts(org.ctx.orgId);
    const limit = process.env.DEMARC_INGEST_HEAP_MB;
    // Too small for the ingest's thread to even start: it runs out of heap, the server does not.
    process.env.DEMARC_INGEST_HEAP_MB = '16';
    try {
      const file = sample('prowler-ocsf/maheribra_cloudtrail-before-scan.json');
      await expect(ingestFindings(org.ctx, createReadStream(file), { fileName: 'big.json' })).rejects.toThrow(
        'The file needs more memory than one import may use (DEMARC_INGEST_HEAP_MB, 16 MB); split it, or raise the limit.',
      );
    } finally {
      if (limit === undefined) delete process.env.DEMARC_INGEST_HEAP_MB;
      else process.env.DEMARC_INGEST_HEAP_MB = limit;
    }
    expect(await rowCounts(org.ctx.orgId)).toEqual(before);
  });

  it('takes the same file again as the same scan: nothing changes', async () => {
    const file = sample('iam-credential-report/awstestbench_credential_report.csv');
    const first = await ingestFindings(org.ctx, createReadStream(file), { fileName: 'report.csv' });
    const before = await rowCounts(org.ctx.orgId);
    const again = await ingestFindings(org.ctx, createReadStream(file), { fileName: 'renamed.csv' });
    expect(again).toEqual({ ...first, duplicate: true });
    expect(await rowCounts(org.ctx.orgId)).toEqual(before);
    expect((await verifyChain(org.ctx.orgId)).firstBreak).toBeNull();
  });

  it('records one accepted AUTOMATED version per control and system, hashed, dated by the scan', async () => {
    const result = await ingestFindings(
      org.ctx,
      createReadStream(sample('aws-config/custodian_test_config_compliance__config.GetComplianceDetailsByConfigRule_1.json')),
      { fileName: 'config.json', accountId: '111122223333', region: 'eu-west-1' },
    );
    const evidence = await prisma.evidence.findMany({
      where: { orgId: org.ctx.orgId, kind: 'AUTOMATED', controls: { some: { controlId: org.controls.get('AWS-SC-04') } } },
      select: { title: true, systemId: true, reviewState: true, reviewReason: true, versions: true },
    });
    expect(evidence).toHaveLength(1);
    const [item] = evidence;
    expect(item).toMatchObject({ title: 'AWS Config results — AWS-SC-04', systemId: org.systemId, reviewState: 'ACCEPTED' });
    expect(item!.reviewReason).toBe("Recorded automatically from the tool's results");
    const [version] = item!.versions;
    const automated = version!.automated as AutomatedResult;
    expect(automated).toMatchObject({
      scanId: result.scanId,
      format: 'aws-config',
      tool: { name: 'AWS Config', version: null },
      accounts: ['111122223333'],
      regions: ['eu-west-1'],
      checks: { passed: 0, failed: 1, notApplicable: 0, suppressed: 0 },
      failingTotal: 1,
    });
    expect(automated.failing).toEqual([
      expect.objectContaining({ resource: 'vol-0c6efd2a9f5677a03', checkId: 'custodian-good-vol', suppressed: false }),
    ]);
    const { createHash } = await import('node:crypto');
    const { canonicalJson } = await import('@/features/audit/audit.policy');
    expect(version!.sha256).toBe(createHash('sha256').update(canonicalJson(automated)).digest('hex'));
    expect(version!.effectiveAt.toISOString().slice(0, 10)).toBe(automated.scannedAt.slice(0, 10));
    expect(version!.source).toBe('AWS Config — config.json');
    const events = await prisma.auditEvent.findMany({ where: { orgId: org.ctx.orgId, entityId: result.scanId }, select: { action: true } });
    expect(events.map((e) => e.action)).toEqual(['findings.ingested']);
  });

  it('refuses a viewer', async () => {
    const viewer = (await createMember(org.ctx, 'VIEWER')).ctx;
    await expect(
      ingestFindings(viewer, ocsf([{ uid: 'v-1', status: 'FAIL', time: '2026-01-01T00:00:00Z' }]), { fileName: 'x.json' }),
    ).rejects.toThrow(/cannot upload security-tool findings/);
  });
});

describe('ingestFindings: a failure, resolved by a later pass, failing again', () => {
  let org: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    org = await setUp();
  }, 120_000);

  const failure = (findingId: string) =>
    prisma.checkFailure.findUniqueOrThrow({
      where: {
        orgId_systemId_controlId_findingId: {
          orgId: org.ctx.orgId,
          systemId: org.systemId,
          controlId: org.controls.get('AWS-AC-02')!,
          findingId,
        },
      },
    });

  it('opens, resolves and reopens, and keeps suppressed findings apart', async () => {
    const first = await ingestFindings(
      org.ctx,
      ocsf([
        { uid: 'analyzer-a', status: 'FAIL', time: '2026-03-01T10:00:00Z' },
        { uid: 'analyzer-b', status: 'FAIL', time: '2026-03-01T10:00:00Z', suppressed: true },
        { uid: 'analyzer-c', status: 'PASS', time: '2026-03-01T10:00:00Z' },
        { uid: 'analyzer-d', status: 'MANUAL', time: '2026-03-01T10:00:00Z' },
      ]),
      { fileName: 'scan-1.json' },
    );
    expect(first).toMatchObject({ findings: 4, mapped: 4, unmapped: 0, failed: 1, resolved: 0, evidenceVersions: 1 });
    expect(await failure('analyzer-a')).toMatchObject({
      suppressed: false,
      firstSeenAt: new Date('2026-03-01T10:00:00Z'),
      firstScanId: first.scanId,
      resolvedAt: null,
    });
    expect((await failure('analyzer-b')).suppressed).toBe(true);
    expect(await failingByControl(org.ctx.orgId, first.scanId)).toEqual({ 'AWS-AC-02': 1 });
    const scan = await prisma.findingScan.findUniqueOrThrow({ where: { id: first.scanId } });
    expect(scan).toMatchObject({ passed: 1, failed: 1, notApplicable: 1, suppressed: 1, toolName: 'Prowler' });
    const [v1] = await prisma.evidenceVersion.findMany({
      where: { orgId: org.ctx.orgId, automated: { path: ['scanId'], equals: first.scanId } },
    });
    expect((v1!.automated as AutomatedResult).checks).toEqual({ passed: 1, failed: 1, notApplicable: 1, suppressed: 1 });
    expect((v1!.automated as AutomatedResult).failing.map((f) => f.suppressed)).toEqual([false, true]);

    const second = await ingestFindings(
      org.ctx,
      ocsf([
        { uid: 'analyzer-a', status: 'PASS', time: '2026-03-08T10:00:00Z' },
        { uid: 'analyzer-b', status: 'FAIL', time: '2026-03-08T10:00:00Z', suppressed: true },
      ]),
      { fileName: 'scan-2.json' },
    );
    expect(second).toMatchObject({ failed: 0, resolved: 1, evidenceVersions: 1 });
    expect(await failure('analyzer-a')).toMatchObject({ resolvedAt: new Date('2026-03-08T10:00:00Z'), resolvedScanId: second.scanId });
    expect(await failure('analyzer-b')).toMatchObject({ resolvedAt: null, lastSeenAt: new Date('2026-03-08T10:00:00Z') });
    const numbers = await prisma.evidenceVersion.findMany({
      where: { orgId: org.ctx.orgId, evidence: { kind: 'AUTOMATED' } },
      select: { number: true, evidenceId: true },
      orderBy: { number: 'asc' },
    });
    expect(numbers.map((n) => n.number)).toEqual([1, 2]);
    expect(new Set(numbers.map((n) => n.evidenceId)).size).toBe(1);

    // An older file's pass does not undo a newer failure; a new failure reopens the resolved one.
    const third = await ingestFindings(org.ctx, ocsf([{ uid: 'analyzer-a', status: 'FAIL', time: '2026-03-15T10:00:00Z' }]), {
      fileName: 'scan-3.json',
    });
    expect(third).toMatchObject({ failed: 1, resolved: 0 });
    expect(await failure('analyzer-a')).toMatchObject({
      resolvedAt: null,
      resolvedScanId: null,
      firstSeenAt: new Date('2026-03-15T10:00:00Z'),
      firstScanId: third.scanId,
    });
    const stale = await ingestFindings(org.ctx, ocsf([{ uid: 'analyzer-a', status: 'PASS', time: '2026-03-10T10:00:00Z' }]), {
      fileName: 'older.json',
    });
    expect(stale.resolved).toBe(0);
    expect((await failure('analyzer-a')).resolvedAt).toBeNull();
  });

  it('lists a finding of an account no system runs in, with the reason', async () => {
    const result = await ingestFindings(
      org.ctx,
      ocsf([{ uid: 'elsewhere', status: 'FAIL', time: '2026-03-01T10:00:00Z', account: '999988887777', region: 'us-west-2' }]),
      { fileName: 'elsewhere.json' },
    );
    expect(result).toMatchObject({ mapped: 0, unmapped: 1, evidenceVersions: 0 });
    const rows = await prisma.unmappedFinding.findMany({ where: { orgId: org.ctx.orgId, scanId: result.scanId } });
    expect(rows).toEqual([
      expect.objectContaining({
        findingId: 'elsewhere',
        checkId: 'accessanalyzer_enabled',
        status: 'FAILED',
        accountId: '999988887777',
        reason: 'no system runs in account 999988887777 (us-west-2)',
      }),
    ]);
  });
});

describe('POST /api/v1/findings', () => {
  let org: Awaited<ReturnType<typeof setUp>>;
  let writer: string;
  let reader: string;
  beforeAll(async () => {
    org = await setUp();
    writer = (await createApiToken(org.ctx, { name: 'nightly scan', scopes: ['findings:write'], expiresInDays: 30 })).token;
    reader = (await createApiToken(org.ctx, { name: 'reader', scopes: ['read', 'evidence:write'], expiresInDays: 30 })).token;
  }, 120_000);

  const post = (token: string, body: BodyInit, query = '') =>
    (findingsRoute as unknown as (r: Request, c: { params: Promise<object> }) => Promise<Response>)(
      new Request(`http://localhost:3000/api/v1/findings${query}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
        body,
        duplex: 'half',
      } as RequestInit),
      { params: Promise.resolve({}) },
    );

  it('ingests the body as a streamed file: 201, then 200 for the same file', async () => {
    const file = readFileSync(sample('iam-credential-report/cfech_credential-report.csv'));
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(file.subarray(0, 100));
        controller.enqueue(file.subarray(100));
        controller.close();
      },
    });
    const created = await post(writer, stream, '?fileName=credential-report.csv');
    expect(created.status).toBe(201);
    const body = (await created.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ duplicate: false, format: 'iam-credential-report', findings: 8, mapped: 8, unmapped: 0, failed: 4 });
    const scan = await prisma.findingScan.findUniqueOrThrow({ where: { id: body.scanId as string } });
    expect(scan).toMatchObject({ fileName: 'credential-report.csv', actor: 'API token: nightly scan' });
    const ingested = await prisma.auditEvent.findFirstOrThrow({ where: { orgId: org.ctx.orgId, action: 'findings.ingested' } });
    expect(ingested).toMatchObject({ actorEmail: 'API token: nightly scan', actorId: null });

    const again = await post(writer, file);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ ...body, duplicate: true });
  });

  it('takes the account and Region of results that name none from the query', async () => {
    const config = readFileSync(sample('aws-config/custodian_test_config_compliance__config.GetComplianceDetailsByConfigRule_1.json'));
    const invalid = await post(writer, config, '?accountId=1234');
    expect(invalid.status).toBe(422);
    expect(Object.keys(((await invalid.json()) as { errors: object }).errors)).toEqual(['accountId']);
    const placed = await post(writer, config, '?accountId=111122223333&region=eu-west-1');
    expect(placed.status).toBe(201);
    expect(await placed.json()).toMatchObject({ format: 'aws-config', findings: 1, mapped: 1, unmapped: 0, evidenceVersions: 1 });
  });

  it('refuses a foreign file with 422 naming the accepted formats, a token without the scope with 403, a file over the limit with 413', async () => {
    const foreign = await post(writer, '<html>not findings</html>');
    expect(foreign.status).toBe(422);
    expect(foreign.headers.get('content-type')).toBe('application/problem+json');
    expect(((await foreign.json()) as { detail: string }).detail).toContain(ACCEPTED_FORMATS_TEXT);

    const refused = await post(reader, readFileSync(sample('asff/defectdojo_config_many_findings.json')));
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { detail: string }).detail).toContain('findings:write');

    process.env.DEMARC_MAX_FINDINGS_MB = '0';
    try {
      const large = await post(writer, readFileSync(sample('asff/defectdojo_config_many_findings.json')));
      expect(large.status).toBe(413);
      expect(((await large.json()) as { detail: string }).detail).toContain('DEMARC_MAX_FINDINGS_MB');
    } finally {
      delete process.env.DEMARC_MAX_FINDINGS_MB;
    }
    expect(await prisma.findingScan.count({ where: { orgId: org.ctx.orgId } })).toBe(2);
  });
});
