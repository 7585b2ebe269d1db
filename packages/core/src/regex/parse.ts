// RE2 syntax (Perl flags, as RE2JS.compile and RE2Set.add parse it) → syntax tree. The parser follows RE2's own
// (re2js's Parser: a stack of operands and markers) step for step, so the same patterns are refused with the same
// message and argument, in the same order, and the same patterns are accepted.
import { BEGIN_LINE, BEGIN_TEXT, END_LINE, END_TEXT, NO_WORD_BOUNDARY, WORD_BOUNDARY, subsOf } from './ast.js';
import type { Node, Parsed } from './ast.js';
import { CharClass, PERL_CLASSES, POSIX_CLASSES, rangeBody, unicodeClass } from './charclass.js';
import type { ClassItem } from './charclass.js';

/** A pattern RE2 refuses: RE2's message (`error parsing regexp: <code>: \`<arg>\``) and where in the pattern. */
export class RegexSyntaxError extends Error {
  constructor(
    /** RE2's error code text, e.g. `missing closing )`. */
    readonly code: string,
    /** The part of the pattern RE2 quotes ('' when it quotes none). */
    readonly arg: string,
    /** UTF-16 offset in the pattern where the problem starts. */
    readonly offset: number,
  ) {
    super(`error parsing regexp: ${code}${arg ? `: \`${arg}\`` : ''}`);
  }
}

// Parse-time flags (RE2's bits, so `~flags` in (?-i) works the same way).
const FOLD = 1;
const DOT_NL = 8;
const ONE_LINE = 16;
const NON_GREEDY = 32;

const MAX_REPEAT = 1000;
const MAX_HEIGHT = 1000;
const MAX_SIZE = 1398101;
const MAX_RUNE = 0x10ffff;

/** Markers on the operand stack: an open group, an alternation bar. */
interface Paren {
  op: 'paren';
  cap: number;
  name: string | undefined;
  flags: number;
  start: number;
}
interface Bar {
  op: 'bar';
}
type Entry = Node | Paren | Bar;

const isMarker = (e: Entry): e is Paren | Bar => e.op === 'paren' || e.op === 'bar';
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isOctal = (c: number): boolean => c >= 48 && c <= 55;
const isAlnum = (c: number): boolean => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const unhex = (c: number): number =>
  isDigit(c) ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
const CONTROL: Readonly<Record<string, number>> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };

/** Parse an RE2 pattern; throws RegexSyntaxError where RE2 would refuse it. */
export function parseRegex(pattern: string): Parsed {
  return new Parser(pattern).parse();
}

class Parser {
  private pos = 0;
  private flags = ONE_LINE;
  private stack: Entry[] = [];
  private groups = 0;
  private readonly names = new Map<string, number>();
  private readonly heights = new WeakMap<Node, number>();
  private readonly sizes = new WeakMap<Node, number>();

  constructor(private readonly src: string) {}

  // ---- the pattern as a stream of code points (offsets stay UTF-16) ----
  private more(): boolean {
    return this.pos < this.src.length;
  }
  private peek(): number {
    return this.src.codePointAt(this.pos)!;
  }
  private pop(): number {
    const c = this.src.codePointAt(this.pos)!;
    this.pos += c > 0xffff ? 2 : 1;
    return c;
  }
  private looking(s: string): boolean {
    return this.src.startsWith(s, this.pos);
  }
  private from(start: number): string {
    return this.src.slice(start, this.pos);
  }
  private fail(code: string, arg: string, offset: number): never {
    throw new RegexSyntaxError(code, arg, offset);
  }

  parse(): Parsed {
    let lastRepeat = -1;
    while (this.more()) {
      let repeatAt = -1;
      const c = this.peek();
      const at = this.pos;
      switch (c) {
        case 0x28: // (
          if (this.looking('(?')) this.perlFlags();
          else {
            this.stack.push({ op: 'paren', cap: ++this.groups, name: undefined, flags: this.flags, start: at });
            this.pos++;
          }
          break;
        case 0x7c: // |
          this.concat();
          if (!this.swapBar()) this.stack.push({ op: 'bar' });
          this.pos++;
          break;
        case 0x29: // )
          this.rightParen();
          this.pos++;
          break;
        case 0x5e: // ^
          this.pos++;
          this.push({ op: 'assert', when: this.flags & ONE_LINE ? BEGIN_TEXT : BEGIN_LINE, start: at, end: this.pos });
          break;
        case 0x24: // $
          this.pos++;
          this.push({ op: 'assert', when: this.flags & ONE_LINE ? END_TEXT : END_LINE, start: at, end: this.pos });
          break;
        case 0x2e: // .
          this.pos++;
          this.push({ op: 'any', nl: (this.flags & DOT_NL) !== 0, start: at, end: this.pos });
          break;
        case 0x5b: // [
          this.parseClass();
          break;
        case 0x2a: // *
        case 0x2b: // +
        case 0x3f: // ?
          repeatAt = at;
          this.pos++;
          this.repeat(c === 0x2a ? 'star' : c === 0x2b ? 'plus' : 'quest', 0, 0, at, lastRepeat);
          break;
        case 0x7b: {
          // {n}, {n,}, {n,m}; anything else is a literal {
          const mm = this.repeatBounds();
          if (!mm) {
            this.pos = at;
            this.literal(this.pop(), at);
            break;
          }
          repeatAt = at;
          this.repeat('repeat', mm[0], mm[1], at, lastRepeat);
          break;
        }
        case 0x5c: // backslash
          this.topEscape();
          break;
        default:
          this.literal(this.pop(), at);
      }
      lastRepeat = repeatAt;
    }
    this.concat();
    if (this.swapBar()) this.stack.pop();
    this.alternate();
    if (this.stack.length !== 1) this.fail('missing closing )', this.src, this.src.length);
    return { root: this.stack[0] as Node, groupCount: this.groups, names: this.names };
  }

  // ---- limits (RE2: nesting depth 1000, program size, repetition counts) ----
  private height(n: Node): number {
    let h = this.heights.get(n);
    if (h === undefined) {
      h = 1;
      // RE2 merges adjacent literals of the same case mode into one node: a run of them is one level.
      const lits = n.op === 'cat' && n.subs.every((s) => s.op === 'lit' && s.fold === (n.subs[0] as { fold: boolean }).fold);
      if (!lits) for (const s of subsOf(n)) h = Math.max(h, 1 + this.height(s));
      this.heights.set(n, h);
    }
    return h;
  }
  private size(n: Node): number {
    let s = this.sizes.get(n);
    if (s !== undefined) return s;
    s = 0;
    switch (n.op) {
      case 'lit':
        s = 1;
        break;
      case 'cap':
      case 'star':
        s = 2 + this.size(n.sub);
        break;
      case 'plus':
      case 'quest':
        s = 1 + this.size(n.sub);
        break;
      case 'cat':
        for (const x of n.subs) s += this.size(x);
        break;
      case 'alt':
        for (const x of n.subs) s += this.size(x);
        s += n.subs.length - 1;
        break;
      case 'repeat': {
        const sub = this.size(n.sub);
        s = n.max === -1 ? (n.min === 0 ? 2 + sub : 1 + n.min * sub) : n.max * sub + (n.max - n.min);
        break;
      }
    }
    s = Math.max(1, s);
    this.sizes.set(n, s);
    return s;
  }
  private checkLimits(n: Node): void {
    if (this.size(n) > MAX_SIZE) this.fail('expression too large', '', n.start);
    if (this.height(n) > MAX_HEIGHT) this.fail('expression nests too deeply', '', n.start);
  }
  private push(n: Node): void {
    this.stack.push(n);
    this.checkLimits(n);
  }

  private literal(cp: number, at: number): void {
    this.push({ op: 'lit', cp, fold: (this.flags & FOLD) !== 0, start: at, end: this.pos });
  }

  // ---- repetition ----
  /** `{n}`, `{n,}`, `{n,m}` at the cursor: [min, max (-1: none)], or undefined when it is not one (a literal {). */
  private repeatBounds(): [number, number] | undefined {
    const start = this.pos;
    this.pos++;
    const min = this.int();
    if (min === -1 || !this.more()) return undefined;
    let max: number;
    if (!this.looking(',')) max = min;
    else {
      this.pos++;
      if (!this.more()) return undefined;
      if (this.looking('}')) max = -1;
      else if ((max = this.int()) === -1) return undefined;
    }
    if (!this.more() || !this.looking('}')) return undefined;
    this.pos++;
    if (min < 0 || min > MAX_REPEAT || max === -2 || max > MAX_REPEAT || (max >= 0 && min > max))
      this.fail('invalid repeat count', this.from(start), start);
    return [min, max];
  }
  /** Decimal digits: -1 when none or a leading zero, -2 when more than 8 digits. */
  private int(): number {
    const start = this.pos;
    while (this.more() && isDigit(this.peek())) this.pos++;
    const n = this.from(start);
    if (n.length === 0 || (n.length > 1 && n[0] === '0')) return -1;
    if (n.length > 8) return -2;
    return Number(n);
  }

  private repeat(op: 'star' | 'plus' | 'quest' | 'repeat', min: number, max: number, at: number, lastRepeat: number): void {
    let flags = this.flags;
    if (this.more() && this.looking('?')) {
      this.pos++;
      flags ^= NON_GREEDY;
    }
    if (lastRepeat !== -1) this.fail('invalid nested repetition operator', this.from(lastRepeat), lastRepeat);
    const n = this.stack.length;
    const sub = this.stack[n - 1];
    if (sub === undefined || isMarker(sub)) this.fail('missing argument to repetition operator', this.from(at), at);
    const greedy = (flags & NON_GREEDY) === 0;
    const re: Node =
      op === 'repeat'
        ? { op, min, max, greedy, sub, start: sub.start, end: this.pos }
        : { op, greedy, sub, start: sub.start, end: this.pos };
    this.stack[n - 1] = re;
    this.checkLimits(re);
    if (op === 'repeat' && (min >= 2 || max >= 2) && !repeatValid(re, MAX_REPEAT))
      this.fail('invalid repeat count', this.from(at), at);
  }

  // ---- groups and alternation ----
  private perlFlags(): void {
    const start = this.pos;
    const s = this.src.slice(start);
    if (s.startsWith('(?P<') || s.startsWith('(?<')) {
      const begin = s[2] === 'P' ? 4 : 3;
      const end = s.indexOf('>');
      if (end < 0) this.fail('invalid named capture', s, start);
      const name = s.slice(begin, end);
      this.pos += name.length + begin + 1;
      if (!validName(name)) this.fail('invalid named capture', s.slice(0, end + 1), start);
      const cap = ++this.groups;
      this.stack.push({ op: 'paren', cap, name, flags: this.flags, start });
      if (this.names.has(name)) this.fail('duplicate capture group name', name, start);
      this.names.set(name, cap);
      return;
    }
    this.pos += 2;
    let flags = this.flags;
    let sign = 1;
    let saw = false;
    loop: while (this.more()) {
      const c = this.pop();
      switch (c) {
        case 0x69: // i
          flags |= FOLD;
          saw = true;
          break;
        case 0x6d: // m
          flags &= ~ONE_LINE;
          saw = true;
          break;
        case 0x73: // s
          flags |= DOT_NL;
          saw = true;
          break;
        case 0x55: // U
          flags |= NON_GREEDY;
          saw = true;
          break;
        case 0x2d: // -
          if (sign < 0) break loop;
          sign = -1;
          flags = ~flags;
          saw = false;
          break;
        case 0x3a: // :
        case 0x29: // )
          if (sign < 0) {
            if (!saw) break loop;
            flags = ~flags;
          }
          if (c === 0x3a) this.stack.push({ op: 'paren', cap: 0, name: undefined, flags: this.flags, start });
          this.flags = flags;
          return;
        default:
          break loop;
      }
    }
    this.fail('invalid or unsupported Perl syntax', this.from(start), start);
  }

  /** Operands since the last marker, removed from the stack. */
  private popOperands(): Node[] {
    let i = this.stack.length;
    while (i > 0 && !isMarker(this.stack[i - 1]!)) i--;
    return this.stack.splice(i) as Node[];
  }

  private concat(): void {
    const subs = this.popOperands();
    if (subs.length === 0) this.push({ op: 'empty', start: this.pos, end: this.pos });
    else this.push(collapse(subs, 'cat'));
  }

  private alternate(): void {
    const subs = this.popOperands();
    if (subs.length === 0) this.push({ op: 'nomatch', start: this.pos, end: this.pos });
    else this.push(collapse(subs, 'alt'));
  }

  /** [.., alt, bar, x] → [.., alt, x, bar]: the finished branch goes under the bar. */
  private swapBar(): boolean {
    const n = this.stack.length;
    if (n >= 2 && this.stack[n - 2]!.op === 'bar') {
      const x = this.stack[n - 1]!;
      this.stack[n - 1] = this.stack[n - 2]!;
      this.stack[n - 2] = x;
      return true;
    }
    return false;
  }

  private rightParen(): void {
    this.concat();
    if (this.swapBar()) this.stack.pop();
    this.alternate();
    if (this.stack.length < 2) this.fail('unexpected )', this.src, this.pos);
    const body = this.stack.pop() as Node;
    const open = this.stack.pop()!;
    if (open.op !== 'paren') this.fail('unexpected )', this.src, this.pos);
    this.flags = open.flags;
    if (open.cap === 0) this.push(body);
    else this.push({ op: 'cap', index: open.cap, name: open.name, sub: body, start: open.start, end: this.pos + 1 });
  }

  // ---- escapes ----
  private topEscape(): void {
    const at = this.pos;
    this.pos++;
    if (this.more()) {
      const c = this.pop();
      const assert = c === 0x41 ? BEGIN_TEXT : c === 0x62 ? WORD_BOUNDARY : c === 0x42 ? NO_WORD_BOUNDARY : c === 0x7a ? END_TEXT : 0;
      if (assert) {
        this.push({ op: 'assert', when: assert, start: at, end: this.pos });
        return;
      }
      if (c === 0x43) this.fail('invalid escape sequence', '\\C', at);
      if (c === 0x51) {
        // \Q...\E: literal text (to the end of the pattern without \E).
        const rest = this.src.slice(this.pos);
        const e = rest.indexOf('\\E');
        const lit = e >= 0 ? rest.slice(0, e) : rest;
        const end = this.pos + lit.length;
        while (this.pos < end) {
          const p = this.pos;
          this.literal(this.pop(), p);
        }
        if (e >= 0) this.pos += 2;
        return;
      }
    }
    this.pos = at;
    const items: ClassItem[] = [];
    if (this.unicodeClass(items) || this.perlClass(items)) {
      this.push({ op: 'class', cls: new CharClass(items, false, (this.flags & FOLD) !== 0), start: at, end: this.pos });
      return;
    }
    this.pos = at;
    this.literal(this.escape(), at);
  }

  /** A single-character escape at the cursor (a backslash): its code point. */
  private escape(): number {
    const start = this.pos;
    this.pos++;
    if (!this.more()) this.fail('trailing backslash at end of expression', '', start);
    let c = this.pop();
    bad: {
      if (isOctal(c) && (c === 0x30 || (this.more() && isOctal(this.peek())))) {
        // \0, \0nn, \1nn..\7nn: octal; \1..\7 alone would be a backreference: refused.
        let r = c - 48;
        for (let i = 1; i < 3 && this.more() && isOctal(this.peek()); i++) r = r * 8 + this.pop() - 48;
        return r;
      }
      if (c === 0x78) {
        // \xhh, \x{h...}
        if (!this.more()) break bad;
        c = this.pop();
        if (c === 0x7b) {
          let n = 0;
          let r = 0;
          for (;;) {
            if (!this.more()) break bad;
            c = this.pop();
            if (c === 0x7d) break;
            const v = unhex(c);
            if (v < 0) break bad;
            r = r * 16 + v;
            if (r > MAX_RUNE) break bad;
            n++;
          }
          if (n === 0) break bad;
          return r;
        }
        const x = unhex(c);
        if (!this.more()) break bad;
        const y = unhex(this.pop());
        if (x < 0 || y < 0) break bad;
        return x * 16 + y;
      }
      const ctl = CONTROL[String.fromCodePoint(c)];
      if (ctl !== undefined) return ctl;
      if (c <= 127 && !isAlnum(c)) return c;
    }
    return this.fail('invalid escape sequence', this.from(start), start);
  }

  /** `\d \D \s \S \w \W` at the cursor. */
  private perlClass(items: ClassItem[]): boolean {
    const at = this.pos;
    if (!this.more() || this.pop() !== 0x5c || !this.more()) return false;
    const item = PERL_CLASSES.get(String.fromCodePoint(this.pop()));
    if (item === undefined) {
      this.pos = at;
      return false;
    }
    items.push(item);
    return true;
  }

  /** `\pX`, `\p{Name}`, `\PX`, `\P{^Name}` at the cursor. */
  private unicodeClass(items: ClassItem[]): boolean {
    const start = this.pos;
    if (!this.looking('\\p') && !this.looking('\\P')) return false;
    this.pos++;
    let neg = this.pop() === 0x50;
    if (!this.more()) {
      this.pos = start;
      this.fail('invalid character class range', this.src.slice(start), start);
    }
    const c = this.pop();
    let name: string;
    if (c !== 0x7b) name = String.fromCodePoint(c);
    else {
      const rest = this.src.slice(this.pos);
      const end = rest.indexOf('}');
      if (end < 0) {
        this.pos = start;
        this.fail('invalid character class range', this.src.slice(start), start);
      }
      name = rest.slice(0, end);
      this.pos += end + 1;
    }
    if (name.startsWith('^')) {
      neg = !neg;
      name = name.slice(1);
    }
    const u = unicodeClass(name);
    if (!u) this.fail('invalid character class range', this.from(start), start);
    items.push({ body: u.body, neg: neg !== u.neg });
    return true;
  }

  /** `[:alpha:]`, `[:^alpha:]` at the cursor. */
  private posixClass(items: ClassItem[]): boolean {
    const start = this.pos;
    const rest = this.src.slice(start);
    const i = rest.indexOf(':]');
    if (i < 0) return false;
    const name = rest.slice(0, i + 2);
    this.pos += name.length;
    const neg = name[2] === '^';
    const body = POSIX_CLASSES.get(name.slice(neg ? 3 : 2, -2));
    if (body === undefined) this.fail('invalid character class range', name, start);
    items.push({ body, neg });
    return true;
  }

  private classChar(classStart: number): number {
    if (!this.more()) this.fail('missing closing ]', this.from(classStart), classStart);
    return this.looking('\\') ? this.escape() : this.pop();
  }

  private parseClass(): void {
    const start = this.pos;
    this.pos++;
    const items: ClassItem[] = [];
    let negated = false;
    if (this.more() && this.looking('^')) {
      negated = true;
      this.pos++;
    }
    let first = true;
    while (!this.more() || this.peek() !== 0x5d || first) {
      first = false;
      const before = this.pos;
      if (this.looking('[:')) {
        if (this.posixClass(items)) continue;
        this.pos = before;
      }
      if (this.unicodeClass(items) || this.perlClass(items)) continue;
      this.pos = before;
      const lo = this.classChar(start);
      let hi = lo;
      if (this.more() && this.looking('-')) {
        this.pos++;
        if (this.more() && this.looking(']')) this.pos--;
        else {
          hi = this.classChar(start);
          if (hi < lo) this.fail('invalid character class range', this.from(before), before);
        }
      }
      items.push({ body: rangeBody(lo, hi), neg: false });
    }
    this.pos++;
    this.push({ op: 'class', cls: new CharClass(items, negated, (this.flags & FOLD) !== 0), start, end: this.pos });
  }
}

/** Concatenation or alternation of operands, nested ones of the same kind flattened (as RE2's collapse). */
function collapse(subs: Node[], op: 'cat' | 'alt'): Node {
  if (subs.length === 1) return subs[0]!;
  const flat: Node[] = [];
  for (const s of subs) if (s.op === op) flat.push(...s.subs);
    else flat.push(s);
  return { op, subs: flat, start: subs[0]!.start, end: subs[subs.length - 1]!.end };
}

/** RE2 refuses nested counted repetitions whose product exceeds 1000 (`(a{100}){100}`). */
function repeatValid(n: Node, limit: number): boolean {
  if (n.op === 'repeat') {
    let m = n.max;
    if (m === 0) return true;
    if (m < 0) m = n.min;
    if (m > limit) return false;
    if (m > 0) limit = Math.trunc(limit / m);
  }
  for (const s of subsOf(n)) if (!repeatValid(s, limit)) return false;
  return true;
}

function validName(name: string): boolean {
  if (name.length === 0) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c !== 0x5f && !isAlnum(c)) return false;
  }
  return true;
}
