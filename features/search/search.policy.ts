/**
 * Snippets come from PostgreSQL's ts_headline with these two private-use characters around each
 * matched word (never HTML): the page splits on them and React escapes every piece.
 */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

export type SnippetPart = { text: string; hit: boolean };

/** "a \uE000word\uE001 here" → [{a , false}, {word, true}, { here, false}]; stray markers are dropped. */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let hit = false;
  let text = '';
  const flush = () => {
    if (text) parts.push({ text, hit });
    text = '';
  };
  for (const char of snippet) {
    if (char === MARK_START || char === MARK_END) {
      flush();
      hit = char === MARK_START;
    } else text += char;
  }
  flush();
  return parts;
}
