import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson, readOscalCatalog, readOscalCatalogPaced } from './oscal';

const OSCAL = path.resolve(import.meta.dirname, '../../../shared/data/oscal');
const read = (file: string) => readFileSync(path.join(OSCAL, file), 'utf8');
const SAMPLE = readFileSync(path.resolve(import.meta.dirname, '../../e2e/fixtures/small-catalog.json'), 'utf8');
const NO_SCHEMA = mkdtempSync(path.join(tmpdir(), 'demarc-no-schema-'));

const count = (list: { kind: string }[], kind: string) => list.filter((r) => r.kind === kind).length;

describe('OSCAL catalogs', () => {
  it('reads NIST SP 800-53 rev5: 20 families, 322 controls, 867 enhancements, withdrawn ones marked', () => {
    const catalog = readOscalCatalog(read('NIST_SP-800-53_rev5_catalog.json'), OSCAL);
    expect(catalog).toMatchObject({ version: '5.0.1', baseline: false, validation: 'schema' });
    const { requirements } = catalog;
    expect([count(requirements, 'group'), count(requirements, 'control'), count(requirements, 'enhancement')]).toEqual([20, 322, 867]);
    const byId = new Map(requirements.map((r) => [r.externalId, r]));
    expect(byId.get('ac')).toMatchObject({ kind: 'group', label: 'AC', title: 'Access Control', parentExternalId: null });
    expect(byId.get('ac-2.1')).toMatchObject({
      kind: 'enhancement',
      label: 'AC-2(1)',
      parentExternalId: 'ac-2',
      classes: 'SP800-53-enhancement',
    });
    expect(byId.get('ac-2.10')).toMatchObject({ withdrawn: true, statement: '' });
    expect(requirements.filter((r) => r.withdrawn)).toHaveLength(182);
    expect(byId.get('ac-1')?.statement).toContain(
      'a. Develop, document, and disseminate to [Assignment: organization-defined personnel or roles]:',
    );
    expect(byId.get('ac-1')?.statement).toContain('    (a) Addresses purpose, scope');
    expect(byId.get('ac-1')?.statement).toContain(
      '[Selection (one or more): Organization-level; Mission/business process-level; System-level] access control policy',
    );
    expect(byId.get('ac-1')?.statement).not.toContain('{{');
    expect(requirements.map((r) => r.sortOrder)).toEqual(requirements.map((_, i) => i));
  });

  it('reads the MODERATE resolved-profile catalog as a baseline, placeholders rendered from the ODP labels', () => {
    const catalog = readOscalCatalog(read('NIST_SP-800-53_rev5_MODERATE-baseline-resolved-profile_catalog.json'), OSCAL);
    expect(catalog.baseline).toBe(true);
    expect(count(catalog.requirements, 'control') + count(catalog.requirements, 'enhancement')).toBe(287);
    const ac1 = catalog.requirements.find((r) => r.externalId === 'ac-1')!;
    expect(ac1.statement).toContain('[Selection (one or more): organization-level; mission/business process-level; system-level]');
    expect(catalog.requirements.every((r) => !r.statement.includes('{{'))).toBe(true);
  });

  it('renders nested placeholders, guidelines and labels in the sample catalog', () => {
    const { requirements, baseline } = readOscalCatalog(SAMPLE, OSCAL);
    expect(baseline).toBe(false);
    expect(requirements.map((r) => `${r.externalId}:${r.kind}`)).toEqual([
      'ac:group',
      'ac-2:control',
      'ac-2.1:enhancement',
      'ac-2.2:enhancement',
      'sc:group',
      'sc-7:control',
    ]);
    expect(requirements[1]!.statement).toBe(
      [
        'a. Review accounts [Assignment: organization-defined frequency]; and',
        'b. For inactive accounts: [Selection (one or more): disable; remove after [Assignment: time period after which accounts are removed]].',
      ].join('\n'),
    );
    expect(requirements[3]).toMatchObject({ withdrawn: true, label: 'AC-2(2)' });
  });

  it('refuses truncated JSON with the line and column where it ends, in its own words', () => {
    const text = read('NIST_SP-800-53_rev5_catalog.json').slice(0, 100_000);
    const lines = text.split('\n');
    expect(() => readOscalCatalog(text, OSCAL)).toThrow(
      `The file is not valid JSON: the text ends before its objects and arrays are closed at line ${lines.length}, column ${lines.at(-1)!.length + 1}. The file ends early: it may be truncated.`,
    );
  });

  it('says where broken JSON breaks, whatever the engine’s own message', () => {
    expect(() => parseJson('{\n  "catalog": {\n    "id": "x",\n  }\n}')).toThrow(
      'The file is not valid JSON: a property name in double quotes was expected at line 4, column 3.',
    );
    expect(() => parseJson('[1, 2] 3')).toThrow(
      'The file is not valid JSON: unexpected text after the end of the document at line 1, column 8.',
    );
  });

  it('refuses nesting and size beyond the limits before parsing', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(() => parseJson(deep)).toThrow('The file is not valid JSON: nesting deeper than 64 levels at line 1, column 65.');
    const many = `[${'0,'.repeat(20)}0]`;
    expect(() => parseJson(many, { maxDepth: 64, maxItems: 10 })).toThrow(/more than 10 values/);
    for (const text of ['{"a":1,}', '{"a" 1}', '[01]', '"\\u12"', '{"a":"\u0001"}', 'nul', '']) {
      expect(() => parseJson(text), text).toThrow(/^The file is not valid JSON: .+ at line \d+, column \d+\./);
    }
  });

  it('refuses a schema-breaking file with the JSON pointer and the schema’s message', () => {
    const doc = JSON.parse(SAMPLE);
    delete doc.catalog.groups[0].controls[0].title;
    expect(() => readOscalCatalog(JSON.stringify(doc), OSCAL)).toThrow(
      "The file is not a valid OSCAL catalog: at /catalog/groups/0/controls/0: must have required property 'title'.",
    );
    doc.catalog.groups[0].controls[0].title = 'Account Management';
    doc.catalog.groups[1].controls[0].id = 'sc 7';
    expect(() => readOscalCatalog(JSON.stringify(doc), OSCAL)).toThrow(/at \/catalog\/groups\/1\/controls\/0\/id: must match pattern/);
  });

  it('refuses a profile and duplicate ids', () => {
    expect(() => readOscalCatalog(read('NIST_SP-800-53_rev5_MODERATE-baseline_profile.json'), OSCAL)).toThrow(
      /OSCAL profile, not a catalog/,
    );
    const doc = JSON.parse(SAMPLE);
    doc.catalog.groups[1].controls[0].id = 'ac-2';
    expect(() => readOscalCatalog(JSON.stringify(doc), OSCAL)).toThrow('The catalog uses the id "ac-2" twice; ids must be unique.');
  });

  it('checks the structure itself when the schema file is not there', () => {
    expect(readOscalCatalog(SAMPLE, NO_SCHEMA).validation).toBe('structural');
    const doc = JSON.parse(SAMPLE);
    delete doc.catalog.groups[0].controls[0].title;
    expect(() => readOscalCatalog(JSON.stringify(doc), NO_SCHEMA)).toThrow(
      /^The file is not a valid OSCAL catalog: at \/catalog\/groups\/0\/controls\/0\/title: /,
    );
  });

  it('reads a part at a time with pauses exactly as in one go, from text or bytes', async () => {
    const text = read('NIST_SP-800-53_rev5_catalog.json');
    const whole = readOscalCatalog(text, OSCAL);
    expect(await readOscalCatalogPaced(Buffer.from(text), OSCAL)).toEqual(whole);
    expect(readOscalCatalog(SAMPLE, NO_SCHEMA)).toEqual({ ...readOscalCatalog(SAMPLE, OSCAL), validation: 'structural' });
  });

  it('reads controls outside groups and groups within groups, in the tree’s order', () => {
    const doc = JSON.parse(SAMPLE);
    const [ac, sc] = doc.catalog.groups;
    // A group holds groups or controls; the catalog may hold both.
    doc.catalog.groups = [{ id: 'outer', title: 'Outer', groups: [ac] }];
    doc.catalog.controls = sc.controls;
    for (const dir of [OSCAL, NO_SCHEMA]) {
      expect(readOscalCatalog(JSON.stringify(doc), dir).requirements.map((r) => `${r.externalId}<${r.parentExternalId}`)).toEqual([
        'outer<null',
        'ac<outer',
        'ac-2<ac',
        'ac-2.1<ac-2',
        'ac-2.2<ac-2',
        'sc-7<null',
      ]);
    }
  });

  it('checks each part against the same rules as the whole document', () => {
    const refused = (change: (doc: { catalog: Record<string, unknown> & { groups: Record<string, unknown>[] } }) => void) => {
      const doc = JSON.parse(SAMPLE);
      change(doc);
      return () => readOscalCatalog(JSON.stringify(doc), OSCAL);
    };
    // A group with both groups and controls, an empty list, something that is not a group in the list.
    expect(
      refused((doc) => {
        doc.catalog.groups[0]!.groups = [{ title: 'Inner' }];
      }),
    ).toThrow(/^The file is not a valid OSCAL catalog: at \/catalog\/groups\/0/);
    expect(
      refused((doc) => {
        doc.catalog.groups[1]!.controls = [];
      }),
    ).toThrow('The file is not a valid OSCAL catalog: at /catalog/groups/1/controls: must NOT have fewer than 1 items.');
    expect(
      refused((doc) => {
        doc.catalog.groups.push('sc' as never);
      }),
    ).toThrow('The file is not a valid OSCAL catalog: at /catalog/groups/2: must be object.');
    expect(
      refused((doc) => {
        doc.catalog.extra = true;
      }),
    ).toThrow('The file is not a valid OSCAL catalog: at /catalog: must NOT have additional properties ("extra").');
    expect(() => readOscalCatalog('[1, 2]', OSCAL)).toThrow('The file is not a valid OSCAL catalog: at the top level: must be object.');
  });

  it('refuses bytes that are not UTF-8, and counts columns in characters', () => {
    expect(() => readOscalCatalog(Buffer.from([0x7b, 0xff, 0x7d]), OSCAL)).toThrow(
      'The file is not UTF-8 text, so it cannot be OSCAL JSON.',
    );
    expect(() => parseJson('{"titre": "Contrôle ✓", }')).toThrow(
      'The file is not valid JSON: a property name in double quotes was expected at line 1, column 25.',
    );
  });
});
