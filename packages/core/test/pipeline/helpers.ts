// Test helpers: build rule IR from compact descriptions, and render IR compactly for expectations.
import type {
  Condition,
  ConditionNode,
  CorrelationRule,
  Detection,
  DetectionElement,
  DetectionItem,
  DetectionValue,
  ModifierName,
  ScalarValue,
  SigmaRule,
} from '../../src/ir/index.js';
import type { SourceLocation } from '../../src/location.js';
import { sigmaParts, sigmaStringText } from '../../src/pipeline/sigma-string.js';

export const RULE_FILE = 'rule.yml';
export const at = (line = 1, column = 1): SourceLocation => ({ file: RULE_FILE, line, column });

type Raw = string | number | boolean | null;
type DetectionSpec = Record<string, Raw | Raw[]> | Record<string, Raw | Raw[]>[] | Raw[];

let line = 0;
const nextLoc = () => at(++line + 10, 5);

function value(raw: Raw, mods: readonly string[]): ScalarValue {
  const loc = nextLoc();
  if (mods.includes('exists')) return { kind: 'exists', exists: raw === true, loc };
  if (mods.includes('fieldref')) return { kind: 'fieldref', field: String(raw), match: 'equals', cased: false, loc };
  if (raw === null) return { kind: 'null', loc };
  if (typeof raw === 'boolean') return { kind: 'boolean', value: raw, loc };
  if (typeof raw === 'number') return { kind: 'number', value: raw, loc };
  if (mods.includes('re')) {
    const placeholders = mods.includes('expand') ? [...raw.matchAll(/%([^%]+)%/g)].map((m) => m[1] ?? '') : [];
    return { kind: 'regex', pattern: raw, flags: { ignoreCase: false, multiline: false, dotAll: false }, placeholders, loc };
  }
  let parts = sigmaParts(raw, mods.includes('expand'));
  if (mods.includes('contains') || mods.includes('endswith')) parts = [{ kind: 'wildcard-multi' }, ...parts];
  if (mods.includes('contains') || mods.includes('startswith')) parts = [...parts, { kind: 'wildcard-multi' }];
  return { kind: 'string', parts, cased: mods.includes('cased'), loc };
}

function item(key: string | null, raw: Raw | Raw[]): DetectionItem {
  const [field, ...mods] = key === null ? [null] : key.split('|');
  const list = Array.isArray(raw) ? raw : [raw];
  return {
    kind: 'item',
    field: field === '' || field === null || field === undefined ? null : field,
    modifiers: mods as ModifierName[],
    values: list.map((v) => value(v, mods as string[])),
    link: mods.includes('all') ? 'and' : 'or',
    negated: mods.includes('neq'),
    loc: nextLoc(),
  };
}

function mapGroup(m: Record<string, Raw | Raw[]>): DetectionElement {
  return { kind: 'group', link: 'and', items: Object.entries(m).map(([k, v]) => item(k, v)), loc: nextLoc() };
}

export function detection(name: string, spec: DetectionSpec): Detection {
  let body: DetectionElement;
  if (Array.isArray(spec) && spec.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x))) {
    body = { kind: 'group', link: 'or', items: (spec as Record<string, Raw | Raw[]>[]).map(mapGroup), loc: nextLoc() };
  } else if (Array.isArray(spec)) {
    body = { kind: 'group', link: 'and', items: [item(null, spec as Raw[])], loc: nextLoc() };
  } else body = mapGroup(spec as Record<string, Raw | Raw[]>);
  return { kind: 'detection', name, body: body as Detection['body'], loc: nextLoc() };
}

// Minimal condition parser for tests: and/or/not, parentheses, `1 of x*`, `all of them`.
export function condition(text: string, names: readonly string[]): Condition {
  const toks = text.match(/\(|\)|[^\s()]+/g) ?? [];
  let i = 0;
  const loc = at(3, 12);
  const or = (): ConditionNode => {
    const ops = [and()];
    while (toks[i] === 'or') (i++, ops.push(and()));
    return ops.length === 1 ? ops[0]! : { kind: 'or', operands: ops, loc };
  };
  const and = (): ConditionNode => {
    const ops = [not()];
    while (toks[i] === 'and') (i++, ops.push(not()));
    return ops.length === 1 ? ops[0]! : { kind: 'and', operands: ops, loc };
  };
  const not = (): ConditionNode => (toks[i] === 'not' ? (i++, { kind: 'not', operand: not(), loc }) : atom());
  const atom = (): ConditionNode => {
    const t = toks[i++]!;
    if (t === '(') {
      const e = or();
      i++;
      return e;
    }
    if (t === '1' || t === 'all' || t === 'any') {
      i++; // of
      const pattern = toks[i++]!;
      const re = new RegExp(`^${pattern.replace(/\*/g, '.*')}$`);
      const matches = pattern === 'them' ? [...names] : names.filter((n) => re.test(n));
      return { kind: 'selector', quantifier: t === 'all' ? 'all' : 'any', pattern, matches, loc };
    }
    return { kind: 'identifier', name: t, loc };
  };
  return { kind: 'condition', text, root: or(), loc };
}

