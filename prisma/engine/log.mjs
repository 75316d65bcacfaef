// Log lines on stderr in the JSON shape of the native engine's tracing output. The Prisma CLI
// parses them: it takes an ERROR line's `fields.message` (and `fields.error_code`) as the
// failure to report, and in `cli` mode it drops the first line and expects JSON after it.

const TARGET = 'schema_engine::logger';

/** Writes one log line; `fields` may carry extra keys such as `error_code`. */
export function log(level, message, fields = {}) {
  writeStderrLine(JSON.stringify({ timestamp: new Date().toISOString(), level, fields: { message, ...fields }, target: TARGET }));
}

/** Forwards a line the WebAssembly engine already formatted. */
export function writeStderrLine(line) {
  process.stderr.write(`${line.trimEnd()}\n`);
}

/**
 * Keeps stderr parseable and the process alive once the CLI has gone: Node's own warnings
 * (e.g. pg's sslmode notice) become JSON lines, and writes to a closed pipe are ignored.
 */
export function installProcessLogging() {
  process.removeAllListeners('warning');
  process.on('warning', (warning) => log('WARN', warning.message));
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
}
