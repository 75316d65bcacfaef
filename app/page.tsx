import { redirect } from 'next/navigation';
import { currentUser } from '@/lib/auth/context';

export default async function Home() {
  const user = await currentUser();
  if (!user) redirect('/sign-in');
  const first = user.memberships[0];
  redirect(first ? `/${first.org.slug}` : '/account');
}
