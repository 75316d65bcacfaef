// OSCAL catalogs (and resolved-profile catalogs, which are catalogs too) read into a flat list
// of requirements in document order. Validation uses NIST's JSON schema, read at runtime from
// DEMARC_OSCAL_SCHEMA_DIR; without it, a structural check of what the import reads.
//
// A catalog is read a part at a time, so a 50 MB file never becomes one object tree of several
// hundred MB, nor holds the thread for seconds: the scan (json-scan.ts) checks the bytes and
// outlines the groups and controls; then the document's own fields, each group's own fields and
// each control (with its enhancements) are parsed, checked against their definition in the
// schema and flattened in turn, with pauses between them. Where a part holds a list of groups or
// controls read on their own, one valid placeholder stands in for it, so the part is checked
// against the same rules (a group holds groups or controls, not both; lists are not empty).
import { isUtf8 } from 'node:buffer';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { oscalLimits } from '@/lib/config';
import { runPaced, runToEnd, type Steps } from '@/lib/pacing';
import { lineAndColumn, scanJson, utf8Bytes, type JsonLimits, type JsonOutliner, type JsonScan, type ValueKind } from './json-scan';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { z } from 'zod';
import { AppError } from '@/lib/errors';

export type RequirementKind = 'group' | 'control' | 'enhancement';

export type CatalogRequirement = {
  externalId: string;
  parentExternalId: string | null;
  label: string;
  title: string;
  kind: RequirementKind;
  statement: string;
  classes: string;
  withdrawn: boolean;
  sortOrder: number;
};

export type ParsedCatalog = {
  title: string;
  version: string;
  /** A resolved profile (a baseline such as NIST's MODERATE) rather than a full catalog. */
  baseline: boolean;
  requirements: CatalogRequirement[];
};

type Prop = { name: string; value: string; class?: string };
type Part = { name: string; prose?: string; props?: Prop[]; parts?: Part[] };
type Param = {
  id: string;
  label?: string;
  guidelines?: { prose: string }[];
  select?: { 'how-many'?: string; choice?: string[] };
  values?: string[];
};
type Control = { id: string; class?: string; title: string; params?: Param[]; props?: Prop[]; parts?: Part[]; controls?: Control[] };
type Group = {
  id?: string;
  class?: string;
  title: string;
  params?: Param[];
  props?: Prop[];
  parts?: Part[];
  groups?: Group[];
  controls?: Control[];
};
type Metadata = { title: string; version: string; props?: Prop[]; links?: { href: string; rel?: string }[] };
type Catalog = { metadata: Metadata; params?: Param[]; groups?: Group[]; controls?: Control[] };

const CATALOG_SCHEMA_FILE = 'oscal_catalog_schema.json';

/** Where NIST's OSCAL JSON schemas are: DEMARC_OSCAL_SCHEMA_DIR, else ../shared/data/oscal from the project root. */
export function oscalSchemaDir(): string {
  // Read at runtime, never bundled: the ignore comment keeps Turbopack from tracing the whole project.
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), process.env.DEMARC_OSCAL_SCHEMA_DIR ?? '../shared/data/oscal');
}

/** A scan's refusal in the user's words: what is wrong, where, and whether the file looks cut off. */
function jsonError(bytes: Uint8Array, scan: Extract<JsonScan, { ok: false }>): AppError {
  let end = bytes.length;
  while (end > 0 && [0x20, 0x0a, 0x0d, 0x09].includes(bytes[end - 1]!)) end--;
  const hint = scan.position >= end ? ' The file ends early: it may be truncated.' : '';
  return new AppError('VALIDATION', `The file is not valid JSON: ${scan.problem} at ${lineAndColumn(bytes, scan.position)}.${hint}`);
}

/**
 * Parses a small document's text whole. A first pass builds nothing: it refuses a file nested or
 * sized beyond the limits, and says where a broken or truncated file breaks, from its own
 * position (never from the JavaScript engine's wording, which changes between Node versions).
 */
export function parseJson(text: string, limits = oscalLimits()): unknown {
  const bytes = utf8Bytes(text);
  const scan = runToEnd(scanJson(bytes, limits));
  if (!scan.ok) throw jsonError(bytes, scan);
  return JSON.parse(text);
}

