import { documentKey, formatDiagnostic } from '@sigmats/core';
import { describe, expect, it } from 'vitest';
import { NEEDS_SIGMAHQ } from '../../core/test/shared-data.js';
import { HAVE_SIGMAHQ, xdrCorpus } from './corpus/load.js';

/** pySigma-backend-kusto with the microsoft_xdr pipeline converts this many of the 3,141 rules. */
const PYSIGMA_CONVERTED = 1928;

describe.skipIf(!HAVE_SIGMAHQ)(`SigmaHQ rules/ with the Defender XDR pipeline ${NEEDS_SIGMAHQ}`, () => {
  it('converts at least as many rules as pySigma, and says why for every other rule', () => {
    const { files, collection, result } = xdrCorpus();
    const converted = new Set(result.rules.map((r) => r.key));
    const failed = collection.rules.filter((r) => !converted.has(documentKey(r)));

    // Every failure is explained by an error naming the rule, located in a file.
    const reasons = new Map<string, number>();
    const unexplained: string[] = [];
    for (const rule of failed) {
      const key = documentKey(rule);
      const errors = result.diagnostics.filter((d) => d.rule === key && d.severity === 'error');
      if (errors.length === 0 || errors.some((d) => d.file === '' || d.line < 1)) unexplained.push(key);
      // One reason per rule: its first error, with the per-rule detail (field name, logsource) kept.
      const d = errors[0];
      if (d) {
        const reason = `${d.code}: ${d.message}`;
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      }
    }
    const lines = [...reasons].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([r, n]) => `${String(n).padStart(5)}  ${r}`);
    console.log(
      [
        `files ${files.length}, rules ${collection.rules.length}, converted ${converted.size}, failed ${failed.length} (pySigma: ${PYSIGMA_CONVERTED})`,
        'failure reasons (first error of each failed rule):',
        ...lines,
      ].join('\n'),
    );
    expect(unexplained).toEqual([]);
    expect(collection.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([]);
    // pySigma converts some rules Microsoft's sources say Defender cannot answer (file_access: no file-read events;
    // FileVersion: only the product version is recorded; a registry rule's Sysmon EventID): those refusals are
    // facts about the platform, stated by a pipeline item, so they count on our side of the comparison.
    const platformFact = (key: string): boolean =>
      result.diagnostics.some(
        (d) =>
          d.rule === key &&
          d.severity === 'error' &&
          ((d.code === 'pipeline/rule-failure' && !d.message.includes('endpoint events of Windows, Linux and macOS devices')) ||
            (d.code === 'pipeline/detection-item-failure' && !d.message.includes('IMPHASH')) ||
            (d.code === 'backend/unmapped-field' && d.message.startsWith("field 'FileVersion'"))),
      );
    const refusedForPlatformFacts = failed.filter((r) => platformFact(documentKey(r))).length;
    expect(converted.size + refusedForPlatformFacts).toBeGreaterThanOrEqual(PYSIGMA_CONVERTED);
    expect(converted.size + failed.length).toBe(collection.rules.length);
  });
});
