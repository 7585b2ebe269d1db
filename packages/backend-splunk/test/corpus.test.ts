import { documentKey, formatDiagnostic, loadCollection } from '@sigmats/core';
import type { ConvertOptions, SigmaCollection } from '@sigmats/core';
import { beforeAll, describe, expect, test } from 'vitest';
import { splunkBackend } from '../src/index.js';
import { NEEDS_SIGMAHQ } from '../../core/test/shared-data.js';
import { corpusSources, HAVE_SIGMAHQ } from './helpers/corpus.js';
import { pipeline } from './helpers/convert.js';

/**
 * The SigmaHQ rules/ corpus (3,141 rules; pySigma converts 3,138 with Splunk). Every rule must either
 * convert to SPL that lints clean, or fail with located errors naming it. Counts are printed per setup.
 */
let collection: SigmaCollection;

const SETUPS: readonly { readonly name: string; readonly options: ConvertOptions; readonly minConverted: number }[] = [
  { name: 'default', options: {}, minConverted: 3141 },
  { name: 'savedsearches', options: { format: 'savedsearches' }, minConverted: 3141 },
  { name: 'sysmon', options: { pipelines: [pipeline('sysmon')] }, minConverted: 3141 },
  { name: 'windows-security', options: { pipelines: [pipeline('windows-security')] }, minConverted: 0 },
  // 14 refused: 9 Windows logsources no channel logs (file_access, file_rename: Sigma's EDR-only categories), 2 rules
  // testing event 104's UserData Channel and 3 testing UserData fields of WMI-Activity (win_wmi_persistence,
  // win_wmi_activity_nteventlogfile_cleareventlog) or LocalSessionManager (win_terminalservices_rdp_ngrok) events,
  // which the add-on does not extract.
  { name: 'splunk-windows', options: { pipelines: [pipeline('splunk-windows')] }, minConverted: 3127 },
  { name: 'cim + data_model', options: { format: 'data_model', pipelines: [pipeline('cim')] }, minConverted: 0 },
];

describe.skipIf(!HAVE_SIGMAHQ)(`SigmaHQ corpus ${NEEDS_SIGMAHQ}`, () => {
  beforeAll(() => {
    collection = loadCollection(corpusSources('rules'));
  });

  test('parses', () => {
    expect(collection.rules.length).toBe(3141);
    expect(collection.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([]);
  });

  test.each(SETUPS.map((s) => [s.name, s] as const))('%s: converted or explained, and lint clean', (_, s) => {
    const r = splunkBackend.convert(collection, s.options);
    const converted = new Set(r.rules.map((x) => x.key));
    const failed = collection.rules.filter((x) => !converted.has(documentKey(x)));
    const reasons = new Map<string, number>();
    for (const rule of failed) {
      const key = documentKey(rule);
      const errs = r.diagnostics.filter((d) => d.rule === key && d.severity === 'error');
      // Explained: at least one error, located in the rule's own file.
      expect(errs.length, `rule ${key} failed without an error`).toBeGreaterThan(0);
      for (const e of errs) {
        expect(e.file).toBe(rule.loc.file);
        expect(e.line).toBeGreaterThan(0);
        const reason = e.message.replace(/field \S+/, 'field X');
        reasons.set(`${e.code}: ${reason}`, (reasons.get(`${e.code}: ${reason}`) ?? 0) + 1);
      }
    }
    const problems = r.rules.flatMap((x) => x.queries.flatMap((q) => splunkBackend.validate(q).map((p) => `${x.key}: ${p.message}`)));
    console.log(
      `splunk corpus [${s.name}]: ${r.rules.length}/${collection.rules.length} converted, ${failed.length} failed, ${problems.length} lint problems` +
        [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, n]) => `\n  ${n} × ${k}`).join(''),
    );
    expect(problems).toEqual([]);
    expect(r.rules.length).toBeGreaterThanOrEqual(s.minConverted);
    expect(r.rules.length + failed.length).toBe(collection.rules.length);
  });
});
