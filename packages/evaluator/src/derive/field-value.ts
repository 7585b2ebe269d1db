import type { ScalarValue, StringValue, ValuePart } from '@sigmats/core';
import { parseNetwork } from '../cidr.js';
import { ABSENT, type FieldValue, holds, valueTest } from './check.js';
import { regexExample } from './regex-gen.js';
import type { Predicate } from '../compile-expr.js';

/** What a string value requires, as text: exact, or anchored head/tail and unanchored middle pieces. */
interface StringShape {
  readonly exact?: string;
  readonly head: string;
  readonly mids: readonly string[];
  readonly tail: string;
}

/** `?` becomes a letter: any one character matches it. */
const ONE = 'x';

export function stringShape(parts: readonly ValuePart[]): StringShape {
  const chunks: string[] = [''];
  let starred = false;
  for (const p of parts) {
    if (p.kind === 'wildcard-multi') {
      chunks.push('');
      starred = true;
    } else chunks[chunks.length - 1] += p.kind === 'literal' ? p.text : p.kind === 'wildcard-single' ? ONE : `%${p.name}%`;
  }
  if (!starred) return { exact: chunks[0]!, head: chunks[0]!, mids: [], tail: chunks[0]! };
  return { head: chunks[0]!, mids: chunks.slice(1, -1).filter((c) => c !== ''), tail: chunks[chunks.length - 1]! };
}

/** The text of a string value with wildcards filled (`*` empty, `?` a letter). */
export function renderString(v: StringValue): string {
  const s = stringShape(v.parts);
  return s.exact ?? s.head + s.mids.join('') + s.tail;
}

const lower = (s: string): string => s.toLowerCase();

/** The longest text: when the others are its prefixes (heads) or suffixes (tails) it satisfies them all. */
function longest(texts: readonly string[]): string {
  let best = '';
  for (const t of texts) if (t.length > best.length) best = t;
  return best;
}

const isPathLike = (s: string): boolean => /^(?:[A-Za-z]:\\|\\\\|\\)/.test(s) || (s.includes('\\') && !s.includes(' '));

/** a + b, sharing one backslash when a ends and b starts with one (both stay intact). */
function joinPath(a: string, b: string): string {
  if (a === '' || b === '') return a + b;
  if (a.endsWith('\\') && b.startsWith('\\')) return a + b.slice(1);
  if (a.endsWith('\\') || b.startsWith('\\')) return a + b;
  return `${a}\\${b}`;
}

function dirname(path: string): string {
  const i = path.lastIndexOf('\\');
  return i <= 0 ? path : path.slice(0, i);
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('\\') + 1);
}

/**
 * Where required folder pieces go in the template's folder: cut after the piece when the folder already
 * has it (`C:\Windows\System32\WindowsPowerShell` + `\System32\` -> `C:\Windows\System32\`); a registry
 * root (`\SOFTWARE\`) goes under the template's hive; else the piece replaces the folder's last level
 * (`C:\Windows\System32` + `\SysWOW64\` -> `C:\Windows\SysWOW64\`).
 */
function folderFor(dir: string, mids: readonly string[]): [string, readonly string[]] {
  const first = mids[0]!;
  const at = lower(dir + '\\').indexOf(lower(first));
  if (at >= 0) return [(dir + '\\').slice(0, at + first.length), mids.slice(1)];
  const hive = /^(HK[A-Z_]+)\\/i.exec(dir)?.[1];
  if (hive !== undefined && /^\\(?:software|system|sam|security)\\/i.test(first)) return [hive, mids];
  // A piece that starts with a root key (`HKLM\SOFTWARE\`, `HKU\`) is the start of the path: Sysmon spells a root key
  // only as the first segment of TargetObject (Microsoft's Sysmon registry parser reads only that segment as the hive,
  // ASimRegistryEventMicrosoftSysmon.yaml), so under another key it would name a subkey, not the hive the rule means.
  if (hive !== undefined && /^HK[A-Z_]+\\/i.test(first)) return ['', mids];
  const parent = dirname(dir);
  return [parent.includes('\\') || /^[A-Za-z]:$/.test(parent) ? parent : dir, mids];
}

