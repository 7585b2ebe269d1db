/**
 * A string that a simple `|re` pattern matches, for witnesses: literals, escapes, `.`, character classes,
 * groups, alternation (branch chosen by `variant`), quantifiers (minimal repetition) and zero-width
 * assertions (ignored). Backreferences and lookarounds are not generated (undefined). The result is only
 * a candidate: the caller checks it with the evaluator's own regex engine.
 */
export function regexExample(pattern: string, variant = 0): string | undefined {
  const p = new Gen(pattern, variant);
  try {
    const s = p.alternation(0);
    return p.pos === pattern.length ? s : undefined;
  } catch {
    return undefined;
  }
}

class Unsupported extends Error {}

/** Characters tried for a negated class or `\W`-like escapes, in order. */
const PROBES = ['a', 'x', 'Z', '0', '7', '_', '-', ' ', '.', '/', ':', '!', '~', '\u00e9'];

class Gen {
  pos = 0;
  constructor(
    private readonly src: string,
    private readonly variant: number,
  ) {}

  private peek(): string | undefined {
    return this.src[this.pos];
  }

  alternation(depth: number): string {
    const branches: string[] = [this.sequence(depth)];
    while (this.peek() === '|') {
      this.pos++;
      branches.push(this.sequence(depth));
    }
    // The top level offers the variant's branch; nested alternations take the first one.
    return depth === 0 ? branches[this.variant % branches.length]! : branches[0]!;
  }

  private sequence(depth: number): string {
    let out = '';
    for (;;) {
      const c = this.peek();
      if (c === undefined || c === '|' || c === ')') return out;
      const atom = this.atom(depth);
      out += this.quantified(atom);
    }
  }

  /** Applies a following quantifier with its minimal count. */
  private quantified(atom: string): string {
    const c = this.peek();
    let min = 1;
    if (c === '*' || c === '?') {
      min = 0;
      this.pos++;
    } else if (c === '+') {
      min = 1;
      this.pos++;
    } else if (c === '{') {
      const m = /^\{(\d*)(?:,(\d*))?\}/.exec(this.src.slice(this.pos));
      if (!m || (m[1] === '' && m[2] === undefined)) return atom; // a literal `{`
      min = m[1] === '' ? 0 : Number(m[1]);
      if (min > 1000) throw new Unsupported('huge repetition');
      this.pos += m[0].length;
    } else return atom;
    if (this.peek() === '?' || this.peek() === '+') this.pos++; // lazy / possessive
    return atom.repeat(min);
  }

  private atom(depth: number): string {
    const c = this.src[this.pos++]!;
    switch (c) {
      case '\\':
        return this.escape(false);
      case '.':
        return 'a';
      case '^':
      case '$':
        return '';
      case '[':
        return this.charClass();
      case '(':
        return this.group(depth);
      default:
        return c;
    }
  }

