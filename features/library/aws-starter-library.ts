import type { ControlTemplate } from './library.types';

export const AWS_STARTER_LIBRARY_NAME = 'AWS shared responsibility';

/**
 * The built-in starter library: where the AWS shared responsibility line sits for common
 * controls, and how each AWS service a system uses moves it.
 *
 * Order: inherited controls, then shared, then customer-specific. Codes carry the NIST
 * family prefix of the control's main subject (AWS-PE-01 …).
 *
 * Service rows: `customerTask` reads after "this system uses Amazon EC2: " and starts with
 * "you"; `awsTask` starts with "AWS". A service with no row leaves the control's default type.
 */
export const AWS_STARTER_LIBRARY: ControlTemplate[] = [
  // ── Inherited ────────────────────────────────────────────────────────────────────────
  {
    code: 'AWS-PE-01',
    title: 'Physical and environmental protection of AWS facilities',
    description:
      'The data centers, Availability Zones and edge locations that host the system are guarded against unauthorized entry, fire, flooding, climate failures and natural events.',
    family: 'Physical and environmental protection',
    defaultType: 'INHERITED',
    awsStatement:
      'AWS authorizes, controls and monitors physical entry to its Regions, Availability Zones and edge locations, and protects those sites against fire, water, climate and other environmental threats, including natural disasters.',
    customerStatement:
      "Nothing here is implemented by the customer, who cannot enter AWS sites. It relies on AWS's independent attestation: retrieve the current AWS Artifact report that covers this control, check that its period and scope cover the audit window and the Regions in use, and review it each cycle.",
    cadence: 'ANNUAL',
    nistIds: ['pe-2', 'pe-3', 'pe-6', 'pe-13', 'pe-14', 'pe-15', 'pe-18'],
    services: [],
  },
  {
    code: 'AWS-MP-01',
    title: 'Hardware lifecycle and storage media disposal',
    description:
      'Storage devices that fail or reach end of life leave AWS control only after the data on them has been made unrecoverable.',
    family: 'Media protection',
    defaultType: 'INHERITED',
    awsStatement:
      'AWS manages its physical hardware through its whole life, replaces failed components, and sanitizes every drive taken out of service, whether broken or at end of life, by erasing it cryptographically or destroying it, before it leaves AWS custody.',
    customerStatement:
      "The customer cannot reach AWS hardware and relies on AWS's attestation: review the AWS Artifact report that covers media sanitization and hardware disposal. Deleting the customer's own volumes, snapshots and objects is covered by AWS-SI-03.",
    cadence: 'ANNUAL',
    nistIds: ['mp-6', 'ma-2', 'pe-16', 'sr-12'],
    services: [
      {
        service: 'ebs',
        type: 'INHERITED',
        awsTask: 'AWS sanitizes or destroys the drives behind EBS volumes once they break or reach end of life',
      },
      {
        service: 's3',
        type: 'INHERITED',
        awsTask: 'AWS sanitizes or destroys the drives that held objects once they break or reach end of life',
      },
    ],
  },
  {
    code: 'AWS-SC-01',
    title: 'Host, hypervisor and physical network infrastructure',
    description:
      'The physical hosts, hypervisors, storage systems and network beneath customer resources are hardened and keep tenants isolated from one another.',
    family: 'System and communications protection',
    defaultType: 'INHERITED',
    awsStatement:
      'AWS protects the physical servers and their host software, the Nitro and Xen hypervisors that separate EC2 instances, the storage system behind EBS, the physical network that carries VPC traffic (with its connections out to the internet, between Regions, and to edge and Direct Connect sites), and its own service endpoints.',
    customerStatement:
      "The customer implements nothing at this layer and relies on AWS's attestation: review the AWS Artifact report that covers infrastructure and virtualization security. What the customer builds on top (guest OS, VPC design, security groups) falls under its own controls.",
    cadence: 'ANNUAL',
    nistIds: ['sc-4', 'sc-7', 'sc-39'],
    services: [
      {
        service: 'ec2',
        type: 'INHERITED',
        awsTask: 'AWS protects the physical hosts and the Nitro and Xen hypervisors beneath your instances',
      },
      { service: 'ebs', type: 'INHERITED', awsTask: 'AWS secures the storage system that holds EBS volumes' },
      { service: 'vpc', type: 'INHERITED', awsTask: 'AWS protects the physical network carrying VPC traffic' },
    ],
  },

  // ── Shared ───────────────────────────────────────────────────────────────────────────
  {
    code: 'AWS-SI-01',
    title: 'Patch management',
    description:
      "Known software flaws are fixed within defined timeframes at every layer of the system, from AWS's infrastructure to the customer's guest operating systems and applications.",
    family: 'System and information integrity',
    defaultType: 'SHARED',
    awsStatement:
      'AWS remediates flaws in its global infrastructure: host software and hypervisors, and, for managed services, the operating system, engines and runtimes it operates.',
    customerStatement:
      'The customer patches what it manages: guest operating systems, the applications and packages it installs, container images, worker nodes and custom runtimes. Track published fixes, apply them within the agreed timeframes and keep patch records as evidence.',
    cadence: 'MONTHLY',
    nistIds: ['si-2'],
    services: [
      { service: 'ec2', type: 'SHARED', customerTask: 'you patch the guest OS and the software you install on it' },
      { service: 'ebs', type: 'INHERITED', awsTask: 'AWS patches the storage system that serves EBS volumes' },
      { service: 'vpc', type: 'INHERITED', awsTask: 'AWS patches the network devices and software that run VPC networking' },
      {
        service: 'ecs',
        type: 'SHARED',
        customerTask: 'you patch the guest OS and ECS agent of your container hosts and rebuild images with fixes',
      },
      { service: 'rds', type: 'INHERITED', awsTask: 'AWS patches the operating system and the database engine' },
      { service: 'aurora', type: 'INHERITED', awsTask: 'AWS patches the operating system and the database engine' },
      { service: 'elasticache', type: 'INHERITED', awsTask: 'AWS patches the operating system and the cache engine' },
      {
        service: 'eks',
        type: 'SHARED',
        awsTask: 'AWS patches the Kubernetes control plane',
        customerTask: 'you patch the worker nodes you run on EC2 (not needed for pods on Fargate) and upgrade the cluster version',
      },
      { service: 'opensearch', type: 'INHERITED', awsTask: 'AWS patches the operating system and the search engine software' },
      { service: 'redshift', type: 'INHERITED', awsTask: 'AWS patches the operating system and the data warehouse engine' },
      { service: 'lambda', type: 'INHERITED', awsTask: 'AWS patches the servers, the execution environment and the runtimes it provides' },
      {
        service: 'fargate',
        type: 'SHARED',
        awsTask: 'AWS patches the hosts and the container runtime',
        customerTask: 'you rebuild and redeploy container images when their packages have fixes',
      },
      { service: 's3', type: 'INHERITED', awsTask: 'AWS patches the servers, operating system and storage platform behind the API' },
      { service: 'dynamodb', type: 'INHERITED', awsTask: 'AWS patches the servers, operating system and database platform behind the API' },
      { service: 'sqs', type: 'INHERITED', awsTask: 'AWS patches the infrastructure and software that run the service' },
      { service: 'sns', type: 'INHERITED', awsTask: 'AWS patches the infrastructure and software that run the service' },
      { service: 'kms', type: 'INHERITED', awsTask: 'AWS patches the infrastructure, key-handling hardware and software of the service' },
      { service: 'secretsmanager', type: 'INHERITED', awsTask: 'AWS patches the infrastructure and software that run the service' },
      { service: 'cloudtrail', type: 'INHERITED', awsTask: 'AWS patches the infrastructure and software that run the service' },
      { service: 'cloudwatch', type: 'INHERITED', awsTask: 'AWS patches the infrastructure and software that run the service' },
      { service: 'apigateway', type: 'INHERITED', awsTask: 'AWS patches the infrastructure and software that serve your APIs' },
      { service: 'elb', type: 'INHERITED', awsTask: 'AWS patches the load balancer nodes and their software' },
      { service: 'efs', type: 'INHERITED', awsTask: 'AWS patches the servers and file system software behind the service' },
      { service: 'iam', type: 'INHERITED', awsTask: 'AWS patches the infrastructure and software that run the service' },
      { service: 'cloudfront', type: 'INHERITED', awsTask: 'AWS patches the edge servers and their software' },
      { service: 'route53', type: 'INHERITED', awsTask: 'AWS patches the DNS servers and their software' },
    ],
  },
  {
    code: 'AWS-CM-01',
    title: 'Configuration management',
    description:
      'Each layer of the system runs from a documented, approved baseline configuration, and departures from it are found and corrected.',
    family: 'Configuration management',
    defaultType: 'SHARED',
    awsStatement:
      'AWS defines and keeps current the configuration of its physical infrastructure devices and of the host and platform software behind its managed services.',
    customerStatement:
      'The customer defines and maintains baselines for everything it configures: guest operating systems, databases, applications and service settings. Document each baseline, apply it through templates or code where possible, and review deviations.',
    cadence: 'QUARTERLY',
    nistIds: ['cm-2', 'cm-6'],
    services: [
      {
        service: 'ec2',
        type: 'SHARED',
        customerTask: 'you set and maintain the baseline of the guest OS and the applications you install',
      },
      {
        service: 'vpc',
        type: 'SHARED',
        customerTask: 'you set and maintain the configuration of your VPCs, subnets, route tables and gateways',
      },
      { service: 'ecs', type: 'SHARED', customerTask: 'you configure the container hosts, the ECS agent and your task definitions' },
      {
        service: 'rds',
        type: 'SHARED',
        awsTask: 'AWS configures the host operating system',
        customerTask: 'you configure DB parameter groups, engine options and the databases you create',
      },
      {
        service: 'aurora',
        type: 'SHARED',
        awsTask: 'AWS configures the host operating system',
        customerTask: 'you configure cluster parameter groups, engine options and the databases you create',
      },
      { service: 'elasticache', type: 'SHARED', customerTask: 'you configure parameter groups, engine version and cluster settings' },
      {
        service: 'eks',
        type: 'SHARED',
        awsTask: 'AWS configures the Kubernetes control plane',
        customerTask: 'you configure cluster settings, worker nodes and the Kubernetes workloads you deploy',
      },
      { service: 'opensearch', type: 'SHARED', customerTask: 'you configure domain settings, engine version and index settings' },
      {
        service: 'redshift',
        type: 'SHARED',
        customerTask: 'you configure parameter groups, cluster settings and the databases you create',
      },
      {
        service: 'lambda',
        type: 'SHARED',
        customerTask: 'you configure each function: runtime, memory, timeout, environment variables and triggers',
      },
      { service: 'fargate', type: 'SHARED', customerTask: 'you configure your task definitions and the container images they run' },
      {
        service: 's3',
        type: 'SHARED',
        awsTask: 'AWS configures the storage platform and its operating system',
        customerTask: 'you configure bucket settings such as versioning, encryption, logging and Block Public Access',
      },
      { service: 'dynamodb', type: 'SHARED', customerTask: 'you configure table settings such as encryption, backups and capacity' },
    ],
  },
  {
    code: 'AWS-AU-01',
    title: 'Audit logging and log review',
    description:
      'Activity in the AWS accounts and in the workloads they run is logged, the logs are kept safe from change for the retention period, and someone reviews them.',
    family: 'Audit and accountability',
    defaultType: 'SHARED',
    awsStatement:
      'AWS logs activity on its own infrastructure, records the API calls made in every account, and delivers the logs of its services that the customer turns on.',
    customerStatement:
      'The customer turns on a trail for every Region with log file validation, delivers it to storage it protects, keeps logs for its retention period, turns on the logs of the services it uses, and reviews them.',
    cadence: 'QUARTERLY',
    nistIds: ['au-2', 'au-6', 'au-9', 'au-11', 'au-12'],
    services: [
      {
        service: 'cloudtrail',
        type: 'SHARED',
        awsTask: 'AWS records the API calls made in your accounts and keeps 90 days of management events in the event history',
        customerTask: 'you create a trail for every Region with log file validation, sent to a bucket you protect',
      },
      { service: 'ec2', type: 'SHARED', customerTask: 'you collect and keep the logs of the guest OS and the applications you install' },
      { service: 'vpc', type: 'SHARED', customerTask: 'you turn on VPC flow logs for the networks you must watch' },
      {
        service: 'rds',
        type: 'SHARED',
        awsTask: 'AWS keeps the database engine writing its logs',
        customerTask: 'you choose the engine logs to publish to CloudWatch Logs and how long to keep them',
      },
      {
        service: 'lambda',
        type: 'SHARED',
        awsTask: 'AWS sends each function’s output to CloudWatch Logs',
        customerTask: 'you write what your code must log and set how long the log groups keep it',
      },
      {
        service: 's3',
        type: 'SHARED',
        customerTask: 'you turn on server access logging or CloudTrail data events for the buckets that hold sensitive data',
      },
    ],
  },
  {
    code: 'AWS-AT-01',
    title: 'Security awareness and training',
    description: 'People on each side learn the security duties of their role and how to recognize and report threats.',
    family: 'Awareness and training',
    defaultType: 'SHARED',
    awsStatement:
      "AWS trains its own workforce in security and covers that training in its audit reports; it does not train the customer's staff.",
    customerStatement:
      'The customer trains its own employees and contractors, including the engineers who operate its AWS accounts, at onboarding and at least once a year, and keeps completion records.',
    cadence: 'ANNUAL',
    nistIds: ['at-2'],
    services: [],
  },

  // ── Customer-specific ────────────────────────────────────────────────────────────────
  {
    code: 'AWS-AC-01',
    title: 'IAM users, policies and multi-factor authentication',
    description:
      'Only identified people and workloads reach AWS resources, each with the permissions its role needs, and human sign-in requires a second factor.',
    family: 'Access control',
    defaultType: 'CUSTOMER',
    awsStatement:
      "AWS runs IAM, authenticates requests and enforces the policies the customer writes, and publishes AWS managed policies that it keeps current as services change. It does not create the customer's identities, choose their permissions or turn on MFA.",
    customerStatement:
      'Issue each person and workload its own IAM identity (or federate from the identity provider) rather than sharing credentials, grant least-privilege policies, require MFA for every human user, and review users, roles and permissions each quarter, removing what is unused.',
    cadence: 'QUARTERLY',
    nistIds: ['ac-2', 'ac-6', 'ia-2', 'ia-2.1', 'ia-2.2'],
    services: [
      {
        service: 'iam',
        type: 'CUSTOMER',
        customerTask: 'you create the IAM identities, write their policies and require MFA for every human user',
      },
    ],
  },
  {
    code: 'AWS-IA-01',
    title: 'Root user protection',
    description: "The account's root user, which holds unrestricted power over the account, is locked down and kept out of routine work.",
    family: 'Identification and authentication',
    defaultType: 'CUSTOMER',
    awsStatement:
      "AWS creates one root user with each account and authenticates it, but it does not safeguard the root credentials. Whatever the root user can control is the customer's to secure.",
    customerStatement:
      'Protect the root credentials with MFA (preferably a hardware key), hold no root access keys, keep the credentials under controlled custody, do daily work through IAM identities with narrower permissions, and alert on every root sign-in.',
    cadence: 'QUARTERLY',
    nistIds: ['ac-2.7', 'ac-6.2', 'ac-6.5', 'ia-2.1', 'ia-5'],
    services: [
      {
        service: 'iam',
        type: 'CUSTOMER',
        customerTask: 'you protect the root user with MFA, keep no root access keys and sign in as root only when a task needs it',
      },
    ],
  },
  {
    code: 'AWS-AC-02',
    title: 'Identity-based and resource-based policies',
    description:
      'Access to each resource is granted on purpose, whether through a policy on the principal or a policy on the resource, and no grant is broader than needed.',
    family: 'Access control',
    defaultType: 'CUSTOMER',
    awsStatement:
      'AWS evaluates identity-based and resource-based policies on every request and offers managed policies as a starting point; what each policy allows, and where it is attached, is decided by the customer.',
    customerStatement:
      'Write and review the policies on principals (users, groups, roles) and on resources (bucket, queue, topic, key, function and secret policies). Look for wildcard actions and public or cross-account principals, and remove grants that are no longer needed.',
    cadence: 'QUARTERLY',
    nistIds: ['ac-3', 'ac-6'],
    services: [
      { service: 'iam', type: 'CUSTOMER', customerTask: 'you write the identity-based policies attached to users, groups and roles' },
      { service: 's3', type: 'CUSTOMER', customerTask: 'you write the bucket policies that decide who may reach each bucket' },
      { service: 'sqs', type: 'CUSTOMER', customerTask: 'you write the queue policies that decide who may send and receive messages' },
      { service: 'sns', type: 'CUSTOMER', customerTask: 'you write the topic policies that decide who may publish and subscribe' },
      { service: 'kms', type: 'CUSTOMER', customerTask: 'you write the key policies that decide who may use and administer each key' },
      {
        service: 'lambda',
        type: 'CUSTOMER',
        customerTask: 'you write the resource-based policies that decide who may invoke each function',
      },
      { service: 'secretsmanager', type: 'CUSTOMER', customerTask: 'you write the resource policies that decide who may read each secret' },
    ],
  },
  {
    code: 'AWS-SC-02',
    title: 'Network protection: VPC design, security groups and network ACLs',
    description:
      'Traffic into, out of and within the VPCs is limited to the flows the system needs, through deliberate subnet layout, routing, security groups and network ACLs.',
    family: 'System and communications protection',
    defaultType: 'CUSTOMER',
    awsStatement:
      "AWS protects the physical network underneath VPC and supplies the building blocks: a ready-made default VPC per Region, route tables, security groups and network ACLs. It does not design, configure or review the customer's VPCs.",
    customerStatement:
      'Design the VPCs (adjust or replace the default VPC), define subnets and route tables, limit security groups and NACLs to the ports and sources required, and review them regularly for rules open to the internet.',
    cadence: 'QUARTERLY',
    nistIds: ['sc-7', 'sc-7.5', 'ac-4'],
    services: [
      {
        service: 'vpc',
        type: 'CUSTOMER',
        customerTask: 'you design subnets, route tables, gateways and network ACLs, including any use of the default VPC',
      },
      {
        service: 'ec2',
        type: 'CUSTOMER',
        customerTask: 'you configure the security groups and routing that control traffic to your instances',
      },
      { service: 'ecs', type: 'CUSTOMER', customerTask: 'you configure the security groups of your container hosts and tasks' },
      { service: 'eks', type: 'CUSTOMER', customerTask: 'you set cluster endpoint access and the security groups of nodes and pods' },
      { service: 'fargate', type: 'CUSTOMER', customerTask: 'you choose the subnets and security groups of your tasks' },
      {
        service: 'rds',
        type: 'CUSTOMER',
        customerTask: 'you configure the security groups that decide which networks reach your DB instances',
      },
      {
        service: 'aurora',
        type: 'CUSTOMER',
        customerTask: 'you configure the security groups that decide which networks reach your DB clusters',
      },
      {
        service: 'elasticache',
        type: 'CUSTOMER',
        customerTask: 'you place cache clusters in private subnets and limit access with security groups',
      },
      { service: 'redshift', type: 'CUSTOMER', customerTask: 'you choose the subnets and security groups that can reach your clusters' },
      {
        service: 'lambda',
        type: 'CUSTOMER',
        customerTask: 'you choose the subnets and security groups when you attach a function to a VPC',
      },
      { service: 'elb', type: 'CUSTOMER', customerTask: 'you configure the security groups and subnets of your load balancers' },
    ],
  },
  {
    code: 'AWS-SC-03',
    title: 'Encryption of data in transit',
    description: 'Data moving between users, services and system components travels over TLS so it cannot be read or altered on the way.',
    family: 'System and communications protection',
    defaultType: 'CUSTOMER',
    awsStatement:
      'AWS protects its own service endpoints, public and private, that the console and the APIs use, with HTTPS. It does not enable or configure TLS on the endpoints the customer builds.',
    customerStatement:
      "Serve the system's own endpoints over TLS only, with current protocol versions and cipher suites, manage their certificates before they expire, and require encrypted connections to databases and storage.",
    cadence: 'SEMI_ANNUAL',
    nistIds: ['sc-8', 'sc-8.1'],
    services: [
      { service: 'ec2', type: 'CUSTOMER', customerTask: 'you set up TLS for the services that run on your instances' },
      { service: 'elb', type: 'CUSTOMER', customerTask: 'you configure HTTPS listeners, their certificates and TLS security policies' },
      {
        service: 'cloudfront',
        type: 'CUSTOMER',
        customerTask: 'you require HTTPS from viewers and to origins and choose the minimum TLS version',
      },
      { service: 'apigateway', type: 'CUSTOMER', customerTask: 'you choose the certificates and TLS policy of your custom domain names' },
      { service: 'rds', type: 'CUSTOMER', customerTask: 'you require TLS for client connections to your databases' },
      { service: 's3', type: 'CUSTOMER', customerTask: 'you deny requests that do not use TLS in your bucket policies' },
    ],
  },
  {
    code: 'AWS-SC-04',
    title: 'Encryption of data at rest',
    description: 'Stored data is encrypted, on the client side or by the service, with keys whose use the customer controls.',
    family: 'System and communications protection',
    defaultType: 'CUSTOMER',
    awsStatement:
      'AWS offers server-side encryption in its storage and database services and AWS KMS for keys, and performs the encryption once it is configured. It does not decide what to encrypt, with which key, or who may use a key, and plays no part in client-side encryption.',
    customerStatement:
      "For each data store, choose client-side or server-side encryption, turn it on, pick AWS managed or customer managed KMS keys according to the data's classification, restrict key use in key policies and enable key rotation.",
    cadence: 'SEMI_ANNUAL',
    nistIds: ['sc-12', 'sc-13', 'sc-28', 'sc-28.1'],
    services: [
      {
        service: 's3',
        type: 'CUSTOMER',
        customerTask: 'you choose the server-side encryption and key for each bucket, or encrypt on the client side',
      },
      { service: 'ebs', type: 'CUSTOMER', customerTask: 'you turn on EBS encryption and choose the KMS key for volumes and snapshots' },
      {
        service: 'rds',
        type: 'CUSTOMER',
        customerTask: 'you turn on storage encryption when you create DB instances and choose the KMS key',
      },
      {
        service: 'aurora',
        type: 'CUSTOMER',
        customerTask: 'you turn on storage encryption when you create DB clusters and choose the KMS key',
      },
      { service: 'dynamodb', type: 'CUSTOMER', customerTask: 'you choose the kind of KMS key that encrypts each table' },
      {
        service: 'efs',
        type: 'CUSTOMER',
        customerTask: 'you turn on encryption at rest when you create file systems and choose the KMS key',
      },
      {
        service: 'kms',
        type: 'CUSTOMER',
        customerTask: 'you create customer managed keys where needed, limit their use and turn on rotation',
      },
    ],
  },
  {
    code: 'AWS-RA-01',
    title: 'Data classification',
    description:
      'Each data set is labelled by sensitivity, so that its access, encryption and location match the harm its exposure would cause.',
    family: 'Risk assessment',
    defaultType: 'CUSTOMER',
    awsStatement: 'AWS does not inspect or classify customer content; it stores and processes data as the customer configures.',
    customerStatement:
      'Define classification levels, classify every data store (buckets, tables, databases), record the level as a tag, and apply the protections each level requires. Review the classification yearly and whenever a new kind of data arrives.',
    cadence: 'ANNUAL',
    nistIds: ['ra-2'],
    services: [
      { service: 's3', type: 'CUSTOMER', customerTask: 'you classify the data in each bucket and tag the bucket with its level' },
      { service: 'dynamodb', type: 'CUSTOMER', customerTask: 'you classify the data in each table and tag the table with its level' },
      { service: 'rds', type: 'CUSTOMER', customerTask: 'you classify the data in each database and tag the DB instance with its level' },
      { service: 'aurora', type: 'CUSTOMER', customerTask: 'you classify the data in each database and tag the DB cluster with its level' },
      {
        service: 'redshift',
        type: 'CUSTOMER',
        customerTask: 'you classify the data loaded into each cluster and tag the cluster with its level',
      },
    ],
  },
  {
    code: 'AWS-AC-03',
    title: 'S3 access permissions and Block Public Access',
    description: 'Objects in Amazon S3 are reachable only by the principals meant to reach them, and nothing becomes public by mistake.',
    family: 'Access control',
    defaultType: 'CUSTOMER',
    awsStatement:
      "AWS enforces the bucket policies and ACLs the customer sets and provides S3 Block Public Access, which, while it is on, overrides any policy or ACL that would open data to anonymous users. It does not judge whether a bucket's grants are appropriate.",
    customerStatement:
      'Keep Block Public Access on for the account and each bucket unless a bucket is approved to be public, prefer bucket policies over ACLs (canned ACLs included), and review bucket policies and ACLs for unintended grants.',
    cadence: 'QUARTERLY',
    nistIds: ['ac-3', 'ac-6', 'ac-22'],
    appliesTo: ['s3'],
    services: [
      {
        service: 's3',
        type: 'CUSTOMER',
        customerTask: 'you keep Block Public Access on and review bucket policies and ACLs, canned ACLs included',
      },
    ],
  },
  {
    code: 'AWS-SA-01',
    title: 'Lambda function code security',
    description: 'Code deployed to AWS Lambda is free of known vulnerabilities and handles the input it receives safely.',
    family: 'System and services acquisition',
    defaultType: 'CUSTOMER',
    awsStatement:
      'AWS provisions and runs the servers and the execution environment that host functions; it does not review, test or scan the code the customer deploys.',
    customerStatement:
      'Review and test function code before each release, scan it and its dependencies for known vulnerabilities, validate every event and request the function handles, and keep secrets out of the code.',
    cadence: 'QUARTERLY',
    nistIds: ['sa-11', 'si-10', 'ra-5'],
    appliesTo: ['lambda'],
    services: [
      {
        service: 'lambda',
        type: 'CUSTOMER',
        customerTask: 'you review, test and scan the function code and its dependencies for vulnerabilities',
      },
    ],
  },
  {
    code: 'AWS-SI-02',
    title: 'Custom runtimes on AWS Lambda',
    description: 'Every runtime that executes function code is supported and patched, whoever supplies it.',
    family: 'System and information integrity',
    defaultType: 'CUSTOMER',
    awsStatement:
      'AWS secures and patches the runtimes it supplies (such as Node.js, Python, Java, Go, Ruby and .NET); it does not maintain a custom runtime the customer provides.',
    customerStatement:
      'List the functions that use a custom runtime, patch and rebuild those runtimes when fixes are published, keep them to the components they need, and move functions off AWS runtimes that reach end of support.',
    cadence: 'MONTHLY',
    nistIds: ['si-2', 'sa-22', 'cm-7'],
    appliesTo: ['lambda'],
    services: [
      {
        service: 'lambda',
        type: 'CUSTOMER',
        customerTask: 'you patch any custom runtime you provide and move functions off deprecated runtimes',
      },
    ],
  },
  {
    code: 'AWS-AC-04',
    title: 'Execution roles for functions and tasks',
    description: 'Each function and container task runs with its own IAM role, limited to the actions and resources its code needs.',
    family: 'Access control',
    defaultType: 'CUSTOMER',
    awsStatement:
      "AWS hands the function or task temporary credentials for the role the customer assigns and enforces the role's policies; it does not decide what the role allows.",
    customerStatement:
      'Give every function and task a dedicated role, scope its policies to specific actions and resources, do not share roles across workloads, and compare role permissions with actual use each quarter.',
    cadence: 'QUARTERLY',
    nistIds: ['ac-3', 'ac-6'],
    appliesTo: ['ecs', 'lambda', 'fargate'],
    services: [
      {
        service: 'lambda',
        type: 'CUSTOMER',
        customerTask: 'you give each function an execution role with only the permissions its code needs',
      },
      {
        service: 'fargate',
        type: 'CUSTOMER',
        customerTask: 'you give each task a task role with only the permissions its containers need',
      },
      { service: 'ecs', type: 'CUSTOMER', customerTask: 'you give each task a task role and keep the container instance role minimal' },
    ],
  },
  {
    code: 'AWS-AC-05',
    title: 'Database users and permissions on managed databases',
    description: 'Inside each managed database, only named users hold privileges, and each holds only what its role requires.',
    family: 'Access control',
    defaultType: 'CUSTOMER',
    awsStatement:
      'AWS runs the database engine and creates the master user the customer names at launch; it does not create other database users, grant their privileges or review them.',
    customerStatement:
      'Create individual database users or use IAM database authentication, grant each the least privileges it needs, restrict use of the master user, and review and remove database accounts each quarter.',
    cadence: 'QUARTERLY',
    nistIds: ['ac-2', 'ac-6'],
    appliesTo: ['rds', 'aurora', 'redshift'],
    services: [
      {
        service: 'rds',
        type: 'CUSTOMER',
        customerTask: 'you create database users, grant their privileges and remove them when no longer needed',
      },
      {
        service: 'aurora',
        type: 'CUSTOMER',
        customerTask: 'you create database users, grant their privileges and remove them when no longer needed',
      },
      {
        service: 'redshift',
        type: 'CUSTOMER',
        customerTask: 'you create database users and groups, grant their privileges and remove unused ones',
      },
    ],
  },
  {
    code: 'AWS-SA-02',
    title: 'Region choice and data residency',
    description: 'Customer data is stored and processed only in the Regions approved for its legal and contractual obligations.',
    family: 'System and services acquisition',
    defaultType: 'CUSTOMER',
    awsStatement:
      "AWS keeps customer content in the Regions the customer selects and does not move it to another Region without the customer's consent.",
    customerStatement:
      'Decide which Regions may hold the data, record them for the system, deploy only there (enforce it with service control policies where possible), and check that replication, backups and global services do not place data elsewhere.',
    cadence: 'ANNUAL',
    nistIds: ['sa-9.5'],
    services: [
      { service: 's3', type: 'CUSTOMER', customerTask: "you choose each bucket's Region and approve any replication to another Region" },
      { service: 'dynamodb', type: 'CUSTOMER', customerTask: 'you choose the Region of each table and approve any global table replica' },
      {
        service: 'rds',
        type: 'CUSTOMER',
        customerTask: 'you choose the Region of DB instances and approve cross-Region replicas and snapshot copies',
      },
      {
        service: 'cloudfront',
        type: 'CUSTOMER',
        customerTask: 'you decide what content edge locations outside the approved Regions may cache',
      },
    ],
  },
  {
    code: 'AWS-SC-05',
    title: 'Zone security and tier isolation',
    description:
      'The application is split into tiers (for example web, application and data) placed in separate network zones, so a compromise of one tier does not reach the others.',
    family: 'System and communications protection',
    defaultType: 'CUSTOMER',
    awsStatement:
      "AWS provides the means to separate tiers (VPCs, subnets, security groups, separate accounts); it does not design the customer's application architecture.",
    customerStatement:
      'Define the tier boundaries, give each tier its own subnets or accounts, allow traffic only from the adjacent tier, keep data stores out of public subnets, and document the design.',
    cadence: 'SEMI_ANNUAL',
    nistIds: ['sc-7', 'sc-7.21', 'sc-32'],
    services: [
      {
        service: 'vpc',
        type: 'CUSTOMER',
        customerTask: 'you give each tier its own subnets and allow traffic only between adjacent tiers',
      },
      { service: 'ec2', type: 'CUSTOMER', customerTask: "you place each tier's instances in that tier's subnets and security groups" },
      {
        service: 'rds',
        type: 'CUSTOMER',
        customerTask: 'you keep DB instances in private subnets reachable only from the application tier',
      },
    ],
  },
  {
    code: 'AWS-SC-06',
    title: 'Service and communications protection at the application layer',
    description:
      'Protections specific to the application, such as request throttling and routing rules, keep it available and send each request only where it belongs.',
    family: 'System and communications protection',
    defaultType: 'CUSTOMER',
    awsStatement:
      "AWS provides throttling, quota and routing features in services such as API Gateway, Elastic Load Balancing and CloudFront; it does not choose the limits or rules for the customer's application.",
    customerStatement:
      'Set throttling and quota limits that fit the application, define the routing rules for its traffic, and revisit them when traffic patterns or the application change.',
    cadence: 'SEMI_ANNUAL',
    nistIds: ['sc-5', 'sc-7'],
    services: [
      {
        service: 'apigateway',
        type: 'CUSTOMER',
        customerTask: 'you set throttling limits, quotas and usage plans for your APIs and stages',
      },
      { service: 'elb', type: 'CUSTOMER', customerTask: 'you define the listener rules that route each request to the right targets' },
      {
        service: 'cloudfront',
        type: 'CUSTOMER',
        customerTask: 'you define cache behaviours and origin routing, and block direct access to origins',
      },
    ],
  },
  {
    code: 'AWS-SI-03',
    title: 'Customer data ownership and management',
    description: 'The customer, as owner of its data, governs its retention, backup and deletion in every data store.',
    family: 'System and information integrity',
    defaultType: 'CUSTOMER',
    awsStatement:
      'AWS does not take ownership of customer data and handles it only as the customer directs. On managed databases such as RDS, AWS runs the engine; the data stored in it is managed by the customer.',
    customerStatement:
      'Keep an inventory of data stores, set retention and backup rules for each, and delete data, snapshots and backups when retention ends. On RDS and Aurora this includes the relational data itself: schemas, retention, backups and restores.',
    cadence: 'ANNUAL',
    nistIds: ['si-12', 'cp-9'],
    services: [
      {
        service: 'rds',
        type: 'CUSTOMER',
        customerTask: 'you manage the relational data you keep there: its retention, backups, restores and deletion',
      },
      {
        service: 'aurora',
        type: 'CUSTOMER',
        customerTask: 'you manage the relational data you keep there: its retention, backups, restores and deletion',
      },
      { service: 's3', type: 'CUSTOMER', customerTask: 'you set versioning, lifecycle and deletion rules for the objects you store' },
      { service: 'dynamodb', type: 'CUSTOMER', customerTask: 'you manage item retention, table backups and deletion' },
      { service: 'ebs', type: 'CUSTOMER', customerTask: 'you manage snapshots and delete the volumes and snapshots you no longer need' },
    ],
  },
];
