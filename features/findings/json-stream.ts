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
type Take = { path: JsonPath; start: number; parts: Uint8Array[]; size: number; depth: number; inString: boolean; escape: boolean };

/** Positions in messages count bytes from 1, as editors do. */
const where = (at: number) => `at byte ${(at + 1).toLocaleString('en')}`;
const broken = (at: number, problem: string) => refuse(`The file is not valid JSON ${where(at)}: ${problem}.`);

/** Reads `chunks` (UTF-8 bytes) and yields each value `select` takes, in document order. */
export async function* streamJsonValues(chunks: AsyncIterable<Uint8Array>, options: JsonStreamOptions): AsyncGenerator<StreamedValue> {
  const pace = pacer();
  const cutter = new JsonCutter(options);
  for await (const chunk of chunks) {
    cutter.feed(chunk);
    for (let value = cutter.next(); value; value = cutter.next()) {
      yield value;
      await pace();
    }
  }
  const last = cutter.end();
  if (last) yield last;
}

/**
 * The byte-by-byte state, kept between chunks: `feed` a chunk, then call `next` until it answers
 * null (the chunk is used up); `end` when the input ends.
 */
class JsonCutter {
  private readonly stack: Frame[] = [];
  private expect: Expect = 'value';
  private documents = 0;
  private offset = 0; // bytes before the current chunk
  private buf: Uint8Array = new Uint8Array(0);
  private i = 0;
  private sawAnything = false;
  // A token split across chunks: a string outside taken values (its bytes kept only for keys),
  // or a bare word (number, true, false, null), taken or not.
  private inString = false;
  private stringIsKey = false;
  private stringEscape = false;
  private keyBytes: number[] = [];
  private bare = '';
  private bareStart = 0;
  private bareTake: JsonPath | null = null;
  /** The value being taken. */
  private take: Take | null = null;

  constructor(private readonly options: JsonStreamOptions) {}

  feed(chunk: Uint8Array) {
    this.offset += this.buf.length;
    this.buf = chunk;
    this.i = 0;
  }

  /** Reads on until a taken value is complete (returns it) or the chunk ends (null). */
  next(): StreamedValue | null {
    const buf = this.buf;
    while (this.i < buf.length) {
      if (this.take) {
        if (this.takeThrough()) return this.finishTake();
        continue;
      }
      if (this.inString) {
        this.stringByte(buf[this.i++]!);
        continue;
      }
      const c = buf[this.i]!;
      if (this.bare) {
        if (isWs(c) || c === 0x2c || c === 0x7d || c === 0x5d) {
          const taken = this.endBare();
          if (taken) return taken;
        } else this.bareByte(c);
        continue;
      }
      this.i++;
      if (!isWs(c)) this.structural(c, this.offset + this.i - 1);
    }
    return null;
  }

  /** At the end of the input: the last bare value, or why the input is incomplete. */
  end(): StreamedValue | null {
    this.offset += this.buf.length;
    this.buf = new Uint8Array(0);
    const taken = this.bare ? this.endBare() : null;
    if (!this.sawAnything) throw refuse('The file is empty.');
    if (this.take || this.inString || this.stack.length || this.expect !== 'after') {
      const inside = this.take ? `inside the ${this.options.noun} starting ${where(this.take.start)}` : 'objects or arrays are left open';
      throw refuse(
        `The file ends at byte ${this.offset.toLocaleString('en')} before its JSON is complete (${inside}): it looks truncated. Nothing was imported.`,
      );
    }
    return taken;
  }

  private valuePath(): JsonPath {
    const top = this.stack.at(-1);
    if (!top) return this.options.lines ? [this.documents] : [];
    return [...top.path, top.object ? (top.key ?? '') : top.index];
  }

  private finishValue() {
    const top = this.stack.at(-1);
    if (top && !top.object) top.index++;
    if (!top) this.documents++;
    this.expect = 'after';
  }

  /** One byte outside strings and words: the grammar between values. */
  private structural(c: number, at: number) {
    this.sawAnything = true;
    const e = this.expect;
    if (e === 'valueOrEnd' && c === 0x5d) return this.close();
    if (e === 'keyOrEnd' && c === 0x7d) return this.close();
    if (e === 'value' || e === 'valueOrEnd') return this.startValue(c, at);
    if (e === 'key' || e === 'keyOrEnd') {
      if (c !== QUOTE) throw broken(at, 'a property name in double quotes was expected');
      this.inString = true;
      this.stringIsKey = true;
      return;
    }
    if (e === 'colon') {
      if (c !== 0x3a) throw broken(at, 'a colon after the property name was expected');
      this.expect = 'value';
      return;
    }
    this.afterValue(c, at);
  }

  private close() {
    this.stack.pop();
    this.finishValue();
  }

  /** After a value: a comma, the end of its container, or (JSON Lines) the next document. */
  private afterValue(c: number, at: number) {
    const top = this.stack.at(-1);
    if (!top) {
      if (!this.options.lines) throw broken(at, 'there is more text after the end of the document');
      this.expect = 'value';
      return this.startValue(c, at);
    }
    if (c === 0x2c) this.expect = top.object ? 'key' : 'value';
    else if (c === (top.object ? 0x7d : 0x5d)) this.close();
    else throw broken(at, top.object ? 'a comma or a closing brace was expected' : 'a comma or a closing bracket was expected');
  }

