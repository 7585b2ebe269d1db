import { fold } from './fold.js';

/**
 * Native pre-checks for an RE2 pattern (RE2 syntax, as translatePcre gives it), run before RE2 itself: RE2 (re2js)
 * costs about 10 ns a character, and some rules' regexes have no literal the prefilter could index, so they run on
 * every event. Each check is necessary, never sufficient: a text it refuses has no match.
 *
 * - `minLength`: a match has at least this many code points, so a text of fewer UTF-16 units has none
 *   (`.{1000,}` of the long-command-line rules).
 * - `run`: a match holds this many consecutive characters of one class (`[a-fA-F0-9]{64}`); the text is probed
 *   every `length` units and only runs around a member are measured.
 * - `literals`: a match contains one of these strings (one set per top-level alternative, merged). Adjacent literal
 *   characters and classes of at most MAX_CLASS characters combine into strings (`\.[ "']` gives `. `, `."`, `.'`);
 *   regex-literals.ts finds single runs of plain characters only.
 *
 * The patterns are parsed by a small recursive-descent reader of the RE2 syntax the rules use. Anything it does not
 * know (Unicode classes, \Q...\E, POSIX classes, octal escapes...) makes it give up on the whole pattern: no check.
 */
export interface RegexGuard {
  readonly minLength: number;
  readonly run: { readonly length: number; readonly member: (unit: number) => boolean } | undefined;
  /**
   * Sets of strings: every match contains a string of each set (searched in fold(text) when `folded`); undefined:
   * none known.
   */
  readonly literals: { readonly all: readonly (readonly string[])[]; readonly folded: boolean } | undefined;
}

/** Classes of at most this many characters are expanded into literal strings. */
const MAX_CLASS = 4;
/** At most this many strings per literal set. */
const MAX_STRINGS = 16;
/** At most this many sets are searched for (the most selective). */
const MAX_SETS = 3;
/** Shorter runs are not worth probing for. */
const MIN_RUN = 8;

/** One code point: ASCII members in a bitmap; `other`: some non-ASCII code point is a member too. */
interface CharNode {
  readonly k: 'char';
  readonly ascii: Uint8Array;
  readonly other: boolean;
  /** Under (?i): matching is case-insensitive (the bitmap already holds both cases of its letters). */
  readonly ci: boolean;
  /** A single literal code point (its text), for literal strings; undefined for classes and `.`. */
  readonly lit: string | undefined;
}
type Node =
  | CharNode
  | { readonly k: 'cat'; readonly subs: Node[] }
  | { readonly k: 'alt'; readonly subs: Node[] }
  | { readonly k: 'rep'; readonly sub: Node; readonly min: number }
  | { readonly k: 'empty' };

class Unsupported extends Error {}

interface Flags {
  i: boolean;
  s: boolean;
}

class Reader {
  private i = 0;
  constructor(private readonly src: string) {}

  parse(flags: Flags): Node {
    const n = this.alt({ ...flags });
    if (this.i !== this.src.length) throw new Unsupported();
    return n;
  }

  private peek(): string | undefined {
    return this.src[this.i];
  }

  private alt(flags: Flags): Node {
    const subs = [this.cat(flags)];
    while (this.peek() === '|') {
      this.i++;
      subs.push(this.cat(flags));
    }
    return subs.length === 1 ? subs[0]! : { k: 'alt', subs };
  }

  /** A sequence; a flag group `(?i)` changes `flags` for the rest of the enclosing group. */
  private cat(flags: Flags): Node {
    const subs: Node[] = [];
    for (;;) {
      const c = this.peek();
      if (c === undefined || c === '|' || c === ')') break;
      const atom = this.atom(flags);
      if (atom === undefined) {
        // RE2 applies a quantifier after a flag group to the atom before the group: not modelled here.
        if ('*+?{'.includes(this.peek() ?? '|')) throw new Unsupported();
        continue;
      }
      const q = this.quantified(atom);
      // A group's sequence is part of this one (concatenation is associative): its characters stay adjacent.
      if (q.k === 'cat') subs.push(...q.subs);
      else subs.push(q);
    }
    return subs.length === 1 ? subs[0]! : { k: 'cat', subs };
  }

  private quantified(atom: Node): Node {
    let node = atom;
    for (;;) {
      const c = this.peek();
      let min: number;
      if (c === '*' || c === '?') min = 0;
      else if (c === '+') min = 1;
      else if (c === '{') {
        const m = /^\{(\d+)(,\d*)?\}/.exec(this.src.slice(this.i, this.i + 24));
        if (!m) return node; // not a repeat: `{` is a literal, read as the next atom
        this.i += m[0].length - 1;
        min = Number(m[1]);
        if (min > 1000) throw new Unsupported();
      } else return node;
      this.i++;
      if (this.peek() === '?') this.i++; // lazy: the same texts match
      node = { k: 'rep', sub: node, min };
    }
  }

