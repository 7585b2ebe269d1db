// pySigma's validators, the SigmaHQ conventions and sigmats' own: one positive and one negative case per validator,
// each finding located at the offending key or value.
import { describe, expect, it } from 'vitest';
import { parseSigma, type SigmaDocument } from '@sigmats/core';
import {
  defaultSelection,
  excludeValidators,
  listValidators,
  NOT_SEPARATE,
  parseValidatorConfig,
  validateDocuments,
  VALIDATOR_NAMES,
  VALIDATORS,
  type ValidatorSelection,
} from '@sigmats/core/validators';

const ID = '929a690e-bef0-4204-a928-ef5e620d6fcc';
const HEAD = `title: Good Rule Title\nid: ${ID}\nstatus: experimental\ndescription: A description long enough\nreferences:\n    - https://example.com/a\nauthor: me\ndate: 2024-01-05\ntags:\n    - attack.execution\n    - attack.t1059.001\nlogsource:\n    category: process_creation\n    product: windows\n`;
const DET = `detection:\n    selection:\n        CommandLine|contains: mimikatz\n    condition: selection\nfalsepositives:\n    - Admins\nlevel: high\n`;
const GOOD = HEAD + DET;

const ALL: ValidatorSelection = { enabled: new Set(VALIDATOR_NAMES), exclusions: new Map(), params: new Map() };
const TODAY = new Date(Date.UTC(2024, 5, 1));

function docs(text: string, file = 'rules/good_rule_file.yml'): SigmaDocument[] {
  const r = parseSigma(text, file);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return [...r.documents];
}

/** `code@line:col` of the findings of validator `name` only. */
function findings(text: string, name: string, opts: { file?: string; attack?: { techniques: Set<string> } } = {}): string[] {
  const diags = validateDocuments(docs(text, opts.file), { selection: ALL, today: TODAY, ...(opts.attack ? { attack: opts.attack } : {}) });
  return diags.filter((d) => d.code === `validator/${name}`).map((d) => `${d.line}:${d.column}`);
}

const replace = (from: string, to: string): string => {
  if (!GOOD.includes(from)) throw new Error(`fixture has no ${from}`);
  return GOOD.replace(from, to);
};
const detection = (body: string): string => HEAD + `detection:\n${body}falsepositives:\n    - Admins\nlevel: high\n`;

describe('the good rule passes every validator', () => {
  it('no findings at all', () => {
    expect(validateDocuments(docs(GOOD), { selection: ALL, today: TODAY, attack: { techniques: new Set(['T1059.001']) } }).map((d) => d.code)).toEqual([]);
  });
});

