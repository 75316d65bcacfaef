import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { Prisma, PrismaClient } from './generated/prisma/client.ts';
import { AppError } from './errors';

/** The pool's connections by their server process id: how a transaction's own connection is found (bulkStatements). */
type Connections = Map<number, pg.PoolClient>;

// One client per process. The password hash and the sealed TOTP secret are omitted everywhere;
// the queries that need them ask for them explicitly.
function createClient(connections: Connections) {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
  const pid = (client: pg.PoolClient) => (client as pg.PoolClient & { processID: number }).processID;
  pool.on('connect', (client) => connections.set(pid(client), client));
  pool.on('remove', (client) => connections.delete(pid(client)));
  return new PrismaClient({
    adapter: new PrismaPg(pool),
    omit: { user: { passwordHash: true }, userMfa: { secretEncrypted: true } },
  });
}

const globalForPrisma = globalThis as unknown as { prisma?: ReturnType<typeof createClient>; connections?: Connections };

const connections: Connections = globalForPrisma.connections ?? new Map();
export const prisma = globalForPrisma.prisma ?? createClient(connections);
if (process.env.NODE_ENV !== 'production') Object.assign(globalForPrisma, { prisma, connections });

export type Db = typeof prisma;
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/** Runs one statement (a `Prisma.sql` template: parameters, never spliced text); answers the rows it changed. */
export type BulkStatement = (statement: Prisma.Sql) => Promise<number>;

/**
 * Statements that carry large parameters (bulk inserts of thousands of rows), sent straight to
 * the transaction's own connection: through Prisma, every statement's parameters stay in its
 * debug history (its last 100 calls, kept even with logging off) and its query compiler's memory
 * grows with the largest one (300 statements of 600 KB: +85 MB of heap and +130 MB beside it,
 * against nothing with `pg`). Same connection, same transaction: they commit or roll back with it.
 *
 * The connection is found by the server's process id and proven by a token the transaction sets:
 * behind a pooler (PgBouncer, RDS Proxy) the ids differ, and the statements go through Prisma as
 * every other one does. `find` is for tests.
 */
export async function bulkStatements(tx: Tx, find = (pid: number) => connections.get(pid)): Promise<BulkStatement> {
  const token = randomUUID();
  const [row] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS "pid", set_config('demarc.bulk', ${token}, true)`;
  const connection = find(row!.pid);
  const proven = connection && (await connection.query(`SELECT current_setting('demarc.bulk', true) AS "token"`)).rows[0]?.token === token;
  if (proven) {
    return async (statement) => {
      try {
        return (await connection.query(statement.text, statement.values)).rowCount ?? 0;
      } catch (error) {
        throw asPrismaError(error);
      }
    };
  }
  return (statement) => tx.$executeRaw(statement);
}

/**
 * A PostgreSQL error from node-postgres in the shape Prisma's driver adapter gives it, so that
 * isUniqueViolation and lib/errors (a clash says which key, a value PostgreSQL cannot store is a
 * validation error) treat a bulk statement's failure as any other statement's.
 */
function asPrismaError(error: unknown): unknown {
  if (!(error instanceof pg.DatabaseError)) return error;
  const code = error.code === '23505' ? 'P2002' : error.code === '23503' ? 'P2003' : 'P2010';
  const cause = { originalCode: error.code, table: error.table, ...(error.constraint ? { constraint: { index: error.constraint } } : {}) };
  return Object.assign(new Error(error.message, { cause: error }), {
    code,
    meta: { driverAdapterError: { name: 'DriverAdapterError', cause } },
  });
}

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
