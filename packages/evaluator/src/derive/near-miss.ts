import type { ScalarValue, SigmaRule, StringValue } from '@sigmats/core';
import { fold } from '../fold.js';
import { ABSENT } from './check.js';
import { fieldValue, stringShape } from './field-value.js';
import { addKeyword, type Constraints, keywordField, keywordText } from './witness.js';
import { templateFor } from './templates.js';
import { SYSMON_CHANNEL } from './windows-sources.js';
import type { EventLogsource } from '../logsource.js';

/** A near miss as a change to its witness (built into an event only when kept: most are not). */
export interface NearMiss {
  /** Field -> new value; ABSENT removes the field. */
  readonly patch: Readonly<Record<string, unknown>>;
  /** Texts appended to the keyword field. */
  readonly keywords?: readonly string[];
  readonly note: string;
}

/** A search identifier the condition negates (`not filter`), with what makes it true. */
export interface Filter {
  readonly name: string;
  readonly constraints: Constraints;
}

export function applyNearMiss(rule: SigmaRule, witness: Readonly<Record<string, unknown>>, m: NearMiss): Record<string, unknown> {
  const event = { ...witness };
  for (const [field, value] of Object.entries(m.patch)) {
    if (value === ABSENT) delete event[field];
    else event[field] = value;
  }
  for (const k of m.keywords ?? []) addKeyword(event, keywordField(rule), k);
  return event;
}

/** The witness with a whole negated identifier made true (every test of its first way), or undefined. */
function filterMadeTrue(witness: Readonly<Record<string, unknown>>, f: Filter, variant: number): NearMiss | undefined {
  const patch: Record<string, unknown> = {};
  const shown: string[] = [];
  for (const [field, fc] of f.constraints.fields) {
    if (fc.refs.length > 0) return undefined;
    const r = fieldValue(field, fc.pos, fc.neg, witness[field], variant);
    if (!r.ok) return undefined;
    // A filter that holds only when a field Sysmon always writes is absent cannot hold on a Sysmon event.
    if (r.value === ABSENT && alwaysWritten(witness, field)) return undefined;
    patch[field] = r.value;
    shown.push(`${field} = ${r.value === ABSENT ? '(absent)' : show(r.value)}`);
  }
  const keywords: string[] = [];
  for (const { value, negated } of f.constraints.keywords) {
    if (negated) continue;
    const text = keywordText(value, variant);
    if (text === undefined) return undefined;
    keywords.push(text);
    shown.push(`keyword ${show(text)}`);
  }
  if (shown.length === 0) return undefined;
  return { patch, keywords, note: `filter made true: ${f.name} (${shown.join(', ')})` };
}

const show = (v: unknown): string => {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return `'${s.length > 60 ? `${s.slice(0, 57)}...` : s}'`;
};

const EVENT_KIND = ['EventID', 'Channel', 'EventType', 'Provider_Name'];

/** Another character of the same class, so the text keeps its look but a literal no longer matches. */
function otherChar(c: string): string {
  if (/[a-y]/.test(c)) return String.fromCharCode(c.charCodeAt(0) + 1);
  if (/[A-Y]/.test(c)) return String.fromCharCode(c.charCodeAt(0) + 1);
  if (c === 'z' || c === 'Z') return c === 'z' ? 'y' : 'Y';
  if (/[0-8]/.test(c)) return String(Number(c) + 1);
  if (c === '9') return '8';
  return c === '_' ? '-' : '_';
}

/** The value with one character of the literal `lit` changed where it occurs (case-insensitively). */
function breakLiteral(value: string, lit: string, cased: boolean): string | undefined {
  if (lit === '') return undefined;
  const at = cased ? value.indexOf(lit) : fold(value).indexOf(fold(lit));
  if (at < 0) return undefined;
  // The middle character: a prefix or suffix literal is broken inside, not at its edge.
  const i = at + Math.floor(lit.length / 2);
  return value.slice(0, i) + otherChar(value[i]!) + value.slice(i + 1);
}

