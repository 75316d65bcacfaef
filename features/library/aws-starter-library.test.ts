import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inCatalogOrder, SERVICE_CATALOG } from '@/features/systems/service-catalog';
import { AWS_STARTER_LIBRARY, AWS_STARTER_LIBRARY_NAME } from './aws-starter-library';
import type { ControlTemplate } from './library.types';

const CATALOG_PATH = path.resolve(import.meta.dirname, '../../../shared/data/oscal/NIST_SP-800-53_rev5_catalog.json');

type OscalControl = { id: string; props?: { name: string; value: string }[]; controls?: OscalControl[] };
type OscalGroup = { controls?: OscalControl[] };

/** Every control and enhancement id in the NIST SP 800-53 rev5 catalog, with withdrawn ones apart. */
function loadNistIds(): { all: Set<string>; withdrawn: Set<string> } {
  const catalog = JSON.parse(readFileSync(CATALOG_PATH, 'utf8')) as { catalog: { groups: OscalGroup[] } };
  const all = new Set<string>();
  const withdrawn = new Set<string>();
  const walk = (controls: OscalControl[] | undefined) => {
    for (const control of controls ?? []) {
      all.add(control.id);
      if (control.props?.some((p) => p.name === 'status' && p.value === 'withdrawn')) withdrawn.add(control.id);
      walk(control.controls);
    }
  };
  for (const group of catalog.catalog.groups) walk(group.controls);
  return { all, withdrawn };
}

function control(code: string): ControlTemplate {
  const found = AWS_STARTER_LIBRARY.find((c) => c.code === code);
  if (!found) throw new Error(`no control ${code} in the starter library`);
  return found;
}

function row(code: string, service: string) {
  return control(code).services.find((s) => s.service === service);
}

// The controls the seeds single out, by code.
const PATCH = 'AWS-SI-01';
const PHYSICAL = 'AWS-PE-01';
const DISPOSAL = 'AWS-MP-01';
const HOST = 'AWS-SC-01';
const IAM = 'AWS-AC-01';
const ROOT = 'AWS-IA-01';
const S3_PERMISSIONS = 'AWS-AC-03';
const LAMBDA_CODE = 'AWS-SA-01';
const EXECUTION_ROLES = 'AWS-AC-04';
const DB_USERS = 'AWS-AC-05';
const NETWORK = 'AWS-SC-02';

describe('AWS starter library: shape', () => {
  it('has a name and controls', () => {
    expect(AWS_STARTER_LIBRARY_NAME).toBe('AWS shared responsibility');
    expect(AWS_STARTER_LIBRARY.length).toBeGreaterThanOrEqual(22);
  });

  it('uses unique codes of the form AWS-XX-NN, one family per prefix', () => {
    const codes = AWS_STARTER_LIBRARY.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    const familyByPrefix = new Map<string, string>();
    for (const c of AWS_STARTER_LIBRARY) {
      expect(c.code).toMatch(/^AWS-[A-Z]{2}-\d{2}$/);
      const prefix = c.code.slice(4, 6);
      expect(familyByPrefix.get(prefix) ?? c.family, c.code).toBe(c.family);
      familyByPrefix.set(prefix, c.family);
    }
  });

  it('fills every text field of every control', () => {
    for (const c of AWS_STARTER_LIBRARY) {
      for (const field of ['title', 'description', 'family', 'awsStatement', 'customerStatement'] as const) {
        expect(c[field].trim(), `${c.code}.${field}`).not.toBe('');
      }
      expect(['MONTHLY', 'QUARTERLY', 'SEMI_ANNUAL', 'ANNUAL']).toContain(c.cadence);
      expect(['INHERITED', 'SHARED', 'CUSTOMER']).toContain(c.defaultType);
    }
  });

  it('cites only NIST SP 800-53 rev5 ids that exist in the catalog and are not withdrawn', () => {
    const { all, withdrawn } = loadNistIds();
    expect(all.has('ia-2.1')).toBe(true); // the walk reaches enhancements
    for (const c of AWS_STARTER_LIBRARY) {
      expect(c.nistIds.length, c.code).toBeGreaterThan(0);
      expect(new Set(c.nistIds).size, `${c.code} repeats a NIST id`).toBe(c.nistIds.length);
      for (const id of c.nistIds) {
        expect(all.has(id), `${c.code}: ${id} is not in the catalog`).toBe(true);
        expect(withdrawn.has(id), `${c.code}: ${id} is withdrawn`).toBe(false);
      }
    }
  });
});

describe('AWS starter library: service rows', () => {
  it('names only catalog services, each at most once per control', () => {
    for (const c of AWS_STARTER_LIBRARY) {
      const services = c.services.map((s) => s.service);
      expect(new Set(services).size, `${c.code} lists a service twice`).toBe(services.length);
      for (const service of services) expect(Object.keys(SERVICE_CATALOG), c.code).toContain(service);
    }
  });

  it('gives SHARED and CUSTOMER rows a customer task and INHERITED rows an AWS task', () => {
    for (const c of AWS_STARTER_LIBRARY) {
      for (const s of c.services) {
        const where = `${c.code}/${s.service}`;
        if (s.type === 'INHERITED') {
          expect(s.awsTask?.trim(), where).toBeTruthy();
        } else {
          expect(s.customerTask?.trim(), where).toBeTruthy();
        }
        // Tasks read after "this system uses Amazon EC2: ", so they are one lower-case clause.
        if (s.customerTask !== undefined) {
          expect(s.customerTask, where).toMatch(/^you [^.]*[^.\s]$/);
          expect(s.customerTask.length, where).toBeLessThanOrEqual(120);
        }
        if (s.awsTask !== undefined) {
          expect(s.awsTask, where).toMatch(/^AWS [^.]*[^.\s]$/);
          expect(s.awsTask.length, where).toBeLessThanOrEqual(120);
        }
      }
    }
  });
});

