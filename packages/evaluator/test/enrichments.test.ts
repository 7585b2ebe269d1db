import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCollection } from '@sigmats/core';
import { afterAll, describe, expect, it } from 'vitest';
import { compileRuleSet } from '../src/index.js';
import { runFixtures } from '../src/node.js';

const RULES_DIR = fileURLToPath(new URL('../../../rules', import.meta.url));

const RULE = `title: Enrichment test
id: 5f0b7a52-8d0e-4c55-9a55-3f0d8e6f7a10
logsource:
    category: process_creation
    product: windows
detection:
    selection:
        Image|endswith: '.exe'
    condition: selection
enrichments:
    family:
        cases:
            - value: shell
              detection:
                  Image|endswith: ['\\cmd.exe', '\\powershell.exe']
            - value: script
              detection:
                  - Image|endswith: '\\wscript.exe'
                  - Image|re|i: 'cscript[^\\\\]*$'
            - value: anything-powershell
              detection:
                  Image|contains: powershell
        default: other
    service:
        cases:
            - value: 'yes'
              detection:
                  ParentImage|endswith: '\\services.exe'
        default: 'no'
`;

describe('enrichment values of a match', () => {
  const collection = loadCollection([{ text: RULE, file: 'rule.yml' }]);
  const set = compileRuleSet(collection);
  it('loads and compiles without problems', () => expect([...collection.diagnostics, ...set.diagnostics]).toEqual([]));
  const table: { image: string; parent?: string; family: string; proto: string }[] = [
    { image: 'C:\\Windows\\System32\\cmd.exe', family: 'shell', proto: 'no' },
    // Both the first and the third case hold: the first written wins.
    { image: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\POWERSHELL.EXE', family: 'shell', proto: 'no' },
    { image: 'C:\\Windows\\System32\\wscript.exe', family: 'script', proto: 'no' },
    { image: 'C:\\Windows\\System32\\CScript.exe', parent: 'C:\\Windows\\System32\\services.exe', family: 'script', proto: 'yes' },
    { image: 'C:\\cscript\\x.exe', family: 'other', proto: 'no' },
    { image: 'C:\\Tools\\powershell_ise.exe', family: 'anything-powershell', proto: 'no' },
    { image: 'C:\\Windows\\notepad.exe', parent: 'C:\\Windows\\System32\\services.exe', family: 'other', proto: 'yes' },
  ];
  it.each(table)('$image → $family', ({ image, parent, family, proto }) => {
    const [m] = set.match({ Image: image, ...(parent ? { ParentImage: parent } : {}) });
    expect(m?.enrichments).toEqual({ family, service: proto });
    expect(Object.keys(m!.enrichments!)).toEqual(['family', 'service']);
  });
  it('a rule without enrichments gives matches without the key', () => {
    const plain = compileRuleSet(loadCollection([{ text: RULE.slice(0, RULE.indexOf('enrichments:')), file: 'r.yml' }]));
    expect(plain.match({ Image: 'a.exe' })[0]).not.toHaveProperty('enrichments');
  });
});

describe('fixtures assert enrichment values', () => {
  const report = runFixtures(RULES_DIR);
  it('every true positive of our rules asserts its enrichments, and they hold', () => {
    const tps = report.results.filter((r) => r.expect === 'match');
    expect(tps.length).toBeGreaterThanOrEqual(17);
    for (const r of tps) {
      const fixture = JSON.parse(readFileSync(r.file, 'utf8')) as { enrichments?: Record<string, string> };
      expect(fixture.enrichments, r.file).toBeDefined();
      expect(r.ok, r.file).toBe(true);
      for (const m of r.matches) expect('enrichments' in m ? m.enrichments : undefined).toEqual(fixture.enrichments);
    }
  });
  it('every rat_category value and both AlertType paths are covered by a fixture', () => {
    const seen = (name: string) =>
      new Set(report.results.flatMap((r) => r.matches.flatMap((m) => ('enrichments' in m && m.enrichments?.[name] !== undefined ? [m.enrichments[name]] : []))));
    expect([...seen('rat_category')].sort()).toEqual(['AmmyyAdmin', 'Commercial RMM', 'LogMeIn', 'MSP Tool', 'Other RMM', 'Unknown', 'VNC']);
    expect([...seen('AlertType')].sort()).toEqual(['WinRM_DirectTool', 'WinRM_PSRemoting', 'WinRM_RemoteExec']);
    expect([...seen('is_service_launched')].sort()).toEqual(['false', 'true']);
    expect([...seen('is_user_launched')].sort()).toEqual(['false', 'true']);
  });

  const dir = mkdtempSync(join(tmpdir(), 'sigmats-enrich-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'fixtures'));
  writeFileSync(join(dir, 'rule.yml'), RULE);
  const fixture = (name: string, body: Record<string, unknown>) =>
    writeFileSync(
      join(dir, 'fixtures', name),
      JSON.stringify({ description: name, expect: 'match', rule: '5f0b7a52-8d0e-4c55-9a55-3f0d8e6f7a10', event: { Image: 'C:\\x\\cmd.exe' }, ...body }),
    );
  fixture('tp_right.json', { enrichments: { family: 'shell' } });
  fixture('tp_wrong.json', { enrichments: { family: 'script', service: 'no' } });
  fixture('tp_unknown_name.json', { enrichments: { colour: 'red' } });
  fixture('tp_not_strings.json', { enrichments: { family: 1 } });
  fixture('tn_with_enrichments.json', { expect: 'no-match', event: { Image: 'x.dll' }, enrichments: { family: 'other' } });
  const r = runFixtures(dir);
  const byName = (n: string) => r.results.find((x) => x.file.endsWith(n));
  it.each([
    ['tp_right.json', true],
    ['tp_wrong.json', false],
    ['tp_unknown_name.json', false],
  ] as const)('%s passes: %s', (name, ok) => {
    expect(byName(name)?.ok).toBe(ok);
  });
  it('mismatches say which enrichment, what was expected and what was computed', () => {
    const messages = r.diagnostics.filter((d) => d.code === 'fixture/mismatch').map((d) => d.message);
    expect(messages).toEqual([
      "enrichment 'colour': the rule computes no such enrichment: tp_unknown_name.json",
      "enrichment 'family': expected 'script', got 'shell': tp_wrong.json",
    ]);
  });
  it('malformed enrichment assertions are invalid fixtures', () => {
    const invalid = r.diagnostics.filter((d) => d.code === 'eval/invalid-event').map((d) => `${d.file.slice(dir.length + 1)}: ${d.message}`);
    expect(invalid.sort()).toEqual([
      'fixtures/tn_with_enrichments.json: invalid fixture: `enrichments` can only be asserted with `expect: "match"`',
      'fixtures/tp_not_strings.json: invalid fixture: `enrichments` is an object of name to string value',
    ]);
  });
});
