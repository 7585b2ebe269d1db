import { documentKey, loadCollection, type Backend, type SigmaCollection } from '@sigmats/core';
import { beforeAll, describe, expect, test } from 'vitest';
import { sumo, sumoCse, tokenize, validateSumoQuery } from '../src/index.js';
import { NEEDS_SIGMAHQ } from '../../core/test/shared-data.js';
import { HAVE_SIGMAHQ, readSources, SIGMAHQ, yamlFiles } from './corpus-helpers.js';

/**
 * The SigmaHQ corpus (rules/, 3,141 rules). Every failure must carry a located diagnostic naming the rule, and every
 * emitted query must pass the linter with the RE2 check on. Cloud SIEM: every expression is scoped to the records of
 * its log source (metadata_vendor/metadata_product from Sumo's catalog); log sources the catalog does not map
 * (macOS, proxy, webserver, application frameworks, …) are refused with a located error (the `scope` option
 * converts them), so fewer rules convert than the official converter's unscoped 3,023.
 */

let collection: SigmaCollection;
// Not run without the corpus: vitest runs no hook of a file whose tests all skip.
beforeAll(() => {
  collection = loadCollection(readSources(yamlFiles(`${SIGMAHQ}/rules`)));
});

/** Aliases of the json stage that no later stage reads. */
function unusedExtractions(query: string): string[] {
  const lines = query.split('\n');
  const json = lines.findIndex((l) => l.startsWith('| json '));
  if (json < 0) return [];
  const aliases = / as (.*) nodrop$/.exec(lines[json]!)![1]!.split(', ');
  const read = new Set(tokenize(lines.slice(json + 1).join('\n'), { scope: false }).filter((t) => t.kind === 'ident').map((t) => t.value));
  return aliases.filter((a) => !read.has(a));
}

/** Failure reasons: the diagnostic code and message with values masked, so rules group by cause. */
function reason(message: string, code: string): string {
  return `${code}: ${message.replace(/'[^']*'|"[^"]*"|[0-9a-f]*:[0-9a-f:]+\/\d+|\d+/g, '…')}`;
}

describe.skipIf(!HAVE_SIGMAHQ).each<[string, Backend, number, Record<string, string>]>([
  // Log search without a scope refuses the Linux/macOS categories and the Windows categories no event log channel
  // records (nothing in their messages tells their event types apart); with a scope they convert. One rule tests
  // Level 4, which the Windows JSON format cannot tell from level 0 (both "Informational"). Two Zeek dns rules test
  // the list `answers` in ways its extracted text cannot answer (shared/values.ts listProblem).
  ['sumo', sumo, 2926, {}],
  ['sumo scope option', sumo, 3138, { scope: '_sourceCategory=x' }],
  // Cloud SIEM also refuses m365 alert services, Google Workspace login, unmapped Zeek logs and Linux syslog rules
  // reading fields (see logsources.ts), for the reasons the catalog gives.
  // Classic PowerShell rules reading `Data` are refused (backend.ts): the catalog's record of those events has the Data
  // text split into keys and no EventData key (mappings/b84e6fc2-d33d-4f18-9915-3235d09bcfaa.md:24-35): the 13 in
  // rules/windows/powershell/powershell_classic are refused now. So is create_stream_hash_ads_executable: its
  // `Hash|contains: 'IMPHASH='` reads Sysmon 15's split hash fields (mappings/2978cae1-….md:28-31), which do not tell an
  // empty IMPHASH from none (leaf.ts cseHashes). The floors below are the counts after those changes.
  ['sumo-cse', sumoCse, 2819, {}],
  ['sumo-cse keywordField=commandLine', sumoCse, 2863, { keywordField: 'commandLine' }],
  // Two Zeek dns rules (mining pools, Z bit) test answers, a list, for equality/endswith: refused (leaf.ts listProblem).
  ['sumo-cse scope option', sumoCse, 3039, { scope: "metadata_vendor = 'Acme'" }],
])(`%s over SigmaHQ rules/ ${NEEDS_SIGMAHQ}`, (name, backend, atLeast, options) => {
  test('converts more rules than the official converter, failures located, outputs lint clean', () => {
    expect(collection.rules.length).toBe(3141);
    const result = backend.convert(collection, { options });
    const converted = new Set(result.rules.map((r) => r.key));
    const failed = collection.rules.filter((r) => !converted.has(documentKey(r)));
    const byReason = new Map<string, Set<string>>();
    for (const rule of failed) {
      const key = documentKey(rule);
      const errors = result.diagnostics.filter((d) => d.rule === key && d.severity === 'error');
      expect(errors.length, `rule ${key} failed without a diagnostic`).toBeGreaterThan(0);
      for (const e of errors) {
        expect(e.line, `diagnostic without a line for ${key}: ${e.message}`).toBeGreaterThan(0);
        expect(e.file).toBe(rule.loc.file);
        const r = reason(e.message, e.code);
        byReason.set(r, (byReason.get(r) ?? new Set()).add(key));
      }
    }
    const lines = [...byReason].sort((a, b) => b[1].size - a[1].size).map(([r, rules]) => `  ${String(rules.size).padStart(4)} rules  ${r}`);
    console.log(`${name}: ${result.rules.length}/${collection.rules.length} converted, ${failed.length} failed\n${lines.join('\n')}`);
    expect(result.rules.length).toBeGreaterThanOrEqual(atLeast);

    const problems: string[] = [];
    for (const r of result.rules) {
      for (const q of r.queries) {
        // Log search: strictest lint (every field read is extracted first), and nothing extracted that is not read.
        const found = backend === sumo ? validateSumoQuery(q, { declaredFields: true }) : backend.validate(q);
        for (const p of found) problems.push(`${r.key}@${p.offset}: ${p.message}`);
        if (backend === sumo) for (const unused of unusedExtractions(q)) problems.push(`${r.key}: '${unused}' extracted but never read`);
        // Every CSE expression is scoped: metadata_vendor first (one scope, or OR-ed per-event-type scopes).
        if (backend === sumoCse && !/^\(?metadata_vendor = '/.test(q)) problems.push(`${r.key}: CSE expression without a vendor scope: ${q.slice(0, 80)}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
