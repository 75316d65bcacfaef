// PostgreSQL access for the stand-in schema engine: connection settings from a URL, the
// database-level commands the CLI runs before starting the engine, and the driver adapter
// factory the WebAssembly engine runs its SQL through.

import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { PrismaPg } from '@prisma/adapter-pg';
import { ColumnTypeEnum, bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';

// The connection-string parser pg itself uses (a dependency of pg, not of the project).
const { parse: parseConnectionString } = createRequire(import.meta.resolve('pg'))('pg-connection-string');

// Give up on an unreachable server (P1001) instead of hanging; longer than the native engine's 5 s, which a
// busy machine running many migrations at once has exceeded.
const DEFAULT_CONNECT_TIMEOUT_SECONDS = 15;

/**
 * pg settings for a postgresql:// URL, optionally for another database on the same server.
 * Prisma's `?schema=` parameter becomes the search path, as with the native engine, since
 * the engine's SQL leaves names in the default schema unqualified.
 */
export function connectionConfig(url, database) {
  const { schema, connect_timeout: connectTimeout, ...config } = parseConnectionString(url);
  if (database !== undefined) config.database = database;
  if (schema) config.options = [config.options, `-c search_path=${pg.escapeIdentifier(schema)}`].filter(Boolean).join(' ');
  config.connectionTimeoutMillis = Number(connectTimeout ?? DEFAULT_CONNECT_TIMEOUT_SECONDS) * 1000;
  return { config, schema };
}

/** The Prisma error (code and message) the native engine reports for a failed database command. */
export function describeDatabaseError(error, config) {
  const host = config.host || 'localhost';
  const port = config.port || 5432;
  switch (error.code) {
    case '3D000':
      return { code: 'P1003', message: `Database \`${config.database}\` does not exist on the database server at \`${host}:${port}\`.` };
    case '42P04':
      return { code: 'P1009', message: `Database \`${config.database}\` already exists on the database server at \`${host}:${port}\`` };
    case '28P01':
    case '28000':
      return {
        code: 'P1000',
        message:
          `Authentication failed against database server, the provided database credentials for \`${config.user}\` are not valid.\n\n` +
          `Please make sure to provide valid database credentials for the database server at \`${host}:${port}\`.`,
      };
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EHOSTUNREACH':
    case 'EAI_AGAIN':
    case 'ETIMEDOUT':
      return { code: 'P1001', message: unreachableMessage(host, port) };
    default:
      // pg reports its own connect timeout without a code.
      if (/timeout/i.test(error.message)) return { code: 'P1001', message: unreachableMessage(host, port) };
      return { code: undefined, message: error.message };
  }
}

function unreachableMessage(host, port) {
  return `Can't reach database server at \`${host}:${port}\`\n\nPlease make sure your database server is running at \`${host}:${port}\`.`;
}

/** Runs statements on one short-lived connection; with `database`, on that database instead. */
async function withClient(url, database, statements) {
  const client = new pg.Client(connectionConfig(url, database).config);
  try {
    await client.connect();
    for (const sql of statements) await client.query(sql);
  } finally {
    await client.end().catch(() => {});
  }
}

/** `cli can-connect-to-database`: throws the pg error when the database is out of reach. */
export function checkConnection(url) {
  return withClient(url, undefined, ['SELECT 1']);
}

/** CREATE/DROP DATABASE run from the server's maintenance database, as the native engine does. */
async function onMaintenanceDatabase(url, sql) {
  try {
    await withClient(url, 'postgres', [sql]);
  } catch (error) {
    if (error.code !== '3D000') throw error;
    await withClient(url, 'template1', [sql]);
  }
}

export async function createDatabase(url) {
  const { database } = connectionConfig(url).config;
  await onMaintenanceDatabase(url, `CREATE DATABASE ${pg.escapeIdentifier(database)}`);
  return database;
}

export async function dropDatabase(url) {
  const { database } = connectionConfig(url).config;
  await onMaintenanceDatabase(url, `DROP DATABASE ${pg.escapeIdentifier(database)}`);
  return database;
}

/**
 * The migration-aware adapter factory handed to the WebAssembly engine, and `close()`, which
 * disposes whatever the engine left open (pools, temporary shadow databases) at shutdown.
 */
export function createAdapterFactory({ url, shadowDatabaseUrl }) {
  const open = new Set();

  async function connect(adapterUrl, database, afterDispose) {
    const { config, schema } = connectionConfig(adapterUrl, database);
    const adapter = patchAdapter(await new PrismaPg(config, { schema }).connect());
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      open.delete(adapter);
      await dispose();
      await afterDispose?.();
    };
    open.add(adapter);
    return adapter;
  }

  // PrismaPg's own shadow database support drops the database while its pool is still
  // connected and keeps the URL's database name, so the temporary database is managed here.
  async function connectToShadowDb() {
    if (shadowDatabaseUrl) {
      await resetShadowDatabase(url, shadowDatabaseUrl);
      return connect(shadowDatabaseUrl);
    }
    const database = `prisma_migrate_shadow_db_${randomUUID()}`;
    const name = pg.escapeIdentifier(database);
    await withClient(url, undefined, [`CREATE DATABASE ${name}`]);
    return connect(url, database, () => withClient(url, undefined, [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]));
  }

  const factory = {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: () => connect(url),
    connectToShadowDb,
  };
  return {
    factory: bindMigrationAwareSqlAdapterFactory(factory),
    close: () => Promise.allSettled([...open].map((adapter) => adapter.dispose())),
  };
}

