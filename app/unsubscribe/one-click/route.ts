import { unsubscribe } from '@/features/notifications/notifications.data';
import { publicRoute } from '@/lib/route';

// The List-Unsubscribe address of every e-mail (RFC 8058 one-click). Public on purpose: the signed
// token is the authorization, and it can only turn off the one kind of notification it names.

/** A mail client's one-click POST, or the confirmation page's button (a browser form: sent back to the page). */
export const POST = publicRoute('unsubscribe', async (request: Request) => {
  const url = new URL(request.url);
  const token = url.searchParams.get('token');
  const done = await unsubscribe(token);
  const fromBrowser = (request.headers.get('content-type') ?? '').includes('application/x-www-form-urlencoded')
    ? !(await request.text()).includes('List-Unsubscribe=One-Click')
    : false;
  if (fromBrowser) {
    const page = new URL('/unsubscribe', url);
    page.searchParams.set('token', token ?? '');
    if (done) page.searchParams.set('done', '1');
    return Response.redirect(page, 303);
  }
  return new Response(done ? 'Unsubscribed.' : 'This unsubscribe link is not valid.', { status: done ? 200 : 400 });
});

/** Opened in a browser: the confirmation page (a GET changes nothing). */
export const GET = publicRoute('unsubscribeLink', async (request: Request) => {
  const url = new URL(request.url);
  const page = new URL('/unsubscribe', url);
  page.searchParams.set('token', url.searchParams.get('token') ?? '');
  return Response.redirect(page, 303);
});
