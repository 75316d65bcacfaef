import { describe, expect, it } from 'vitest';
import { safeFileName, sniffFile } from './file-type.policy';

const bytes = (...b: number[]) => new Uint8Array(b);
const text = (s: string) => new TextEncoder().encode(s);
const PDF = text('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n');
const PNG = bytes(
  0x89,
  0x50,
  0x4e,
  0x47,
  0x0d,
  0x0a,
  0x1a,
  0x0a,
  0,
  0,
  0,
  0x0d,
  0x49,
  0x48,
  0x44,
  0x52,
  0,
  0,
  0,
  1,
  0,
  0,
  0,
  1,
  8,
  6,
  0,
  0,
  0,
);
const EXE = bytes(0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0, ...new Array(48).fill(0));

describe('sniffFile', () => {
  it('accepts a PDF named .pdf and text formats by name and content', async () => {
    expect(await sniffFile(PDF, 'report.pdf', true)).toEqual({ ok: true, mediaType: 'application/pdf' });
    expect(await sniffFile(text('a,b\n1,2\n'), 'export.csv', true)).toEqual({ ok: true, mediaType: 'text/csv' });
    expect(await sniffFile(text('{"ok":true}'), 'config.json', true)).toEqual({ ok: true, mediaType: 'application/json' });
    expect(await sniffFile(text('héllo'), 'notes.TXT', true)).toEqual({ ok: true, mediaType: 'text/plain' });
  });

  it('refuses a file whose extension lies about its content', async () => {
    expect(await sniffFile(PNG, 'scan.pdf', true)).toMatchObject({
      ok: false,
      message: expect.stringContaining('PNG image but its name ends in “.pdf”'),
    });
    expect(await sniffFile(PDF, 'evidence.txt', true)).toMatchObject({ ok: false });
  });

  it('refuses executables and unknown binary content', async () => {
    expect(await sniffFile(EXE, 'tool.exe', true)).toMatchObject({ ok: false, message: expect.stringContaining('not accepted') });
    expect(await sniffFile(EXE, 'tool.pdf', true)).toMatchObject({ ok: false });
    expect(await sniffFile(bytes(0xff, 0xfe, 0x00, 0x41), 'x.txt', true)).toMatchObject({ ok: false });
  });

  it('refuses text with the wrong name and JSON that is not JSON', async () => {
    expect(await sniffFile(text('echo hi'), 'run.sh', true)).toMatchObject({ ok: false, message: expect.stringContaining('.txt, .csv') });
    expect(await sniffFile(text('hello'), 'data.json', true)).toMatchObject({ ok: false });
  });

  it('tolerates a multi-byte character cut at the end of a partial sample', async () => {
    const cut = text('€').subarray(0, 2);
    expect(await sniffFile(new Uint8Array([...text('abc'), ...cut]), 'a.txt', false)).toMatchObject({ ok: true });
  });
});

describe('safeFileName', () => {
  it('drops paths, quotes and control characters', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\me\\"evil";\r\n.pdf')).toBe('evil.pdf');
    expect(safeFileName('   ')).toBe('evidence');
  });

  it('shortens a long name before its extension, by whole characters', () => {
    const long = safeFileName(`${'報告書'.repeat(80)}.pdf`);
    expect(Array.from(long)).toHaveLength(200);
    expect(long.endsWith('.pdf')).toBe(true);
    const emoji = safeFileName(`${'📄'.repeat(250)}.csv`);
    expect(emoji.endsWith('📄.csv')).toBe(true);
    expect(emoji.isWellFormed()).toBe(true);
  });
});