export interface RuleSpec {
  title?: string;
  id?: string;
  logsource?: { category?: string; product?: string; service?: string };
  detection: Record<string, DetectionSpec>;
  condition: string | string[];
  fields?: string[];
  tags?: string[];
  level?: SigmaRule['level'];
  status?: SigmaRule['status'];
  date?: string;
  custom?: Record<string, unknown>;
}

export function rule(spec: RuleSpec): SigmaRule {
  const detections = Object.entries(spec.detection).map(([n, d]) => detection(n, d));
  const names = detections.map((d) => d.name);
  const conds = Array.isArray(spec.condition) ? spec.condition : [spec.condition];
  return {
    kind: 'rule',
    title: spec.title ?? 'Test rule',
    ...(spec.id ? { id: spec.id } : {}),
    taxonomy: 'sigma',
    references: [],
    related: [],
    falsepositives: [],
    ...(spec.level ? { level: spec.level } : {}),
    ...(spec.status ? { status: spec.status } : {}),
    ...(spec.date ? { date: spec.date } : {}),
    tags: (spec.tags ?? []).map((t) => {
      const [namespace = '', ...rest] = t.split('.');
      return { namespace, name: rest.join('.'), loc: at(2, 1) };
    }),
    custom: spec.custom ?? {},
    loc: at(1, 1),
    fieldLocs: {},
    logsource: { ...(spec.logsource ?? { category: 'process_creation', product: 'windows' }), custom: {}, loc: at(2, 3) },
    detections,
    conditions: conds.map((c) => condition(c, names)),
    fields: spec.fields ?? [],
    scope: [],
  };
}

export function correlation(spec: { groupBy: string[]; fields?: string[]; aliases?: Record<string, Record<string, string>>; tags?: string[] }): CorrelationRule {
  return {
    kind: 'correlation',
    title: 'Corr',
    id: 'corr-1',
    taxonomy: 'sigma',
    references: [],
    related: [],
    falsepositives: [],
    tags: (spec.tags ?? []).map((t) => ({ namespace: t.split('.')[0] ?? '', name: t.split('.').slice(1).join('.'), loc: at() })),
    custom: {},
    loc: at(1, 1),
    fieldLocs: { correlation: at(4, 3) },
    type: spec.fields ? 'value_count' : 'event_count',
    rules: [{ ref: 'r1', loc: at(5, 7) }],
    groupBy: spec.groupBy,
    timespan: { text: '5m', seconds: 300, loc: at(6, 3) },
    condition: { kind: 'threshold', predicates: [{ op: 'gte', value: 10 }], fields: spec.fields ?? [], loc: at(7, 3) },
    aliases: Object.entries(spec.aliases ?? {}).map(([name, fields]) => ({ name, fields, loc: at(8, 3) })),
    generate: false,
  };
}

// ---- rendering ----

export function showValue(v: DetectionValue): string {
  switch (v.kind) {
    case 'string':
      return `${v.cased ? 'c' : ''}"${sigmaStringText(v.parts)}"`;
    case 'number':
    case 'boolean':
      return String(v.value);
    case 'null':
      return 'null';
    case 'regex':
      return `/${v.pattern}/`;
    case 'fieldref':
      return `@${v.field}`;
    case 'exists':
      return `exists(${v.exists})`;
    case 'query-expression':
      return `{${v.expression}|${v.id}}`;
    case 'expansion':
      return `[${v.values.map(showValue).join(', ')}]`;
    default:
      return v.kind;
  }
}

export function showElement(el: DetectionElement, top = true): string {
  if (el.kind === 'item') {
    const vals = el.values.map(showValue).join(el.link === 'and' ? '&' : '|');
    return `${el.negated ? '!' : ''}${el.field ?? '_'}=${vals}`;
  }
  const s = el.items.map((c) => showElement(c, false)).join(` ${el.link} `);
  return top || el.items.length === 1 ? s : `(${s})`;
}

/** `name: rendered body` per detection. */
export function showDetections(r: SigmaRule): string[] {
  return r.detections.map((d) => `${d.name}: ${showElement(d.body)}`);
}
