import { describe, expect, it } from 'vitest';
import {
  applyPipelines,
  applyPipelinesToCorrelation,
  fieldsUsed,
  logsourceMatches,
  parsePipeline,
  pipelineFromObject,
  postprocessQuery,
} from '../../src/pipeline/index.js';
import { placeholderDiagnostics, unresolvedPlaceholders } from '../../src/pipeline/placeholders.js';
import type { SigmaRule } from '../../src/ir/index.js';
import { correlation, rule, showDetections } from './helpers.js';
import { matchDiagnostics } from './run-case.js';

const pipe = (yaml: string, file = 'p.yml') => {
  const p = parsePipeline(yaml, file);
  expect(p.diagnostics).toEqual([]);
  return p.pipeline!;
};

describe('correlations', () => {
  const mapping = pipe('transformations:\n  - type: field_name_mapping\n    mapping:\n      User: user.name\n      Host: [host.name, host.hostname]\n  - type: set_state\n    key: s\n    val: 1\n    rule_conditions:\n      - type: is_sigma_correlation_rule\n');

  it('rewrites group-by, alias targets and the condition field', () => {
    const c = correlation({ groupBy: ['User', 'Other'], fields: ['User'], aliases: { u: { r1: 'User', r2: 'Login' } } });
    const res = applyPipelinesToCorrelation(c, [mapping], { backend: 'test' });
    expect(res.diagnostics).toEqual([]);
    expect(res.document.groupBy).toEqual(['user.name', 'Other']);
    expect(res.document.aliases[0]!.fields).toEqual({ r1: 'user.name', r2: 'Login' });
    expect(res.document.condition.kind === 'threshold' && res.document.condition.fields).toEqual(['user.name']);
    expect(res.state).toEqual({ s: 1 });
    expect(c.groupBy).toEqual(['User', 'Other']);
  });

  it('a 1:n mapping in group-by is an error located in the correlation', () => {
    const res = applyPipelinesToCorrelation(correlation({ groupBy: ['Host'] }), [mapping], { backend: 'test' });
    matchDiagnostics(res.diagnostics, [{ code: 'pipeline/invalid', message: 'group-by: field Host maps to several fields', file: 'rule.yml', line: 4, column: 3 }]);
    expect(res.document.groupBy).toEqual(['Host']);
  });

  it('rule-only conditions do not hold for correlations', () => {
    const p = pipe('transformations:\n  - type: set_state\n    key: s\n    val: 1\n    rule_conditions:\n      - type: logsource\n        product: windows\n');
    expect(applyPipelinesToCorrelation(correlation({ groupBy: [] }), [p], { backend: 'test' }).state).toEqual({});
  });
});

describe('logsource conditions on correlations look at the referenced rules', () => {
  const guarded = pipe(
    [
      'transformations:',
      '  - id: proc',
      '    type: field_name_mapping',
      '    mapping: {User: AccountName}',
      '    rule_conditions: [{type: logsource, category: process_creation}]',
      '  - id: net',
      '    type: field_name_mapping',
      '    mapping: {User: InitiatingProcessAccountName}',
      '    rule_conditions: [{type: logsource, category: network_connection}]',
    ].join('\n'),
  );
  const proc = rule({ logsource: { category: 'process_creation', product: 'windows' }, detection: { sel: { a: 1 } }, condition: 'sel' });
  const proc2 = rule({ logsource: { category: 'process_creation', product: 'windows' }, detection: { sel: { b: 1 } }, condition: 'sel' });
  const net = rule({ logsource: { category: 'network_connection', product: 'windows' }, detection: { sel: { c: 1 } }, condition: 'sel' });
  const c = correlation({ groupBy: ['User'], fields: ['User'], aliases: { u: { r1: 'User' } } });
  const CASES: { name: string; referenced?: SigmaRule[]; groupBy: string[]; alias: string; field: string; applied: string[] }[] = [
    { name: 'one process_creation rule: mapped everywhere', referenced: [proc], groupBy: ['AccountName'], alias: 'AccountName', field: 'AccountName', applied: ['proc'] },
    { name: 'two rules of the same logsource: mapped', referenced: [proc, proc2], groupBy: ['AccountName'], alias: 'AccountName', field: 'AccountName', applied: ['proc'] },
    { name: 'one network_connection rule: the other mapping', referenced: [net], groupBy: ['InitiatingProcessAccountName'], alias: 'InitiatingProcessAccountName', field: 'InitiatingProcessAccountName', applied: ['net'] },
    { name: 'mixed logsources: no logsource-guarded mapping holds (the backend aligns per source)', referenced: [proc, net], groupBy: ['User'], alias: 'User', field: 'User', applied: [] },
    { name: 'without the referenced rules (old call): nothing holds', groupBy: ['User'], alias: 'User', field: 'User', applied: [] },
  ];
  for (const row of CASES) {
    it(row.name, () => {
      const res = applyPipelinesToCorrelation(c, [guarded], { backend: 'test' }, row.referenced);
      expect(res.diagnostics).toEqual([]);
      expect(res.document.groupBy).toEqual(row.groupBy);
      expect(res.document.aliases[0]!.fields).toEqual({ r1: row.alias });
      expect(res.document.condition.kind === 'threshold' && res.document.condition.fields).toEqual([row.field]);
      expect(res.applied).toEqual(row.applied);
    });
  }
});