// [validator, bad rule text, expected locations, file name]
const CASES: [string, string, string[], string?][] = [
  ['identifier_existence', replace(`id: ${ID}\n`, ''), ['1:8']],
  ['all_of_them_condition', replace('condition: selection', 'condition: all of them'), ['18:16']],
  ['them_condition_with_single_detection', replace('condition: selection', 'condition: 1 of them'), ['18:16']],
  ['wildcards_instead_of_modifiers', replace('CommandLine|contains: mimikatz', "CommandLine: '*mimikatz*'"), ['17:9']],
  ['wildcards_instead_of_modifiers', replace('CommandLine|contains: mimikatz', "CommandLine: '*\\\\mimikatz.exe'"), ['17:9']],
  ['wildcards_instead_of_modifiers', replace('CommandLine|contains: mimikatz', "CommandLine:\n            - 'mimi*'\n            - 'kiwi*'"), ['17:9']],
  ['duplicate_references', replace('    - https://example.com/a\n', '    - https://example.com/a\n    - https://example.com/a\n'), ['6:5']],
  ['custom_attributes', replace('author: me\n', 'author: me\nreference: x\n'), ['8:12']],
  ['dangling_detection', detection('    selection:\n        a: 1\n    unused:\n        b: 2\n    condition: selection\n'), ['18:5']],
  ['specific_instead_of_generic_logsource', replace('    category: process_creation\n    product: windows\n', '    product: windows\n    service: sysmon\n').replace('CommandLine|contains: mimikatz', 'EventID: 1'), ['17:18']],
  ['fieldname_logsource', replace('    product: windows\n', '    product: windows\n    vendor: acme\n'), ['13:5']],
  ['invalid_modifier_combinations', replace('CommandLine|contains: mimikatz', 'CommandLine|all:\n            - a\n            - b'), ['17:9']],
  ['invalid_modifier_combinations', replace('CommandLine|contains: mimikatz', 'CommandLine|base64offset: abc'), ['17:9']],
  ['double_wildcard', replace('CommandLine|contains: mimikatz', "CommandLine: 'a**b'"), ['17:22']],
  ['number_as_string', replace('CommandLine|contains: mimikatz', "EventID: '4688'"), ['17:18']],
  ['control_character', replace('CommandLine|contains: mimikatz', 'CommandLine|contains: "C:\\temp"'), ['17:31']],
  ['escaped_wildcard', replace('CommandLine|contains: mimikatz', "CommandLine|contains: 'what\\?'"), ['17:31']],
  ['tag_format', replace('    - attack.execution\n', '    - attack.Execution\n'), ['10:7']],
  ['attacktag', replace('    - attack.execution\n', '    - attack.t9999\n'), ['10:7']],
  ['attacktag', replace('    - attack.execution\n', '    - attack.exécution\n'), ['10:7']],
  ['tlptag', replace('    - attack.execution\n', '    - tlp.purple\n'), ['10:7']],
  ['duplicate_tag', replace('    - attack.execution\n', '    - attack.execution\n    - attack.execution\n'), ['11:7']],
  ['namespace_tag', replace('    - attack.execution\n', '    - foo.bar\n'), ['10:7']],
  ['cartag', replace('    - attack.execution\n', '    - car.2013-02\n'), ['10:7']],
  ['cvetag', replace('    - attack.execution\n', '    - cve.2021.44228\n'), ['10:7']],
  ['detection_tag', replace('    - attack.execution\n', '    - detection.nonsense\n'), ['10:7']],
  ['stptag', replace('    - attack.execution\n', '    - stp.9x\n'), ['10:7']],
  ['filename_length', GOOD, ['1:1'], 'rules/a.yml'],
  ['sigmahq_date_existence', replace('date: 2024-01-05\n', ''), ['1:8']],
  ['sigmahq_modified_date_order', replace('date: 2024-01-05\n', 'date: 2024-01-05\nmodified: 2023-01-01\n'), ['9:11']],
  ['sigmahq_modified_without_date', replace('date: 2024-01-05\n', 'modified: 2024-01-05\n'), ['8:11']],
  ['sigmahq_redundant_modified', replace('date: 2024-01-05\n', 'date: 2024-01-05\nmodified: 2024-01-05\n'), ['9:11']],
  ['sigmahq_status_existence', replace('status: experimental\n', ''), ['1:8']],
  ['sigmahq_status', replace('status: experimental', 'status: deprecated'), ['3:9']],
  ['sigmahq_status_to_high', replace('status: experimental', 'status: test').replace('date: 2024-01-05', 'date: 2024-05-20'), ['3:9']],
  ['sigmahq_level_existence', replace('level: high\n', ''), ['1:8']],
  ['sigmahq_filename_convention', GOOD, ['1:1'], 'rules/Bad-Name.yml'],
  ['sigmahq_title_length', replace('title: Good Rule Title', `title: ${'Long '.repeat(30)}`), ['1:8']],
  ['sigmahq_title_start', replace('title: Good Rule Title', 'title: Detects Bad Things'), ['1:8']],
  ['sigmahq_title_end', replace('title: Good Rule Title', 'title: Good Rule Title.'), ['1:8']],
  ['sigmahq_title_case', replace('title: Good Rule Title', 'title: Good rule Title'), ['1:8']],
  ['sigmahq_description_existence', replace('description: A description long enough\n', ''), ['1:8']],
  ['sigmahq_description_length', replace('description: A description long enough', 'description: Short'), ['4:14']],
  ['sigmahq_link_in_description', replace('references:\n    - https://example.com/a\n', '').replace('A description long enough', 'See https://example.com for details'), ['4:14']],
  ['sigmahq_github_link', replace('https://example.com/a', 'https://github.com/SigmaHQ/sigma/blob/master/README.md'), ['6:5']],
  ['sigmahq_mitre_link', replace('https://example.com/a', 'https://attack.mitre.org/techniques/T1059/'), ['6:5']],
  ['sigmahq_falsepositives_capital', replace('    - Admins\n', '    - admins\n'), ['20:5']],
  ['sigmahq_falsepositives_banned_word', replace('    - Admins\n', '    - None\n'), ['20:5']],
  ['sigmahq_falsepositives_typo_word', replace('    - Admins\n', '    - Unkown\n'), ['20:5']],
  ['expand_escaped_percent', replace('CommandLine|contains: mimikatz', "Image|expand: 'C:\\%windir%\\x.exe'"), ['17:23']],
];

