import { describe, expect, it } from 'vitest';
import { parsePipeline, pipelineFromObject, resolvePipelines } from '../../src/pipeline/index.js';
import { matchDiagnostics, PIPELINE_FILE, type ExpectedDiagnostic } from './run-case.js';

interface ParseRow {
  name: string;
  yaml: string;
  diagnostics: ExpectedDiagnostic[];
}

// Pipeline files with problems: code, message and exact location.
const BAD: ParseRow[] = [
  {
    name: 'unknown top-level key at the key',
    yaml: 'name: x\ntransformation:\n  - type: set_state\n',
    diagnostics: [{ code: 'pipeline/invalid', message: "unknown key 'transformation'", line: 2, column: 1 }],
  },
  {
    name: 'unknown transformation at the type value',
    yaml: 'transformations:\n  - id: a\n    type: field_mapping\n',
    diagnostics: [{ code: 'pipeline/unknown-transformation', message: "'field_mapping'", line: 3, column: 11 }],
  },
  {
    name: 'unknown condition at the type value',
    yaml: 'transformations:\n  - type: drop_detection_item\n    rule_conditions:\n      - type: logsrc\n',
    diagnostics: [{ code: 'pipeline/unknown-condition', message: "'logsrc'", line: 4, column: 15 }],
  },
  {
    name: 'unknown detection item condition',
    yaml: 'transformations:\n  - type: drop_detection_item\n    detection_item_conditions:\n      - type: include_fields\n',
    diagnostics: [{ code: 'pipeline/unknown-condition', message: 'detection item condition', line: 4, column: 15 }],
  },
  {
    name: 'unknown transformation parameter',
    yaml: 'transformations:\n  - type: field_name_prefix\n    prefix: a\n    prefx: b\n',
    diagnostics: [{ code: 'pipeline/invalid', message: "unknown key 'prefx'", line: 4, column: 5 }],
  },
  {
    name: 'missing parameter at the item',
    yaml: 'transformations:\n  - type: field_name_mapping\n',
    diagnostics: [{ code: 'pipeline/invalid', message: "needs 'mapping'", line: 2, column: 5 }],
  },
  {
    name: 'invalid regex at the value',
    yaml: "transformations:\n  - type: replace_string\n    regex: '(a'\n    replacement: b\n",
    diagnostics: [{ code: 'pipeline/invalid', message: 'not a valid regular expression', line: 3, column: 12 }],
  },
  {
    name: 'file placeholders are rejected with the reason',
    yaml: 'transformations:\n  - type: file_placeholders\n',
    diagnostics: [{ code: 'pipeline/invalid', message: 'never reads external sources', line: 2, column: 11 }],
  },
  {
    name: 'http and command placeholders too',
    yaml: 'transformations:\n  - type: http_placeholders\n  - type: command_placeholders\n',
    diagnostics: [
      { code: 'pipeline/invalid', message: 'never reads external sources', line: 2 },
      { code: 'pipeline/invalid', message: 'never reads external sources', line: 3 },
    ],
  },
  {
    name: 'Jinja2 template postprocessing is not supported',
    yaml: "postprocessing:\n  - type: template\n    template: '{{ query }}'\n",
    diagnostics: [{ code: 'pipeline/invalid', message: 'Jinja2', line: 2, column: 11 }],
  },
  {
    name: 'Jinja2 template finalizer is not supported',
    yaml: 'finalizers:\n  - type: template\n',
    diagnostics: [{ code: 'pipeline/invalid', message: 'Jinja2', line: 2 }],
  },
  {
    name: 'simple_template with a format spec (no code, no specs)',
    yaml: "postprocessing:\n  - type: simple_template\n    template: '{query!r}'\n",
    diagnostics: [{ code: 'pipeline/invalid', message: 'unsupported reference', line: 3, column: 15 }],
  },
  {
    name: 'simple_template with an unknown root name',
    yaml: "postprocessing:\n  - type: simple_template\n    template: '{__import__}'\n",
    diagnostics: [{ code: 'pipeline/invalid', message: 'unknown name', line: 3 }],
  },
  {
    name: 'json postprocessing needs valid JSON',
    yaml: "postprocessing:\n  - type: json\n    json_template: '{\"q\": %QUERY%}'\n",
    diagnostics: [{ code: 'pipeline/invalid', message: 'not valid JSON', line: 3 }],
  },
  {
    name: 'cond_expr with an unknown name',
    yaml: "transformations:\n  - type: drop_detection_item\n    rule_conditions:\n      a:\n        type: is_sigma_rule\n    rule_cond_expr: 'a or b'\n",
    diagnostics: [{ code: 'pipeline/invalid', message: "unknown condition 'b'", line: 6, column: 21 }],
  },
  {
    name: 'cond_expr must use every named condition',
    yaml: "transformations:\n  - type: drop_detection_item\n    rule_conditions:\n      a:\n        type: is_sigma_rule\n      b:\n        type: is_sigma_rule\n    rule_cond_expr: 'a'\n",
    diagnostics: [{ code: 'pipeline/invalid', message: 'does not use the condition(s) b' }],
  },
  {
    name: 'item conditions on a rule-level transformation',
    yaml: 'transformations:\n  - type: set_state\n    key: a\n    val: b\n    field_name_conditions:\n      - type: include_fields\n        fields: [a]\n',
    diagnostics: [{ code: 'pipeline/invalid', message: 'works on the whole rule', line: 5, column: 5 }],
  },
  {
    name: 'include and exclude together',
    yaml: 'transformations:\n  - type: wildcard_placeholders\n    include: [a]\n    exclude: [b]\n',
    diagnostics: [{ code: 'pipeline/invalid', message: 'mutually exclusive', line: 4 }],
  },
  {
    name: 'Jinja2 template vars on transformations',
    yaml: 'transformations:\n  - type: drop_detection_item\n    allow_template_vars: true\n',
    diagnostics: [{ code: 'pipeline/invalid', message: 'Jinja2 template variables are not supported', line: 3, column: 5 }],
  },
  {
    name: 'extract_fields needs a regex',
    yaml: 'transformations:\n  - type: extract_fields\n',
    diagnostics: [{ code: 'pipeline/invalid', message: "needs 'regex'", line: 2 }],
  },
  {
    name: 'extract_fields regex without a named group',
    yaml: 'transformations:\n  - type: extract_fields\n    regex: "(a)=(b)"\n',
    diagnostics: [{ code: 'pipeline/invalid', message: 'no named group', line: 3, column: 12 }],
  },
  {
    name: 'YAML syntax error, located at the unclosed bracket (the parser\'s YAML reader)',
    yaml: 'transformations:\n  - type: [a\n',
    diagnostics: [{ code: 'pipeline/syntax', message: "unclosed '['", line: 2, column: 11 }],
  },
  {
    name: 'forbidden key',
    yaml: '__proto__: 1\n',
    diagnostics: [{ code: 'yaml/forbidden-key', line: 1, column: 1 }],
  },
  {
    name: 'several YAML documents',
    yaml: 'name: a\n---\nname: b\n',
    diagnostics: [{ code: 'pipeline/syntax', message: 'exactly one YAML document', line: 3, column: 1 }],
  },
  {
    name: 'duplicate key',
    yaml: 'name: a\nname: b\n',
    diagnostics: [{ code: 'yaml/duplicate-key', line: 2, column: 1 }],
  },
  {
    name: 'not a mapping',
    yaml: '- a\n',
    diagnostics: [{ code: 'pipeline/invalid', message: 'must be a mapping', line: 1 }],
  },
  {
    name: 'priority must be a number',
    yaml: 'priority: high\n',
    diagnostics: [{ code: 'pipeline/invalid', message: 'priority', line: 1, column: 11 }],
  },
  {
    name: 'set_value force_type num of text',
    yaml: 'transformations:\n  - type: set_value\n    value: abc\n    force_type: num\n',
    diagnostics: [{ code: 'pipeline/invalid', message: 'cannot be forced to a number', line: 3, column: 12 }],
  },
];

