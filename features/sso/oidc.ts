import 'server-only';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import * as client from 'openid-client';
import { appOrigin } from '@/lib/mail';
import { isLoopbackHttp } from './sso.policy';

// The OpenID Connect relying party: discovery, the authorization request (code flow with PKCE
// S256, state and nonce) and the code exchange through openid-client; the ID token's signature
// and claims are verified again here with jose, against the provider's published keys.

/** Where identity providers send people back: register this as the redirect URI. */
export function ssoRedirectUri(): string {
  return `${appOrigin()}/api/sso/callback`;
}

export type IdpSettings = { issuer: string; clientId: string; clientSecret: string };

const TIMEOUT_SECONDS = 10;

/** A sign-in reads the provider's metadata twice within a minute (start and callback): reused this long. */
export const DISCOVERY_TTL_MS = 10 * 60 * 1000;
const discovered = new Map<string, { metadata: client.ServerMetadata; at: number }>();

/**
 * The provider's configuration from its /.well-known/openid-configuration (the issuer it names
 * must be this one), read at most once per DISCOVERY_TTL_MS per issuer; `fresh` reads it now (a
 * settings save checks the issuer that way).
 */
export async function discover(idp: IdpSettings, { fresh = false } = {}): Promise<client.Configuration> {
  const auth = client.ClientSecretPost(idp.clientSecret);
  // Plain http only to a provider on this machine (isAcceptableIssuer refuses it elsewhere).
  const insecure = isLoopbackHttp(idp.issuer);
  const cached = discovered.get(idp.issuer);
  if (!fresh && cached && Date.now() - cached.at < DISCOVERY_TTL_MS) {
    const config = new client.Configuration(cached.metadata, idp.clientId, undefined, auth);
    config.timeout = TIMEOUT_SECONDS;
    if (insecure) client.allowInsecureRequests(config);
    return config;
  }
  const config = await client.discovery(new URL(idp.issuer), idp.clientId, undefined, auth, {
    timeout: TIMEOUT_SECONDS,
    ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
  });
  discovered.set(idp.issuer, { metadata: config.serverMetadata(), at: Date.now() });
  return config;
}

/** What the browser must carry back to the callback, kept in the sealed flow cookie. */
export type FlowSecrets = { state: string; nonce: string; codeVerifier: string };

export async function authorizationRequest(config: client.Configuration): Promise<{ url: URL; secrets: FlowSecrets }> {
  const secrets: FlowSecrets = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: ssoRedirectUri(),
    scope: 'openid email profile',
    response_type: 'code',
    code_challenge: await client.calculatePKCECodeChallenge(secrets.codeVerifier),
    code_challenge_method: 'S256',
    state: secrets.state,
    nonce: secrets.nonce,
  });
  return { url, secrets };
}

/**
 * Exchanges the code (with the PKCE verifier; openid-client checks the state and the ID token's
 * claims and nonce), then verifies the ID token's signature against the provider's JWKS.
 */
export async function exchangeCode(config: client.Configuration, callbackParams: URLSearchParams, secrets: FlowSecrets) {
  // The address the provider redirected to, as registered: not the request's own URL, which a
  // reverse proxy may have rewritten.
  const current = new URL(ssoRedirectUri());
  current.search = callbackParams.toString();
  const tokens = await client.authorizationCodeGrant(config, current, {
    pkceCodeVerifier: secrets.codeVerifier,
    expectedState: secrets.state,
    expectedNonce: secrets.nonce,
    idTokenExpected: true,
  });
  const metadata = config.serverMetadata();
  if (!tokens.id_token || !metadata.jwks_uri) throw new IdTokenInvalid('no ID token or no published keys');
  return verifyIdToken(tokens.id_token, {
    issuer: metadata.issuer,
    clientId: config.clientMetadata().client_id,
    keys: remoteKeys(metadata.jwks_uri),
    nonce: secrets.nonce,
  });
}

const keySets = new Map<string, JWTVerifyGetKey>();

/** The provider's signing keys, fetched when needed and cached (jose refetches on an unknown key id). */
function remoteKeys(jwksUri: string): JWTVerifyGetKey {
  let keys = keySets.get(jwksUri);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: TIMEOUT_SECONDS * 1000 });
    keySets.set(jwksUri, keys);
  }
  return keys;
}

export class IdTokenInvalid extends Error {}

export type VerifiedIdentity = { subject: string; email: string | null; emailVerified: boolean; name: string | null };

/**
 * An ID token Demarc accepts: signed by one of the provider's keys with an asymmetric algorithm,
 * from this issuer, for this client (and, with several audiences, authorized for it), not
 * expired (a minute's leeway for clocks), with the nonce this browser's sign-in was started with.
 */
export async function verifyIdToken(
  idToken: string,
  expected: { issuer: string; clientId: string; keys: JWTVerifyGetKey; nonce: string; now?: Date },
): Promise<VerifiedIdentity> {
  let payload;
  try {
    ({ payload } = await jwtVerify(idToken, expected.keys, {
      issuer: expected.issuer,
      audience: expected.clientId,
      algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'],
      requiredClaims: ['sub', 'exp', 'iat'],
      clockTolerance: 60,
      ...(expected.now ? { currentDate: expected.now } : {}),
    }));
  } catch (error) {
    if (error instanceof joseErrors.JOSEError) throw new IdTokenInvalid(error.code);
    throw error;
  }
  if (payload.nonce !== expected.nonce) throw new IdTokenInvalid('nonce mismatch');
  if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload.azp !== expected.clientId) {
    throw new IdTokenInvalid('azp mismatch');
  }
  const email = typeof payload.email === 'string' ? payload.email : null;
  const name = typeof payload.name === 'string' ? payload.name : null;
  // Some providers send "true" as a string. Microsoft Entra ID sends no email_verified for work
  // accounts; its optional claim xms_edov (the tenant verified the e-mail's domain) stands in, only
  // when email_verified is absent.
  const isTrue = (claim: unknown) => claim === true || claim === 'true';
  const emailVerified = payload.email_verified === undefined ? isTrue(payload.xms_edov) : isTrue(payload.email_verified);
  return { subject: payload.sub!, email, emailVerified, name };
}
