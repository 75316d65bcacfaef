import { Pagination } from '@/components/ui/pagination';
import { PageHeader } from '@/components/ui/page-header';
import { NotificationList } from '@/features/notifications/components/notification-list';
import { listNotifications } from '@/features/notifications/notifications.data';
import { NOTIFICATIONS_PAGE_SIZE } from '@/features/notifications/notifications.policy';
import { pageOrgContext } from '@/lib/auth/context';
import { pageNumber } from '@/lib/search-params';

export const metadata = { title: 'Notifications' };

export default async function NotificationsPage({ params, searchParams }: PageProps<'/[org]/notifications'>) {
  const ctx = await pageOrgContext((await params).org);
  const data = await listNotifications(ctx, pageNumber((await searchParams).page));
  return (
    <>
      <PageHeader
        title="Notifications"
        description="What Demarc told you in this organization, newest first. Choose what you are told, and how, on your account page."
      />
      <NotificationList orgSlug={ctx.orgSlug} items={data.items} unread={data.unread} />
      <Pagination
        page={data.page}
        pageSize={NOTIFICATIONS_PAGE_SIZE}
        total={data.total}
        href={(page) => `/${ctx.orgSlug}/notifications?page=${page}`}
      />
    </>
  );
}
