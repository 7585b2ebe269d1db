// pySigma pipelines are written for Python's `re`; these convert the common syntax differences to JS.

/** Python regex source → JS RegExp (named groups, \A/\Z, leading inline flags). Throws on invalid patterns. */
export function pyRegex(source: string, extraFlags = ''): RegExp {
  let flags = extraFlags;
  let src = source;
  const inline = /^\(\?([aiLmsux]+)\)/.exec(src);
  if (inline) {
    for (const f of inline[1] ?? '') {
      if ((f === 'i' || f === 'm' || f === 's') && !flags.includes(f)) flags += f;
    }
    src = src.slice(inline[0].length);
  }
  src = src
    .replace(/\(\?P<([A-Za-z_][A-Za-z0-9_]*)>/g, '(?<$1>')
    .replace(/\(\?P=([A-Za-z_][A-Za-z0-9_]*)\)/g, '\\k<$1>')
    .replace(/\\A/g, '^')
    .replace(/\\Z/g, '$');
  return new RegExp(src, flags);
}

/** Python `re.sub` replacement (`\1`, `\g<1>`, `\g<name>`, `\\`) → JS replacement string. */
export function pyReplacement(repl: string): string {
  let out = '';
  for (let i = 0; i < repl.length; i++) {
    const c = repl[i] as string;
    if (c === '$') {
      out += '$$';
    } else if (c === '\\' && i + 1 < repl.length) {
      const rest = repl.slice(i + 1);
      const num = /^[0-9]{1,2}/.exec(rest);
      const named = /^g<([A-Za-z_0-9]+)>/.exec(rest);
      if (num) {
        out += `$${num[0]}`;
        i += num[0].length;
      } else if (named) {
        const g = named[1] ?? '';
        out += /^[0-9]+$/.test(g) ? `$${g}` : `$<${g}>`;
        i += named[0].length;
      } else {
        const n = rest[0] as string;
        out += n === 'n' ? '\n' : n === 't' ? '\t' : n === '\\' ? '\\' : `\\${n}`;
        i++;
      }
    } else out += c;
  }
  return out;
}