/** The most specific of ajv's errors, as "at /catalog/groups/0/id: must match pattern …", `at` leading its path. */
function describeAjvError(errors: ErrorObject[], at: string): string {
  const error = errors.reduce((best, e) => (e.instancePath.split('/').length > best.instancePath.split('/').length ? e : best));
  const detail =
    'additionalProperty' in error.params
      ? ` ("${error.params.additionalProperty}")`
      : 'allowedValues' in error.params
        ? ` (${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')})`
        : '';
  // OSCAL's date and identifier patterns run to hundreds of characters; the start says enough.
  const message = (error.message ?? '').replace(/pattern "(.{60}).+"$/s, 'pattern "$1…"');
  return `at ${at + error.instancePath || 'the top level'}: ${message}${detail}`;
}

type PartKind = 'document' | 'group' | 'control';
type Validators = Record<PartKind, ValidateFunction>;
const validators = new Map<string, Validators>();

/** The catalog schema, and its group and control definitions on their own (compiled once per file). */
function schemaValidators(file: string): Validators {
  let found = validators.get(file);
  if (!found) {
    // unicodeRegExp stays on: OSCAL's patterns use \p{L}.
    const ajv = new Ajv({ unicodeRegExp: true });
    addFormats(ajv);
    const schema = JSON.parse(readFileSync(file, 'utf8')) as { $id?: string };
    const definition = (name: string) => {
      const validate = ajv.getSchema(`${schema.$id ?? ''}#/definitions/oscal-catalog-oscal-catalog:${name}`);
      if (!validate) throw new Error(`${file} has no definition of an OSCAL ${name}`);
      return validate;
    };
    found = { document: ajv.compile(schema), group: definition('group'), control: definition('control') };
    validators.set(file, found);
  }
  return found;
}

// The structural fallback: only what the import reads, as the schema defines it.
const prop = z.object({ name: z.string().min(1), value: z.string(), class: z.string().optional() });
const part: z.ZodType<Part> = z.lazy(() =>
  z.object({ name: z.string().min(1), prose: z.string().optional(), props: z.array(prop).optional(), parts: z.array(part).optional() }),
);
const param = z.object({
  id: z.string().min(1),
  label: z.string().optional(),
  guidelines: z.array(z.object({ prose: z.string() })).optional(),
  select: z.object({ 'how-many': z.string().optional(), choice: z.array(z.string()).optional() }).optional(),
  values: z.array(z.string()).optional(),
});
const common = {
  class: z.string().optional(),
  title: z.string().min(1),
  params: z.array(param).optional(),
  props: z.array(prop).optional(),
  parts: z.array(part).optional(),
};
const control: z.ZodType<Control> = z.lazy(() => z.object({ id: z.string().min(1), ...common, controls: z.array(control).optional() }));
const group: z.ZodType<Group> = z.lazy(() =>
  z.object({ id: z.string().min(1).optional(), ...common, groups: z.array(group).optional(), controls: z.array(control).optional() }),
);
const structuralSchema = z.object({
  catalog: z.object({
    uuid: z.uuid(),
    metadata: z.object({
      title: z.string().min(1),
      version: z.string().min(1),
      'last-modified': z.iso.datetime({ offset: true }),
      'oscal-version': z.string().min(1),
      props: z.array(prop).optional(),
      links: z.array(z.object({ href: z.string(), rel: z.string().optional() })).optional(),
    }),
    params: z.array(param).optional(),
    groups: z.array(group).optional(),
    controls: z.array(control).optional(),
  }),
});

export type ValidationMode = 'schema' | 'structural';

/** Checks a part of the document (`at` is its JSON pointer) and refuses with where it is wrong. */
type Checker = { mode: ValidationMode; check: (kind: PartKind, value: unknown, at: string) => void };

