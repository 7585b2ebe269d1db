// sortedUniqueOf (src/sorted-report.ts) builds convert's report from its stores one file at a time: it must give
// what sortedUnique (src/report.ts) gives on the same diagnostics built as one list (the parts' diagnostics, mapped,
// one part after another), the same diagnostics in the same order.
import fc from 'fast-check';
import type { Diagnostic } from '@sigmats/core';
import { describe, expect, test } from 'vitest';
import { DiagnosticStore, TextTable } from '../src/diagnostic-store.js';
import { sortedUnique } from '../src/report.js';
import { sortedUniqueOf, type ReportPart } from '../src/sorted-report.js';

// Few distinct values, so that repeats and ties on (file, line, column, code) are common; line 0 texts leave out
// the column; a file named like `file:line:column` writes the same text as another file's diagnostic at that line.
const diagnostic = (files: readonly string[]) =>
  fc.record(
    {
      code: fc.constantFrom('io/read-failed' as const, 'collection/duplicate-id' as const, 'backend/unsupported-feature' as const),
      severity: fc.constantFrom('error' as const, 'warning' as const),
      message: fc.constantFrom('m1', 'm2'),
      file: fc.constantFrom(...files),
      line: fc.integer({ min: 0, max: 2 }),
      column: fc.integer({ min: 1, max: 2 }),
      rule: fc.constantFrom('r1', 'r2'),
      hint: fc.constantFrom('h'),
    },
    { requiredKeys: ['code', 'severity', 'message', 'file', 'line', 'column'] },
  ) as fc.Arbitrary<Diagnostic>;

// What a part does to its diagnostics, as convert's parts do: nothing, tag the message, keep only some (and change
// them), leave some out.
const maps: Record<string, ((d: Diagnostic) => Diagnostic | undefined) | undefined> = {
  none: undefined,
  tag: (d) => ({ ...d, message: `${d.message} [kql]` }),
  skipped: (d) => (d.severity === 'error' && d.rule === 'r1' ? { ...d, severity: 'warning', message: `${d.message} (skipped)` } : undefined),
  drop: (d) => (d.code === 'io/read-failed' ? undefined : d),
};

describe('sortedUniqueOf', () => {
  test.each([[['f1.yml', 'f2.yml', 'dir/f1.yml', 'dir-x/f.yml', 'dir/sub/f.yml']], [['f1.yml', 'f2.yml', 'f1.yml:1:1']]])(
    'is sortedUnique of the parts as one list, files %j (property)',
    (files) => {
      const part = fc.record({ diags: fc.array(diagnostic(files), { maxLength: 30 }), map: fc.constantFrom(...Object.keys(maps)), store: fc.boolean() });
      fc.assert(
        fc.property(fc.array(part, { maxLength: 5 }), (spec) => {
          const table = new TextTable();
          const parts: ReportPart[] = spec.map(({ diags, map, store }) => {
            let list: ReportPart['list'] = diags;
            if (store) {
              const s = new DiagnosticStore(table);
              s.pushAll(diags);
              list = s;
            }
            return maps[map] ? { list, map: maps[map] } : { list };
          });
          const flat = spec.flatMap(({ diags, map }) => diags.map((d) => (maps[map] ? maps[map](d) : d)).filter((d): d is Diagnostic => d !== undefined));
          const expected = sortedUnique(flat).map((d) => JSON.stringify(d));
          expect([...sortedUniqueOf(parts)].map((d) => JSON.stringify(d))).toEqual(expected);
        }),
        { numRuns: 400 },
      );
    },
  );

  test('holds more than a block of a store, and nothing at all', () => {
    const store = new DiagnosticStore();
    const made: Diagnostic[] = [];
    for (let i = 0; i < 20_000; i++) {
      const d = { code: 'collection/duplicate-id', severity: 'warning', message: `m ${i % 3}`, file: `f${(i * 7919) % 101}.yml`, line: i % 5, column: 1 } as Diagnostic;
      made.push(d);
      store.push(d);
    }
    expect([...sortedUniqueOf([{ list: store }])]).toEqual(sortedUnique(made));
    expect([...sortedUniqueOf([])]).toEqual([]);
    expect([...sortedUniqueOf([{ list: [] }, { list: new DiagnosticStore() }])]).toEqual([]);
  });
});
