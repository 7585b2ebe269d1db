// NDJSON sinks (what a streamed `convert --json` holds back for its later targets) and the diagnostics printing
// that sorts before it drops repeats.
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { formatDiagnostic, type Diagnostic } from '@sigmats/core';
import { describe, expect, test } from 'vitest';
import { colorsFor } from '../src/color.js';
import { drained, memoryIo, writeInPieces } from '../src/io.js';
import { directSink, fileSink, memorySink, type LineSink } from '../src/line-sink.js';
import { dedupeDiagnostics, sortDiagnostics, sortedUnique, writeSortedDiagnostics } from '../src/report.js';

const collect = (): { write: (s: string) => void; text: () => string; writes: () => number } => {
  let text = '';
  let writes = 0;
  return { write: (s) => void ((text += s), writes++), text: () => text, writes: () => writes };
};

describe('line sinks', () => {
  // Multi-byte characters land across the file sink's 1 MiB read pieces; lines come back in order, whole.
  const lines = Array.from({ length: 3000 }, (_, i) => `${JSON.stringify({ i, s: `é€😀 ${'x'.repeat(i % 700)}` })}\n`);
  test.each([
    ['direct', (out: { write: (s: string) => void }) => directSink(out)],
    ['memory', () => memorySink()],
    ['file', () => fileSink()],
  ] as const)('%s: everything written comes out in order', async (_, make) => {
    const out = collect();
    const sink: LineSink = make(out);
    for (const l of lines) sink.write(l);
    await sink.drain(out);
    expect(out.text()).toBe(lines.join(''));
    // Gathered into pieces, not one write per line.
    expect(out.writes()).toBeLessThan(lines.length / 10);
  });

  test('the file sink leaves no temporary file behind', async () => {
    const before = readdirSync(tmpdir()).filter((f) => f.startsWith(`.sigmats-${process.pid}-`));
    const sink = fileSink();
    sink.write('a\n');
    expect(readdirSync(tmpdir()).filter((f) => f.startsWith(`.sigmats-${process.pid}-`)).length).toBe(before.length + 1);
    await sink.drain(collect());
    expect(readdirSync(tmpdir()).filter((f) => f.startsWith(`.sigmats-${process.pid}-`))).toEqual(before);
    expect(existsSync(tmpdir())).toBe(true);
  });
});

describe('sortedUnique', () => {
  // Few distinct values, so that repeats and ties on (file, line, column, code) with different messages are common;
  // line 0 texts leave out the column. A file named like `file:line:column` writes the same text as another file's
  // diagnostic at that line (the second pool).
  const diagnostic = (files: readonly string[]) =>
    fc.record({
      code: fc.constantFrom('io/read-failed' as const, 'collection/duplicate-id' as const),
      severity: fc.constantFrom('error' as const, 'warning' as const),
      message: fc.constantFrom('m1', 'm2'),
      file: fc.constantFrom(...files),
      line: fc.integer({ min: 0, max: 2 }),
      column: fc.integer({ min: 1, max: 2 }),
      rule: fc.option(fc.constantFrom('r1', 'r2'), { nil: undefined }),
    });
  test.each([[['f1.yml', 'f2.yml', 'dir/f1.yml']], [['f1.yml', 'f2.yml', 'f1.yml:1:1']]])(
    'is sortDiagnostics(dedupeDiagnostics(...)), the same objects in the same order, files %j (property)',
    (files) => {
      fc.assert(
        fc.property(fc.array(diagnostic(files), { maxLength: 60 }), (diags) => {
          const expected = sortDiagnostics(dedupeDiagnostics(diags));
          const got = sortedUnique(diags);
          expect(got.length).toBe(expected.length);
          got.forEach((d, i) => expect(d).toBe(expected[i]));
        }),
        { numRuns: 500 },
      );
    },
  );
});

describe('drained: output waits for a slow reader instead of queueing in memory', () => {
  const slow = (delay: number) => {
    const got: string[] = [];
    const stream = new Writable({
      highWaterMark: 16,
      decodeStrings: false,
      write(chunk: string, _enc, cb) {
        got.push(chunk);
        setTimeout(cb, delay);
      },
    });
    return { stream, got };
  };
  test('resolves only once the stream has drained; at once when nothing is buffered', async () => {
    const { stream } = slow(30);
    await drained(stream);
    stream.write('x'.repeat(100));
    let done = false;
    const waiting = drained(stream).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 5));
    expect(done).toBe(false);
    await waiting;
    expect(stream.writableNeedDrain).toBe(false);
    await drained({ write: () => undefined });
  });
  test('a stream that closes or fails while full does not leave the writer waiting', async () => {
    const { stream } = slow(1000);
    stream.write('x'.repeat(100));
    const waiting = drained(stream);
    stream.destroy();
    await waiting;
  });
  test('a long report written with waits arrives whole and in order', async () => {
    const { stream, got } = slow(1);
    const diags: Diagnostic[] = Array.from({ length: 2000 }, (_, i) => ({ code: 'backend/unsupported-feature', severity: 'warning', message: `m${i} ${'z'.repeat(60)}`, file: 'a.yml', line: i + 1, column: 1 }));
    const c = colorsFor({ write: () => undefined, isTTY: false }, memoryIo(), true);
    await writeSortedDiagnostics(diags, stream, c);
    await new Promise<void>((r) => stream.end(r));
    const expected = diags.map((d) => `${formatDiagnostic(d)}\n`).join('');
    expect(got.join('')).toBe(expected);
    expect(got.length).toBeGreaterThan(1);
  });
});

describe('writeInPieces: a long text written in pieces, never between the halves of a surrogate pair', () => {
  test('the pieces join to the text; each is at most the piece size and none starts with a low surrogate', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'é', '😀', '\n', '𝔸', 'z'), { maxLength: 200 }), fc.integer({ min: 2, max: 9 }), (chars, piece) => {
        const text = chars.join('');
        const pieces: string[] = [];
        writeInPieces({ write: (s: string) => void pieces.push(s) }, text, piece);
        expect(pieces.join('')).toBe(text);
        expect(pieces.length).toBeGreaterThan(0);
        for (const p of pieces) {
          expect(p.length).toBeLessThanOrEqual(piece);
          expect(p.charCodeAt(0) >= 0xdc00 && p.charCodeAt(0) <= 0xdfff).toBe(false);
          // Each piece is well-formed UTF-16 on its own, so its UTF-8 bytes are the text's own.
          expect(Buffer.from(p, 'utf8').toString('utf8')).toBe(p);
        }
      }),
    );
  });
  test('a text within one piece is one write', () => {
    const pieces: string[] = [];
    writeInPieces({ write: (s: string) => void pieces.push(s) }, 'abc');
    expect(pieces).toEqual(['abc']);
  });
});