/** Against NIST's JSON schema in `schemaDir` when it is there, else structurally. */
function checkerFor(schemaDir: string): Checker {
  const schemaFile = path.join(/*turbopackIgnore: true*/ schemaDir, CATALOG_SCHEMA_FILE);
  if (existsSync(schemaFile)) {
    const validate = schemaValidators(schemaFile);
    return {
      mode: 'schema',
      check: (kind, value, at) => {
        if (!validate[kind](value)) {
          throw new AppError('VALIDATION', `The file is not a valid OSCAL catalog: ${describeAjvError(validate[kind].errors ?? [], at)}.`);
        }
      },
    };
  }
  const schemas = { document: structuralSchema, group, control };
  return {
    mode: 'structural',
    check: (kind, value, at) => {
      const parsed = schemas[kind].safeParse(value);
      if (parsed.success) return;
      const issue = parsed.error.issues[0]!;
      const pointer = at + issue.path.map((p) => `/${String(p)}`).join('');
      throw new AppError('VALIDATION', `The file is not a valid OSCAL catalog: at ${pointer || 'the top level'}: ${issue.message}.`);
    },
  };
}

const INSERT = /\{\{\s*insert:\s*param,\s*([^\s}]+)\s*\}\}/g;

/** Prose with each parameter placeholder written the way NIST prints it: "[Assignment: …]". */
function renderProse(prose: string, params: Map<string, Param>, seen: ReadonlySet<string> = new Set()): string {
  return prose
    .replace(INSERT, (_, id: string) => renderParam(id, params, seen))
    .replace(/\s+/g, ' ')
    .trim();
}

function renderParam(id: string, params: Map<string, Param>, seen: ReadonlySet<string>): string {
  const param = params.get(id);
  // A parameter that names itself through its choices would never end.
  if (!param || seen.has(id)) return `[Assignment: ${id}]`;
  const inner = new Set(seen).add(id);
  if (param.values?.length) return param.values.map((v) => renderProse(v, params, inner)).join(', ');
  if (param.select) {
    const how = param.select['how-many'] === 'one-or-more' ? 'Selection (one or more)' : 'Selection';
    return `[${how}: ${(param.select.choice ?? []).map((c) => renderProse(c, params, inner)).join('; ')}]`;
  }
  const label = param.label ?? param.guidelines?.map((g) => g.prose).join(' ');
  return `[Assignment: ${label ? renderProse(label, params, inner) : id}]`;
}

const propValue = (props: Prop[] | undefined, name: string) =>
  props?.find((p) => p.name === name && !p.class)?.value ?? props?.find((p) => p.name === name)?.value;

/** A statement line before its placeholders are rendered: indent, label ("a.", "1.") and prose. */
type StatementLine = [indent: string, label: string | undefined, prose: string | undefined];

/** The statement parts, items indented under their parent; rendered once every parameter is known. */
function statementLines(parts: Part[] | undefined): StatementLine[] {
  const lines: StatementLine[] = [];
  const walk = (p: Part, depth: number) => {
    lines.push(['  '.repeat(Math.max(depth, 0)), propValue(p.props, 'label'), p.prose]);
    for (const child of p.parts ?? []) walk(child, depth + 1);
  };
  for (const p of parts ?? []) if (p.name === 'statement') walk(p, -1);
  return lines;
}

function renderStatement(lines: StatementLine[], params: Map<string, Param>): string {
  return lines
    .flatMap(([indent, label, prose]) => {
      const text = [label, prose && renderProse(prose, params)].filter(Boolean).join(' ');
      return text ? [`${indent}${text}`] : [];
    })
    .join('\n');
}

/**
 * Flattens a catalog fed a part at a time, in the order of the tree: groups → controls →
 * enhancements, parents before children. Parameters are gathered from every part, as a prose may
 * name one defined anywhere in the document; statements are rendered at the end.
 */
class CatalogFlattener {
  private readonly params = new Map<string, Param>();
  private readonly requirements: CatalogRequirement[] = [];
  private readonly lines: StatementLine[][] = [];
  private anonymousGroups = 0;

  private push(r: Omit<CatalogRequirement, 'sortOrder' | 'statement'>, parts: Part[] | undefined) {
    this.requirements.push({ ...r, statement: '', sortOrder: this.requirements.length });
    this.lines.push(statementLines(parts));
  }

  private addParams(list: Param[] | undefined) {
    list?.forEach((p) => this.params.set(p.id, p));
  }

  /** The catalog's own fields (its lists of groups and controls come on their own). */
  catalog(catalog: Catalog) {
    this.addParams(catalog.params);
  }

