// A thread entry for lib/threads/run.test.ts: answers, refuses, fails or runs out of heap as asked.
import { AppError } from '@/lib/errors';

export async function run(ask: { kind: 'echo' | 'refuse' | 'fail' | 'exhaust' | 'slow'; value?: unknown }): Promise<unknown> {
  switch (ask.kind) {
    case 'echo': {
      const { isMainThread, threadId } = await import('node:worker_threads');
      return { value: ask.value, inThread: !isMainThread, threadId };
    }
    case 'refuse':
      throw new AppError('VALIDATION', 'Refused in the thread.', { file: ['Too odd.'] });
    case 'fail':
      throw new TypeError('Broken in the thread.');
    case 'exhaust': {
      const kept: string[][] = [];
      for (;;) kept.push(Array.from({ length: 10_000 }, (_, i) => `${kept.length}-${i}`));
    }
    case 'slow': {
      const start = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 100));
      return { start, end: Date.now() };
    }
  }
}
