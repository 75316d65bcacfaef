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
import type { RequirementLink, RequirementParam, StatementPart } from './requirement-content';

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
  /**
   * Its parameters as printed, `RequirementParam[]` (requirement-content.ts) as JSON text: one
   * string per requirement holds a 50 MB catalog's in a fraction of the memory objects take.
   * None for a CSV row.
   */
  paramsJson?: string;
  /** Its statement's parts (the statement and its items) in order, `StatementPart[]` as JSON text. */
  partsJson?: string;
  /** A baseline's tailoring marks on the control (FedRAMP's "method": ASSESS, ATTEST, …). */
  tailoring?: string[];
  /** Where a withdrawn control went. */
  links?: RequirementLink[];
  /** Nesting depth: 0 for a top-level group or a control at the catalog root. */
  depth: number;
};

export type ParsedCatalog = {
  title: string;
  version: string;
  /** A resolved profile (a baseline such as NIST's MODERATE) rather than a full catalog. */
  baseline: boolean;
  requirements: CatalogRequirement[];
};

type Prop = { name: string; value: string; class?: string; ns?: string };
type Part = { id?: string; name: string; prose?: string; props?: Prop[]; parts?: Part[] };
type Param = {
  id: string;
  label?: string;
  props?: Prop[];
  guidelines?: { prose: string }[];
  constraints?: { description?: string }[];
  select?: { 'how-many'?: string; choice?: string[] };
  values?: string[];
  /** Set when the import keeps it: an organization-defined parameter of 5.1.1 content (see isOdp). */
  odp?: boolean;
};
type Link = { href: string; rel?: string };
type Control = {
  id: string;
  class?: string;
  title: string;
  params?: Param[];
  props?: Prop[];
  links?: Link[];
  parts?: Part[];
  controls?: Control[];
};
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
type Metadata = { title: string; version: string; props?: Prop[]; links?: Link[] };
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

const propValue = (props: Prop[] | undefined, name: string) =>
  props?.find((p) => p.name === name && !p.class)?.value ?? props?.find((p) => p.name === name)?.value;

const unique = (list: string[]) => [...new Set(list)];

/** Who assigns a baseline's values and constraints, as its statements name them. */
function assignerOf(metadata: Metadata): string {
  return /fedramp/i.test(metadata.title) || metadata.links?.some((l) => /fedramp/i.test(l.href)) ? 'FedRAMP' : 'Baseline';
}

/**
 * An organization-defined parameter of NIST's 5.1.1 content ("ac-01_odp.05", with its 800-53A
 * label or the 5.0 id it replaces), whose label is bare ("frequency").
 */
const isOdp = (param: Param) =>
  param.odp ||
  /_odp(\.|$)/.test(param.id) ||
  Boolean(param.props?.some((p) => p.name === 'alt-identifier' || (p.name === 'label' && p.class === 'sp800-53a')));

/**
 * Parameters written the way NIST prints them ("[Assignment: organization-defined frequency]",
 * "[Selection (one or more): a; b]"), an aggregate parameter from those it gathers, and a
 * baseline's assigned values and constraints after the placeholder: "… (FedRAMP: at least annually)".
 */
class ParamRenderer {
  /** Set when a placeholder names a parameter not (yet) known: the text is rendered again at the end. */
  missing = false;

  constructor(
    private readonly params: Map<string, Param>,
    private readonly assigner: string,
  ) {}

  /** Prose with each placeholder rendered in line. */
  prose(prose: string, seen: ReadonlySet<string> = new Set()): string {
    return prose
      .replace(INSERT, (_, id: string) => this.inline(id, seen))
      .replace(/\s+/g, ' ')
      .trim();
  }

  private aggregated(param: Param): Param[] {
    const ids = param.props?.filter((p) => p.name === 'aggregates').map((p) => p.value) ?? [];
    const found = ids.map((id) => this.params.get(id));
    return found.length && found.every(Boolean) ? (found as Param[]) : [];
  }

  /** The placeholder as printed, without the values a baseline assigns. */
  printed(id: string, seen: ReadonlySet<string> = new Set()): string {
    const param = this.params.get(id);
    // A parameter that names itself through its choices would never end.
    if (!param) this.missing = true;
    if (!param || seen.has(id)) return `[Assignment: ${id}]`;
    const inner = new Set(seen).add(id);
    const parts = this.aggregated(param);
    if (parts.length) return unique(parts.map((p) => this.printed(p.id, inner))).join('; ');
    if (param.select) {
      const how = param.select['how-many'] === 'one-or-more' ? 'Selection (one or more)' : 'Selection';
      return `[${how}: ${(param.select.choice ?? []).map((c) => this.prose(c, inner)).join('; ')}]`;
    }
    let label = param.label ?? param.guidelines?.map((g) => g.prose).join(' ');
    if (label && isOdp(param) && !/^organization-defined\b/i.test(label.trim())) label = `organization-defined ${label.trim()}`;
    return `[Assignment: ${label ? this.prose(label, inner) : id}]`;
  }

