import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { AppShell } from '@/components/layout/app-shell';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { LinkSsoIdentity } from '@/features/sso/components/link-sso-identity';
import { LINK_COOKIE, readPendingLink } from '@/features/sso/sso-cookies';
import { currentUser } from '@/lib/auth/context';

export const metadata = { title: 'Link single sign-on' };

export default async function SsoLinkPage() {
  const user = await currentUser();
  if (!user) redirect('/sign-in?callbackUrl=/account/sso-link');
  const pending = readPendingLink((await cookies()).get(LINK_COOKIE)?.value);
  return (
    <AppShell nav={[]} user={user}>
      <PageHeader title="Link single sign-on" description={`${user.name} · ${user.email}`} />
      {pending ? (
        <LinkSsoIdentity email={pending.email} issuer={pending.issuer} matches={pending.email === user.email} />
      ) : (
        <Alert>Nothing is waiting to be linked, or it waited too long. Sign in through single sign-on again.</Alert>
      )}
    </AppShell>
  );
}
