// The Pike VM: a simulation of the program's NFA over the text, one position at a time, each instruction at most
// once per position (a sparse set), so the work is bounded by program size × text length whatever the pattern.
// Threads are kept in priority order and a match cuts off the lower ones: leftmost-first, RE2's default
// (non-POSIX) semantics. This follows re2js's Machine step for step, in UTF-16 indices: a position advances by a
// whole code point, a lone surrogate is a code point of its own, as re2js reads a JS string.
import { BEGIN_LINE, BEGIN_TEXT, END_LINE, END_TEXT, NO_WORD_BOUNDARY, WORD_BOUNDARY } from './ast.js';
import { ALT, CAPTURE, EMPTY, FAIL, MATCH, NOP, RUNE } from './compile.js';
import type { Program, RuneTest } from './compile.js';

export const UNANCHORED = 0;
export const ANCHOR_START = 1;
export const ANCHOR_BOTH = 2;

const isWord = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;

/** The assertions that hold between code units r1 and r2 (-1: the text's edge). \b is ASCII, as in RE2. */
function context(r1: number, r2: number): number {
  let f = 0;
  if (r1 < 0) f |= BEGIN_TEXT | BEGIN_LINE;
  if (r1 === 10) f |= BEGIN_LINE;
  if (r2 < 0) f |= END_TEXT | END_LINE;
  if (r2 === 10) f |= END_LINE;
  f |= isWord(r1) !== isWord(r2) ? WORD_BOUNDARY : NO_WORD_BOUNDARY;
  return f;
}

function contextAt(text: string, pos: number): number {
  return context(pos > 0 && pos <= text.length ? text.charCodeAt(pos - 1) : -1, pos < text.length ? text.charCodeAt(pos) : -1);
}

/** The code point at `pos` × 8 + its width in code units; -8 (code point -1, width 0) at the end. */
function decode(text: string, pos: number): number {
  if (pos >= text.length) return -8;
  const c1 = text.charCodeAt(pos);
  if (c1 < 0xd800 || c1 > 0xdbff || pos + 1 >= text.length) return (c1 << 3) | 1;
  const c2 = text.charCodeAt(pos + 1);
  if (c2 >= 0xdc00 && c2 <= 0xdfff) return ((((c1 - 0xd800) << 10) + (c2 - 0xdc00) + 0x10000) << 3) | 2;
  return (c1 << 3) | 1;
}

function runeMatches(t: RuneTest, c: number): boolean {
  if (t === 'any') return true;
  if (t === 'notnl') return c !== 10;
  if ('cp' in t) return t.cp === c;
  return t.has(c);
}

/** Threads at one position: a sparse set of instructions, each with its capture slots. */
class Queue {
  readonly sparse: Uint32Array;
  readonly dense: Uint32Array;
  readonly caps: Int32Array;
  size = 0;
  /** Threads waiting on a code point or a match (not just passing through). */
  live = 0;

  constructor(n: number, readonly ncap: number) {
    this.sparse = new Uint32Array(n);
    this.dense = new Uint32Array(n);
    this.caps = new Int32Array(n * ncap);
  }
  has(pc: number): boolean {
    const s = this.sparse[pc]!;
    return s < this.size && this.dense[s] === pc;
  }
  add(pc: number): number {
    const d = this.size++;
    this.sparse[pc] = d;
    this.dense[d] = pc;
    return d;
  }
  clear(): void {
    this.size = 0;
    this.live = 0;
  }
}

/** One matcher for a program (not reentrant: one search at a time). */
export class PikeVM {
  /** Instruction visits and thread steps of the searches so far: the engine's work, for linearity checks. */
  steps = 0;
  private readonly q0: Queue;
  private readonly q1: Queue;
  private readonly stack: Int32Array;
  private readonly matchcap: Int32Array;
  private matched = false;
  /** True when every match must start at the text's start (`^`/`\A` first): the search stops after position 0. */
  private readonly startsAtBegin: boolean;

  constructor(private readonly prog: Program) {
    let when = 0;
    let pc = prog.start;
    while (prog.op[pc] === EMPTY || prog.op[pc] === CAPTURE || prog.op[pc] === NOP) {
      if (prog.op[pc] === EMPTY) when |= prog.arg[pc]!;
      pc = prog.out[pc]!;
    }
    this.startsAtBegin = (when & BEGIN_TEXT) !== 0;
    const n = prog.op.length;
    this.q0 = new Queue(n, prog.slots);
    this.q1 = new Queue(n, prog.slots);
    this.stack = new Int32Array(2 * (n + 1));
    this.matchcap = new Int32Array(prog.slots);
  }