  private group(depth: number): string {
    let lookaround = false;
    if (this.peek() === '?') {
      const rest = this.src.slice(this.pos);
      const m = /^\?(?:[=!]|<[=!])/.exec(rest);
      if (m) {
        lookaround = true;
        this.pos += m[0].length;
      } else {
        const flags = /^\?[a-zA-Z-]*\)/.exec(rest);
        if (flags) {
          // Inline flags `(?i)`: they change matching, not what we write.
          this.pos += flags[0].length;
          return '';
        }
        const named = /^\?(?:P?<[A-Za-z_][A-Za-z0-9_]*>|'[A-Za-z_][A-Za-z0-9_]*'|[a-zA-Z-]*:)/.exec(rest);
        if (!named) throw new Unsupported('group kind');
        this.pos += named[0].length;
      }
    }
    const inner = this.alternation(depth + 1);
    if (this.src[this.pos++] !== ')') throw new Unsupported('unbalanced group');
    // Lookarounds assert without consuming; writing nothing is a guess the caller checks.
    return lookaround ? '' : inner;
  }

  /** An escape after `\`; in a class, returns the set's representative or the literal. */
  private escape(inClass: boolean): string {
    const n = this.src[this.pos++];
    if (n === undefined) throw new Unsupported('trailing backslash');
    switch (n) {
      case 'd':
        return '0';
      case 'D':
      case 'w':
        return 'a';
      case 'W':
      case 's':
      case 'h':
        return ' ';
      case 'S':
      case 'H':
      case 'V':
        return 'a';
      case 'v':
        return '\n';
      case 't':
        return '\t';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 'f':
        return '\f';
      case 'e':
        return '\x1b';
      case 'a':
        return '\x07';
      case '0':
        return '\0';
      case 'b':
        return inClass ? '\b' : '';
      case 'B':
      case 'A':
      case 'z':
      case 'Z':
      case 'G':
        if (inClass) throw new Unsupported('assertion in class');
        return '';
      case 'x': {
        const m = /^(?:\{([0-9a-fA-F]+)\}|([0-9a-fA-F]{1,2}))/.exec(this.src.slice(this.pos));
        if (!m) throw new Unsupported('\\x');
        this.pos += m[0].length;
        return String.fromCodePoint(parseInt(m[1] ?? m[2]!, 16));
      }
      case 'u': {
        const m = /^[0-9a-fA-F]{4}/.exec(this.src.slice(this.pos));
        if (!m) throw new Unsupported('\\u');
        this.pos += 4;
        return String.fromCharCode(parseInt(m[0], 16));
      }
      case 'p':
      case 'P': {
        const m = /^(?:\{[^}]*\}|[A-Za-z])/.exec(this.src.slice(this.pos));
        if (!m) throw new Unsupported('\\p');
        this.pos += m[0].length;
        return n === 'p' ? 'a' : '0';
      }
      case 'Q': {
        const end = this.src.indexOf('\\E', this.pos);
        const stop = end < 0 ? this.src.length : end;
        const text = this.src.slice(this.pos, stop);
        this.pos = end < 0 ? stop : stop + 2;
        return text;
      }
      default:
        if (/[1-9kg]/.test(n)) throw new Unsupported('backreference');
        return n;
    }
  }

  private charClass(): string {
    const negated = this.peek() === '^';
    if (negated) this.pos++;
    // Members: single characters and ranges; escapes such as \d count by their representative.
    const singles: string[] = [];
    const ranges: [number, number][] = [];
    const escapes: string[] = [];
    let first = true;
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) throw new Unsupported('unterminated class');
      if (c === ']' && !first) {
        this.pos++;
        break;
      }
      first = false;
      let ch: string;
      if (c === '[' && this.src[this.pos + 1] === ':') {
        const end = this.src.indexOf(':]', this.pos);
        if (end < 0) throw new Unsupported('posix class');
        const name = this.src.slice(this.pos + 2, end);
        this.pos = end + 2;
        escapes.push(name);
        continue;
      }
      if (c === '\\') {
        this.pos++;
        const e = this.src[this.pos];
        if (e !== undefined && /[dDwWsShHvV]/.test(e)) {
          this.pos++;
          escapes.push(`\\${e}`);
          continue;
        }
        ch = this.escape(true);
      } else {
        ch = c;
        this.pos++;
      }
      if (this.src[this.pos] === '-' && this.src[this.pos + 1] !== ']' && this.src[this.pos + 1] !== undefined) {
        this.pos++;
        let hi: string;
        if (this.src[this.pos] === '\\') {
          this.pos++;
          hi = this.escape(true);
        } else hi = this.src[this.pos++]!;
        ranges.push([ch.codePointAt(0)!, hi.codePointAt(0)!]);
      } else singles.push(ch);
    }
    const member = (x: string): boolean => {
      const cp = x.codePointAt(0)!;
      if (singles.some((s) => s.toLowerCase() === x.toLowerCase())) return true;
      if (ranges.some(([lo, hi]) => cp >= lo && cp <= hi)) return true;
      return escapes.some((e) => classEscape(e, x));
    };
    if (!negated) {
      // Letters and digits first (a range's start, a `\w`), so examples look like text.
      if (ranges.length > 0) return String.fromCodePoint(ranges[0]![0]);
      const probe = escapes.length > 0 ? PROBES.find(member) : undefined;
      if (probe !== undefined) return probe;
      if (singles.length > 0) return singles[0]!;
      throw new Unsupported('empty class');
    }
    const probe = PROBES.find((x) => !member(x));
    if (probe === undefined) throw new Unsupported('negated class');
    return probe;
  }
}

function classEscape(e: string, x: string): boolean {
  switch (e) {
    case '\\d':
    case 'digit':
      return /\d/.test(x);
    case '\\D':
      return !/\d/.test(x);
    case '\\w':
    case 'word':
      return /\w/.test(x);
    case '\\W':
      return !/\w/.test(x);
    case '\\s':
    case '\\h':
    case 'space':
    case 'blank':
      return /\s/.test(x);
    case '\\S':
    case '\\H':
      return !/\s/.test(x);
    case 'alpha':
      return /[A-Za-z]/.test(x);
    case 'alnum':
      return /[A-Za-z0-9]/.test(x);
    case 'upper':
      return /[A-Z]/.test(x);
    case 'lower':
      return /[a-z]/.test(x);
    case 'xdigit':
      return /[0-9A-Fa-f]/.test(x);
    case 'punct':
      return /[!-/:-@[-`{-~]/.test(x);
    default:
      return false;
  }
}
