/**
 * IPv4 and IPv6 addresses and CIDR blocks, for the search command's CIDR matching ("The search command supports
 * IPv4 and IPv6 addresses and subnets that use CIDR notation", Search Reference, search) and cidrmatch().
 */

/** An address as a big integer with its family. */
export interface Ip {
  readonly v6: boolean;
  readonly bits: bigint;
}

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function parseV4(s: string): bigint | undefined {
  const m = V4.exec(s);
  if (!m) return undefined;
  let n = 0n;
  for (let k = 1; k <= 4; k++) {
    const o = Number(m[k]);
    if (o > 255 || (m[k]!.length > 1 && m[k]!.startsWith('0'))) return undefined;
    n = (n << 8n) | BigInt(o);
  }
  return n;
}

function parseV6(s: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || !s.includes(':')) return undefined;
  let tail4: bigint | undefined;
  let text = s;
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    tail4 = parseV4(s.slice(lastColon + 1));
    if (tail4 === undefined) return undefined;
    text = s.slice(0, lastColon + 1) + '0:0';
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parse = (h: string): number[] | undefined => {
    if (h === '') return [];
    const out: number[] = [];
    for (const g of h.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const a = parse(halves[0]!);
  const b = halves.length === 2 ? parse(halves[1]!) : [];
  if (!a || !b) return undefined;
  let groups: number[];
  if (halves.length === 2) {
    if (a.length + b.length > 7) return undefined;
    groups = [...a, ...new Array<number>(8 - a.length - b.length).fill(0), ...b];
  } else {
    if (a.length !== 8) return undefined;
    groups = a;
  }
  let n = 0n;
  for (const g of groups) n = (n << 16n) | BigInt(g);
  if (tail4 !== undefined) n = (n & ~0xffffffffn) | tail4;
  return n;
}

export function parseIp(s: string): Ip | undefined {
  const t = s.trim();
  const v4 = parseV4(t);
  if (v4 !== undefined) return { v6: false, bits: v4 };
  const v6 = parseV6(t);
  return v6 === undefined ? undefined : { v6: true, bits: v6 };
}

export interface Cidr {
  readonly v6: boolean;
  readonly network: bigint;
  readonly mask: bigint;
}

/** `a.b.c.d/n` or `x:y::/n`; undefined when the text is not CIDR notation. */
export function parseCidr(s: string): Cidr | undefined {
  const m = /^([^/\s]+)\/(\d{1,3})$/.exec(s.trim());
  if (!m) return undefined;
  const ip = parseIp(m[1]!);
  if (!ip) return undefined;
  const width = ip.v6 ? 128 : 32;
  const len = Number(m[2]);
  if (len > width) return undefined;
  const all = (1n << BigInt(width)) - 1n;
  const mask = len === 0 ? 0n : (all << BigInt(width - len)) & all;
  return { v6: ip.v6, network: ip.bits & mask, mask };
}

export function inCidr(c: Cidr, value: string): boolean {
  const ip = parseIp(value);
  if (!ip || ip.v6 !== c.v6) return false;
  return (ip.bits & c.mask) === c.network;
}
