import { describe, expect, test } from 'vitest';
import { keyedMappingFor, keyedRoutesOf } from '../src/cse/catalog.js';
import { deviceEventIdTest } from '../src/cse/logsources.js';

/**
 * `deviceEventIdTest` (logsources.ts) reads other spellings of an event id off its mapping's Event ID Regex Pattern by
 * its shape (`(?i)` first, a `|^<id>$` alternative). Checked here against the patterns themselves, for every Windows
 * mapping: on each spelling of each event id a pattern names, the test is true exactly when Cloud SIEM would route the
 * record to that event id's mapping (keyedMappingFor, the first pattern matching the whole id).
 */

const W = ['Microsoft', 'Windows', 'Windows'] as const;

/** The `<Channel>-<id>` ids a pattern names: its first alternative, with `(a|b)` / `([abc])` groups expanded. */
function canonicalIds(pattern: string): string[] {
  const first = pattern.replace(/^\(\?i\)/, '').split(/\|(?![^(]*\))/)[0]!;
  const group = /\((?:\[([^\]]+)\]|([^()]+))\)/.exec(first);
  if (!group) return [first];
  const options = group[1] !== undefined ? [...group[1]] : group[2]!.split('|');
  return options.flatMap((o) => canonicalIds(first.slice(0, group.index) + o + first.slice(group.index + group[0].length)));
}

/** The test text (`a = 'x'`, `lower(a) = 'x'`, or an `or` of them in parentheses) evaluated on an id. */
function holds(testText: string, id: string): boolean {
  const parts = testText.replace(/^\((.*)\)$/, '$1').split(' or ');
  return parts.some((p) => {
    const m = /^(lower\()?metadata_deviceEventId\)? = '([^']*)'$/.exec(p);
    if (!m) throw new Error(`unexpected test ${p}`);
    return (m[1] ? id.toLowerCase() : id) === m[2];
  });
}

describe('metadata_deviceEventId tests take exactly the spellings each Windows mapping takes', () => {
  test('every Windows mapping, every event id it names, each spelling', () => {
    const routes = keyedRoutesOf(...W).filter((r) => r[0][3] !== '_default_');
    expect(routes.length).toBeGreaterThan(150);
    let ids = 0;
    const widened: string[] = [];
    for (const route of routes) {
      for (const canonical of canonicalIds(route[0][3])) {
        const mapping = keyedMappingFor(...W, canonical);
        expect(mapping, canonical).toBe(route);
        ids++;
        const test = deviceEventIdTest(canonical, mapping);
        const bare = canonical.slice(canonical.lastIndexOf('-') + 1);
        const mixed = [...canonical].map((c, i) => (i % 2 ? c.toLowerCase() : c.toUpperCase())).join('');
        for (const spelling of [canonical, canonical.toLowerCase(), canonical.toUpperCase(), mixed, bare, `${bare} `, `x${canonical}`]) {
          expect(holds(test, spelling), `${test} on '${spelling}'`).toBe(keyedMappingFor(...W, spelling) === route);
        }
        if (test !== `metadata_deviceEventId = '${canonical}'`) widened.push(canonical);
      }
    }
    expect(ids).toBeGreaterThan(190);
    // Only the PowerShell/Operational mappings take another spelling (674d9351, 1575f9bd, 41089b30, 72a5e349 in the catalog).
    expect(widened.sort()).toEqual([4103, 4104, 4105, 4106].map((n) => `Microsoft-Windows-PowerShell/Operational-${n}`));
  });
});
