// pySigma pipeline YAML (or the same shape as a JS object) → typed Pipeline, with located diagnostics.
import type { Diagnostic } from '../diagnostics.js';
import { diagnostic } from '../diagnostics.js';
import type { DiagnosticCode } from '../diagnostic-codes.js';
import type { SourceLocation } from '../location.js';
import { syntheticLocation } from '../location.js';
import { parseCondExpr } from './cond-expr.js';
import { LinearRegex, RegexUnsupported } from './linear-regex.js';
import { pyReplacement } from './py-regex.js';
import { checkTemplate } from './template.js';
import type {
  CompareOp,
  CondExpr,
  ConditionSet,
  DetectionItemCondition,
  FieldNameCondition,
  Finalizer,
  Pipeline,
  PostprocessingItem,
  PostprocessingTransformation,
  ProcessingItem,
  RuleCondition,
  Transformation,
} from './types.js';
import { parseYamlTree, treeFromObject, treeToValue, type YEntry, type YNode, type YScalar } from './yaml-tree.js';

const TOP_KEYS = ['name', 'priority', 'allowed_backends', 'vars', 'transformations', 'postprocessing', 'finalizers'];
const LEVELS = ['rule', 'detection_item', 'field_name'] as const;
type Level = (typeof LEVELS)[number];
const COND_KEYS = LEVELS.flatMap((l) => [`${l}_conditions`, `${l}_cond_op`, `${l}_cond_not`, `${l}_cond_expr`]);

/** Parameters each transformation accepts (besides id, type and the condition keys). */
const TRANSFORMATION_PARAMS: Readonly<Record<string, readonly string[]>> = {
  field_name_mapping: ['mapping'],
  field_name_prefix_mapping: ['mapping'],
  field_name_prefix: ['prefix'],
  field_name_suffix: ['suffix'],
  add_field: ['field'],
  remove_field: ['field'],
  set_field: ['fields'],
  drop_detection_item: [],
  add_condition: ['conditions', 'name', 'template', 'negated'],
  change_logsource: ['category', 'product', 'service'],
  replace_string: ['regex', 'replacement', 'skip_special', 'interpret_special'],
  map_string: ['mapping'],
  set_value: ['value', 'force_type'],
  convert_type: ['target_type'],
  case: ['method'],
  regex: ['method'],
  hashes_fields: ['valid_hash_algos', 'field_prefix', 'drop_algo_prefix', 'field_to_parse'],
  extract_fields: ['regex', 'field_prefix', 'preserve_unmatched'],
  value_placeholders: ['include', 'exclude'],
  wildcard_placeholders: ['include', 'exclude'],
  query_expression_placeholders: ['include', 'exclude', 'expression', 'mapping'],
  set_state: ['key', 'val', 'value'],
  set_custom_attribute: ['attribute', 'value'],
  rule_failure: ['message'],
  detection_item_failure: ['message'],
  strict_field_mapping_failure: ['message'],
  nest: ['items'],
};

/** Known pySigma transformations sigmats deliberately does not run, with the reason. */
const UNSUPPORTED_TRANSFORMATIONS: Readonly<Record<string, string>> = {
  file_placeholders: 'sigmats never reads external sources (files, URLs, commands) while converting; put the values in pipeline `vars` and use value_placeholders',
  http_placeholders: 'sigmats never reads external sources (files, URLs, commands) while converting; put the values in pipeline `vars` and use value_placeholders',
  command_placeholders: 'sigmats never reads external sources (files, URLs, commands) while converting; put the values in pipeline `vars` and use value_placeholders',
  field_name_transform: 'it needs a Python function (transform_func); use field_name_mapping instead',
};

const RULE_CONDITIONS = ['logsource', 'contains_detection_item', 'contains_field', 'processing_item_applied', 'processing_state', 'is_sigma_rule', 'is_sigma_correlation_rule', 'rule_attribute', 'tag'];
const ITEM_CONDITIONS = ['match_string', 'match_value', 'contains_wildcard', 'is_null', 'processing_item_applied', 'processing_state'];
const FIELD_CONDITIONS = ['include_fields', 'exclude_fields', 'processing_item_applied', 'processing_state'];

/** Transformations that work on rule level: detection-item and field-name conditions make no sense on them. */
const RULE_LEVEL = new Set(['add_condition', 'change_logsource', 'set_state', 'set_custom_attribute', 'rule_failure']);

class Reader {
  readonly diagnostics: Diagnostic[] = [];
  error(code: DiagnosticCode, message: string, loc: SourceLocation, hint?: string): void {
    this.diagnostics.push(diagnostic(code, message, loc, hint !== undefined ? { hint } : {}));
  }

  /** A `pipeline/invalid` error. */
  invalid(message: string, loc: SourceLocation, hint?: string): void {
    this.error('pipeline/invalid', message, loc, hint);
  }

  map(n: YNode, what: string): readonly YEntry[] | undefined {
    if (n.kind === 'map') return n.entries;
    this.invalid(`${what} must be a mapping`, n.loc);
    return undefined;
  }

