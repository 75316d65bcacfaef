// A real OpenID Provider for tests (the certified `oidc-provider`), on a free local port. Its
// development interactions accept any login: the login typed is the account id (the subject).
// Claims: `email` is the login when it has an `@` (else <login>@example.test), verified unless
// the login starts with "unverified".
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider from 'oidc-provider';

export type TestOidcProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The provider's signing key (private), so tests can sign ID tokens it would have signed. */
  signingKey: JWK;
  /** How many times its discovery document was read. */
  discoveries: () => number;
  /** Drives the provider's login and consent pages like a browser; returns the redirect back to the app. */
  signIn: (authorizationUrl: string, login: string) => Promise<URL>;
  stop: () => Promise<void>;
};

export async function startTestOidcProvider(options: {
  redirectUri: string;
  port?: number;
  host?: string;
  clientId?: string;
  clientSecret?: string;
}): Promise<TestOidcProvider> {
  const clientId = options.clientId ?? 'demarc-test';
  const clientSecret = options.clientSecret ?? 'a-test-client-secret-0123456789';
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey: JWK = { ...(await exportJWK(privateKey)), kid: 'test-signing-key', alg: 'RS256', use: 'sig' };

  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://${options.host ?? 'localhost'}:${port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: ['test-cookie-key-0123456789'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // The e-mail claims in the ID token itself, as Google, Keycloak and Okta send them.
    conformIdTokenClaims: false,
    pkce: { methods: ['S256'], required: () => true },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, id) {
      const email = id.includes('@') ? id : `${id}@example.test`;
      return {
        accountId: id,
        claims: async () => ({ sub: id, email, email_verified: !id.startsWith('unverified'), name: `Test ${id.split('@')[0]}` }),
      };
    },
  });
  let discoveries = 0;
  const handle = provider.callback();
  server.on('request', (request, response) => {
    if (request.url?.startsWith('/.well-known/openid-configuration')) discoveries++;
    handle(request, response);
  });

  async function signIn(authorizationUrl: string, login: string): Promise<URL> {
    const jar = new Map<string, string>();
    const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    let url = new URL(authorizationUrl);
    let body: URLSearchParams | null = null;
    for (let step = 0; step < 20; step++) {
      const response: Response = await fetch(url, {
        method: body ? 'POST' : 'GET',
        redirect: 'manual',
        headers: { cookie: cookieHeader(), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        ...(body ? { body: body.toString() } : {}),
      });
      for (const cookie of response.headers.getSetCookie()) {
        const [pair] = cookie.split(';');
        const at = pair!.indexOf('=');
        jar.set(pair!.slice(0, at), pair!.slice(at + 1));
      }
      body = null;
      const location = response.headers.get('location');
      if (location) {
        const next = new URL(location, url);
        if (next.href.startsWith(options.redirectUri)) return next;
        url = next;
        continue;
      }
      const html: string = await response.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      const prompt: string | undefined = /name="prompt" value="(\w+)"/.exec(html)?.[1];
      if (!action || !prompt) throw new Error(`Unexpected provider page (${response.status}): ${html.slice(0, 500)}`);
      url = new URL(action.replace(/&amp;/g, '&'), url);
      body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
    }
    throw new Error('The provider did not redirect back');
  }

  return {
    issuer,
    clientId,
    clientSecret,
    signingKey,
    discoveries: () => discoveries,
    signIn,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
