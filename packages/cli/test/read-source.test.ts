// The CLI reads rule files with Node's native UTF-8 check and decoder (load.ts utf8Text) and leaves everything
// else to core's decodeSigmaBytes: the text must be what decodeSigmaBytes gives, for any bytes.
import { decodeSigmaBytes } from '@sigmats/core';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { utf8Text } from '../src/load.js';

const PIECES = [
  [0xef, 0xbb, 0xbf], // UTF-8 byte order mark
  [0xff, 0xfe], // UTF-16 LE mark
  [0xfe, 0xff], // UTF-16 BE mark
  [0xc3, 0xa9], // é
  [0xf0, 0x9f, 0x98, 0x80], // 😀
  [0xed, 0xa0, 0x80], // an encoded surrogate: invalid
  [0xc0, 0xaf], // overlong: invalid
  [0xe2, 0x82], // cut sequence
  [0x80], // lone continuation byte
  [0x74, 0x69, 0x74, 0x6c, 0x65, 0x3a, 0x20, 0x78, 0x0a], // "title: x\n"
  [0x00],
];

describe('utf8Text reads what decodeSigmaBytes reads', () => {
  test('random byte strings built from marks, valid and invalid sequences', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 4 })), { maxLength: 12 }), (pieces) => {
        const bytes = new Uint8Array(pieces.flat());
        const fast = utf8Text(bytes);
        const core = decodeSigmaBytes(bytes, 'r.yml');
        // The same text, or no text from either (core then reports why).
        expect(fast).toBe(core.text);
      }),
      { numRuns: 3000 },
    );
  });

  test('one leading UTF-8 byte order mark is dropped, a second one is text', () => {
    expect(utf8Text(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toBe('a');
    expect(utf8Text(new Uint8Array([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x61]))).toBe('\ufeffa');
    expect(utf8Text(new Uint8Array([]))).toBe('');
  });

  test('UTF-16 marks and invalid UTF-8 are left to core (which reports them)', () => {
    expect(utf8Text(new Uint8Array([0xff, 0xfe, 0x61, 0x00]))).toBeUndefined();
    expect(utf8Text(new Uint8Array([0x61, 0xff]))).toBeUndefined();
    expect(decodeSigmaBytes(new Uint8Array([0x61, 0xff]), 'r.yml').diagnostics[0]?.code).toBe('io/not-utf8');
  });
});