  /** One atom, or undefined for a flag group that only changed `flags`. */
  private atom(flags: Flags): Node | undefined {
    const c = this.src[this.i++]!;
    switch (c) {
      case '(': {
        let inner = { ...flags };
        if (this.peek() === '?') {
          this.i++;
          const m = /^(?:P?<[A-Za-z0-9_]+>|([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)]))/.exec(this.src.slice(this.i));
          if (!m) throw new Unsupported(); // lookbehind and anything else
          this.i += m[0].length;
          if (!m[0].includes('<')) {
            const set = applyFlags(flags, m[1] ?? '', m[2] ?? '');
            if (m[3] === ')') {
              flags.i = set.i;
              flags.s = set.s;
              return undefined;
            }
            inner = set;
          }
        }
        const n = this.alt(inner);
        if (this.src[this.i++] !== ')') throw new Unsupported();
        return n;
      }
      case '[':
        return this.charClass(flags);
      case '.':
        return charNode(allAscii(flags.s), true, flags.i, undefined);
      case '^':
      case '$':
        return { k: 'empty' };
      case '\\':
        return this.escape(flags);
      case ')':
      case '*':
      case '+':
      case '?':
        throw new Unsupported();
      default:
        return literal(this.codePointBefore(), flags);
    }
  }

  private escape(flags: Flags): Node {
    const n = this.src[this.i++];
    if (n === undefined) throw new Unsupported();
    switch (n) {
      case 'A':
      case 'z':
      case 'b':
      case 'B':
        return { k: 'empty' };
      case 'd':
      case 's':
      case 'w': {
        const ascii = perlClass(n);
        return charNode(ascii, flags.i && addCases(ascii), false, undefined);
      }
      case 'D':
      case 'S':
      case 'W':
        // Under (?i) RE2 folds before negating, which this reader does not model: any character then.
        return charNode(flags.i ? allAscii(true) : negate(perlClass(n.toLowerCase())), true, false, undefined);
      default: {
        const cp = this.escapedCodePoint(n);
        return literal(cp, flags);
      }
    }
  }

  /** The code point of a character escape (after the backslash and `n`), inside or outside classes. */
  private escapedCodePoint(n: string): number {
    const simple = SIMPLE_ESCAPES[n];
    if (simple !== undefined) return simple;
    if (n === 'x') {
      const m = /^(?:\{([0-9A-Fa-f]{1,6})\}|([0-9A-Fa-f]{2}))/.exec(this.src.slice(this.i));
      if (!m) throw new Unsupported();
      this.i += m[0].length;
      return parseInt(m[1] ?? m[2]!, 16);
    }
    // Punctuation stands for itself; letters and digits are classes, octal, \p, \Q... : not read here.
    if (/[A-Za-z0-9]/.test(n) || n.charCodeAt(0) >= 128) throw new Unsupported();
    return n.charCodeAt(0);
  }

  private charClass(flags: Flags): Node {
    const ascii = new Uint8Array(128);
    let other = false;
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.i++;
    }
    let first = true;
    for (;;) {
      const c = this.src[this.i++];
      if (c === undefined) throw new Unsupported();
      if (c === ']' && !first) break;
      first = false;
      if (c === '[' && this.peek() === ':') throw new Unsupported();
      let lo: number;
      if (c === '\\') {
        const n = this.src[this.i++];
        if (n === undefined) throw new Unsupported();
        if ('dswDSW'.includes(n)) {
          if (flags.i && n !== n.toLowerCase()) throw new Unsupported();
          const set = perlClass(n.toLowerCase());
          const add = n === n.toLowerCase() ? set : negate(set);
          for (let u = 0; u < 128; u++) if (add[u]) ascii[u] = 1;
          if (n !== n.toLowerCase()) other = true;
          continue;
        }
        lo = this.escapedCodePoint(n);
      } else lo = this.codePointBefore();
      let hi = lo;
      if (this.peek() === '-' && this.src[this.i + 1] !== ']' && this.src[this.i + 1] !== undefined) {
        this.i++;
        const d = this.src[this.i++]!;
        hi = d === '\\' ? this.escapedCodePoint(this.src[this.i++] ?? '') : this.codePointBefore();
        if (hi < lo) throw new Unsupported();
      }
      for (let u = lo; u <= Math.min(hi, 127); u++) ascii[u] = 1;
      if (hi >= 128) other = true;
    }
    if (flags.i) other = addCases(ascii) || other;
    // Under (?i) a non-ASCII member's orbit may hold ASCII letters (K: k, K): any ASCII character then.
    if (flags.i && other) ascii.fill(1);
    // A negated class holds non-ASCII characters; under (?i) RE2 folds before negating: any character then.
    if (negated) return charNode(flags.i ? allAscii(true) : negate(ascii), true, false, undefined);
    return charNode(ascii, other, false, undefined);
  }

  /** The code point that ends at the reader (astral characters are two units). */
  private codePointBefore(): number {
    const cp = this.src.codePointAt(this.i - 1)!;
    if (cp > 0xffff) this.i++;
    return cp;
  }
}

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = { n: 10, t: 9, r: 13, f: 12, v: 11, a: 7 };

