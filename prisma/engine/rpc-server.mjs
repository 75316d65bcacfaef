// The engine's server mode: JSON-RPC 2.0 over stdio, one message per line, answered by
// Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm), whose SQL runs
// through @prisma/adapter-pg.

import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { log, writeStderrLine } from './log.mjs';
import { createAdapterFactory, createDatabase } from './postgres.mjs';

// Methods forwarded to the WebAssembly engine as they are: the CLI's params already have the
// input shape of the SchemaEngine method of the same name. The others are handled in dispatch().
const ENGINE_METHODS = new Set([
  'applyMigrations',
  'dbExecute',
  'debugPanic',
  'devDiagnostic',
  'diagnoseMigrationHistory',
  'ensureConnectionValidity',
  'introspect',
  'introspectSql',
  'markMigrationApplied',
  'markMigrationRolledBack',
  'reset',
  'schemaPush',
  'version',
]);

// The native engine's JSON-RPC error code for engine errors; the details go in `data`.
const ENGINE_ERROR_CODE = 4466;
const METHOD_NOT_FOUND = -32601;
const PARSE_ERROR = -32700;

// How long shutdown may take to close pools and drop shadow databases before exiting anyway.
const SHUTDOWN_GRACE_MS = 30_000;

// The engine reports a Rust panic here, then the WebAssembly instance traps (RuntimeError:
// unreachable), often inside a callback where no promise of ours can catch it.
let panicMessage;
globalThis.PRISMA_WASM_PANIC_REGISTRY = {
  set_message(message) {
    panicMessage = message;
    log('ERROR', message);
  },
};

/**
 * Loads the WebAssembly engine. The package's ESM entry imports the .wasm file directly,
 * which Node cannot do, so the module is instantiated here with the package's JS bindings.
 */
export async function loadEngineBindings() {
  const bindingsUrl = import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const bindings = await import(bindingsUrl);
  const wasm = await readFile(new URL('schema_engine_bg.wasm', bindingsUrl));
  const { instance } = await WebAssembly.instantiate(wasm, { './schema_engine_bg.js': bindings });
  bindings.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return bindings;
}