  /** A group's own fields; returns its id, its children's parent. */
  group(g: Group, parent: string | null): string {
    this.addParams(g.params);
    // A group's id is optional in OSCAL; its position names it then.
    const id = g.id ?? `group-${++this.anonymousGroups}`;
    this.push(
      {
        externalId: id,
        parentExternalId: parent,
        label: propValue(g.props, 'label') ?? (g.id ?? '').toUpperCase(),
        title: g.title,
        kind: 'group',
        classes: g.class ?? '',
        withdrawn: false,
      },
      g.parts,
    );
    return id;
  }

  /** A control with its enhancements. */
  control(c: Control, parent: string | null, parentIsControl = false) {
    this.addParams(c.params);
    this.push(
      {
        externalId: c.id,
        parentExternalId: parent,
        label: propValue(c.props, 'label') ?? c.id.toUpperCase(),
        title: c.title,
        kind: parentIsControl ? 'enhancement' : 'control',
        classes: c.class ?? '',
        withdrawn: c.props?.some((p) => p.name === 'status' && p.value.toLowerCase() === 'withdrawn') ?? false,
      },
      c.parts,
    );
    c.controls?.forEach((child) => this.control(child, c.id, true));
  }

  /** Renders the statements, pausing between them. */
  *finish(metadata: Metadata): Steps<ParsedCatalog> {
    for (let i = 0; i < this.requirements.length; i++) {
      this.requirements[i]!.statement = renderStatement(this.lines[i]!, this.params);
      if (i % 100 === 99) yield;
    }
    return {
      title: metadata.title,
      version: metadata.version,
      baseline:
        Boolean(metadata.links?.some((l) => l.rel === 'source-profile')) ||
        Boolean(metadata.props?.some((p) => p.name === 'resolution-tool')),
      requirements: this.requirements,
    };
  }
}

// ── The outline: where the groups and controls are, so each is parsed on its own ──────────

type Span = { start: number; end: number };
/** A list read on its own, cut from its part's text: the member name and the placeholder that stands in. */
type Cut = Span & { key: 'groups' | 'controls'; placeholder: string };
/** The catalog, or a group: its own fields are parsed with its lists cut out. */
type Shell = { span: Span; pointer: string; cuts: Cut[]; groups: Shell[]; controls: { span: Span; pointer: string }[] };

const PLACEHOLDERS = { groups: '[{"title":"-"}]', controls: '[{"id":"x","title":"-"}]' } as const;

type Token =
  | { role: 'document' }
  | { role: 'shell'; shell: Shell }
  | {
      role: 'list';
      key: 'groups' | 'controls';
      owner: Shell;
      pointer: string;
      groups: Shell[];
      controls: Shell['controls'];
      whole: boolean;
    }
  | { role: 'control'; list: Extract<Token, { role: 'list' }>; pointer: string };

const newShell = (pointer: string, start: number): Shell => ({ span: { start, end: start }, pointer, cuts: [], groups: [], controls: [] });

class CatalogOutline implements JsonOutliner<Token> {
  document: Span | null = null;
  keys: string[] = [];
  catalog: Shell | null = null;

  enter(parent: Token | null, key: string | number, kind: ValueKind, start: number): Token | null {
    if (!parent) return kind === 'object' ? { role: 'document' } : null;
    switch (parent.role) {
      case 'document':
        this.keys.push(String(key));
        if (key !== 'catalog' || kind !== 'object') return null;
        this.catalog = newShell('/catalog', start);
        return { role: 'shell', shell: this.catalog };
      case 'shell':
        if ((key !== 'groups' && key !== 'controls') || kind !== 'array') return null;
        return { role: 'list', key, owner: parent.shell, pointer: `${parent.shell.pointer}/${key}`, groups: [], controls: [], whole: true };
      case 'list': {
        // Anything but an object stays in its part, whose check then refuses it.
        if (kind !== 'object') return ((parent.whole = false), null);
        const pointer = `${parent.pointer}/${key}`;
        if (parent.key === 'controls') return { role: 'control', list: parent, pointer };
        const shell = newShell(pointer, start);
        parent.groups.push(shell);
        return { role: 'shell', shell };
      }
      default:
        return null;
    }
  }

  leave(token: Token, start: number, end: number) {
    switch (token.role) {
      case 'document':
        this.document = { start, end };
        break;
      case 'shell':
        token.shell.span.end = end;
        break;
      case 'control':
        token.list.controls.push({ span: { start, end }, pointer: token.pointer });
        break;
      case 'list':
        // An empty list stays too: the schema refuses it.
        if (token.whole && token.groups.length + token.controls.length > 0) {
          token.owner.cuts.push({ start, end, key: token.key, placeholder: PLACEHOLDERS[token.key] });
          token.owner.groups.push(...token.groups);
          token.owner.controls.push(...token.controls);
        }
    }
  }
}