describe('parsePipeline diagnostics', () => {
  for (const row of BAD) {
    it(row.name, () => {
      const r = parsePipeline(row.yaml, PIPELINE_FILE);
      expect(r.pipeline).toBeUndefined();
      matchDiagnostics(
        r.diagnostics,
        row.diagnostics.map((d) => ({ file: PIPELINE_FILE, ...d })),
      );
    });
  }
});

describe('parsePipeline', () => {
  it('reads the documented example', () => {
    const yaml = [
      'name: demo',
      'priority: 20',
      'allowed_backends: [splunk]',
      "vars: {Servers: ['srv*', 'dc01']}",
      'transformations:',
      '  - id: map_fields',
      '    type: field_name_mapping',
      '    mapping:',
      '      Image: process.executable',
      '      CommandLine: [process.command_line, process.args]',
      '      ~: message',
      '    rule_conditions:',
      '      - type: logsource',
      '        category: process_creation',
      '        product: windows',
      '  - type: set_state',
      '    key: index',
      '    val: main',
      'postprocessing:',
      "  - type: simple_template",
      "    template: '{pipeline.state[index]}: {query}'",
      'finalizers:',
      '  - type: concat',
      '    separator: "\\n"',
      '',
    ].join('\n');
    const { pipeline, diagnostics } = parsePipeline(yaml, 'demo.yml');
    expect(diagnostics).toEqual([]);
    expect(pipeline).toMatchObject({ name: 'demo', priority: 20, allowedBackends: ['splunk'], vars: { Servers: ['srv*', 'dc01'] } });
    expect(pipeline!.items.map((i) => i.id)).toEqual(['map_fields', 'demo#2']);
    expect(pipeline!.items[0]!.transformation).toEqual({
      type: 'field_name_mapping',
      mapping: { Image: ['process.executable'], CommandLine: ['process.command_line', 'process.args'] },
      keyword: ['message'],
    });
    expect(pipeline!.items[0]!.loc).toMatchObject({ file: 'demo.yml', line: 6, column: 5 });
    expect(pipeline!.items[0]!.ruleConditions.conditions[0]).toMatchObject({ type: 'logsource', category: 'process_creation', product: 'windows' });
    expect(pipeline!.finalizers).toMatchObject([{ type: 'concat', separator: '\n', prefix: '', suffix: '' }]);
  });

  it('names a pipeline after its file when it has no name', () => {
    expect(parsePipeline('transformations: []\n', 'dir/my-pipe.yaml').pipeline?.name).toBe('my-pipe');
  });

  it('accepts an empty pipeline mapping', () => {
    expect(parsePipeline('name: e\n', 'e.yml').pipeline).toMatchObject({ items: [], postprocessing: [], finalizers: [] });
  });

  it('rejects an empty file', () => {
    expect(parsePipeline('', 'e.yml').diagnostics.map((d) => d.code)).toEqual(['pipeline/invalid']);
  });

  it('guards against alias bombs', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const r = parsePipeline(`vars:\n  ${lines.join('\n  ')}\n`, 'bomb.yml');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['yaml/alias-limit']);
  });
});

