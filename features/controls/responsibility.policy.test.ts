import { describe, expect, it } from 'vitest';
import { effectiveResponsibility, explainResponsibility, type ServiceLine } from './responsibility.policy';

const line = (serviceCode: string, type: ServiceLine['type'], task = ''): ServiceLine => ({
  serviceCode,
  type,
  customerTask: type === 'INHERITED' ? '' : task,
  awsTask: type === 'INHERITED' ? task : '',
});

// Facts from the shared responsibility model, one per service model.
const patching = [
  line('ec2', 'SHARED', 'you patch the guest OS and the software you install on it'),
  line('rds', 'INHERITED', 'AWS patches the operating system and the database engine'),
  line('lambda', 'INHERITED', 'AWS patches the servers, fleet and the runtimes it provides'),
  line('s3', 'INHERITED', 'AWS patches the infrastructure, operating system and platform'),
];
const network = [
  line('ec2', 'CUSTOMER', 'you configure routing, security groups and network ACLs'),
  line('rds', 'CUSTOMER', 'you control network access to the database with security groups'),
];
const databaseAccess = [line('rds', 'CUSTOMER', 'you create database users and manage their permissions')];
const functionCode = [line('lambda', 'CUSTOMER', 'you secure the function code and the IAM role it runs with')];
const dataAccess = [line('s3', 'CUSTOMER', 'you classify the data and set bucket policies, ACLs and Block Public Access')];

const uses = (...codes: string[]) => new Set(codes);

describe('effectiveResponsibility', () => {
  it('IaaS (EC2): guest OS patching, routing and security groups are the customer’s', () => {
    const patch = effectiveResponsibility('SHARED', patching, uses('ec2'));
    expect(patch.type).toBe('SHARED');
    expect(explainResponsibility(patch)).toBe(
      'Shared — this system uses Amazon EC2: you patch the guest OS and the software you install on it',
    );
    expect(effectiveResponsibility('CUSTOMER', network, uses('ec2')).type).toBe('CUSTOMER');
  });

  it('PaaS (RDS): AWS patches OS and engine; database access control is the customer’s', () => {
    const patch = effectiveResponsibility('SHARED', patching, uses('rds'));
    expect(patch.type).toBe('INHERITED');
    expect(explainResponsibility(patch)).toBe(
      'Inherited — this system uses Amazon RDS: AWS patches the operating system and the database engine',
    );
    expect(effectiveResponsibility('CUSTOMER', databaseAccess, uses('rds')).type).toBe('CUSTOMER');
    expect(effectiveResponsibility('CUSTOMER', network, uses('rds')).because.map((l) => l.serviceCode)).toEqual(['rds']);
  });

  it('Serverless (Lambda): function code and its role are the customer’s; patching is AWS’s', () => {
    expect(effectiveResponsibility('SHARED', patching, uses('lambda')).type).toBe('INHERITED');
    const code = effectiveResponsibility('CUSTOMER', functionCode, uses('lambda'));
    expect(explainResponsibility(code)).toBe(
      'Customer — this system uses AWS Lambda: you secure the function code and the IAM role it runs with',
    );
  });

  it('Abstracted (S3): data classification and access permissions are the customer’s', () => {
    expect(effectiveResponsibility('SHARED', patching, uses('s3')).type).toBe('INHERITED');
    expect(effectiveResponsibility('CUSTOMER', dataAccess, uses('s3')).type).toBe('CUSTOMER');
  });

  it('takes the line that leaves the customer the most, and names every service behind it', () => {
    const mixed = effectiveResponsibility('SHARED', patching, uses('lambda', 'ec2', 's3'));
    expect(mixed.type).toBe('SHARED');
    expect(mixed.because.map((l) => l.serviceCode)).toEqual(['ec2']);
    const allManaged = effectiveResponsibility('SHARED', patching, uses('lambda', 'rds', 's3'));
    expect(allManaged.type).toBe('INHERITED');
    expect(explainResponsibility(allManaged)).toMatch(/^Inherited — this system uses AWS Lambda: .*; Amazon RDS: .*; Amazon S3: /);
  });

  it('falls back to the default when no used service has a line', () => {
    const none = effectiveResponsibility('SHARED', patching, uses('dynamodb'));
    expect(none).toEqual({ type: 'SHARED', because: [] });
    expect(explainResponsibility(none)).toBe("Shared — the control's default; no service this system uses changes it");
    expect(effectiveResponsibility('INHERITED', [], uses()).type).toBe('INHERITED');
  });
});
