/**
 * A single pass over JSON text that builds nothing: it finds the first syntax error by its
 * position (so messages never depend on the JavaScript engine's wording) and refuses input
 * nested or sized beyond the limits before `JSON.parse` spends memory on it.
 */

export type JsonLimits = { maxDepth: number; maxItems: number };

export type JsonScan = { ok: true; items: number } | { ok: false; position: number; problem: string };

const WS = new Set([0x20, 0x0a, 0x0d, 0x09]);
const DIGIT = (c: number) => c >= 0x30 && c <= 0x39;

export function scanJson(text: string, limits: JsonLimits): JsonScan {
  let i = 0;
  let items = 0;
  // Open containers: true for an object, false for an array.
  const stack: boolean[] = [];
  const fail = (problem: string, at = i): JsonScan => ({ ok: false, position: at, problem });
  const skipWs = () => {
    while (i < text.length && WS.has(text.charCodeAt(i))) i++;
  };

  const string = (): string | null => {
    i++; // opening quote
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return null;
      }
      if (c < 0x20) return 'a control character inside a string';
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return 'a broken \\u escape';
          i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) return 'a broken escape';
        i += 2;
        continue;
      }
      i++;
    }
    return 'an unterminated string';
  };

  const number = (): string | null => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else if (DIGIT(text.charCodeAt(i))) while (DIGIT(text.charCodeAt(i))) i++;
    else return 'a broken number';
    if (text[i] === '.') {
      i++;
      if (!DIGIT(text.charCodeAt(i))) return 'a broken number';
      while (DIGIT(text.charCodeAt(i))) i++;
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (!DIGIT(text.charCodeAt(i))) return 'a broken number';
      while (DIGIT(text.charCodeAt(i))) i++;
    }
    return null;
  };

  // Iterative, so deep nesting cannot overflow the stack: expect a value, then what may follow it.
  let expectValue = true;
  for (;;) {
    skipWs();
    if (expectValue) {
      if (i >= text.length) return fail('the text ends where a value should be');
      if (++items > limits.maxItems) return fail(`more than ${limits.maxItems.toLocaleString('en')} values`);
      const c = text[i]!;
      if (c === '{' || c === '[') {
        if (stack.length >= limits.maxDepth) return fail(`nesting deeper than ${limits.maxDepth} levels`);
        stack.push(c === '{');
        i++;
        skipWs();
        const close = c === '{' ? '}' : ']';
        if (text[i] === close) {
          stack.pop();
          i++;
          expectValue = false;
          continue;
        }
        if (c === '{') {
          if (text[i] !== '"') return fail('a property name in double quotes was expected');
          const problem = string();
          if (problem) return fail(problem);
          skipWs();
          if (text[i] !== ':') return fail('a colon after the property name was expected');
          i++;
        }
        continue;
      }
      let problem: string | null = null;
      if (c === '"') problem = string();
      else if (c === '-' || DIGIT(c.charCodeAt(0))) problem = number();
      else if (text.startsWith('true', i)) i += 4;
      else if (text.startsWith('false', i)) i += 5;
      else if (text.startsWith('null', i)) i += 4;
      else problem = 'an unexpected character';
      if (problem) return fail(problem);
      expectValue = false;
      continue;
    }
    // After a value: a comma, the end of its container, or the end of the text.
    if (stack.length === 0) return i >= text.length ? { ok: true, items } : fail('unexpected text after the end of the document');
    if (i >= text.length) return fail('the text ends before its objects and arrays are closed');
    const inObject = stack[stack.length - 1]!;
    const c = text[i];
    if (c === ',') {
      i++;
      if (inObject) {
        skipWs();
        if (text[i] !== '"') return fail('a property name in double quotes was expected');
        const problem = string();
        if (problem) return fail(problem);
        skipWs();
        if (text[i] !== ':') return fail('a colon after the property name was expected');
        i++;
      }
      expectValue = true;
      continue;
    }
    if (c === (inObject ? '}' : ']')) {
      stack.pop();
      i++;
      continue;
    }
    return fail(inObject ? 'a comma or a closing brace was expected' : 'a comma or a closing bracket was expected');
  }
}

/** "line 2412, column 6" for a character offset. */
export function lineAndColumn(text: string, position: number): string {
  let line = 1;
  let lineStart = 0;
  for (let n = text.indexOf('\n'); n !== -1 && n < position; n = text.indexOf('\n', n + 1)) {
    line++;
    lineStart = n + 1;
  }
  return `line ${line}, column ${position - lineStart + 1}`;
}
