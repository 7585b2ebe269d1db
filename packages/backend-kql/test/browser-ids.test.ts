import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ruleGuid } from '../src/formats/ids.js';
import { sha1Hex } from '../src/formats/sha1.js';

// Sentinel rule GUIDs used node:crypto's SHA-1, which a browser does not have; they now use sha1.ts. These tests pin
// the hash to the FIPS 180 examples and to node:crypto on random inputs, and the GUIDs to what node:crypto gave, so no
// emitted GUID changes.

describe('SHA-1 (FIPS 180-4 / RFC 3174 test vectors)', () => {
  const vectors: readonly (readonly [string, string])[] = [
    ['abc', 'a9993e364706816aba3e25717850c26c9cd0d89d'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '84983e441c3bd26ebaae4aa1f95129e5e54670f1'],
    ['', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
    ['a'.repeat(1_000_000), '34aa973cd4c4daa4f61eeb2bdbad27316534016f'],
  ];
  it.each(vectors)('sha1(%#)', (input, digest) => {
    expect(sha1Hex(new TextEncoder().encode(input))).toBe(digest);
  });

  // Every length around the padding boundaries (55/56/63/64 bytes per block) and beyond, then random contents.
  it('equals node:crypto on every length 0..300 and on random bytes', () => {
    for (let n = 0; n <= 300; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 131 + n * 7) & 0xff);
      expect(sha1Hex(bytes), `length ${n}`).toBe(createHash('sha1').update(bytes).digest('hex'));
    }
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1000 }), (bytes) => {
        expect(sha1Hex(bytes)).toBe(createHash('sha1').update(bytes).digest('hex'));
      }),
      { numRuns: 500 },
    );
  });
});

/** The previous implementation, with node:crypto: the reference. */
function nodeGuid(key: string): string {
  const h = createHash('sha1').update(`sigmats:${key}`).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

describe('ruleGuid', () => {
  const table: readonly (readonly [string | undefined, string, string])[] = [
    [undefined, 'rule_a', '811d2b4e-eba8-5da2-b12a-4ca43b226c8b'],
    [undefined, 'Remote Access Tool Execution', 'c5685b73-a9bc-5e6a-92a4-74568f4dc6d7'],
    [undefined, 'é€😀', '163c8f23-3b81-5cef-afd5-fb85baa27f87'],
    [undefined, '', 'f7158a85-cba9-5ff1-99f0-3a3d8e20b678'],
    ['not-a-uuid', 'rule_a', '811d2b4e-eba8-5da2-b12a-4ca43b226c8b'],
    ['07B00A6E-0B58-484A-A163-5D5481BE0DC4', 'x', '07b00a6e-0b58-484a-a163-5d5481be0dc4'],
  ];
  it.each(table)('id %j, key %j -> %s', (id, key, guid) => {
    expect(ruleGuid(id, key)).toBe(guid);
  });

  it('equals the node:crypto GUID for any key, and has the version 5 / RFC 4122 variant layout', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (key) => {
        const g = ruleGuid(undefined, key);
        expect(g).toBe(nodeGuid(key));
        expect(g).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      }),
      { numRuns: 500 },
    );
  });
});
