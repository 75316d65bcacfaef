// Long CPU work (reading a 50 MB catalog, validating 10,000 CSV rows) in slices, so the server
// keeps answering other requests meanwhile: Node serves every request from one thread, and a
// loop that holds it for seconds holds everyone for seconds.
import { setImmediate as nextTurn } from 'node:timers/promises';

/** How long work may hold the thread before it lets others in. */
export const SLICE_MS = 10;

/**
 * For async loops: `await pace()` once per item; it gives the thread up when the current slice
 * has run SLICE_MS, and costs next to nothing otherwise.
 */
export function pacer(sliceMs = SLICE_MS): () => Promise<void> | void {
  let sliceStart = performance.now();
  return () => {
    if (performance.now() - sliceStart < sliceMs) return;
    return nextTurn().then(() => {
      sliceStart = performance.now();
    });
  };
}

/**
 * Work written as a generator that `yield`s where it may pause. `runPaced` runs it in slices,
 * giving the thread up between them; `runToEnd` runs it in one go (tests, the command line).
 */
export type Steps<T> = Generator<void, T, void>;

export async function runPaced<T>(steps: Steps<T>, sliceMs = SLICE_MS): Promise<T> {
  const pace = pacer(sliceMs);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pace();
  }
}

export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