/** Fields holding command lines or free text: required pieces go after the template's text, never into a path. */
const TEXT_FIELD = /commandline|scriptblock|payload|contextinfo|^data$|message|^query$|details/i;

const SYSMON_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/;

/** Windows account fields, written DOMAIN\name. */
const ACCOUNT_FIELD = /^(?:Parent|Source|Target)?User$/;

/**
 * Accounts holding the required pieces with one backslash: DOMAIN\name, where neither part can contain one (the SAM
 * account name "cannot contain any of these characters: \"/ \\ [ ] : ; | = , + * ? < >", MicrosoftDocs/win32
 * desktop-src/ADSchema/a-samaccountname.md). Pieces go into the template's name, or become the domain.
 */
function accountCandidates(head: string, mids: readonly string[], tail: string, base: string): string[] {
  if (head !== '' || mids.length === 0) return [];
  const [domain, name] = base.split('\\') as [string, string];
  const pieces = mids.join('');
  // `contains NT AUTHORITY\`: the domain with its separator, before the template's name.
  if (pieces.indexOf('\\') === pieces.length - 1) return tail.includes('\\') ? [] : [`${pieces}${name}${tail}`];
  if (pieces.includes('\\')) return [];
  // `contains AUTHORI` + `endswith \SYSTEM`: the pieces are the domain; pieces without a backslash go into the name.
  if (tail.startsWith('\\')) return tail.indexOf('\\', 1) < 0 ? [`${pieces}${tail}`] : [];
  return tail.includes('\\') ? [] : [`${domain}\\${name}${pieces}${tail}`];
}

/** Account fields never hold a second backslash: candidates that would are left out. */
function accountsOnly(field: string, out: string[]): string[] {
  return ACCOUNT_FIELD.test(field) ? out.filter((c) => c.split('\\').length <= 2) : out;
}

/**
 * Candidate texts satisfying every positive string value of a field, most realistic first: the template's
 * value shapes the filler (its folder for a file name, its command line before an argument).
 */
function stringCandidates(field: string, values: readonly StringValue[], base: unknown, extraMids: readonly string[] = []): string[] {
  const shapes: StringShape[] = [...values.map((v) => stringShape(v.parts)), ...extraMids.map((m) => ({ head: '', mids: [m], tail: '' }))];
  const exacts = shapes.flatMap((s) => (s.exact !== undefined ? [s.exact] : []));
  if (exacts.length > 0) return exacts;
  // Sysmon writes a registry number as the whole Details value, `DWORD (0x00000001)`: a rule's `contains` of that
  // text is met by the value alone, which is what every platform's record of a DWORD is built from.
  const registryNumber = field === 'Details' ? shapes.flatMap((s) => [s.head, ...s.mids, s.tail]).find((x) => /^(?:DWORD|QWORD) \(0x[0-9a-f]+\)$/i.test(x)) : undefined;
  const numberFirst = registryNumber === undefined ? [] : [registryNumber];
  const head = longest(shapes.map((s) => s.head));
  const tail = longest(shapes.map((s) => s.tail));
  const mids = [...new Set(shapes.flatMap((s) => s.mids))].filter((m) => !lower(head).includes(lower(m)) && !lower(tail).includes(lower(m)));
  const out: string[] = [...numberFirst];
  const b = typeof base === 'string' ? base : typeof base === 'number' ? String(base) : undefined;
  if (ACCOUNT_FIELD.test(field) && b !== undefined && b.split('\\').length === 2) out.push(...accountCandidates(head, mids, tail, b));
  // A time (Sysmon's `yyyy-MM-dd HH:mm:ss.fff`, the only form its events hold) keeps that form: a required start
  // (`startswith: '2022'`) replaces the template time's first characters.
  if (b !== undefined && SYSMON_TIME.test(b) && head !== '' && head.length < b.length && mids.length === 0 && tail === '') out.push(head + b.slice(head.length));
  const textual = TEXT_FIELD.test(field);
  const pathy = !textual && ([head, tail, ...mids].some(isPathLike) || (b !== undefined && isPathLike(b)));
  if (b !== undefined && b !== '' && pathy && b.includes('\\')) {
    // A path: the template's folder before a file name, its file name after a folder.
    const first = mids[0] ?? tail;
    // A piece that starts a path itself (`:\Windows\`, `C:\`) only needs its drive letter.
    const rooted = head === '' && /^(?::\\|[A-Za-z]:\\|\\\\)/.test(first);
    let start = head !== '' ? head : rooted ? '' : mids.length > 0 || tail !== '' ? dirname(b) : '';
    let middle: readonly string[] = mids;
    if (head === '' && !rooted && mids.length > 0) [start, middle] = folderFor(dirname(b), mids);
    const end = tail !== '' ? tail : `\\${basename(b)}`;
    const parts = [start, ...middle, end];
    if (rooted && first.startsWith(':')) parts[0] = 'C';
    out.push(parts.reduce((a, x, i) => (i === 1 && rooted ? a + x : joinPath(a, x)), ''));
  }
  if (b !== undefined && b !== '' && (textual || b.includes(' ')) && !pathy && head === '') {
    // A command line or free text: the template's text, then the required pieces.
    out.push(`${b} ${[...mids, tail].filter((x) => x !== '').join(' ')}`);
  }
  if (head === '' && /^\/[^/]+$/.test(tail) && (b === undefined || b.startsWith('/'))) {
    // A Unix file name: in a bin folder.
    out.push(['/usr/bin', ...mids, tail].join(''));
  }
  if (head === '' && mids.length === 0 && /^\.[a-z0-9-]+\.[a-z]{2,}$/i.test(tail)) out.push(`cdn${tail}`); // a host name under a domain
  out.push(head + mids.join(' ') + (mids.length > 0 && tail !== '' ? ' ' : '') + tail);
  out.push(head + mids.join('') + tail);
  if (pathy) out.push(['C:\\Users\\Public\\Downloads', ...mids, tail !== '' ? tail : '\\update.exe'].reduce(joinPath, head));
  // Other spellings, for when a negated test rules out the plain one: another folder, text around it.
  const plain = head + mids.join(' ') + tail;
  if (head === '') out.push(tail.startsWith('/') ? `/tmp${plain}` : `contoso ${plain}`);
  if (tail === '') out.push(`${plain} contoso`);
  return accountsOnly(field, out);
}

