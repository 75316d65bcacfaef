/**
 * The check → control mappings the starter library ships: the common AWS checks of Security Hub
 * (security control ids), Prowler (check names), AWS Config (managed rules under their default
 * names) and Demarc's IAM credential-report checks, each onto the starter control it proves.
 * `loadStarterLibrary` adds the missing ones for the starter controls the organization has.
 *
 * Config rules deployed by Security Hub or a conformance pack carry a suffix in their name
 * ("securityhub-s3-bucket-…-d39a8c2c"): map those on the check → control page.
 */
export const AWS_STARTER_CHECK_MAPPINGS: Record<string, readonly string[]> = {
  // Root user protection: MFA on the root user, no root access keys.
  'AWS-IA-01': [
    'IAM.4',
    'IAM.6',
    'IAM.9',
    'iam_root_mfa_enabled',
    'iam_root_hardware_mfa_enabled',
    'iam_no_root_access_key',
    'root-account-mfa-enabled',
    'root-account-hardware-mfa-enabled',
    'iam-root-access-key-check',
    'root-mfa',
    'root-access-keys',
  ],
  // S3 access permissions and Block Public Access (account and bucket level, public read/write).
  'AWS-AC-03': [
    'S3.1',
    'S3.2',
    'S3.3',
    'S3.8',
    's3_account_level_public_access_blocks',
    's3_bucket_level_public_access_block',
    's3_bucket_public_access',
    's3-account-level-public-access-blocks-periodic',
    's3-bucket-level-public-access-prohibited',
    's3-bucket-public-read-prohibited',
    's3-bucket-public-write-prohibited',
  ],
  // CloudTrail on in every Region: the audit logging control.
  'AWS-AU-01': [
    'CloudTrail.1',
    'cloudtrail_multi_region_enabled',
    'cloudtrail_multi_region_enabled_logging_management_events',
    'multi-region-cloudtrail-enabled',
    'cloudtrail-enabled',
  ],
  // Security groups open to the world (SSH, RDP, every port) and the default security group.
  'AWS-SC-02': [
    'EC2.2',
    'EC2.13',
    'EC2.14',
    'EC2.19',
    'EC2.53',
    'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22',
    'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_3389',
    'ec2_securitygroup_allow_ingress_from_internet_to_all_ports',
    'ec2_securitygroup_default_restrict_traffic',
    'restricted-ssh',
    'restricted-common-ports',
    'vpc-default-security-group-closed',
    'vpc-sg-open-only-to-authorized-ports',
  ],
  // IAM users: MFA for console users, access-key rotation, unused credentials.
  'AWS-AC-01': [
    'IAM.3',
    'IAM.5',
    'IAM.8',
    'iam_user_mfa_enabled_console_access',
    'iam_rotate_access_key_90_days',
    'iam_user_accesskey_unused',
    'iam_user_console_access_unused',
    'mfa-enabled-for-iam-console-access',
    'access-keys-rotated',
    'iam-user-unused-credentials-check',
    'user-mfa-console',
    'access-key-rotation',
    'unused-credentials',
  ],
  // Encryption of data at rest: EBS (by default and per volume) and RDS storage.
  'AWS-SC-04': [
    'EC2.3',
    'EC2.7',
    'RDS.3',
    'ec2_ebs_default_encryption',
    'ec2_ebs_volume_encryption',
    'rds_instance_storage_encrypted',
    'ec2-ebs-encryption-by-default',
    'encrypted-volumes',
    'rds-storage-encrypted',
  ],
  // Encryption of data in transit: S3 requests over TLS only.
  'AWS-SC-03': ['S3.5', 's3_bucket_secure_transport_policy', 's3-bucket-ssl-requests-only'],
};

/** Every shipped mapping as a (check, control code) pair. */
export function starterCheckMappings(): { checkId: string; code: string }[] {
  return Object.entries(AWS_STARTER_CHECK_MAPPINGS).flatMap(([code, checks]) => checks.map((checkId) => ({ checkId, code })));
}

/**
 * Pairs an earlier version shipped and this one does not: loading the library removes them from
 * an organization that has them (audited), so a check does not keep failing a control it no
 * longer proves.
 */
export const RETIRED_STARTER_CHECK_MAPPINGS: Record<string, readonly string[]> = {
  // The CloudTrail checks moved to the audit logging control, AWS-AU-01.
  'AWS-CM-01': [
    'CloudTrail.1',
    'cloudtrail_multi_region_enabled',
    'cloudtrail_multi_region_enabled_logging_management_events',
    'multi-region-cloudtrail-enabled',
    'cloudtrail-enabled',
  ],
};

/** Every retired mapping as a (check, control code) pair. */
export function retiredStarterCheckMappings(): { checkId: string; code: string }[] {
  return Object.entries(RETIRED_STARTER_CHECK_MAPPINGS).flatMap(([code, checks]) => checks.map((checkId) => ({ checkId, code })));
}
