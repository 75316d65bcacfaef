import 'server-only';
import { recordRefusal } from '@/features/audit/audit.data';
import { readSession, requireOrgContext } from '@/lib/auth/context';
import type { OrgContext } from '@/lib/auth/permissions';
import { AppError, httpStatus, toActionError, type ActionError } from '@/lib/errors';
import { assertSameOrigin } from '@/lib/same-origin';
import { assertRequirement, type RequestDeps, type Requirement } from './action';

type Params = Record<string, string | string[] | undefined>;
type RouteHandler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;

export type RouteDescription =
  | {
      kind: 'org';
      name: string;
      permission: Requirement;
      run: (deps: Pick<RequestDeps, 'session'>, request: Request, context: { params: Promise<Params> }) => Promise<Response>;
    }
  | { kind: 'public'; name: string }
  | {
      kind: 'api';
      name: string;
      method: string;
      /** The OpenAPI path template. */
      path: string;
      /** The token scope the route needs. */
      scope: string;
      run: (request: Request, context: { params: Promise<Params> }) => Promise<Response>;
    };

const described = new WeakMap<object, RouteDescription>();

/** Records how a route handler was declared (lib/api.ts declares the /api/v1 routes). */
export function declareRoute(handler: object, description: RouteDescription): void {
  described.set(handler, description);
}

/** How an exported route handler was declared, or undefined for one made without these wrappers. */
export function describeRoute(handler: unknown): RouteDescription | undefined {
  return typeof handler === 'function' ? described.get(handler) : undefined;
}

/** The default answer to a failure: `{ ok: false, error }` as JSON, with the failure's status. */
export function jsonFailure(failure: ActionError): Response {
  return Response.json({ ok: false, error: failure }, { status: httpStatus(failure.code) });
}

type OrgRouteSpec = {
  /** Names the route in the audit log's refusals. */
  name: string;
  /** Checked before the handler runs; the data functions check it again. */
  permission: Requirement;
  /** Routes that change data accept requests from Demarc's own pages only. */
  sameOrigin?: boolean;
  /** The route's own failure format (the failure as the browser may see it, and what was thrown). */
  failure?: (failure: ActionError, error: unknown) => Response;
};

/**
 * Every organization route: (same origin) → session → membership of the organization in the URL
 * → the declared permission → the handler. Any failure becomes a 4xx answer in the route's own
 * format (unexpected errors a logged 500), and a FORBIDDEN or NOT_FOUND met by a member is recorded.
 */
export function orgRoute<P extends { org: string }>(
  spec: OrgRouteSpec,
  handler: (ctx: OrgContext, request: Request, params: P) => Promise<Response>,
): RouteHandler<P> {
  const { name, permission, sameOrigin = false, failure = jsonFailure } = spec;
  const run = async (deps: Pick<RequestDeps, 'session'>, request: Request, context: { params: Promise<P> }) => {
    let ctx: OrgContext | undefined;
    try {
      if (sameOrigin) assertSameOrigin(request);
      const params = await context.params;
      ctx = await requireOrgContext(params.org, deps.session, { via: 'route', name });
      assertRequirement(ctx, permission);
      return await handler(ctx, request, params);
    } catch (error) {
      if (ctx && error instanceof AppError) await recordRefusal(ctx, { via: 'route', name, error });
      return failure(toActionError(error), error);
    }
  };
  const route: RouteHandler<P> = async (request, context) => run({ session: readSession }, request, context);
  described.set(route, { kind: 'org', name, permission, run: run as Extract<RouteDescription, { kind: 'org' }>['run'] });
  return route;
}

/** A route anyone may call (next-auth's own sign-in endpoints). */
export function publicRoute<H extends (...args: never[]) => unknown>(name: string, handler: H): H {
  const route = ((...args: Parameters<H>) => handler(...args)) as H;
  described.set(route, { kind: 'public', name });
  return route;
}
