// How large a request body may be, by where it goes.
//
// Next.js 16's proxy (proxy.ts) clones the body of every request it handles and buffers it in
// memory, up to `experimental.proxyClientMaxBodySize`, so that both the proxy and the route
// can read it (body-streams.js getCloneableBody); and it answers only once the whole body has
// arrived, even when the proxy refuses the request (runMiddleware awaits `finalize()`). A
// proxy therefore cannot refuse a body before it is read. So:
//
// - The routes that take large bodies are left out of the proxy's matcher (see
//   BODY_ROUTES and proxy.ts): their body reaches them as an unread stream, and each checks
//   the Origin, the session (a verified JWT and a live membership) and the declared size
//   before reading a byte, then reads with its own limit (lib/config.ts, the schemas).
// - Everything else goes through the proxy with a small limit: server actions take at most
//   1 MB (Next's default), next-auth's forms far less. A request declaring more is refused
//   with 413 by the proxy (it could only have been cut short).

/** experimental.proxyClientMaxBodySize in next.config.js, in bytes (a test keeps the two equal). */
export const PROXY_BODY_LIMIT_BYTES = 2 * 1024 * 1024;

/**
 * The routes that stream large bodies, for signed-in members only, outside the proxy. The
 * matcher in proxy.ts must be a literal, so it spells these out again; a test checks it.
 */
export const BODY_ROUTES = [
  /^\/[^/]+\/evidence\/upload$/, // evidence files, DEMARC_MAX_UPLOAD_MB
  /^\/[^/]+\/controls\/import\/upload$/, // controls CSV, 8 MB
  /^\/[^/]+\/frameworks\/import$/, // OSCAL catalogs, 50 MB
  /^\/[^/]+\/findings\/upload$/, // security-tool findings, DEMARC_MAX_FINDINGS_MB
  /^\/api\/v1\/findings$/, // security-tool results, DEMARC_MAX_FINDINGS_MB (an API token, not a session)
];

/** The body size a request declares, or null when it declares none (no body, or chunked). */
export function declaredBodyBytes(headers: Headers): number | null {
  const value = headers.get('content-length');
  if (value === null || !/^\d+$/.test(value.trim())) return null;
  return Number(value);
}

/**
 * A route's body as text, read no further than `maxBytes`: null once it is larger. For routes
 * outside the proxy, whose bodies nothing else bounds (a chunked body declares no size).
 */
export async function readTextWithin(request: Request, maxBytes: number): Promise<string | null> {
  const reader = request.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let part = await reader.read(); !part.done; part = await reader.read()) {
    size += part.value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(part.value);
  }
  // As Request.text() decodes: UTF-8, a leading byte-order mark dropped.
  return new TextDecoder().decode(Buffer.concat(chunks));
}
