import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { ApiTokenList } from '@/features/api-tokens/components/api-token-list';
import { CreateApiTokenForm } from '@/features/api-tokens/components/create-api-token-form';
import { listApiTokens } from '@/features/api-tokens/api-tokens.data';
import { pageOrgContext } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';

export const metadata = { title: 'API tokens' };

export default async function ApiTokensPage({ params }: PageProps<'/[org]/api-tokens'>) {
  const ctx = await pageOrgContext((await params).org);
  const description =
    'Tokens let pipelines call the Demarc API (/api/v1) for this organization: read systems, controls and summaries, or add evidence. Each token has scopes and an expiry; every call is recorded in the audit log under its name.';
  if (!can(ctx.role, 'apiTokens.manage')) {
    return (
      <>
        <PageHeader title="API tokens" description={description} />
        <Alert>Only owners and admins can see and manage API tokens.</Alert>
      </>
    );
  }
  const tokens = await listApiTokens(ctx);
  return (
    <>
      <PageHeader title="API tokens" description={description} />
      <ApiTokenList orgSlug={ctx.orgSlug} tokens={tokens} />
      <section className="mt-8 rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="mb-4 text-lg font-semibold">Create a token</h2>
        <CreateApiTokenForm orgSlug={ctx.orgSlug} />
      </section>
    </>
  );
}
