import { describe, expect, it } from 'vitest';
import { selectPaths, streamJsonValues, type JsonStreamOptions } from './json-stream';

async function* chunked(text: string, size: number) {
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function collect(text: string, size: number, options: Partial<JsonStreamOptions> = {}) {
  const out: unknown[] = [];
  const stream = streamJsonValues(chunked(text, size), {
    select: selectPaths([['items', '*']]),
    maxValueBytes: 1024,
    noun: 'item',
    ...options,
  });
  for await (const { value } of stream) out.push(value);
  return out;
}

describe('streamed JSON values', () => {
  const items = [
    { a: 'quote " and backslash \\ and \\" both', b: ['x', { c: '}]' }] },
    'a "string" value',
    12.5e3,
    true,
    null,
    { é: 'ünïcode ✓' },
  ];
  const doc = JSON.stringify({ before: { skipped: ['[', '{'] }, items, after: 'x' }, null, 1);

  it.each([1, 2, 3, 5, 7, 64, 100_000])('gives the same values whatever the chunk size (%i bytes)', async (size) => {
    expect(await collect(doc, size)).toEqual(items);
  });

  it('reads several documents one after another only when asked to (JSON Lines)', async () => {
    const lines = '{"a":1}\n{"a":2}\n\n{"a":3}\n';
    expect(await collect(lines, 4, { select: selectPaths([['*']]), lines: true })).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
    await expect(collect(lines, 4, { select: selectPaths([['*']]) })).rejects.toThrow(
      'The file is not valid JSON at byte 9: there is more text after the end of the document.',
    );
  });

  it('refuses broken grammar outside taken values, with the byte', async () => {
    await expect(collect('{"items": [1, 2,]}', 3)).rejects.toThrow('The file is not valid JSON at byte 17: a value was expected.');
    await expect(collect('{"items": [1 2]}', 3)).rejects.toThrow('at byte 14: a comma or a closing bracket was expected.');
    await expect(collect('{"x": tru, "items": []}', 3)).rejects.toThrow('at byte 7: "tru" is not a JSON value.');
    // Inside a taken item, the repository's scanner finds the byte.
    await expect(collect('{"items": [{"a": 1,}]}', 3)).rejects.toThrow('at byte 20: a property name in double quotes was expected.');
    await expect(collect('{"items": []} x', 3)).rejects.toThrow('at byte 15: there is more text after the end of the document.');
  });

  it('refuses an item over the size limit before holding it, and truncated input', async () => {
    await expect(collect(JSON.stringify({ items: ['x'.repeat(2000)] }), 100)).rejects.toThrow(
      'The item starting at byte 11 is larger than the limit of 1 KB; split the file or raise the limit.',
    );
    await expect(collect('{"items": [{"a": "b', 5)).rejects.toThrow(
      /^The file ends at byte 19 before its JSON is complete \(inside the item starting at byte 12\)/,
    );
    await expect(collect('{"items": [1', 5)).rejects.toThrow(/ends at byte 12 .*\(objects or arrays are left open\)/);
    await expect(collect('   ', 5)).rejects.toThrow('The file is empty.');
  });
});