  /** Unknown keys of a mapping → one diagnostic each, at the key. */
  onlyKeys(entries: readonly YEntry[], allowed: readonly string[], what: string): void {
    for (const e of entries) {
      if (!allowed.includes(String(e.key))) {
        this.invalid(`unknown key '${String(e.key)}' in ${what}`, e.keyLoc, allowed.length ? `allowed: ${allowed.join(', ')}` : undefined);
      }
    }
  }

  string(n: YNode | undefined, what: string, opts: { allowNumber?: boolean } = {}): string | undefined {
    if (!n) return undefined;
    if (n.kind === 'scalar' && typeof n.value === 'string') return n.value;
    if (n.kind === 'scalar' && opts.allowNumber !== false && (typeof n.value === 'number' || typeof n.value === 'boolean')) {
      return String(n.value);
    }
    this.invalid(`${what} must be a string`, n.loc);
    return undefined;
  }

  /** The string at `key` of a mapping (undefined when absent), its errors naming the key. */
  str(entries: readonly YEntry[], key: string): string | undefined {
    return this.string(get(entries, key), key);
  }

  /** The string or list of strings at `key` of a mapping, its errors naming the key. */
  strs(entries: readonly YEntry[], key: string): string[] | undefined {
    return this.strings(get(entries, key), key);
  }

  /** The boolean at `key` of a mapping, false when absent. */
  flag(entries: readonly YEntry[], key: string): boolean {
    return this.bool(get(entries, key), key, false);
  }

  bool(n: YNode | undefined, what: string, dflt: boolean): boolean {
    if (!n) return dflt;
    if (n.kind === 'scalar' && typeof n.value === 'boolean') return n.value;
    this.invalid(`${what} must be true or false`, n.loc);
    return dflt;
  }

  /** A string or a list of strings. */
  strings(n: YNode | undefined, what: string): string[] | undefined {
    if (!n) return undefined;
    if (n.kind === 'seq') {
      const out: string[] = [];
      for (const it of n.items) {
        const s = this.string(it, `each entry of ${what}`);
        if (s !== undefined) out.push(s);
      }
      return out;
    }
    const s = this.string(n, what);
    return s === undefined ? undefined : [s];
  }

  scalar(n: YNode | undefined, what: string): YScalar | undefined {
    if (!n) return undefined;
    if (n.kind === 'scalar') return n.value;
    this.invalid(`${what} must be a single value`, n.loc);
    return undefined;
  }

  regex(n: YNode | undefined, what: string, flags = ''): LinearRegex | undefined {
    const s = this.string(n, what);
    if (s === undefined || !n) return undefined;
    return this.compileRegex(s, what, n.loc, flags);
  }

  /** A pipeline regex on RE2; what RE2 cannot run is a located `pipeline/regex-unsupported` error. */
  compileRegex(s: string, what: string, loc: SourceLocation, flags = ''): LinearRegex | undefined {
    try {
      return new LinearRegex(s, flags);
    } catch (e) {
      if (e instanceof RegexUnsupported && e.kind === 'unsupported') {
        this.error('pipeline/regex-unsupported', `${what} ${JSON.stringify(s)} cannot run on RE2 (linear-time matching): ${e.reason}`, loc);
      } else {
        this.invalid(`${what} is not a valid regular expression: ${(e as Error).message}`, loc);
      }
      return undefined;
    }
  }
}

function get(entries: readonly YEntry[], key: string): YNode | undefined {
  return entries.find((e) => e.key === key)?.value;
}

function entryOf(entries: readonly YEntry[], key: string): YEntry | undefined {
  return entries.find((e) => e.key === key);
}

/** Parses a pipeline file (pySigma YAML format). */
export function parsePipeline(text: string, file: string): { pipeline?: Pipeline; diagnostics: Diagnostic[] } {
  const { root, diagnostics } = parseYamlTree(text, file);
  if (!root) return { diagnostics };
  const defaultName = file.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/i, '');
  return fromTree(root, defaultName);
}

/**
 * The same format as a JS object (how backends declare built-in pipelines).
 * Locations are synthetic: `file` (default `<pipeline name>`), line 0.
 */
export function pipelineFromObject(obj: unknown, name: string, file?: string): { pipeline?: Pipeline; diagnostics: Diagnostic[] } {
  const loc = syntheticLocation(file ?? `<pipeline ${name}>`);
  const root = treeFromObject(obj, loc);
  if (!root) return { diagnostics: [diagnostic('pipeline/invalid', `pipeline ${name} is not plain data (or nests too deeply)`, loc)] };
  return fromTree(root, name);
}

