// Syntax tree → program for the Pike VM. Simplification and compilation follow RE2's (re2js's Simplify and
// Compiler) shape for shape: counted repetitions become copies, `x*` of an x that can match empty compiles as
// `(x+)?`, alternatives keep their order. The VM's leftmost-first results depend on that shape (which threads
// reach an instruction first), so it is what makes group spans equal RE2's in the corner cases (`(a|)*`).
import type { Node } from './ast.js';
import { CharClass, rangeBody } from './charclass.js';

export const FAIL = 0;
export const MATCH = 1;
export const ALT = 2;
export const EMPTY = 3;
export const NOP = 4;
export const CAPTURE = 5;
export const RUNE = 6;

/** How a RUNE instruction tests a code point. */
export type RuneTest = { cp: number } | CharClass | 'any' | 'notnl';

/** A compiled pattern: instruction i is op[i] with successors out[i] (and arg[i] for ALT). */
export interface Program {
  readonly op: number[];
  readonly out: number[];
  /** ALT: second branch; EMPTY: the assertion bits; CAPTURE: the slot. */
  readonly arg: number[];
  readonly rune: (RuneTest | undefined)[];
  readonly start: number;
  /** Capture slots: 2 × (groups + 1). */
  readonly slots: number;
}

// ---- simplification (RE2's Simplify) ----

type Rep = 'star' | 'plus' | 'quest';

function simplify1(op: Rep, greedy: boolean, sub: Node, at: Node): Node {
  if (sub.op === 'empty') return sub;
  if (sub.op === 'nomatch') return op === 'plus' ? sub : { op: 'empty', start: at.start, end: at.end };
  if (sub.op === op && sub.greedy === greedy) return sub;
  return { op, greedy, sub, start: at.start, end: at.end };
}

function concatOf(subs: Node[], at: Node): Node {
  const out: Node[] = [];
  for (const s of subs) {
    if (s.op === 'nomatch') return s;
    if (s.op === 'empty') continue;
    if (s.op === 'cat') out.push(...s.subs);
    else out.push(s);
  }
  if (out.length === 0) return { op: 'empty', start: at.start, end: at.end };
  return out.length === 1 ? out[0]! : { op: 'cat', subs: out, start: at.start, end: at.end };
}

export function simplify(n: Node): Node {
  switch (n.op) {
    case 'cap': {
      const sub = simplify(n.sub);
      return sub === n.sub ? n : { ...n, sub };
    }
    case 'cat':
    case 'alt': {
      const subs: Node[] = [];
      for (const x of n.subs) {
        const s = simplify(x);
        if (n.op === 'cat') {
          if (s.op === 'nomatch') return s;
          if (s.op === 'empty') continue;
        } else if (s.op === 'nomatch') continue;
        if (s.op === n.op) subs.push(...s.subs);
        else subs.push(s);
      }
      if (subs.length === 0) return { op: n.op === 'cat' ? 'empty' : 'nomatch', start: n.start, end: n.end };
      return subs.length === 1 ? subs[0]! : { ...n, subs };
    }
    case 'star':
    case 'plus':
    case 'quest':
      return simplify1(n.op, n.greedy, simplify(n.sub), n);
    case 'repeat': {
      if (n.min === 0 && n.max === 0) return { op: 'empty', start: n.start, end: n.end };
      const sub = simplify(n.sub);
      if (n.max === -1) {
        if (n.min === 0) return simplify1('star', n.greedy, sub, n);
        if (n.min === 1) return simplify1('plus', n.greedy, sub, n);
        const subs: Node[] = [];
        for (let i = 0; i < n.min - 1; i++) subs.push(sub);
        subs.push(simplify1('plus', n.greedy, sub, n));
        return concatOf(subs, n);
      }
      if (n.min === 1 && n.max === 1) return sub;
      const prefix: Node[] = [];
      for (let i = 0; i < n.min; i++) prefix.push(sub);
      if (n.max > n.min) {
        let suffix = simplify1('quest', n.greedy, sub, n);
        for (let i = n.min + 1; i < n.max; i++) suffix = simplify1('quest', n.greedy, concatOf([sub, suffix], n), n);
        prefix.push(suffix);
      }
      return concatOf(prefix, n);
    }
    default:
      return n;
  }
}

// ---- compilation (RE2's Compiler: fragments with patch lists) ----

/** A fragment: entry instruction (0: never matches), dangling exits (i<<1: out, i<<1|1: arg), can match empty. */
interface Frag {
  i: number;
  out: number[];
  nullable: boolean;
}

class Compiler {
  readonly op: number[] = [FAIL];
  readonly out: number[] = [0];
  readonly arg: number[] = [0];
  readonly rune: (RuneTest | undefined)[] = [undefined];

