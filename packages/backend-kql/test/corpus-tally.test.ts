import { describe, expect, it } from 'vitest';
import { NEEDS_SIGMAHQ } from '../../core/test/shared-data.js';
import { HAVE_SIGMAHQ } from './corpus/load.js';
import { corpusWith, PIPELINES, tally } from './corpus/pipelines.js';

// Converted and refused-by-reason counts per pipeline, printed for the record (reports quote them).
describe.skipIf(!HAVE_SIGMAHQ)(`SigmaHQ rules/ per KQL pipeline ${NEEDS_SIGMAHQ}`, () => {
  it.each(PIPELINES)('%s: every rule converts or is refused with a reason', { timeout: 600_000 }, (pipeline) => {
    const { collection, result } = corpusWith(pipeline);
    const { converted, reasons } = tally(collection, result);
    const lines = [...reasons].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([r, n]) => `${String(n).padStart(5)}  ${r}`);
    console.log([`${pipeline}: converted ${converted} of ${collection.rules.length}`, ...lines].join('\n'));
    expect(reasons.get('no error')).toBeUndefined();
  });
});