function compareCandidate(values: readonly Extract<ScalarValue, { kind: 'compare' }>[], base: unknown): number[] {
  let lo = -Infinity;
  let hi = Infinity;
  for (const v of values) {
    if (v.op === 'gt') lo = Math.max(lo, Math.floor(v.value) + 1);
    if (v.op === 'gte') lo = Math.max(lo, Math.ceil(v.value));
    if (v.op === 'lt') hi = Math.min(hi, Math.ceil(v.value) - 1);
    if (v.op === 'lte') hi = Math.min(hi, Math.floor(v.value));
  }
  const out: number[] = [];
  if (typeof base === 'number') out.push(base);
  if (lo !== -Infinity) out.push(lo);
  if (hi !== Infinity) out.push(hi);
  if (lo === -Infinity && hi === Infinity) out.push(0);
  return out;
}

function cidrCandidate(v: Extract<ScalarValue, { kind: 'cidr' }>): string | undefined {
  const net = parseNetwork(v.version, v.network, v.prefixLength);
  if (net === undefined) return undefined;
  if (v.version === 4) {
    const parts = v.network.split('.').map(Number);
    if (v.prefixLength < 32) parts[3] = (parts[3]! | 1) >>> 0;
    return parts.join('.');
  }
  return v.prefixLength < 128 ? (v.network.endsWith('::') ? `${v.network}1` : v.network) : v.network;
}

