/**
 * A JSON Schema (draft 2020-12) checker for the keywords sigma-schemas.ts uses, and no others: type, required,
 * properties, additionalProperties, items, enum, anyOf, format (uuid), minLength, maxLength.
 *
 * Why not ajv: its standalone code for the three schemas was 4.7 KB of the gzipped browser bundle (issue 14's budget
 * is 150 KB; BENCHMARKS.md "Bundle sizes"), this is about 1 KB. ajv stays the reference: test/schema/check.test.ts
 * compares the errors of this checker, in order, with those of ajv (`allErrors`) on every corpus document and on
 * random and mutated ones, and fails on any keyword the schemas start using that this checker does not know.
 *
 * It runs on the located YAML tree (checkSchemaTree, the parser's): lists and mappings are checked by the tree check,
 * scalars by the scalar check it calls. checkSchema checks a plain value by checking it as a tree.
 *
 * Errors and their order are ajv's: per schema, the keywords that apply to any type (enum, anyOf) first, then the
 * keywords of the schema's type when the value has it (string: maxLength, minLength, format; array: items; object:
 * required, additionalProperties, properties), else one type error. A schema whose type has no keywords of its own
 * here reports its type error before enum and anyOf, as ajv does.
 */

import { getEntry, type YEntry, type YNode } from '../yaml/nodes.js';

export interface SchemaNode {
  readonly type?: 'string' | 'object' | 'array' | 'boolean';
  readonly required?: readonly string[];
  readonly properties?: { readonly [name: string]: SchemaNode };
  readonly additionalProperties?: boolean | SchemaNode;
  readonly items?: SchemaNode;
  readonly enum?: readonly unknown[];
  readonly anyOf?: readonly SchemaNode[];
  readonly format?: 'uuid';
  readonly minLength?: number;
  readonly maxLength?: number;
}