class RpcError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/** Serves requests from stdin until the CLI closes it. */
export async function serve({ datamodelPaths, datasource }) {
  const bindings = await loadEngineBindings();
  // The engine panics on an empty list: commands without a schema (e.g. `migrate diff`) get none.
  const datamodels =
    datamodelPaths.length > 0 ? await Promise.all(datamodelPaths.map(async (path) => [path, await readFile(path, 'utf8')])) : undefined;

  // Created on the first request that needs it, so that an unreachable database is reported
  // as that request's error rather than as an exit.
  let adapters;
  let engine;
  function getEngine() {
    engine ??= (async () => {
      if (!datasource?.url) throw new Error('No database URL: datasource.url is not set (prisma.config.ts reads it from DATABASE_URL).');
      adapters = createAdapterFactory(datasource);
      return bindings.SchemaEngine.new({ datamodels }, writeStderrLine, adapters.factory);
    })();
    return engine;
  }

  const send = (message) => process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);

  // Requests this engine makes to the CLI (only `print`), by id, awaiting the CLI's answer.
  const awaitingClient = new Map();
  let nextClientRequestId = 1;
  function requestClient(method, params) {
    const id = nextClientRequestId++;
    return new Promise((resolve) => {
      awaitingClient.set(id, resolve);
      send({ id, method, params });
    });
  }

  async function dispatch(method, params) {
    switch (method) {
      case 'diff': {
        // The engine returns the script; the CLI expects it as a `print` request, which it
        // writes to stdout (or to the --output file).
        const { exitCode, stdout } = await (await getEngine()).diff(params);
        if (stdout) await requestClient('print', { content: stdout });
        return { exitCode };
      }
      case 'evaluateDataLoss':
      case 'createMigration':
        return withMigrationHistorySchema(await getEngine(), method, params);
      case 'getDatabaseVersion':
        return (await getEngine()).version(params);
      case 'createDatabase':
        return { databaseName: await createDatabase(params?.datasource?.url ?? datasource?.url) };
      default:
        if (!ENGINE_METHODS.has(method)) throw new RpcError(METHOD_NOT_FOUND, `Method not found: ${method}`);
        return (await getEngine())[method](params);
    }
  }

  // The CLI's requests still being served: their ids, to answer them if the engine dies,
  // and the promises that settle once they are answered, to let them finish on shutdown.
  const inFlight = new Set();
  const pending = new Set();

  let stopping = false;
  async function shutdown(exitCode, { drain = false } = {}) {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(exitCode), SHUTDOWN_GRACE_MS).unref();
    if (drain) await Promise.allSettled(pending);
    await adapters?.close();
    process.exit(exitCode);
  }

  async function handleRequest({ id, method, params }) {
    if (id !== undefined) inFlight.add(id);
    let response;
    try {
      response = { result: (await dispatch(method, params)) ?? null };
    } catch (error) {
      if (panicMessage !== undefined) return fail(error);
      response = { error: toRpcError(error, adapters?.factory.errorRegistry) };
    }
    // Unless fail() answered it already; a notification (no id) gets no answer.
    if (inFlight.delete(id)) send({ id, ...response });
  }

  // A panic leaves the WebAssembly instance unusable: answer what is pending and exit with
  // the native engine's panic status. Any other uncaught error ends the engine too.
  function fail(error) {
    const panicked = panicMessage !== undefined;
    if (!panicked) log('ERROR', error?.stack ?? String(error));
    for (const id of inFlight) send({ id, error: toRpcError(error, adapters?.factory.errorRegistry, panicked) });
    inFlight.clear();
    void shutdown(panicked ? 101 : 1);
  }
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);

  function handleLine(line) {
    if (!line.trim()) return;
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      send({ id: null, error: { code: PARSE_ERROR, message: 'Parse error' } });
      return;
    }
    if (message.method === undefined) {
      // The CLI's answer to one of our requests.
      awaitingClient.get(message.id)?.(message);
      awaitingClient.delete(message.id);
      return;
    }
    const request = handleRequest(message);
    pending.add(request);
    void request.finally(() => pending.delete(request));
  }

  log('INFO', 'Starting schema engine RPC server', { git_hash: bindings.version() });
  // Once stdin is closed, requests already received may finish (within the grace period).
  createInterface({ input: process.stdin, crlfDelay: Infinity })
    .on('line', handleLine)
    .on('close', () => {
      // Nobody is left to answer this engine's own requests.
      for (const resolve of awaitingClient.values()) resolve();
      void shutdown(0, { drain: true });
    });
  // The CLI ends stdin and kills the engine at once; Ctrl-C reaches it along with the CLI.
  for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => void shutdown(0));
}

/**
 * Calls evaluateDataLoss or createMigration. Unlike the other methods, these get no shadow
 * database from the WebAssembly engine: they reuse the schema that devDiagnostic built for
 * the same migration list (through the adapter's shadow database) and fail without it, e.g.
 * after `migrate dev` applied pending migrations. As every migration is applied by then,
 * devDiagnostic builds it for this very list; then the call is retried once.
 */
async function withMigrationHistorySchema(engine, method, params) {
  try {
    return await engine[method](params);
  } catch (error) {
    if (!error?.message?.includes('shadow DB must be provided through an external factory')) throw error;
    await engine.devDiagnostic({ migrationsList: params.migrationsList, filters: params.filters });
    return engine[method](params);
  }
}

function toRpcError(error, errorRegistry, panicked = false) {
  if (error instanceof RpcError) return { code: error.code, message: error.message };
  // An error thrown in JS (by the adapter or the factory) reaches the engine only as an id
  // into the adapter's error registry; put its message back.
  const jsErrorMessage = (text, id) => errorRegistry?.consumeError(Number(id))?.error?.message ?? text;
  const message = panicked ? panicMessage : String(error?.message ?? error).replace(/External error id#(\d+)/g, jsErrorMessage);
  return {
    code: ENGINE_ERROR_CODE,
    message,
    data: { is_panic: panicked, message, meta: error?.meta ?? null, error_code: error?.code ?? null },
  };
}
