import { describe, expect, it } from 'vitest';
import { findUnsafeInput, isSafeText, MAX_INPUT_DEPTH } from './safe-input';

describe('findUnsafeInput', () => {
  it('accepts ordinary text in any script, emoji included', () => {
    expect(findUnsafeInput({ title: 'Prüfbericht 監査 📄', tags: ['ok', { note: 'ﾃｽﾄ' }] })).toBeNull();
    expect(isSafeText('👩‍💻')).toBe(true);
  });

  it('names the field holding a NUL byte or a lone surrogate', () => {
    expect(findUnsafeInput({ name: 'a\u0000b' })).toMatchObject({ path: 'name', message: expect.stringContaining('NUL') });
    expect(findUnsafeInput({ evidence: { title: 'half \ud83d' } })).toMatchObject({
      path: 'evidence.title',
      message: expect.stringContaining('broken'),
    });
    expect(findUnsafeInput({ list: ['fine', '\udc00 alone'] })).toMatchObject({ path: 'list.1' });
    expect(findUnsafeInput({ ['key\u0000']: 1 })).toMatchObject({ message: expect.stringContaining('name') });
  });

  it('refuses a body nested 100,000 levels deep in one pass, without exhausting the stack', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(findUnsafeInput(deep)).toMatchObject({ message: 'This input is nested too deeply.' });
    let shallow: unknown = 'leaf';
    for (let i = 0; i < MAX_INPUT_DEPTH - 1; i++) shallow = [shallow];
    expect(findUnsafeInput(shallow)).toBeNull();
  });
});
