// IPv4 / IPv6 address functions. Addresses are parsed to bigint so one prefix test serves both families; an IPv4
// address given to an ipv6_* function is its IPv4-mapped IPv6 address (::ffff:a.b.c.d), as Kusto's ipv6 functions
// accept IPv4 input.

/** A parsed address with its prefix length (32/128 when no `/n` is given). */
export interface IpNet {
  readonly bits: bigint;
  readonly prefix: number;
  readonly width: 32 | 128;
}

export function parseIpv4(text: string): IpNet | undefined {
  const m = /^\s*(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?\s*$/.exec(text);
  if (!m) return undefined;
  const parts = m.slice(1, 5).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  const prefix = m[5] === undefined ? 32 : Number(m[5]);
  if (prefix > 32) return undefined;
  const bits = parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n);
  return { bits, prefix, width: 32 };
}

function parseIpv6Address(text: string): bigint | undefined {
  let s = text;
  let tail: number[] = [];
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (v4) {
    const parts = v4.slice(1, 5).map(Number);
    if (parts.some((p) => p > 255)) return undefined;
    tail = [(parts[0]! << 8) | parts[1]!, (parts[2]! << 8) | parts[3]!];
    s = s.slice(0, v4.index) + (s.slice(0, v4.index).endsWith(':') ? '' : ':');
    if (s.endsWith(':') && !s.endsWith('::')) s = s.slice(0, -1);
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const parse = (h: string): number[] | undefined => {
    if (h === '') return [];
    const groups = h.split(':');
    if (groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
    return groups.map((g) => parseInt(g, 16));
  };
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  if (!head || !rest) return undefined;
  const groupsTail = [...rest, ...tail];
  let groups: number[];
  if (halves.length === 2) {
    const fill = 8 - head.length - groupsTail.length;
    if (fill < 1) return undefined;
    groups = [...head, ...Array<number>(fill).fill(0), ...groupsTail];
  } else {
    groups = [...head, ...tail];
  }
  if (groups.length !== 8) return undefined;
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

export function parseIpv6(text: string): IpNet | undefined {
  const m = /^\s*([^/\s]+)(?:\/(\d{1,3}))?\s*$/.exec(text);
  if (!m) return undefined;
  const v4 = parseIpv4(m[1]!);
  if (v4) {
    // "IPv4 are compared as IPv6 addresses" with a "24 bit IP4-prefix" (ipv6_is_match): /n of an IPv4 address
    // covers its own bits, i.e. 96 + n bits of the mapped address.
    const prefix = m[2] === undefined ? 32 : Number(m[2]);
    if (prefix > 32) return undefined;
    return { bits: (0xffffn << 32n) | v4.bits, prefix: 96 + prefix, width: 128 };
  }
  const bits = parseIpv6Address(m[1]!);
  if (bits === undefined) return undefined;
  const prefix = m[2] === undefined ? 128 : Number(m[2]);
  if (prefix > 128) return undefined;
  return { bits, prefix, width: 128 };
}

const mask = (width: number, prefix: number): bigint => (prefix === 0 ? 0n : ((1n << BigInt(prefix)) - 1n) << BigInt(width - prefix));

/** Whether `a` and `b` are equal on their first `prefix` bits. */
export function samePrefix(a: IpNet, b: IpNet, prefix: number): boolean {
  const m = mask(a.width, prefix);
  return (a.bits & m) === (b.bits & m);
}

/** ipv4_is_in_range / ipv6_is_in_range: null when either side is not an address of the family. */
export function ipInRange(ip: string, range: string, v6: boolean): boolean | null {
  const parse = v6 ? parseIpv6 : parseIpv4;
  const a = parse(ip);
  const r = parse(range);
  if (!a || !r) return null;
  return samePrefix(a, r, r.prefix);
}

/** ipv4_is_match / ipv6_is_match: equal on the smallest of the prefixes given (in the texts or as argument). */
export function ipMatch(x: string, y: string, v6: boolean, prefix?: number | null): boolean | null {
  const parse = v6 ? parseIpv6 : parseIpv4;
  const a = parse(x);
  const b = parse(y);
  if (!a || !b) return null;
  const p = Math.min(a.prefix, b.prefix, prefix ?? a.width);
  return samePrefix(a, b, p);
}

/**
 * The IPv4 addresses in a text, "properly delimited with non-alphanumeric characters" (has_ipv4's documentation):
 * a dotted quad not glued to a letter, a digit or another dot-number.
 */
export function ipv4sInText(text: string): string[] {
  const out: string[] = [];
  const re = /(?<![A-Za-z0-9.])(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})(?![A-Za-z0-9]|\.\d)/g;
  for (const m of text.matchAll(re)) if (parseIpv4(m[1]!)) out.push(m[1]!);
  return out;
}
