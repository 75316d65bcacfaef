import { FrameworkList } from '@/features/frameworks/components/framework-list';
import { listFrameworks } from '@/features/frameworks/frameworks.data';
import { pageOrgContext } from '@/lib/auth/context';

export const metadata = { title: 'Frameworks' };

export default async function FrameworksPage({ params }: PageProps<'/[org]/frameworks'>) {
  const ctx = await pageOrgContext((await params).org);
  return <FrameworkList ctx={ctx} data={await listFrameworks(ctx)} />;
}
