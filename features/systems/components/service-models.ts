import { SERVICE_CATALOG, SERVICE_MODEL_LABELS, type ServiceModel } from '../service-catalog';

// View text and grouping for the catalog; both belong beside SERVICE_CATALOG if other views need them.

/** One line per service model: where the shared-responsibility line sits for its services. */
export const SERVICE_MODEL_SUMMARIES: Record<ServiceModel, string> = {
  IAAS: 'AWS runs the hardware and hypervisor; you patch the guest OS and configure routing, security groups and network ACLs.',
  PAAS: 'AWS patches the OS and the database engine; you own database users, access, network rules and the data.',
  SERVERLESS:
    'AWS runs servers, fleet, execution environment and its runtimes; you own the code, custom runtimes and the function’s IAM role.',
  ABSTRACTED:
    'AWS runs infrastructure, OS and platform behind an API; you own the data, its classification, access policies and encryption choices.',
};

export const SERVICE_MODELS = Object.keys(SERVICE_MODEL_LABELS) as ServiceModel[];

export type CatalogService = { code: string; name: string; global: boolean };

const catalog: Record<string, { name: string; model: ServiceModel; global?: true }> = SERVICE_CATALOG;

/** The given service codes (all of the catalog by default) grouped by service model, in catalog order; empty models left out. */
export function servicesByModel(codes: readonly string[] = Object.keys(catalog)) {
  const wanted = new Set(codes);
  return SERVICE_MODELS.map((model) => ({
    model,
    services: Object.entries(catalog)
      .filter(([code, entry]) => entry.model === model && wanted.has(code))
      .map(([code, entry]): CatalogService => ({ code, name: entry.name, global: Boolean(entry.global) })),
  })).filter((group) => group.services.length > 0);
}

/** Codes a system holds that the catalog no longer knows. */
export function unknownServices(codes: readonly string[]): string[] {
  return codes.filter((code) => !(code in catalog));
}