describe('each validator: one bad rule, located', () => {
  it.each(CASES)('%s', (name, text, expected, file) => {
    expect(findings(text, name, { ...(file ? { file } : {}), attack: { techniques: new Set(['T1059.001']) } })).toEqual(expected);
    // The good rule never trips the same validator.
    expect(findings(GOOD, name, { attack: { techniques: new Set(['T1059.001']) } })).toEqual([]);
  });
});

describe('collection validators', () => {
  it('identifier_uniqueness, duplicate_title, duplicate_filename: every document of the group is reported', () => {
    const a = docs(GOOD, 'rules/a/good_rule_file.yml');
    const b = docs(GOOD, 'rules/b/good_rule_file.yml');
    const diags = validateDocuments([...a, ...b], { selection: ALL, today: TODAY });
    const by = (code: string) => diags.filter((d) => d.code === code).map((d) => `${d.file}:${d.line}:${d.column}`);
    expect(by('validator/identifier_uniqueness')).toEqual(['rules/a/good_rule_file.yml:2:5', 'rules/b/good_rule_file.yml:2:5']);
    expect(by('validator/duplicate_title')).toEqual(['rules/a/good_rule_file.yml:1:8', 'rules/b/good_rule_file.yml:1:8']);
    expect(by('validator/duplicate_filename')).toEqual(['rules/a/good_rule_file.yml:1:1', 'rules/b/good_rule_file.yml:1:1']);
    // Two documents of one file share its name: not a duplicate file name.
    const same = [...docs(GOOD), ...docs(GOOD.replace(ID, '11111111-2222-4333-8444-555555555555').replace('Good Rule Title', 'Other Title'))];
    expect(validateDocuments(same, { selection: ALL, today: TODAY }).map((d) => d.code)).not.toContain('validator/duplicate_filename');
  });
});

describe('ATT&CK tags', () => {
  const tag = (t: string, techniques = new Set(['T1059.001', 'T1684'])) => findings(replace('    - attack.execution\n', `    - ${t}\n`), 'attacktag', { attack: { techniques } });
  it.each([
    ['attack.execution', []],
    ['attack.defense-evasion', []],
    ['attack.stealth', []],
    ['attack.t1059.001', []],
    ['attack.g0016', []],
    ['attack.s0002', []],
    ['attack.t1685', []], // a few IDs past the data: newer than it, not reported
    ['attack.t9999', ['10:7']],
    ['attack.t1059.999', ['10:7']],
    ['attack.T1059.001', ['10:7']],
    ['attack.defense_evasion', ['10:7']],
    ['attack.foo', ['10:7']],
  ] as [string, string[]][])('%s', (t, expected) => expect(tag(t)).toEqual(expected));
  it('without data, only the shape is checked', () => {
    expect(findings(replace('    - attack.execution\n', '    - attack.t9999\n'), 'attacktag')).toEqual([]);
  });
});