function fromTree(root: YNode, defaultName: string): { pipeline?: Pipeline; diagnostics: Diagnostic[] } {
  const r = new Reader();
  const top = r.map(root, 'a pipeline');
  if (!top) return { diagnostics: r.diagnostics };
  r.onlyKeys(top, TOP_KEYS, 'the pipeline');
  const name = r.str(top, 'name') ?? defaultName;
  let priority = 0;
  const pn = get(top, 'priority');
  if (pn) {
    if (pn.kind === 'scalar' && typeof pn.value === 'number' && Number.isFinite(pn.value)) priority = pn.value;
    else r.invalid('priority must be a number', pn.loc);
  }
  const allowedBackends = r.strs(top, 'allowed_backends') ?? [];
  let vars: Record<string, unknown> = {};
  const vn = get(top, 'vars');
  if (vn && !(vn.kind === 'scalar' && vn.value === null)) {
    const ve = r.map(vn, 'vars');
    if (ve) {
      vars = {};
      // Any data is accepted here; placeholders check the shape of the variables they use.
      for (const e of ve) vars[String(e.key)] = treeToValue(e.value);
    }
  }
  const items = list(r, get(top, 'transformations'), 'transformations').flatMap((n, i) => {
    const it = processingItem(r, n, `${name}#${i + 1}`);
    return it ? [it] : [];
  });
  const postprocessing = list(r, get(top, 'postprocessing'), 'postprocessing').flatMap((n, i) => {
    const it = postprocessingItem(r, n, `${name}#post${i + 1}`);
    return it ? [it] : [];
  });
  const finalizers = list(r, get(top, 'finalizers'), 'finalizers').flatMap((n) => {
    const f = finalizer(r, n);
    return f ? [f] : [];
  });
  const hasErrors = r.diagnostics.some((d) => d.severity === 'error');
  if (hasErrors) return { diagnostics: r.diagnostics };
  return {
    pipeline: { name, priority, allowedBackends, vars, items, postprocessing, finalizers, loc: root.loc },
    diagnostics: r.diagnostics,
  };
}

function list(r: Reader, n: YNode | undefined, what: string): readonly YNode[] {
  if (!n || (n.kind === 'scalar' && n.value === null)) return [];
  if (n.kind === 'seq') return n.items;
  r.invalid(`${what} must be a list`, n.loc);
  return [];
}

function processingItem(r: Reader, n: YNode, defaultId: string): ProcessingItem | undefined {
  const entries = r.map(n, 'a transformation');
  if (!entries) return undefined;
  const typeEntry = entryOf(entries, 'type');
  if (!typeEntry) {
    r.invalid('transformation without a type', n.loc);
    return undefined;
  }
  const type = r.string(typeEntry.value, 'type');
  if (type === undefined) return undefined;
  const unsupported = UNSUPPORTED_TRANSFORMATIONS[type];
  if (unsupported) {
    r.invalid(`transformation ${type} is not supported: ${unsupported}`, typeEntry.value.loc);
    return undefined;
  }
  const params = TRANSFORMATION_PARAMS[type];
  if (!params) {
    r.error('pipeline/unknown-transformation', `unknown transformation type '${type}'`, typeEntry.value.loc, `known: ${Object.keys(TRANSFORMATION_PARAMS).join(', ')}`);
    return undefined;
  }
  for (const k of ['allow_template_vars', 'vars_allowed_paths']) {
    const x = entryOf(entries, k);
    if (x) r.invalid(`${k}: Jinja2 template variables are not supported (sigmats runs no template code)`, x.keyLoc);
  }
  r.onlyKeys(entries, ['id', 'type', ...COND_KEYS, ...params, 'allow_template_vars', 'vars_allowed_paths'], `transformation ${type}`);
  const id = r.str(entries, 'id') ?? defaultId;
  const ruleConditions = conditionSet<RuleCondition>(r, entries, 'rule', RULE_CONDITIONS, ruleCondition);
  const detectionItemConditions = conditionSet<DetectionItemCondition>(r, entries, 'detection_item', ITEM_CONDITIONS, itemCondition);
  const fieldNameConditions = conditionSet<FieldNameCondition>(r, entries, 'field_name', FIELD_CONDITIONS, fieldCondition);
  if (RULE_LEVEL.has(type)) {
    for (const lvl of ['detection_item', 'field_name'] as const) {
      const c = entryOf(entries, `${lvl}_conditions`);
      if (c) r.invalid(`${type} works on the whole rule: ${lvl}_conditions cannot apply to it`, c.keyLoc);
    }
  }
  const transformation = parseTransformation(r, type, entries, n.loc, id);
  if (!transformation) return undefined;
  return { id, transformation, ruleConditions, detectionItemConditions, fieldNameConditions, loc: n.loc };
}

function requireParam(r: Reader, entries: readonly YEntry[], key: string, type: string, loc: SourceLocation): YNode | undefined {
  const v = get(entries, key);
  if (!v) r.invalid(`transformation ${type} needs '${key}'`, loc);
  return v;
}

/** `{src: dst | [dst, ...]}` → record of target lists; the `~` key (or '~') → keyword targets. */
function fieldMapping(r: Reader, n: YNode | undefined, what: string): { mapping: Record<string, string[]>; keyword?: string[] } | undefined {
  if (!n) return undefined;
  const entries = r.map(n, what);
  if (!entries) return undefined;
  const mapping: Record<string, string[]> = {};
  let keyword: string[] | undefined;
  for (const e of entries) {
    const targets = r.strings(e.value, `the mapping of ${String(e.key)}`);
    if (!targets) continue;
    if (targets.length === 0) {
      r.invalid(`the mapping of ${String(e.key)} is an empty list`, e.value.loc);
      continue;
    }
    // `~` (YAML null) is the keyword key; the string '~' means the same, as JS objects cannot hold a null key.
    if (e.key === null || e.key === '~') keyword = targets;
    else mapping[String(e.key)] = targets;
  }
  return keyword ? { mapping, keyword } : { mapping };
}

