import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { inviteAndJoin, signIn, signUpNewOrganization } from './helpers';

const ACCOUNT = '111122223333';
const REGION = 'us-east-1';
const BUCKETS = ['demarc-e2e-invoices', 'demarc-e2e-exports'];
const S3_CONTROL = 'S3 access permissions and Block Public Access';
const MEMBER_PASSWORD = 'a perfectly long passphrase';

/**
 * A Security Hub file as it exports consolidated control findings (shape of
 * ../shared/data/findings/asff/maheribra_securityhub-findings.json): control S3.8 on each bucket,
 * with the same finding ids in every file so a later file updates the same findings.
 */
function securityHubFile(status: 'FAILED' | 'PASSED', updatedAt: string) {
  const findings = BUCKETS.map((bucket, i) => ({
    SchemaVersion: '2018-10-08',
    Id: `arn:aws:securityhub:${REGION}:${ACCOUNT}:security-control/S3.8/finding/0b9e8f4c-5a1d-4c7e-9f3a-00000000000${i}`,
    ProductArn: `arn:aws:securityhub:${REGION}::product/aws/securityhub`,
    ProductName: 'Security Hub',
    CompanyName: 'AWS',
    Region: REGION,
    GeneratorId: 'security-control/S3.8',
    AwsAccountId: ACCOUNT,
    Types: ['Software and Configuration Checks/Industry and Regulatory Standards'],
    FirstObservedAt: '2026-11-02T08:00:00.000Z',
    LastObservedAt: updatedAt,
    CreatedAt: '2026-11-02T08:00:05.000Z',
    UpdatedAt: updatedAt,
    Severity: { Label: 'HIGH', Normalized: 70, Original: 'HIGH' },
    Title: 'S3 general purpose buckets should block public access',
    Description: 'This control checks whether an Amazon S3 general purpose bucket blocks public access at the bucket level.',
    Remediation: {
      Recommendation: {
        Text: 'For information on how to correct this issue, consult the AWS Security Hub controls documentation.',
        Url: 'https://docs.aws.amazon.com/console/securityhub/S3.8/remediation',
      },
    },
    ProductFields: {
      'aws/securityhub/ProductName': 'Security Hub',
      'aws/securityhub/CompanyName': 'AWS',
      'Resources:0/Id': `arn:aws:s3:::${bucket}`,
    },
    Resources: [{ Type: 'AwsS3Bucket', Id: `arn:aws:s3:::${bucket}`, Partition: 'aws', Region: REGION }],
    Compliance: {
      Status: status,
      SecurityControlId: 'S3.8',
      AssociatedStandards: [{ StandardsId: 'standards/aws-foundational-security-best-practices/v/1.0.0' }],
    },
    WorkflowState: 'NEW',
    Workflow: { Status: status === 'FAILED' ? 'NEW' : 'RESOLVED' },
    RecordState: 'ACTIVE',
    FindingProviderFields: { Severity: { Label: 'HIGH', Original: 'HIGH' } },
    ProcessedAt: updatedAt,
  }));
  return JSON.stringify({ Findings: findings }, null, 1);
}

