'use client';
import Link from 'next/link';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { markAllNotificationsReadAction, markNotificationReadAction } from '../notifications.actions';

export type NotificationRow = { id: string; kind: string; title: string; body: string; link: string; createdAt: Date; readAt: Date | null };

const when = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** The caller's notifications: each links to the exact page; mark one or all read. */
export function NotificationList({ orgSlug, items, unread }: { orgSlug: string; items: NotificationRow[]; unread: number }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const run = (action: () => Promise<{ ok: boolean; error?: { message: string } }>) =>
    startTransition(async () => {
      setError(null);
      const result = await action();
      if (!result.ok) setError(result.error?.message ?? 'Could not mark as read.');
    });
  if (items.length === 0) {
    return (
      <p className="rounded-md border border-dashed border-slate-300 p-4 text-sm text-slate-600">
        Nothing yet. You are told here when evidence of your controls nears expiry, a control is assigned to you, your evidence is rejected,
        or checks fail on your controls.
      </p>
    );
  }
  return (
    <div>
      <div className="mb-3 flex items-center justify-between">
        <p className="text-sm text-slate-600">{unread === 0 ? 'All read.' : `${unread} unread.`}</p>
        <Button
          variant="secondary"
          disabled={pending || unread === 0}
          onClick={() => run(() => markAllNotificationsReadAction(orgSlug, {}))}
        >
          Mark all read
        </Button>
      </div>
      {error && (
        <p role="alert" className="mb-3 text-sm text-red-700">
          {error}
        </p>
      )}
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
        {items.map((n) => (
          <li key={n.id} className="flex items-start gap-4 px-4 py-3" data-unread={n.readAt ? undefined : 'true'}>
            <span aria-hidden="true" className={`mt-2 h-2 w-2 shrink-0 rounded-full ${n.readAt ? 'bg-transparent' : 'bg-brand-600'}`} />
            <div className="min-w-0 flex-1">
              <Link href={n.link} className={`text-brand-700 hover:underline ${n.readAt ? '' : 'font-semibold'}`}>
                {n.title}
              </Link>
              {n.body && <p className="text-sm text-slate-600">{n.body}</p>}
              <p className="text-xs text-slate-500">
                {when(n.createdAt)}
                {n.readAt ? '' : ' · unread'}
              </p>
            </div>
            {!n.readAt && (
              <Button variant="link" disabled={pending} onClick={() => run(() => markNotificationReadAction(orgSlug, { id: n.id }))}>
                Mark read<span className="sr-only">: {n.title}</span>
              </Button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
