import { Forbidden } from '@/components/ui/forbidden';
import { PageHeader } from '@/components/ui/page-header';
import { SsoConnectionForm } from '@/features/sso/components/sso-connection-form';
import { getSsoConnection } from '@/features/sso/sso-connection.data';
import { orForbidden, pageOrgContext } from '@/lib/auth/context';

export const metadata = { title: 'Single sign-on' };

export default async function SsoSettingsPage({ params }: PageProps<'/[org]/members/sso'>) {
  const ctx = await pageOrgContext((await params).org);
  const loaded = await orForbidden(() => getSsoConnection(ctx));
  return (
    <>
      <PageHeader
        title="Single sign-on"
        description="Members sign in through your identity provider (OpenID Connect). Changes are recorded in the audit log."
      />
      {loaded.ok ? (
        <SsoConnectionForm orgSlug={ctx.orgSlug} connection={loaded.data.connection} redirectUri={loaded.data.redirectUri} />
      ) : (
        <Forbidden message={loaded.message} />
      )}
    </>
  );
}