function placeholderFilter(r: Reader, entries: readonly YEntry[], type: string): { include?: string[]; exclude?: string[] } {
  const include = r.strs(entries, 'include');
  const exclude = r.strs(entries, 'exclude');
  if (include && exclude) r.invalid(`${type}: include and exclude are mutually exclusive`, entryOf(entries, 'exclude')!.keyLoc);
  return { ...(include ? { include } : {}), ...(exclude ? { exclude } : {}) };
}

function parseTransformation(r: Reader, type: string, e: readonly YEntry[], loc: SourceLocation, id: string): Transformation | undefined {
  const need = (key: string) => requireParam(r, e, key, type, loc);
  switch (type) {
    case 'field_name_mapping': {
      const m = fieldMapping(r, need('mapping'), 'mapping');
      return m && { type, ...m };
    }
    case 'field_name_prefix_mapping': {
      const m = fieldMapping(r, need('mapping'), 'mapping');
      if (m?.keyword) r.invalid('field_name_prefix_mapping cannot map keywords (~)', loc);
      return m && { type, mapping: m.mapping };
    }
    case 'field_name_prefix': {
      const prefix = r.string(need('prefix'), 'prefix');
      return prefix === undefined ? undefined : { type, prefix };
    }
    case 'field_name_suffix': {
      const suffix = r.string(need('suffix'), 'suffix');
      return suffix === undefined ? undefined : { type, suffix };
    }
    case 'add_field':
    case 'remove_field': {
      const fields = r.strings(need('field'), 'field');
      return fields && { type, fields };
    }
    case 'set_field': {
      const fields = r.strings(need('fields'), 'fields');
      return fields && { type, fields };
    }
    case 'drop_detection_item':
      return { type };
    case 'add_condition': {
      const cn = need('conditions');
      const ce = cn && r.map(cn, 'conditions');
      if (!ce) return undefined;
      const conditions: { key: string; values: (string | number | boolean | null)[] }[] = [];
      for (const c of ce) {
        if (c.key === null) {
          r.invalid('add_condition needs field names as keys', c.keyLoc);
          continue;
        }
        const nodes = c.value.kind === 'seq' ? c.value.items : [c.value];
        const values: (string | number | boolean | null)[] = [];
        for (const v of nodes) {
          const s = r.scalar(v, `the value of ${String(c.key)}`);
          if (s !== undefined) values.push(s);
        }
        const mods = String(c.key).split('|').slice(1);
        const bad = mods.filter((m) => !ADD_CONDITION_MODIFIERS.includes(m));
        if (bad.length) r.invalid(`add_condition supports the modifiers ${ADD_CONDITION_MODIFIERS.join(', ')}, not ${bad.join(', ')}`, c.keyLoc);
        conditions.push({ key: String(c.key), values });
      }
      const name = r.str(e, 'name') ?? `_cond_${id.replace(/[^A-Za-z0-9_]/g, '_')}`;
      return {
        type,
        conditions,
        name,
        template: r.flag(e, 'template'),
        negated: r.flag(e, 'negated'),
      };
    }
    case 'change_logsource': {
      const out: { category?: string; product?: string; service?: string } = {};
      for (const k of ['category', 'product', 'service'] as const) {
        const v = r.string(get(e, k), k);
        if (v !== undefined) out[k] = v;
      }
      return { type, ...out };
    }
    case 'replace_string': {
      const regex = r.regex(need('regex'), 'regex');
      const replacement = r.string(need('replacement'), 'replacement');
      if (!regex || replacement === undefined) return undefined;
      return {
        type,
        regex,
        replacement: pyReplacement(replacement),
        skipSpecial: r.flag(e, 'skip_special'),
        interpretSpecial: r.flag(e, 'interpret_special'),
      };
    }
    case 'map_string': {
      const m = fieldMapping(r, need('mapping'), 'mapping');
      return m && { type, mapping: m.mapping };
    }
    case 'set_value': {
      const vn = need('value');
      const value = r.scalar(vn, 'value');
      if (value === undefined) return undefined;
      const ft = r.str(e, 'force_type');
      if (ft !== undefined && ft !== 'str' && ft !== 'num') {
        r.invalid("force_type must be 'str' or 'num'", get(e, 'force_type')!.loc);
        return undefined;
      }
      if (ft === 'num' && !Number.isFinite(Number(value))) {
        r.invalid(`value ${String(value)} cannot be forced to a number`, vn!.loc);
        return undefined;
      }
      return ft ? { type, value, forceType: ft } : { type, value };
    }
    case 'convert_type': {
      const t = r.string(need('target_type'), 'target_type');
      if (t === undefined) return undefined;
      if (t !== 'str' && t !== 'num') {
        r.invalid("target_type must be 'str' or 'num'", get(e, 'target_type')!.loc);
        return undefined;
      }
      return { type, targetType: t };
    }
    case 'case': {
      const m = r.str(e, 'method') ?? 'lower';
      if (m !== 'lower' && m !== 'upper' && m !== 'snake_case') {
        r.invalid("method must be 'lower', 'upper' or 'snake_case'", get(e, 'method')!.loc);
        return undefined;
      }
      return { type, method: m };
    }
    case 'regex': {
      const m = r.str(e, 'method') ?? 'ignore_case_brackets';
      if (m !== 'plain' && m !== 'ignore_case_flag' && m !== 'ignore_case_brackets') {
        r.invalid("method must be 'plain', 'ignore_case_flag' or 'ignore_case_brackets'", get(e, 'method')!.loc);
        return undefined;
      }
      return { type, method: m };
    }
    case 'hashes_fields': {
      const algos = r.strs(e, 'valid_hash_algos') ?? ['MD5', 'SHA1', 'SHA256', 'SHA512', 'IMPHASH'];
      return {
        type,
        validHashAlgos: algos.map((a) => a.toUpperCase()),
        fieldPrefix: r.str(e, 'field_prefix') ?? '',
        dropAlgoPrefix: r.flag(e, 'drop_algo_prefix'),
        fieldToParse: r.strs(e, 'field_to_parse') ?? ['Hashes', 'Hash'],
      };
    }
    case 'extract_fields': {
      const rn = need('regex');
      const re = r.regex(rn, 'regex');
      if (!re || !rn) return undefined;
      const groups = [...re.groupNames];
      if (groups.length === 0) {
        r.invalid('extract_fields: the regex has no named group ((?P<name>...)); each named group becomes a field', rn.loc);
        return undefined;
      }
      return {
        type,
        regex: re,
        groups,
        fieldPrefix: r.str(e, 'field_prefix') ?? '',
        preserveUnmatched: r.flag(e, 'preserve_unmatched'),
      };
    }
    case 'value_placeholders':
    case 'wildcard_placeholders':
      return { type, ...placeholderFilter(r, e, type) };
    case 'query_expression_placeholders': {
      const expression = r.string(need('expression'), 'expression');
      if (expression === undefined) return undefined;
      const mapping: Record<string, string> = {};
      const mn = get(e, 'mapping');
      for (const me of (mn && r.map(mn, 'mapping')) ?? []) {
        const v = r.string(me.value, `mapping of ${String(me.key)}`);
        if (v !== undefined) mapping[String(me.key)] = v;
      }
      return { type, expression, mapping, ...placeholderFilter(r, e, type) };
    }
    case 'set_state': {
      const key = r.string(need('key'), 'key');
      const vn = get(e, 'val') ?? get(e, 'value');
      if (!vn) r.invalid("set_state needs 'val'", loc);
      return key === undefined || !vn ? undefined : { type, key, val: treeToValue(vn) };
    }
    case 'set_custom_attribute': {
      const attribute = r.string(need('attribute'), 'attribute');
      const vn = need('value');
      return attribute === undefined || !vn ? undefined : { type, attribute, value: treeToValue(vn) };
    }
    case 'rule_failure':
    case 'detection_item_failure': {
      const message = r.string(need('message'), 'message');
      return message === undefined ? undefined : { type, message };
    }
    case 'strict_field_mapping_failure': {
      const message = r.str(e, 'message');
      if (message !== undefined) checkTemplate(message, ['field', 'rule', 'state'], (msg) => r.invalid(msg, get(e, 'message')!.loc));
      return message === undefined ? { type } : { type, message };
    }
    case 'nest': {
      const nested = list(r, need('items'), 'items');
      const items = nested.flatMap((n, i) => {
        const it = processingItem(r, n, `${id}.${i + 1}`);
        return it ? [it] : [];
      });
      return { type, items };
    }
  }
  return undefined;
}

