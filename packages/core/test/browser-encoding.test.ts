import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64, base64OffsetVariants, utf8ByteLength, utf8Bytes } from '../src/parse/encoding.js';

// The encoding helpers used to call Node's Buffer, which does not exist in a browser (every base64 rule then failed
// with `internal/error ... Buffer is not defined` at 1:1). They now use btoa and plain code; these tests pin them to
// RFC 4648 and to Buffer's results, so the change of implementation changes no output.

const ascii = (s: string) => new Uint8Array([...s].map((c) => c.charCodeAt(0)));

describe('base64 (RFC 4648 section 10 test vectors)', () => {
  const vectors: readonly (readonly [string, string])[] = [
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='],
    ['fooba', 'Zm9vYmE='],
    ['foobar', 'Zm9vYmFy'],
  ];
  it.each(vectors)('%j -> %j', (input, expected) => {
    expect(base64(ascii(input))).toBe(expected);
  });

  it('uses the standard alphabet (+ and /), not the URL-safe one', () => {
    expect(base64(new Uint8Array([0xfb, 0xff, 0xbf]))).toBe('+/+/');
  });

  it('encodes a subarray view, not its whole buffer', () => {
    const all = ascii('xxfooyy');
    expect(base64(all.subarray(2, 5))).toBe('Zm9v');
  });

  it('encodes long inputs (more than one String.fromCharCode chunk)', () => {
    const big = new Uint8Array(100_000).map((_, i) => (i * 7) & 0xff);
    expect(base64(big)).toBe(Buffer.from(big).toString('base64'));
  });

  it('equals Buffer on any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(base64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      }),
      { numRuns: 500 },
    );
  });
});

describe('base64offset variants', () => {
  // pySigma's documented example: "/bin/sh" |base64offset.
  it('gives the three shifted encodings of a value', () => {
    expect(base64OffsetVariants(utf8Bytes('/bin/sh'))).toEqual(['L2Jpbi9za', '9iaW4vc2', 'vYmluL3No']);
  });
});

describe('utf8ByteLength', () => {
  const cases: readonly (readonly [string, number])[] = [
    ['', 0],
    ['abc', 3],
    ['é', 2],
    ['€', 3],
    ['😀', 4],
    ['\ud800', 3], // lone surrogate: written as U+FFFD
    ['a\udc00b', 5],
  ];
  it.each(cases)('%j is %d bytes', (text, n) => {
    expect(utf8ByteLength(text)).toBe(n);
  });

  it('equals Buffer.byteLength on any string (lone surrogates included)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        expect(utf8ByteLength(s)).toBe(Buffer.byteLength(s, 'utf8'));
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 50 }), (s) => {
        expect(utf8ByteLength(s)).toBe(Buffer.byteLength(s, 'utf8'));
      }),
      { numRuns: 1000 },
    );
  });
});