  private inst(op: number): Frag {
    this.op.push(op);
    this.out.push(0);
    this.arg.push(0);
    this.rune.push(undefined);
    return { i: this.op.length - 1, out: [], nullable: true };
  }
  patch(list: number[], to: number): void {
    for (const p of list) (p & 1 ? this.arg : this.out)[p >> 1] = to;
  }
  private fail(): Frag {
    return { i: 0, out: [], nullable: false };
  }
  private single(op: number, arg = 0): Frag {
    const f = this.inst(op);
    this.arg[f.i] = arg;
    f.out = [f.i << 1];
    return f;
  }
  private cat(a: Frag, b: Frag): Frag {
    if (a.i === 0 || b.i === 0) return this.fail();
    this.patch(a.out, b.i);
    return { i: a.i, out: b.out, nullable: a.nullable && b.nullable };
  }
  private alt(a: Frag, b: Frag): Frag {
    if (a.i === 0) return b;
    if (b.i === 0) return a;
    const f = this.inst(ALT);
    this.out[f.i] = a.i;
    this.arg[f.i] = b.i;
    f.out = [...a.out, ...b.out];
    f.nullable = a.nullable || b.nullable;
    return f;
  }
  /** ALT preferring `a` (greedy) or the exit (non-greedy); the exit dangles. */
  private split(a: Frag, greedy: boolean): Frag {
    const f = this.inst(ALT);
    if (greedy) {
      this.out[f.i] = a.i;
      f.out = [(f.i << 1) | 1];
    } else {
      this.arg[f.i] = a.i;
      f.out = [f.i << 1];
    }
    return f;
  }
  private loop(a: Frag, greedy: boolean): Frag {
    const f = this.split(a, greedy);
    this.patch(a.out, f.i);
    return f;
  }
  private quest(a: Frag, greedy: boolean): Frag {
    if (a.i === 0) return this.single(NOP);
    const f = this.split(a, greedy);
    f.out = [...f.out, ...a.out];
    return f;
  }
  private plus(a: Frag, greedy: boolean): Frag {
    if (a.i === 0) return this.fail();
    return { i: a.i, out: this.loop(a, greedy).out, nullable: a.nullable };
  }
  private star(a: Frag, greedy: boolean): Frag {
    if (a.i === 0) return this.single(NOP);
    return a.nullable ? this.quest(this.plus(a, greedy), greedy) : this.loop(a, greedy);
  }
  private runeInst(test: RuneTest): Frag {
    const f = this.single(RUNE);
    this.rune[f.i] = test;
    f.nullable = false;
    return f;
  }

  compile(n: Node): Frag {
    switch (n.op) {
      case 'nomatch':
        return this.fail();
      case 'empty':
        return this.single(NOP);
      case 'lit':
        // Under (?i) a code point stands for its case-folding orbit: a one-item class with the fold flag.
        return this.runeInst(n.fold ? new CharClass([{ body: rangeBody(n.cp, n.cp), neg: false }], false, true) : { cp: n.cp });
      case 'class':
        return this.runeInst(n.cls);
      case 'any':
        return this.runeInst(n.nl ? 'any' : 'notnl');
      case 'assert':
        return this.single(EMPTY, n.when);
      case 'cap': {
        const bra = this.single(CAPTURE, n.index << 1);
        const sub = this.compile(n.sub);
        return this.cat(this.cat(bra, sub), this.single(CAPTURE, (n.index << 1) | 1));
      }
      case 'star':
        return this.star(this.compile(n.sub), n.greedy);
      case 'plus':
        return this.plus(this.compile(n.sub), n.greedy);
      case 'quest':
        return this.quest(this.compile(n.sub), n.greedy);
      case 'repeat':
        throw new Error('repeat must be simplified before compiling');
      case 'cat':
      case 'alt': {
        let f: Frag | undefined;
        for (const s of n.subs) {
          const g = this.compile(s);
          f = f === undefined ? g : n.op === 'cat' ? this.cat(f, g) : this.alt(f, g);
        }
        return f ?? this.single(NOP);
      }
    }
  }
}

/** Compile a parsed pattern with `groups` capturing groups. */
export function compileProgram(root: Node, groups: number): Program {
  const c = new Compiler();
  const f = c.compile(simplify(root));
  const match = c.op.length;
  c.op.push(MATCH);
  c.out.push(0);
  c.arg.push(0);
  c.rune.push(undefined);
  c.patch(f.out, match);
  return { op: c.op, out: c.out, arg: c.arg, rune: c.rune, start: f.i, slots: 2 * (groups + 1) };
}
