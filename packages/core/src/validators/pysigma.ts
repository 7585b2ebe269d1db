/**
 * pySigma's core validators (sigma/validators/core/*.py, SigmaHQ/pySigma commit 0c15d53a), named as pySigma names
 * them, each finding located at the key or value it concerns. Where the sigmats parser already rejects what a
 * validator looks for (dangling_condition: condition/undefined-identifier), see NOT_SEPARATE in registry.ts.
 */
import { attackTactic } from '../attack.js';
import type { SigmaDocument, SigmaRule, Tag } from '../ir/rule.js';
import type { StringValue, ValuePart } from '../ir/values.js';
import type { CollectionValidator, DocumentValidator, ValidatorContext, ValidatorFinding } from './types.js';
import { baseName, detectionItems, fieldLoc, referencedDetections, scalarValues } from './walk.js';

const rulesOnly = (doc: SigmaDocument): doc is SigmaRule => doc.kind === 'rule';
const tagText = (t: Tag): string => `${t.namespace}.${t.name}`;

function onRule(
  spec: Omit<DocumentValidator, 'kind' | 'check' | 'severity'>,
  check: (rule: SigmaRule, ctx: ValidatorContext) => ValidatorFinding[],
): DocumentValidator {
  return { kind: 'document', severity: 'warning', ...spec, check: (doc, ctx) => (rulesOnly(doc) ? check(doc, ctx) : []) };
}

function onDocument(
  spec: Omit<DocumentValidator, 'kind' | 'check' | 'severity'>,
  check: (doc: SigmaDocument, ctx: ValidatorContext) => ValidatorFinding[],
): DocumentValidator {
  // pySigma validates rules and correlations; filters are not SigmaRuleValidator input.
  return { kind: 'document', severity: 'warning', ...spec, check: (doc, ctx) => (doc.kind === 'filter' ? [] : check(doc, ctx)) };
}

function onTags(spec: Omit<DocumentValidator, 'kind' | 'check' | 'severity'>, check: (tag: Tag, ctx: ValidatorContext) => string | undefined): DocumentValidator {
  return onDocument(spec, (doc, ctx) => {
    // A loop, not flatMap: every tag validator runs on every document's tags.
    const out: ValidatorFinding[] = [];
    for (let i = 0; i < doc.tags.length; i++) {
      const t = doc.tags[i]!;
      const m = check(t, ctx);
      if (m !== undefined) out.push({ message: m, loc: t.loc });
    }
    return out;
  });
}

/** Several documents sharing one value: every one of them is reported, naming where the others are. */
function duplicates(
  spec: Omit<CollectionValidator, 'kind' | 'check' | 'severity'>,
  keyOf: (doc: SigmaDocument) => string | undefined,
  describe: (key: string, others: readonly SigmaDocument[]) => string,
  locOf: (doc: SigmaDocument) => ValidatorFinding['loc'],
  distinct?: (doc: SigmaDocument) => string,
): CollectionValidator {
  return {
    kind: 'collection',
    severity: 'warning',
    ...spec,
    check(docs) {
      const groups = new Map<string, SigmaDocument[]>();
      for (const doc of docs) {
        if (doc.kind === 'filter') continue;
        const k = keyOf(doc);
        if (k === undefined) continue;
        // Appended in place: a new list per document made this quadratic in a group's size.
        const group = groups.get(k);
        if (group) group.push(doc);
        else groups.set(k, [doc]);
      }
      const out: { doc: SigmaDocument; finding: ValidatorFinding }[] = [];
      for (const [k, group] of groups) {
        if (group.length < 2) continue;
        if (distinct && new Set(group.map(distinct)).size < 2) continue;
        for (const doc of group) {
          out.push({ doc, finding: { message: describe(k, group.filter((d) => d !== doc)), loc: locOf(doc) } });
        }
      }
      return out;
    },
  };
}

const where = (docs: readonly SigmaDocument[]): string => {
  const shown = docs.slice(0, 3).map((d) => `${d.loc.file}:${d.loc.line}`);
  return shown.join(', ') + (docs.length > 3 ? ` and ${docs.length - 3} more` : '');
};

// ---- metadata.py ----

export const identifierExistence = onDocument(
  { name: 'identifier_existence', origin: 'pysigma', level: 'medium', description: 'Rule has no identifier (UUID)' },
  (doc) => (doc.id === undefined ? [{ message: 'rule has no identifier (UUID)', loc: fieldLoc(doc, 'title'), hint: 'add an id: line with a fresh UUID v4' }] : []),
);

