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

type Outcome =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; error: Record<string, unknown> & { name: string; message: string } };

/** How long a thread waits for more work before it ends and gives its memory back. */
const IDLE_MS = 60_000;

/** One thread at a time per process: N uploads at once cost one thread's memory, the rest wait their turn. */
let queue: Promise<unknown> = Promise.resolve();

/** The thread kept between jobs (its start, about 100 MB with Prisma, is paid once), and what it was started for. */
let current: { key: string; worker: Worker; idle?: NodeJS.Timeout } | null = null;
let nextId = 0;

/**
 * Runs `run(data)` of the repository's module `entry` (a path from its root) in a worker thread
 * whose heap is limited to `heapMb`: the work's memory is bounded, and the server's event loop
 * keeps answering meanwhile. The thread stays for the next job and ends after a minute without
 * one. The entry's AppError comes back as one (its message is the user's); a thread out of heap
 * throws ThreadOutOfMemory, and the next job gets a new thread.
 */
export function runInThread<T>(entry: string, data: unknown, { heapMb }: { heapMb: number }): Promise<T> {
  const start = () => send<T>(entry, data, heapMb);
  const turn = queue.then(start, start);
  queue = turn.catch(() => {});
  return turn;
}

function threadFor(entry: string, heapMb: number): Worker {
  // A thread reads the environment once, when it starts (tests give each file its own database).
  const key = `${entry}|${heapMb}|${process.env.DATABASE_URL ?? ''}`;
  if (current?.key === key) {
    clearTimeout(current.idle);
    return current.worker;
  }
  if (current) void current.worker.terminate();
  // Files of the repository read at run time, not bundled: the bundler must not follow them.
  const root = /*turbopackIgnore: true*/ process.cwd();
  const worker = new Worker(path.join(/*turbopackIgnore: true*/ root, 'lib/threads/boot.mjs'), {
    workerData: { entry: pathToFileURL(path.join(/*turbopackIgnore: true*/ root, entry)).href },
    // The entries import 'server-only', as the server's own modules do.
    execArgv: ['--conditions=react-server'],
    resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: Math.max(16, Math.round(heapMb / 8)) },
  });
  current = { key, worker };
  return worker;
}

function send<T>(entry: string, data: unknown, heapMb: number): Promise<T> {
  const worker = threadFor(entry, heapMb);
  const id = ++nextId;
  return new Promise<T>((resolve, reject) => {
    const settle = (finish: () => void) => {
      worker.off('message', onMessage).off('error', onError).off('exit', onExit).unref();
      if (current?.worker === worker) current.idle = setTimeout(() => void worker.terminate(), IDLE_MS).unref();
      finish();
    };
    const onMessage = (outcome: Outcome) => {
      if (outcome.id !== id) return;
      settle(() => (outcome.ok ? resolve(outcome.result as T) : reject(rebuilt(outcome.error))));
    };
    const onError = (error: Error & { code?: string }) => {
      forget(worker);
      settle(() => reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new ThreadOutOfMemory() : error));
    };
    const onExit = (code: number) => {
      forget(worker);
      settle(() => reject(new Error(`The thread running ${entry} ended (exit code ${code}) before answering.`)));
    };
    // Work in flight keeps the process alive; an idle thread does not.
    worker.on('message', onMessage).once('error', onError).once('exit', onExit).ref();
    worker.postMessage({ id, data });
  });
}

function forget(worker: Worker) {
  if (current?.worker === worker) current = null;
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
