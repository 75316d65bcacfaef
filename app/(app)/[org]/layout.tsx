import { redirect } from 'next/navigation';
import { AppShell } from '@/components/layout/app-shell';
import { NotificationBell } from '@/features/notifications/components/notification-bell';
import { currentUser, pageOrgContext } from '@/lib/auth/context';
import { can, ROLE_LABELS } from '@/lib/auth/permissions';
import { GlobalSearchBox } from '@/features/search/components/global-search-box';

export default async function OrgLayout({ children, params }: LayoutProps<'/[org]'>) {
  const { org } = await params;
  const ctx = await pageOrgContext(org);
  const user = await currentUser();
  if (!user) redirect('/sign-in');
  const membership = user.memberships.find((m) => m.org.slug === ctx.orgSlug)!;
  const nav = [
    { href: `/${org}`, label: 'Overview' },
    { href: `/${org}/systems`, label: 'Systems' },
    { href: `/${org}/controls`, label: 'Controls' },
    { href: `/${org}/my-controls`, label: 'My controls' },
    { href: `/${org}/frameworks`, label: 'Frameworks' },
    { href: `/${org}/evidence`, label: 'Evidence' },
    { href: `/${org}/findings`, label: 'Findings' },
    { href: `/${org}/check-mappings`, label: 'Check mappings' },
    { href: `/${org}/reports`, label: 'AWS reports' },
    { href: `/${org}/members`, label: 'Members' },
    ...(can(ctx.role, 'audit.read') ? [{ href: `/${org}/audit`, label: 'Audit log' }] : []),
    ...(can(ctx.role, 'apiTokens.manage') ? [{ href: `/${org}/api-tokens`, label: 'API tokens' }] : []),
    ...(can(ctx.role, 'jobs.manage') ? [{ href: `/${org}/jobs`, label: 'Jobs' }] : []),
  ];
  return (
    <AppShell
      orgName={membership.org.name}
      nav={nav}
      user={{ ...user, roleLabel: ROLE_LABELS[ctx.role] }}
      bell={<NotificationBell ctx={ctx} />}
      search={<GlobalSearchBox orgSlug={org} />}
    >
      {children}
    </AppShell>
  );
}