export const identifierUniqueness = duplicates(
  { name: 'identifier_uniqueness', origin: 'pysigma', level: 'high', description: 'Rule identifier used by multiple rules' },
  (doc) => doc.id?.toLowerCase(),
  (id, others) => `identifier ${id} is also used at ${where(others)}`,
  (doc) => fieldLoc(doc, 'id'),
);

export const duplicateTitle = duplicates(
  { name: 'duplicate_title', origin: 'pysigma', level: 'high', description: 'Rule title used by multiple rules' },
  (doc) => (doc.title === '' ? undefined : doc.title),
  (title, others) => `title '${title}' is also used at ${where(others)}`,
  (doc) => fieldLoc(doc, 'title'),
);

export const duplicateReferences = onDocument(
  { name: 'duplicate_references', origin: 'pysigma', level: 'medium', description: 'The same references appears multiple times' },
  (doc) => {
    const seen = new Set<string>();
    const reported = new Set<string>();
    const out: ValidatorFinding[] = [];
    for (const r of doc.references) {
      if (seen.has(r) && !reported.has(r)) {
        reported.add(r);
        out.push({ message: `reference '${r}' appears more than once`, loc: fieldLoc(doc, 'references') });
      }
      seen.add(r);
    }
    return out;
  },
);

export const duplicateFilename = duplicates(
  { name: 'duplicate_filename', origin: 'pysigma', level: 'high', description: 'Rule filename used by multiple rules' },
  (doc) => baseName(doc.loc.file),
  (name, others) => `file name '${name}' is also used by ${[...new Set(others.map((d) => d.loc.file))].slice(0, 3).join(', ')}`,
  (doc) => ({ file: doc.loc.file, line: doc.loc.line, column: doc.loc.column }),
  // Several documents of one file share its name: only different paths collide.
  (doc) => doc.loc.file,
);

export const filenameLength: DocumentValidator = {
  ...onDocument({ name: 'filename_length', origin: 'pysigma', level: 'high', description: 'Rule filename is too short or long', params: { min_size: 10, max_size: 90 } }, (doc, ctx) => {
    const name = baseName(doc.loc.file);
    if (name.startsWith('<')) return []; // <stdin>: no file name to judge
    const min = Number(ctx.params.min_size);
    const max = Number(ctx.params.max_size);
    return name.length < min || name.length > max ? [{ message: `file name '${name}' has ${name.length} characters (allowed ${min} to ${max})`, loc: doc.loc }] : [];
  }),
};

const KNOWN_CUSTOM_ATTRIBUTES = new Set(['realted', 'relatde', 'relted', 'rlated', 'reference']);

export const customAttributes = onDocument(
  { name: 'custom_attributes', origin: 'pysigma', level: 'medium', description: 'Rule use optional field name similar to legit' },
  (doc) => {
    for (const k of Object.keys(doc.custom)) {
      if (KNOWN_CUSTOM_ATTRIBUTES.has(k)) {
        return [{ message: `field '${k}' looks like a misspelt standard field`, loc: fieldLoc(doc, k), hint: k === 'reference' ? "write 'references'" : "write 'related'" }];
      }
    }
    return [];
  },
);

// ---- condition.py ----

export const danglingDetection = onRule(
  { name: 'dangling_detection', origin: 'pysigma', level: 'high', description: 'Rule defines detection that is not referenced from condition' },
  (rule) => {
    const used = new Set<string>();
    for (let i = 0; i < rule.conditions.length; i++) referencedDetections(rule.conditions[i]!.root, used);
    const out: ValidatorFinding[] = [];
    for (let i = 0; i < rule.detections.length; i++) {
      const d = rule.detections[i]!;
      if (!used.has(d.name)) out.push({ message: `detection '${d.name}' is not used by the condition`, loc: d.loc });
    }
    return out;
  },
);

export const themConditionWithSingleDetection = onRule(
  { name: 'them_condition_with_single_detection', origin: 'pysigma', level: 'low', description: "Rule refers to 'them' but has only one condition" },
  (rule) => {
    const c = rule.conditions.find((x) => x.text.includes('them'));
    return c && rule.detections.length === 1 ? [{ message: "the condition says 'them' but there is only one detection", loc: c.loc, hint: `name it: ${rule.detections[0]!.name}` }] : [];
  },
);

const ALL_OF_THEM = /all\s+of\s+them/;

