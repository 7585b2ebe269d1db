import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { dump, loadAll } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { checkSchema, checkSchemaTree } from '../../src/schema/check.js';
import { buildYamlTrees } from '../../src/yaml/build-tree.js';
import { LineIndex } from '../../src/yaml/line-index.js';
import { toPlain } from '../../src/yaml/nodes.js';
import { correlationSchema, filterSchema, ruleSchema } from '../../src/schema/sigma-schemas.js';
import { HAVE_SIGMAHQ, NEEDS_SIGMAHQ, SIGMAHQ } from '../shared-data.js';

// core's schema checker (src/schema/check.ts) replaced ajv's standalone code in the bundle; ajv stays the reference.
// Every document here is checked by both, against each of the three schemas, and the errors must be the same, in the
// same order (instance path, keyword, params): the diagnostics are built from them in that order. checkSchema runs the
// parser's tree check (checkSchemaTree) on the value made a tree, so these compare what the parser runs with ajv.

const interop = <T>(m: T): T => ((m as unknown as { default?: T }).default ?? m);
const ajv = new (interop(Ajv2020))({ allErrors: true, strict: true, allowUnionTypes: true, messages: false });
interop(addFormats)(ajv, ['uuid']);
const SCHEMAS = { rule: ruleSchema, correlation: correlationSchema, filter: filterSchema } as const;
const compiled = Object.fromEntries(Object.entries(SCHEMAS).map(([k, s]) => [k, ajv.compile(s)])) as Record<keyof typeof SCHEMAS, ReturnType<typeof ajv.compile>>;

function ajvErrors(kind: keyof typeof SCHEMAS, value: unknown) {
  const validate = compiled[kind];
  validate(value);
  return (validate.errors ?? []).map(({ instancePath, keyword, params }) => ({ instancePath, keyword, params }));
}

function expectSame(value: unknown, label = ''): void {
  for (const kind of Object.keys(SCHEMAS) as (keyof typeof SCHEMAS)[]) {
    expect(checkSchema(SCHEMAS[kind], value), `${kind} ${label}`).toEqual(ajvErrors(kind, value));
  }
}

describe('the schemas use only the keywords check.ts implements', () => {
  const KNOWN = new Set(['type', 'required', 'properties', 'additionalProperties', 'items', 'enum', 'anyOf', 'format', 'minLength', 'maxLength']);
  const walk = (s: Record<string, unknown>, root: boolean): string[] => {
    const bad: string[] = [];
    for (const [k, v] of Object.entries(s)) {
      if (root && ['$schema', '$id', 'title'].includes(k)) continue;
      if (!KNOWN.has(k)) bad.push(k);
      if (k === 'type' && !['string', 'object', 'array', 'boolean'].includes(v as string)) bad.push(`type ${String(v)}`);
      if (k === 'format' && v !== 'uuid') bad.push(`format ${String(v)}`);
      if (k === 'properties') for (const p of Object.values(v as object)) bad.push(...walk(p as Record<string, unknown>, false));
      if ((k === 'items' || k === 'additionalProperties') && typeof v === 'object') bad.push(...walk(v as Record<string, unknown>, false));
      if (k === 'anyOf') for (const b of v as object[]) bad.push(...walk(b as Record<string, unknown>, false));
    }
    return bad;
  };
  it.each(Object.entries(SCHEMAS))('%s', (_kind, schema) => {
    expect(walk(schema as Record<string, unknown>, true)).toEqual([]);
  });
});

