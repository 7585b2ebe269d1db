import { BlockList } from 'node:net';
import fc from 'fast-check';
import { RE2JS } from 're2js';
import { describe, expect, test } from 'vitest';
import { ipv6Groups } from '@sigmats/core';
import { ipv6CidrRegex } from '../src/shared/ipv6.js';

/** Every textual form of an address: full, no leading zeros, each possible `::` run, upper case. */
function forms(groups: readonly number[]): string[] {
  const hex = groups.map((g) => g.toString(16));
  const out = [groups.map((g) => g.toString(16).padStart(4, '0')).join(':'), hex.join(':')];
  for (let a = 0; a < 8; a++) {
    for (let b = a + 1; b <= 8 && groups[b - 1] === 0; b++) out.push(`${hex.slice(0, a).join(':')}::${hex.slice(b).join(':')}`);
  }
  return [...out, ...out.map((t) => t.toUpperCase())];
}

const CORPUS = ['::1/128', 'fc00::/7', 'fe80::/10', '2603:1006::/40', '2620:1ec:4::152/128', '2a01:111:f400::/48', '2603:1063:2000::/38', '2620:1ec:8f0::/46', '::/0'];

describe('IPv6 CIDR as a regex over the address text', () => {
  test.each(CORPUS)('%s compiles in RE2', (cidr) => {
    const [net, len] = cidr.split('/');
    const re = ipv6CidrRegex(net!, Number(len));
    expect(re).toBeDefined();
    expect(() => RE2JS.compile(`(?i)${re}`)).not.toThrow();
  });

  test('fe80::/10, exactly', () => {
    expect(ipv6CidrRegex('fe80::', 10)).toBe('^(?:fe[8-9a-b][0-9a-f](?::.*)?)$');
  });

  test('agrees with net.BlockList on every textual form of random addresses', () => {
    const group = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff }), fc.constantFrom(0xfe80, 0xfec0, 0xfe7f, 0xfbff, 0xfc00, 0xfdff, 0xfe00, 0x2603, 0x1006, 0x1007, 0x2620, 0x1ec, 0x8f3, 0x8f4));
    fc.assert(
      fc.property(fc.constantFrom(...CORPUS), fc.array(group, { minLength: 8, maxLength: 8 }), fc.boolean(), (cidr, groups, fromNet) => {
        const [net, len] = cidr.split('/') as [string, string];
        // Half of the addresses start from the network itself, so hits are frequent.
        const netGroups = ipv6Groups(net)!;
        const addr = fromNet ? netGroups.map((g, i) => (i * 16 + 16 <= Number(len) ? g : groups[i]!)) : groups;
        const blocks = new BlockList();
        blocks.addSubnet(net, Number(len), 'ipv6');
        const expected = blocks.check(addr.map((g) => g.toString(16)).join(':'), 'ipv6');
        const re = RE2JS.compile(`(?i)${ipv6CidrRegex(net, Number(len))!}`);
        for (const text of forms(addr)) expect(re.matches(text), `${cidr} on ${text}`).toBe(expected);
      }),
      { numRuns: 600 },
    );
  });

  test.each<[string, string, boolean]>([
    ['fe80::/10', 'fe80::1', true],
    ['fe80::/10', 'FEBF:0:0:0:0:0:0:1', true],
    ['fe80::/10', 'fec0::1', false],
    ['2603:1006::/40', '2603:1006:ff::1', true],
    ['2603:1006::/40', '2603:1006::', true],
    ['2603:1006::/40', '2603:1006:100::1', false],
    ['::1/128', '::1', true],
    ['::1/128', '0:0:0:0:0:0:0:0001', true],
    ['::1/128', '::11', false],
    ['::1/128', '1::', false],
  ])('%s vs %s → %s', (cidr, addr, expected) => {
    const [net, len] = cidr.split('/') as [string, string];
    expect(RE2JS.compile(`(?i)${ipv6CidrRegex(net, Number(len))!}`).matches(addr)).toBe(expected);
  });

  test('ipv6Groups rejects what is not an address', () => {
    expect(ipv6Groups('1::2::3')).toBeUndefined();
    expect(ipv6Groups('1:2:3:4:5:6:7')).toBeUndefined();
    expect(ipv6Groups('g::')).toBeUndefined();
    expect(ipv6Groups('::')).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });
});
