// The CLI reads rule files with Node's native UTF-8 decoder (load.ts readSourceSync: one call that reads and
// decodes; utf8Text: a check and a decoder over bytes) and leaves everything else to core's decodeSigmaBytes: the
// text must be what decodeSigmaBytes gives, and its diagnostics when there is none, for any bytes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeSigmaBytes } from '@sigmats/core';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { readSourceSync, utf8Text } from '../src/load.js';
import { tempDir } from './temp-dir.js';

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

describe('readSourceSync reads a file as decodeSigmaBytes reads its bytes', () => {
  const dir = tempDir('sigmats-read-source-');
  let n = 0;
  const check = (bytes: Uint8Array): void => {
    const file = join(dir, `r${n++}.yml`);
    writeFileSync(file, bytes);
    const got = readSourceSync(file, dir);
    const core = decodeSigmaBytes(bytes, file);
    expect(got.text).toBe(core.text);
    expect(got.diagnostics).toEqual(core.text === undefined ? core.diagnostics : []);
  };

  test('random byte strings built from marks, valid and invalid sequences, and U+FFFD itself', () => {
    const pieces = [...PIECES, [0xef, 0xbf, 0xbd] /* U+FFFD, valid */];
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...pieces), fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 4 })), { maxLength: 12 }), (p) => check(new Uint8Array(p.flat()))),
      { numRuns: 600 },
    );
  });

  test('byte order marks, an empty file, a missing file and a folder', () => {
    for (const bytes of [[0xef, 0xbb, 0xbf, 0x61], [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x61], [], [0xff, 0xfe, 0x61, 0x00], [0xfe, 0xff, 0x00, 0x61], [0x61, 0xef, 0xbf, 0xbd]]) check(new Uint8Array(bytes));
    expect(readSourceSync('missing.yml', dir).diagnostics[0]).toMatchObject({ code: 'io/read-failed', message: 'cannot read file: no such file or directory' });
    expect(readSourceSync('.', dir).diagnostics[0]).toMatchObject({ code: 'io/read-failed', message: 'cannot read file: is a directory' });
  });
});