export const allOfThemCondition = onRule(
  { name: 'all_of_them_condition', origin: 'pysigma', level: 'medium', description: "Rule contains discouraged 'all of them' condition, use 'all of selection*' instead." },
  (rule) => {
    const c = rule.conditions.find((x) => ALL_OF_THEM.test(x.text));
    return c ? [{ message: "discouraged 'all of them' condition", loc: c.loc, hint: "use 'all of selection*' (a filter added later would otherwise be AND-ed in)" }] : [];
  },
);

// ---- logsources.py ----

const SYSMON_GENERIC: ReadonlyMap<number, string> = new Map([
  [1, 'process_creation'], [2, 'file_change'], [3, 'network_connection'], [4, 'sysmon_status'], [5, 'process_termination'],
  [6, 'driver_load'], [7, 'image_load'], [8, 'create_remote_thread'], [9, 'raw_access_thread'], [10, 'process_access'],
  [11, 'file_event'], [12, 'registry_event'], [13, 'registry_event'], [14, 'registry_event'], [15, 'create_stream_hash'],
  [16, 'sysmon_status'], [17, 'pipe_created'], [18, 'pipe_created'], [19, 'wmi_event'], [20, 'wmi_event'], [21, 'wmi_event'],
  [22, 'dns_query'], [23, 'file_delete'], [24, 'clipboard_change'], [25, 'process_tampering'], [26, 'file_delete_detected'],
  [27, 'file_block_executable'], [28, 'file_block_shredding'], [29, 'file_executable_detected'], [255, 'sysmon_error'],
]);
const SECURITY_GENERIC: ReadonlyMap<number, string> = new Map([[4688, 'process_creation']]);

export const specificInsteadOfGenericLogsource = onRule(
  { name: 'specific_instead_of_generic_logsource', origin: 'pysigma', level: 'high', description: 'Usage of specific instead of generic log source' },
  (rule) => {
    // pySigma's `rule.logsource in SigmaLogSource(None, 'windows', service)`: product and service equal, any category.
    const ls = rule.logsource;
    const table = ls.product === 'windows' ? (ls.service === 'sysmon' ? SYSMON_GENERIC : ls.service === 'security' ? SECURITY_GENERIC : undefined) : undefined;
    if (!table) return [];
    const out: ValidatorFinding[] = [];
    for (const item of detectionItems(rule)) {
      if (item.field !== 'EventID') continue;
      for (const v of scalarValues(item.values)) {
        if (v.kind !== 'number') continue;
        const generic = table.get(v.value);
        if (generic) out.push({ message: `EventID ${v.value} of windows/${ls.service} has a generic log source`, loc: v.loc, hint: `use logsource category: ${generic}` });
      }
    }
    return out;
  },
);

export const fieldnameLogsource = onRule(
  { name: 'fieldname_logsource', origin: 'pysigma', level: 'high', description: 'Usage of invalid field name in the log source' },
  (rule) => Object.keys(rule.logsource.custom).map((k) => ({ message: `'${k}' is not a log source field (category, product, service, definition)`, loc: rule.logsource.loc })),
);

// ---- modifiers.py ----

export const invalidModifierCombinations = onRule(
  { name: 'invalid_modifier_combinations', origin: 'pysigma', level: 'high', description: 'Detects invalid combinations of value modifiers' },
  (rule) => {
    const out: ValidatorFinding[] = [];
    const items = detectionItems(rule);
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      // Every finding below needs a modifier: most items have none (no set, map or arrays made for them).
      if (item.modifiers.length === 0) continue;
      const m = new Set(item.modifiers);
      if (item.field !== null && m.has('all') && !m.has('contains')) {
        out.push({ message: "a field-bound 'all' modifier without 'contains' matches only when every value is equal", loc: item.loc });
      }
      if (m.has('base64offset') && !m.has('contains')) {
        out.push({ message: "'base64offset' needs 'contains': the computed values are cut out of a longer encoding", loc: item.loc });
      }
      if (m.has('windash') && m.has('all')) out.push({ message: "'windash' cannot be combined with 'all'", loc: item.loc });
      // Nothing is repeated when the set is as long as the list.
      if (m.size === item.modifiers.length) continue;
      const counts = new Map<string, number>();
      for (const x of item.modifiers) counts.set(x, (counts.get(x) ?? 0) + 1);
      const repeated = [...counts].filter(([x, n]) => n > 1 && x !== 'base64').map(([x]) => x);
      if (repeated.length > 0) out.push({ message: `modifier${repeated.length > 1 ? 's' : ''} applied more than once: ${repeated.join(', ')}`, loc: item.loc });
    }
    return out;
  },
);

