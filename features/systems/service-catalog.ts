/**
 * The built-in catalog of AWS services a system can use, each with its service model, which
 * decides where the shared-responsibility line sits:
 * - IAAS: AWS runs the hardware and hypervisor; you run the guest OS, its patches, routing and firewalls.
 * - PAAS: AWS also runs the guest OS and patches the engine; you own access, network rules and data.
 * - SERVERLESS: AWS runs servers, fleet and execution environment; you own code, custom runtimes, roles.
 * - ABSTRACTED: AWS runs infrastructure, OS and platform behind an API; you own data, its
 *   classification, access policies and encryption choices.
 */
export type ServiceModel = 'IAAS' | 'PAAS' | 'SERVERLESS' | 'ABSTRACTED';

export const SERVICE_MODEL_LABELS: Record<ServiceModel, string> = {
  IAAS: 'Infrastructure (IaaS)',
  PAAS: 'Managed platform (PaaS)',
  SERVERLESS: 'Serverless',
  ABSTRACTED: 'Abstracted',
};

type ServiceEntry = { name: string; model: ServiceModel; global?: true };

export const SERVICE_CATALOG = {
  ec2: { name: 'Amazon EC2', model: 'IAAS' },
  ebs: { name: 'Amazon EBS', model: 'IAAS' },
  vpc: { name: 'Amazon VPC', model: 'IAAS' },
  ecs: { name: 'Amazon ECS on EC2', model: 'IAAS' },
  rds: { name: 'Amazon RDS', model: 'PAAS' },
  aurora: { name: 'Amazon Aurora', model: 'PAAS' },
  elasticache: { name: 'Amazon ElastiCache', model: 'PAAS' },
  eks: { name: 'Amazon EKS', model: 'PAAS' },
  opensearch: { name: 'Amazon OpenSearch Service', model: 'PAAS' },
  redshift: { name: 'Amazon Redshift', model: 'PAAS' },
  lambda: { name: 'AWS Lambda', model: 'SERVERLESS' },
  fargate: { name: 'AWS Fargate', model: 'SERVERLESS' },
  s3: { name: 'Amazon S3', model: 'ABSTRACTED' },
  dynamodb: { name: 'Amazon DynamoDB', model: 'ABSTRACTED' },
  sqs: { name: 'Amazon SQS', model: 'ABSTRACTED' },
  sns: { name: 'Amazon SNS', model: 'ABSTRACTED' },
  kms: { name: 'AWS KMS', model: 'ABSTRACTED' },
  secretsmanager: { name: 'AWS Secrets Manager', model: 'ABSTRACTED' },
  cloudtrail: { name: 'AWS CloudTrail', model: 'ABSTRACTED' },
  cloudwatch: { name: 'Amazon CloudWatch', model: 'ABSTRACTED' },
  apigateway: { name: 'Amazon API Gateway', model: 'ABSTRACTED' },
  elb: { name: 'Elastic Load Balancing', model: 'ABSTRACTED' },
  efs: { name: 'Amazon EFS', model: 'ABSTRACTED' },
  iam: { name: 'AWS IAM', model: 'ABSTRACTED', global: true },
  cloudfront: { name: 'Amazon CloudFront', model: 'ABSTRACTED', global: true },
  route53: { name: 'Amazon Route 53', model: 'ABSTRACTED', global: true },
} as const satisfies Record<string, ServiceEntry>;

export type ServiceCode = keyof typeof SERVICE_CATALOG;
export const SERVICE_CODES = Object.keys(SERVICE_CATALOG) as ServiceCode[];

/** Service codes in the catalog's order, once each: the one order a control's `appliesTo` is stored in. */
export function inCatalogOrder<T extends string>(codes: readonly T[]): T[] {
  return (SERVICE_CODES as readonly string[]).filter((code) => codes.includes(code as T)) as T[];
}

export function serviceName(code: string): string {
  return (SERVICE_CATALOG as Record<string, ServiceEntry>)[code]?.name ?? code;
}

/** AWS Regions where a system's data may live (commercial partitions). */
export const AWS_REGIONS = {
  'us-east-1': 'US East (N. Virginia)',
  'us-east-2': 'US East (Ohio)',
  'us-west-1': 'US West (N. California)',
  'us-west-2': 'US West (Oregon)',
  'ca-central-1': 'Canada (Central)',
  'sa-east-1': 'South America (São Paulo)',
  'eu-west-1': 'Europe (Ireland)',
  'eu-west-2': 'Europe (London)',
  'eu-west-3': 'Europe (Paris)',
  'eu-central-1': 'Europe (Frankfurt)',
  'eu-central-2': 'Europe (Zurich)',
  'eu-north-1': 'Europe (Stockholm)',
  'eu-south-1': 'Europe (Milan)',
  'me-central-1': 'Middle East (UAE)',
  'af-south-1': 'Africa (Cape Town)',
  'ap-south-1': 'Asia Pacific (Mumbai)',
  'ap-southeast-1': 'Asia Pacific (Singapore)',
  'ap-southeast-2': 'Asia Pacific (Sydney)',
  'ap-northeast-1': 'Asia Pacific (Tokyo)',
  'ap-northeast-2': 'Asia Pacific (Seoul)',
  'ap-east-1': 'Asia Pacific (Hong Kong)',
  'us-gov-west-1': 'AWS GovCloud (US-West)',
  'us-gov-east-1': 'AWS GovCloud (US-East)',
} as const;

export type RegionCode = keyof typeof AWS_REGIONS;
export const REGION_CODES = Object.keys(AWS_REGIONS) as RegionCode[];