describe('pipelineFromObject', () => {
  it('reads the same format as data, with synthetic locations', () => {
    const r = pipelineFromObject(
      {
        priority: 50,
        transformations: [{ id: 'm', type: 'field_name_mapping', mapping: { Image: 'FolderPath', '~': 'RawEventData' } }],
      },
      'kql-xdr',
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.pipeline).toMatchObject({ name: 'kql-xdr', priority: 50 });
    // '~' as a string key maps keywords too (JS objects cannot have a null key).
    expect(r.pipeline!.items[0]!.transformation).toEqual({ type: 'field_name_mapping', mapping: { Image: ['FolderPath'] }, keyword: ['RawEventData'] });
    expect(r.pipeline!.loc).toEqual({ file: '<pipeline kql-xdr>', line: 0, column: 0 });
  });

  it('reports problems located at the given file', () => {
    const r = pipelineFromObject({ transformations: [{ type: 'nope' }] }, 'x', 'backend.ts');
    expect(r.diagnostics).toMatchObject([{ code: 'pipeline/unknown-transformation', file: 'backend.ts', line: 0 }]);
  });

  it('rejects non-data', () => {
    expect(pipelineFromObject({ vars: { f: () => 1 } }, 'x').diagnostics).toMatchObject([{ code: 'pipeline/invalid' }]);
  });
});

describe('resolvePipelines', () => {
  it('sorts by priority, stable', () => {
    const mk = (name: string, priority: number) => parsePipeline(`name: ${name}\npriority: ${priority}\n`, 'p.yml').pipeline!;
    expect(resolvePipelines([mk('a', 50), mk('b', 10), mk('c', 50), mk('d', 20)]).map((p) => p.name)).toEqual(['b', 'd', 'a', 'c']);
  });
});
