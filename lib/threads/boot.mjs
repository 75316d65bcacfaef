// A thread's first module (lib/threads/run.ts): it loads the repository's TypeScript with tsx, as
// `npm run worker` does, then runs the entry's `run(data)` for each job it is sent and posts back
// the result or the error.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { run } = await import(workerData.entry);
parentPort.on('message', async ({ id, data }) => {
  try {
    parentPort.postMessage({ id, ok: true, result: await run(data) });
  } catch (error) {
    const { name, message, stack, code, fieldErrors, details } = error instanceof Error ? error : new Error(String(error));
    parentPort.postMessage({ id, ok: false, error: { name, message, stack, code, fieldErrors, details } });
  }
});