  private startValue(c: number, at: number) {
    const path = this.valuePath();
    const taking = this.options.select(path) === 'take';
    if (taking && (c === QUOTE || c === 0x7b || c === 0x5b)) {
      this.take = { path, start: at, parts: [], size: 0, depth: 0, inString: false, escape: false };
      this.i--; // takeThrough reads the value from its first byte
      return;
    }
    if ((c === 0x7b || c === 0x5b) && this.stack.length >= MAX_DEPTH) throw broken(at, `nesting deeper than ${MAX_DEPTH} levels`);
    if (c === 0x7b) {
      this.stack.push({ object: true, path, key: null, index: 0 });
      this.expect = 'keyOrEnd';
    } else if (c === 0x5b) {
      this.stack.push({ object: false, path, key: null, index: 0 });
      this.expect = 'valueOrEnd';
    } else if (c === QUOTE) {
      this.inString = true;
      this.stringIsKey = false;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39) || c === 0x74 || c === 0x66 || c === 0x6e) {
      this.bare = String.fromCharCode(c);
      this.bareStart = at;
      this.bareTake = taking ? path : null;
    } else throw broken(at, 'a value was expected');
  }

  /** One byte of a string outside taken values: a property name is kept, other text is passed over. */
  private stringByte(c: number) {
    if (this.stringEscape) {
      this.stringEscape = false;
      if (this.stringIsKey) this.keyBytes.push(c);
      return;
    }
    if (c === QUOTE) {
      this.inString = false;
      if (!this.stringIsKey) return this.finishValue();
      this.stack.at(-1)!.key = JSON.parse(`"${Buffer.from(this.keyBytes).toString('utf8')}"`) as string;
      this.keyBytes = [];
      this.expect = 'colon';
      return;
    }
    if (c === BACKSLASH) this.stringEscape = true;
    else if (c < 0x20) throw broken(this.offset + this.i - 1, 'a control character inside a string');
    if (this.stringIsKey) {
      if (this.keyBytes.length >= MAX_KEY_BYTES) throw broken(this.offset + this.i - 1, 'a property name longer than 4 KB');
      this.keyBytes.push(c);
    }
  }

  private bareByte(c: number) {
    this.bare += String.fromCharCode(c);
    if (this.bare.length > 64) throw broken(this.bareStart, 'a number or word that is too long');
    this.i++;
  }

  /** Ends a bare word; returns it when it was a taken value. */
  private endBare(): StreamedValue | null {
    if (!BARE.test(this.bare)) throw broken(this.bareStart, `"${this.bare.slice(0, 20)}" is not a JSON value`);
    const taken = this.bareTake ? { path: this.bareTake, value: JSON.parse(this.bare) as unknown, start: this.bareStart } : null;
    this.bare = '';
    this.bareTake = null;
    this.finishValue();
    return taken;
  }

  /** Runs the taken value on through the chunk; true when it ends here. */
  private takeThrough(): boolean {
    const t = this.take!;
    const buf = this.buf;
    const n = buf.length;
    const from = this.i;
    let i = from;
    let done = false;
    while (i < n && !done) {
      if (t.inString) {
        if (t.escape) {
          t.escape = false;
          i++;
          continue;
        }
        // Jump to the next quote; it ends the string unless an odd run of backslashes precedes it.
        const q = buf.indexOf(QUOTE, i);
        const stop = q === -1 ? n : q;
        let run = 0;
        while (stop - run - 1 >= i && buf[stop - run - 1] === BACKSLASH) run++;
        if (q === -1) {
          t.escape = run % 2 === 1;
          i = n;
        } else {
          i = q + 1;
          if (run % 2 === 0) {
            t.inString = false;
            done = t.depth === 0;
          }
        }
        continue;
      }
      const c = buf[i++]!;
      if (c === QUOTE) t.inString = true;
      else if (c === 0x7b || c === 0x5b) t.depth++;
      else if (c === 0x7d || c === 0x5d) done = --t.depth === 0;
    }
    if (i > from) this.grow(buf.subarray(from, i));
    this.i = i;
    return done;
  }

  private grow(part: Uint8Array) {
    const t = this.take!;
    t.size += part.length;
    if (t.size > this.options.maxValueBytes) {
      const limit = formatBytes(this.options.maxValueBytes);
      throw refuse(
        `The ${this.options.noun} starting ${where(t.start)} is larger than the limit of ${limit}; split the file or raise the limit.`,
      );
    }
    t.parts.push(part);
  }

  private finishTake(): StreamedValue {
    const t = this.take!;
    this.take = null;
    const bytes = t.parts.length === 1 ? t.parts[0]! : Buffer.concat(t.parts, t.size);
    let value: unknown;
    try {
      value = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
    } catch {
      const scan = runToEnd(scanJson(bytes, { maxDepth: MAX_DEPTH, maxItems: Number.MAX_SAFE_INTEGER }));
      if (scan.ok) throw broken(t.start, `the ${this.options.noun} starting here cannot be read`);
      throw broken(t.start + scan.position, scan.problem);
    }
    this.finishValue();
    return { path: t.path, value, start: t.start };
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