function applyFlags(flags: Flags, on: string, off: string): Flags {
  for (const f of on + off) if (!'imsU'.includes(f)) throw new Unsupported();
  const out = { ...flags };
  if (on.includes('i')) out.i = true;
  if (on.includes('s')) out.s = true;
  if (off.includes('i')) out.i = false;
  if (off.includes('s')) out.s = false;
  return out;
}

/** RE2's Perl classes are ASCII: \d [0-9], \s [\t\n\f\r ], \w [0-9A-Za-z_]. */
function perlClass(n: string): Uint8Array {
  const a = new Uint8Array(128);
  for (let u = 0; u < 128; u++) {
    const ch = String.fromCharCode(u);
    if (n === 'd' ? /[0-9]/.test(ch) : n === 's' ? /[\t\n\f\r ]/.test(ch) : /[0-9A-Za-z_]/.test(ch)) a[u] = 1;
  }
  return a;
}

function negate(a: Uint8Array): Uint8Array {
  return a.map((x) => 1 - x);
}

function allAscii(dotNl: boolean): Uint8Array {
  const a = new Uint8Array(128).fill(1);
  if (!dotNl) a[10] = 0;
  return a;
}

/** Adds the other case of each ASCII letter; true when k or s is in (their orbits hold K and ſ). */
function addCases(a: Uint8Array): boolean {
  let other = false;
  for (let u = 65; u <= 90; u++) {
    if (a[u] || a[u + 32]) {
      a[u] = a[u + 32] = 1;
      if (u === 75 || u === 83) other = true;
    }
  }
  return other;
}

function charNode(ascii: Uint8Array, other: boolean, ci: boolean, lit: string | undefined): CharNode {
  return { k: 'char', ascii, other, ci, lit };
}

function literal(cp: number, flags: Flags): CharNode {
  const text = String.fromCodePoint(cp);
  const ascii = new Uint8Array(128);
  let other = cp >= 128;
  if (cp < 128) ascii[cp] = 1;
  // Under (?i) a non-ASCII letter's orbit is not known here (K's holds k and K): any character then.
  if (flags.i) other = addCases(ascii) || other;
  if (flags.i && cp >= 128) ascii.fill(1);
  return charNode(ascii, other, flags.i, text);
}

function minLength(n: Node): number {
  switch (n.k) {
    case 'char':
      return 1;
    case 'empty':
      return 0;
    case 'rep':
      return n.min * minLength(n.sub);
    case 'cat':
      return n.subs.reduce((a, s) => a + minLength(s), 0);
    case 'alt':
      return Math.min(...n.subs.map(minLength));
  }
}

/** The items of a top-level sequence (a single node is a sequence of one). */
function items(n: Node): readonly Node[] {
  return n.k === 'cat' ? n.subs : [n];
}

/** The longest run of one class a match must hold, among the top-level repeats of a class. */
function longestRun(root: Node): { length: number; ascii: Uint8Array; other: boolean } | undefined {
  let best: { length: number; ascii: Uint8Array; other: boolean } | undefined;
  for (const it of items(root)) {
    if (it.k !== 'rep' || it.sub.k !== 'char') continue;
    if (it.min >= MIN_RUN && (best === undefined || it.min > best.length)) best = { length: it.min, ascii: it.sub.ascii, other: it.sub.other };
  }
  return best;
}