export const ADD_CONDITION_MODIFIERS = ['contains', 'startswith', 'endswith', 'all', 're', 'cased', 'exists', 'neq'];

// ---- conditions ----

type CondParser<C> = (r: Reader, type: string, entries: readonly YEntry[], loc: SourceLocation) => C | undefined;

function conditionSet<C>(r: Reader, entries: readonly YEntry[], level: Level, known: readonly string[], parse: CondParser<C>): ConditionSet<C> {
  const listNode = get(entries, `${level}_conditions`);
  const opNode = get(entries, `${level}_cond_op`);
  const notNode = get(entries, `${level}_cond_not`);
  const exprEntry = entryOf(entries, `${level}_cond_expr`);
  const conditions: C[] = [];
  const names: string[] = [];
  if (listNode && !(listNode.kind === 'scalar' && listNode.value === null)) {
    const raw: { name?: string; node: YNode }[] =
      listNode.kind === 'seq'
        ? listNode.items.map((node) => ({ node }))
        : listNode.kind === 'map'
          ? listNode.entries.map((x) => ({ name: String(x.key), node: x.value }))
          : [];
    if (listNode.kind === 'scalar') r.invalid(`${level}_conditions must be a list or a mapping of named conditions`, listNode.loc);
    for (const { name, node } of raw) {
      const ce = r.map(node, 'a condition');
      if (!ce) continue;
      const te = entryOf(ce, 'type');
      if (!te) {
        r.invalid('condition without a type', node.loc);
        continue;
      }
      const type = r.string(te.value, 'type');
      if (type === undefined) continue;
      if (!known.includes(type)) {
        r.error('pipeline/unknown-condition', `unknown ${level.replace('_', ' ')} condition type '${type}'`, te.value.loc, `known: ${known.join(', ')}`);
        continue;
      }
      const c = parse(r, type, ce, node.loc);
      if (c !== undefined) {
        conditions.push(c);
        names.push(name ?? String(conditions.length));
      }
    }
  }
  let expr: CondExpr;
  const all: CondExpr[] = conditions.map((_, index) => ({ kind: 'cond', index }));
  if (exprEntry) {
    const text = r.string(exprEntry.value, `${level}_cond_expr`);
    if (listNode?.kind !== 'map') r.invalid(`${level}_cond_expr needs ${level}_conditions as a mapping of named conditions`, exprEntry.keyLoc);
    const parsed = text === undefined ? undefined : parseCondExpr(text, names);
    if (parsed && 'error' in parsed) {
      r.invalid(`${level}_cond_expr: ${parsed.error}`, exprEntry.value.loc);
      expr = { kind: 'true' };
    } else expr = parsed?.expr ?? { kind: 'true' };
    if (parsed && 'expr' in parsed) {
      const unused = names.filter((n) => !parsed.used.has(n));
      if (unused.length) r.invalid(`${level}_cond_expr does not use the condition(s) ${unused.join(', ')}`, exprEntry.value.loc);
    }
    if (opNode || notNode) r.invalid(`${level}_cond_expr cannot be combined with ${level}_cond_op/_not`, exprEntry.keyLoc);
  } else {
    const op = r.string(opNode, `${level}_cond_op`) ?? 'and';
    if (op !== 'and' && op !== 'or') r.invalid(`${level}_cond_op must be 'and' or 'or'`, opNode!.loc);
    expr = all.length === 0 ? { kind: 'true' } : all.length === 1 ? all[0]! : { kind: op === 'or' ? 'or' : 'and', operands: all };
    // Without conditions the item applies whatever `_cond_not` says (pySigma).
    if (r.bool(notNode, `${level}_cond_not`, false) && all.length > 0) expr = { kind: 'not', operand: expr };
  }
  return { conditions, expr };
}