describe('correlations and the strict schema', () => {
  const corr = (condition: string) => `title: C\nid: ${ID}\ncorrelation:\n    type: value_percentile\n    rules: [r]\n    group-by: [User]\n    timespan: 1h\n    condition:\n${condition}`;
  it('value_percentile without percentile is an error located at the condition', () => {
    const d = validateDocuments(docs(corr('        gte: 10\n        field: Size\n')), { today: TODAY }).filter((x) => x.code === 'validator/value_percentile_without_percentile');
    expect(d.map((x) => [x.severity, `${x.line}:${x.column}`])).toEqual([['error', '9:9']]);
    expect(validateDocuments(docs(corr('        gte: 10\n        field: Size\n        percentile: 95\n')), { today: TODAY }).map((x) => x.code)).not.toContain('validator/value_percentile_without_percentile');
  });
  it.each([
    ['date with spaces', replace('date: 2024-01-05', "date: ' 2024-01-05 '"), ['schema/nonstandard@8:7']],
    ['falsepositives as a string', replace('falsepositives:\n    - Admins', 'falsepositives: Admins'), ['schema/nonstandard@19:17']],
    ['clean', GOOD, []],
  ] as [string, string, string[]][])('%s: a schema/nonstandard warning from the parser', (_n, text, expected) => {
    const r = parseSigma(text, 'x.yml');
    expect(r.diagnostics.map((d) => `${d.code}@${d.line}:${d.column}`)).toEqual(expected);
    expect(r.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
    // Still read: the trimmed date, the one false positive.
    if (r.documents[0]) {
      expect(r.documents[0].date).toBe('2024-01-05');
      expect(r.documents[0].falsepositives).toEqual(['Admins']);
    }
  });
});

describe('selection and configuration', () => {
  it('names are pySigma identifiers, unique, and the registry lists exactly VALIDATOR_NAMES', () => {
    expect(VALIDATORS.map((v) => v.name).sort()).toEqual([...VALIDATOR_NAMES].sort());
    for (const n of VALIDATOR_NAMES) expect(n).toMatch(/^[a-z0-9]+(_[a-z0-9]+)*$/);
  });
  it('default: pySigma core and sigmats on; SigmaHQ, filename_length and the TLP v1/v2-only variants off', () => {
    const on = defaultSelection().enabled;
    expect(on.has('identifier_existence') && on.has('attacktag') && on.has('expand_escaped_percent')).toBe(true);
    expect(on.has('sigmahq_date_existence') || on.has('tlpv1_tag') || on.has('tlpv2_tag') || on.has('filename_length')).toBe(false);
    expect(defaultSelection({ sigmahq: true }).enabled.has('sigmahq_date_existence')).toBe(true);
    expect(listValidators().filter((v) => v.defaultEnabled).length).toBe(on.size);
  });
  it('without a validators key the default set applies; NOT_SEPARATE names are no validators', () => {
    const { selection, diagnostics } = parseValidatorConfig(`exclusions:\n  ${ID}: attacktag\n`, 'v.yml');
    expect(diagnostics).toEqual([]);
    expect([...selection.enabled].sort()).toEqual([...defaultSelection().enabled].sort());
    for (const n of Object.keys(NOT_SEPARATE)) expect(VALIDATOR_NAMES as readonly string[]).not.toContain(n);
  });
  it('--exclude', () => {
    const r = excludeValidators(defaultSelection(), ['attacktag', 'nope']);
    expect(r.selection.enabled.has('attacktag')).toBe(false);
    expect(r.unknown).toEqual(['nope']);
  });
  it("pySigma's config shape: validators, exclusions, config", () => {
    const text = `validators:\n  - all\n  - -tlpv1_tag\n  - -dangling_condition\nexclusions:\n  ${ID}: attacktag\n  11111111-2222-4333-8444-555555555555: [escaped_wildcard, number_as_string]\nconfig:\n  sigmahq_title_length:\n    max_length: 10\n`;
    const { selection, diagnostics } = parseValidatorConfig(text, 'v.yml');
    expect(diagnostics.map((d) => `${d.severity} ${d.line}:${d.column} ${d.message}`)).toEqual([
      "warning 4:5 validator 'dangling_condition' is not a separate validator in sigmats: the parser rejects a condition naming an unknown detection (condition/undefined-identifier), always",
    ]);
    expect(selection.enabled.has('tlpv1_tag')).toBe(false);
    expect(selection.enabled.has('sigmahq_title_case')).toBe(true);
    expect([...selection.exclusions.get(ID)!]).toEqual(['attacktag']);
    expect(selection.params.get('sigmahq_title_length')).toEqual({ max_length: 10 });
    // Applied: the title is longer than 10; the excluded validator is silent for that rule.
    const diags = validateDocuments(docs(replace('    - attack.execution\n', '    - attack.t9999\n')), { selection, today: TODAY, attack: { techniques: new Set(['T1059.001']) } });
    expect(diags.map((d) => d.code)).toContain('validator/sigmahq_title_length');
    expect(diags.map((d) => d.code)).not.toContain('validator/attacktag');
  });
  it.each([
    ['validators: [nope]\n', "error 1:14 unknown validator 'nope'"],
    ['validators: [attacktagg]\n', "error 1:14 unknown validator 'attacktagg' (hint: did you mean 'attacktag'?)"],
    ['validators: [-attacktag]\n', "error 1:14 cannot remove 'attacktag': it is not in the validator set at this point"],
    ['exclusions:\n  not-a-uuid: attacktag\n', "error 2:3 'not-a-uuid' is not a rule id (UUID)"],
    ['config:\n  sigmahq_title_length:\n    max: 3\n', "error 3:5 validator 'sigmahq_title_length' has no parameter 'max' (parameters: max_length)"],
    ['config:\n  sigmahq_title_length:\n    max_length: long\n', "error 3:17 parameter 'max_length' of 'sigmahq_title_length' must be a number"],
    ['validator: [all]\n', "error 1:1 unknown key 'validator' (expected validators, exclusions, config) (hint: did you mean 'validators'?)"],
    ['- a\n', 'error 1:1 a validator configuration is a mapping (validators, exclusions, config)'],
  ])('%j', (text, expected) => {
    const { diagnostics } = parseValidatorConfig(text, 'v.yml');
    expect(diagnostics.map((d) => `${d.severity} ${d.line}:${d.column} ${d.message}${d.hint ? ` (hint: ${d.hint})` : ''}`)).toEqual([expected]);
    expect(diagnostics.every((d) => d.code === 'validator/config')).toBe(true);
  });
});

describe('robustness', () => {
  it('any parsed document: validators never throw, every finding is located in its file', async () => {
    const fc = (await import('fast-check')).default;
    const word = fc.string({ unit: 'grapheme', maxLength: 12 }).map((s) => JSON.stringify(s));
    const value = fc.oneof(word, fc.constantFrom("'*x*'", "'x*'", "'*x'", "'**'", "'\\\\*'", "'%a%'", "'4688'", '12', 'null', "'\\u2014a'"));
    const key = fc.constantFrom('CommandLine', 'Image|contains', 'Image|windash|contains', 'Image|expand', 'EventID', 'a|all', 'b|base64offset|contains', 'c|re');
    const tag = fc.oneof(fc.constantFrom('attack.t1059', 'attack.T1', 'tlp.red', 'cve.1-2', 'car.x', 'stp.1a', 'detection.dfir', 'x.y'), word);
    const rule = fc.record({ title: word, tags: fc.array(tag, { maxLength: 3 }), items: fc.array(fc.tuple(key, value), { minLength: 1, maxLength: 3 }), date: fc.constantFrom('2024-01-05', "' 2024-01-05 '", '2024/1/5', 'x'), cond: fc.constantFrom('sel', 'all of them', '1 of them', 'not sel') });
    fc.assert(
      fc.property(rule, (r) => {
        const text = `title: ${r.title}\ndate: ${r.date}\ntags:\n${r.tags.map((t) => `    - ${t}`).join('\n') || '    - a.b'}\nlogsource:\n    product: windows\n    service: sysmon\ndetection:\n    sel:\n${r.items.map(([k, v]) => `        ${k}: ${v}`).join('\n')}\n    condition: ${r.cond}\nfalsepositives: x\n`;
        const parsed = parseSigma(text, 'p.yml');
        const diags = validateDocuments(parsed.documents, { selection: ALL, today: TODAY, attack: { techniques: new Set(['T1059']) } });
        for (const d of diags) {
          expect(d.file).toBe('p.yml');
          expect(d.code.startsWith('validator/')).toBe(true);
          expect(d.line).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });
});
