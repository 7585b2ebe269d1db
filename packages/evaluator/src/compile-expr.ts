import { assertNever, diagnostic } from '@sigmats/core';
import type { Diagnostic, Expr, KeywordExpr, MatchExpr, ScalarValue } from '@sigmats/core';
import { inNetwork, parseIp, parseNetwork } from './cidr.js';
import { type EventView, type FieldRegistry, MISSING, scalarLeaves, stringForm, type Texts } from './event.js';
import { fold } from './fold.js';
import { keywordProbe } from './keyword-probe.js';
import { compileRegex } from './regex.js';
import { hasRun, regexGuard, type RegexGuard } from './regex-guard.js';
import { requiredLiterals } from './regex-literals.js';
import { compileStringPattern } from './string-pattern.js';
import { compileStringSet, type StringSetMember } from './string-set.js';
import { TextMemo } from './text-memo.js';
import { parseTimestamp, timestampPart } from './timestamp.js';

/** A compiled boolean test over one event. */
export type Predicate = (ev: EventView) => boolean;

/** `field contains literal` (folded): a necessary condition used by the prefilter index. */
export interface Atom {
  /** Field name ('' for a keyword atom). */
  readonly field: string;
  readonly literal: string;
  /**
   * Set for a keyword atom: some string or number leaf of the event (any field, nested too) has the literal in its
   * fold. This is the leaf check that never refuses such a leaf (keyword-probe.ts); the prefilter applies it to
   * the leaves its field scans have not read (keyword-leaves.ts).
   */
  readonly keyword?: (leaf: string) => boolean;
}

/**
 * Necessary conditions of an expression in conjunctive form: if the expression is true, every clause has
 * at least one atom that holds. An empty list means no requirement; an empty clause means "never true".
 */
export type Clauses = readonly (readonly Atom[])[];

export interface CompiledExpr {
  readonly test: Predicate;
  readonly clauses: Clauses;
  /** Set for a plain string test on one field, so that an OR of many can share one test (see string-set.ts). */
  readonly simple?: SimpleStringTest;
}

/** `field` (folded or not) equals / starts with / ends with / contains `text`. */
export interface SimpleStringTest extends StringSetMember {
  readonly field: string;
  readonly id: number | undefined;
  readonly folded: boolean;
}

export interface CompileContext {
  readonly rule: string;
  readonly diagnostics: Diagnostic[];
  /** Field ids shared with the EventViews the predicates will run on (default: the view's own). */
  readonly fields?: FieldRegistry;
}

/** Thrown (and caught per condition) when a value cannot be evaluated: the condition is left out. */
export class UnsupportedValue extends Error {}

const NUMERIC = /^[+-]?\d+(?:\.\d+)?$/;

/** Numbers and numeric strings (strict decimal syntax) as numbers; anything else undefined. */
export function numericForm(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && NUMERIC.test(v)) return Number(v);
  return undefined;
}

function cheapest(clauses: Clauses): readonly Atom[] | undefined {
  let best: readonly Atom[] | undefined;
  let bestCost = Infinity;
  for (const c of clauses) {
    const cost = clauseCost(c);
    if (cost < bestCost) {
      best = c;
      bestCost = cost;
    }
  }
  return best;
}

/**
 * Everyday Windows process-creation text: a literal found in it (`\\windows\\`, `\\svchost.exe`) would make
 * most events candidates, so clauses built on one are chosen last, and left out of an AND that has a clause without
 * one (andClauses). Only steers the choice between clauses; any clause is correct.
 */
const EVERYDAY_TEXT = [
  'c:\\windows\\system32\\svchost.exe -k netsvcs -p -s schedule',
  'c:\\windows\\system32\\windowspowershell\\v1.0\\powershell.exe',
  'c:\\windows\\syswow64\\cmd.exe /c',
  'c:\\windows\\explorer.exe',
  'c:\\program files (x86)\\microsoft\\edge\\application\\msedge.exe --type=renderer',
  'c:\\program files\\google\\chrome\\application\\chrome.exe',
  'c:\\users\\user\\appdata\\local\\temp\\',
  'c:\\windows\\system32\\conhost.exe 0xffffffff -forcev1',
  'c:\\windows\\system32\\rundll32.exe',
  'microsoft corporation',
  'microsoft® windows® operating system',
  'nt authority\\system',
].join('\u0000');

