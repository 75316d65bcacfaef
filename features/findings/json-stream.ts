/**
 * Streams chosen values out of a JSON document of any size, holding only one chosen value at a
 * time: the structure around them is checked byte by byte as it passes (so a broken or truncated
 * file is refused with the byte where it breaks), each chosen value is cut out and parsed on its
 * own, and a value larger than the limit is refused before it is held. A syntax error inside a
 * chosen value is located with the repository's own scanner (features/frameworks/json-scan), so
 * messages never depend on the JavaScript engine's wording.
 */
import { pacer, runToEnd } from '@/lib/pacing';
import { scanJson } from '@/features/frameworks/json-scan';
import { formatBytes, refuse } from './findings.policy';

export type JsonPath = (string | number)[];
/** Asked where each value starts: cut it out and parse it (`take`), or go inside (`enter`). */
export type JsonSelect = (path: JsonPath) => 'take' | 'enter';
export type StreamedValue = { path: JsonPath; value: unknown; start: number };

export type JsonStreamOptions = {
  select: JsonSelect;
  /** Refuse a taken value larger than this. */
  maxValueBytes: number;
  /** What a taken value is called in messages ("finding", "result"). */
  noun: string;
  /** Several documents one after another (JSON Lines); the root path is then `[n]`. */
  lines?: boolean;
};

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const isWs = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const BARE = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)$/;
const MAX_KEY_BYTES = 4096;
const MAX_DEPTH = 512;

type Frame = { object: boolean; path: JsonPath; key: string | null; index: number };
type Expect = 'value' | 'valueOrEnd' | 'keyOrEnd' | 'key' | 'colon' | 'after';

