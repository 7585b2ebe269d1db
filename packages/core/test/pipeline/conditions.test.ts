import { describe, it } from 'vitest';
import type { RuleSpec } from './helpers.js';
import { runCase, type Case } from './run-case.js';

// Every condition is tested through a marker transformation: the state key `hit` is set only when it holds.
const ruleLevel = (conds: string, extra = ''): string =>
  `transformations:\n  - id: mark\n    type: set_state\n    key: hit\n    val: yes\n    rule_conditions:\n${conds}${extra}`;

const base: RuleSpec = {
  title: 'Cmd',
  id: '11111111-2222-3333-4444-555555555555',
  logsource: { category: 'process_creation', product: 'windows' },
  detection: { sel: { Image: '*\\cmd.exe', EventID: 1 } },
  condition: 'sel',
  tags: ['attack.execution', 'attack.t1059'],
  level: 'high',
  status: 'test',
  date: '2024-03-01',
  custom: { team: 'blue' },
};

interface RuleCondRow {
  name: string;
  conds: string;
  extra?: string;
  hit: boolean;
  rule?: Partial<RuleSpec>;
}

const RULE_CONDS: RuleCondRow[] = [
  { name: 'logsource containment (subset of keys)', conds: '      - type: logsource\n        category: process_creation\n', hit: true },
  // Exact compare, as the Sigma spec, pySigma and the parser's filter containment (logsourceContains).
  { name: 'logsource compares exactly (case-sensitive)', conds: '      - type: logsource\n        product: Windows\n', hit: false },
  { name: 'logsource mismatch', conds: '      - type: logsource\n        category: process_creation\n        service: sysmon\n', hit: false },
  { name: 'contains_detection_item', conds: '      - type: contains_detection_item\n        field: EventID\n        value: 1\n', hit: true },
  { name: 'contains_detection_item string with wildcard text', conds: "      - type: contains_detection_item\n        field: Image\n        value: '*\\cmd.exe'\n", hit: true },
  { name: 'contains_detection_item other value', conds: '      - type: contains_detection_item\n        field: EventID\n        value: 2\n', hit: false },
  { name: 'contains_field', conds: '      - type: contains_field\n        field: Image\n', hit: true },
  { name: 'contains_field absent', conds: '      - type: contains_field\n        field: User\n', hit: false },
  { name: 'processing_state eq', conds: '      - type: processing_state\n        key: k\n        val: v\n', hit: false },
  { name: 'is_sigma_rule', conds: '      - type: is_sigma_rule\n', hit: true },
  { name: 'is_sigma_correlation_rule', conds: '      - type: is_sigma_correlation_rule\n', hit: false },
  { name: 'rule_attribute level gte (ordered)', conds: '      - type: rule_attribute\n        attribute: level\n        value: medium\n        op: gte\n', hit: true },
  { name: 'rule_attribute level gt critical', conds: '      - type: rule_attribute\n        attribute: level\n        value: critical\n        op: gte\n', hit: false },
  { name: 'rule_attribute status lt stable', conds: '      - type: rule_attribute\n        attribute: status\n        value: stable\n        op: lt\n', hit: true },
  { name: 'rule_attribute date gt', conds: "      - type: rule_attribute\n        attribute: date\n        value: '2024-01-01'\n        op: gt\n", hit: true },
  { name: 'rule_attribute in', conds: '      - type: rule_attribute\n        attribute: level\n        value: [high, critical]\n        op: in\n', hit: true },
  { name: 'rule_attribute not_in', conds: '      - type: rule_attribute\n        attribute: level\n        value: [high]\n        op: not_in\n', hit: false },
  { name: 'rule_attribute custom', conds: '      - type: rule_attribute\n        attribute: team\n        value: blue\n', hit: true },
  { name: 'tag full', conds: '      - type: tag\n        tag: attack.T1059\n', hit: true },
  { name: 'tag namespace only', conds: '      - type: tag\n        tag: attack\n', hit: true },
  { name: 'tag absent', conds: '      - type: tag\n        tag: attack.t1003\n', hit: false },
  {
    name: 'rule_cond_op or',
    conds: '      - type: tag\n        tag: nope\n      - type: is_sigma_rule\n',
    extra: '    rule_cond_op: or\n',
    hit: true,
  },
  { name: 'default and', conds: '      - type: tag\n        tag: nope\n      - type: is_sigma_rule\n', hit: false },
  { name: 'rule_cond_not', conds: '      - type: tag\n        tag: nope\n', extra: '    rule_cond_not: true\n', hit: true },
  {
    name: 'rule_cond_expr with named conditions',
    conds: '      a:\n        type: tag\n        tag: nope\n      b:\n        type: is_sigma_rule\n      c:\n        type: contains_field\n        field: Image\n',
    extra: "    rule_cond_expr: 'not a and (b or c)'\n",
    hit: true,
  },
];

