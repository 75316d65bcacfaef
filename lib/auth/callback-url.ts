/**
 * Where to go after signing in: the given destination when it is on this app's own origin
 * (as a path), anything else '/'. The value is resolved the way a browser resolves it, so
 * what is checked is what would be followed: `/\t/evil.test` (tabs and newlines are
 * dropped), `\\evil.test`, `//evil.test`, `https://evil.test` and `javascript:` all leave
 * the origin and are refused.
 */
export function safeCallbackUrl(value: string | null | undefined, origin: string): string {
  if (!value) return '/';
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return '/';
  }
  if (url.origin !== new URL(origin).origin) return '/';
  // A path beginning with '//' would name another host when used on its own.
  return `/${url.pathname.replace(/^\/+/, '')}${url.search}${url.hash}`;
}