/** Reads `chunks` (UTF-8 bytes) and yields each value `select` takes, in document order. */
export async function* streamJsonValues(chunks: AsyncIterable<Uint8Array>, options: JsonStreamOptions): AsyncGenerator<StreamedValue> {
  const pace = pacer();
  const stack: Frame[] = [];
  let expect: Expect = 'value';
  let documents = 0;
  let offset = 0; // bytes before the current chunk
  let sawAnything = false;

  // A token split across chunks: a string outside taken values (its bytes kept only for keys),
  // or a bare word (number, true, false, null).
  let inString = false;
  let stringIsKey = false;
  let stringEscape = false;
  let keyBytes: number[] = [];
  let bare = '';
  let bareStart = 0;
  let bareTake: JsonPath | null = null;

  // A value being taken.
  let take: { path: JsonPath; start: number; parts: Uint8Array[]; size: number; depth: number; inString: boolean; escape: boolean } | null =
    null;

  /** Positions in messages count bytes from 1, as editors do. */
  const where = (at: number) => `at byte ${(at + 1).toLocaleString('en')}`;
  const broken = (at: number, problem: string) => refuse(`The file is not valid JSON ${where(at)}: ${problem}.`);

  const valuePath = (): JsonPath => {
    const top = stack.at(-1);
    if (!top) return options.lines ? [documents] : [];
    return [...top.path, top.object ? (top.key ?? '') : top.index];
  };

  const finishValue = () => {
    const top = stack.at(-1);
    if (top && !top.object) top.index++;
    if (!top) documents++;
    expect = 'after';
  };

  const finishTake = (): StreamedValue => {
    const t = take!;
    take = null;
    const bytes = t.parts.length === 1 ? t.parts[0]! : Buffer.concat(t.parts, t.size);
    const textValue = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    let value: unknown;
    try {
      value = JSON.parse(textValue);
    } catch {
      const scan = runToEnd(scanJson(bytes, { maxDepth: 512, maxItems: Number.MAX_SAFE_INTEGER }));
      const at = scan.ok ? t.start : t.start + scan.position;
      throw broken(at, scan.ok ? `the ${options.noun} starting here cannot be read` : scan.problem);
    }
    finishValue();
    return { path: t.path, value, start: t.start };
  };

  const grow = (part: Uint8Array) => {
    const t = take!;
    t.size += part.length;
    if (t.size > options.maxValueBytes) {
      throw refuse(
        `The ${options.noun} starting ${where(t.start)} is larger than the limit of ${formatBytes(options.maxValueBytes)}; split the file or raise the limit.`,
      );
    }
    t.parts.push(part);
  };

  /** Runs a taken value on through `buf` from `i`; returns where it stopped (end of value or of chunk). */
  const takeThrough = (buf: Uint8Array, i: number): { i: number; done: boolean } => {
    const t = take!;
    const n = buf.length;
    const from = i;
    while (i < n) {
      if (t.inString) {
        if (t.escape) {
          t.escape = false;
          i++;
          continue;
        }
        const q = buf.indexOf(QUOTE, i);
        const end = q === -1 ? n : q;
        let run = 0;
        while (end - run - 1 >= i && buf[end - run - 1] === BACKSLASH) run++;
        if (q === -1) {
          t.escape = run % 2 === 1;
          i = n;
          break;
        }
        if (run % 2 === 1) {
          i = q + 1;
          continue;
        }
        t.inString = false;
        i = q + 1;
        if (t.depth === 0) {
          grow(buf.subarray(from, i));
          return { i, done: true };
        }
        continue;
      }
      const c = buf[i]!;
      if (c === QUOTE) t.inString = true;
      else if (c === 0x7b || c === 0x5b) t.depth++;
      else if (c === 0x7d || c === 0x5d) {
        t.depth--;
        if (t.depth === 0) {
          grow(buf.subarray(from, i + 1));
          return { i: i + 1, done: true };
        }
      }
      i++;
    }
    if (i > from) grow(buf.subarray(from, i));
    return { i, done: false };
  };

  /** Ends a bare word; returns it when it was a taken value. */
  const endBare = (): StreamedValue | null => {
    if (!BARE.test(bare)) throw broken(bareStart, `"${bare.slice(0, 20)}" is not a JSON value`);
    const taken = bareTake ? { path: bareTake, value: JSON.parse(bare) as unknown, start: bareStart } : null;
    bare = '';
    bareTake = null;
    finishValue();
    return taken;
  };

  for await (const chunk of chunks) {
    const buf = chunk;
    const n = buf.length;
    let i = 0;
    while (i < n) {
      if (take) {
        const r = takeThrough(buf, i);
        i = r.i;
        if (r.done) {
          yield finishTake();
          await pace();
        }
        continue;
      }
      if (inString) {
        const c = buf[i]!;
        i++;
        if (stringEscape) {
          stringEscape = false;
          if (stringIsKey) keyBytes.push(c);
          continue;
        }
        if (c === BACKSLASH) stringEscape = true;
        else if (c === QUOTE) {
          inString = false;
          if (stringIsKey) {
            stack.at(-1)!.key = JSON.parse(`"${Buffer.from(keyBytes).toString('utf8')}"`) as string;
            keyBytes = [];
            expect = 'colon';
          } else finishValue();
          continue;
        } else if (c < 0x20) throw broken(offset + i - 1, 'a control character inside a string');
        if (stringIsKey) {
          if (keyBytes.length >= MAX_KEY_BYTES) throw broken(offset + i, 'a property name longer than 4 KB');
          keyBytes.push(c);
        }
        continue;
      }
      const c = buf[i]!;
      if (bare) {
        if (isWs(c) || c === 0x2c || c === 0x7d || c === 0x5d) {
          const taken = endBare();
          if (taken) yield taken;
          continue;
        }
        bare += String.fromCharCode(c);
        if (bare.length > 64) throw broken(bareStart, 'a number or word that is too long');
        i++;
        continue;
      }
      if (isWs(c)) {
        i++;
        continue;
      }
      const at = offset + i;
      sawAnything = true;
      if (expect === 'value' || expect === 'valueOrEnd') {
        if (expect === 'valueOrEnd' && c === 0x5d) {
          stack.pop();
          i++;
          finishValue();
          continue;
        }
        const path = valuePath();
        if (options.select(path) === 'take') {
          take = { path, start: at, parts: [], size: 0, depth: 0, inString: false, escape: false };
          if (c === QUOTE || c === 0x7b || c === 0x5b) continue; // takeThrough reads from this byte
          // A bare scalar is read as a word, then handed over.
          take = null;
          bareTake = path;
          bare = String.fromCharCode(c);
          bareStart = at;
          i++;
          continue;
        }
        if ((c === 0x7b || c === 0x5b) && stack.length >= MAX_DEPTH) throw broken(at, `nesting deeper than ${MAX_DEPTH} levels`);
        if (c === 0x7b) {
          stack.push({ object: true, path, key: null, index: 0 });
          expect = 'keyOrEnd';
        } else if (c === 0x5b) {
          stack.push({ object: false, path, key: null, index: 0 });
          expect = 'valueOrEnd';
        } else if (c === QUOTE) {
          inString = true;
          stringIsKey = false;
        } else if (c === 0x2d || (c >= 0x30 && c <= 0x39) || c === 0x74 || c === 0x66 || c === 0x6e) {
          bare = String.fromCharCode(c);
          bareStart = at;
        } else throw broken(at, 'a value was expected');
        i++;
        continue;
      }
      if (expect === 'keyOrEnd' || expect === 'key') {
        if (expect === 'keyOrEnd' && c === 0x7d) {
          stack.pop();
          i++;
          finishValue();
          continue;
        }
        if (c !== QUOTE) throw broken(at, 'a property name in double quotes was expected');
        inString = true;
        stringIsKey = true;
        i++;
        continue;
      }
      if (expect === 'colon') {
        if (c !== 0x3a) throw broken(at, 'a colon after the property name was expected');
        expect = 'value';
        i++;
        continue;
      }
      // After a value: a comma, the end of its container, or (JSON Lines) the next document.
      const top = stack.at(-1);
      if (!top) {
        if (!options.lines) throw broken(at, 'there is more text after the end of the document');
        expect = 'value';
        continue;
      }
      if (c === 0x2c) expect = top.object ? 'key' : 'value';
      else if (c === (top.object ? 0x7d : 0x5d)) {
        stack.pop();
        finishValue();
      } else throw broken(at, top.object ? 'a comma or a closing brace was expected' : 'a comma or a closing bracket was expected');
      i++;
    }
    offset += n;
  }

  if (bare) {
    const taken = endBare();
    if (taken) yield taken;
  }
  if (!sawAnything) throw refuse('The file is empty.');
  if (take || inString || stack.length || (expect as Expect) !== 'after') {
    throw refuse(
      `The file ends at byte ${offset.toLocaleString('en')} before its JSON is complete (${take ? `inside the ${options.noun} starting ${where(take.start)}` : 'objects or arrays are left open'}): it looks truncated. Nothing was imported.`,
    );
  }
}

/**
 * A `select` from path patterns ('*' matches any key or index): a path a pattern names is
 * taken, anything else is entered (checked as it passes, never held).
 */
export function selectPaths(patterns: JsonPath[]): JsonSelect {
  return (path) => (patterns.some((pattern) => pathIs(path, pattern)) ? 'take' : 'enter');
}

/** Whether `path` matches `pattern` ('*' matches any key or index). */
export const pathIs = (path: JsonPath, pattern: JsonPath) =>
  pattern.length === path.length && pattern.every((part, k) => part === '*' || part === path[k]);
