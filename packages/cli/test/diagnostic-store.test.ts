// DiagnosticStore (src/diagnostic-store.ts) keeps convert's diagnostics in columns: reading them back must give
// the same objects, key order included (the JSON output spreads them), in the order pushed.
import fc from 'fast-check';
import type { Diagnostic } from '@sigmats/core';
import { describe, expect, it } from 'vitest';
import { DiagnosticStore, TextTable } from '../src/diagnostic-store.js';

const text = fc.string({ unit: 'grapheme', maxLength: 40 });
const diagnosticArb = fc
  .record(
    {
      code: fc.constantFrom('backend/unsupported-feature', 'collection/duplicate-id', 'yaml/syntax'),
      severity: fc.constantFrom('error', 'warning'),
      message: text,
      file: fc.constantFrom('a.yml', 'rules/b.yml', 'c d.yml'),
      line: fc.nat(100_000),
      column: fc.nat(500),
      endLine: fc.nat(100_000),
      endColumn: fc.nat(500),
      rule: text,
      hint: text,
      // Not a Diagnostic's, but a store must not lose what it is given.
      score: fc.oneof(fc.double(), fc.constant(-0), fc.constant(2 ** 40), fc.constant(undefined), fc.boolean()),
    },
    { requiredKeys: ['code', 'severity', 'message', 'file', 'line', 'column'] },
  )
  // Key orders as the producers make them: the constructor's order, or `rule` appended by a spread.
  .chain((d) => fc.shuffledSubarray(Object.keys(d), { minLength: Object.keys(d).length }).map((keys) => Object.fromEntries(keys.map((k) => [k, (d as Record<string, unknown>)[k]]))))
  .map((d) => d as unknown as Diagnostic);

describe('DiagnosticStore', () => {
  it('gives back every diagnostic pushed, same keys in the same order, same values, same order', () => {
    fc.assert(
      fc.property(fc.array(diagnosticArb, { maxLength: 60 }), (ds) => {
        const store = new DiagnosticStore();
        store.pushAll(ds);
        const back = [...store];
        expect(store.size).toBe(ds.length);
        expect(back.map((d) => Object.keys(d))).toEqual(ds.map((d) => Object.keys(d)));
        expect(back.map((d) => JSON.stringify(d))).toEqual(ds.map((d) => JSON.stringify(d)));
        for (let i = 0; i < ds.length; i++) for (const k of Object.keys(ds[i]!)) expect(Object.is((back[i] as never)[k], (ds[i] as never)[k])).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('reads each diagnostic back by number (at) as in order, over several blocks', () => {
    const store = new DiagnosticStore();
    const made: Diagnostic[] = [];
    // Some with more keys than others, so diagnostics take different numbers of cells and blocks end anywhere.
    for (let i = 0; i < 40_000; i++) {
      const d = { code: 'yaml/syntax', severity: 'error', message: `m${i % 11}`, file: `f${i % 17}.yml`, line: i, column: i % 3, ...(i % 5 === 0 ? { rule: `r${i}`, hint: 'h', endLine: i + 1 } : {}) } as unknown as Diagnostic;
      made.push(d);
      store.push(d);
    }
    const inOrder = [...store];
    for (let i = 0; i < made.length; i += 1 + (i % 7)) {
      expect(store.at(i)).toEqual(made[i]);
      expect(Object.keys(store.at(i))).toEqual(Object.keys(inOrder[i]!));
    }
    expect(store.at(made.length - 1)).toEqual(made.at(-1));
    expect(() => store.at(made.length)).toThrow(RangeError);
    expect(() => store.at(-1)).toThrow(RangeError);
  });

  it('holds more diagnostics than one block, and more distinct texts than its table of recent ones', () => {
    const store = new DiagnosticStore();
    const made: Diagnostic[] = [];
    for (let i = 0; i < 30_000; i++) {
      const d = { code: 'collection/duplicate-id', severity: 'warning', message: `id ${i % 7000} is also used by copy ${i}`, file: `f${i % 13}.yml`, line: i, column: 1, hint: 'one hint for all' } as unknown as Diagnostic;
      made.push(d);
      store.push(d);
    }
    expect([...store]).toEqual(made);
  });

  it('reads back fresh objects each time (the caller tags its own copies)', () => {
    const store = new DiagnosticStore();
    store.push({ code: 'yaml/syntax', severity: 'error', message: 'm', file: 'a.yml', line: 1, column: 1 } as Diagnostic);
    const [first] = [...store];
    (first as { message: string }).message = 'changed';
    expect([...store][0]!.message).toBe('m');
  });

  // A run's stores share one table: file names and rule keys are kept once for the run however many targets repeat
  // them, and the seeded input names are the ones kept (copies, as worker threads send, add nothing).
  it('shares one table between stores, keeping file names and rule keys once, however many copies arrive', () => {
    const files = Array.from({ length: 300 }, (_, i) => `rules/dir${i % 7}/rule_${i}.yml`);
    const table = new TextTable(files);
    const stores = [new DiagnosticStore(table), new DiagnosticStore(table), new DiagnosticStore(table)];
    const copy = (s: string) => JSON.parse(JSON.stringify(s)) as string;
    const pushed: Diagnostic[][] = stores.map(() => []);
    for (let round = 0; round < 20; round++) {
      for (const [k, store] of stores.entries()) {
        for (let i = 0; i < files.length; i++) {
          const d = { code: copy('backend/unsupported-feature'), severity: copy('error'), message: `never again ${round} ${k} ${i}`, file: copy(files[i]!), line: i, column: 1, rule: copy(`key-${i}`) } as Diagnostic;
          store.push(d);
          pushed[k]!.push(d);
        }
      }
    }
    // 300 files, 300 keys, 1 code, 1 severity and the 18,000 messages (each new, so the bounded map of recent texts
    // is emptied again and again): no second copy of a file name or key.
    expect(table.texts.length).toBe(300 + 300 + 1 + 1 + 18_000);
    for (const [k, store] of stores.entries()) expect([...store]).toEqual(pushed[k]);
  });

  it('keeps never-recurring messages without a map entry each: the recent map is bounded, texts are not lost', () => {
    const table = new TextTable();
    const store = new DiagnosticStore(table);
    const ds = Array.from({ length: 10_000 }, (_, i) => ({ code: 'collection/duplicate-id', severity: 'warning', message: `unique ${i}`, file: 'a.yml', line: 1, column: 1 }) as Diagnostic);
    store.pushAll(ds);
    expect([...store]).toEqual(ds);
    expect(table.texts.length).toBe(10_000 + 3);
  });
});