  /**
   * Search `text` from `pos` (text before `pos` is still context for ^, \b). Returns the capture slots of the
   * leftmost-first match ([start, end, group 1 start, group 1 end, …], -1 for groups that did not take part),
   * or undefined.
   */
  search(text: string, pos: number, anchor: number): Int32Array | undefined {
    if (anchor !== UNANCHORED && pos !== 0) return undefined;
    const prog = this.prog;
    this.matched = false;
    this.matchcap.fill(-1);
    let runq = this.q0;
    let nextq = this.q1;
    runq.clear();
    nextq.clear();
    let r = decode(text, pos);
    let rune = r >> 3;
    let width = r & 7;
    let rune1 = -1;
    let width1 = 0;
    if (r !== -8) {
      r = decode(text, pos + width);
      rune1 = r >> 3;
      width1 = r & 7;
    }
    let flag = pos === 0 ? context(-1, rune) : contextAt(text, pos);
    for (;;) {
      if (runq.live === 0 && (((anchor !== UNANCHORED || this.startsAtBegin) && pos !== 0) || this.matched)) break;
      if (!this.matched && (pos === 0 || anchor === UNANCHORED)) {
        this.matchcap[0] = pos;
        this.add(runq, prog.start, pos, this.matchcap, 0, flag);
      }
      const nextPos = pos + width;
      flag = contextAt(text, nextPos);
      this.step(runq, nextq, pos, nextPos, rune, flag, anchor, pos === text.length);
      if (width === 0) break;
      pos += width;
      rune = rune1;
      width = width1;
      if (rune !== -1) {
        r = decode(text, pos + width);
        rune1 = r >> 3;
        width1 = r & 7;
      }
      const t = runq;
      runq = nextq;
      nextq = t;
    }
    runq.clear();
    nextq.clear();
    return this.matched ? this.matchcap.slice() : undefined;
  }

  private step(runq: Queue, nextq: Queue, pos: number, nextPos: number, c: number, nextCond: number, anchor: number, atEnd: boolean): void {
    const prog = this.prog;
    const ncap = runq.ncap;
    for (let j = 0; j < runq.size; j++) {
      this.steps++;
      const pc = runq.dense[j]!;
      const off = j * ncap;
      const op = prog.op[pc];
      if (op === MATCH) {
        if (anchor === ANCHOR_BOTH && !atEnd) continue;
        runq.caps[off + 1] = pos;
        this.matchcap.set(runq.caps.subarray(off, off + ncap));
        // Leftmost-first: the threads after this one have lower priority.
        runq.size = 0;
        this.matched = true;
        break;
      }
      if (op === RUNE && c >= 0 && runeMatches(prog.rune[pc]!, c)) this.add(nextq, prog.out[pc]!, nextPos, runq.caps, off, nextCond);
    }
    runq.clear();
  }

  /** Follow pc's empty transitions in priority order, recording threads at code-point and match instructions. */
  private add(q: Queue, pc: number, pos: number, caps: Int32Array, off: number, cond: number): void {
    const prog = this.prog;
    const stk = this.stack;
    let n = 0;
    for (;;) {
      while (pc !== 0 && !q.has(pc)) {
        this.steps++;
        const d = q.add(pc);
        switch (prog.op[pc]) {
          case FAIL:
            pc = 0;
            break;
          case ALT:
            stk[n++] = prog.arg[pc]!;
            stk[n++] = 0;
            pc = prog.out[pc]!;
            break;
          case EMPTY:
            pc = (prog.arg[pc]! & ~cond) === 0 ? prog.out[pc]! : 0;
            break;
          case NOP:
            pc = prog.out[pc]!;
            break;
          case CAPTURE: {
            const slot = prog.arg[pc]!;
            // Remember the old value: restored when the other branches of an ALT above are explored.
            stk[n++] = -slot - 1;
            stk[n++] = caps[off + slot]!;
            caps[off + slot] = pos;
            pc = prog.out[pc]!;
            break;
          }
          default: // RUNE, MATCH
            q.live++;
            q.caps.set(caps.subarray(off, off + q.ncap), d * q.ncap);
            pc = 0;
        }
      }
      if (n === 0) return;
      n -= 2;
      const e = stk[n]!;
      if (e < 0) {
        caps[off - e - 1] = stk[n + 1]!;
        pc = 0;
      } else pc = e;
    }
  }
}
