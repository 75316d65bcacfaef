// A thread's first module (lib/threads/run.ts): it loads the repository's TypeScript with tsx, as
// `npm run worker` does, runs the entry's `run(data)` and posts back its result or its error.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { entry, data } = workerData;
try {
  const { run } = await import(entry);
  parentPort.postMessage({ ok: true, result: await run(data) });
} catch (error) {
  const { name, message, stack, code, fieldErrors, details } = error instanceof Error ? error : new Error(String(error));
  parentPort.postMessage({ ok: false, error: { name, message, stack, code, fieldErrors, details } });
}