// ---- values.py ----

const shown = (v: StringValue): string =>
  v.parts.map((p) => (p.kind === 'literal' ? p.text.replace(/[*?\\]/g, (c) => `\\${c}`) : p.kind === 'wildcard-multi' ? '*' : p.kind === 'wildcard-single' ? '?' : `%${p.name}%`)).join('');

// The four string validators below each report the first value of an item that fails their test. They used to
// walk every item and value of every rule four times, with a regular expression per literal part for two of them;
// now one walk per rule answers all four (cached per rule, each validator reads its own list) and a literal part
// is tested once for either special character. Each validator's findings are the same list as its own walk's.

/** Findings of double_wildcard, number_as_string, control_character and escaped_wildcard for one rule. */
interface StringFindings {
  readonly double: ValidatorFinding[];
  readonly number: ValidatorFinding[];
  readonly control: ValidatorFinding[];
  readonly escaped: ValidatorFinding[];
}
const STRING_FINDINGS = new WeakMap<SigmaRule, StringFindings>();
const CONTROL = /[\u0000-\u001f]/;
const ESCAPED = /[*?]/;
const CONTROL_OR_ESCAPED = /[\u0000-\u001f*?]/;
/** Python int() of the text: optional sign, digits with single underscores between them. */
const PY_INT = /^\s*[+-]?\d+(_\d+)*\s*$/;

function doubleWildcardOf(v: StringValue): ValidatorFinding | undefined {
  const parts = v.parts;
  for (let i = 0; i + 1 < parts.length; i++) {
    if (parts[i]!.kind === 'wildcard-multi' && parts[i + 1]!.kind === 'wildcard-multi') return { message: `'${shown(v)}' has consecutive * wildcards`, loc: v.loc };
  }
  return undefined;
}

function numberAsStringOf(v: StringValue): ValidatorFinding | undefined {
  const only = v.parts.length === 1 ? v.parts[0] : undefined;
  return only?.kind === 'literal' && PY_INT.test(only.text) && !only.text.includes(' ')
    ? { message: `'${only.text}' is a number written as a string`, loc: v.loc, hint: 'drop the quotes' }
    : undefined;
}

function stringFindings(rule: SigmaRule): StringFindings {
  let found = STRING_FINDINGS.get(rule);
  if (found) return found;
  found = { double: [], number: [], control: [], escaped: [] };
  const items = detectionItems(rule);
  for (let i = 0; i < items.length; i++) {
    const values = scalarValues(items[i]!.values);
    // One finding per item and validator is enough to point at the problem: a validator stops at its first.
    let double = false;
    let number = false;
    let control = false;
    let escaped = false;
    for (let j = 0; j < values.length; j++) {
      const v = values[j]!;
      if (v.kind !== 'string') continue;
      if (!double) {
        const f = doubleWildcardOf(v);
        if (f) {
          found.double.push(f);
          double = true;
        }
      }
      if (!number) {
        const f = numberAsStringOf(v);
        if (f) {
          found.number.push(f);
          number = true;
        }
      }
      if (!control || !escaped) {
        let hasControl = false;
        let hasEscaped = false;
        for (let k = 0; k < v.parts.length; k++) {
          const p = v.parts[k]!;
          if (p.kind !== 'literal' || !CONTROL_OR_ESCAPED.test(p.text)) continue;
          if (!hasControl && CONTROL.test(p.text)) hasControl = true;
          if (!hasEscaped && ESCAPED.test(p.text)) hasEscaped = true;
        }
        if (!control && hasControl) {
          found.control.push({ message: 'value holds a control character (a single backslash in a double-quoted YAML string?)', loc: v.loc, hint: 'use single quotes or double the backslash' });
          control = true;
        }
        if (!escaped && hasEscaped) {
          found.escaped.push({ message: `'${shown(v)}' holds an escaped wildcard`, loc: v.loc });
          escaped = true;
        }
      }
      if (double && number && control && escaped) break;
    }
  }
  STRING_FINDINGS.set(rule, found);
  return found;
}

export const doubleWildcard = onRule(
  { name: 'double_wildcard', origin: 'pysigma', level: 'low', description: 'String contains multiple consecutive * wildcards' },
  (rule) => stringFindings(rule).double,
);

export const numberAsString = onRule({ name: 'number_as_string', origin: 'pysigma', level: 'low', description: 'A number was expressed as string' }, (rule) => stringFindings(rule).number);

