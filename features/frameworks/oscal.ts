// OSCAL catalogs (and resolved-profile catalogs, which are catalogs too) read into a flat list
// of requirements in document order. Validation uses NIST's JSON schema, read at runtime from
// DEMARC_OSCAL_SCHEMA_DIR; without it, a structural check of what the import reads.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { oscalLimits } from '@/lib/config';
import { lineAndColumn, scanJson } from './json-scan';
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
type Catalog = {
  metadata: { title: string; version: string; props?: Prop[]; links?: { href: string; rel?: string }[] };
  params?: Param[];
  groups?: Group[];
  controls?: Control[];
};

const CATALOG_SCHEMA_FILE = 'oscal_catalog_schema.json';

/** Where NIST's OSCAL JSON schemas are: DEMARC_OSCAL_SCHEMA_DIR, else ../shared/data/oscal from the project root. */
export function oscalSchemaDir(): string {
  // Read at runtime, never bundled: the ignore comment keeps Turbopack from tracing the whole project.
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), process.env.DEMARC_OSCAL_SCHEMA_DIR ?? '../shared/data/oscal');
}

/**
 * Parses the file's text. A first pass builds nothing: it refuses a file nested or sized beyond
 * the limits, and says where a broken or truncated file breaks, from its own position (never
 * from the JavaScript engine's wording, which changes between Node versions).
 */
export function parseJson(text: string, limits = oscalLimits()): unknown {
  const scan = scanJson(text, limits);
  if (!scan.ok) {
    const hint = scan.position >= text.trimEnd().length ? ' The file ends early: it may be truncated.' : '';
    throw new AppError('VALIDATION', `The file is not valid JSON: ${scan.problem} at ${lineAndColumn(text, scan.position)}.${hint}`);
  }
  return JSON.parse(text);
}

/** The most specific of ajv's errors, as "at /catalog/groups/0/id: must match pattern …". */
function describeAjvError(errors: ErrorObject[]): string {
  const error = errors.reduce((best, e) => (e.instancePath.split('/').length > best.instancePath.split('/').length ? e : best));
  const detail =
    'additionalProperty' in error.params
      ? ` ("${error.params.additionalProperty}")`
      : 'allowedValues' in error.params
        ? ` (${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')})`
        : '';
  // OSCAL's date and identifier patterns run to hundreds of characters; the start says enough.
  const message = (error.message ?? '').replace(/pattern "(.{60}).+"$/s, 'pattern "$1…"');
  return `at ${error.instancePath || 'the top level'}: ${message}${detail}`;
}

const validators = new Map<string, ValidateFunction>();

