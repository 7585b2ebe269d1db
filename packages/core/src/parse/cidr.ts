/** `|cidr` parsing: IPv4 and IPv6 networks, canonical text, host-bit check. */
export type CidrParse =
  | { ok: true; version: 4 | 6; network: string; prefixLength: number }
  | { ok: false; message: string; hint?: string };

export function parseCidr(text: string): CidrParse {
  const slash = text.indexOf('/');
  const addr = (slash < 0 ? text : text.slice(0, slash)).trim();
  const lenText = slash < 0 ? undefined : text.slice(slash + 1).trim();
  const v4 = parseIPv4(addr);
  const v6 = v4 ? undefined : parseIPv6(addr);
  if (!v4 && !v6) return { ok: false, message: `'${text}' is not an IPv4 or IPv6 network` };
  const bits = v4 ? 32 : 128;
  let prefix = bits;
  if (lenText !== undefined) {
    if (!/^\d{1,3}$/.test(lenText) || Number(lenText) > bits) {
      return { ok: false, message: `'${text}': prefix length must be an integer from 0 to ${bits}` };
    }
    prefix = Number(lenText);
  }
  const bytes = (v4 ?? v6) as number[];
  const masked = bytes.map((b, i) => {
    const keep = Math.max(0, Math.min(8, prefix - i * 8));
    return b & (keep === 0 ? 0 : (0xff << (8 - keep)) & 0xff);
  });
  const network = v4 ? masked.join('.') : formatIPv6(masked);
  if (masked.some((b, i) => b !== bytes[i])) {
    return {
      ok: false,
      message: `'${text}' has host bits set`,
      hint: `the network is ${network}/${prefix}`,
    };
  }
  return { ok: true, version: v4 ? 4 : 6, network, prefixLength: prefix };
}

function parseIPv4(s: string): number[] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  const parts = m.slice(1).map((x) => {
    // Leading zeros are ambiguous (octal in some parsers): reject like Python's ipaddress.
    if (x.length > 1 && x.startsWith('0')) return NaN;
    return Number(x);
  });
  return parts.every((n) => n >= 0 && n <= 255) ? parts : undefined;
}

/** The 8 groups of an IPv6 address text (an embedded IPv4 tail included), or undefined when it is not one. */
export function ipv6Groups(s: string): number[] | undefined {
  if (!/^[0-9A-Fa-f:.]+$/.test(s) || s.length > 45) return undefined;
  const dbl = s.indexOf('::');
  if (dbl >= 0 && s.indexOf('::', dbl + 1) >= 0) return undefined;
  const groups: number[] = [];
  const parseSide = (side: string): number[] | undefined => {
    if (side === '') return [];
    const out: number[] = [];
    const items = side.split(':');
    for (let k = 0; k < items.length; k++) {
      const g = items[k] as string;
      if (k === items.length - 1 && g.includes('.')) {
        const v4 = parseIPv4(g);
        if (!v4) return undefined;
        out.push(((v4[0] as number) << 8) | (v4[1] as number), ((v4[2] as number) << 8) | (v4[3] as number));
      } else {
        if (!/^[0-9A-Fa-f]{1,4}$/.test(g)) return undefined;
        out.push(parseInt(g, 16));
      }
    }
    return out;
  };
  if (dbl >= 0) {
    const left = parseSide(s.slice(0, dbl));
    const right = parseSide(s.slice(dbl + 2));
    if (!left || !right || left.length + right.length > 7) return undefined;
    groups.push(...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right);
  } else {
    const all = parseSide(s);
    if (!all || all.length !== 8) return undefined;
    groups.push(...all);
  }
  return groups;
}

/** The 16 bytes of an IPv6 address text, or undefined when it is not one. */
function parseIPv6(s: string): number[] | undefined {
  return ipv6Groups(s)?.flatMap((g) => [g >> 8, g & 0xff]);
}

/** RFC 5952 text: lower-case hex, no leading zeros, the longest run (≥2) of zero groups as `::`. */
export function formatIPv6(bytes: readonly number[]): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] as number) << 8) | (bytes[i + 1] as number));
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestLen < 2) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}
