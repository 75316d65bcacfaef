import Link from 'next/link';
import { SignOutButton } from './sign-out-button';

export type NavItem = { href: string; label: string };

/** The signed-in frame: product name, organization, navigation, the user and sign-out. */
export function AppShell({
  orgName,
  nav,
  user,
  orgSwitcher,
  bell,
  search,
  children,
}: {
  orgName?: string;
  nav: NavItem[];
  user: { name: string; email: string; roleLabel?: string };
  orgSwitcher?: React.ReactNode;
  /** The notification bell of the organization (features/notifications). */
  bell?: React.ReactNode;
  /** The global search box (features/search), on organization pages. */
  search?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-6 py-3">
          <Link href="/" className="text-lg font-bold text-brand-700">
            Demarc
          </Link>
          {orgName && <span className="text-sm font-medium text-slate-700">{orgName}</span>}
          {orgSwitcher}
          <nav aria-label="Main" className="flex gap-4 text-sm">
            {nav.map((item) => (
              <Link key={item.href} href={item.href} className="text-slate-600 hover:text-slate-900">
                {item.label}
              </Link>
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            {search}
            {bell}
            <Link href="/account" className="text-right text-slate-600 hover:text-slate-900">
              <span className="block font-medium text-slate-800">{user.name}</span>
              <span className="block text-xs">
                {user.roleLabel ? `${user.roleLabel} · ` : ''}
                {user.email}
              </span>
            </Link>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-6 py-8">
        {children}
      </main>
    </div>
  );
}
