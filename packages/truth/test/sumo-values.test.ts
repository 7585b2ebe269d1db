import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compileSumo } from '../src/sumo/index.js';
import { compareCidrPrefix, compileGlob, getCidrPrefix, globMatch, ipv4, isIpv6, maskFromCidr } from '../src/sumo/values.js';
import { msg } from './sumo-helpers.js';

/** The value helpers: wildcard matching (property-tested against a regex reading), IP functions, no hangs. */

/** Reference: the same pattern as a JS regex (fine for short inputs). */
function reference(pattern: string, value: string): boolean {
  const src = [...pattern].map((c) => (c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${src}$`, 'u').test(value);
}

describe('globMatch', () => {
  test('agrees with a regex reading of the pattern', () => {
    const alphabet = fc.constantFrom('a', 'b', '*', '?', '.', '\\', 'é');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 8 }), fc.array(fc.constantFrom('a', 'b', '.', '\\', 'é', '\n'), { maxLength: 12 }), (p, v) => {
        const pattern = p.join('');
        const value = v.join('');
        expect(globMatch(compileGlob(pattern, { any: '*', one: '?' }), value)).toBe(reference(pattern, value));
      }),
      { numRuns: 2000 },
    );
  });

  test('many stars on a long value finish quickly (no backtracking blow-up)', () => {
    const value = 'a'.repeat(200_000);
    const started = Date.now();
    const q = compileSumo('* | parse regex "(?<v>a+)" | where v matches "*a*a*a*a*a*a*a*a*a*a*b"');
    expect(q.run([msg(value)])).toHaveLength(0);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('case-insensitive globs, escapes', () => {
    expect(globMatch(compileGlob('*WINDOWS*', { any: '*', caseInsensitive: true }), 'prod/windows/sysmon')).toBe(true);
    expect(globMatch(compileGlob('a!%b%', { any: '%', one: '_', escape: '!' }), 'a%bcd')).toBe(true);
    expect(globMatch(compileGlob('a!%b%', { any: '%', one: '_', escape: '!' }), 'axbcd')).toBe(false);
  });
});

describe('IP helpers (cidr, isvalidip)', () => {
  test.each([
    ['10.10.1.35', '24', '10.10.1.0'],
    ['10.10.1.35', '27', '10.10.1.32'],
    ['10.10.1.35', '29', '10.10.1.32'],
    ['10.10.1.35', '0', '0.0.0.0'],
    ['10.10.1.35', '32', '10.10.1.35'],
    ['10.10.1.350', '24', null],
    ['10.10.1.35', '33', null],
  ])('getCIDRPrefix(%s, %s) = %s (cidr examples)', (ip, len, out) => {
    expect(getCidrPrefix(ip, len)).toBe(out);
  });

  test('maskFromCIDR table', () => {
    expect([32, 31, 30, 29].map((n) => maskFromCidr(String(n)))).toEqual(['255.255.255.255', '255.255.255.254', '255.255.255.252', '255.255.255.248']);
  });

  test('compareCIDRPrefix is symmetric in its addresses and agrees with getCIDRPrefix', () => {
    const octet = fc.integer({ min: 0, max: 255 });
    const ip = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
    fc.assert(
      fc.property(ip, ip, fc.integer({ min: 0, max: 32 }), (a, b, len) => {
        const l = String(len);
        expect(compareCidrPrefix(a, b, l)).toBe(compareCidrPrefix(b, a, l));
        expect(compareCidrPrefix(a, b, l)).toBe(getCidrPrefix(a, l) === getCidrPrefix(b, l));
      }),
    );
  });

  test('address syntax', () => {
    expect(ipv4('127.0.500.1')).toBeUndefined();
    expect(ipv4('127.0.0.1')).toBe(2130706433);
    expect(isIpv6('2001:db8::ff00:42:8329')).toBe(true);
    expect(isIpv6('::ffff:10.0.0.1')).toBe(true);
    expect(isIpv6('10.10.10.10')).toBe(false);
    expect(isIpv6('1::2::3')).toBe(false);
  });
});