/** The folded text forms one character may take, or undefined when there are too many or unknown ones. */
function charStrings(c: CharNode, folded: boolean): string[] | undefined {
  if (c.lit !== undefined) {
    if (!c.ci) return [folded ? fold(c.lit) : c.lit];
    // Under (?i) an ASCII character's orbit (with K and ſ) folds to its lower case; other orbits are not known.
    return c.lit.charCodeAt(0) < 128 ? [c.lit.toLowerCase()] : undefined;
  }
  if (c.other) return undefined;
  const out = new Set<string>();
  for (let u = 0; u < 128; u++) if (c.ascii[u]) out.add(folded ? fold(String.fromCharCode(u)) : String.fromCharCode(u));
  return out.size <= MAX_CLASS ? [...out] : undefined;
}

/**
 * The sets of strings one alternative requires, each set one string of adjacent characters: characters of the
 * sequence combine, broken wherever something else comes. A repeat (min ≥ 1) adds its first copy, then breaks.
 */
function requiredSets(seq: readonly Node[], folded: boolean): string[][] {
  const out: string[][] = [];
  let cur: string[] = [''];
  const close = (): void => {
    if (cur[0] !== '') out.push(cur);
    cur = [''];
  };
  const feed = (items: readonly Node[]): void => {
    for (const it of items) {
      if (it.k === 'rep' && it.min >= 1 && it.sub.k === 'cat') {
        feed(it.sub.subs);
        close();
        continue;
      }
      const c = it.k === 'char' ? it : it.k === 'rep' && it.min >= 1 && it.sub.k === 'char' ? it.sub : undefined;
      const forms = c === undefined ? undefined : charStrings(c, folded);
      if (forms === undefined || cur.length * forms.length > MAX_STRINGS) {
        close();
        if (forms === undefined || forms.length > MAX_STRINGS) continue;
      }
      cur = cur.flatMap((s) => forms.map((f) => s + f));
      if (it.k === 'rep') close();
    }
  };
  feed(seq);
  close();
  return out.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
}

/** Longer shortest string first, then fewer strings. */
function better(a: readonly string[], b: readonly string[]): boolean {
  const la = Math.min(...a.map((s) => s.length));
  const lb = Math.min(...b.map((s) => s.length));
  return la !== lb ? la > lb : a.length < b.length;
}

function usesCaseFolding(n: Node): boolean {
  switch (n.k) {
    case 'char':
      return n.ci;
    case 'empty':
      return false;
    case 'rep':
      return usesCaseFolding(n.sub);
    case 'cat':
    case 'alt':
      return n.subs.some(usesCaseFolding);
  }
}

/** The pre-checks of an RE2 pattern, or undefined when the pattern uses syntax this reader does not know. */
export function regexGuard(source: string, flags: { readonly ignoreCase: boolean; readonly dotAll: boolean }): RegexGuard | undefined {
  let root: Node;
  try {
    root = new Reader(source).parse({ i: flags.ignoreCase, s: flags.dotAll });
  } catch (e) {
    if (e instanceof Unsupported || e instanceof RangeError) return undefined;
    throw e;
  }
  const run = longestRun(root);
  // Case-insensitive characters are compared in fold(text), where each has one form.
  const folded = usesCaseFolding(root);
  let all: string[][];
  if (root.k === 'alt') {
    // One of the alternatives matches: the union of their most selective sets.
    const best = root.subs.map((alt) => requiredSets(items(alt), folded)[0]);
    all = best.every((s) => s !== undefined) ? [[...new Set(best.flat() as string[])]] : [];
  } else {
    // The most selective set, and others that are worth an `includes` each (one character is found everywhere).
    const sets = requiredSets(items(root), folded);
    all = sets.filter((set, i) => i === 0 || Math.min(...set.map((s) => s.length)) >= 2).slice(0, MAX_SETS);
  }
  return {
    minLength: minLength(root),
    run: run === undefined ? undefined : { length: run.length, member: memberOf(run.ascii, run.other) },
    literals: all.length === 0 ? undefined : { all, folded },
  };
}

function memberOf(ascii: Uint8Array, other: boolean): (unit: number) => boolean {
  // Any non-ASCII unit counts when some non-ASCII code point is a member (a surrogate is half of one).
  return (u) => (u < 128 ? ascii[u] === 1 : other);
}

/** Whether the text holds `length` consecutive units that are members (probing every `length` units). */
export function hasRun(text: string, length: number, member: (unit: number) => boolean): boolean {
  const n = text.length;
  let i = length - 1;
  while (i < n) {
    if (!member(text.charCodeAt(i))) {
      i += length;
      continue;
    }
    let lo = i;
    while (lo > 0 && member(text.charCodeAt(lo - 1))) lo--;
    let hi = i + 1;
    while (hi < n && member(text.charCodeAt(hi))) hi++;
    if (hi - lo >= length) return true;
    // The next run long enough starts after hi, so it covers hi + length.
    i = hi + length;
  }
  return false;
}
