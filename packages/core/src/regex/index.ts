// A small linear-time regex engine with RE2's syntax and semantics (as re2js, the RE2 port, implements them):
// parse.ts (syntax tree, RE2's errors), charclass.ts (class membership via native `u` RegExps on one code
// point), compile.ts (RE2's simplification and program shape), pike.ts (leftmost-first Pike VM). The differential
// tests in test/regex/ hold it to re2js.
import type { Parsed } from './ast.js';
import { compileProgram } from './compile.js';
import type { Program } from './compile.js';
import { RegexSyntaxError, parseRegex } from './parse.js';
import { ANCHOR_BOTH, ANCHOR_START, PikeVM, UNANCHORED } from './pike.js';
import { requiredLiteral, type RequiredLiteral } from './required.js';

export { RegexSyntaxError } from './parse.js';
export type { Node as RegexNode, Parsed as ParsedRegex } from './ast.js';
export { parseRegex } from './parse.js';

/** How a search is tied to the text: anywhere, at the start, or the whole text. */
export type Anchor = 'none' | 'start' | 'both';

const ANCHORS: Readonly<Record<Anchor, number>> = { none: UNANCHORED, start: ANCHOR_START, both: ANCHOR_BOTH };

/**
 * Flags as RE2's i, m, s, applied the way RE2JS.compile applies them: as `(?i)`, `(?s)`, `(?m)` in front of the
 * source (so an error quoting the whole pattern quotes them too).
 */
export function withFlags(source: string, flags: string): string {
  let s = source;
  if (flags.includes('i')) s = `(?i)${s}`;
  if (flags.includes('s')) s = `(?s)${s}`;
  if (flags.includes('m')) s = `(?m)${s}`;
  return s;
}

/** A compiled RE2 pattern. */
export class Re2 {
  readonly groupCount: number;
  /** Group name → group index, in pattern order. */
  readonly names: ReadonlyMap<string, number>;
  private readonly prog: Program;
  private vm: PikeVM | undefined;
  /** A literal every match contains (required.ts): a text without it has no match. */
  private readonly required: RequiredLiteral | undefined;
  /** The last text searched for a lowercase literal, and that text lowercased (`matches` searches one text often). */
  private lastText: string | undefined;
  private lastLower = '';

  /** Throws RegexSyntaxError for a pattern RE2 refuses. */
  constructor(readonly source: string) {
    const parsed: Parsed = parseRegex(source);
    this.groupCount = parsed.groupCount;
    this.names = parsed.names;
    this.prog = compileProgram(parsed.root, parsed.groupCount);
    this.required = requiredLiteral(parsed.root);
  }

  /**
   * The leftmost-first match at or after `pos` (anchored: only at 0): capture slots [start, end, g1 start,
   * g1 end, …] in UTF-16 indices, -1 for a group that did not take part; undefined when there is none.
   */
  exec(text: string, pos = 0, anchor: Anchor = 'none'): Int32Array | undefined {
    if (this.required !== undefined && !this.mayMatch(this.required, text, pos)) return undefined;
    this.vm ??= new PikeVM(this.prog);
    return this.vm.search(text, pos, ANCHORS[anchor]);
  }

  /** False when the text from `pos` on lacks the required literal. */
  private mayMatch(req: RequiredLiteral, text: string, pos: number): boolean {
    if (!req.lower) return text.indexOf(req.text, pos) >= 0;
    if (text !== this.lastText) {
      this.lastText = text;
      this.lastLower = text.toLowerCase();
    }
    // Lowercasing keeps every index when it keeps the length (it only ever lengthens: U+0130 becomes i and a dot).
    if (this.lastLower.length === text.length) return this.lastLower.indexOf(req.text, pos) >= 0;
    return pos === 0 ? this.lastLower.includes(req.text) : true;
  }

  /** The VM's work so far (instruction visits and thread steps): bounded by program size × text length per search. */
  get steps(): number {
    return this.vm?.steps ?? 0;
  }

  /** Number of instructions of the compiled program. */
  get programSize(): number {
    return this.prog.op.length;
  }
}

/** RE2's error for a pattern, or undefined when RE2 accepts it (parsing only: no program is built). */
export function re2SyntaxError(source: string): RegexSyntaxError | undefined {
  try {
    parseRegex(source);
    return undefined;
  } catch (e) {
    if (e instanceof RegexSyntaxError) return e;
    throw e;
  }
}
