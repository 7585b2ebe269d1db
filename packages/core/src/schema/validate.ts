import { checkSchemaTree, type SchemaError } from './check.js';
import type { DiagnosticCode } from '../diagnostic-codes.js';
import type { DocContext } from '../parse/context.js';
import { suggest } from '../parse/suggest.js';
import { getEntry, type YEntry, type YMap, type YNode } from '../yaml/nodes.js';
import { correlationSchema, filterSchema, ruleSchema } from './sigma-schemas.js';
import { CORRELATION_KEYS, FILTER_KEYS, RULE_KEYS } from '../parse/meta.js';

export type DocumentKind = 'rule' | 'correlation' | 'filter';

export const SCHEMAS = { rule: ruleSchema, correlation: correlationSchema, filter: filterSchema } as const;

function unescapePointer(seg: string): string {
  return seg.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Node at a JSON pointer, plus the key node of its last segment when it is a map entry. */
function nodeAt(root: YNode, pointer: string): { node: YNode; key?: YNode } {
  let node: YNode = root;
  let key: YNode | undefined;
  if (pointer === '') return { node };
  for (const raw of pointer.slice(1).split('/')) {
    const seg = unescapePointer(raw);
    if (node.kind === 'map') {
      const e = getEntry(node, seg);
      if (!e) break;
      key = e.key;
      node = e.value;
    } else if (node.kind === 'seq') {
      const item = node.items[Number(seg)];
      if (!item) break;
      key = undefined;
      node = item;
    } else break;
  }
  return key ? { node, key } : { node };
}

function codeFor(e: SchemaError): DiagnosticCode {
  const p = e.instancePath;
  if (e.keyword === 'required') return 'schema/missing-field';
  if (e.keyword === 'additionalProperties') return 'schema/unknown-field';
  if (p === '/status') return 'meta/invalid-status';
  if (p === '/level') return 'meta/invalid-level';
  if (e.keyword === 'format' && (p === '/id' || /^\/related\/\d+\/id$/.test(p))) return 'meta/invalid-id';
  if (e.keyword === 'type') return 'schema/type';
  return 'schema/invalid';
}

function fieldName(pointer: string): string {
  if (pointer === '') return 'the document';
  return `'${pointer.slice(1).split('/').map(unescapePointer).join('.')}'`;
}

function quoteList(names: readonly string[]): string {
  const q = names.map((n) => `'${n}'`);
  return q.length === 1 ? (q[0] as string) : `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}`;
}

function messageFor(e: SchemaError, types?: string[], missing?: string[]): string {
  const where = fieldName(e.instancePath);
  switch (e.keyword) {
    case 'required': {
      const names = missing ?? [(e.params as { missingProperty: string }).missingProperty];
      return `${where} is missing the required field${names.length > 1 ? 's' : ''} ${quoteList(names)}`;
    }
    case 'additionalProperties':
      return `${where} has an unknown field '${(e.params as { additionalProperty: string }).additionalProperty}'`;
    case 'type':
      return `${where} must be ${(types ?? [(e.params as { type: string }).type]).map((t) => (t === 'array' ? 'a list' : t === 'object' ? 'a mapping' : `a ${t}`)).join(' or ')}`;
    case 'enum':
      return `${where} must be one of ${((e.params as { allowedValues: unknown[] }).allowedValues).filter((v) => v !== 'correlation' && v !== 'obsoletes').join(', ')}`;
    case 'format':
      return `${where} must be a UUID (e.g. 0ff4bd2c-6f1e-4c27-a1f3-4a8e6d2b3c4d)`;
    case 'pattern':
      return `${where} does not match ${(e.params as { pattern: string }).pattern}`;
    case 'minLength':
      return `${where} must not be empty`;
    case 'maxLength':
      return `${where} is longer than ${(e.params as { limit: number }).limit} characters`;
    default:
      return `${where} does not satisfy the schema's '${e.keyword}'`;
  }
}

/**
 * Collapses the schema errors (ajv's, see check.ts) to one per problem: anyOf/oneOf noise is replaced by the branch errors that went deepest,
 * and several type errors at the same place become one "must be X or Y".
 */
export function collapseErrors(errors: readonly SchemaError[]): { error: SchemaError; types?: string[]; missing?: string[] }[] {
  let list = [...errors];
  for (const comb of errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')) {
    const p = comb.instancePath;
    const branch = list.filter((e) => e !== comb && (e.instancePath === p || e.instancePath.startsWith(p + '/')));
    const deeper = branch.filter((e) => e.instancePath !== p);
    if (deeper.length > 0) list = list.filter((e) => e !== comb && !(e.instancePath === p && branch.includes(e)));
    else list = list.filter((e) => e !== comb);
  }
  const groups = new Map<string, { error: SchemaError; types?: string[]; missing?: string[] }>();
  for (const e of list) {
    // Missing fields of one object are one problem ("missing title, logsource and detection").
    const extra = e.keyword === 'additionalProperties' ? '/' + (e.params as { additionalProperty: string }).additionalProperty : e.keyword === 'required' ? '#required' : '';
    const key = e.instancePath + extra;
    const g = groups.get(key);
    if (!g) {
      if (e.keyword === 'type') groups.set(key, { error: e, types: [(e.params as { type: string }).type] });
      else if (e.keyword === 'required') groups.set(key, { error: e, missing: [(e.params as { missingProperty: string }).missingProperty] });
      else groups.set(key, { error: e });
    } else if (e.keyword === 'type' && g.types) g.types.push((e.params as { type: string }).type);
    else if (e.keyword === 'required' && g.missing) g.missing.push((e.params as { missingProperty: string }).missingProperty);
  }
  return [...groups.values()];
}

/** Validates one document against its kind's schema and reports located diagnostics. */
export function validateDocument(ctx: DocContext, root: YMap, kind: DocumentKind): void {
  // On the tree itself: a rule's `detection` is checked only for being a mapping (the IR builder checks its content).
  const errors = checkSchemaTree(SCHEMAS[kind], root);
  if (errors.length > 0) {
    for (const { error, types, missing } of collapseErrors(errors)) {
      const { node, key } = nodeAt(root, error.instancePath);
      let where: YNode = node;
      if (error.keyword === 'additionalProperties' && node.kind === 'map') {
        where = getEntry(node, (error.params as { additionalProperty: string }).additionalProperty)?.key ?? node;
      } else if (error.keyword === 'required') {
        where = key ?? (error.instancePath === '' ? { ...node, end: node.start } : node);
      }
      const code = codeFor(error);
      let hint: string | undefined;
      if (error.keyword === 'enum' && where.kind === 'scalar' && typeof where.value === 'string') {
        const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
        const lower = where.value.toLowerCase();
        if (allowed.includes(lower)) hint = `values are lower-case: '${lower}'`;
      }
      if (code === 'schema/missing-field' && error.instancePath === '') {
        const keys = root.entries.map((e) => e.key.text);
        for (const m of missing ?? []) {
          const s = suggest(m, keys);
          if (s) {
            hint = `found '${s}': is it misspelled?`;
            break;
          }
        }
        if (!hint && kind === 'rule' && (missing?.length ?? 0) >= 3) hint = 'this does not look like a Sigma rule, correlation or filter';
      }
      ctx.error(code, messageFor(error, types, missing), where, hint);
    }
  }
  // Custom top-level fields are allowed; warn when one looks like a misspelled standard field.
  const known = kind === 'rule' ? RULE_KEYS : kind === 'correlation' ? CORRELATION_KEYS : FILTER_KEYS;
  for (let i = 0; i < root.entries.length; i++) {
    const e = root.entries[i] as YEntry;
    if (known.has(e.key.text)) continue;
    const s = suggest(e.key.text, known, e.key.text.length > 5 ? 2 : 1);
    if (s && !getEntry(root, s)) {
      ctx.warn('schema/unknown-field', `unknown field '${e.key.text}' (kept as a custom field)`, e.key, `did you mean '${s}'?`);
    }
  }
}
