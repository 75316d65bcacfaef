/**
 * A single pass over JSON bytes that builds nothing: it finds the first syntax error by its
 * position (so messages never depend on the JavaScript engine's wording) and refuses input
 * nested or sized beyond the limits before `JSON.parse` spends memory on it. On the way it can
 * report where chosen values start and end (an outline), so a large document can then be parsed
 * a part at a time. It pauses (`yield`) every so often: run it with lib/pacing.
 */
import type { Steps } from '@/lib/pacing';

export type JsonLimits = { maxDepth: number; maxItems: number };

export type JsonScan = { ok: true; items: number } | { ok: false; position: number; problem: string };

export type ValueKind = 'object' | 'array' | 'scalar';

/**
 * Which values to outline. `enter` is asked about the document itself (parent null) and about
 * each value inside an outlined object or array, with its key (a member name or an index) and
 * where it starts; it answers with a token to outline the value, or null to pass over it.
 * `leave` is told where an outlined value ends (exclusive).
 */
export type JsonOutliner<T> = {
  enter(parent: T | null, key: string | number, kind: ValueKind, start: number): T | null;
  leave(token: T, start: number, end: number): void;
};

const WS = new Uint8Array(256);
for (const c of [0x20, 0x0a, 0x0d, 0x09]) WS[c] = 1;
const DIGIT = (c: number) => c >= 0x30 && c <= 0x39;
const HEX = (c: number) => DIGIT(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const ESCAPED = new Uint8Array(256);
for (const c of '"\\/bfnrt') ESCAPED[c.charCodeAt(0)] = 1;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** Bytes scanned between pauses. */
const PAUSE_EVERY = 256 * 1024;

const ascii = (word: string) => Uint8Array.from(word, (c) => c.charCodeAt(0));
const WORDS = [ascii('true'), ascii('false'), ascii('null')];

type Open<T> = { object: boolean; token: T | null; start: number; index: number; key: string };

/** Scans UTF-8 JSON bytes (use `utf8Bytes` for text), outlining what `outliner` asks for. */
export function* scanJson<T = never>(bytes: Uint8Array, limits: JsonLimits, outliner?: JsonOutliner<T>): Steps<JsonScan> {
  const n = bytes.length;
  let i = 0;
  let items = 0;
  let nextPause = PAUSE_EVERY;
  const stack: Open<T>[] = [];
  const fail = (problem: string, at = i): JsonScan => ({ ok: false, position: at, problem });
  const skipWs = () => {
    while (i < n && WS[bytes[i]!]) i++;
  };

  /** Past a string from its opening quote; null, or what is wrong with it. */
  const string = (): string | null => {
    i++;
    while (i < n) {
      const c = bytes[i]!;
      if (c === QUOTE) {
        i++;
        return null;
      }
      if (c < 0x20) return 'a control character inside a string';
      if (c === BACKSLASH) {
        const e = bytes[i + 1];
        if (e === 0x75 /* u */) {
          for (let k = 2; k < 6; k++) if (!HEX(bytes[i + k] ?? 0)) return 'a broken \\u escape';
          i += 6;
          continue;
        }
        if (e === undefined || !ESCAPED[e]) return 'a broken escape';
        i += 2;
        continue;
      }
      i++;
    }
    return 'an unterminated string';
  };

  const number = (): string | null => {
    if (bytes[i] === 0x2d) i++;
    if (bytes[i] === 0x30) i++;
    else if (DIGIT(bytes[i] ?? 0)) while (DIGIT(bytes[i] ?? 0)) i++;
    else return 'a broken number';
    if (bytes[i] === 0x2e) {
      i++;
      if (!DIGIT(bytes[i] ?? 0)) return 'a broken number';
      while (DIGIT(bytes[i] ?? 0)) i++;
    }
    if (bytes[i] === 0x65 || bytes[i] === 0x45) {
      i++;
      if (bytes[i] === 0x2b || bytes[i] === 0x2d) i++;
      if (!DIGIT(bytes[i] ?? 0)) return 'a broken number';
      while (DIGIT(bytes[i] ?? 0)) i++;
    }
    return null;
  };

  const word = (): boolean => {
    for (const w of WORDS) {
      if (w.every((b, k) => bytes[i + k] === b)) {
        i += w.length;
        return true;
      }
    }
    return false;
  };

  /** A member name, from its opening quote: its text is decoded only inside an outlined object. */
  const memberName = (open: Open<T>): string | null => {
    if (bytes[i] !== QUOTE) return 'a property name in double quotes was expected';
    const start = i;
    const problem = string();
    if (problem) return problem;
    if (open.token !== null) open.key = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + start, i - start).toString('utf8'));
    skipWs();
    if (bytes[i] !== 0x3a) return 'a colon after the property name was expected';
    i++;
    return null;
  };

  // Iterative, so deep nesting cannot overflow the stack: expect a value, then what may follow it.
  let expectValue = true;
  for (;;) {
    if (i >= nextPause) {
      yield;
      nextPause = i + PAUSE_EVERY;
    }
    skipWs();
    if (expectValue) {
      if (i >= n) return fail('the text ends where a value should be');
      if (++items > limits.maxItems) return fail(`more than ${limits.maxItems.toLocaleString('en')} values`);
      const c = bytes[i]!;
      const parent = stack.at(-1);
      const kind: ValueKind = c === 0x7b ? 'object' : c === 0x5b ? 'array' : 'scalar';
      const token = !outliner
        ? null
        : !parent
          ? outliner.enter(null, '', kind, i)
          : parent.token === null
            ? null
            : outliner.enter(parent.token, parent.object ? parent.key : parent.index, kind, i);
      if (parent && !parent.object) parent.index++;
      if (kind !== 'scalar') {
        if (stack.length >= limits.maxDepth) return fail(`nesting deeper than ${limits.maxDepth} levels`);
        const open: Open<T> = { object: kind === 'object', token, start: i, index: 0, key: '' };
        stack.push(open);
        i++;
        skipWs();
        if (bytes[i] === (open.object ? 0x7d : 0x5d)) {
          stack.pop();
          i++;
          if (token !== null) outliner!.leave(token, open.start, i);
          expectValue = false;
          continue;
        }
        if (open.object) {
          const problem = memberName(open);
          if (problem) return fail(problem);
        }
        continue;
      }
      const start = i;
      let problem: string | null = null;
      if (c === QUOTE) problem = string();
      else if (c === 0x2d || DIGIT(c)) problem = number();
      else if (!word()) problem = 'an unexpected character';
      if (problem) return fail(problem);
      if (token !== null) outliner!.leave(token, start, i);
      expectValue = false;
      continue;
    }
    // After a value: a comma, the end of its container, or the end of the text.
    const open = stack.at(-1);
    if (!open) return i >= n ? { ok: true, items } : fail('unexpected text after the end of the document');
    if (i >= n) return fail('the text ends before its objects and arrays are closed');
    const c = bytes[i];
    if (c === 0x2c) {
      i++;
      if (open.object) {
        skipWs();
        const problem = memberName(open);
        if (problem) return fail(problem);
      }
      expectValue = true;
      continue;
    }
    if (c === (open.object ? 0x7d : 0x5d)) {
      stack.pop();
      i++;
      if (open.token !== null) outliner!.leave(open.token, open.start, i);
      continue;
    }
    return fail(open.object ? 'a comma or a closing brace was expected' : 'a comma or a closing bracket was expected');
  }
}

/** Text as the UTF-8 bytes the scanner reads. */
export const utf8Bytes = (text: string): Uint8Array => Buffer.from(text, 'utf8');

/** "line 2412, column 6" for a byte offset; the column counts characters. */
export function lineAndColumn(bytes: Uint8Array, position: number): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let line = 1;
  let lineStart = 0;
  for (let nl = buffer.indexOf(0x0a); nl !== -1 && nl < position; nl = buffer.indexOf(0x0a, nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  const column = buffer.toString('utf8', lineStart, Math.min(position, buffer.length)).length + 1;
  return `line ${line}, column ${column}`;
}
