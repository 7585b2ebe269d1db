// Pipeline regexes (replace_string, extract_fields, match_string, include/exclude_fields in re mode, the
// postprocessing replace) run on text a rule controls. A backtracking engine takes exponential time on patterns
// such as `^(\w+\s?)+$`, so they run on RE2 semantics in linear time (core's own engine, src/regex/: RE2's syntax
// and leftmost-first matching on a Pike VM, held equal to re2js by differential tests), as the evaluator's `|re`
// does. pySigma pipelines are written for Python's `re`: its spellings RE2 lacks are translated; what RE2 cannot do
// at all (backreferences, lookaround, verbose mode) is refused with the reason, and the parser reports it located.
import { Re2, RegexSyntaxError, withFlags } from '../regex/index.js';
import type { Anchor } from '../regex/index.js';

/** A pattern RE2 cannot run, with the reason and the offset in the pattern as written. */
export class RegexUnsupported extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
    /** 'invalid': not a regular expression at all; 'unsupported': valid for Python, beyond RE2. */
    readonly kind: 'invalid' | 'unsupported' = 'unsupported',
  ) {
    super(reason);
  }
}

/** One match: where it is, and where each group is (undefined when it did not take part). */
export interface LinearMatch {
  readonly index: number;
  readonly end: number;
  readonly text: string;
  /** Number of capturing groups of the pattern. */
  readonly groupCount: number;
  /** True when the pattern has named groups. */
  readonly hasNamedGroups: boolean;
  group(g: number | string): readonly [number, number] | undefined;
}

/** Python `re` source → RE2 source and flags. */
function translatePython(source: string, extraFlags: string): { source: string; flags: string } {
  let flags = extraFlags.replace(/[^ims]/g, '');
  let src = source;
  const inline = /^\(\?([aiLmsux]+)\)/.exec(src);
  if (inline) {
    for (const f of inline[1] ?? '') {
      if (f === 'x') throw new RegexUnsupported('verbose mode (?x) is not supported by RE2', 0);
      if ((f === 'i' || f === 'm' || f === 's') && !flags.includes(f)) flags += f;
    }
    src = src.slice(inline[0].length);
  }
  const base = source.length - src.length;
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') {
      const n = src[i + 1];
      if (n === undefined) throw new RegexUnsupported('trailing backslash', base + i, 'invalid');
      if (!inClass && /[1-9]/.test(n)) throw new RegexUnsupported(`backreference \\${n} (RE2 has no backreferences)`, base + i);
      i++;
      // Python \Z is the very end (RE2 \z); \A exists in RE2.
      out += n === 'Z' && !inClass ? '\\z' : `\\${n}`;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      // `[]...]` and `[^]...]`: a leading `]` is literal.
      if (src[i + 1] === '^') out += src[++i];
      if (src[i + 1] === ']') out += src[++i];
      continue;
    }
    if (c === '(' && src[i + 1] === '?') {
      const rest = src.slice(i + 2, i + 4);
      if (rest.startsWith('P=')) throw new RegexUnsupported('backreference (?P=name) (RE2 has no backreferences)', base + i);
      if (rest.startsWith('=') || rest.startsWith('!')) throw new RegexUnsupported('lookahead is not supported by RE2', base + i);
      if (rest === '<=' || rest === '<!') throw new RegexUnsupported('lookbehind is not supported by RE2', base + i);
      if (rest.startsWith('#')) throw new RegexUnsupported('comment groups (?#...) are not supported by RE2', base + i);
      if (rest.startsWith('(')) throw new RegexUnsupported('conditional groups are not supported by RE2', base + i);
    }
    out += c;
  }
  return { source: out, flags };
}

/** Compile as RE2JS.compile(source, flags) did: the flags as inline groups in front (error texts quote them). */
function compileRe2(source: string, flags: string): Re2 {
  return new Re2(withFlags(source, flags));
}

/** A compiled pipeline regex: Python syntax in, RE2 semantics (linear time) out. */
export class LinearRegex {
  /** The pattern as written (Python syntax). */
  readonly written: string;
  /** RE2 source after translation. */
  readonly source: string;
  /** `i`, `m`, `s` as given by the caller or the pattern's leading inline flags. */
  readonly flags: string;
  /** Named groups, in pattern order. */
  readonly groupNames: readonly string[];
  private readonly any: Re2;
  private readonly prefix: Re2;
  private readonly full: Re2;

