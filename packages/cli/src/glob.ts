/**
 * Glob matching for rule paths (Node 20 has no fs.glob). Supports `*`, `?`, `[...]`, `{a,b}` and `**`.
 * Paths are matched with `/` separators; `*` and `?` never cross a separator and never match a leading dot.
 */

export function hasGlobMagic(pattern: string): boolean {
  return /[*?[{]/.test(pattern);
}

function escapeRe(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}

/** Regex source for one glob (no anchors). */
function translate(glob: string): string {
  let re = '';
  let i = 0;
  let braces = 0;
  while (i < glob.length) {
    const ch = glob[i]!;
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches zero or more whole directories; a trailing `**` matches everything below.
        const atStart = i === 0 || glob[i - 1] === '/';
        i += 2;
        if (atStart && glob[i] === '/') {
          re += '(?:(?!\\.)[^/]*/)*';
          i++;
        } else {
          re += '(?:(?!\\.)[^/]*(?:/(?!\\.)[^/]*)*)?';
        }
        continue;
      }
      const atSegStart = i === 0 || glob[i - 1] === '/';
      re += atSegStart ? '(?!\\.)[^/]*' : '[^/]*';
      i++;
    } else if (ch === '?') {
      re += '[^/]';
      i++;
    } else if (ch === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) {
        re += '\\[';
        i++;
        continue;
      }
      let body = glob.slice(i + 1, end);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      body = body.replace(/[\\\]^]/g, (c) => `\\${c}`);
      re += negate ? `[^/${body}]` : `[${body}]`;
      i = end + 1;
    } else if (ch === '{') {
      braces++;
      re += '(?:';
      i++;
    } else if (ch === '}' && braces > 0) {
      braces--;
      re += ')';
      i++;
    } else if (ch === ',' && braces > 0) {
      re += '|';
      i++;
    } else if (ch === '\\' && i + 1 < glob.length) {
      re += escapeRe(glob[i + 1]!);
      i += 2;
    } else {
      re += escapeRe(ch);
      i++;
    }
  }
  // Unbalanced `{`: treat it as literal by giving up on alternation.
  if (braces > 0) return glob.split('').map(escapeRe).join('');
  return re;
}

export function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${translate(glob)}$`);
}

/** The leading segments without glob syntax: where to start walking. */
export function globBase(glob: string): string {
  const segs = glob.split('/');
  const base: string[] = [];
  for (const s of segs) {
    if (hasGlobMagic(s)) break;
    base.push(s);
  }
  if (base.length === segs.length) base.pop();
  const joined = base.join('/');
  return joined === '' && glob.startsWith('/') ? '/' : joined;
}