/** Whether everyday text holds the atom's literal. */
const everyday = (a: Atom): boolean => EVERYDAY_TEXT.includes(a.literal);

/** Lower is more selective: fewer atoms, longer literals, no everyday text. */
export function clauseCost(c: readonly Atom[]): number {
  let cost = 0;
  // Short literals are found everywhere: their cost grows fast as they shrink.
  for (const a of c) cost += 1 + 100 / Math.max(1, a.literal.length) ** 2 + (everyday(a) ? 20 : 0);
  return cost;
}

/** At most this many clauses per condition are kept: any subset of necessary conditions stays necessary. */
const MAX_CLAUSES = 6;

/**
 * The clauses of an AND: each is necessary, so any subset is. A clause that everyday text meets (`.exe`, `\\system32`)
 * is hit by most events, filters almost none of them out, and costs on every one: each hit of its literal is counted
 * against the condition (the prefilter's pairs). It is left out when the AND has another clause. Measured on the
 * evaluator bench: the (condition, clause) pairs an event hits fell from 36 to 12 on CommandLine and from 15 to 3 on
 * Image, candidates per event rose from 7.2 to 7.8, matching x1.05 (paired runs; BENCHMARKS.md, evaluator round 8).
 */
function andClauses(parts: readonly Clauses[]): Clauses {
  let all = parts.flat();
  if (all.some((c) => c.length === 0)) return [[]];
  const rare = all.filter((c) => !c.some(everyday));
  if (rare.length > 0 && rare.length < all.length) all = rare;
  if (all.length <= MAX_CLAUSES) return all;
  return [...all].sort((a, b) => clauseCost(a) - clauseCost(b)).slice(0, MAX_CLAUSES);
}

function orClauses(parts: readonly Clauses[]): Clauses {
  const merged: Atom[] = [];
  for (const p of parts) {
    if (p.length === 0) return [];
    const c = cheapest(p)!;
    merged.push(...c);
  }
  return [merged];
}

export function compileExpr(expr: Expr, ctx: CompileContext): CompiledExpr {
  switch (expr.kind) {
    case 'and': {
      const parts = expr.operands.map((o) => compileExpr(o, ctx));
      const tests = parts.map((p) => p.test);
      return { test: andOf(tests), clauses: andClauses(parts.map((p) => p.clauses)) };
    }
    case 'or': {
      const parts = expr.operands.map((o) => compileExpr(o, ctx));
      return { test: orOf(groupStringTests(parts)), clauses: orClauses(parts.map((p) => p.clauses)) };
    }
    case 'not': {
      const inner = compileExpr(expr.operand, ctx).test;
      return { test: (ev) => !inner(ev), clauses: [] };
    }
    case 'const':
      return expr.value ? { test: () => true, clauses: [] } : { test: () => false, clauses: [[]] };
    case 'match':
      return compileMatch(expr, ctx);
    case 'keyword':
      return compileKeyword(expr, ctx);
    default:
      return assertNever(expr, 'expression');
  }
}

/** Below this many plain string tests on one field, the plain OR of them is as fast. */
const MIN_STRING_SET = 4;

/**
 * The tests of an OR's operands, with the plain string tests on the same field (same case handling) merged
 * into one test per field: one pass over a Set and two tries instead of one call per value.
 */
