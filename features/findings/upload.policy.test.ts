import { describe, expect, it } from 'vitest';
import { findingsFileName, megabytes, withinBytes } from './upload.policy';

const stream = (parts: number[]) => {
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const size of parts) controller.enqueue(new Uint8Array(size));
    },
    cancel() {
      cancelled = true;
    },
  });
  return { body, cancelled: () => cancelled };
};

async function read(chunks: AsyncIterable<Uint8Array>) {
  let total = 0;
  for await (const chunk of chunks) total += chunk.byteLength;
  return total;
}

describe('the findings upload', () => {
  it('passes a body on within its limit, and refuses it once it passes the limit, leaving the rest unread', async () => {
    const closed = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(10));
        controller.enqueue(new Uint8Array(20));
        controller.close();
      },
    });
    expect(await read(withinBytes(closed, 30))).toBe(30);
    const large = stream([20, 20, 20]);
    await expect(read(withinBytes(large.body, 30))).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'The file is larger than the 30 bytes limit.',
    });
    expect(large.cancelled()).toBe(true);
  });

  it('keeps a readable file name', () => {
    expect(findingsFileName('securityhub\u0000-findings.json ')).toBe('securityhub-findings.json');
    expect(findingsFileName(null)).toBe('upload');
    expect(findingsFileName('   ')).toBe('upload');
    expect(findingsFileName('\ud800.json')).toBe('\ufffd.json');
    expect(Array.from(findingsFileName('😀'.repeat(300)))).toHaveLength(200);
  });

  it('writes limits in megabytes', () => {
    expect(megabytes(1024 * 1024 * 1024)).toBe('1,024 MB');
    expect(megabytes(30)).toBe('30 bytes');
  });
});