/** One failed keyword, as ajv reports it (without its schema path and message, which nothing reads). */
export interface SchemaError {
  /** JSON pointer of the value. */
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/** ajv-formats' `uuid`. */
const UUID = /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i;

/** Whether a scalar (a string, number, boolean or null) has the type: no scalar is an object or an array. */
function hasType(type: NonNullable<SchemaNode['type']>, v: unknown): boolean {
  return v !== null && typeof v === type;
}

/**
 * Where a value is: its parent's place and its own property name or index. The JSON pointer string is built only for
 * the errors returned (one per visited value, or per error of an anyOf branch that is then dropped, cost more than
 * the checking itself, measured on the corpus).
 */
type Place = { readonly parent: Place; readonly name: string | number } | null;

/** JSON pointer of a place (RFC 6901: `~` and `/` in names escaped). */
function pointer(place: Place): string {
  let path = '';
  for (let p = place; p !== null; p = p.parent) path = `/${typeof p.name === 'number' ? p.name : p.name.replace(/~/g, '~0').replace(/\//g, '~1')}${path}`;
  return path;
}

interface Failure {
  readonly at: Place;
  readonly keyword: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/**
 * A schema made into a function once, so that a check does not re-read the schema's keywords at every value: here the
 * check of a scalar's value (the tree check below checks lists and mappings).
 */
type Check = (v: unknown, at: Place, out: Failure[]) => void;

/** Length in code points, as JSON Schema counts it (ajv's ucs2length). */
function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

const compiled = new WeakMap<SchemaNode, Check>();

function compile(s: SchemaNode): Check {
  let check = compiled.get(s);
  if (!check) compiled.set(s, (check = build(s)));
  return check;
}

/** Whether the schema has keywords of its own type: ajv then reports the type error after enum and anyOf. */
function hasKeywordsOfType(s: SchemaNode): boolean {
  switch (s.type) {
    case 'string':
      return s.maxLength !== undefined || s.minLength !== undefined || s.format !== undefined;
    case 'array':
      return s.items !== undefined;
    case 'object':
      return s.required !== undefined || s.additionalProperties !== undefined || s.properties !== undefined;
    default:
      return false;
  }
}

/** The scalar check: type, enum, anyOf and the string keywords, in ajv's order. */
function build(s: SchemaNode): Check {
  const checks: Check[] = [];
  const { type, maxLength, minLength, format } = s;
  const typed = hasKeywordsOfType(s);
  if (type !== undefined && !typed) {
    checks.push((v, at, out) => {
      if (!hasType(type, v)) out.push({ at, keyword: 'type', params: { type } });
    });
  }
  if (s.enum) {
    const allowed = s.enum;
    checks.push((v, at, out) => {
      if (!allowed.includes(v)) out.push({ at, keyword: 'enum', params: { allowedValues: allowed } });
    });
  }
  if (s.anyOf) {
    const branches = s.anyOf.map(compile);
    checks.push((v, at, out) => {
      // A branch that passes ends the search and drops the errors of the branches before it.
      const before = out.length;
      for (let i = 0; i < branches.length; i++) {
        const n = out.length;
        branches[i]!(v, at, out);
        if (out.length === n) {
          out.length = before;
          return;
        }
      }
      out.push({ at, keyword: 'anyOf', params: {} });
    });
  }
  if (typed) {
    checks.push((v, at, out) => {
      if (!hasType(type!, v)) {
        out.push({ at, keyword: 'type', params: { type } });
      } else if (typeof v === 'string') {
        // A string has at most as many code points as UTF-16 units, and at least half as many: count only between.
        if (maxLength !== undefined && v.length > maxLength && codePoints(v) > maxLength) out.push({ at, keyword: 'maxLength', params: { limit: maxLength } });
        if (minLength !== undefined && v.length < 2 * minLength && codePoints(v) < minLength) out.push({ at, keyword: 'minLength', params: { limit: minLength } });
        if (format === 'uuid' && !UUID.test(v)) out.push({ at, keyword: 'format', params: { format } });
      }
    });
  }
  return checks.length === 1
    ? checks[0]!
    : (v, at, out) => {
        for (let i = 0; i < checks.length; i++) checks[i]!(v, at, out);
      };
}

/**
 * A plain value (JSON-like data, as JSON and YAML loaders give it) as a tree for the tree check: an array a sequence
 * (holes are undefined scalars), any other object a mapping of the keys `for…in` gives (as ajv enumerates them),
 * anything else a scalar. Only what the check reads is filled in.
 */
function treeOf(v: unknown): YNode {
  if (Array.isArray(v)) return { kind: 'seq', items: Array.from(v, treeOf) } as unknown as YNode;
  if (typeof v !== 'object' || v === null) return { kind: 'scalar', value: v } as unknown as YNode;
  const entries: { key: { text: string }; value: YNode }[] = [];
  for (const key in v) entries.push({ key: { text: key }, value: treeOf((v as Record<string, unknown>)[key]) });
  return { kind: 'map', entries } as unknown as YNode;
}

/** The errors of `value` (JSON-like data) against `schema`, all of them, in ajv's order (an empty list when it is valid). */
export function checkSchema(schema: SchemaNode, value: unknown): SchemaError[] {
  return checkSchemaTree(schema, treeOf(value));
}

/**
 * The check run on the located YAML tree itself, for the parser: giving a checker of plain values a plain copy of
 * each document (null-prototype objects, slow to fill and to enumerate) cost more than the check, measured on the
 * corpus. A tree has the plain copy's errors, in the same order (test/schema/check.test.ts compares the two with
 * ajv's): a map is an object whose keys enumerate as a plain object's do (array indexes first), a sequence an array,
 * a scalar its value.
 */
type TreeCheck = (n: YNode, parent: Place, name: string | number | undefined, out: Failure[]) => void;
/** One check of a list or a mapping, at its place. */
type TreeKeywordCheck = (n: YNode, at: Place, out: Failure[]) => void;

/**
 * A value's place, made only when something needs it (a failure, or a list's or mapping's children): a place per
 * visited scalar was most of the check's allocation. `name` undefined: the place is `parent` itself (the root, or a
 * value checked again against an anyOf branch).
 */
function placeOf(parent: Place, name: string | number | undefined): Place {
  return name === undefined ? parent : { parent, name };
}

/** Where the scalar check records its failures until they are given the scalar's place. */
const PENDING: Place = { parent: null, name: '' };

const compiledTree = new WeakMap<SchemaNode, TreeCheck>();

function compileTree(s: SchemaNode): TreeCheck {
  let check = compiledTree.get(s);
  if (!check) compiledTree.set(s, (check = buildTree(s)));
  return check;
}

/** Whether a list or a mapping has the type. */
function treeHasType(type: NonNullable<SchemaNode['type']>, n: YNode): boolean {
  return type === 'object' ? n.kind === 'map' : type === 'array' && n.kind === 'seq';
}

/** An array index (a canonical decimal below 2^32 - 1): such keys come first, ascending, when a plain object's are enumerated. */
function isArrayIndex(key: string): boolean {
  const c = key.charCodeAt(0);
  return c >= 48 && c <= 57 && /^(?:0|[1-9]\d*)$/.test(key) && Number(key) < 4294967295;
}

/** The check of lists and mappings; a scalar is checked as its value, by the scalar check. */
function buildTree(s: SchemaNode): TreeCheck {
  const plain = compile(s);
  const checks: TreeKeywordCheck[] = [];
  const { type, items, required = [], additionalProperties: extra } = s;
  const typed = hasKeywordsOfType(s);
  if (type !== undefined && !typed) {
    checks.push((n, at, out) => {
      if (!treeHasType(type, n)) out.push({ at, keyword: 'type', params: { type } });
    });
  }
  if (s.enum) {
    // No enum holds a list or a mapping: they always fail it.
    const allowed = s.enum;
    checks.push((_n, at, out) => {
      out.push({ at, keyword: 'enum', params: { allowedValues: allowed } });
    });
  }
  if (s.anyOf) {
    const branches = s.anyOf.map(compileTree);
    checks.push((n, at, out) => {
      const before = out.length;
      for (let i = 0; i < branches.length; i++) {
        const len = out.length;
        branches[i]!(n, at, undefined, out);
        if (out.length === len) {
          out.length = before;
          return;
        }
      }
      out.push({ at, keyword: 'anyOf', params: {} });
    });
  }
  if (typed) {
    const item = items && compileTree(items);
    const names = Object.keys(s.properties ?? {});
    const props = names.map((name) => compileTree(s.properties![name]!));
    const propertyIndex = new Map(names.map((name, i) => [name, i]));
    const rest = typeof extra === 'object' ? compileTree(extra) : undefined;
    checks.push((n, at, out) => {
      if (!treeHasType(type!, n)) {
        out.push({ at, keyword: 'type', params: { type } });
      } else if (n.kind === 'seq') {
        if (item) for (let i = 0; i < n.items.length; i++) item(n.items[i]!, at, i, out);
      } else if (n.kind === 'map') {
        for (let i = 0; i < required.length; i++) if (getEntry(n, required[i]!) === undefined) out.push({ at, keyword: 'required', params: { missingProperty: required[i] } });
        const entries = n.entries;
        // The entry of each schema property, found in one pass over the entries (keys are unique) rather than by a
        // search of the entries per property (a rule's schema has 19).
        const found: (YEntry | undefined)[] = [];
        for (let i = 0; i < entries.length; i++) {
          const p = propertyIndex.get(entries[i]!.key.text);
          if (p !== undefined) found[p] = entries[i];
        }
        if (extra === false || rest) {
          let order: readonly number[] | undefined;
          for (let i = 0; i < entries.length; i++) {
            if (isArrayIndex(entries[i]!.key.text)) {
              order = entries.map((_, j) => j);
              const key = (j: number) => (isArrayIndex(entries[j]!.key.text) ? Number(entries[j]!.key.text) : Infinity);
              order = [...order].sort((a, b) => key(a) - key(b) || a - b);
              break;
            }
          }
          for (let k = 0; k < entries.length; k++) {
            const e = entries[order ? order[k]! : k]!;
            const name = e.key.text;
            if (propertyIndex.has(name)) continue;
            if (rest) rest(e.value, at, name, out);
            else out.push({ at, keyword: 'additionalProperties', params: { additionalProperty: name } });
          }
        }
        for (let i = 0; i < names.length; i++) {
          const e = found[i];
          if (e !== undefined) props[i]!(e.value, at, names[i]!, out);
        }
      }
    });
  }
  return (n, parent, name, out) => {
    if (n.kind === 'scalar') {
      const before = out.length;
      plain(n.value, PENDING, out);
      for (let i = before; i < out.length; i++) out[i] = { at: placeOf(parent, name), keyword: out[i]!.keyword, params: out[i]!.params };
    } else {
      const at = placeOf(parent, name);
      for (let i = 0; i < checks.length; i++) checks[i]!(n, at, out);
    }
  };
}

/** checkSchema's errors for the plain value of a YAML tree (toPlain(node)), read from the tree. */
export function checkSchemaTree(schema: SchemaNode, node: YNode): SchemaError[] {
  const out: Failure[] = [];
  compileTree(schema)(node, null, undefined, out);
  return out.length === 0 ? [] : out.map((f) => ({ instancePath: pointer(f.at), keyword: f.keyword, params: f.params }));
}
