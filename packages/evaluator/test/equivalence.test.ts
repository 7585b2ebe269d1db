import { readFileSync } from 'node:fs';
import { loadCollection, type SigmaCollection } from '@sigmats/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileRuleSet, flattenWindowsEvent, generateProcessEvents, readEvents, windowsLogsource } from '../src/index.js';
import { NEEDS_SIGMAHQ } from '../../core/test/shared-data.js';
import { corpusRuleFiles, HAVE_SIGMAHQ, SIGMAHQ, walk } from './sigmahq.js';

/**
 * The indexed mode (literal prefilter + routing) must give exactly the matches of the full-scan reference
 * mode, on the whole SigmaHQ corpus: the synthetic process-creation stream used by the benchmark, and
 * every recorded regression_data event.
 */
describe.skipIf(!HAVE_SIGMAHQ)(`indexed mode = full-scan reference mode ${NEEDS_SIGMAHQ}`, () => {
  const root = SIGMAHQ;
  let collection: SigmaCollection;
  // Loaded when the block runs, not when it is collected: collecting must not need the corpus.
  beforeAll(() => {
    const files = corpusRuleFiles(root);
    collection = loadCollection(files.map((file) => ({ text: readFileSync(file, 'utf8'), file })));
  });

  it('on 3,000 synthetic Sysmon EID 1 events, all corpus rules, with logsource routing', () => {
    const indexed = compileRuleSet(collection, { logsource: windowsLogsource });
    const reference = compileRuleSet(collection, { logsource: windowsLogsource, mode: 'full-scan' });
    let matched = 0;
    for (const e of generateProcessEvents(3_000, 424242)) {
      const got = indexed.match(e);
      expect(got).toEqual(reference.match(e));
      if (got.length > 0) matched++;
    }
    expect(matched).toBeGreaterThan(100); // the stream does exercise the rules
  });

  it('on every regression_data event, all corpus rules, without routing', () => {
    const indexed = compileRuleSet(collection);
    const reference = compileRuleSet(collection, { mode: 'full-scan' });
    const jsons = walk(`${root}/regression_data`, (n) => n.endsWith('.json'));
    let events = 0;
    for (const file of jsons) {
      for (const e of readEvents(readFileSync(file, 'utf8'), file).events) {
        const flat = flattenWindowsEvent(e);
        expect(indexed.match(flat)).toEqual(reference.match(flat));
        events++;
      }
    }
    expect(events).toBeGreaterThan(200);
  });
});
