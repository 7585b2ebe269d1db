/**
 * Values and the value functions both Sumo dialects document alike (search operators pages, cse-rules-syntax).
 * Sumo keeps data as strings ("Most data in Sumo Logic is stored as a string data type", manually-cast-data-
 * string-number); numbers and booleans come from literals, casts and functions.
 */

export type Value = string | number | boolean | null;

/** Text of a value (`concat`, string functions); null stays null. */
export function text(v: Value): string | null {
  if (v === null) return null;
  if (typeof v === 'number') return numberText(v);
  return String(v);
}

export function numberText(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1e21 ? n.toFixed(0) : String(n);
}

const DECIMAL = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

/**
 * A value as a number: numbers as they are, decimal text ("a negative/positive integer or a real number", num)
 * after trimming, booleans and anything else null.
 */
export function toNumber(v: Value): number | null {
  if (typeof v === 'number') return Number.isNaN(v) ? null : v;
  if (typeof v !== 'string') return null;
  const t = v.trim();
  return DECIMAL.test(t) ? Number(t) : null;
}

/** RegExp source for a literal text. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** A compiled wildcard pattern: literal code points, `one` (exactly one character) and `any` (any run). */
export type GlobPart = { readonly kind: 'lit'; readonly ch: string } | { readonly kind: 'one' } | { readonly kind: 'any' };

export interface Glob {
  readonly parts: readonly GlobPart[];
  readonly caseInsensitive: boolean;
}

/**
 * Whole-value wildcard match in O(text × pattern) (the classic two-pointer scan with backtracking to the last
 * `any`), so long messages and many `*` cannot make it hang.
 */
export function globMatch(g: Glob, value: string): boolean {
  const t = [...(g.caseInsensitive ? value.toLowerCase() : value)];
  const p = g.parts;
  let i = 0;
  let j = 0;
  let star = -1;
  let mark = 0;
  while (i < t.length) {
    const q = p[j];
    if (q !== undefined && (q.kind === 'one' || (q.kind === 'lit' && q.ch === t[i]))) {
      i++;
      j++;
    } else if (q?.kind === 'any') {
      star = j++;
      mark = i;
    } else if (star >= 0) {
      j = star + 1;
      i = ++mark;
    } else return false;
  }
  while (p[j]?.kind === 'any') j++;
  return j === p.length;
}

/** A glob from pattern text: `any`/`one` are the wildcard characters (undefined: none), `escape` quotes the next one. */
export function compileGlob(pattern: string, o: { any: string; one?: string; escape?: string; caseInsensitive?: boolean }): Glob {
  const parts: GlobPart[] = [];
  const chars = [...pattern];
  const ci = o.caseInsensitive ?? false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (o.escape !== undefined && c === o.escape && i + 1 < chars.length) {
      const next = chars[++i]!;
      parts.push({ kind: 'lit', ch: ci ? next.toLowerCase() : next });
    } else if (c === o.any) {
      if (parts[parts.length - 1]?.kind !== 'any') parts.push({ kind: 'any' });
    } else if (o.one !== undefined && c === o.one) parts.push({ kind: 'one' });
    else parts.push({ kind: 'lit', ch: ci ? c.toLowerCase() : c });
  }
  return { parts, caseInsensitive: ci };
}

/**
 * A quoted `matches "…"` pattern of log search: `*` is the only wildcard ("Patterns use asterisks * as
 * wildcards", matches), the pattern covers the whole value (`"fail*"`, `"*Windows NT*"` in the docs' examples), and
 * "The string expression is case-sensitive".
 */
export function wildcardGlob(pattern: string): Glob {
  return compileGlob(pattern, { any: '*' });
}

// ---------------------------------------------------------------------------------------------- IP functions

/** An IPv4 address in dotted-quad form as a 32-bit number; undefined when the text is not one. */
export function ipv4(s: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s.trim());
  if (!m) return undefined;
  const octets = m.slice(1).map(Number);
  if (octets.some((o) => o > 255)) return undefined;
  return octets.reduce((acc, o) => acc * 256 + o, 0);
}

function ipv4Text(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

/** Network part of `n` for a prefix length 0..32. */
function prefixOf(n: number, len: number): number {
  const shift = 32 - len;
  return shift >= 32 ? 0 : Math.floor(n / 2 ** shift) * 2 ** shift;
}

function prefixLength(v: Value): number | undefined {
  const n = toNumber(v);
  return n !== null && Number.isInteger(n) && n >= 0 && n <= 32 ? n : undefined;
}

/**
 * `compareCIDRPrefix(ip1, ip2, len)`: "Compares two IPv4 addresses and returns true if the network prefixes match"
 * (cidr). Not IPv4 (or null), or a length outside 0-32: false (the docs define no other result).
 */
export function compareCidrPrefix(a: Value, b: Value, len: Value): boolean {
  const x = typeof a === 'string' ? ipv4(a) : undefined;
  const y = typeof b === 'string' ? ipv4(b) : undefined;
  const l = prefixLength(len);
  if (x === undefined || y === undefined || l === undefined) return false;
  return prefixOf(x, l) === prefixOf(y, l);
}

/** `getCIDRPrefix("10.10.1.35", "24")` = "10.10.1.0" (cidr); null when not IPv4. */
export function getCidrPrefix(a: Value, len: Value): string | null {
  const x = typeof a === 'string' ? ipv4(a) : undefined;
  const l = prefixLength(len);
  return x === undefined || l === undefined ? null : ipv4Text(prefixOf(x, l));
}

/** `maskFromCIDR("30")` = "255.255.255.252". */
export function maskFromCidr(len: Value): string | null {
  const l = prefixLength(len);
  return l === undefined ? null : ipv4Text(prefixOf(2 ** 32 - 1, l));
}

/** Valid IPv6 text (RFC 4291 forms, with an optional embedded IPv4 tail). */
export function isIpv6(s: string): boolean {
  let t = s.trim();
  if (t.includes('.')) {
    const cut = t.lastIndexOf(':');
    if (ipv4(t.slice(cut + 1)) === undefined) return false;
    t = `${t.slice(0, cut + 1)}0:0`;
  }
  if (!/^[0-9A-Fa-f:]+$/.test(t)) return false;
  const double = t.split('::');
  if (double.length > 2) return false;
  const groups = (p: string): string[] => (p === '' ? [] : p.split(':'));
  const parts = double.flatMap(groups);
  if (parts.some((g) => g.length === 0 || g.length > 4)) return false;
  return double.length === 2 ? parts.length < 8 : parts.length === 8;
}

/**
 * RFC 1918 private IPv4 ranges. The docs give only `isPrivateIP("192.168.0.1") // true`; which other ranges
 * count (loopback, link-local, CGNAT) is not stated, so only RFC 1918 (assumption A-PRIV in SOURCES.md).
 */
export function isPrivateIpv4(s: string): boolean | null {
  const n = ipv4(s);
  if (n === undefined) return null;
  return prefixOf(n, 8) === ipv4('10.0.0.0') || prefixOf(n, 12) === ipv4('172.16.0.0') || prefixOf(n, 16) === ipv4('192.168.0.0');
}
