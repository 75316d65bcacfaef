import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import { ssoSessionCookie } from '@/lib/auth/context';
import { safeCallbackUrl } from '@/lib/auth/callback-url';
import { appOrigin } from '@/lib/mail';
import { authorizationRequest, discover, exchangeCode } from './oidc';
import { expired, flowCookie, FLOW_COOKIE, linkCookie, readFlow } from './sso-cookies';
import { findEnabledConnection } from './sso-connection.data';
import { completeSsoSignIn, recordSsoRefusal } from './sso-sign-in.data';
import { emailDomain, type SsoRefusalReason } from './sso.policy';
import { startSsoSchema } from './sso.schema';

// The two steps of a sign-in through an organization's identity provider, as route handlers
// call them (app/api/sso/start, app/api/sso/callback).

type Cookie = { name: string; value: string; options: object };

function redirect(path: string, cookies: Cookie[] = []): NextResponse {
  const response = NextResponse.redirect(new URL(path, appOrigin()), 303);
  for (const c of cookies) response.cookies.set(c.name, c.value, c.options);
  response.headers.set('cache-control', 'no-store');
  return response;
}

const refusedPage = (reason: SsoRefusalReason, organization?: string) =>
  `/sign-in?sso-error=${reason}${organization ? `&sso=${encodeURIComponent(organization)}` : ''}`;

/**
 * GET /api/sso/start?organization=<slug, e-mail or domain>&callbackUrl=…: the authorization
 * request, with PKCE (S256), state and nonce kept in a sealed, httpOnly cookie for ten minutes.
 */
export async function startSsoSignIn(request: NextRequest): Promise<Response> {
  const params = request.nextUrl.searchParams;
  const parsed = startSsoSchema.safeParse({ organization: params.get('organization') ?? '' });
  if (!parsed.success) return redirect(refusedPage('not-configured'));
  const typed = parsed.data.organization;
  const connection =
    typed.includes('@') || typed.includes('.')
      ? await findEnabledConnection({ emailDomain: typed.includes('@') ? emailDomain(typed) : typed })
      : await findEnabledConnection({ slug: typed });
  if (!connection) return redirect(refusedPage('not-configured', typed));
  let authorization;
  try {
    authorization = await authorizationRequest(await discover(connection));
  } catch {
    await recordSsoRefusal(connection.orgId, 'idp-error');
    return redirect(refusedPage('idp-error', typed));
  }
  const callbackUrl = safeCallbackUrl(params.get('callbackUrl'), appOrigin());
  const cookie = flowCookie({ ...authorization.secrets, orgId: connection.orgId, callbackUrl });
  return redirect(authorization.url.toString(), [cookie]);
}

/**
 * GET /api/sso/callback: the provider's answer. The flow cookie must be there and its state must
 * match; the code is exchanged with the PKCE verifier and the ID token verified (issuer, audience,
 * expiry, signature, nonce). Then the sign-in is decided (features/sso/sso-sign-in.data.ts) and
 * a normal session issued, naming the organization whose single sign-on made it.
 */
export async function finishSsoSignIn(request: NextRequest): Promise<Response> {
  const params = request.nextUrl.searchParams;
  const flow = readFlow(request.cookies.get(FLOW_COOKIE)?.value);
  const clearFlow = expired(FLOW_COOKIE);
  const refuse = async (reason: SsoRefusalReason, orgId: string | null) => {
    await recordSsoRefusal(orgId, reason);
    return redirect(refusedPage(reason), [clearFlow]);
  };
  if (!flow) return refuse('flow-expired', null);
  if (params.get('state') !== flow.state) return refuse('state-mismatch', flow.orgId);
  if (params.has('error')) return refuse('idp-error', flow.orgId);
  const connection = await findEnabledConnection({ orgId: flow.orgId });
  if (!connection) return refuse('not-configured', flow.orgId);

  let identity;
  try {
    identity = await exchangeCode(await discover(connection), params, flow);
  } catch (error) {
    console.warn('[sso] sign-in answer refused', { orgId: flow.orgId, error: error instanceof Error ? error.message : String(error) });
    return refuse('token-invalid', flow.orgId);
  }

  const outcome = await completeSsoSignIn(connection, identity);
  if (outcome.kind === 'refused') return redirect(refusedPage(outcome.reason), [clearFlow]);
  if (outcome.kind === 'link') {
    const next = `/sign-in?sso-error=account-not-linked&callbackUrl=${encodeURIComponent('/account/sso-link')}`;
    return redirect(next, [clearFlow, linkCookie(outcome.pending)]);
  }
  const session = await ssoSessionCookie(outcome.user, connection.orgId);
  const destination = flow.callbackUrl === '/' ? `/${outcome.orgSlug}` : flow.callbackUrl;
  return redirect(destination, [clearFlow, session]);
}
