#!/usr/bin/env node
// The project's stand-in for Prisma's native `schema-engine` binary, which the Prisma CLI
// would otherwise download. prisma.config.ts points PRISMA_SCHEMA_ENGINE_BINARY here. It
// speaks the native engine's command line and stdio protocol, runs Prisma's engine compiled
// to WebAssembly, and supports PostgreSQL only.
//
//   schema-engine --version
//   schema-engine --datasource '{"url":…}' cli can-connect-to-database|create-database|drop-database
//   schema-engine [--datamodels <file>…] [--datasource '{"url":…}'] (JSON-RPC server on stdio)

import { installProcessLogging, log } from './log.mjs';
import { checkConnection, connectionConfig, createDatabase, describeDatabaseError, dropDatabase } from './postgres.mjs';
import { loadEngineBindings, serve } from './rpc-server.mjs';

const USAGE = `Usage:
  schema-engine --version
  schema-engine --datasource <json> cli can-connect-to-database|create-database|drop-database
  schema-engine [--datamodels <file>...] [--datasource <json>]`;

const CLI_COMMANDS = {
  'can-connect-to-database': async (url) => {
    await checkConnection(url);
    log('INFO', 'Database connection successful');
  },
  'create-database': async (url) => log('INFO', `Database '${await createDatabase(url)}' was successfully created.`),
  'drop-database': async (url) => log('INFO', `The database '${await dropDatabase(url)}' was successfully dropped.`),
};

class UsageError extends Error {}

function parseArgs(args) {
  const options = { datamodelPaths: [] };
  const value = (flag) => {
    const next = args.shift();
    if (next === undefined || next.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return next;
  };
  while (args.length > 0) {
    const arg = args.shift();
    switch (arg) {
      case '--version':
      case '-V':
        options.version = true;
        break;
      case '--datamodels':
        options.datamodelPaths.push(value(arg));
        while (args.length > 0 && !args[0].startsWith('--') && args[0] !== 'cli') options.datamodelPaths.push(args.shift());
        break;
      case '--datasource': {
        const json = value(arg);
        try {
          options.datasource = JSON.parse(json);
        } catch {
          throw new UsageError('--datasource must be JSON such as {"url":"postgresql://…"}');
        }
        break;
      }
      // Preview features come from the schema's generator block, which the engine reads
      // itself; extension types are not supported by the WebAssembly engine.
      case '--enabled-preview-features':
      case '--extension-types':
        value(arg);
        break;
      case 'cli':
        options.cliCommand = args.shift() ?? '';
        if (!Object.hasOwn(CLI_COMMANDS, options.cliCommand))
          throw new UsageError(`Unknown cli command: ${options.cliCommand || '(none)'}`);
        if (args.length > 0) throw new UsageError(`Unexpected argument: ${args[0]}`);
        break;
      default:
        throw new UsageError(`Unknown argument: ${arg}`);
    }
  }
  return options;
}

async function runCliCommand(command, datasource) {
  // The CLI drops the first stderr line and parses the rest as JSON log lines.
  log('INFO', `Starting schema engine CLI command ${command}`);
  const url = datasource?.url;
  if (!url) {
    log('ERROR', 'No database URL: pass --datasource \'{"url":"postgresql://…"}\'.');
    return 1;
  }
  try {
    await CLI_COMMANDS[command](url);
    return 0;
  } catch (error) {
    const { code, message } = describeDatabaseError(error, connectionConfig(url).config);
    log('ERROR', message, code ? { error_code: code } : {});
    return 1;
  }
}

async function main() {
  installProcessLogging();
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`schema-engine: ${error.message}\n\n${USAGE}\n`);
    process.exit(2);
  }

  if (options.version) {
    process.stdout.write(`schema-engine-cli ${(await loadEngineBindings()).version()}\n`);
  } else if (options.cliCommand) {
    process.exitCode = await runCliCommand(options.cliCommand, options.datasource);
  } else {
    await serve(options);
  }
}

main().catch((error) => {
  log('ERROR', error?.stack ?? String(error));
  process.exit(1);
});
