/**
 * Strings kept until the end of a run must not keep their rule texts alive. V8 makes a substring of 13 characters or
 * more (an id, a name, a title read from a rule file) a slice of the whole text, so one id held in a map holds its
 * rule's text: over 8 distinct copies of SigmaHQ's rules, `convert -t all --json` kept 10 MB of texts alive that
 * way, and a copy of each path per rule converted on a worker (BENCHMARKS.md, issue 16, round 24). Measured here on
 * the heap after full collections: rules of 40 KB each, so that a retained text shows as megabytes.
 */
import { parseSigma, type SigmaDocument } from '@sigmats/core';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, test } from 'vitest';
import { TextTable } from '../src/diagnostic-store.js';
import { chunkChecker, type CheckSetup } from '../src/parallel/check-chunk.js';
import { DuplicateTracker } from '../src/rule-stream.js';
import { selectionFromArgs } from '../src/validation.js';
import { detached } from '../src/detach.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const usedAfterGc = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

const RULES = 200;
const PAD = 40_000;
const MB = 1 << 20;
const uuid = (i: number): string => `${i.toString(16).padStart(8, '0')}-1111-4222-8333-${(i * 7919).toString(16).padStart(12, '0')}`;
const ruleText = (i: number): string =>
  `title: A rule named for the test number ${i}\nid: ${uuid(i)}\nname: a_rule_named_for_the_test_${i}\nstatus: test\n` +
  `description: ${'d'.repeat(PAD)}\nlogsource:\n  product: windows\n  category: process_creation\n` +
  `detection:\n  sel:\n    CommandLine|contains: value${i}\n  condition: sel\n`;
/** Each rule's documents, parsed from a text of its own that nothing else holds. */
const parsedRule = (i: number, file = `rules/r${i}.yml`): SigmaDocument[] => parseSigma(ruleText(i), file).documents as SigmaDocument[];

/** Heap bytes still used, after full collections, by what `keep()` returns (held until measured). */
function retained(keep: () => unknown): number {
  const before = usedAfterGc();
  const held = keep();
  const after = usedAfterGc();
  expect(held).toBeDefined();
  return after - before;
}

describe('strings kept until the end of a run hold no rule text', () => {
  test('the parser slices ids from the text, so the checks below can fail', () => {
    // What makes the test meaningful: holding the ids as parsed keeps the texts.
    const bytes = retained(() => {
      const ids = new Set<string>();
      for (let i = 0; i < RULES; i++) for (const d of parsedRule(i)) if (d.id !== undefined) ids.add(d.id);
      return ids;
    });
    expect(bytes).toBeGreaterThan((RULES * PAD) / 2);
  });

  test("the duplicate check's holders: ids, names, titles and file names", () => {
    for (const texts of [undefined, new TextTable()]) {
      const bytes = retained(() => {
        const tracker = new DuplicateTracker(texts);
        // Every rule twice (a duplicate id and name each time), the second time under a copy of the file name, as a
        // worker thread's result names it.
        for (let i = 0; i < RULES; i++) tracker.check(parsedRule(i));
        for (let i = 0; i < RULES; i++) expect(tracker.check(parsedRule(i, detached(`rules/r${i}.yml`))).length).toBe(2);
        return tracker;
      });
      expect(bytes).toBeLessThan(2 * MB);
    }
  });

  test('one copy of a file name for every holder that names it', () => {
    // A path as long as a rule, named by every rule through a copy of its own: kept once, not once per rule.
    const long = `rules/${'p'.repeat(PAD)}.yml`;
    const bytes = retained(() => {
      const tracker = new DuplicateTracker();
      for (let i = 0; i < RULES; i++) tracker.check(parsedRule(i, detached(long)));
      return tracker;
    });
    expect(bytes).toBeLessThan(2 * MB);
  });

  test("TextTable.kept: one detached copy per string", () => {
    const table = new TextTable();
    const bytes = retained(() => {
      const kept: string[] = [];
      for (let i = 0; i < RULES; i++) for (const d of parsedRule(i)) kept.push(table.kept(d.id!), table.kept(d.id!));
      return kept;
    });
    expect(bytes).toBeLessThan(2 * MB);
    expect(table.texts.length).toBe(RULES);
  });

  test("check's documents, kept for the collection's checks", () => {
    const { selection } = selectionFromArgs({ sigmahq: false, exclude: [] }, process.cwd());
    const setup: CheckSetup = { cwd: process.cwd(), selection, validators: true, today: new Date('2026-12-06'), documentLines: false };
    const checker = chunkChecker(setup);
    const bytes = retained(() => {
      const docs: unknown[] = [];
      for (let i = 0; i < RULES; i++) {
        const res = checker({ index: i, paths: [`rules/r${i}.yml`], sources: [{ name: `rules/r${i}.yml`, text: ruleText(i), diagnostics: [] }] });
        docs.push(res);
      }
      return docs;
    });
    expect(bytes).toBeLessThan(4 * MB);
  });
});