function timestampCandidate(v: Extract<ScalarValue, { kind: 'timestamp-part' }>): string | undefined {
  const want = v.op === 'eq' || v.op === 'gte' || v.op === 'lte' ? v.value : v.op === 'gt' ? v.value + 1 : v.value - 1;
  const d = { year: 2025, month: 6, day: 2, hour: 9, minute: 14 };
  if (v.part === 'week') return undefined;
  d[v.part] = want;
  const ms = Date.UTC(d.year, d.month - 1, d.day, d.hour, d.minute, 7);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** Text that differs from a template value, for fields a negated test must not match. */
function neutral(base: unknown): unknown[] {
  const out: unknown[] = [];
  if (base !== undefined) out.push(base);
  if (typeof base === 'string' && base.includes('\\')) out.push('C:\\Program Files\\Contoso\\contoso.exe', 'C:\\Users\\Public\\contoso.exe');
  // A time stays a time (Sysmon's form) in another decade.
  if (typeof base === 'string' && SYSMON_TIME.test(base)) out.push(`2009${base.slice(4)}`, `1999${base.slice(4)}`);
  out.push('contoso', 0, '-');
  return out;
}

export type FieldResult = { readonly ok: true; readonly value: FieldValue } | { readonly ok: false; readonly reason: string };

/**
 * A value for `field` that passes every positive test and fails every negated one, per the evaluator's
 * own semantics; `base` is the template's value. Field references are resolved by the caller.
 */
export function fieldValue(field: string, pos: readonly ScalarValue[], neg: readonly ScalarValue[], base: unknown, variant: number): FieldResult {
  const tests: { test: Predicate; want: boolean }[] = [];
  for (const [list, want] of [
    [pos, true],
    [neg, false],
  ] as const) {
    for (const v of list) {
      const t = valueTest(field, v);
      if (typeof t === 'string') return { ok: false, reason: `unsupported value: ${t}` };
      tests.push({ test: t, want });
    }
  }
  const ok = (c: FieldValue): boolean => tests.every(({ test, want }) => holds(field, c, test) === want);
  const candidates: FieldValue[] = [];
  if (pos.some((v) => v.kind === 'null' || (v.kind === 'exists' && !v.exists))) candidates.push(ABSENT);
  const strings = pos.filter((v): v is StringValue => v.kind === 'string');
  const regexes = pos.filter((v): v is Extract<ScalarValue, { kind: 'regex' }> => v.kind === 'regex');
  if (strings.length > 0) candidates.push(...stringCandidates(field, strings, base));
  if (regexes.length > 0 && (strings.length > 0 || regexes.length > 1)) {
    // Regexes are unanchored: their examples go in the middle, between a required prefix and suffix.
    for (let i = 0; i < 4; i++) {
      const examples = regexes.map((r) => regexExample(r.pattern, variant + i));
      if (examples.every((e): e is string => e !== undefined)) candidates.push(...stringCandidates(field, strings, base, examples));
    }
  }
  for (const v of pos) {
    switch (v.kind) {
      case 'number':
        candidates.push(typeof base === 'string' ? String(v.value) : v.value, typeof base === 'string' ? v.value : String(v.value));
        break;
      case 'boolean':
        candidates.push(v.value, String(v.value));
        break;
      case 'regex':
        for (let i = 0; i < 4; i++) {
          const s = regexExample(v.pattern, variant + i);
          if (s !== undefined) candidates.push(s);
        }
        break;
      case 'cidr': {
        const ip = cidrCandidate(v);
        if (ip !== undefined) candidates.push(ip);
        break;
      }
      case 'timestamp-part': {
        const ts = timestampCandidate(v);
        if (ts !== undefined) candidates.push(ts);
        break;
      }
      case 'exists':
        if (v.exists) candidates.push(base ?? 'contoso');
        break;
      default:
        break;
    }
  }
  const compares = pos.filter((v): v is Extract<ScalarValue, { kind: 'compare' }> => v.kind === 'compare');
  if (compares.length > 0) candidates.push(...compareCandidate(compares, base));
  // Neutral values last: they satisfy wildcard-only tests (`*`) and negated-only fields (numbers for numbers).
  if (pos.length === 0 && neg.length > 0 && neg.every((v) => v.kind === 'number')) candidates.push(...(base === undefined ? [] : [base]), 0, 1);
  candidates.push(...neutral(base));
  if (pos.length === 0) candidates.push(ABSENT);
  for (const c of candidates) if (ok(c)) return { ok: true, value: c };
  const kinds = [...new Set(pos.map((v) => v.kind))].join('+');
  if (pos.some((v) => v.kind === 'regex')) {
    return candidates.some((c) => typeof c === 'string')
      ? { ok: false, reason: `regex: no generated string for ${field} passes every constraint` }
      : { ok: false, reason: 'regex: cannot generate a matching string (unsupported construct)' };
  }
  return { ok: false, reason: `no value of ${field} satisfies its ${kinds || 'negated'} constraints` };
}
