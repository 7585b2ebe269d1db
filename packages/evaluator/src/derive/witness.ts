import type { FieldRefValue, KeywordExpr, ScalarValue, SigmaRule } from '@sigmats/core';
import type { EventLogsource } from '../logsource.js';
import { ABSENT, holdsOn, valueTest } from './check.js';
import type { Conjunction } from './dnf.js';
import { fieldValue, renderString } from './field-value.js';
import { regexExample } from './regex-gen.js';
import { windowsEvent } from './templates.js';
import { SERVICE_CHANNELS, SERVICE_EVENT_CHANNELS, windowsTargets, type WindowsTarget } from './windows-sources.js';

/** The tests of one conjunction, per field. */
export interface FieldConstraints {
  readonly pos: ScalarValue[];
  readonly neg: ScalarValue[];
  readonly refs: { readonly value: FieldRefValue; readonly negated: boolean }[];
}

export interface Constraints {
  readonly fields: Map<string, FieldConstraints>;
  readonly keywords: { readonly value: KeywordExpr['value']; readonly negated: boolean }[];
}

export function constraintsOf(conj: Conjunction): Constraints | string {
  const fields = new Map<string, FieldConstraints>();
  const keywords: Constraints['keywords'] = [];
  const seen = new Map<object, boolean>();
  for (const { negated, test } of conj) {
    const prev = seen.get(test);
    if (prev !== undefined && prev !== negated) return `contradiction: a test of ${test.origin} is required both true and false`;
    seen.set(test, negated);
    if (test.kind === 'keyword') {
      keywords.push({ value: test.value, negated });
      continue;
    }
    let fc = fields.get(test.field);
    if (fc === undefined) fields.set(test.field, (fc = { pos: [], neg: [], refs: [] }));
    if (test.value.kind === 'fieldref') fc.refs.push({ value: test.value, negated });
    else (negated ? fc.neg : fc.pos).push(test.value);
  }
  return { fields, keywords };
}

/** The rule's logsource as an event source (set keys only). */
export function ruleSource(rule: SigmaRule): EventLogsource {
  const { product, category, service } = rule.logsource;
  return {
    ...(product === undefined ? {} : { product }),
    ...(category === undefined ? {} : { category }),
    ...(service === undefined ? {} : { service }),
  };
}

function passes(field: string, fc: FieldConstraints | undefined, value: unknown): boolean {
  if (fc === undefined) return true;
  for (const [list, want] of [
    [fc.pos, true],
    [fc.neg, false],
  ] as const) {
    for (const v of list) {
      const t = valueTest(field, v);
      if (typeof t === 'string' || holdsOn({ [field]: value }, t) !== want) return false;
    }
  }
  return true;
}

/** The event type a conjunction is written for: the rule's EventID / EventType tests pick among the logsource's. */
function pickTarget(rule: SigmaRule, c: Constraints): WindowsTarget | undefined {
  const source = ruleSource(rule);
  let targets = windowsTargets(source);
  if (targets === undefined) return undefined;
  const eid = c.fields.get('EventID');
  if (source.category === undefined && source.service !== undefined && eid !== undefined) {
    // A service rule names its event ids: the template is the first one it asks for.
    const channel = SERVICE_CHANNELS[source.service]!.channel;
    const elsewhere = SERVICE_EVENT_CHANNELS[source.service];
    const named = eid.pos.flatMap((v) => (v.kind === 'number' ? [v.value] : v.kind === 'string' && /^\d+$/.test(renderString(v)) ? [Number(renderString(v))] : []));
    targets = [...named.map((eventId) => ({ channel: elsewhere?.[eventId] ?? channel, eventId })), ...targets];
  }
  const type = c.fields.get('EventType');
  return targets.find((t) => passes('EventID', eid, t.eventId) && (t.fields?.['EventType'] === undefined || passes('EventType', type, t.fields['EventType']))) ?? targets[0];
}

export interface Built {
  readonly event: Record<string, unknown>;
  readonly target: WindowsTarget | undefined;
  /** Template provenance, or why the event has none. */
  readonly base: string;
}

/**
 * Where keyword witnesses put their text: in a process creation, the command line (the text a full-text search of
 * a process event finds: Sysmon 1 has no `Data`); other Windows events their unnamed EventData `Data`; elsewhere
 * `message`.
 */
export function keywordField(rule: SigmaRule): string {
  if (rule.logsource.category === 'process_creation') return 'CommandLine';
  return rule.logsource.product === 'windows' ? 'Data' : 'message';
}

