// The browser suite's OpenID Provider (started by playwright.config.ts): the certified
// oidc-provider on DEMARC_E2E_OIDC_PORT, with one client whose redirect URI is the app's
// callback. Its development login page accepts any login (test/oidc-provider.ts).
import { startTestOidcProvider } from '../test/oidc-provider';

const idp = await startTestOidcProvider({
  port: Number(process.env.DEMARC_E2E_OIDC_PORT),
  redirectUri: `http://localhost:${process.env.DEMARC_E2E_PORT}/api/sso/callback`,
  clientId: process.env.DEMARC_E2E_OIDC_CLIENT_ID,
  clientSecret: process.env.DEMARC_E2E_OIDC_CLIENT_SECRET,
});
console.log(`[e2e] OpenID Provider at ${idp.issuer}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void idp.stop().then(() => process.exit(0)));
