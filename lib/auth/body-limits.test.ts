import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { NextConfig } from 'next';
import * as pageStaticInfo from 'next/dist/build/analysis/get-page-static-info';
import { describe, expect, it } from 'vitest';
import { config } from '@/proxy';
import { BODY_ROUTES, declaredBodyBytes, PROXY_BODY_LIMIT_BYTES, readTextWithin } from './body-limits';

// What Next.js compiles the proxy's matcher with (not in its type declarations).
const { getMiddlewareMatchers } = pageStaticInfo as unknown as {
  getMiddlewareMatchers: (matcher: unknown, nextConfig: object) => { regexp: string }[];
};

describe('body limits', () => {
  it('the proxy buffers no more than next.config.js says', async () => {
    const configFile = pathToFileURL(path.resolve(import.meta.dirname, '../../next.config.js')).href;
    const nextConfig = ((await import(/* @vite-ignore */ configFile)) as { default: NextConfig }).default;
    expect(nextConfig.experimental?.proxyClientMaxBodySize).toBe(`${PROXY_BODY_LIMIT_BYTES / 1024 / 1024}mb`);
  });

  it('the proxy leaves out exactly the routes that stream large bodies', () => {
    // Compiled the way Next.js compiles the matcher for the build.
    const [matcher] = getMiddlewareMatchers(config.matcher, {});
    const proxied = (path: string) => new RegExp(matcher!.regexp).test(path);
    const bodyRoutes = [
      '/acme/evidence/upload',
      '/acme/controls/import/upload',
      '/acme/frameworks/import',
      '/acme/findings/upload',
      '/api/v1/findings',
    ];
    for (const path of bodyRoutes) {
      expect(proxied(path), path).toBe(false);
      expect(
        BODY_ROUTES.some((route) => route.test(path)),
        path,
      ).toBe(true);
    }
    for (const path of [
      '/',
      '/sign-in',
      '/api/auth/callback/credentials',
      '/acme',
      '/acme/evidence',
      '/acme/evidence/upload/extra',
      '/acme/evidence/new',
      '/acme/controls/import',
      '/acme/frameworks',
      '/acme/frameworks/import-preview',
      '/acme/frameworks/import/x',
      '/acme/findings',
      '/acme/findings/upload/extra',
      '/evidence/upload',
      '/api/v1/systems',
      '/api/v1/findings/x',
    ]) {
      expect(proxied(path), path).toBe(true);
      expect(
        BODY_ROUTES.some((route) => route.test(path)),
        path,
      ).toBe(false);
    }
  });

  it('reads a declared size, and nothing else', () => {
    expect(declaredBodyBytes(new Headers({ 'content-length': '62914560' }))).toBe(62_914_560);
    expect(declaredBodyBytes(new Headers())).toBeNull();
    expect(declaredBodyBytes(new Headers({ 'content-length': '1e9' }))).toBeNull();
  });

  it('reads a body no further than its limit, however it is sent', async () => {
    const chunked = (parts: string[]) =>
      new Request('http://localhost/', {
        method: 'POST',
        body: new ReadableStream({
          start(controller) {
            for (const part of parts) controller.enqueue(new TextEncoder().encode(part));
            controller.close();
          },
        }),
        duplex: 'half',
      } as RequestInit);
    expect(await readTextWithin(chunked(['\uFEFFcode,', 'title']), 100)).toBe('code,title');
    expect(await readTextWithin(chunked(['x'.repeat(60), 'y'.repeat(60)]), 100)).toBeNull();
    expect(await readTextWithin(new Request('http://localhost/', { method: 'POST' }), 100)).toBe('');
  });
});