describe('applyPipelines', () => {
  it('is deterministic and does not mutate its input', () => {
    const r = rule({ detection: { sel: { a: 1 } }, condition: 'sel' });
    const p = pipe('transformations:\n  - type: add_condition\n    conditions:\n      index: x\n');
    const a = applyPipelines(r, [p], { backend: 't' });
    const b = applyPipelines(r, [p], { backend: 't' });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(r.detections).toHaveLength(1);
  });

  it('logsource-guarded items see a logsource changed by an earlier item (the logsource prefilter follows it)', () => {
    const p = pipe(
      [
        'transformations:',
        '  - {id: before, type: set_state, key: a, val: 1, rule_conditions: [{type: logsource, category: process_creation}]}',
        '  - {id: change, type: change_logsource, category: proc, rule_conditions: [{type: logsource, product: windows}]}',
        '  - {id: old, type: set_state, key: b, val: 1, rule_conditions: [{type: logsource, category: process_creation}]}',
        '  - {id: new, type: set_state, key: c, val: 1, rule_conditions: [{type: logsource, category: proc}]}',
      ].join('\n'),
    );
    const r = rule({ logsource: { category: 'process_creation', product: 'windows' }, detection: { sel: { a: 1 } }, condition: 'sel' });
    for (let i = 0; i < 2; i++) {
      // Twice: the second run uses the cached per-logsource item masks.
      const res = applyPipelines(r, [p], { backend: 't' });
      expect(res.state).toEqual({ a: 1, c: 1 });
      expect(res.applied).toEqual(['before', 'change', 'new']);
    }
  });

  it('returns the same document when no item applies (structural sharing)', () => {
    const p = pipe('transformations:\n  - type: field_name_mapping\n    mapping: {Other: x}\n  - type: add_condition\n    conditions: {a: 1}\n    rule_conditions: [{type: logsource, product: linux}]\n');
    const r = rule({ logsource: { product: 'windows' }, detection: { sel: { a: 1 } }, condition: 'sel' });
    expect(applyPipelines(r, [p], { backend: 't' }).document).toBe(r);
  });

  it('add_condition builds its detection once and shares it between rules', () => {
    const p = pipe('transformations:\n  - type: add_condition\n    conditions: {index: "win-$category"}\n    template: true\n');
    const mk = (category: string) => rule({ logsource: { category }, detection: { sel: { a: 1 } }, condition: 'sel' });
    const [a, b, c] = [mk('x'), mk('x'), mk('y')].map((r) => applyPipelines(r, [p], { backend: 't' }).document);
    expect(a!.detections[1]).toBe(b!.detections[1]);
    expect(showDetections(c!)[1]).toBe('_cond_p_1: index="win-y"');
    expect(showDetections(a!)[1]).toBe('_cond_p_1: index="win-x"');
  });

  it('state is per rule', () => {
    const p = pipe('transformations:\n  - type: set_state\n    key: k\n    val: 1\n    rule_conditions:\n      - type: tag\n        tag: attack.x\n');
    const withTag = rule({ detection: { sel: { a: 1 } }, condition: 'sel', tags: ['attack.x'] });
    const without = rule({ detection: { sel: { a: 1 } }, condition: 'sel' });
    expect(applyPipelines(withTag, [p], { backend: 't' }).state).toEqual({ k: 1 });
    expect(applyPipelines(without, [p], { backend: 't' }).state).toEqual({});
  });

  it('pipeline-created nodes carry the pipeline item location', () => {
    const r = rule({ detection: { sel: { a: 1 } }, condition: 'sel' });
    const p = pipe('name: x\ntransformations:\n  - type: add_condition\n    conditions:\n      index: x\n', 'loc.yml');
    const out = applyPipelines(r, [p], { backend: 't' }).document;
    const added = out.detections[1]!;
    expect(added.loc).toMatchObject({ file: 'loc.yml', line: 3, column: 5 });
    expect(added.body.items[0]!.loc).toMatchObject({ file: 'loc.yml', line: 3 });
    expect(out.conditions[0]!.root.loc).toMatchObject({ file: 'loc.yml', line: 3 });
  });

  it('allowed_backends: a pipeline for another backend is not applied and says so', () => {
    const r = rule({ detection: { sel: { a: 1 } }, condition: 'sel' });
    const p = pipe('name: splunk-only\nallowed_backends: [splunk]\ntransformations:\n  - type: field_name_prefix\n    prefix: x.\n');
    const res = applyPipelines(r, [p], { backend: 'kql' });
    expect(showDetections(res.document)).toEqual(['sel: a=1']);
    matchDiagnostics(res.diagnostics, [{ code: 'pipeline/not-allowed', message: 'splunk-only', file: 'p.yml', line: 1 }]);
    expect(applyPipelines(r, [p], { backend: 'splunk' }).diagnostics).toEqual([]);
  });

  it('vars merge across pipelines, later wins; backend options become backend_<name>', () => {
    const r = rule({ detection: { sel: { 'a|expand': ['%v%', '%backend_index%', '%output_format%'] } }, condition: 'sel' });
    const p1 = pipe('vars:\n  v: one\n');
    const p2 = pipe('vars:\n  v: two\ntransformations:\n  - type: value_placeholders\n');
    const res = applyPipelines(r, [p1, p2], { backend: 'splunk', format: 'savedsearches', options: { index: 'main' } });
    expect(showDetections(res.document)).toEqual(['sel: a="two"|"main"|"savedsearches"']);
  });

  it('pipelines from objects behave like YAML ones', () => {
    const r = rule({ detection: { sel: { Image: 'a' } }, condition: 'sel' });
    const p = pipelineFromObject({ transformations: [{ type: 'field_name_mapping', mapping: { Image: 'FolderPath' } }] }, 'obj').pipeline!;
    expect(showDetections(applyPipelines(r, [p], { backend: 't' }).document)).toEqual(['sel: FolderPath="a"']);
  });
});

