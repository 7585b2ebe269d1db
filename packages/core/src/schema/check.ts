/**
 * A JSON Schema (draft 2020-12) checker for the keywords sigma-schemas.ts uses, and no others: type, required,
 * properties, additionalProperties, items, enum, anyOf, format (uuid), minLength, maxLength.
 *
 * Why not ajv: its standalone code for the three schemas was 4.7 KB of the gzipped browser bundle (issue 14's budget
 * is 150 KB; BENCHMARKS.md "Bundle sizes"), this is about 0.7 KB. ajv stays the reference: test/schema/check.test.ts
 * compares the errors of this checker, in order, with those of ajv (`allErrors`) on every corpus document and on
 * random and mutated ones, and fails on any keyword the schemas start using that this checker does not know.
 *
 * Errors and their order are ajv's: per schema, the keywords that apply to any type (enum, anyOf) first, then the
 * keywords of the schema's type when the value has it (string: maxLength, minLength, format; array: items; object:
 * required, additionalProperties, properties), else one type error. A schema whose type has no keywords of its own
 * here reports its type error before enum and anyOf, as ajv does.
 */

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

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function hasType(type: NonNullable<SchemaNode['type']>, v: unknown): boolean {
  return type === 'object' ? isObject(v) : type === 'array' ? Array.isArray(v) : typeof v === type;
}

/** JSON pointer segment of a property name (RFC 6901). */
const segment = (name: string): string => name.replace(/~/g, '~0').replace(/\//g, '~1');

/** Length in code points, as JSON Schema counts it (ajv's ucs2length). */
function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Whether the schema has keywords of its own type (ajv then reports a type error after enum and anyOf). */
function hasTypeKeywords(s: SchemaNode): boolean {
  return s.type === 'string'
    ? s.maxLength !== undefined || s.minLength !== undefined || s.format !== undefined
    : s.type === 'array'
      ? s.items !== undefined
      : s.type === 'object' && (s.required !== undefined || s.additionalProperties !== undefined || s.properties !== undefined);
}

function visit(s: SchemaNode, v: unknown, path: string, out: SchemaError[]): void {
  const typed = s.type !== undefined && hasTypeKeywords(s);
  if (s.type !== undefined && !typed && !hasType(s.type, v)) out.push({ instancePath: path, keyword: 'type', params: { type: s.type } });
  if (s.enum && !s.enum.includes(v)) out.push({ instancePath: path, keyword: 'enum', params: { allowedValues: s.enum } });
  if (s.anyOf) {
    // A branch that passes ends the search and drops the errors of the branches before it.
    const before = out.length;
    const passed = s.anyOf.some((b) => {
      const n = out.length;
      visit(b, v, path, out);
      return out.length === n;
    });
    if (passed) out.length = before;
    else out.push({ instancePath: path, keyword: 'anyOf', params: {} });
  }
  if (!typed) return;
  if (!hasType(s.type!, v)) {
    out.push({ instancePath: path, keyword: 'type', params: { type: s.type } });
  } else if (typeof v === 'string') {
    if (s.maxLength !== undefined && codePoints(v) > s.maxLength) out.push({ instancePath: path, keyword: 'maxLength', params: { limit: s.maxLength } });
    if (s.minLength !== undefined && codePoints(v) < s.minLength) out.push({ instancePath: path, keyword: 'minLength', params: { limit: s.minLength } });
    if (s.format === 'uuid' && !UUID.test(v)) out.push({ instancePath: path, keyword: 'format', params: { format: 'uuid' } });
  } else if (Array.isArray(v)) {
    if (s.items) v.forEach((item, i) => visit(s.items!, item, `${path}/${i}`, out));
  } else if (isObject(v)) {
    for (const name of s.required ?? []) if (v[name] === undefined) out.push({ instancePath: path, keyword: 'required', params: { missingProperty: name } });
    const extra = s.additionalProperties;
    if (extra !== undefined && extra !== true) {
      for (const name in v) {
        if (s.properties && Object.hasOwn(s.properties, name)) continue;
        if (extra === false) out.push({ instancePath: path, keyword: 'additionalProperties', params: { additionalProperty: name } });
        else visit(extra, v[name], `${path}/${segment(name)}`, out);
      }
    }
    for (const name in s.properties) if (v[name] !== undefined) visit(s.properties[name]!, v[name], `${path}/${segment(name)}`, out);
  }
}

/** The errors of `value` against `schema`, all of them, in ajv's order (an empty list when it is valid). */
export function checkSchema(schema: SchemaNode, value: unknown): SchemaError[] {
  const out: SchemaError[] = [];
  visit(schema, value, '', out);
  return out;
}
