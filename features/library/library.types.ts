import type { ServiceCode } from '@/features/systems/service-catalog';

export type ResponsibilityTypeName = 'INHERITED' | 'SHARED' | 'CUSTOMER';
export type CadenceName = 'MONTHLY' | 'QUARTERLY' | 'SEMI_ANNUAL' | 'ANNUAL';

/** How one AWS service moves the line for a control. */
export type ServiceLineTemplate = {
  service: ServiceCode;
  type: ResponsibilityTypeName;
  /** What the customer must do on this service; required unless the type is INHERITED. */
  customerTask?: string;
  /** What AWS does on this service; required when the type is INHERITED. */
  awsTask?: string;
};

/** A control of a built-in library, loaded into an organization in one click. */
export type ControlTemplate = {
  code: string;
  title: string;
  description: string;
  family: string;
  defaultType: ResponsibilityTypeName;
  awsStatement: string;
  customerStatement: string;
  cadence: CadenceName;
  /** NIST SP 800-53 rev5 control ids, as the OSCAL catalog writes them (e.g. "ia-2.1" for IA-2(1)). */
  nistIds: string[];
  /** Service-bound controls apply only to systems that use one of these services. */
  appliesTo?: ServiceCode[];
  services: ServiceLineTemplate[];
};
