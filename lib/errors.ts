export type ErrorCode = 'VALIDATION' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'RATE_LIMITED';

export type FieldErrors = Record<string, string[]>;

/** An expected failure: its message is safe to show to the user. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const GENERIC_ERROR_MESSAGE = 'Something went wrong on our side. Please try again; if it keeps happening, tell your administrator.';

export type ActionError = { code: ErrorCode | 'INTERNAL'; message: string; fieldErrors?: FieldErrors };
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

/** Maps any thrown value to what the browser may see; unexpected errors are logged, never shown. */
export function toActionError(error: unknown): ActionError {
  if (error instanceof AppError) {
    return { code: error.code, message: error.message, fieldErrors: error.fieldErrors };
  }
  console.error(JSON.stringify({ level: 'error', msg: 'unexpected error', error: describe(error) }));
  return { code: 'INTERNAL', message: GENERIC_ERROR_MESSAGE };
}

function describe(error: unknown) {
  return error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error);
}

const HTTP_STATUS: Record<ActionError['code'], number> = {
  VALIDATION: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

/** The HTTP status for a failure, for route handlers. */
export function httpStatus(code: ActionError['code']): number {
  return HTTP_STATUS[code];
}
