import { mailEnabled } from '@/lib/mail';
import { listPreferences } from '../notifications.data';
import { NotificationPreferencesForm } from './notification-preferences-form';

/** The account page's section: what you are told, and how. Self-contained: it loads its own data. */
export async function NotificationPreferences({ userId }: { userId: string }) {
  const preferences = await listPreferences(userId);
  return (
    <section className="mt-6 rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="notification-preferences">
      <h2 id="notification-preferences" className="text-lg font-semibold">
        Notifications
      </h2>
      <p className="mb-3 mt-1 text-sm text-slate-600">
        For every organization you belong to. “At once” shows it in the app (the bell) and sends an e-mail; “Weekly digest” shows it in the
        app and gathers the e-mails into one each Monday; “Off” tells you nothing of that kind. Every e-mail has a link to stop that kind.
        {mailEnabled() ? '' : ' E-mail is off on this server, so notifications stay in the app.'}
      </p>
      <NotificationPreferencesForm preferences={preferences} />
    </section>
  );
}
