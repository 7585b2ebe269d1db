/**
 * Literal substrings every match of a regex must contain, for the prefilter. Deliberately conservative:
 * only runs of plain characters at the top level of each top-level alternative count (anything under a
 * group, class, or optional quantifier breaks the run). Returns one literal per alternative, or undefined
 * when some alternative has none. Case-insensitive patterns only yield ASCII literals (RE2's Unicode case
 * folding relates a few non-ASCII characters to ASCII letters, e.g. K and ſ, which `fold` also maps).
 */
export function requiredLiterals(
  source: string,
  ignoreCase: boolean,
  weak: (literal: string) => boolean = () => false,
): string[] | undefined {
  const ci = ignoreCase || /\(\?[a-zA-Z]*i/.test(source);
  const branches: string[][] = [[]];
  let run = '';
  const endRun = (): void => {
    if (run.length > 0) branches[branches.length - 1]!.push(run);
    run = '';
  };
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const n = source[i + 1];
      if (n === undefined) return undefined;
      if (n === 'Q') {
        // Quoted text: treat as opaque (rare in rules).
        endRun();
        const end = source.indexOf('\\E', i + 2);
        if (end < 0) return branches.every((b) => b.length > 0) ? pickAll(branches, ci, weak) : undefined;
        i = end + 1;
        continue;
      }
      i++;
      if (depth > 0) continue;
      if (/[A-Za-z0-9]/.test(n)) {
        endRun(); // \d \w \b \x41 \n ...: not a plain character here
        // Skip the escape's own argument: octal digits, \x41 / \x{263a}, \pL / \p{Greek}.
        const rest = source.slice(i + 1);
        const arg = /^[0-7]/.test(n) ? /^[0-7]{0,2}/.exec(rest) : n === 'x' || n === 'p' || n === 'P' ? /^(?:\{[^}]*\}|[0-9A-Za-z]{0,2})/.exec(rest) : null;
        if (arg) i += n === 'p' || n === 'P' ? (arg[0].startsWith('{') ? arg[0].length : 1) : arg[0].length;
        continue;
      }
      if (isOptional(source, i + 1)) {
        endRun();
        continue;
      }
      run += n;
      if (isRepeat(source, i + 1)) endRun();
      continue;
    }
    if (c === '[') {
      // Skip the class (a `]` first in the class is literal).
      let j = i + 1;
      if (source[j] === '^') j++;
      if (source[j] === ']') j++;
      while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
      i = j;
      if (depth === 0) endRun();
      continue;
    }
    if (c === '(') {
      // A flag group `(?i)` is not an atom: a quantifier after it applies to the character before it.
      const flags = /^\(\?[a-zA-Z-]*\)/.exec(source.slice(i, i + 16));
      if (flags) {
        i += flags[0].length - 1;
        // ...which may make an atom already counted optional: too odd to reason about, give up.
        if ('*?+{'.includes(source[i + 1] ?? '')) return undefined;
        continue;
      }
      depth++;
      if (depth === 1) endRun();
      continue;
    }
    if (c === ')') {
      depth = Math.max(0, depth - 1);
      continue;
    }
    if (depth > 0) continue;
    if (c === '|') {
      endRun();
      branches.push([]);
      continue;
    }
    const repeat = c === '{' ? REPEAT.exec(source.slice(i, i + 24)) : null;
    if ('.^$*+?'.includes(c) || repeat) {
      // A quantifier applies to the previous character, which may already be in the run: drop it.
      if ((c === '*' || c === '?' || repeat) && run.length > 0) run = run.slice(0, -1);
      endRun();
      if (repeat) i += repeat[0].length - 1;
      continue;
    }
    // `{` that is not a valid repeat, and `}`, are literal characters in RE2.
    if (isOptional(source, i + 1)) {
      endRun();
      continue;
    }
    run += c;
    if (isRepeat(source, i + 1)) endRun();
  }
  endRun();
  if (branches.some((b) => b.length === 0)) return undefined;
  return pickAll(branches, ci, weak);
}

/** Per alternative, the best literal: a selective one before a weak one, then the longest. */
function pickAll(branches: readonly string[][], ci: boolean, weak: (literal: string) => boolean): string[] | undefined {
  const out: string[] = [];
  const better = (a: string, b: string): boolean => (weak(a) !== weak(b) ? !weak(a) : a.length > b.length);
  for (const b of branches) {
    let best: string | undefined;
    for (const lit of b) {
      if (ci && /[^\x00-\x7f]/.test(lit)) continue;
      if (best === undefined || better(lit, best)) best = lit;
    }
    if (best === undefined) return undefined;
    out.push(best);
  }
  return out;
}

/** A counted repetition as RE2 reads it; any other `{` is a literal. */
const REPEAT = /^\{\d+(?:,\d*)?\}/;

/** The character before `at` is optional (`*`, `?`, `{0}`, `{0,n}`). */
function isOptional(s: string, at: number): boolean {
  const q = s[at];
  if (q === '*' || q === '?') return true;
  const r = q === '{' ? REPEAT.exec(s.slice(at, at + 24)) : null;
  return r !== null && /^\{0+(?:[,}])/.test(r[0]);
}

/** The character before `at` repeats (`+`, `{n}`...): it is required once, but the run cannot continue. */
function isRepeat(s: string, at: number): boolean {
  return s[at] === '+' || (s[at] === '{' && REPEAT.test(s.slice(at, at + 24)));
}
