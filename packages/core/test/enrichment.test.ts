import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyPipelinesToEnrichments,
  enrichmentValue,
  lowerDetection,
  parsePipeline,
  parseSigma,
  type Enrichment,
  type Expr,
} from '../src/index.js';
import { codes, parseRule } from './helpers.js';

const RULE = `title: Test rule
logsource:
    category: process_creation
    product: windows
detection:
    sel:
        Image|endswith: '.exe'
    condition: sel
fields:
    - CommandLine
`;

const withEnrichments = (yaml: string) => `${RULE}enrichments:\n${yaml}`;

/** `field op value` of the leaves, as text (what a case tests). */
function leaves(e: Expr): string {
  switch (e.kind) {
    case 'and':
    case 'or':
      return `(${e.operands.map(leaves).join(` ${e.kind} `)})`;
    case 'not':
      return `not ${leaves(e.operand)}`;
    case 'match':
      if (e.value.kind === 'string') return `${e.field}~${e.value.parts.map((p) => (p.kind === 'literal' ? p.text : p.kind === 'wildcard-multi' ? '*' : '?')).join('')}`;
      if (e.value.kind === 'regex') return `${e.field}~/${e.value.pattern}/${e.value.flags.ignoreCase ? 'i' : ''}`;
      return `${e.field}~${e.value.kind}`;
    case 'keyword':
      return 'keyword';
    case 'const':
      return String(e.value);
  }
}

describe('enrichments: parsing', () => {
  it('reads ordered cases into the detection IR, lowered, with locations and one-line text', () => {
    const { rule, diagnostics } = parseRule(
      withEnrichments(`    kind:
        cases:
            - value: Shell
              detection:
                  Image|endswith: ['\\cmd.exe', '\\powershell.exe']
            - value: Office
              detection:
                  - ParentImage|contains: winword
                  - ParentImage|contains: excel
        default: Other
`),
    );
    expect(diagnostics).toEqual([]);
    const [e] = rule!.enrichments!;
    expect(e!.name).toBe('kind');
    expect(e!.default).toBe('Other');
    expect([e!.loc.line, e!.loc.column]).toEqual([12, 5]);
    expect(e!.cases.map((c) => c.value)).toEqual(['Shell', 'Office']);
    expect(e!.cases.map((c) => [c.loc.line, c.detection.loc.line, c.detection.name])).toEqual([
      [14, 15, 'enrichments.kind[0]'],
      [17, 18, 'enrichments.kind[1]'],
    ]);
    expect(e!.cases.map((c) => leaves(c.expr))).toEqual(['(Image~*\\cmd.exe or Image~*\\powershell.exe)', '(ParentImage~*winword* or ParentImage~*excel*)']);
    expect(e!.cases.map((c) => c.text)).toEqual([
      "Image|endswith: ['\\cmd.exe', '\\powershell.exe']",
      '{ParentImage|contains: winword} or {ParentImage|contains: excel}',
    ]);
    // The expression is the detection lowered like any search identifier.
    expect(e!.cases[0]!.expr).toEqual(lowerDetection(e!.cases[0]!.detection));
    // The attribute stays a custom attribute too (Sigma keeps it as written).
    expect(Object.keys(rule!.custom)).toEqual(['enrichments']);
  });

  it('a rule without the attribute has no enrichments', () => {
    expect(parseRule(RULE).rule!.enrichments).toBeUndefined();
  });

  const problems: { name: string; yaml: string; expected: string[] }[] = [
    { name: 'not a mapping', yaml: '    - a\n', expected: ['enrichment/invalid@12:5'] },
    { name: 'unsafe name', yaml: "    'rat category':\n        cases: [{value: a, detection: {Image: x}}]\n        default: b\n", expected: ['enrichment/invalid-name@12:5'] },
    { name: 'name starting with a digit', yaml: '    1st:\n        cases: [{value: a, detection: {Image: x}}]\n        default: b\n', expected: ['enrichment/invalid-name@12:5'] },
    {
      name: 'duplicate name, compared without case',
      yaml: '    kind:\n        cases: [{value: a, detection: {Image: x}}]\n        default: b\n    Kind:\n        cases: [{value: a, detection: {Image: x}}]\n        default: b\n',
      expected: ['enrichment/invalid-name@15:5'],
    },
    {
      name: 'duplicate name (the YAML layer refuses a repeated key)',
      yaml: '    kind:\n        cases: [{value: a, detection: {Image: x}}]\n        default: b\n    kind:\n        cases: [{value: a, detection: {Image: x}}]\n        default: b\n',
      expected: ['yaml/duplicate-key@15:5'],
    },
    { name: 'name of a field the rule uses', yaml: '    commandline:\n        cases: [{value: a, detection: {Image: x}}]\n        default: b\n', expected: ['enrichment/invalid-name@12:5'] },
    { name: 'empty cases', yaml: '    kind:\n        cases: []\n        default: b\n', expected: ['enrichment/invalid@13:16'] },
    { name: 'no cases', yaml: '    kind:\n        default: b\n', expected: ['enrichment/invalid@12:5'] },
    { name: 'no default', yaml: '    kind:\n        cases: [{value: a, detection: {Image: x}}]\n', expected: ['enrichment/invalid@12:5'] },
    { name: 'non-string value', yaml: '    kind:\n        cases: [{value: true, detection: {Image: x}}]\n        default: b\n', expected: ['enrichment/invalid@13:25'] },
    { name: 'non-string default', yaml: '    kind:\n        cases: [{value: a, detection: {Image: x}}]\n        default: 0\n', expected: ['enrichment/invalid@14:18'] },
    { name: 'unknown modifier, at its column', yaml: '    kind:\n        cases: [{value: a, detection: {Image|endwith: x}}]\n        default: b\n', expected: ['modifier/unknown@13:46'] },
    { name: 'unknown key in a case', yaml: '    kind:\n        cases: [{value: a, detection: {Image: x}, vaule: c}]\n        default: b\n', expected: ['enrichment/invalid@13:51'] },
    { name: 'case without detection', yaml: '    kind:\n        cases: [{value: a}]\n        default: b\n', expected: ['enrichment/invalid@13:18'] },
    { name: 'keywords are not a field test', yaml: '    kind:\n        cases: [{value: a, detection: [evil]}]\n        default: b\n', expected: ['enrichment/invalid@13:39'] },
    { name: 'multi-line value', yaml: '    kind:\n        cases: [{value: "a\\nb", detection: {Image: x}}]\n        default: b\n', expected: ['enrichment/invalid@13:25'] },
  ];
  it.each(problems)('$name: a located error, and the rule is not used', ({ yaml, expected }) => {
    const r = parseSigma(withEnrichments(yaml), 'test.yml');
    expect(codes(r.diagnostics.filter((d) => d.severity === 'error'))).toEqual(expected);
    expect(r.documents).toEqual([]);
  });
});

