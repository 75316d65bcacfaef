import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AppShell } from '@/components/layout/app-shell';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { ChangePasswordForm } from '@/features/auth/components/change-password-form';
import { SignOutEverywhere } from '@/features/auth/components/sign-out-everywhere';
import { NotificationPreferences } from '@/features/notifications/components/notification-preferences';
import { MfaSection } from '@/features/mfa/components/mfa-section';
import { currentUser, readSession } from '@/lib/auth/context';
import { ROLE_LABELS } from '@/lib/auth/permissions';

export const metadata = { title: 'Your account' };

export default async function AccountPage({ searchParams }: PageProps<'/account'>) {
  const user = await currentUser();
  const session = await readSession();
  if (!user || !session) redirect('/sign-in?callbackUrl=/account');
  return (
    <AppShell nav={[]} user={user}>
      <PageHeader title="Your account" description={`${user.name} · ${user.email}`} />
      <section className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="text-lg font-semibold">Organizations</h2>
        {user.memberships.length === 0 ? (
          <div className="mt-3">
            <Alert>You are not an active member of any organization. Ask an admin to add you, or create one.</Alert>
          </div>
        ) : (
          <ul className="mt-3 divide-y divide-slate-100">
            {user.memberships.map((m) => (
              <li key={m.org.slug} className="flex justify-between py-2 text-sm">
                <Link href={`/${m.org.slug}`} className="font-medium text-brand-600 hover:underline">
                  {m.org.name}
                </Link>
                <span className="text-slate-600">{ROLE_LABELS[m.role]}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="mt-6 rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="text-lg font-semibold">Password</h2>
        <p className="mb-3 mt-1 text-sm text-slate-600">Changing it ends your sessions on every other device and browser.</p>
        <ChangePasswordForm user={{ name: user.name, email: user.email }} />
      </section>
      <MfaSection session={session} required={(await searchParams).mfa === 'required'} />
      <section className="mt-6 rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="text-lg font-semibold">Sessions</h2>
        <p className="mb-3 mt-1 text-sm text-slate-600">Lost a laptop or shared a password by mistake? End every session at once.</p>
        <SignOutEverywhere />
      </section>
      <NotificationPreferences userId={user.id} />
    </AppShell>
  );
}
