import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// Memory assertions read what is *live*: garbage is collected lazily, so a plain reading also
// counts chunks already processed but not yet collected, and varies with the machine's timing.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Process memory after a full garbage collection. */
export function liveMemory(): NodeJS.MemoryUsage {
  gc();
  return process.memoryUsage();
}