function stringMisses(value: string, v: StringValue): { value: string; what: string }[] {
  const s = stringShape(v.parts);
  const out: { value: string; what: string }[] = [];
  const lits = [s.head, ...s.mids, s.tail].filter((x) => x !== '');
  const lit = lits.sort((a, b) => b.length - a.length)[0];
  if (lit !== undefined) {
    const broken = breakLiteral(value, lit, v.cased);
    if (broken !== undefined && broken !== value) out.push({ value: broken, what: `literal '${lit}' changed` });
  }
  if (s.head !== '') out.push({ value: `_${value}`, what: 'prefix broken' });
  if (s.tail !== '') out.push({ value: `${value}_`, what: 'suffix broken' });
  return out;
}

function valueMisses(value: unknown, v: ScalarValue): { value: unknown; what: string }[] {
  if (v.kind === 'string' && typeof value === 'string') return stringMisses(value, v);
  if (v.kind === 'number' && (typeof value === 'number' || typeof value === 'string')) return [{ value: Number(value) + 1, what: 'number changed' }];
  if ((v.kind === 'regex' || v.kind === 'cidr') && typeof value === 'string' && value !== '') {
    const i = Math.floor(value.length / 2);
    return [{ value: value.slice(0, i) + otherChar(value[i]!) + value.slice(i + 1), what: `${v.kind} text changed` }];
  }
  if (v.kind === 'boolean') return [{ value: !v.value, what: 'boolean flipped' }];
  return [];
}

/**
 * Near misses of one witness, most telling first: a literal character changed in each tested value, each
 * negated search identifier (`not filter`: all its tests, not one) made true, then prefixes and suffixes broken, then each tested field removed. Whether each
 * still matches is for the differential to compare, not assumed here. Lazy: callers take only the few
 * they keep.
 */
/**
 * Whether the witness' event type always carries the field: Sysmon writes every field of its schema for an event id
 * (an empty one as an empty element), so a Sysmon event without a field of its template is no event Sysmon logs, and
 * its "removed" near miss would test the data, not the rule.
 */
function alwaysWritten(witness: Readonly<Record<string, unknown>>, field: string, source?: EventLogsource): boolean {
  const eventId = witness['Channel'] === SYSMON_CHANNEL ? Number(witness['EventID']) : source !== undefined ? posixSysmonId(source) : undefined;
  if (eventId === undefined) return false;
  const template = templateFor(SYSMON_CHANNEL, eventId);
  return template !== undefined && field in template.event;
}

/**
 * Linux network connections are Sysmon for Linux's event 3 (the source Sigma's linux network_connection rules are
 * written for: Initiated, SourceIp, DestinationHostname, ...), whose fields are the Windows Sysmon event 3 schema; like
 * Windows Sysmon it writes each of them for every connection, so its witness has no "Initiated removed" near miss.
 */
function posixSysmonId(source: EventLogsource): number | undefined {
  return source.product === 'linux' && source.category === 'network_connection' ? 3 : undefined;
}

export function* nearMisses(
  witness: Readonly<Record<string, unknown>>, c: Constraints, filters: readonly Filter[], variant: number, source?: EventLogsource,
): Generator<NearMiss> {
  const later: NearMiss[] = [];
  const removals: NearMiss[] = [];
  for (const [field, fc] of c.fields) {
    const current = witness[field];
    if (current === undefined) continue;
    let first = true;
    // A boolean flag (Sysmon Initiated, SourceIsIpv6, Signed: "true"/"false") has no other spelling in real events:
    // its near miss is the other value.
    const flag = typeof current === 'string' && /^(?:true|false)$/i.test(current);
    if (flag) {
      const other = /^true$/i.test(current) ? 'false' : 'true';
      yield { patch: { [field]: other }, note: `${field}: ${show(current)} -> ${show(other)} (the other boolean)` };
    }
    for (const v of flag ? [] : fc.pos) {
      for (const m of valueMisses(current, v)) {
        const miss = { patch: { [field]: m.value }, note: `${field}: ${show(current)} -> ${show(m.value)} (${m.what})` };
        // Changing what the event is (its id, channel, type) tells less than changing what it says.
        if (first && !EVENT_KIND.includes(field)) yield miss;
        else later.push(miss);
        first = false;
      }
    }
    if ((fc.pos.length > 0 || fc.refs.some((r) => !r.negated)) && !alwaysWritten(witness, field, source)) removals.push({ patch: { [field]: ABSENT }, note: `${field} removed` });
  }
  for (const f of filters) {
    const m = filterMadeTrue(witness, f, variant);
    if (m !== undefined) yield m;
  }
  yield* later;
  yield* removals;
}