function groupStringTests(parts: readonly CompiledExpr[]): Predicate[] {
  const groups = new Map<string, SimpleStringTest[]>();
  for (const p of parts) {
    if (p.simple === undefined) continue;
    const key = `${p.simple.folded ? 'f' : 'c'}:${p.simple.field}`;
    let g = groups.get(key);
    if (g === undefined) groups.set(key, (g = []));
    g.push(p.simple);
  }
  const tests: Predicate[] = [];
  const merged = new Set<string>();
  for (const p of parts) {
    const s = p.simple;
    const key = s === undefined ? undefined : `${s.folded ? 'f' : 'c'}:${s.field}`;
    const group = key === undefined ? undefined : groups.get(key)!;
    if (s === undefined || group!.length < MIN_STRING_SET) {
      tests.push(p.test);
      continue;
    }
    if (merged.has(key!)) continue;
    merged.add(key!);
    const { field, folded, id } = s;
    const test = compileStringSet(group!);
    tests.push((ev) => anyText(ev.text(field, folded, id), test));
  }
  return tests;
}

function andOf(tests: readonly Predicate[]): Predicate {
  if (tests.length === 1) return tests[0]!;
  if (tests.length === 2) {
    const [a, b] = tests as [Predicate, Predicate];
    return (ev) => a(ev) && b(ev);
  }
  return (ev) => {
    for (const t of tests) if (!t(ev)) return false;
    return true;
  };
}

function orOf(tests: readonly Predicate[]): Predicate {
  if (tests.length === 1) return tests[0]!;
  if (tests.length === 2) {
    const [a, b] = tests as [Predicate, Predicate];
    return (ev) => a(ev) || b(ev);
  }
  return (ev) => {
    for (const t of tests) if (t(ev)) return true;
    return false;
  };
}

function unsupported(ctx: CompileContext, value: ScalarValue, message: string, code: Diagnostic['code']): never {
  ctx.diagnostics.push(diagnostic(code, message, value.loc, { rule: ctx.rule }));
  throw new UnsupportedValue(message);
}

/**
 * Short literals made of everyday characters (letters, digits, spaces, path punctuation) are not indexed:
 * they occur in nearly every event (` -`, `.e`), so checking them costs more than evaluating the condition.
 * Short literals of rare characters (`^^`, a backtick, emoji, homoglyphs) stay: they are selective.
 */
