import { describe, expect, it } from 'vitest';
import { CREDENTIAL_CHECKS } from '@/features/findings/parse-credential-report';
import { checkIdSchema } from '@/features/check-mappings/check-mappings.schema';
import { AWS_STARTER_LIBRARY } from './aws-starter-library';
import { AWS_STARTER_CHECK_MAPPINGS, retiredStarterCheckMappings, starterCheckMappings } from './aws-starter-check-mappings';

const codes = new Set(AWS_STARTER_LIBRARY.map((c) => c.code));
const checksOf = (code: string) => AWS_STARTER_CHECK_MAPPINGS[code] ?? [];

describe('the starter library’s check → control mappings', () => {
  it('name only controls of the starter library', () => {
    const unknown = Object.keys(AWS_STARTER_CHECK_MAPPINGS).filter((code) => !codes.has(code));
    expect(unknown).toEqual([]);
  });

  it('retire only pairs they no longer ship', () => {
    const shipped = new Set(starterCheckMappings().map((m) => `${m.code} ${m.checkId}`));
    expect(retiredStarterCheckMappings().filter((m) => shipped.has(`${m.code} ${m.checkId}`))).toEqual([]);
    expect(retiredStarterCheckMappings().every((m) => codes.has(m.code))).toBe(true);
  });

  it('are check ids the check → control form accepts, each once per control', () => {
    for (const { checkId, code } of starterCheckMappings())
      expect(checkIdSchema.safeParse(checkId).success, `${code} ${checkId}`).toBe(true);
    for (const checks of Object.values(AWS_STARTER_CHECK_MAPPINGS)) expect(new Set(checks).size).toBe(checks.length);
  });

  it('cover root MFA, S3 Block Public Access, CloudTrail and open security groups in each tool’s spelling', () => {
    expect(checksOf('AWS-IA-01')).toEqual(
      expect.arrayContaining(['IAM.9', 'iam_root_mfa_enabled', 'root-account-mfa-enabled', 'root-mfa']),
    );
    expect(checksOf('AWS-AC-03')).toEqual(
      expect.arrayContaining(['S3.8', 's3_bucket_level_public_access_block', 's3-bucket-level-public-access-prohibited']),
    );
    expect(checksOf('AWS-AU-01')).toEqual(
      expect.arrayContaining(['CloudTrail.1', 'cloudtrail_multi_region_enabled', 'multi-region-cloudtrail-enabled']),
    );
    expect(checksOf('AWS-SC-02')).toEqual(
      expect.arrayContaining([
        'EC2.13',
        'EC2.14',
        'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22',
        'ec2_securitygroup_allow_ingress_from_internet_to_all_ports',
        'restricted-ssh',
      ]),
    );
  });

  it('map every credential-report check', () => {
    const mapped = new Set(starterCheckMappings().map((m) => m.checkId));
    expect(Object.keys(CREDENTIAL_CHECKS).filter((check) => !mapped.has(check))).toEqual([]);
  });
});