describe('enrichments: value', () => {
  const e: Enrichment = parseRule(
    withEnrichments('    k:\n        cases:\n            - {value: first, detection: {A: 1}}\n            - {value: second, detection: {B: 1}}\n        default: none\n'),
  ).rule!.enrichments![0]!;
  it.each([
    [[true, true], 'first'],
    [[false, true], 'second'],
    [[false, false], 'none'],
  ] as const)('cases %j give %s (first true case wins)', (holds, value) => {
    expect(enrichmentValue(e, (_c, i) => holds[i]!)).toBe(value);
  });
});

describe('enrichments: pipelines', () => {
  const pipeline = (yaml: string) => {
    const p = parsePipeline(yaml, 'p.yml');
    expect(p.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    return p.pipeline!;
  };
  const rule = parseRule(
    withEnrichments(
      '    k:\n        cases:\n            - {value: a, detection: {ParentImage|endswith: x.exe}}\n            - {value: b, detection: {Image: y}}\n        default: c\n',
    ),
  ).rule!;

  it('field mappings rename the fields the cases test; added conditions stay out of the cases', () => {
    const p = pipeline(`name: t
priority: 10
transformations:
  - type: field_name_mapping
    mapping:
      ParentImage: InitiatingProcessFolderPath
      Image: FolderPath
  - type: add_condition
    conditions:
      EventID: 1
`);
    const r = applyPipelinesToEnrichments(rule, rule, [p], { backend: 'test' });
    expect(r.diagnostics).toEqual([]);
    expect(r.rule.enrichments!.map((e) => e.cases.map((c) => leaves(c.expr)))).toEqual([['InitiatingProcessFolderPath~*x.exe', 'FolderPath~y']]);
    // The rule given is the one the enrichments are put on; the original keeps its own.
    expect(rule.enrichments![0]!.cases[0]!.detection.body.items[0]).toMatchObject({ field: 'ParentImage' });
  });

  it('an enrichment a pipeline cannot carry is dropped with a located warning; the rule is kept', () => {
    const p = pipeline(`name: t
priority: 10
transformations:
  - type: detection_item_failure
    message: no parent process here
    field_name_conditions:
      - type: include_fields
        fields: [ParentImage]
`);
    const r = applyPipelinesToEnrichments(rule, rule, [p], { backend: 'test' });
    expect(r.rule.enrichments).toEqual([]);
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.line, d.message])).toEqual([
      ['enrichment/dropped', 'warning', 12, "enrichment 'k' is left out of this query: no parent process here"],
    ]);
  });

  it('a case whose whole test a pipeline drops leaves the enrichment out', () => {
    const p = pipeline(`name: t
priority: 10
transformations:
  - type: drop_detection_item
    field_name_conditions:
      - type: include_fields
        fields: [Image]
`);
    const r = applyPipelinesToEnrichments(rule, rule, [p], { backend: 'test' });
    expect(r.rule.enrichments).toEqual([]);
    // The pipeline itself refuses a condition left with no detection: that error is why the enrichment is dropped.
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([['enrichment/dropped', 'warning']]);
    expect(r.diagnostics[0]!.message).toMatch(/^enrichment 'k' is left out of this query: processing item t#1 removed every detection the condition 'enrichments\.k\[1\]' uses/);
  });

  it('without pipelines the enrichments are those parsed', () => {
    const r = applyPipelinesToEnrichments(rule, rule, [], { backend: 'test' });
    expect(r.rule).toBe(rule);
  });
});