const COMPARE_OPS = ['eq', 'ne', 'gte', 'gt', 'lte', 'lt'];

function stateCond(r: Reader, e: readonly YEntry[], loc: SourceLocation) {
  const key = r.str(e, 'key');
  const val = r.scalar(get(e, 'val') ?? get(e, 'value'), 'val');
  const op = r.str(e, 'op') ?? 'eq';
  r.onlyKeys(e, ['type', 'key', 'val', 'value', 'op'], 'processing_state condition');
  if (key === undefined || val === undefined) {
    r.invalid('processing_state needs key and val', loc);
    return undefined;
  }
  if (!COMPARE_OPS.includes(op)) {
    r.invalid(`op must be one of ${COMPARE_OPS.join(', ')}`, get(e, 'op')!.loc);
    return undefined;
  }
  return { type: 'processing_state' as const, key, val, op: op as CompareOp, loc };
}

function appliedCond(r: Reader, e: readonly YEntry[], loc: SourceLocation) {
  const id = r.str(e, 'processing_item_id');
  r.onlyKeys(e, ['type', 'processing_item_id'], 'processing_item_applied condition');
  if (id === undefined) {
    r.invalid('processing_item_applied needs processing_item_id', loc);
    return undefined;
  }
  return { type: 'processing_item_applied' as const, processingItemId: id, loc };
}