  /** Throws RegexUnsupported for what RE2 cannot run and for invalid patterns. */
  constructor(written: string, extraFlags = '') {
    const t = translatePython(written, extraFlags);
    this.written = written;
    this.source = t.source;
    this.flags = t.flags;
    const anchoredFlags = t.flags.replace(/m/g, '');
    try {
      this.any = compileRe2(t.source, t.flags);
      // Anchored forms for re.match (prefix) and fullmatch semantics.
      this.prefix = compileRe2(`^(?:${t.source})`, anchoredFlags);
      this.full = compileRe2(`^(?:${t.source})$`, anchoredFlags);
    } catch (e) {
      if (e instanceof RegexSyntaxError) throw new RegexUnsupported(e.message, 0, 'invalid');
      throw e;
    }
    // The order re2js gave (the keys of an object: integer-like names first).
    const names: Record<string, number> = Object.create(null) as Record<string, number>;
    for (const [name, g] of this.any.names) names[name] = g;
    this.groupNames = Object.keys(names);
  }

  /** re.search: a match anywhere. */
  test(text: string): boolean {
    return this.any.exec(text) !== undefined;
  }

  /** re.match: a match at the start. */
  testPrefix(text: string): boolean {
    return this.prefix.exec(text, 0, 'start') !== undefined;
  }

  /** re.fullmatch, with group positions. */
  fullMatch(text: string): LinearMatch | undefined {
    return this.run(this.full, text, 0, 'both');
  }

  /** Every non-overlapping match, left to right (an empty match advances by one). */
  *matches(text: string): Generator<LinearMatch> {
    let pos = 0;
    let s: LinearMatch | undefined;
    while (pos <= text.length && (s = this.run(this.any, text, pos, 'none'))) {
      yield s;
      pos = s.end === s.index ? s.end + 1 : s.end;
    }
  }

  private run(re: Re2, text: string, pos: number, anchor: Anchor): LinearMatch | undefined {
    const caps = re.exec(text, pos, anchor);
    return caps && snapshot(re, caps, text);
  }

  /** `text` with every match (or the first, when `all` is false) replaced; `replacement` uses JS `$` syntax. */
  replace(text: string, replacement: string, all = true): string {
    let out = '';
    let last = 0;
    for (const m of this.matches(text)) {
      out += text.slice(last, m.index) + expandReplacement(replacement, m, text);
      last = m.end;
      if (!all) break;
    }
    return last === 0 && out === '' ? text : out + text.slice(last);
  }
}

function snapshot(re: Re2, caps: Int32Array, text: string): LinearMatch {
  const index = caps[0]!;
  const end = caps[1]!;
  const span = (g: number): readonly [number, number] | undefined => {
    const s = caps[2 * g];
    return s === undefined || s < 0 ? undefined : [s, caps[2 * g + 1]!];
  };
  return {
    index,
    end,
    text: text.slice(index, end),
    groupCount: re.groupCount,
    hasNamedGroups: re.names.size > 0,
    group: (g) => {
      if (typeof g === 'number') return span(g);
      const n = re.names.get(g);
      return n === undefined ? undefined : span(n);
    },
  };
}

/** JS replacement syntax: `$$`, `$&`, `` $` ``, `$'`, `$1`..`$99`, `$<name>`; anything else is literal. */
export function expandReplacement(replacement: string, m: LinearMatch, text: string): string {
  let out = '';
  const groupText = (g: number | string): string => {
    const ix = m.group(g);
    return ix ? text.slice(ix[0], ix[1]) : '';
  };
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i]!;
    if (c !== '$' || i + 1 >= replacement.length) {
      out += c;
      continue;
    }
    const n = replacement[i + 1]!;
    if (n === '$') {
      out += '$';
      i++;
    } else if (n === '&') {
      out += m.text;
      i++;
    } else if (n === '`') {
      out += text.slice(0, m.index);
      i++;
    } else if (n === "'") {
      out += text.slice(m.end);
      i++;
    } else if (n === '<') {
      const close = replacement.indexOf('>', i + 2);
      if (close < 0) {
        out += c;
        continue;
      }
      out += groupText(replacement.slice(i + 2, close));
      i = close;
    } else if (/[0-9]/.test(n)) {
      const two = replacement.slice(i + 1, i + 3);
      if (/^[0-9]{2}$/.test(two) && m.group(Number(two)) !== undefined) {
        out += groupText(Number(two));
        i += 2;
      } else if (n !== '0') {
        out += groupText(Number(n));
        i++;
      } else out += c;
    } else out += c;
  }
  return out;
}
