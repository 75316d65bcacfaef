import { RequirementDetail } from '@/features/frameworks/components/requirement-detail';
import { getRequirement } from '@/features/frameworks/frameworks.data';
import { pageOrgContext } from '@/lib/auth/context';
import { orNotFound } from '@/lib/pages';

export const metadata = { title: 'Requirement' };

export default async function RequirementPage({
  params,
  searchParams,
}: PageProps<'/[org]/frameworks/[frameworkId]/requirements/[requirementId]'>) {
  const { org, frameworkId, requirementId } = await params;
  const ctx = await pageOrgContext(org);
  const { system } = await searchParams;
  const requirement = await orNotFound(getRequirement(ctx, frameworkId, requirementId, typeof system === 'string' ? system : undefined));
  return <RequirementDetail ctx={ctx} requirement={requirement} />;
}