function schemaValidator(file: string): ValidateFunction {
  let validate = validators.get(file);
  if (!validate) {
    // unicodeRegExp stays on: OSCAL's patterns use \p{L}.
    const ajv = new Ajv({ unicodeRegExp: true });
    addFormats(ajv);
    validate = ajv.compile(JSON.parse(readFileSync(file, 'utf8')));
    validators.set(file, validate);
  }
  return validate;
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

/**
 * Validates a parsed document as an OSCAL catalog: against NIST's JSON schema in `schemaDir`
 * when it is there, else structurally. Refuses with where the document is wrong.
 */
export function validateCatalog(doc: unknown, schemaDir = oscalSchemaDir()): { catalog: Catalog; mode: ValidationMode } {
  if (doc && typeof doc === 'object' && 'profile' in doc && !('catalog' in doc)) {
    throw new AppError('VALIDATION', 'This is an OSCAL profile, not a catalog. Import its resolved-profile catalog instead.');
  }
  const schemaFile = path.join(/*turbopackIgnore: true*/ schemaDir, CATALOG_SCHEMA_FILE);
  if (existsSync(schemaFile)) {
    const validate = schemaValidator(schemaFile);
    if (!validate(doc))
      throw new AppError('VALIDATION', `The file is not a valid OSCAL catalog: ${describeAjvError(validate.errors ?? [])}.`);
    return { catalog: (doc as { catalog: Catalog }).catalog, mode: 'schema' };
  }
  const parsed = structuralSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const pointer = issue.path.length ? `/${issue.path.join('/')}` : 'the top level';
    throw new AppError('VALIDATION', `The file is not a valid OSCAL catalog: at ${pointer}: ${issue.message}.`);
  }
  return { catalog: parsed.data.catalog, mode: 'structural' };
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

/** The statement parts, items indented under their parent, each line led by its label ("a.", "1."). */
function renderStatement(parts: Part[] | undefined, params: Map<string, Param>): string {
  const lines: string[] = [];
  const walk = (p: Part, depth: number) => {
    const text = [propValue(p.props, 'label'), p.prose && renderProse(p.prose, params)].filter(Boolean).join(' ');
    if (text) lines.push(`${'  '.repeat(Math.max(depth, 0))}${text}`);
    for (const child of p.parts ?? []) walk(child, depth + 1);
  };
  for (const p of parts ?? []) if (p.name === 'statement') walk(p, -1);
  return lines.join('\n');
}

function collectParams(catalog: Catalog): Map<string, Param> {
  const params = new Map<string, Param>();
  const add = (list: Param[] | undefined) => list?.forEach((p) => params.set(p.id, p));
  const walkControl = (c: Control) => (add(c.params), c.controls?.forEach(walkControl));
  const walkGroup = (g: Group) => (add(g.params), g.groups?.forEach(walkGroup), g.controls?.forEach(walkControl));
  add(catalog.params);
  catalog.groups?.forEach(walkGroup);
  catalog.controls?.forEach(walkControl);
  return params;
}

/** Groups → controls → enhancements, parents before children, in document order. */
export function flattenCatalog(catalog: Catalog): ParsedCatalog {
  const params = collectParams(catalog);
  const requirements: CatalogRequirement[] = [];
  let anonymousGroups = 0;
  const push = (r: Omit<CatalogRequirement, 'sortOrder'>) => requirements.push({ ...r, sortOrder: requirements.length });

  const walkControl = (c: Control, parent: string | null, parentIsControl: boolean) => {
    push({
      externalId: c.id,
      parentExternalId: parent,
      label: propValue(c.props, 'label') ?? c.id.toUpperCase(),
      title: c.title,
      kind: parentIsControl ? 'enhancement' : 'control',
      statement: renderStatement(c.parts, params),
      classes: c.class ?? '',
      withdrawn: c.props?.some((p) => p.name === 'status' && p.value.toLowerCase() === 'withdrawn') ?? false,
    });
    c.controls?.forEach((child) => walkControl(child, c.id, true));
  };
  const walkGroup = (g: Group, parent: string | null) => {
    // A group's id is optional in OSCAL; its position names it then.
    const id = g.id ?? `group-${++anonymousGroups}`;
    push({
      externalId: id,
      parentExternalId: parent,
      label: propValue(g.props, 'label') ?? (g.id ?? '').toUpperCase(),
      title: g.title,
      kind: 'group',
      statement: renderStatement(g.parts, params),
      classes: g.class ?? '',
      withdrawn: false,
    });
    g.groups?.forEach((child) => walkGroup(child, id));
    g.controls?.forEach((c) => walkControl(c, id, false));
  };
  catalog.groups?.forEach((g) => walkGroup(g, null));
  catalog.controls?.forEach((c) => walkControl(c, null, false));

  const { metadata } = catalog;
  return {
    title: metadata.title,
    version: metadata.version,
    baseline:
      Boolean(metadata.links?.some((l) => l.rel === 'source-profile')) ||
      Boolean(metadata.props?.some((p) => p.name === 'resolution-tool')),
    requirements,
  };
}

/** Text of an uploaded file → the catalog's requirements, or a refusal that says where the file is wrong. */
export function readOscalCatalog(text: string, schemaDir?: string): ParsedCatalog & { validation: ValidationMode } {
  const { catalog, mode } = validateCatalog(parseJson(text), schemaDir);
  const parsed = flattenCatalog(catalog);
  const seen = new Set<string>();
  for (const r of parsed.requirements) {
    if (seen.has(r.externalId)) throw new AppError('VALIDATION', `The catalog uses the id "${r.externalId}" twice; ids must be unique.`);
    seen.add(r.externalId);
  }
  return { ...parsed, validation: mode };
}
