import { ipv6Groups } from '@sigmats/core';

/**
 * IPv6 CIDR as an RE2 regex over the address text (Sumo's compareCIDRPrefix is IPv4 only).
 * It accepts every textual form of an address in the network: any case, optional leading zeros in a group, and
 * `::` standing for any run of zero groups. IPv4-embedded forms (`::ffff:1.2.3.4`) and zone ids are not matched.
 * Checked against Node's net.BlockList in the tests.
 */

const HEX = '[0-9a-f]';
const FREE = `${HEX}{1,4}`;

/** `[8-9a-b]`: a class over hex digits a..b that never spans the ASCII between '9' and 'a' (nor 'A'–'F' under (?i)). */
function hexClass(a: number, b: number): string {
  const range = (x: number, y: number): string => {
    const lo = x.toString(16);
    const hi = y.toString(16);
    return x === y ? lo : `${lo}-${hi}`;
  };
  const parts: string[] = [];
  if (a <= 9) parts.push(range(a, Math.min(b, 9)));
  if (b >= 10) parts.push(range(Math.max(a, 10), b));
  return `[${parts.join('')}]`;
}

/** Digit classes of the 4-digit padded group for values [lo, hi] where the range is a power-of-two block. */
function digitClasses(lo: number, hi: number): string[] {
  const out: string[] = [];
  for (let i = 3; i >= 0; i--) {
    const a = (lo >> (i * 4)) & 0xf;
    const b = (hi >> (i * 4)) & 0xf;
    out.push(a === b ? a.toString(16) : a === 0 && b === 15 ? HEX : hexClass(a, b));
  }
  return out;
}

/** A group whose value is in [lo, hi] (aligned block), written with 1–4 digits (leading zeros optional). */
function groupRange(lo: number, hi: number): string {
  if (lo === 0 && hi === 0xffff) return FREE;
  if (lo === hi) {
    // One value: its digits after optional leading zeros (`0{0,3}1`; zero itself `0{1,4}`).
    if (lo === 0) return '0{1,4}';
    const digits = lo.toString(16);
    return digits.length === 4 ? digits : `0{0,${4 - digits.length}}${digits}`;
  }
  const classes = digitClasses(lo, hi);
  const alts: string[] = [];
  for (let drop = 0; drop < 4; drop++) {
    // Dropped leading digits must be able to be 0.
    if (!classes.slice(0, drop).every((c) => c === '0' || c === HEX || c.startsWith('[0'))) break;
    alts.push(classes.slice(drop).join(''));
  }
  const uniq = [...new Set(alts)];
  return uniq.length === 1 ? uniq[0]! : `(?:${uniq.join('|')})`;
}

/** Regex (no flags, anchored) for every text of an address in network/prefixLength. */
export function ipv6CidrRegex(network: string, prefixLength: number): string | undefined {
  const groups = ipv6Groups(network);
  if (!groups || prefixLength < 0 || prefixLength > 128) return undefined;
  // Per group: the value range the prefix allows.
  const ranges = groups.map((g, i) => {
    const bits = Math.max(0, Math.min(16, prefixLength - i * 16));
    const mask = bits === 0 ? 0 : (0xffff << (16 - bits)) & 0xffff;
    const lo = g & mask;
    return { lo, hi: lo | (~mask & 0xffff), bits };
  });
  const last = prefixLength === 0 ? -1 : Math.ceil(prefixLength / 16) - 1; // last group holding prefix bits
  const group = (i: number): string => groupRange(ranges[i]!.lo, ranges[i]!.hi);
  const canBeZero = (i: number): boolean => ranges[i]!.lo === 0;
  const alts: string[] = [];
  const freeTail = (maxGroups: number): string =>
    maxGroups <= 0 ? '' : `(?:${FREE}(?::${FREE}){0,${maxGroups - 1}})?`;

  // No `::` among the prefix groups: they are written out, the rest is any tail (which may itself use `::`).
  if (last < 0) alts.push('.*');
  else {
    const head = Array.from({ length: last + 1 }, (_, i) => group(i)).join(':');
    alts.push(last === 7 ? head : `${head}(?::.*)?`);
  }
  // `::` starting at group a (a <= last) and ending at group b (exclusive).
  for (let a = 0; a <= last; a++) {
    if (!canBeZero(a)) continue;
    const before = Array.from({ length: a }, (_, i) => group(i)).join(':');
    for (let b = a + 1; b <= 8; b++) {
      if (!canBeZero(b - 1) && b - 1 <= last) break;
      const after = 8 - b;
      if (b - 1 < last) {
        // Prefix groups b..last follow the `::` explicitly, then exactly 7 - last free groups.
        const fixed = Array.from({ length: last - b + 1 }, (_, i) => group(b + i)).join(':');
        const tail = `${fixed}${7 - last > 0 ? `(?::${FREE}){${7 - last}}` : ''}`;
        alts.push(`${before}::${tail}`);
      } else if (b - 1 === last) {
        // The run ends exactly at the last prefix group: what follows is free, up to `after` groups (any count ≤).
        alts.push(`${before}::${freeTail(after)}`);
        break; // longer runs are covered by the free tail
      }
    }
  }
  return `^(?:${[...new Set(alts)].join('|')})$`;
}