  values(param: Param, seen: ReadonlySet<string> = new Set()): string[] {
    const inner = new Set(seen).add(param.id);
    return (param.values ?? []).map((v) => this.prose(v, inner)).filter(Boolean);
  }

  constraints(param: Param): string[] {
    return (param.constraints ?? []).map((c) => (c.description ?? '').replace(/\s+/g, ' ').trim()).filter(Boolean);
  }

  /** The placeholder in a statement: printed, then what the baseline assigns, if anything. */
  inline(id: string, seen: ReadonlySet<string> = new Set()): string {
    const param = this.params.get(id);
    if (!param || seen.has(id)) return this.printed(id, seen);
    const assigned = [...this.values(param, seen), ...this.constraints(param)];
    const parts = this.aggregated(param);
    if (!assigned.length && parts.length) {
      const inner = new Set(seen).add(id);
      return unique(parts.map((p) => this.inline(p.id, inner))).join('; ');
    }
    const printed = this.printed(id, seen);
    return assigned.length ? `${printed} (${this.assigner}: ${assigned.join('; ')})` : printed;
  }

  /** What the requirement stores of one of its parameters. */
  stored(param: Param): RequirementParam {
    const self = new Set([param.id]);
    return {
      id: param.id,
      label: this.printed(param.id),
      values: this.values(param),
      constraints: this.constraints(param),
      choices: param.select ? (param.select.choice ?? []).map((c) => this.prose(c, self)) : null,
      howMany: param.select ? (param.select['how-many'] === 'one-or-more' ? 'one-or-more' : 'one') : null,
      aggregates: param.props?.filter((p) => p.name === 'aggregates').map((p) => p.value) ?? [],
    };
  }
}

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

/** The statement and its items (parts named "item" or "statement" under it), with their ids and labels, in order. */
function statementParts(parts: Part[] | undefined): StatementPart[] {
  const found: StatementPart[] = [];
  const walk = (p: Part) => {
    if (p.id) found.push({ id: p.id, label: propValue(p.props, 'label') ?? '' });
    for (const child of p.parts ?? []) if (child.name === 'item' || child.name === 'statement') walk(child);
  };
  for (const p of parts ?? []) if (p.name === 'statement') walk(p);
  return found;
}

/** A baseline's per-control marks: FedRAMP's "method" (ASSESS, ATTEST, CONDITIONAL, FED, NSO) and the like. */
const TAILORING_PROPS = new Set(['method', 'assessment-method']);
const tailoringOf = (props: Prop[] | undefined) => unique((props ?? []).filter((p) => TAILORING_PROPS.has(p.name)).map((p) => p.value));

