// The session cookie's facts, shared by next-auth's options, the proxy and the re-issue
// after a password change. Sessions are next-auth JWTs (encrypted, A256GCM) in one cookie,
// named with the __Secure- prefix when NEXTAUTH_URL is https.

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

export const SESSION_COOKIES = ['next-auth.session-token', '__Secure-next-auth.session-token'] as const;

/** next-auth's own attributes for the session cookie of that name. */
export function sessionCookieOptions(name: string) {
  return { httpOnly: true, sameSite: 'lax', path: '/', secure: name.startsWith('__Secure-'), maxAge: SESSION_MAX_AGE_SECONDS } as const;
}
