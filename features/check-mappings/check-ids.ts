import { CREDENTIAL_CHECKS } from '@/features/findings/parse-credential-report';

/**
 * What the check id of each tool's findings is, as the parsers read it (features/findings/parse-*.ts),
 * with an example: the words on the check → control page.
 */
export const CHECK_ID_SOURCES = [
  {
    tool: 'AWS Security Hub (ASFF)',
    example: 'S3.8',
    where:
      'The security control id (Compliance.SecurityControlId), else the standard’s ControlId or RuleId, else the bracketed prefix of the title, else the GeneratorId.',
  },
  {
    tool: 'Prowler (JSON-OCSF and v3 JSON)',
    example: 's3_bucket_level_public_access_block',
    where: 'The Prowler check name (metadata.event_code in OCSF, CheckID in v3 JSON).',
  },
  {
    tool: 'AWS Config',
    example: 's3-bucket-level-public-access-prohibited',
    where:
      'The Config rule’s name (ConfigRuleName) as it is in your account; rules deployed by Security Hub or a conformance pack carry a suffix.',
  },
  {
    tool: 'IAM credential report',
    example: 'root-mfa',
    where: `One of Demarc’s own checks of the report: ${Object.keys(CREDENTIAL_CHECKS).join(', ')}.`,
  },
  {
    tool: 'OSCAL assessment results',
    example: 'ac-2_obj',
    where: 'The finding’s target id (target.target-id); these usually map through their requirement instead.',
  },
] as const;