function ruleCondCase(r: RuleCondRow): Case {
  return {
    name: `rule condition: ${r.name}`,
    pipeline: ruleLevel(r.conds, r.extra ?? ''),
    rule: { ...base, ...r.rule },
    state: r.hit ? { hit: 'yes' } : {},
    applied: r.hit ? ['mark'] : [],
  };
}

const prefixWith = (conds: string, level = 'detection_item', extra = ''): string =>
  `transformations:\n  - id: pre\n    type: field_name_prefix\n    prefix: "x."\n    ${level}_conditions:\n${conds}${extra}`;

interface ItemRow {
  name: string;
  pipeline: string;
  rule: RuleSpec;
  detections: string[];
}

const ITEM_CONDS: ItemRow[] = [
  {
    name: 'match_string any (re.match: anchored at the start)',
    pipeline: prefixWith("      - type: match_string\n        pattern: 'cmd'\n"),
    rule: { detection: { sel: { A: ['cmd.exe', 'x'], B: 'xcmd' } }, condition: 'sel' },
    detections: ['sel: x.A="cmd.exe"|"x" and B="xcmd"'],
  },
  {
    name: 'match_string all + negate',
    pipeline: prefixWith("      - type: match_string\n        pattern: 'a'\n        cond: all\n        negate: true\n"),
    rule: { detection: { sel: { A: ['b', 'c'], B: ['b', 'a'] } }, condition: 'sel' },
    detections: ['sel: x.A="b"|"c" and B="b"|"a"'],
  },
  {
    name: 'match_value',
    pipeline: prefixWith('      - type: match_value\n        value: 4\n'),
    rule: { detection: { sel: { A: 4, B: 5 } }, condition: 'sel' },
    detections: ['sel: x.A=4 and B=5'],
  },
  {
    name: 'contains_wildcard',
    pipeline: prefixWith('      - type: contains_wildcard\n'),
    rule: { detection: { sel: { A: 'a*', B: 'b' } }, condition: 'sel' },
    detections: ['sel: x.A="a*" and B="b"'],
  },
  {
    name: 'is_null',
    pipeline: prefixWith('      - type: is_null\n'),
    rule: { detection: { sel: { A: null, B: 'b' } }, condition: 'sel' },
    detections: ['sel: x.A=null and B="b"'],
  },
  {
    name: 'value conditions: cond all vs any',
    pipeline:
      prefixWith('      - type: contains_wildcard\n        cond: all\n') +
      '  - type: field_name_suffix\n    suffix: ".n"\n    detection_item_conditions:\n      - type: is_null\n        cond: any\n  - type: field_name_suffix\n    suffix: ".v"\n    detection_item_conditions:\n      - type: match_value\n        value: 2\n        cond: all\n',
    rule: { detection: { sel: { A: ['a*', 'b*'], B: ['b*', 'c'], C: [null, 'c'], D: [2, 2], E: [2, 3] } }, condition: 'sel' },
    detections: ['sel: x.A="a*"|"b*" and B="b*"|"c" and C.n=null|"c" and D.v=2|2 and E=2|3'],
  },
  {
    name: 'detection item processing_item_applied',
    pipeline:
      'transformations:\n  - id: m\n    type: field_name_mapping\n    mapping:\n      A: AA\n  - type: field_name_suffix\n    suffix: ".s"\n    detection_item_conditions:\n      - type: processing_item_applied\n        processing_item_id: m\n',
    rule: { detection: { sel: { A: 1, B: 2 } }, condition: 'sel' },
    detections: ['sel: AA.s=1 and B=2'],
  },
  {
    name: 'detection item processing_state',
    pipeline:
      'transformations:\n  - type: set_state\n    key: n\n    val: 3\n' +
      prefixWith('      - type: processing_state\n        key: n\n        val: 2\n        op: gt\n').replace('transformations:\n', ''),
    rule: { detection: { sel: { A: 1 } }, condition: 'sel' },
    detections: ['sel: x.A=1'],
  },
  {
    name: 'detection_item_cond_op or / _not',
    pipeline: prefixWith('      - type: is_null\n      - type: contains_wildcard\n', 'detection_item', '    detection_item_cond_op: or\n    detection_item_cond_not: true\n'),
    rule: { detection: { sel: { A: null, B: 'b*', C: 'c' } }, condition: 'sel' },
    detections: ['sel: A=null and B="b*" and x.C="c"'],
  },
  {
    name: 'detection_item_cond_expr',
    pipeline: prefixWith(
      "      w:\n        type: contains_wildcard\n      s:\n        type: match_string\n        pattern: 'b'\n",
      'detection_item',
      "    detection_item_cond_expr: 'w and not s'\n",
    ),
    rule: { detection: { sel: { A: 'a*', B: 'b*' } }, condition: 'sel' },
    detections: ['sel: x.A="a*" and B="b*"'],
  },
  // field name conditions
  {
    name: 'include_fields re mode',
    pipeline: prefixWith("      - type: include_fields\n        mode: re\n        fields: ['Parent.*']\n", 'field_name'),
    rule: { detection: { sel: { ParentImage: 1, Image: 2 } }, condition: 'sel' },
    detections: ['sel: x.ParentImage=1 and Image=2'],
  },
  {
    name: 'exclude_fields plain (keywords count as excluded-from-list)',
    pipeline: prefixWith('      - type: exclude_fields\n        fields: [Image]\n', 'field_name'),
    rule: { detection: { sel: { ParentImage: 1, Image: 2 }, kw: ['k'] }, condition: 'sel or kw' },
    detections: ['sel: x.ParentImage=1 and Image=2', 'kw: _="k"'],
  },
  {
    name: 'field name processing_item_applied',
    pipeline:
      'transformations:\n  - id: m\n    type: field_name_mapping\n    mapping:\n      A: AA\n  - type: replace_string\n    regex: a\n    replacement: b\n    field_name_conditions:\n      - type: processing_item_applied\n        processing_item_id: m\n      - type: processing_state\n        key: none\n        val: x\n        op: ne\n',
    rule: { detection: { sel: { A: 'aa', B: 'aa' } }, condition: 'sel' },
    detections: ['sel: AA="bb" and B="aa"'],
  },
  {
    name: 'field_name_cond_not',
    pipeline: prefixWith('      - type: include_fields\n        fields: [A]\n', 'field_name', '    field_name_cond_not: true\n'),
    rule: { detection: { sel: { A: 1, B: 2 } }, condition: 'sel' },
    detections: ['sel: A=1 and x.B=2'],
  },
  {
    name: 'item and field conditions are AND-ed',
    pipeline:
      'transformations:\n  - type: field_name_prefix\n    prefix: "x."\n    detection_item_conditions:\n      - type: contains_wildcard\n    field_name_conditions:\n      - type: include_fields\n        fields: [A, B]\n',
    rule: { detection: { sel: { A: 'a*', B: 'b', C: 'c*' } }, condition: 'sel' },
    detections: ['sel: x.A="a*" and B="b" and C="c*"'],
  },
];

