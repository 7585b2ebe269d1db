import { describe, expect, test } from 'vitest';
import { loadCollection, type SigmaRule } from '@sigmats/core';
import { NEEDS_SIGMAHQ } from '../../core/test/shared-data.js';
import { platforms } from '../src/differential/platforms.js';
import { prepare } from '../src/differential/run.js';
import { convertedRules, kqlMatcher } from './readings.js';
import { corpusFiles, readSources } from '../src/differential/corpus.js';
import { HAVE_SIGMAHQ, SIGMAHQ } from './records-fixtures.js';
import type { KqlRecord } from '../src/types.js';

/**
 * Defender's DeviceProcessEvents, DeviceNetworkEvents and DeviceFileEvents, and the ASIM views that union Defender's
 * and Sysmon's parsers, hold the events of Windows, Linux and macOS devices in the same rows, and no column names the
 * system (assumption device-system-by-path: a path starting with "/" is a Linux or macOS row's, one with a backslash a
 * Windows row's). A Windows rule describes Windows events: its query must not match the record of a Linux or macOS
 * event, nor a Linux or macOS rule's the record of a Windows event. The events are the
 * derived events of SigmaHQ's rules of the other system, those with a process path (Defender and Sysmon record every
 * process with its path: "/…" on Linux and macOS, a drive or UNC path on Windows), a sample of each pool.
 */
const ALL = HAVE_SIGMAHQ ? corpusFiles(SIGMAHQ) : [];
const FOLDERS: Readonly<Record<string, RegExp>> = {
  process_creation: /\/process_creation\//,
  network_connection: /\/network_connection\//,
  file_event: /\/file(_event)?\//,
};

function rules(category: string, posix: boolean): SigmaRule[] {
  const products = posix ? ['linux', 'macos'] : ['windows'];
  return loadCollection(readSources(ALL.filter((f) => FOLDERS[category]!.test(f))))
    .rules.filter((r) => r.logsource.category === category && products.includes(r.logsource.product ?? ''));
}

const ownPath = (image: unknown, posix: boolean): boolean => typeof image === 'string' && image !== '' && image.startsWith('/') === posix;

describe.skipIf(!HAVE_SIGMAHQ)(`a rule's query matches no record of another system's event ${NEEDS_SIGMAHQ}`, () => {
  const cases = ['xdr', 'sentinel_asim'].flatMap((id) =>
    Object.keys(FOLDERS).flatMap((category) => [
      [id, category, 'Windows', 'Linux and macOS'],
      [id, category, 'Linux and macOS', 'Windows'],
    ]),
  );
  test.each(cases)('%s %s: %s rules on the records of %s events', (id, category, ruleSystem) => {
    const platform = platforms().find((p) => p.id === id)!;
    const eventsPosix = ruleSystem === 'Windows';
    const records: (readonly KqlRecord[])[] = [];
    const sources = rules(category!, eventsPosix);
    for (const p of prepare({ collection: { rules: sources, correlations: [], filters: [], byRef: new Map(), diagnostics: [] } })) {
      for (const e of p.events) {
        if (!ownPath(e.event['Image'], eventsPosix)) continue;
        const built = platform.records(e.event, e.source) as readonly KqlRecord[];
        if (built.length > 0) records.push(built);
      }
    }
    const step = Math.max(1, Math.floor(records.length / 300));
    const pool = records.filter((_, i) => i % step === 0);
    const hits: string[] = [];
    let converted = 0;
    for (const p of convertedRules(platform, rules(category!, !eventsPosix))) {
      converted++;
      const matches = kqlMatcher(platform, p.queries);
      const n = pool.filter((r) => matches(r)).length;
      if (n > 0) hits.push(`${p.rule.title}: ${n} of ${pool.length}`);
    }
    expect(pool.length).toBeGreaterThanOrEqual(5);
    expect(converted).toBeGreaterThanOrEqual(4);
    expect(hits).toEqual([]);
  }, 300_000);
});
