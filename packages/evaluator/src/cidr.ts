/** Real IP network membership for `|cidr` (IPv4 and IPv6). Non-IP text never matches. */

export interface ParsedIp {
  readonly version: 4 | 6;
  /** 32 or 128 bits. */
  readonly value: bigint;
}

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function parseV4(text: string): bigint | undefined {
  const m = V4.exec(text);
  if (!m) return undefined;
  let v = 0n;
  for (let i = 1; i <= 4; i++) {
    const part = m[i]!;
    // Leading zeros are ambiguous (octal in some parsers): refuse them.
    if (part.length > 1 && part.startsWith('0')) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    v = (v << 8n) | BigInt(n);
  }
  return v;
}

function parseV6(text: string): bigint | undefined {
  let s = text;
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  if (s.length < 2 || !/^[0-9a-fA-F:.]+$/.test(s)) return undefined;
  let tailV4: bigint | undefined;
  const lastColon = s.lastIndexOf(':');
  if (s.includes('.')) {
    tailV4 = parseV4(s.slice(lastColon + 1));
    if (tailV4 === undefined) return undefined;
    s = `${s.slice(0, lastColon + 1)}0:0`;
  }
  const dbl = s.indexOf('::');
  if (dbl !== s.lastIndexOf('::')) return undefined;
  const parseGroups = (p: string): number[] | undefined => {
    if (p === '') return [];
    const groups = p.split(':');
    const out: number[] = [];
    for (const g of groups) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  let groups: number[];
  if (dbl >= 0) {
    const head = parseGroups(s.slice(0, dbl));
    const tail = parseGroups(s.slice(dbl + 2));
    if (!head || !tail || head.length + tail.length > 7) return undefined;
    groups = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  } else {
    const all = parseGroups(s);
    if (!all || all.length !== 8) return undefined;
    groups = all;
  }
  let v = 0n;
  for (const g of groups) v = (v << 16n) | BigInt(g);
  if (tailV4 !== undefined) v = (v & ~0xffffffffn) | tailV4;
  return v;
}

export function parseIp(text: string): ParsedIp | undefined {
  let s = text.trim();
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  if (s.includes(':')) {
    const v = parseV6(s);
    return v === undefined ? undefined : { version: 6, value: v };
  }
  const v = parseV4(s);
  return v === undefined ? undefined : { version: 4, value: v };
}

export interface CidrNetwork {
  readonly version: 4 | 6;
  readonly network: bigint;
  readonly mask: bigint;
}

export function parseNetwork(version: 4 | 6, network: string, prefixLength: number): CidrNetwork | undefined {
  const ip = parseIp(network);
  if (!ip || ip.version !== version) return undefined;
  const bits = version === 4 ? 32 : 128;
  if (!Number.isInteger(prefixLength) || prefixLength < 0 || prefixLength > bits) return undefined;
  const all = (1n << BigInt(bits)) - 1n;
  const mask = prefixLength === 0 ? 0n : (all << BigInt(bits - prefixLength)) & all;
  return { version, network: ip.value & mask, mask };
}

const V4_MAPPED_PREFIX = 0xffffn << 32n;

/** IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) also belong to the IPv4 networks they embed. */
export function inNetwork(net: CidrNetwork, ip: ParsedIp): boolean {
  if (ip.version === net.version) return (ip.value & net.mask) === net.network;
  if (net.version === 4 && ip.version === 6 && ip.value >> 32n === V4_MAPPED_PREFIX >> 32n) {
    return ((ip.value & 0xffffffffn) & net.mask) === net.network;
  }
  return false;
}