describe('checkSchema gives ajv’s errors', () => {
  it('on hand-picked documents: missing fields, wrong types, lengths in code points, formats, anyOf, extra keys', () => {
    const docs: unknown[] = [
      null,
      'text',
      [],
      {},
      { title: '', logsource: [], detection: 'x' },
      { title: 'x'.repeat(256), id: 'not-a-uuid', status: 'Stable', level: 5, logsource: { product: 1, extra: {}, 'a/b~c': 2 }, detection: {} },
      { title: '😀'.repeat(256), name: '😀'.repeat(257), taxonomy: '', description: 'x'.repeat(65536) },
      { title: 't', id: 'URN:UUID:0FF4BD2C-6F1E-4C27-A1F3-4A8E6D2B3C4D', related: [{ id: 'x' }, 'x', { type: 'similar', id: '0ff4bd2c-6f1e-4c27-a1f3-4a8e6d2b3c4d' }, { type: 'bogus' }] },
      { falsepositives: 3, references: ['a', 1], tags: 'x', fields: [null], scope: {} },
      { falsepositives: ['a', 2, 'b', {}] },
      { falsepositives: 'ok', date: 20240101, modified: null, license: true, author: ['a'] },
      { title: 't', correlation: { type: 'event_count', rules: [1], 'group-by': 'x', timespan: '12345678901', condition: 3, aliases: { a: { b: 1, c: 'x' }, d: 'x' }, generate: 'yes', extra: 1, 'x/y': 2 } },
      { title: 't', correlation: [] },
      { title: 't', correlation: {}, generate: 1 },
      { title: 't', logsource: {}, filter: { rules: {}, condition: [] } },
      { title: 't', logsource: {}, filter: [] },
      { title: 't', logsource: {}, filter: { rules: 'a' } },
    ];
    for (const [i, d] of docs.entries()) expectSame(d, `document ${i}`);
  });

  const files = (dir: string, out: string[] = []): string[] => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) files(p, out);
      else if (/\.ya?ml$/.test(name)) out.push(p);
    }
    return out;
  };
  const corpus = (): unknown[] => {
    const docs: unknown[] = [];
    for (const d of readdirSync(SIGMAHQ).filter((d) => d.startsWith('rules'))) {
      for (const f of files(join(SIGMAHQ, d))) {
        try {
          docs.push(...loadAll(readFileSync(f, 'utf8')));
        } catch {
          // A file js-yaml refuses is the parser's business, not the schema's.
        }
      }
    }
    return docs;
  };

  it.skipIf(!HAVE_SIGMAHQ)(`on every document of the SigmaHQ corpus ${NEEDS_SIGMAHQ}`, () => {
    const docs = corpus();
    expect(docs.length).toBeGreaterThan(3500);
    for (const [i, d] of docs.entries()) expectSame(d, `corpus document ${i}`);
  });

  // Values that hit each keyword's edges: types, lengths around the limits (in code points), uuid-like strings.
  const value: fc.Arbitrary<unknown> = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom('', 'x', 'stable', 'Stable', 'similar', 'high', '0ff4bd2c-6f1e-4c27-a1f3-4a8e6d2b3c4d', 'urn:uuid:0ff4bd2c-6f1e-4c27-a1f3-4a8e6d2b3c4d', '0ff4bd2c-6f1e-4c27-a1f3-4a8e6d2b3c4'),
    fc.integer({ min: 250, max: 260 }).chain((n) => fc.constantFrom('x'.repeat(n), '😀'.repeat(n), `${'x'.repeat(n - 1)}\ud800`)),
    fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxLength: 4 }),
    fc.array(fc.dictionary(fc.constantFrom('id', 'type', 'x'), fc.oneof(fc.string(), fc.constantFrom('similar', 'bogus', '0ff4bd2c-6f1e-4c27-a1f3-4a8e6d2b3c4d'))), { maxLength: 3 }),
  );
  const section = (keys: readonly string[]) => fc.dictionary(fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 4 })), value, { maxKeys: 6 });
  const TOP = ['title', 'id', 'name', 'taxonomy', 'status', 'description', 'license', 'author', 'references', 'date', 'modified', 'related', 'falsepositives', 'level', 'tags', 'logsource', 'detection', 'fields', 'scope', 'generate', 'correlation', 'filter'];
  const document = fc.record(
    {
      top: section(TOP),
      logsource: fc.oneof(section(['category', 'product', 'service', 'definition']), value),
      correlation: fc.oneof(
        section(['type', 'rules', 'group-by', 'timespan', 'condition', 'generate']).chain((c) =>
          fc.dictionary(fc.string({ maxLength: 3 }), fc.oneof(value, fc.dictionary(fc.string({ maxLength: 3 }), value, { maxKeys: 3 })), { maxKeys: 3 }).map((aliases) => ({ ...c, aliases })),
        ),
        value,
      ),
      filter: fc.oneof(section(['rules', 'condition']), value),
    },
    { requiredKeys: ['top'] },
  ).map(({ top, ...rest }) => ({ ...top, ...rest }));

  it('on random documents (every schema keyword at its edges)', () => {
    fc.assert(
      fc.property(document, (d) => {
        expectSame(d);
      }),
      { numRuns: 3000 },
    );
  });

  it.skipIf(!HAVE_SIGMAHQ)(`on corpus documents with one value replaced ${NEEDS_SIGMAHQ}`, () => {
    const docs = corpus().filter((d): d is Record<string, unknown> => typeof d === 'object' && d !== null && !Array.isArray(d));
    fc.assert(
      fc.property(fc.nat(docs.length - 1), fc.nat(40), value, (i, k, v) => {
        const d = structuredClone(docs[i]!);
        const keys = Object.keys(d);
        const key = keys[k % keys.length]!;
        const inner = d[key];
        if (typeof inner === 'object' && inner !== null && !Array.isArray(inner) && k % 2 === 0) {
          const ks = Object.keys(inner);
          if (ks.length > 0) (inner as Record<string, unknown>)[ks[k % ks.length]!] = v;
        } else d[key] = v;
        expectSame(d);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('checkSchemaTree gives checkSchema’s errors for the plain value of the tree', () => {
  /** Every document of a YAML text, checked both ways against each schema. */
  function expectSameTree(text: string, label = ''): number {
    let n = 0;
    for (const doc of buildYamlTrees(new LineIndex(text, 'f')).documents) {
      if (!doc.root || doc.failed) continue;
      n++;
      for (const kind of Object.keys(SCHEMAS) as (keyof typeof SCHEMAS)[]) {
        expect(checkSchemaTree(SCHEMAS[kind], doc.root), `${kind} ${label}`).toEqual(checkSchema(SCHEMAS[kind], toPlain(doc.root)));
      }
    }
    return n;
  }

  it('on hand-picked documents: keys that are array indexes enumerate first, as a plain object’s do', () => {
    for (const text of [
      'title: t\nlogsource:\n    b: x\n    "1": [a]\n    a: {}\n    "0": 2\n    "01": 3\n    "4294967295": 4\n    "4294967294": 5\ndetection: {}\n',
      'title: t\ncorrelation:\n    x: 1\n    "2": 2\n    type: t\n    "1": 3\n    aliases:\n        b: {"2": 1, a: [x], "1": y}\n',
      'title: [a]\nstatus: [stable]\nlevel: {high: 1}\nid: 5\nrelated: [[x], {id: x}]\nfalsepositives: {a: 1}\nlogsource: [a]\ndetection: []\n',
      '- a\n',
      'x\n',
    ]) {
      expect(expectSameTree(text, text)).toBe(1);
    }
  });

  it.skipIf(!HAVE_SIGMAHQ)(`on every document of the SigmaHQ corpus ${NEEDS_SIGMAHQ}`, () => {
    const walk = (dir: string, out: string[] = []): string[] => {
      for (const name of readdirSync(dir).sort()) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p, out);
        else if (/\.ya?ml$/.test(name)) out.push(p);
      }
      return out;
    };
    let n = 0;
    for (const d of readdirSync(SIGMAHQ).filter((d) => d.startsWith('rules'))) for (const f of walk(join(SIGMAHQ, d))) n += expectSameTree(readFileSync(f, 'utf8'), f);
    expect(n).toBeGreaterThan(3500);
  });

  it('on random documents written as YAML', () => {
    const key = fc.oneof(fc.constantFrom('title', 'id', 'status', 'level', 'tags', 'related', 'falsepositives', 'logsource', 'detection', 'correlation', 'filter', 'type', 'rules', 'condition', 'aliases', 'product', '0', '1', '10', '01'), fc.string({ maxLength: 3 }));
    const leaf = fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom('stable', 'high', 'similar', '0ff4bd2c-6f1e-4c27-a1f3-4a8e6d2b3c4d', 'x'.repeat(257)));
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.array(tie('tree'), { maxLength: 3 }), fc.dictionary(key, tie('tree'), { maxKeys: 4 })),
    }));
    fc.assert(
      fc.property(fc.dictionary(key, tree, { maxKeys: 6 }), (doc) => {
        expectSameTree(dump(doc), JSON.stringify(doc));
      }),
      { numRuns: 2000 },
    );
  });
});