describe('helpers for backends', () => {
  it('logsourceMatches is containment', () => {
    const ls = { category: 'process_creation', product: 'windows' };
    expect(logsourceMatches(ls, { product: 'windows' })).toBe(true);
    expect(logsourceMatches(ls, {})).toBe(true);
    expect(logsourceMatches(ls, { category: 'process_creation', product: 'windows', service: 'sysmon' })).toBe(false);
    expect(logsourceMatches(ls, { product: 'linux' })).toBe(false);
    expect(logsourceMatches(ls, { product: 'Windows' })).toBe(false);
  });

  it('fieldsUsed lists item fields and fieldref targets once, in order', () => {
    const r = rule({ detection: { a: { Image: 'x', 'CommandLine|fieldref': 'ParentCommandLine' }, b: [{ Image: 'y' }, { User: 'z' }], kw: ['k'] }, condition: 'a or b or kw' });
    expect(fieldsUsed(r)).toEqual(['Image', 'CommandLine', 'ParentCommandLine', 'User']);
  });

  it('unresolved placeholders are detectable and reported located', () => {
    const r = rule({ detection: { sel: { 'Host|expand': ['%Servers%', 'plain'], 'P|re|expand': '^%x%$' } }, condition: 'sel' });
    expect(unresolvedPlaceholders(r).map((p) => `${p.field}:${p.name}`)).toEqual(['Host:Servers', 'P:x']);
    const d = placeholderDiagnostics(r);
    expect(d.map((x) => x.code)).toEqual(['pipeline/placeholder-unresolved', 'pipeline/placeholder-unresolved']);
    expect(d[0]).toMatchObject({ file: 'rule.yml', message: 'placeholder %Servers% in Host is not resolved by any pipeline' });
    const p = pipe('transformations:\n  - type: wildcard_placeholders\n');
    expect(placeholderDiagnostics(applyPipelines(r, [p], { backend: 't' }).document)).toEqual([]);
  });
});