const ruleCondition: CondParser<RuleCondition> = (r, type, e, loc) => {
  switch (type) {
    case 'logsource': {
      r.onlyKeys(e, ['type', 'category', 'product', 'service'], 'logsource condition');
      const out: { category?: string; product?: string; service?: string } = {};
      for (const k of ['category', 'product', 'service'] as const) {
        const v = r.string(get(e, k), k);
        if (v !== undefined) out[k] = v;
      }
      return { type, ...out, loc };
    }
    case 'contains_detection_item': {
      r.onlyKeys(e, ['type', 'field', 'value'], 'contains_detection_item condition');
      const fn = get(e, 'field');
      const field = fn && fn.kind === 'scalar' && fn.value === null ? null : r.string(fn, 'field');
      const value = r.scalar(get(e, 'value'), 'value');
      if (field === undefined || value === undefined) {
        r.invalid('contains_detection_item needs field and value', loc);
        return undefined;
      }
      return { type, field, value, loc };
    }
    case 'contains_field': {
      r.onlyKeys(e, ['type', 'field'], 'contains_field condition');
      const field = r.str(e, 'field');
      if (field === undefined) {
        r.invalid('contains_field needs field', loc);
        return undefined;
      }
      return { type, field, loc };
    }
    case 'processing_item_applied':
      return appliedCond(r, e, loc);
    case 'processing_state':
      return stateCond(r, e, loc);
    case 'is_sigma_rule':
    case 'is_sigma_correlation_rule':
      r.onlyKeys(e, ['type'], `${type} condition`);
      return type === 'is_sigma_rule' ? { type, loc } : { type, loc };
    case 'rule_attribute': {
      r.onlyKeys(e, ['type', 'attribute', 'value', 'op'], 'rule_attribute condition');
      const attribute = r.str(e, 'attribute');
      const vn = get(e, 'value');
      const op = r.str(e, 'op') ?? 'eq';
      if (attribute === undefined || !vn) {
        r.invalid('rule_attribute needs attribute and value', loc);
        return undefined;
      }
      if (![...COMPARE_OPS, 'in', 'not_in'].includes(op)) {
        r.invalid(`op must be one of ${[...COMPARE_OPS, 'in', 'not_in'].join(', ')}`, get(e, 'op')!.loc);
        return undefined;
      }
      let value: string | number | boolean | (string | number)[];
      if (op === 'in' || op === 'not_in') {
        const vs = vn.kind === 'seq' ? vn.items : [vn];
        value = vs.flatMap((v) => {
          const s = r.scalar(v, 'value');
          return typeof s === 'string' || typeof s === 'number' ? [s] : [];
        });
      } else {
        const s = r.scalar(vn, 'value');
        if (s === undefined || s === null) return undefined;
        value = s;
      }
      return { type, attribute, value, op: op as CompareOp | 'in' | 'not_in', loc };
    }
    case 'tag': {
      r.onlyKeys(e, ['type', 'tag'], 'tag condition');
      const tag = r.str(e, 'tag');
      if (tag === undefined) {
        r.invalid('tag condition needs tag', loc);
        return undefined;
      }
      return { type, tag, loc };
    }
  }
  return undefined;
};

/** `cond: any|all` of value conditions (pySigma ValueProcessingCondition); default any. */
function valueCond(r: Reader, e: readonly YEntry[]): 'any' | 'all' {
  const cond = r.str(e, 'cond') ?? 'any';
  if (cond !== 'any' && cond !== 'all') r.invalid("cond must be 'any' or 'all'", get(e, 'cond')!.loc);
  return cond === 'all' ? 'all' : 'any';
}

const itemCondition: CondParser<DetectionItemCondition> = (r, type, e, loc) => {
  switch (type) {
    case 'match_string': {
      r.onlyKeys(e, ['type', 'pattern', 'cond', 'negate'], 'match_string condition');
      // pySigma uses re.match: anchored at the start only (conditions.ts calls testPrefix).
      const pattern = r.regex(get(e, 'pattern'), 'pattern');
      if (!get(e, 'pattern')) r.invalid('match_string needs pattern', loc);
      const cond = valueCond(r, e);
      if (!pattern) return undefined;
      return { type, pattern, cond, negate: r.flag(e, 'negate'), loc };
    }
    case 'match_value': {
      r.onlyKeys(e, ['type', 'value', 'cond'], 'match_value condition');
      const value = r.scalar(get(e, 'value'), 'value');
      const cond = valueCond(r, e);
      if (value === undefined) {
        r.invalid('match_value needs value', loc);
        return undefined;
      }
      return { type, value, cond, loc };
    }
    case 'contains_wildcard':
      r.onlyKeys(e, ['type', 'cond'], 'contains_wildcard condition');
      return { type, cond: valueCond(r, e), loc };
    case 'is_null':
      r.onlyKeys(e, ['type', 'cond'], 'is_null condition');
      return { type, cond: valueCond(r, e), loc };
    case 'processing_item_applied':
      return appliedCond(r, e, loc);
    case 'processing_state':
      return stateCond(r, e, loc);
  }
  return undefined;
};

const fieldCondition: CondParser<FieldNameCondition> = (r, type, e, loc) => {
  switch (type) {
    case 'include_fields':
    case 'exclude_fields': {
      r.onlyKeys(e, ['type', 'fields', 'mode'], `${type} condition`);
      const fields = r.strs(e, 'fields');
      const mode = r.str(e, 'mode') ?? 'plain';
      if (!fields) {
        r.invalid(`${type} needs fields`, loc);
        return undefined;
      }
      if (mode !== 'plain' && mode !== 're') {
        r.invalid("mode must be 'plain' or 're'", get(e, 'mode')!.loc);
        return undefined;
      }
      const patterns: LinearRegex[] = [];
      if (mode === 're') {
        for (const f of fields) {
          // re.match semantics: conditions.ts calls testPrefix.
          const re = r.compileRegex(f, 'field pattern', get(e, 'fields')!.loc);
          if (re) patterns.push(re);
        }
      }
      return { type, fields, mode, patterns, loc };
    }
    case 'processing_item_applied':
      return appliedCond(r, e, loc);
    case 'processing_state':
      return stateCond(r, e, loc);
  }
  return undefined;
};

// ---- postprocessing and finalizers ----

