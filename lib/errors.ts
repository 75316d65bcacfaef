export type ErrorCode = 'VALIDATION' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'RATE_LIMITED';

export type FieldErrors = Record<string, string[]>;

/**
 * What a refusal was about, for the audit log: the entity that was not found (its id only when
 * it is a well-formed id, never the raw input) or the permission that was missing.
 */
export type RefusalDetails = { entityType?: string; entityId?: string; permission?: string };

/** An expected failure: its message is safe to show to the user. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: FieldErrors,
    readonly details?: RefusalDetails,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/**
 * Not a failure: a create sent again with the request id of one that already succeeded (a
 * double-clicked button). The action answers with the first one's result instead of creating twice.
 */
export class RequestReplayed extends Error {
  constructor(readonly result: unknown) {
    super('This request was already carried out.');
    this.name = 'RequestReplayed';
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
  const database = fromDatabaseError(error);
  if (database) return database;
  console.error(JSON.stringify({ level: 'error', msg: 'unexpected error', error: describe(error) }));
  return { code: 'INTERNAL', message: GENERIC_ERROR_MESSAGE };
}

function describe(error: unknown) {
  return error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error);
}

type PrismaLike = { code?: unknown; meta?: { target?: unknown; modelName?: unknown; driverAdapterError?: { cause?: DriverCause } } };
type DriverCause = { originalCode?: unknown; kind?: unknown; table?: unknown; constraint?: { index?: unknown; fields?: unknown } };

/** PostgreSQL refusing a value as malformed: out of range, a NUL byte, text JSON cannot hold. */
const BAD_VALUE_SQLSTATES = new Set(['22003', '22021', '22P02', '22P05', '22001', '22007', '22008']);

/**
 * The database failures that a request can cause with its own input, in one place: a unique key
 * that clashes says which field clashed; a row that vanished is NOT_FOUND; a value PostgreSQL
 * cannot store is a validation error. Other database errors stay unexpected.
 */
function fromDatabaseError(error: unknown): ActionError | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, meta } = error as PrismaLike;
  if (code === 'P2002') return uniqueClash(meta);
  if (code === 'P2025')
    return { code: 'NOT_FOUND', message: 'This no longer exists: someone may have removed or changed it. Reload the page.' };
  if (code === 'P2003')
    return { code: 'CONFLICT', message: 'This refers to something that no longer exists. Reload the page and try again.' };
  const sqlState = meta?.driverAdapterError?.cause?.originalCode;
  if (code === 'P2020' || (typeof sqlState === 'string' && BAD_VALUE_SQLSTATES.has(sqlState))) {
    return {
      code: 'VALIDATION',
      message: 'Some of what was sent cannot be stored: a number out of range, or text with characters that are not allowed.',
    };
  }
  return null;
}

/** Friendlier words for the unique keys people meet in forms; any other key is described from its name. */
const UNIQUE_KEYS: Record<string, { field?: string; message: string }> = {
  System_orgId_name_key: { field: 'name', message: 'A system with this name already exists (it may be archived: see “Show archived”).' },
  Control_orgId_code_key: { field: 'code', message: 'Another control in this organization has this code.' },
  Framework_orgId_name_key: { field: 'name', message: 'Another framework in this organization has this name.' },
  Requirement_frameworkId_externalId_key: { field: 'externalId', message: 'This framework already has a requirement with this id.' },
  ProviderReport_orgId_artifactReportId_reportVersion_key: {
    field: 'artifactReportId',
    message: 'This report (the same Artifact report id and version) is already recorded.',
  },
  ControlRequirement_pkey: { message: 'This control is already mapped to this requirement.' },
  User_email_key: { field: 'email', message: 'An account with this email already exists.' },
  Membership_orgId_userId_key: { field: 'email', message: 'This person is already a member of this organization.' },
  Organization_slug_key: {
    field: 'organizationName',
    message: 'An organization with this name was created at the same moment. Try again.',
  },
};

const words = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/** The clashing key, from the driver adapter's constraint name or fields, or Prisma's `target`. */
export function describeUniqueClash(meta: PrismaLike['meta']): { field?: string; message: string } {
  const cause = meta?.driverAdapterError?.cause;
  const model = typeof meta?.modelName === 'string' ? meta.modelName : typeof cause?.table === 'string' ? cause.table : null;
  const target = cause?.constraint?.index ?? cause?.constraint?.fields ?? meta?.target;
  if (typeof target === 'string' && UNIQUE_KEYS[target]) return UNIQUE_KEYS[target];
  let fields: string[] = [];
  if (Array.isArray(target)) fields = target.filter((f): f is string => typeof f === 'string');
  else if (typeof target === 'string' && model && target.startsWith(`${model}_`) && target.endsWith('_key')) {
    fields = target.slice(model.length + 1, -'_key'.length).split('_');
  }
  const own = fields.filter((f) => f !== 'orgId');
  const what = model ? words(model) : 'record';
  const field = own.at(-1);
  return field
    ? { field, message: `Another ${what} already has this ${own.map(words).join(' and ')}.` }
    : { message: `This ${what} already exists.` };
}

function uniqueClash(meta: PrismaLike['meta']): ActionError {
  const { field, message } = describeUniqueClash(meta);
  return { code: 'CONFLICT', message, ...(field ? { fieldErrors: { [field]: [message] } } : {}) };
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
