import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { runInThread, ThreadOutOfMemory } from './run';

const ENTRY = 'test/thread-entry.ts';
const limits = { heapMb: 64 };

describe('runInThread', () => {
  it('runs the entry in a worker thread and answers with its result', async () => {
    await expect(runInThread(ENTRY, { kind: 'echo', value: { n: 1, at: '2026-12-01' } }, limits)).resolves.toMatchObject({
      value: { n: 1, at: '2026-12-01' },
      inThread: true,
    });
  });

  it('keeps the thread for the next job, and starts another when the heap asked for differs', async () => {
    type Echo = { threadId: number };
    const first = await runInThread<Echo>(ENTRY, { kind: 'echo' }, limits);
    const second = await runInThread<Echo>(ENTRY, { kind: 'echo' }, limits);
    const other = await runInThread<Echo>(ENTRY, { kind: 'echo' }, { heapMb: 48 });
    expect(second.threadId).toBe(first.threadId);
    expect(other.threadId).not.toBe(first.threadId);
  });

  it("gives back the entry's AppError as one, with its code and fields, and any other error by its message", async () => {
    const refused = await runInThread(ENTRY, { kind: 'refuse' }, limits).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'VALIDATION', message: 'Refused in the thread.', fieldErrors: { file: ['Too odd.'] } });
    const failed = await runInThread(ENTRY, { kind: 'fail' }, limits).catch((error: unknown) => error);
    expect(failed).not.toBeInstanceOf(AppError);
    expect(failed).toMatchObject({ name: 'TypeError', message: 'Broken in the thread.' });
  });

  it('stops a thread that outgrows its heap with ThreadOutOfMemory, and the next one runs', async () => {
    const before = await runInThread<{ threadId: number }>(ENTRY, { kind: 'echo' }, { heapMb: 32 });
    await expect(runInThread(ENTRY, { kind: 'exhaust' }, { heapMb: 32 })).rejects.toBeInstanceOf(ThreadOutOfMemory);
    const after = await runInThread<{ threadId: number }>(ENTRY, { kind: 'echo', value: 'after' }, { heapMb: 32 });
    expect(after).toMatchObject({ value: 'after' });
    expect(after.threadId).not.toBe(before.threadId);
  });

  it('runs one thread at a time: work sent at once finishes in the order it came', async () => {
    const runs = await Promise.all([1, 2, 3].map(() => runInThread<{ start: number; end: number }>(ENTRY, { kind: 'slow' }, limits)));
    // Each started once the one before had ended, rather than beside it.
    expect(runs[1]!.start).toBeGreaterThanOrEqual(runs[0]!.end);
    expect(runs[2]!.start).toBeGreaterThanOrEqual(runs[1]!.end);
  });
});