export const controlCharacter = onRule(
  { name: 'control_character', origin: 'pysigma', level: 'high', description: 'String contains control character likely caused by missing (double-)slash' },
  (rule) => stringFindings(rule).control,
);

export const escapedWildcard = onRule(
  { name: 'escaped_wildcard', origin: 'pysigma', level: 'low', description: 'Rule contains an escaped wildcard in the rule logic. Make sure the escape is intentional.' },
  (rule) => stringFindings(rule).escaped,
);

/** A value pySigma's `*x*`/`*x`/`x*` tests see: wildcard-multi at the ends, nothing special in between. */
function wildcardShape(v: StringValue): 'contains' | 'endswith' | 'startswith' | undefined {
  const p = v.parts;
  if (p.length < 2) return undefined;
  const first = p[0]!.kind === 'wildcard-multi';
  const last = p[p.length - 1]!.kind === 'wildcard-multi';
  if (first && last && p.length >= 3 && allLiteral(p, 1, p.length - 1)) return 'contains';
  if (first && allLiteral(p, 1, p.length)) return 'endswith';
  if (last && allLiteral(p, 0, p.length - 1)) return 'startswith';
  return undefined;
}

function allLiteral(parts: readonly ValuePart[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (parts[i]!.kind !== 'literal') return false;
  return true;
}

export const wildcardsInsteadOfModifiers = onRule(
  {
    name: 'wildcards_instead_of_modifiers',
    origin: 'pysigma',
    level: 'low',
    description: 'Check if wildcards were used where usage of startswith, endswith and contains modifiers would be possible',
  },
  (rule) => {
    const out: ValidatorFinding[] = [];
    const items = detectionItems(rule);
    next: for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      // Only items whose values are as written (no value-changing modifier); pySigma reads the original value.
      for (let j = 0; j < item.modifiers.length; j++) if (item.modifiers[j] !== 'all' && item.modifiers[j] !== 'cased') continue next;
      const values = scalarValues(item.values);
      if (values.length === 0) continue;
      for (let j = 0; j < values.length; j++) if (values[j]!.kind !== 'string') continue next;
      // The shape every value has, if they all have the same one (loops, not a set of all shapes, as this runs for
      // every item of every rule).
      const shape = wildcardShape(values[0] as StringValue);
      if (shape === undefined) continue;
      for (let j = 1; j < values.length; j++) if (wildcardShape(values[j] as StringValue) !== shape) continue next;
      const example = shown(values[0] as StringValue);
      out.push({ message: `'${example}' uses wildcards where the '${shape}' modifier says it`, loc: item.loc, hint: `write ${item.field ?? 'the keyword'}|${shape} without the * wildcards` });
    }
    return out;
  },
);

// ---- tags.py ----

const TAG_FORMAT = /^[a-z0-9\-_]+\.[a-z0-9\-_.]+$/;

export const tagFormat = onTags({ name: 'tag_format', origin: 'pysigma', level: 'medium', description: 'Invalid char in namaspace or name tag' }, (t) =>
  TAG_FORMAT.test(tagText(t)) ? undefined : `tag '${tagText(t)}' has characters outside a-z, 0-9, '-', '_' and '.'`,
);

/** ID shapes of the ATT&CK kinds pySigma accepts as tags (lower case). */
const ATTACK_SHAPES: readonly { re: RegExp; set: keyof import('./types.js').AttackIds; what: string }[] = [
  { re: /^t\d{4}(\.\d{3})?$/, set: 'techniques', what: 'technique' },
  { re: /^g\d{4}$/, set: 'groups', what: 'group' },
  { re: /^s\d{4}$/, set: 'software', what: 'software' },
  { re: /^m\d{4}$/, set: 'mitigations', what: 'mitigation' },
  { re: /^ds\d{4}$/, set: 'dataSources', what: 'data source' },
];

/**
 * ATT&CK numbers new IDs upwards, a few dozen per release. An ID a little above the highest one in the data is most
 * likely from a newer release than the data (the v18.1 data predates v19's T1685-T1690, which SigmaHQ already uses),
 * so it is not reported; one far above it (T9999) is. The margin is an assumption, not MITRE data.
 */
export const ATTACK_NEWER_MARGIN = 100;
const highest = new WeakMap<ReadonlySet<string>, Map<string, number>>();