export function keywordText(value: KeywordExpr['value'], variant: number): string | undefined {
  if (value.kind === 'string') return renderString(value);
  if (value.kind === 'number') return String(value.value);
  return regexExample(value.pattern, variant);
}

/** Adds a text to the keyword field (a list when the field already holds something). */
export function addKeyword(event: Record<string, unknown>, field: string, text: string): void {
  const prev = event[field];
  if (prev === undefined || prev === null) event[field] = text;
  // A command line takes the text as more arguments (it is one string in every process event).
  else if (field === 'CommandLine' && typeof prev === 'string') event[field] = `${prev} ${text}`;
  else event[field] = [...(Array.isArray(prev) ? prev : [prev]), text];
}

/** Image fields first: the command line and file name that go with an image follow it. */
const FIRST = ['Image', 'ParentImage'];
function fieldOrder(c: Constraints): string[] {
  const fields = [...c.fields.keys()];
  return [...FIRST.filter((f) => c.fields.has(f)), ...fields.filter((f) => !FIRST.includes(f))];
}

/**
 * Keeps a process event coherent when the rule sets its image: the template's command line (another
 * program's) becomes the new image alone, and its original file name the new file name. Fields the
 * rule also tests are then built on these.
 */
function followImage(event: Record<string, unknown>, field: string, image: string): void {
  const quoted = image.includes(' ') ? `"${image}"` : image;
  const name = image.slice(Math.max(image.lastIndexOf('\\'), image.lastIndexOf('/')) + 1);
  if (field === 'Image') {
    event['CommandLine'] = quoted;
    if ('OriginalFileName' in event) event['OriginalFileName'] = name;
  } else if (field === 'ParentImage' && 'ParentCommandLine' in event) event['ParentCommandLine'] = quoted;
}

/** A complete event satisfying one conjunction (the caller checks it with the evaluator), or why not. */
export function buildEvent(rule: SigmaRule, c: Constraints, variant: number): Built | string {
  const target = rule.logsource.product === 'windows' ? pickTarget(rule, c) : undefined;
  let event: Record<string, unknown>;
  let base: string;
  if (target !== undefined) {
    const w = windowsEvent(target);
    event = w.event;
    base = w.template === undefined ? `generic ${target.channel} ${target.eventId} event (no template)` : `template ${w.template.origin}: ${w.template.source}`;
  } else {
    event = {};
    base = rule.logsource.product === 'windows' ? 'generic event: no Windows channel known for this logsource' : `generic ${rule.logsource.product ?? 'product-less'} event: no template`;
  }
  const processEvent = event['CommandLine'] !== undefined || rule.logsource.category === 'process_creation';
  for (const field of fieldOrder(c)) {
    const fc = c.fields.get(field)!;
    if (fc.pos.length === 0 && fc.neg.length === 0) continue;
    const r = fieldValue(field, fc.pos, fc.neg, event[field], variant);
    if (!r.ok) return r.reason;
    if (r.value === ABSENT) delete event[field];
    else {
      const before = event[field];
      event[field] = r.value;
      if (processEvent && typeof r.value === 'string' && r.value !== before) followImage(event, field, r.value);
    }
  }
  // Field references last: they copy (or avoid) the value of a field set above.
  for (const [field, fc] of c.fields) {
    for (const { value, negated } of fc.refs) {
      const other = event[value.field];
      const text = typeof other === 'string' || typeof other === 'number' ? String(other) : undefined;
      const test = valueTest(field, value);
      if (typeof test === 'string') return `unsupported value: ${test}`;
      if (holdsOn(event, test) !== negated) continue;
      if (!negated) {
        const t = text ?? 'contoso';
        if (text === undefined) event[value.field] = t;
        event[field] = value.match === 'startswith' ? `${t}.x` : value.match === 'endswith' ? `x.${t}` : value.match === 'contains' ? `x ${t} x` : t;
      } else {
        const mine = event[field];
        event[field] = typeof mine === 'string' && mine !== '' ? `${mine}_` : 'contoso-other';
      }
    }
    for (const { value, negated } of fc.refs) {
      const test = valueTest(field, value);
      if (typeof test === 'string' || holdsOn(event, test) === negated) return `fieldref: cannot make ${field} ${negated ? 'differ from' : 'relate to'} ${value.field}`;
    }
  }
  const kw = keywordField(rule);
  for (const { value, negated } of c.keywords) {
    if (negated) continue;
    const text = keywordText(value, variant);
    if (text === undefined) return 'keyword regex: cannot generate a matching string';
    addKeyword(event, kw, text);
  }
  return { event, target, base };
}