async function uploadFindings(page: Page, slug: string, file: string) {
  await page.goto(`/${slug}/findings`);
  await page.getByLabel('Findings file', { exact: true }).setInputFiles(file);
  await page.getByRole('button', { name: 'Upload findings' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Ingested ${path.basename(file)}: 2 findings` })).toBeVisible({
    timeout: 60_000,
  });
}

async function openS3Control(page: Page, slug: string) {
  await page.goto(`/${slug}/controls?q=${encodeURIComponent('Block Public Access')}`);
  await page
    .getByRole('row', { name: new RegExp(S3_CONTROL) })
    .getByRole('link', { name: /AWS-AC-03/ })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(S3_CONTROL) })).toBeVisible();
}

test('a Security Hub file puts failing S3 checks on the system that runs in the account, on the owner’s desk, and a passing file clears them', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const dir = await mkdtemp(path.join(tmpdir(), 'demarc-findings-e2e-'));
  try {
    const failing = path.join(dir, 'securityhub-s3-failing.json');
    const passing = path.join(dir, 'securityhub-s3-passing.json');
    await writeFile(failing, securityHubFile('FAILED', '2026-11-02T08:00:05.000Z'));
    await writeFile(passing, securityHubFile('PASSED', '2026-11-09T08:00:05.000Z'));

    const { slug } = await signUpNewOrganization(page);
    const memberEmail = `storage-owner-${Date.now()}@e2e.test`;
    await inviteAndJoin(page, browser, slug, { email: memberEmail, name: 'Sam Storage', role: 'EDITOR' });

    // A system using Amazon S3, running in the account in us-east-1.
    await page.goto(`/${slug}/systems/new`);
    await page.getByLabel('Name', { exact: true }).fill('Document store');
    await page.getByRole('checkbox', { name: /US East \(N\. Virginia\)/ }).check();
    await page.getByRole('checkbox', { name: 'Amazon S3', exact: true }).check();
    await page.getByRole('button', { name: /Create system/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Document store' })).toBeVisible();
    const systemUrl = page.url();
    await expect(page.getByText('No AWS account recorded yet.')).toBeVisible();
    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    await page.getByLabel('AWS account id').fill(ACCOUNT);
    await page.getByLabel('Region', { exact: true }).selectOption(REGION);
    await page.getByRole('button', { name: 'Add account' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Added account ${ACCOUNT} (${REGION}` })).toBeVisible();
    await page.goto(systemUrl);
    await expect(page.getByText(`Runs in AWS accounts: ${ACCOUNT} (${REGION})`)).toBeVisible();

    // The starter library, with its check → control mappings, and the S3 control's owner.
    await page.goto(`/${slug}/controls`);
    await page.getByRole('button', { name: /Load “AWS shared responsibility”/ }).click();
    await expect(page.getByRole('status').filter({ hasText: /Added \d+ controls/ })).toBeVisible();
    await page.goto(`/${slug}/check-mappings?q=S3.8`);
    await expect(page.getByRole('row', { name: new RegExp(`S3\\.8.*${S3_CONTROL}`) })).toBeVisible();
    await page.goto(`/${slug}/controls?q=${encodeURIComponent('Block Public Access')}`);
    await page
      .getByRole('row', { name: new RegExp(S3_CONTROL) })
      .getByRole('checkbox')
      .check();
    await page.getByLabel('Owner for the selected').selectOption({ label: 'Sam Storage' });
    await page.getByRole('button', { name: 'Assign owner to selected' }).click();
    await expect(page.getByText('Sam Storage now owns 1 control in this system.')).toBeVisible();

    // Two buckets fail S3.8.
    await uploadFindings(page, slug, failing);
    await expect(page.getByRole('row', { name: /securityhub-s3-failing\.json/ })).toBeVisible();
    await openS3Control(page, slug);
    await expect(page.getByText('Failing (2 resources)').first()).toBeVisible();
    // The system's page counts it, and leads to the register filtered to it.
    await page.goto(systemUrl);
    await page.getByRole('link', { name: '1 control with failing checks' }).click();
    await expect(page.getByRole('row', { name: new RegExp(S3_CONTROL) }).getByText('Failing (2 resources)')).toBeVisible();

    // On the owner's desk.
    const context = await browser.newContext();
    try {
      const member = await context.newPage();
      await signIn(member, memberEmail, MEMBER_PASSWORD);
      await member.goto(`/${slug}/my-controls`);
      await expect(member.getByRole('row', { name: new RegExp(S3_CONTROL) }).getByText('Failing (2 resources)')).toBeVisible();

      // A week later both buckets pass: the failures are resolved.
      await uploadFindings(page, slug, passing);
      await openS3Control(page, slug);
      await expect(page.getByRole('heading', { level: 1, name: new RegExp(S3_CONTROL) })).toBeVisible();
      await expect(page.getByText(/Failing \(\d+ resources?\)/)).toHaveCount(0);
      await page.goto(systemUrl);
      await expect(page.getByRole('link', { name: '0 controls with failing checks' })).toBeVisible();
      await member.goto(`/${slug}/my-controls`);
      await expect(member.getByRole('row', { name: new RegExp(S3_CONTROL) })).toBeVisible();
      await expect(member.getByText(/Failing \(\d+ resources?\)/)).toHaveCount(0);
    } finally {
      await context.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