describe('AWS starter library: facts from the shared responsibility model', () => {
  it('makes patch management shared, with the guest OS on the customer for EC2', () => {
    expect(control(PATCH).title).toMatch(/patch/i);
    expect(control(PATCH).defaultType).toBe('SHARED');
    const ec2 = row(PATCH, 'ec2');
    expect(ec2).toBeDefined();
    expect(ec2?.type).not.toBe('INHERITED');
    expect(ec2?.customerTask).toMatch(/guest OS/);
  });

  it('leaves patching to AWS on managed, serverless and abstracted services', () => {
    for (const service of ['rds', 'aurora', 'elasticache', 'lambda', 's3', 'dynamodb']) {
      expect(row(PATCH, service)?.type, service).toBe('INHERITED');
    }
  });

  it('keeps the container patching the customer still does', () => {
    expect(row(PATCH, 'ecs')?.type).toBe('SHARED');
    expect(row(PATCH, 'fargate')?.type).toBe('SHARED');
    expect(row(PATCH, 'eks')?.type).toBe('SHARED');
  });

  it('inherits physical protection, hardware disposal and host/hypervisor security', () => {
    expect(control(PHYSICAL).title).toMatch(/physical/i);
    expect(control(DISPOSAL).title).toMatch(/disposal/i);
    expect(control(HOST).title).toMatch(/hypervisor/i);
    for (const code of [PHYSICAL, DISPOSAL, HOST]) {
      expect(control(code).defaultType, code).toBe('INHERITED');
      for (const s of control(code).services) expect(s.type, `${code}/${s.service}`).toBe('INHERITED');
    }
  });

  it('makes configuration management and awareness training shared', () => {
    expect(AWS_STARTER_LIBRARY.find((c) => /configuration management/i.test(c.title))?.defaultType).toBe('SHARED');
    expect(AWS_STARTER_LIBRARY.find((c) => /training/i.test(c.title))?.defaultType).toBe('SHARED');
  });

  it('puts identities, the root user, S3 permissions, Lambda code and roles, and database users on the customer', () => {
    expect(control(IAM).title).toMatch(/MFA|multi-factor/i);
    expect(control(ROOT).title).toMatch(/root/i);
    expect(control(S3_PERMISSIONS).title).toMatch(/S3/);
    expect(control(LAMBDA_CODE).title).toMatch(/Lambda.*code/i);
    expect(control(EXECUTION_ROLES).title).toMatch(/execution role/i);
    expect(control(DB_USERS).title).toMatch(/database users/i);
    for (const code of [IAM, ROOT, S3_PERMISSIONS, LAMBDA_CODE, EXECUTION_ROLES, DB_USERS]) {
      expect(control(code).defaultType, code).toBe('CUSTOMER');
    }
  });

  it('attaches the services those customer controls are about', () => {
    expect(row(IAM, 'iam')?.type).toBe('CUSTOMER');
    expect(row(S3_PERMISSIONS, 's3')?.type).toBe('CUSTOMER');
    expect(row(LAMBDA_CODE, 'lambda')?.type).toBe('CUSTOMER');
    expect(row(EXECUTION_ROLES, 'lambda')?.type).toBe('CUSTOMER');
    expect(row(DB_USERS, 'rds')?.type).toBe('CUSTOMER');
    expect(row(NETWORK, 'vpc')?.type).toBe('CUSTOMER');
    expect(row(NETWORK, 'ec2')?.type).toBe('CUSTOMER');
    expect(row(NETWORK, 'rds')?.type).toBe('CUSTOMER');
  });

  it('binds the service-specific controls to their services, and only those', () => {
    const bound = Object.fromEntries(AWS_STARTER_LIBRARY.filter((c) => c.appliesTo?.length).map((c) => [c.code, c.appliesTo]));
    expect(bound).toEqual({
      [S3_PERMISSIONS]: ['s3'],
      [LAMBDA_CODE]: ['lambda'],
      'AWS-SI-02': ['lambda'],
      [EXECUTION_ROLES]: ['ecs', 'lambda', 'fargate'],
      [DB_USERS]: ['rds', 'aurora', 'redshift'],
    });
    for (const [code, services] of Object.entries(bound)) {
      expect(services, `${code} in catalog order`).toEqual(inCatalogOrder(services!));
      // Every service a control is bound to is in the catalog and has a line on that control.
      for (const service of services!) {
        expect(SERVICE_CATALOG[service], `${code} ${service}`).toBeDefined();
        expect(row(code, service), `${code} ${service}`).toBeDefined();
      }
    }
  });
});