/** Where a withdrawn control went: "#ac-2_smt.k" names control ac-2. */
function linksOf(links: Link[] | undefined): RequirementLink[] {
  const found: RequirementLink[] = [];
  for (const l of links ?? []) {
    if (l.rel !== 'incorporated-into' && l.rel !== 'moved-to') continue;
    const externalId = l.href.replace(/^#/, '').split('_')[0]!;
    if (externalId && !found.some((f) => f.rel === l.rel && f.externalId === externalId)) found.push({ rel: l.rel, externalId });
  }
  return found;
}

function renderStatement(lines: StatementLine[], renderer: ParamRenderer): string {
  return lines
    .flatMap(([indent, label, prose]) => {
      const text = [label, prose && renderer.prose(prose)].filter(Boolean).join(' ');
      return text ? [`${indent}${text}`] : [];
    })
    .join('\n');
}

const optional = <K extends string, T>(key: K, list: T[]) => (list.length ? ({ [key]: list } as Record<K, T[]>) : {});

const isBaseline = (metadata: Metadata) =>
  Boolean(metadata.links?.some((l) => l.rel === 'source-profile' || l.rel === 'resolution-source')) ||
  Boolean(metadata.props?.some((p) => p.name === 'resolution-tool'));

/**
 * Flattens a catalog fed a part at a time, in document order: parents before children, a group's
 * (or the catalog's) groups and controls in the order the file has them. Parameters are gathered
 * from every part, as a prose may name one defined anywhere in the document; a statement is
 * rendered as soon as the parameters it names are known (at the end for those naming one defined further on).
 */
class CatalogFlattener {
  private readonly params = new Map<string, Param>();
  private readonly requirements: CatalogRequirement[] = [];
  /**
   * Requirements whose statement or parameters name a parameter defined further on: rendered
   * again at the end. The others are rendered at once, so their statement lines are not held.
   */
  private readonly pending: { index: number; lines: StatementLine[]; paramIds: string[] }[] = [];
  private renderer = new ParamRenderer(this.params, 'Baseline');
  private anonymousGroups = 0;

  private render(lines: StatementLine[], paramIds: string[]) {
    return {
      statement: renderStatement(lines, this.renderer),
      paramsJson: JSON.stringify(paramIds.map((id) => this.renderer.stored(this.params.get(id)!))),
    };
  }

  private push(r: Omit<CatalogRequirement, 'sortOrder' | 'statement'>, parts: Part[] | undefined, params: Param[] | undefined) {
    const lines = statementLines(parts);
    const paramIds = params?.map((p) => p.id) ?? [];
    this.renderer.missing = false;
    const rendered = this.render(lines, paramIds);
    const index = this.requirements.length;
    if (this.renderer.missing) this.pending.push({ index, lines, paramIds });
    this.requirements.push({ ...r, ...rendered, partsJson: JSON.stringify(statementParts(parts)), sortOrder: index });
  }

  /** Kept for the whole import (a prose may name a parameter defined anywhere): only what rendering reads. */
  private addParams(list: Param[] | undefined) {
    list?.forEach((p) => {
      const aggregates = p.props?.filter((prop) => prop.name === 'aggregates').map(({ name, value }) => ({ name, value }));
      this.params.set(p.id, {
        id: p.id,
        label: p.label ?? p.guidelines?.map((g) => g.prose).join(' '),
        ...(aggregates?.length ? { props: aggregates } : {}),
        ...(p.select ? { select: p.select } : {}),
        ...(p.values ? { values: p.values } : {}),
        ...(p.constraints ? { constraints: p.constraints.map((c) => ({ description: c.description })) } : {}),
        odp: isOdp(p),
      });
    });
  }

  /** The catalog's own fields (its lists of groups and controls come on their own). */
  catalog(catalog: Catalog) {
    this.renderer = new ParamRenderer(this.params, assignerOf(catalog.metadata));
    this.addParams(catalog.params);
  }

  /** A group's own fields; returns its id, its children's parent. */
  group(g: Group, parent: string | null, depth: number): string {
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
        depth,
      },
      g.parts,
      g.params,
    );
    return id;
  }

  /** A control with its enhancements. */
  control(c: Control, parent: string | null, depth: number, parentIsControl = false) {
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
        // Left out when empty: nothing held per requirement for the many without.
        ...optional('tailoring', tailoringOf(c.props)),
        ...optional('links', linksOf(c.links)),
        depth,
      },
      c.parts,
      c.params,
    );
    c.controls?.forEach((child) => this.control(child, c.id, depth + 1, true));
  }

  /** Renders again what named a parameter defined further on, pausing between them. */
  *finish(metadata: Metadata): Steps<ParsedCatalog> {
    for (let i = 0; i < this.pending.length; i++) {
      const { index, lines, paramIds } = this.pending[i]!;
      Object.assign(this.requirements[index]!, this.render(lines, paramIds));
      if (i % 100 === 99) yield;
    }
    return {
      title: metadata.title,
      version: metadata.version,
      baseline: isBaseline(metadata),
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

  const readControl = (ref: Shell['controls'][number], parent: string | null, depth: number) => {
    const value: unknown = JSON.parse(buffer.toString('utf8', ref.span.start, ref.span.end));
    checker.check('control', value, ref.pointer);
    flat.control(value as Control, parent, depth);
  };
  /** A shell's groups and controls in the order the file has them. */
  function* readChildren(owner: Shell, parent: string | null, depth: number): Steps<void> {
    const children = [
      ...owner.groups.map((group) => ({ start: group.span.start, group })),
      ...owner.controls.map((control) => ({ start: control.span.start, control })),
    ].sort((a, b) => a.start - b.start);
    for (const child of children) {
      if ('group' in child) yield* readGroup(child.group, parent, depth);
      else {
        readControl(child.control, parent, depth);
        yield;
      }
    }
  }
  function* readGroup(group: Shell, parent: string | null, depth: number): Steps<void> {
    const value = JSON.parse(shellText(buffer, group)) as Group;
    checker.check('group', value, group.pointer);
    const id = flat.group(withoutCuts(value, group), parent, depth);
    yield;
    yield* readChildren(group, id, depth + 1);
  }
  yield* readChildren(shell, null, 0);

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
