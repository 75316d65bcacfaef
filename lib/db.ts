import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.ts';
import { AppError } from './errors';

// One client per process. The password hash and the sealed TOTP secret are omitted everywhere;
// the queries that need them ask for them explicitly.
function createClient() {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }),
    omit: { user: { passwordHash: true }, userMfa: { secretEncrypted: true } },
  });
}

const globalForPrisma = globalThis as unknown as { prisma?: ReturnType<typeof createClient> };

export const prisma = globalForPrisma.prisma ?? createClient();
if (process.env.NODE_ENV !== 'production') globalForPrisma.prisma = prisma;

export type Db = typeof prisma;
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/** True when a write failed on a unique constraint (Prisma's P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids come from URLs: anything that is not a UUID cannot name a row (and would make Postgres throw). */
export function isUuid(id: unknown): id is string {
  return typeof id === 'string' && UUID.test(id);
}

/**
 * Guards ids that reach `updateMany` filters, where an `undefined` would match every row of
 * the organization: refuses anything but a UUID.
 */
export function assertUuid(id: unknown, what: string): asserts id is string {
  // The refusal names what was asked for, never the malformed id itself.
  if (!isUuid(id))
    throw new AppError('NOT_FOUND', `This ${what} does not exist.`, undefined, { entityType: what[0]!.toUpperCase() + what.slice(1) });
}
