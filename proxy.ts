import { decode } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { declaredBodyBytes, PROXY_BODY_LIMIT_BYTES } from '@/lib/auth/body-limits';
import { SESSION_COOKIES } from '@/lib/auth/session-token';

// The proxy sets the per-request Content-Security-Policy, sends visitors without a valid-looking
// session to sign-in, and refuses bodies larger than it may buffer (lib/auth/body-limits.ts).
// It decides nothing else: every page, action and route checks the session, membership and
// role itself (lib/auth/context.ts).

// Invitation links are opened by people who have no account yet: the token is their authorization.
// /api/v1 is called by pipelines with an API token, never a session: its routes check the token (lib/api.ts).
// Unsubscribe links from e-mails work without signing in: their signed token is the authorization.
// Single sign-on starts and ends before anyone is signed in: the sealed flow cookie and the ID token are its checks.
const PUBLIC_PATHS = ['/sign-in', '/sign-up', '/invitations', '/api/auth', '/api/sso', '/api/v1', '/unsubscribe'];

function contentSecurityPolicy(nonce: string) {
  const dev = process.env.NODE_ENV !== 'production';
  return [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? ` 'unsafe-eval'` : ''}`,
    // Style attributes cannot carry a nonce; styles cannot run code, scripts stay strict.
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' blob: data:`,
    `font-src 'self'`,
    `connect-src 'self'`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
  ].join('; ');
}

/**
 * A session cookie holding a token next-auth issued and that has not expired (decrypted with
 * the app's secret). Whether its session was revoked is for the pages to find out.
 */
async function hasValidLookingSession(request: NextRequest): Promise<boolean> {
  const secret = process.env.NEXTAUTH_SECRET;
  for (const name of SESSION_COOKIES) {
    const token = request.cookies.get(name)?.value;
    if (!token) continue;
    // Without a secret (never so under `npm start`) the token cannot be read here; the pages check it.
    if (!secret) return true;
    const claims = await decode({ token, secret }).catch(() => null);
    if (claims?.sub) return true;
  }
  return false;
}

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  // A broken %-escape names no page; past here Next.js answers it with a bare 500.
  if (!isDecodable(pathname)) return new NextResponse('This address has a broken %-escape.', { status: 400 });
  const reading = request.method === 'GET' || request.method === 'HEAD';
  const declared = declaredBodyBytes(request.headers);
  if (!reading && declared !== null && declared > PROXY_BODY_LIMIT_BYTES) {
    return new NextResponse('Request body too large.', { status: 413 });
  }

  const isPublic = pathname === '/' || PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`));
  if (!isPublic && !(await hasValidLookingSession(request))) {
    // A form post or action without a session is refused rather than redirected with its body.
    if (!reading) return new NextResponse('Sign in first.', { status: 401 });
    const signIn = new URL('/sign-in', request.url);
    signIn.searchParams.set('callbackUrl', pathname + search);
    return NextResponse.redirect(signIn);
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  // Next reads the nonce for its own scripts from the request's CSP header.
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  return response;
}

function isDecodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

export const config = {
  // Left out: static files, and the routes that stream large bodies (BODY_ROUTES in
  // lib/auth/body-limits.ts), so that Next never buffers their bodies; they check the
  // session themselves before reading them.
  matcher: [
    {
      source:
        '/((?!_next/static|_next/image|favicon.ico|[^/]+/evidence/upload$|[^/]+/controls/import/upload$|[^/]+/frameworks/import$|[^/]+/findings/upload$|api/v1/findings$).*)',
    },
  ],
};
