/**
 * Text that PostgreSQL can store: no NUL byte (text columns refuse it) and no lone UTF-16
 * surrogate (JSON columns refuse it, and text columns would silently store U+FFFD instead).
 */
const NUL = /\u0000/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isSafeText(text: string): boolean {
  return !NUL.test(text) && !LONE_SURROGATE.test(text);
}

/** Deeper than any form Demarc has: a body nested further is refused before anything walks it. */
export const MAX_INPUT_DEPTH = 32;

export type UnsafeInput = { path: string; message: string };

/**
 * The first place in a request's input that cannot be stored or walked safely: text with a NUL
 * or a lone surrogate (in a value or a key), or nesting deeper than MAX_INPUT_DEPTH. Iterative,
 * so a hostile body nested 100,000 levels deep costs one pass and no stack.
 */
export function findUnsafeInput(input: unknown): UnsafeInput | null {
  const stack: { value: unknown; path: string[] }[] = [{ value: input, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      if (NUL.test(value))
        return { path: path.join('.'), message: 'Remove the NUL character (an invisible control character) from this text.' };
      if (LONE_SURROGATE.test(value))
        return { path: path.join('.'), message: 'This text contains a broken character (half of an emoji or symbol). Retype it.' };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= MAX_INPUT_DEPTH) return { path: path.slice(0, 1).join('.'), message: 'This input is nested too deeply.' };
    for (const [key, child] of Object.entries(value)) {
      if (!isSafeText(key)) return { path: path.join('.'), message: 'This input has a name with characters that are not allowed.' };
      stack.push({ value: child, path: [...path, key] });
    }
  }
  return null;
}
