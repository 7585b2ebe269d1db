// Reads the custom top-level `enrichments` attribute of a rule into typed, located IR.
import type { Detection, DetectionElement } from '../ir/detection.js';
import { lowerDetection } from '../lower.js';
import type { DocContext, Span } from '../parse/context.js';
import { buildBody } from '../parse/detection.js';
import { exact } from '../parse/exact.js';
import { suggest } from '../parse/suggest.js';
import { getEntry, toPlain, type YEntry, type YMap, type YNode } from '../yaml/nodes.js';
import { caseDetectionName, ENRICHMENT_NAME, type Enrichment, type EnrichmentCase } from './types.js';

/** The top-level attribute, kept by Sigma as a custom attribute (Sigma 2.x allows them). */
export const ENRICHMENTS_KEY = 'enrichments';

const ENRICHMENT_KEYS = ['cases', 'default'] as const;
const CASE_KEYS = ['value', 'detection'] as const;
/** Longer values are not labels; they would also bloat every emitted query. */
const MAX_VALUE_LENGTH = 256;

/** Fields a rule's detections test (field names as written, before pipelines). */
function detectionFields(detections: readonly Detection[]): Set<string> {
  const out = new Set<string>();
  const walk = (el: DetectionElement): void => {
    if (el.kind === 'item') {
      if (el.field !== null) out.add(el.field.toLowerCase());
    } else for (const c of el.items) walk(c);
  };
  for (const d of detections) walk(d.body);
  return out;
}

function unknownKeys(ctx: DocContext, map: YMap, known: readonly string[], where: string): boolean {
  let ok = true;
  for (const e of map.entries) {
    if ((known as readonly string[]).includes(e.key.text)) continue;
    const s = suggest(e.key.text, known, 2);
    ctx.error('enrichment/invalid', `unknown key '${e.key.text}' in ${where} (expected ${known.join(', ')})`, e.key, s ? `did you mean '${s}'?` : undefined);
    ok = false;
  }
  return ok;
}

/** A label: a non-empty string of one line. Numbers and booleans are refused so that 'true' stays the text written. */
function label(ctx: DocContext, node: YNode | undefined, what: string, at: Span): string | undefined {
  if (node === undefined) {
    ctx.error('enrichment/invalid', `${what} is missing`, at);
    return undefined;
  }
  if (node.kind !== 'scalar' || node.value === null) {
    ctx.error('enrichment/invalid', `${what} must be a string`, node);
    return undefined;
  }
  if (typeof node.value !== 'string') {
    ctx.error('enrichment/invalid', `${what} must be a string, not the ${typeof node.value} ${node.text}`, node, `quote it: '${node.text}'`);
    return undefined;
  }
  const v = node.value;
  if (v === '' || v.length > MAX_VALUE_LENGTH || /[\u0000-\u001f\u007f]/.test(v)) {
    ctx.error('enrichment/invalid', `${what} must be one line of 1 to ${MAX_VALUE_LENGTH} characters`, node);
    return undefined;
  }
  return v;
}

function parseCase(ctx: DocContext, name: string, index: number, node: YNode): EnrichmentCase | undefined {
  if (node.kind !== 'map') {
    ctx.error('enrichment/invalid', `each case of '${name}' is a mapping with 'value' and 'detection'`, node);
    return undefined;
  }
  let ok = unknownKeys(ctx, node, CASE_KEYS, `a case of '${name}'`);
  const at: Span = node.entries[0]?.key ?? node;
  const value = label(ctx, getEntry(node, 'value')?.value, `the value of case ${index + 1} of '${name}'`, at);
  const det = getEntry(node, 'detection');
  if (!det) {
    ctx.error('enrichment/invalid', `case ${index + 1} of '${name}' has no 'detection'`, at, 'detection: {Field|modifier: value} (a search identifier body)');
    return undefined;
  }
  const detName = caseDetectionName(name, index);
  // The detection parser itself: same modifiers, values, problems and locations as a search identifier.
  const body = buildBody(ctx, detName, det.value);
  if (!body) return undefined;
  if (hasKeyword(body)) {
    // A keyword tests the whole event: no target can write that inside an expression (case(), if(), eval).
    ctx.error('enrichment/invalid', `the detection of case ${index + 1} of '${name}' holds keywords; an enrichment tests fields`, det.value, 'write Field|contains: value');
    ok = false;
  }
  if (!ok || value === undefined) return undefined;
  const detection: Detection = { kind: 'detection', name: detName, body, loc: ctx.loc(det.key) };
  return { kind: 'enrichment-case', value, detection, expr: lowerDetection(detection), text: flowText(toPlain(det.value), true), loc: ctx.loc(node) };
}

