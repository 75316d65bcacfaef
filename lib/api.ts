import 'server-only';
import type { z } from 'zod';
import {
  assertScope,
  authenticateApiToken,
  countApiRequest,
  recordApiRequest,
  type ApiCaller,
} from '@/features/api-tokens/api-tokens.data';
import type { ApiScope } from '@/features/api-tokens/api-tokens.schema';
import { parseInput } from '@/lib/action';
import { AppError, toActionError, type ActionError } from '@/lib/errors';
import { declareRoute, publicRoute } from '@/lib/route';

// The /api/v1 routes: authenticated by an API token only (never a session cookie), scoped to the
// token's organization, rate-limited per token, every use recorded under the token's name, and
// every failure an RFC 9457 problem detail.

const PROBLEM_TITLES: Record<ActionError['code'], { status: number; title: string; slug: string }> = {
  VALIDATION: { status: 422, title: 'The request is not valid', slug: 'validation' },
  UNAUTHENTICATED: { status: 401, title: 'An API token is needed', slug: 'unauthenticated' },
  FORBIDDEN: { status: 403, title: 'The token lacks a scope', slug: 'forbidden' },
  NOT_FOUND: { status: 404, title: 'Not found', slug: 'not-found' },
  CONFLICT: { status: 409, title: 'Conflict', slug: 'conflict' },
  RATE_LIMITED: { status: 429, title: 'Too many requests', slug: 'rate-limited' },
  INTERNAL: { status: 500, title: 'Internal error', slug: 'internal' },
};

/** A problem's type: a URN per kind of failure (RFC 9457 §3.1.1 allows any URI). */
export const problemType = (code: ActionError['code']) => `urn:demarc:problem:${PROBLEM_TITLES[code].slug}`;

/** An RFC 9457 problem detail (`application/problem+json`), with `errors` for field errors. */
export function problem(failure: ActionError, instance: string, headers: Record<string, string> = {}): Response {
  const { status, title } = PROBLEM_TITLES[failure.code];
  const body = {
    type: problemType(failure.code),
    title,
    status,
    detail: failure.message,
    instance,
    ...(failure.fieldErrors ? { errors: failure.fieldErrors } : {}),
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'content-type': 'application/problem+json',
      'cache-control': 'no-store',
      ...(failure.code === 'UNAUTHENTICATED' ? { 'www-authenticate': 'Bearer realm="demarc"' } : {}),
      ...headers,
    },
  });
}

/** A JSON answer of the API. */
export function apiJson(data: unknown, status = 200): Response {
  return Response.json(data, { status, headers: { 'cache-control': 'no-store' } });
}

type Params = Record<string, string | string[] | undefined>;
type RouteHandler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;

type ApiRouteSpec = { name: string; method: 'GET' | 'POST'; path: string; scope: ApiScope };

/** Reads the query string with a schema; failures are field errors (422). */
export function parseQuery<S extends z.ZodType>(schema: S, request: Request): Promise<z.output<S>> {
  return parseInput(schema, Object.fromEntries(new URL(request.url).searchParams));
}

/** Reads a JSON body; a body that is not JSON is a 422 like any invalid input. */
export async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new AppError('VALIDATION', 'Send the body as JSON (Content-Type: application/json).');
  }
}

/**
 * Every /api/v1 route with a token: Bearer token (looked up by hash; unexpired, unrevoked) →
 * the per-token rate limit → the route's scope → the handler, with the token's organization
 * as the context of every query. Cookies are never read. Each use is recorded in the token's
 * organization's audit log under the token's name, with the answer's status.
 */
export function apiRoute<P extends Params>(
  spec: ApiRouteSpec,
  handler: (caller: ApiCaller, request: Request, params: P) => Promise<Response>,
): RouteHandler<P> {
  const run = async (request: Request, context: { params: Promise<P> }) => {
    const instance = new URL(request.url).pathname;
    let caller: ApiCaller | undefined;
    let response: Response;
    let rateLimited = false;
    try {
      caller = await authenticateApiToken(request.headers.get('authorization'));
      const retryAfter = await countApiRequest(caller.ctx.apiToken.id);
      if (retryAfter !== null) {
        rateLimited = true;
        response = problem(
          { code: 'RATE_LIMITED', message: `This token made too many requests this minute. Wait ${retryAfter} seconds, then try again.` },
          instance,
          { 'retry-after': String(retryAfter) },
        );
      } else {
        assertScope(caller, spec.scope);
        response = await handler(caller, request, await context.params);
      }
    } catch (error) {
      response = problem(toActionError(error), instance);
    }
    if (caller) {
      try {
        await recordApiRequest(caller, { method: request.method, path: instance, status: response.status, rateLimited });
      } catch (error) {
        // A use that cannot be recorded is not answered with its data.
        return problem(toActionError(error), instance);
      }
    }
    return response;
  };
  const route: RouteHandler<P> = (request, context) => run(request, context);
  declareRoute(route, { kind: 'api', name: spec.name, method: spec.method, path: spec.path, scope: spec.scope, run: run as never });
  return route;
}

/** A public /api/v1 route (the OpenAPI document, the not-found answer): no token read. */
export function publicApiRoute(name: string, handler: (request: Request) => Promise<Response>) {
  return publicRoute(name, handler);
}