describe('pipeline rule conditions', () => {
  for (const r of RULE_CONDS) it(r.name, () => void runCase(ruleCondCase(r)));
  it('processing_item_applied (rule) sees earlier items only', () =>
    void runCase({
      name: 'applied',
      pipeline:
        'transformations:\n  - id: first\n    type: field_name_prefix\n    prefix: "p."\n    rule_conditions:\n      - type: processing_item_applied\n        processing_item_id: second\n  - id: second\n    type: set_state\n    key: a\n    val: 1\n  - id: third\n    type: set_state\n    key: b\n    val: 2\n    rule_conditions:\n      - type: processing_item_applied\n        processing_item_id: second\n',
      rule: base,
      detections: ['sel: Image="*\\cmd.exe" and EventID=1'],
      state: { a: 1, b: 2 },
      applied: ['second', 'third'],
    }));
});

describe('pipeline rule-level tracking (pySigma semantics)', () => {
  it('an item counts as applied once its rule conditions hold, even when it changes nothing', () =>
    void runCase({
      name: 'applied-no-change',
      pipeline:
        'transformations:\n  - id: map\n    type: field_name_mapping\n    mapping:\n      Nope: x\n    rule_conditions:\n      - type: logsource\n        product: windows\n  - type: rule_failure\n    message: unsupported logsource\n    rule_conditions:\n      - type: processing_item_applied\n        processing_item_id: map\n    rule_cond_not: true\n',
      rule: base,
      applied: ['map'],
    }));
  it('_cond_not without conditions does not disable the item', () =>
    void runCase({
      name: 'not-empty',
      pipeline: 'transformations:\n  - id: s\n    type: set_state\n    key: a\n    val: 1\n    rule_cond_not: true\n',
      rule: base,
      state: { a: 1 },
    }));
});

describe('pipeline detection item and field name conditions', () => {
  for (const r of ITEM_CONDS) it(r.name, () => void runCase({ ...r }));
});