/** A shell's text with its cut lists replaced by their placeholders. */
function shellText(buffer: Buffer, shell: Shell, within: Span = shell.span): string {
  let text = '';
  let at = within.start;
  for (const cut of shell.cuts) {
    text += buffer.toString('utf8', at, cut.start) + cut.placeholder;
    at = cut.end;
  }
  return text + buffer.toString('utf8', at, within.end);
}

/** The parsed part without its placeholders (its lists are read on their own). */
function withoutCuts<T extends object>(value: T, shell: Shell): T {
  for (const cut of shell.cuts) delete (value as Record<string, unknown>)[cut.key];
  return value;
}

function* readCatalogSteps(
  bytes: Uint8Array,
  schemaDir: string,
  limits: JsonLimits,
): Steps<ParsedCatalog & { validation: ValidationMode }> {
  if (!isUtf8(bytes)) throw new AppError('VALIDATION', 'The file is not UTF-8 text, so it cannot be OSCAL JSON.');
  const outline = new CatalogOutline();
  const scan = yield* scanJson(bytes, limits, outline);
  if (!scan.ok) throw jsonError(bytes, scan);
  if (outline.keys.includes('profile') && !outline.keys.includes('catalog')) {
    throw new AppError('VALIDATION', 'This is an OSCAL profile, not a catalog. Import its resolved-profile catalog instead.');
  }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const checker = checkerFor(schemaDir);
  const shell = outline.catalog;
  if (!shell || !outline.document) {
    // Not a catalog at all: the check says why.
    checker.check('document', JSON.parse(buffer.toString('utf8')), '');
    throw new AppError('VALIDATION', 'The file is not a valid OSCAL catalog.');
  }
  const doc = JSON.parse(shellText(buffer, shell, outline.document)) as { catalog: Catalog };
  checker.check('document', doc, '');
  const catalog = withoutCuts(doc.catalog, shell);
  const flat = new CatalogFlattener();
  flat.catalog(catalog);
  yield;

  const readControl = (ref: Shell['controls'][number], parent: string | null) => {
    const value: unknown = JSON.parse(buffer.toString('utf8', ref.span.start, ref.span.end));
    checker.check('control', value, ref.pointer);
    flat.control(value as Control, parent);
  };
  function* readGroup(group: Shell, parent: string | null): Steps<void> {
    const value = JSON.parse(shellText(buffer, group)) as Group;
    checker.check('group', value, group.pointer);
    const id = flat.group(withoutCuts(value, group), parent);
    yield;
    for (const child of group.groups) yield* readGroup(child, id);
    for (const ref of group.controls) {
      readControl(ref, id);
      yield;
    }
  }
  for (const group of shell.groups) yield* readGroup(group, null);
  for (const ref of shell.controls) {
    readControl(ref, null);
    yield;
  }

  const parsed = yield* flat.finish(catalog.metadata);
  const seen = new Set<string>();
  for (const r of parsed.requirements) {
    if (seen.has(r.externalId)) throw new AppError('VALIDATION', `The catalog uses the id "${r.externalId}" twice; ids must be unique.`);
    seen.add(r.externalId);
  }
  return { ...parsed, validation: checker.mode };
}

const toBytes = (source: string | Uint8Array) => (typeof source === 'string' ? utf8Bytes(source) : source);

/**
 * An uploaded file (text or bytes) → the catalog's requirements, or a refusal that says where the
 * file is wrong. In one go: for tests and the command line.
 */
export function readOscalCatalog(source: string | Uint8Array, schemaDir = oscalSchemaDir(), limits = oscalLimits()) {
  return runToEnd(readCatalogSteps(toBytes(source), schemaDir, limits));
}

/** The same, in slices that let the server answer other requests meanwhile. */
export function readOscalCatalogPaced(source: string | Uint8Array, schemaDir = oscalSchemaDir(), limits = oscalLimits()) {
  return runPaced(readCatalogSteps(toBytes(source), schemaDir, limits));
}