function postprocessingItem(r: Reader, n: YNode, defaultId: string): PostprocessingItem | undefined {
  const e = r.map(n, 'a postprocessing item');
  if (!e) return undefined;
  const te = entryOf(e, 'type');
  if (!te) {
    r.invalid('postprocessing item without a type', n.loc);
    return undefined;
  }
  const type = r.string(te.value, 'type');
  if (type === undefined) return undefined;
  const id = r.str(e, 'id') ?? defaultId;
  const ruleConditions = conditionSet<RuleCondition>(r, e, 'rule', RULE_CONDITIONS, ruleCondition);
  const common = ['id', 'type', 'rule_conditions', 'rule_cond_op', 'rule_cond_not', 'rule_cond_expr'];
  let t: PostprocessingTransformation | undefined;
  switch (type) {
    case 'embed':
      r.onlyKeys(e, [...common, 'prefix', 'suffix'], 'postprocessing embed');
      t = { type, prefix: r.str(e, 'prefix') ?? '', suffix: r.str(e, 'suffix') ?? '' };
      break;
    case 'simple_template': {
      r.onlyKeys(e, [...common, 'template'], 'postprocessing simple_template');
      const tn = requireParam(r, e, 'template', type, n.loc);
      const template = r.string(tn, 'template');
      if (template === undefined) return undefined;
      if (!checkTemplate(template, ['query', 'rule', 'pipeline'], (msg) => r.invalid(msg, tn!.loc))) return undefined;
      t = { type, template };
      break;
    }
    case 'replace': {
      r.onlyKeys(e, [...common, 'pattern', 'replacement'], 'postprocessing replace');
      const pattern = r.regex(requireParam(r, e, 'pattern', type, n.loc), 'pattern');
      const replacement = r.string(requireParam(r, e, 'replacement', type, n.loc), 'replacement');
      if (!pattern || replacement === undefined) return undefined;
      t = { type, pattern, replacement: pyReplacement(replacement) };
      break;
    }
    case 'json': {
      r.onlyKeys(e, [...common, 'json_template'], 'postprocessing json');
      const jn = requireParam(r, e, 'json_template', type, n.loc);
      const text = r.string(jn, 'json_template');
      if (text === undefined) return undefined;
      try {
        t = { type, jsonTemplate: JSON.parse(text) as unknown };
      } catch (err) {
        r.invalid(`json_template is not valid JSON: ${(err as Error).message}`, jn!.loc);
        return undefined;
      }
      break;
    }
    case 'nest': {
      r.onlyKeys(e, [...common, 'items'], 'postprocessing nest');
      const items = list(r, requireParam(r, e, 'items', type, n.loc), 'items').flatMap((c, i) => {
        const it = postprocessingItem(r, c, `${id}.${i + 1}`);
        return it ? [it] : [];
      });
      t = { type, items };
      break;
    }
    case 'template':
      r.invalid('postprocessing type template (Jinja2) is not supported: sigmats runs no template code; use simple_template ({query}, {rule.title}, {pipeline.state[key]})', te.value.loc);
      return undefined;
    default:
      r.error('pipeline/unknown-transformation', `unknown postprocessing type '${type}'`, te.value.loc, 'known: embed, simple_template, replace, json, nest');
      return undefined;
  }
  return { id, transformation: t, ruleConditions, loc: n.loc };
}

function finalizer(r: Reader, n: YNode): Finalizer | undefined {
  const e = r.map(n, 'a finalizer');
  if (!e) return undefined;
  const te = entryOf(e, 'type');
  if (!te) {
    r.invalid('finalizer without a type', n.loc);
    return undefined;
  }
  const type = r.string(te.value, 'type');
  const indent = (): number | undefined => {
    const v = get(e, 'indent');
    if (!v || (v.kind === 'scalar' && v.value === null)) return undefined;
    if (v.kind === 'scalar' && typeof v.value === 'number' && Number.isInteger(v.value) && v.value >= 0 && v.value <= 16) return v.value;
    r.invalid('indent must be an integer from 0 to 16', v.loc);
    return undefined;
  };
  switch (type) {
    case 'concat':
      r.onlyKeys(e, ['type', 'separator', 'prefix', 'suffix'], 'finalizer concat');
      return {
        type,
        separator: r.str(e, 'separator') ?? '\n',
        prefix: r.str(e, 'prefix') ?? '',
        suffix: r.str(e, 'suffix') ?? '',
        loc: n.loc,
      };
    case 'json':
    case 'yaml': {
      r.onlyKeys(e, ['type', 'indent'], `finalizer ${type}`);
      const i = indent();
      return i === undefined ? { type, loc: n.loc } : { type, indent: i, loc: n.loc };
    }
    case 'nested': {
      r.onlyKeys(e, ['type', 'finalizers'], 'finalizer nested');
      const finalizers = list(r, get(e, 'finalizers'), 'finalizers').flatMap((c) => {
        const f = finalizer(r, c);
        return f ? [f] : [];
      });
      return { type, finalizers, loc: n.loc };
    }
    case 'template':
      r.invalid('finalizer type template (Jinja2) is not supported: sigmats runs no template code; use concat, json or yaml', te.value.loc);
      return undefined;
    case undefined:
      return undefined;
    default:
      r.error('pipeline/unknown-transformation', `unknown finalizer type '${type}'`, te.value.loc, 'known: concat, json, yaml, nested');
      return undefined;
  }
}