const MIN_LITERAL = 3;
// ASCII whitespace only: `\s` would also call NBSP and the other Unicode spaces everyday, and a rule listing
// one of them (command-line obfuscation with U+00A0) would lose its clause and be evaluated on every event.
const EVERYDAY = /^[A-Za-z0-9 \t\r\n\\/.:\-_"',=]*$/;
export function weak(literal: string): boolean {
  return literal.length < MIN_LITERAL && EVERYDAY.test(literal);
}

/** Literals required by a regex (one per top-level alternative) as a single OR clause. */
function regexClauses(field: string, source: string, ignoreCase: boolean, guard: RegexGuard | undefined): Clauses {
  const out: (readonly Atom[])[] = [];
  const lits = requiredLiterals(source, ignoreCase, weak);
  if (lits && !lits.some(unindexable)) out.push(lits.map((l) => ({ field, literal: fold(l) })));
  // regex-guard.ts also reads groups and small classes: every match holds one string of each of its sets, in the
  // text or (folded) in fold(text); either way fold(text) holds its fold, as the prefilter needs (fold maps code
  // point to code point). `"(?:\{\d\})+"\s*-f` (PowerShell token obfuscation) gets a clause this way.
  for (const set of guard?.literals?.all ?? []) {
    if (!set.some(unindexable)) out.push(set.map((l) => ({ field, literal: fold(l) })));
  }
  return andClauses([out]);
}

const unindexable = (l: string): boolean => l === '' || weak(l) || l.includes('\u0000');

/**
 * A native substring check run before RE2: every match contains one of these literals (one per
 * top-level alternative), so a text without any cannot match. Case-insensitive patterns are probed on
 * the folded text with folded (ASCII) literals.
 */
function literalGuard(source: string, ignoreCase: boolean): { strings: readonly string[]; folded: boolean } | undefined {
  const lits = requiredLiterals(source, ignoreCase);
  if (!lits || lits.some((l) => l === '')) return undefined;
  const folded = ignoreCase || /\(\?[a-zA-Z]*i/.test(source);
  return { strings: folded ? lits.map(fold) : lits, folded };
}


/** The length and class-run checks of regex-guard.ts on the raw text, when they can refuse anything. */
function rawCheck(g: RegexGuard | undefined): ((t: string) => boolean) | undefined {
  if (g === undefined) return undefined;
  const { minLength, run } = g;
  if (run !== undefined) return (t) => t.length >= minLength && hasRun(t, run.length, run.member);
  return minLength >= 2 ? (t) => t.length >= minLength : undefined;
}

function longestLiteral(literals: readonly string[], folded: boolean): string | undefined {
  let best: string | undefined;
  for (const l of literals) {
    if (best === undefined || (weak(l) !== weak(best) ? !weak(l) : l.length > best.length)) best = l;
  }
  if (best === undefined || best === '' || weak(best) || best.includes('\u0000')) return undefined;
  return folded ? best : fold(best);
}

function includesSome(t: string, strings: readonly string[]): boolean {
  for (const s of strings) if (t.includes(s)) return true;
  return false;
}

/** Any text passes. */
function anyText(texts: Texts, test: (t: string) => boolean): boolean {
  if (typeof texts === 'string') return test(texts);
  for (const t of texts) if (test(t)) return true;
  return false;
}

/** Any scalar leaf of the field's value passes (arrays: any element). */
function anyLeaf(v: unknown, test: (leaf: unknown) => boolean): boolean {
  if (!Array.isArray(v)) return test(v);
  const leaves: unknown[] = [];
  scalarLeaves(v, leaves);
  for (const l of leaves) if (test(l)) return true;
  return false;
}

function compileMatch(expr: MatchExpr, ctx: CompileContext): CompiledExpr {
  const { field, value } = expr;
  // Without a shared registry the view assigns ids itself (one map lookup per access).
  const id = ctx.fields?.id(field);
  switch (value.kind) {
    case 'string': {
      if (value.parts.some((p) => p.kind === 'placeholder')) {
        unsupported(ctx, value, `unresolved placeholder in value of field '${field}'`, 'pipeline/placeholder-unresolved');
      }
      const pat = compileStringPattern(value.parts, value.cased);
      const folded = pat.folded;
      const test = pat.test;
      const lit = longestLiteral(pat.literals, folded);
      const { shape } = pat;
      const simple: SimpleStringTest | undefined =
        shape === 'exact' || shape === 'prefix' || shape === 'suffix' || shape === 'contains'
          ? { field, id, folded, shape, text: pat.literals[0] ?? '' }
          : undefined;
      return {
        test: (ev) => anyText(ev.text(field, folded, id), test),
        clauses: lit === undefined ? [] : [[{ field, literal: lit }]],
        ...(simple ? { simple } : {}),
      };
    }
    case 'number': {
      const n = value.value;
      const digits = String(Math.abs(n));
      const atom = Number.isSafeInteger(n) && !weak(digits) ? [[{ field, literal: digits }]] : [];
      return { test: (ev) => anyLeaf(ev.get(field, id), (l) => numericForm(l) === n), clauses: atom };
    }
    case 'boolean': {
      const b = value.value;
      const text = b ? 'true' : 'false';
      return {
        test: (ev) => anyLeaf(ev.get(field, id), (l) => l === b || (typeof l === 'string' && fold(l) === text)),
        clauses: [[{ field, literal: text }]],
      };
    }
    case 'null':
      return {
        test: (ev) => {
          const v = ev.get(field, id);
          return v === MISSING || v === null || (Array.isArray(v) && anyLeaf(v, (l) => l === null));
        },
        clauses: [],
      };
    case 'exists': {
      const want = value.exists;
      return { test: (ev) => (ev.get(field, id) !== MISSING) === want, clauses: [] };
    }
    case 'regex': {
      if (value.placeholders.length > 0) {
        unsupported(ctx, value, `unresolved placeholder in regex of field '${field}'`, 'pipeline/placeholder-unresolved');
      }
      const re = compileRegex(value.pattern, value.flags);
      if (!re.ok) {
        unsupported(ctx, value, `regex /${value.pattern}/ cannot be evaluated safely: ${re.reason}`, 'eval/unsupported-regex');
      }
      const rx = re.regex;
      // RE2 costs about 10 ns a character: repeated texts (most command lines of a stream) are answered from a memo,
      // and native checks (regex-guard.ts) refuse most other texts first.
      const memoTest = new TextMemo((t) => rx.test(t)).run;
      const shape = regexGuard(re.source, value.flags);
      const clauses = regexClauses(field, re.source, value.flags.ignoreCase, shape);
      const pre = rawCheck(shape);
      const rxTest = pre === undefined ? memoTest : (t: string): boolean => pre(t) && memoTest(t);
      // regex-guard.ts reads classes and groups too; requiredLiterals reads syntax it gives up on (\Q...\E, \p...).
      const old = literalGuard(re.source, value.flags.ignoreCase);
      const guard = shape?.literals ?? (old && { all: [old.strings], folded: old.folded });
      if (!guard) return { test: (ev) => anyText(ev.text(field, false, id), rxTest), clauses };
      const { all, folded } = guard;
      const probe = (t: string): boolean => {
        for (const set of all) if (!includesSome(t, set)) return false;
        return true;
      };
      return {
        test: (ev) => {
          const raw = ev.text(field, false, id);
          const probes = folded ? ev.text(field, true, id) : raw;
          if (typeof raw === 'string') return probe(probes as string) && rxTest(raw);
          for (let i = 0; i < raw.length; i++) if (probe(probes[i] as string) && rxTest(raw[i]!)) return true;
          return false;
        },
        clauses,
      };
    }
    case 'cidr': {
      const net = parseNetwork(value.version, value.network, value.prefixLength);
      if (!net) unsupported(ctx, value, `invalid network ${value.network}/${value.prefixLength}`, 'modifier/cidr-invalid');
      return {
        test: (ev) =>
          anyText(ev.text(field, false, id), (t) => {
            const ip = parseIp(t);
            return ip !== undefined && inNetwork(net, ip);
          }),
        clauses: [],
      };
    }
    case 'compare': {
      const { op, value: bound } = value;
      const cmp = compareFn(op, bound);
      return { test: (ev) => anyLeaf(ev.get(field, id), (l) => { const n = numericForm(l); return n !== undefined && cmp(n); }), clauses: [] };
    }
    case 'fieldref': {
      const other = value.field;
      const otherId = ctx.fields?.id(other);
      const folded = !value.cased;
      const rel = value.match;
      const test = (a: string, b: string): boolean =>
        rel === 'equals' ? a === b : rel === 'startswith' ? a.startsWith(b) : rel === 'endswith' ? a.endsWith(b) : a.includes(b);
      // `text` rather than `texts`: a field's usual single string is compared without wrapping it in an array (the
      // rule "Executable Run Itself As Sacrificial Process" runs on every event).
      const against = (a: string, theirs: Texts): boolean => {
        if (typeof theirs === 'string') return test(a, theirs);
        for (const b of theirs) if (test(a, b)) return true;
        return false;
      };
      return {
        test: (ev) => {
          const mine = ev.text(field, folded, id);
          // No value (an empty list, not an empty string): the other field need not be read.
          if (typeof mine !== 'string' && mine.length === 0) return false;
          const theirs = ev.text(other, folded, otherId);
          if (typeof mine === 'string') return against(mine, theirs);
          for (const a of mine) if (against(a, theirs)) return true;
          return false;
        },
        clauses: [],
      };
    }
    case 'timestamp-part': {
      const { part, op, value: bound } = value;
      const cmp = op === 'eq' ? (n: number) => n === bound : compareFn(op, bound);
      return {
        test: (ev) =>
          anyLeaf(ev.get(field, id), (l) => {
            const ms = parseTimestamp(l);
            return ms !== undefined && cmp(timestampPart(ms, part));
          }),
        clauses: [],
      };
    }
    case 'query-expression':
      return unsupported(
        ctx,
        value,
        `query expression '${value.expression}' on field '${field}' is target-query text and cannot be evaluated on events`,
        'eval/unsupported-value',
      );
    default:
      return assertNever(value, 'value');
  }
}

function compareFn(op: 'lt' | 'lte' | 'gt' | 'gte', bound: number): (n: number) => boolean {
  switch (op) {
    case 'lt':
      return (n) => n < bound;
    case 'lte':
      return (n) => n <= bound;
    case 'gt':
      return (n) => n > bound;
    case 'gte':
      return (n) => n >= bound;
    default:
      return assertNever(op, 'operator');
  }
}

/** A case-insensitive native search for a printable ASCII keyword (folded) in a raw leaf. */
function regexProbe(lit: string): (leaf: string) => boolean {
  const re = new RegExp(lit.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&').replace(/i/g, '[iİ]'), 'iu');
  return (t) => re.test(t);
}

/** Longest keyword literal given the native case-insensitive pre-check. */
const QUICK_LITERAL_MAX = 1024;

/**
 * Keywords: substring (contains) semantics over every string and number leaf of the event. A folded printable ASCII
 * keyword gives the prefilter a keyword atom (see Atom.keyword): the field scans find it in the indexed fields and
 * only the other leaves are searched, instead of every leaf of every event when the condition is evaluated. Other
 * keywords give no clause.
 */
function compileKeyword(expr: KeywordExpr, ctx: CompileContext): CompiledExpr {
  const { value } = expr;
  switch (value.kind) {
    case 'string': {
      if (value.parts.some((p) => p.kind === 'placeholder')) {
        unsupported(ctx, value, 'unresolved placeholder in keyword', 'pipeline/placeholder-unresolved');
      }
      const parts = [{ kind: 'wildcard-multi' as const }, ...value.parts, { kind: 'wildcard-multi' as const }];
      const pat = compileStringPattern(parts, value.cased);
      const folded = pat.folded;
      const test = pat.test;
      const lit = pat.literals[0];
      if (pat.shape === 'contains' && lit !== undefined && !lit.includes('\u0000')) {
        // V8 refuses to compile a /iu pattern past a size limit ("Regular expression too large", thrown at the
        // first match); long literals skip the quick check and use the folded text alone.
        if (folded && lit.length <= QUICK_LITERAL_MAX && /^[\x20-\x7e]+$/.test(lit)) {
          // Folding every leaf is the expensive part: a native search on the raw text rules out most events
          // first. keyword-probe.ts anchors an `indexOf` on a character of the keyword that is no letter; without
          // one, a case-insensitive RegExp (/iu folds like `fold` for ASCII literals except İ → i, added here).
          const quick = keywordProbe(lit) ?? regexProbe(lit);
          return {
            // fold keeps code-point counts and the literal is ASCII: a leaf shorter than it cannot contain it.
            test: (ev) => ev.someKeywordLeaf(quick, lit.length) && ev.keywordJoined(true).includes(lit),
            clauses: weak(lit) ? [] : [[{ field: '', literal: lit, keyword: quick }]],
          };
        }
        return { test: (ev) => ev.keywordJoined(folded).includes(lit), clauses: [] };
      }
      return { test: (ev) => anyText(ev.keywordTexts(folded), test), clauses: [] };
    }
    case 'number': {
      const text = stringForm(value.value) ?? '';
      return { test: (ev) => ev.keywordJoined(false).includes(text), clauses: [] };
    }
    case 'regex': {
      const re = compileRegex(value.pattern, value.flags);
      if (!re.ok) {
        unsupported(ctx, value, `regex /${value.pattern}/ cannot be evaluated safely: ${re.reason}`, 'eval/unsupported-regex');
      }
      const rx = re.regex;
      return { test: (ev) => anyText(ev.keywordTexts(false), (t) => rx.test(t)), clauses: [] };
    }
    default:
      return assertNever(value, 'keyword value');
  }
}