/**
 * Empties a configured shadow database (datasource.shadowDatabaseUrl), as the native engine
 * does before replaying the migrations into it; the WebAssembly engine replays them into
 * whatever is there.
 */
async function resetShadowDatabase(url, shadowDatabaseUrl) {
  const where = ({ host, port, database }) => `${host || 'localhost'}:${port || 5432}/${database}`;
  const shadow = connectionConfig(shadowDatabaseUrl);
  if (where(shadow.config) === where(connectionConfig(url).config)) {
    throw new Error(
      'datasource.shadowDatabaseUrl names the same database as datasource.url; the shadow database is emptied on every use, so it must be another one.',
    );
  }
  const schema = pg.escapeIdentifier(shadow.schema || 'public');
  await withClient(shadowDatabaseUrl, undefined, [`DROP SCHEMA IF EXISTS ${schema} CASCADE`, `CREATE SCHEMA ${schema}`]);
}

// PostgreSQL's internal types, which catalog queries can return and the adapter refuses
// ("Unsupported column type"); pg hands their values over as strings.
const CHAR_OID = 18;
const TEXT_OID = 25;
const CATALOG_TEXT_OIDS = new Set([
  22, // int2vector
  24, // regproc
  28, // xid
  29, // cid
  30, // oidvector
  194, // pg_node_tree
  1033, // aclitem
  2202, // regprocedure
  2203, // regoper
  2204, // regoperator
  2205, // regclass
  2206, // regtype
  2278, // void (e.g. SELECT pg_advisory_lock(…))
  3734, // regconfig
  3769, // regdictionary
  4089, // regnamespace
  4096, // regrole
  4191, // regcollation
]);

/** Fixes up a PrismaPg adapter (and the transactions it starts) for the engine's needs. */
function patchAdapter(adapter) {
  readCatalogTypes(adapter);

  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...args) => readCatalogTypes(await startTransaction(...args));

  // PrismaPg splits scripts on every ";", which breaks function bodies and string literals.
  // Like the native engine, send the script whole: PostgreSQL runs a multi-statement simple
  // query as one implicit transaction.
  adapter.executeScript = async (script) => {
    try {
      await adapter.underlyingDriver().query(script);
    } catch (error) {
      adapter.onError(error);
    }
  };
  return adapter;
}

/**
 * Lets a PrismaPg queryable (adapter or transaction) read the catalog's internal types: as
 * text, except `"char"` (e.g. pg_constraint.contype), which the engine needs as the
 * adapter's Character column type.
 */
function readCatalogTypes(queryable) {
  const performIO = queryable.performIO.bind(queryable);
  const queryRaw = queryable.queryRaw.bind(queryable);
  const charColumns = new WeakMap(); // query → indexes of its "char" columns

  // queryRaw passes its query object on to performIO, which sees the column types first.
  // (A multi-statement script sent through executeRaw yields an array of results, whose
  // column types nobody reads.)
  queryable.performIO = async (query) => {
    const result = await performIO(query);
    if (Array.isArray(result)) return result;
    const chars = [];
    result.fields.forEach((field, index) => {
      if (field.dataTypeID === CHAR_OID) chars.push(index);
      if (field.dataTypeID === CHAR_OID || CATALOG_TEXT_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
    });
    charColumns.set(query, chars);
    return result;
  };
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const index of charColumns.get(query) ?? []) result.columnTypes[index] = ColumnTypeEnum.Character;
    return result;
  };
  return queryable;
}