function newerThanData(name: string, known: ReadonlySet<string>): boolean {
  const m = /^([a-z]+)(\d{4})/.exec(name);
  if (!m) return false;
  let byPrefix = highest.get(known);
  if (!byPrefix) {
    byPrefix = new Map();
    for (const id of known) {
      const k = /^([A-Z]+)(\d{4})/.exec(id);
      if (k) byPrefix.set(k[1]!.toLowerCase(), Math.max(byPrefix.get(k[1]!.toLowerCase()) ?? 0, Number(k[2])));
    }
    highest.set(known, byPrefix);
  }
  const top = byPrefix.get(m[1]!);
  if (top === undefined) return false;
  const n = Number(m[2]);
  return n > top && n <= top + ATTACK_NEWER_MARGIN;
}

export const attackTag = onTags({ name: 'attacktag', origin: 'pysigma', level: 'medium', description: 'Invalid MITRE ATT&CK tagging' }, (t, ctx) => {
  if (t.namespace !== 'attack') return undefined;
  const name = t.name;
  // pySigma compares the name as written against lower-cased data: upper case is invalid there too.
  if (name === name.toLowerCase() && attackTactic(name) !== undefined && !name.includes('_')) return undefined;
  for (const s of ATTACK_SHAPES) {
    if (!s.re.test(name)) continue;
    const known = ctx.attack[s.set];
    if (known === undefined || known.has(name.toUpperCase())) return undefined;
    if (newerThanData(name, known)) return undefined;
    return `'${tagText(t)}' names no ATT&CK ${s.what} (${name.toUpperCase()} is not in the ATT&CK data)`;
  }
  return `'${tagText(t)}' is not an ATT&CK tactic, technique, group, software, mitigation or data source`;
});

const TLP_V1 = ['white', 'green', 'amber', 'red'];
const TLP_V2 = ['clear', 'green', 'amber', 'amber-strict', 'red'];

function tlp(name: string, allowed: readonly string[], what: string): DocumentValidator {
  const set = new Set(allowed);
  return onTags({ name, origin: 'pysigma', level: 'medium', description: `Validation of TLP tags (${what})` }, (t) =>
    t.namespace === 'tlp' && !set.has(t.name) ? `'${tagText(t)}' is not a TLP ${what} label (${allowed.join(', ')})` : undefined,
  );
}

export const tlpv1Tag = tlp('tlpv1_tag', TLP_V1, 'version 1');
export const tlpv2Tag = tlp('tlpv2_tag', TLP_V2, 'version 2');
export const tlpTag = tlp('tlptag', [...new Set([...TLP_V1, ...TLP_V2])], 'version 1 or 2');

export const duplicateTag = onDocument({ name: 'duplicate_tag', origin: 'pysigma', level: 'medium', description: 'The same tag appears multiple times' }, (doc) => {
  const out: ValidatorFinding[] = [];
  // No set for fewer than two tags (nothing can repeat); a loop instead of flatMap's array per tag.
  if (doc.tags.length < 2) return out;
  const seen = new Set<string>();
  for (let i = 0; i < doc.tags.length; i++) {
    const t = doc.tags[i]!;
    const k = tagText(t);
    if (seen.has(k)) out.push({ message: `tag '${k}' appears more than once`, loc: t.loc });
    else seen.add(k);
  }
  return out;
});

const NAMESPACES = new Set(['attack', 'car', 'cve', 'd3fend', 'detection', 'stp', 'tlp']);

export const namespaceTag = onTags({ name: 'namespace_tag', origin: 'pysigma', level: 'medium', description: 'Invalid tagging namespace' }, (t) =>
  NAMESPACES.has(t.namespace) ? undefined : `tag namespace '${t.namespace}' is not one of ${[...NAMESPACES].join(', ')}`,
);

function pattern(name: string, namespace: string, re: RegExp): DocumentValidator {
  // pySigma uses re.match: anchored at the start only (unless the pattern says `$`).
  return onTags({ name, origin: 'pysigma', level: 'medium', description: `Validate rule ${namespace} tag` }, (t) =>
    t.namespace === namespace && !re.test(t.name) ? `'${tagText(t)}' does not follow the ${namespace} tag pattern ${re.source}` : undefined,
  );
}

export const carTag = pattern('cartag', 'car', /^\d{4}-\d{2}-\d{3}$/);
export const cveTag = pattern('cvetag', 'cve', /^\d+-\d+$/);
export const detectionTag = pattern('detection_tag', 'detection', /^(dfir|emerging-threats|threat-hunting)/);
export const stpTag = pattern('stptag', 'stp', /^[1-5][auk]?$/);