/** A scalar in YAML flow syntax: plain when that reads back as the same string, else single-quoted. */
function flowScalar(v: unknown): string {
  if (typeof v !== 'string') return String(v);
  const plain = /^[A-Za-z_][A-Za-z0-9_.-]*(?: [A-Za-z0-9_.-]+)*$/.test(v) && !/^(?:true|false|null|yes|no|on|off)$/i.test(v);
  return plain ? v : `'${v.replace(/'/g, "''")}'`;
}

/** One line of flow YAML; `top`: a list of maps reads as `{…} or {…}` (what it means as a search identifier). */
function flowText(v: unknown, top = false): string {
  if (Array.isArray(v)) {
    if (top && v.some((x) => typeof x === 'object' && x !== null && !Array.isArray(x))) return v.map((x) => flowText(x)).join(' or ');
    return `[${v.map((x) => flowText(x)).join(', ')}]`;
  }
  if (typeof v === 'object' && v !== null) {
    const body = Object.entries(v).map(([k, x]) => `${k}: ${flowText(x)}`).join(', ');
    return top ? body : `{${body}}`;
  }
  return flowScalar(v);
}

function hasKeyword(el: DetectionElement): boolean {
  return el.kind === 'item' ? el.field === null : el.items.some(hasKeyword);
}

function parseOne(ctx: DocContext, entry: YEntry, taken: Map<string, string>, used: ReadonlySet<string>): Enrichment | undefined {
  const name = entry.key.text;
  let ok = true;
  if (!ENRICHMENT_NAME.test(name)) {
    ctx.error('enrichment/invalid-name', `enrichment name '${name}' is not a safe identifier (letters, digits, '_'; not starting with a digit)`, entry.key, `e.g. ${name.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(?=\d)/, '_') || 'category'}`);
    ok = false;
  } else {
    const lower = name.toLowerCase();
    const other = taken.get(lower);
    if (other !== undefined) {
      ctx.error('enrichment/invalid-name', `enrichment '${name}' has the name of '${other}' (names are compared without case: Sumo field names ignore it)`, entry.key);
      ok = false;
    } else if (used.has(lower)) {
      // `extend Image = …` would overwrite the column the rule and its output read.
      ctx.error('enrichment/invalid-name', `enrichment '${name}' has the name of a field the rule uses; it would overwrite that field in the output`, entry.key, `e.g. ${name}_label`);
      ok = false;
    }
    taken.set(lower, name);
  }
  const node = entry.value;
  if (node.kind !== 'map') {
    ctx.error('enrichment/invalid', `enrichment '${name}' is a mapping with 'cases' and 'default'`, node.kind === 'scalar' && node.valueStart < 0 ? entry.key : node);
    return undefined;
  }
  ok = unknownKeys(ctx, node, ENRICHMENT_KEYS, `enrichment '${name}'`) && ok;
  const def = label(ctx, getEntry(node, 'default')?.value, `the default of '${name}'`, entry.key);
  const casesEntry = getEntry(node, 'cases');
  if (!casesEntry || casesEntry.value.kind !== 'seq' || casesEntry.value.items.length === 0) {
    ctx.error(
      'enrichment/invalid',
      casesEntry ? `the cases of '${name}' must be a non-empty list` : `enrichment '${name}' has no 'cases'`,
      casesEntry?.value ?? entry.key,
      "cases: [{value: label, detection: {Field|modifier: value}}, …]",
    );
    return undefined;
  }
  const cases: EnrichmentCase[] = [];
  casesEntry.value.items.forEach((item, i) => {
    const c = parseCase(ctx, name, i, item);
    if (c) cases.push(c);
    else ok = false;
  });
  if (!ok || def === undefined) return undefined;
  return { kind: 'enrichment', name, cases: exact(cases), default: def, loc: ctx.loc(entry.key) };
}

/**
 * The rule's `enrichments` (undefined when absent). Problems are located diagnostics on `ctx`; an enrichment with
 * a problem is left out (and, as an error, keeps the rule from being used).
 */
export function parseEnrichments(
  ctx: DocContext,
  root: YMap,
  detections: readonly Detection[],
  fields: readonly string[],
): readonly Enrichment[] | undefined {
  const entry = getEntry(root, ENRICHMENTS_KEY);
  if (!entry) return undefined;
  const node = entry.value;
  if (node.kind !== 'map' || node.entries.length === 0) {
    ctx.error('enrichment/invalid', "'enrichments' must be a non-empty mapping of name to {cases, default}", node.kind === 'scalar' && node.valueStart < 0 ? entry.key : node);
    return undefined;
  }
  const used = detectionFields(detections);
  for (const f of fields) used.add(f.toLowerCase());
  const taken = new Map<string, string>();
  const out: Enrichment[] = [];
  for (const e of node.entries) {
    const one = parseOne(ctx, e, taken, used);
    if (one) out.push(one);
  }
  return exact(out);
}
