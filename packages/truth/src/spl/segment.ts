import { unsupported } from './errors.js';

/**
 * Terms and phrases against `_raw` (keywords, quoted phrases), after Splunk's segmentation.
 *
 * Breakers are the defaults of segmenters.conf (SOURCES.md): MAJOR `[ ] < > ( ) { } | ! ; , ' " * \n \r \s \t & ? +`
 * and the URL-encoded `%21 %26 %2526 %3B %7C %20 %2B %3D -- %2520 %5D %5B %3A %0A %2C %28 %29`; MINOR
 * `/ : = @ . - $ # % \ _`. Splunk indexes the segments between breakers, so a term only matches at segment edges:
 * `bar` does not match `foobar`, `168.1` matches inside `192.168.1.1`.
 *
 * The model implemented here, exactly:
 *  - Matching is case-insensitive (both sides lower-cased).
 *  - A boundary is the start or end of `_raw`, or any position next to a breaker character.
 *  - A term or phrase without `*` matches when its text occurs in `_raw` with a boundary at both ends (a term
 *    that itself starts or ends with a breaker satisfies that side trivially).
 *  - A leading `*` drops the start boundary, a trailing `*` the end boundary ("*fail", "fail*").
 *  - An inner `*` matches any run of non-major-breaker characters: it stays inside one major segment. An inner `*`
 *    next to a breaker character is refused (SplError unsupported): Splunk documents that wildcards in the middle
 *    of a term "might return inconsistent results if the term contains punctuation", so no verdict is claimed.
 *  - Not modelled: index-time vs search-time segmentation differences, custom segmenters, TERM()/CASE().
 */

const MAJOR_CHARS = '[]<>(){}|!;,\'"*\n\r \t&?+';
const MINOR_CHARS = '/:=@.-$#%\\_';
const MULTI_MAJOR = ['%2526', '%2520', '%21', '%26', '%3b', '%7c', '%20', '%2b', '%3d', '%5d', '%5b', '%3a', '%0a', '%2c', '%28', '%29', '--'];

const BREAKER = new Set([...MAJOR_CHARS, ...MINOR_CHARS]);

/** Marker for a segment boundary in the marked text (a noncharacter: never in data we care about). */
const MARK = '\uffff';

/**
 * `_raw` lower-cased with MARK inserted at every boundary. Boundaries are computed on the lower-cased text (the
 * breakers are ASCII, so lower-casing does not move them).
 */
export function markBoundaries(raw: string): string {
  const s = raw.toLowerCase().replaceAll(MARK, '\ufffe');
  const n = s.length;
  const brk = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (BREAKER.has(s[i]!)) brk[i] = 1;
  // URL-encoded breakers: every character of the sequence is a breaker (segmenters.conf lists them upper case;
  // they are matched case-insensitively here, an assumption).
  if (s.includes('%') || s.includes('--')) {
    for (const seq of MULTI_MAJOR) {
      let at = s.indexOf(seq);
      while (at >= 0) {
        for (let k = 0; k < seq.length; k++) brk[at + k] = 1;
        at = s.indexOf(seq, at + 1);
      }
    }
  }
  let out = MARK;
  for (let i = 0; i < n; i++) {
    if (i > 0 && (brk[i - 1] || brk[i])) out += MARK;
    out += s[i];
  }
  return out + MARK;
}

const escapeRe = (c: string): string => c.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
const escapeInClass = (c: string): string => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : c.replace(/[\\\]\[^-]/g, '\\$&'));
const NOT_MAJOR = `[^${[...MAJOR_CHARS].map(escapeInClass).join('')}]`;

/** A compiled raw term: tests the marked `_raw` of an event. */
export type RawTest = (marked: string) => boolean;

/** Compile a decoded term or phrase (with `*` wildcards) for matching against marked `_raw`. */
export function compileRawTerm(term: string, offset?: number): RawTest {
  const t = term.toLowerCase();
  if (/^\**$/.test(t)) return () => true; // `*` alone matches every event
  let body = t;
  const lead = body.startsWith('*');
  const trail = body.endsWith('*');
  body = body.replace(/^\*+/, '').replace(/\*+$/, '');
  const pieces = body.split(/\*+/);
  for (let k = 0; k < pieces.length - 1; k++) {
    const before = pieces[k]!.at(-1)!;
    const after = pieces[k + 1]![0]!;
    if (BREAKER.has(before) || BREAKER.has(after)) {
      unsupported(`wildcard in the middle of "${term}" next to punctuation: Splunk documents inconsistent results`, offset);
    }
  }
  // Between two literal characters a boundary mark may or may not sit in the marked text.
  const lit = (p: string): string => [...p].map(escapeRe).join(`${MARK}?`);
  let src = pieces.map(lit).join(`(?:${NOT_MAJOR}|${MARK})*?`);
  const first = body[0]!;
  const last = body.at(-1)!;
  src = (lead ? '' : BREAKER.has(first) ? `${MARK}?` : MARK) + src + (trail ? '' : BREAKER.has(last) ? `${MARK}?` : MARK);
  const re = new RegExp(src, 'u');
  return (marked) => re.test(marked);
}
