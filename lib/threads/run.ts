import 'server-only';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '@/lib/errors';

/** The thread ran out of the heap it was given: the work was too large for it. */
export class ThreadOutOfMemory extends Error {
  constructor() {
    super('The work ran out of the memory its thread may use.');
    this.name = 'ThreadOutOfMemory';
  }
}

type Outcome = { ok: true; result: unknown } | { ok: false; error: Record<string, unknown> & { name: string; message: string } };

/** One thread at a time per process: N uploads at once cost one thread's memory, the rest wait their turn. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs `run(data)` of the repository's module `entry` (a path from its root) in a worker thread
 * whose heap is limited to `heapMb`: the work's memory is bounded and given back when it ends,
 * and the server's event loop keeps answering meanwhile. The entry's AppError comes back as one
 * (its message is the user's); a thread out of heap throws ThreadOutOfMemory.
 */
export function runInThread<T>(entry: string, data: unknown, { heapMb }: { heapMb: number }): Promise<T> {
  const start = () => spawn<T>(entry, data, heapMb);
  const turn = queue.then(start, start);
  queue = turn.catch(() => {});
  return turn;
}

function spawn<T>(entry: string, data: unknown, heapMb: number): Promise<T> {
  // Files of the repository read at run time, not bundled: the bundler must not follow them.
  const boot = path.join(/*turbopackIgnore: true*/ process.cwd(), 'lib/threads/boot.mjs');
  const worker = new Worker(/*turbopackIgnore: true*/ boot, {
    workerData: { entry: pathToFileURL(path.join(/*turbopackIgnore: true*/ process.cwd(), entry)).href, data },
    // The entries import 'server-only', as the server's own modules do.
    execArgv: ['--conditions=react-server'],
    resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: Math.max(16, Math.round(heapMb / 8)) },
  });
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    worker.once('message', (outcome: Outcome) => {
      settled = true;
      void worker.terminate();
      if (outcome.ok) resolve(outcome.result as T);
      else reject(rebuilt(outcome.error));
    });
    worker.once('error', (error: Error & { code?: string }) => {
      settled = true;
      reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new ThreadOutOfMemory() : error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`The thread running ${entry} ended (exit code ${code}) before answering.`));
    });
  });
}

/** The entry's error, as this side knows it: an AppError keeps its code, fields and details. */
function rebuilt(error: Record<string, unknown> & { name: string; message: string }): Error {
  if (error.name === 'AppError')
    return new AppError(
      error.code as AppError['code'],
      error.message,
      error.fieldErrors as AppError['fieldErrors'],
      error.details as AppError['details'],
    );
  const other = new Error(error.message);
  other.name = error.name;
  other.stack = `${String(error.stack ?? error.message)}\n    (in the thread)`;
  return other;
}
