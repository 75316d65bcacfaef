import { listControlCheckFailures } from '@/features/check-failures/check-failures.data';
import { ControlDetail } from '@/features/controls/components/control-detail';
import { getControl } from '@/features/controls/controls.data';
import { listControlEvidence } from '@/features/evidence/evidence.data';
import { listAssignableOwners } from '@/features/owners/owners.data';
import { pageOrgContext } from '@/lib/auth/context';
import { maxUploadBytes } from '@/lib/config';
import { orNotFound } from '@/lib/pages';

export const metadata = { title: 'Control' };

export default async function ControlPage({ params, searchParams }: PageProps<'/[org]/controls/[controlId]'>) {
  const { org, controlId } = await params;
  const ctx = await pageOrgContext(org);
  const [control, owners] = await Promise.all([orNotFound(getControl(ctx, controlId)), listAssignableOwners(ctx)]);
  const [evidence, failures] = await Promise.all([listControlEvidence(ctx, control.id), listControlCheckFailures(ctx, control.id)]);
  const { system } = await searchParams;
  return (
    <ControlDetail
      ctx={ctx}
      control={control}
      owners={owners}
      evidence={evidence}
      failures={failures}
      maxUploadMb={maxUploadBytes() / 1024 / 1024}
      focusSystemId={typeof system === 'string' ? system : undefined}
    />
  );
}
