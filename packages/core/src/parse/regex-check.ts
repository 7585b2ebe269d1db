/**
 * Checks that a `|re` pattern compiles. Sigma regexes are PCRE-flavoured; JavaScript's RegExp differs, so PCRE-only
 * syntax with a JS-compatible meaning for validation purposes is rewritten first (inline flags `(?i)`, `(?i:...)`,
 * `\A`, `\Z`, `\z`, possessive quantifiers, atomic groups, `(?P<name>...)`, `(?P=name)`, `(?#...)` comments,
 * recursion and subroutine calls, conditionals).
 * Only what is broken in both flavours (unbalanced groups, nothing to repeat, bad ranges...) is reported.
 */
export function checkRegex(pattern: string): string | undefined {
  const js = pcreToJsForValidation(pattern);
  try {
    // Non-unicode mode: like PCRE, unknown escapes such as `\h` or `\Q` are accepted.
    new RegExp(js);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message.replace(/^Invalid regular expression: /, '') : String(e);
  }
}

export function pcreToJsForValidation(p: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i] as string;
    if (c === '\\') {
      const n = p[i + 1];
      if (n === undefined) {
        out += '\\';
        continue;
      }
      if (!inClass && (n === 'A' || n === 'G')) out += '^';
      else if (!inClass && (n === 'Z' || n === 'z')) out += '$';
      else out += c + n;
      i++;
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
      // A `]` right after `[` or `[^` is literal in PCRE.
      if (p[i + 1] === '^') {
        out += '^';
        i++;
      }
      if (p[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === '(' && p[i + 1] === '?') {
      const rest = p.slice(i + 2);
      const flags = /^[a-zA-Z-]+\)/.exec(rest);
      if (flags && /^[imsxuUJn-]+\)$/.test(flags[0])) {
        i += 1 + flags[0].length;
        continue;
      }
      const flagGroup = /^[imsxuUJn-]+:/.exec(rest);
      if (flagGroup) {
        out += '(?:';
        i += 1 + flagGroup[0].length;
        continue;
      }
      if (rest.startsWith('#')) {
        const close = p.indexOf(')', i);
        if (close > 0) {
          i = close;
          continue;
        }
      }
      // Recursion and subroutine calls: (?R) (?1) (?-1) (?+1) (?&name) (?P>name).
      const call = /^(?:R|[+-]?\d+|&\w+|P>\w+)\)/.exec(rest);
      if (call) {
        out += '(?:)';
        i += 1 + call[0].length;
        continue;
      }
      // Conditionals (?(1)yes|no), (?(<name>)...), (?(R)...), (?(DEFINE)...); (?(?=x)...) keeps its assertion.
      const cond = /^\((?:[+-]?\d+|<\w+>|'\w+'|R\d*|R&\w+|DEFINE|\w+)\)/.exec(rest);
      if (cond) {
        out += '(?:';
        i += 1 + cond[0].length;
        continue;
      }
      if (rest.startsWith('(?')) {
        out += '(?:';
        i += 1;
        continue;
      }
      if (rest.startsWith('>') || rest.startsWith('|')) {
        out += '(?:';
        i += 2;
        continue;
      }
      if (rest.startsWith('P<')) {
        out += '(?<';
        i += 3;
        continue;
      }
      const back = /^P=(\w+)\)/.exec(rest);
      if (back) {
        out += `\\k<${back[1]}>`;
        i += 1 + back[0].length;
        continue;
      }
    }
    // Possessive quantifiers `*+ ++ ?+ }+`: validate as the greedy form.
    if (c === '+' && (out.endsWith('*') || out.endsWith('+') || out.endsWith('?') || out.endsWith('}')) && !out.endsWith('\\+')) {
      const prev = out[out.length - 1];
      const prev2 = out[out.length - 2];
      if (prev2 !== '\\' && !(prev === '?' && (prev2 === '(' || prev2 === undefined))) continue;
    }
    out += c;
  }
  return out;
}
