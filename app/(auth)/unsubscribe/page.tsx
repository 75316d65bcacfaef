import { Alert } from '@/components/ui/alert';
import { describeUnsubscribe } from '@/features/notifications/notifications.data';
import { KIND_LABELS } from '@/features/notifications/notifications.policy';

export const metadata = { title: 'Unsubscribe' };

/**
 * Opened from the link in an e-mail, without signing in: the signed token is the authorization,
 * and it can only turn off the one kind of notification it names.
 */
export default async function UnsubscribePage({ searchParams }: PageProps<'/unsubscribe'>) {
  const { token, done } = await searchParams;
  const target = describeUnsubscribe(token);
  if (!target) {
    return (
      <Alert tone="error">
        This unsubscribe link is not valid (it may be cut short). Choose what you are told on your account page after signing in.
      </Alert>
    );
  }
  const label = KIND_LABELS[target.kind].toLowerCase();
  if (done === '1') {
    return (
      <Alert tone="success">
        Done: you will no longer be told about {label}. Nothing else changed; you can turn it back on from your account page.
      </Alert>
    );
  }
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Unsubscribe</h1>
      <p className="text-sm text-slate-700">
        Stop notifications about <strong>{label}</strong>? Only this kind is turned off, in the app and by e-mail.
      </p>
      <form method="post" action={`/unsubscribe/one-click?token=${encodeURIComponent(String(token))}`}>
        <button type="submit" className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700">
          Unsubscribe
        </button>
      </form>
    </div>
  );
}
