// NDJSON sinks (what a streamed `convert --json` holds back for its later targets) and the diagnostics printing
// that sorts before it drops repeats.
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import fc from 'fast-check';
import type { Diagnostic } from '@sigmats/core';
import { describe, expect, test } from 'vitest';
import { directSink, fileSink, memorySink, type LineSink } from '../src/line-sink.js';
import { dedupeDiagnostics, sortDiagnostics, sortedUnique } from '../src/report.js';

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
  ] as const)('%s: everything written comes out in order', (_, make) => {
    const out = collect();
    const sink: LineSink = make(out);
    for (const l of lines) sink.write(l);
    sink.drain(out);
    expect(out.text()).toBe(lines.join(''));
    // Gathered into pieces, not one write per line.
    expect(out.writes()).toBeLessThan(lines.length / 10);
  });

  test('the file sink leaves no temporary file behind', () => {
    const before = readdirSync(tmpdir()).filter((f) => f.startsWith(`.sigmats-${process.pid}-`));
    const sink = fileSink();
    sink.write('a\n');
    expect(readdirSync(tmpdir()).filter((f) => f.startsWith(`.sigmats-${process.pid}-`)).length).toBe(before.length + 1);
    sink.drain(collect());
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
