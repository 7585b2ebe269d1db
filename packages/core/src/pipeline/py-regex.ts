// pySigma pipelines are written for Python's `re`: replacement strings are converted to JS `$` syntax here (the
// patterns themselves run on RE2, see linear-regex.ts).

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