describe('end to end with parsed YAML rules (the pySigma documentation example)', () => {
  it('maps, adds the templated index condition and sets state', async () => {
    const { parseSigma } = await import('../../src/index.js');
    const ruleText = [
      'title: Whoami',
      'id: 0b3c6c5e-7a61-4a3e-9c0a-6d1c1f7b2a10',
      'logsource: {category: test, product: windows}',
      'detection:',
      '  sel:',
      "    Image|endswith: '\\cmd.exe'",
      '    CommandLine|contains: whoami',
      '  keywords: [evil]',
      '  condition: sel and keywords',
      '',
    ].join('\n');
    const parsed = parseSigma(ruleText, 'whoami.yml');
    expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const r = parsed.documents[0];
    if (r?.kind !== 'rule') throw new Error('expected a rule');
    const p = pipe(
      [
        'name: demo',
        'transformations:',
        '  - id: map_fields',
        '    type: field_name_mapping',
        '    mapping:',
        '      Image: process.executable',
        '      CommandLine: [process.command_line, process.args]',
        '      ~: message',
        '  - id: add_index',
        '    type: add_condition',
        '    conditions: {index: "win-$category"}',
        '    template: true',
        '  - id: st',
        '    type: set_state',
        '    key: index',
        '    val: main',
        'postprocessing:',
        '  - type: simple_template',
        "    template: '{pipeline.state[index]}: {query}'",
        '',
      ].join('\n'),
      'demo.yml',
    );
    const res = applyPipelines(r, [p], { backend: 'test' });
    expect(res.diagnostics).toEqual([]);
    expect(showDetections(res.document)).toEqual([
      'sel: process.executable="*\\cmd.exe" and (process.command_line="*whoami*" or process.args="*whoami*")',
      'keywords: message="*evil*"',
      '_cond_add_index: index="win-test"',
    ]);
    expect(res.document.conditions.map((c) => c.text)).toEqual(['_cond_add_index and (sel and keywords)']);
    expect(res.applied).toEqual(['map_fields', 'add_index', 'st']);
    expect(res.document.detections[2]!.loc).toMatchObject({ file: 'demo.yml', line: 9, column: 5 });
    // The keyword value keeps its location in the rule file.
    expect(res.document.detections[1]!.body.items[0]).toMatchObject({ field: 'message', loc: { file: 'whoami.yml', line: 8 } });
    expect(postprocessQuery('Q', res.document, [p], res.state)).toBe('main: Q');
  });
});

// Per-leaf tracking is recorded only when some pipeline of the run reads it; these hold that a reader in another
// pipeline, or nested in a `nest` item, still sees what earlier items did.
describe('per-leaf tracking across pipelines', () => {
  const mapper = pipe('name: mapper\ntransformations:\n  - id: m\n    type: field_name_mapping\n    mapping:\n      A: AA\n');
  const r = () => rule({ detection: { sel: { A: 1, B: 2 } }, condition: 'sel' });

  it('a detection-item condition in a later pipeline', () => {
    const reader = pipe('name: reader\ntransformations:\n  - type: field_name_suffix\n    suffix: ".s"\n    detection_item_conditions:\n      - type: processing_item_applied\n        processing_item_id: m\n');
    expect(showDetections(applyPipelines(r(), [mapper, reader], { backend: 'test' }).document)).toEqual(['sel: AA.s=1 and B=2']);
  });

  it('a field-name condition nested in a later pipeline', () => {
    const reader = pipe(
      'name: reader\ntransformations:\n  - type: nest\n    items:\n      - type: field_name_prefix\n        prefix: "p."\n        field_name_conditions:\n          - type: processing_item_applied\n            processing_item_id: m\n',
    );
    expect(showDetections(applyPipelines(r(), [mapper, reader], { backend: 'test' }).document)).toEqual(['sel: p.AA=1 and B=2']);
  });

  it('strict_field_mapping_failure in a later pipeline reports only the unmapped field', () => {
    const strict = pipe('name: strict\ntransformations:\n  - type: strict_field_mapping_failure\n');
    const res = applyPipelines(r(), [mapper, strict], { backend: 'test' });
    expect(res.diagnostics.map((d) => d.message)).toEqual(['field B has no mapping in the pipeline']);
  });

  it('without a reader, the result is the same', () => {
    const res = applyPipelines(r(), [mapper], { backend: 'test' });
    expect(showDetections(res.document)).toEqual(['sel: AA=1 and B=2']);
    expect(res.applied).toEqual(['m']);
  });
});