describe('enrichments of our rules', () => {
  const ours = (path: string) => {
    const file = new URL(`../../../rules/${path}`, import.meta.url);
    const r = parseSigma(readFileSync(file, 'utf8'), path);
    expect(r.diagnostics).toEqual([]);
    const rule = r.documents[0]!;
    return rule.kind === 'rule' ? rule.enrichments!.map((e) => [e.name, e.cases.map((c) => c.value), e.default]) : [];
  };
  it('T1219: rat_category, is_service_launched, is_user_launched', () => {
    expect(ours('t1219_remote_access_tools/proc_creation_win_remote_access_tool_execution.yml')).toEqual([
      ['rat_category', ['Commercial RMM', 'VNC', 'LogMeIn', 'AmmyyAdmin', 'Other RMM', 'MSP Tool'], 'Unknown'],
      ['is_service_launched', ['true'], 'false'],
      ['is_user_launched', ['true'], 'false'],
    ]);
  });
  it('T1021.006: AlertType', () => {
    expect(ours('t1021.006_winrm/proc_creation_win_winrm_remote_execution.yml')).toEqual([
      ['AlertType', ['WinRM_RemoteExec', 'WinRM_PSRemoting', 'WinRM_DirectTool'], 'Unknown'],
    ]);
  });
});

describe('enrichments: any value under the attribute', () => {
  const keys = fc.constantFrom('cases', 'default', 'value', 'detection', 'Image|endswith', 'Image|bogus', 'x', 'k', '1a');
  const leaf = fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.boolean(), fc.constant(null));
  const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(keys, tie('node'), { maxKeys: 3 })),
  })).node;
  it('never throws: either a rule whose every enrichment has cases with expressions, or a located error', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('kind', 'Kind', 'bad name', '_x'), value, { maxKeys: 3 }), (enrichments) => {
        // JSON is YAML flow syntax: the generated value is written as one line under the attribute.
        const r = parseSigma(`${RULE}enrichments: ${JSON.stringify(enrichments)}\n`, 'p.yml');
        const errors = r.diagnostics.filter((d) => d.severity === 'error');
        if (errors.length > 0) {
          expect(r.documents).toEqual([]);
          for (const d of errors) expect(d.line).toBeGreaterThan(0);
          return;
        }
        const rule = r.documents[0]!;
        expect(rule.kind).toBe('rule');
        for (const e of (rule.kind === 'rule' && rule.enrichments) || []) {
          expect(e.cases.length).toBeGreaterThan(0);
          for (const c of e.cases) expect(c.expr.kind).toMatch(/^(and|or|not|match|const)$/);
        }
      }),
      { numRuns: 300 },
    );
  });
});
