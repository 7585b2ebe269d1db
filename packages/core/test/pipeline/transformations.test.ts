import { describe, it } from 'vitest';
import { runCase, type Case, PIPELINE_FILE } from './run-case.js';

// One row per behaviour: (pipeline YAML, rule, expected IR rendering or diagnostics).
const CASES: Case[] = [
  // ---- field_name_mapping ----
  {
    name: 'field_name_mapping 1:1 renames',
    pipeline: 'transformations:\n  - type: field_name_mapping\n    mapping:\n      Image: process.executable\n',
    rule: { detection: { sel: { 'Image|endswith': '\\cmd.exe', User: 'x' } }, condition: 'sel' },
    detections: ['sel: process.executable="*\\cmd.exe" and User="x"'],
    applied: ['pipe#1'],
  },
  {
    name: 'field_name_mapping 1:n gives an OR of copies',
    pipeline: 'transformations:\n  - type: field_name_mapping\n    mapping:\n      CommandLine: [process.command_line, process.args]\n',
    rule: { detection: { sel: { 'CommandLine|contains': 'whoami', Image: 'a' } }, condition: 'sel' },
    detections: ['sel: (process.command_line="*whoami*" or process.args="*whoami*") and Image="a"'],
  },
  {
    name: 'field_name_mapping 1:n of a negated item ANDs the negated copies',
    pipeline: 'transformations:\n  - type: field_name_mapping\n    mapping:\n      A: [B, C]\n',
    rule: { detection: { sel: { 'A|neq': 'x' } }, condition: 'sel' },
    detections: ['sel: (!B="x" and !C="x")'],
  },
  {
    name: 'field_name_mapping ~ maps keywords to a field with substring wildcards',
    pipeline: 'transformations:\n  - type: field_name_mapping\n    mapping:\n      ~: message\n',
    rule: { detection: { keywords: ['evil', '*already*', 4624] }, condition: 'keywords' },
    detections: ['keywords: message="*evil*"|"*already*"|"*4624*"'],
  },
  {
    name: 'field_name_mapping rewrites fieldref targets and the fields list (1:n keeps all)',
    pipeline: 'transformations:\n  - type: field_name_mapping\n    mapping:\n      ParentImage: parent.exe\n      Image: [a.exe, b.exe]\n',
    rule: { detection: { sel: { 'CommandLine|fieldref': 'ParentImage' } }, condition: 'sel', fields: ['Image', 'User'] },
    detections: ['sel: CommandLine=@parent.exe'],
    fields: ['a.exe', 'b.exe', 'User'],
  },
  {
    name: 'field_name_mapping 1:n on a fieldref target is an error at the value',
    pipeline: 'transformations:\n  - type: field_name_mapping\n    mapping:\n      Image: [a, b]\n',
    rule: { detection: { sel: { 'CommandLine|fieldref': 'Image' } }, condition: 'sel' },
    diagnostics: [{ code: 'pipeline/invalid', message: 'maps to several fields', file: 'rule.yml' }],
  },
  {
    name: 'field_name_mapping respects include_fields',
    pipeline:
      'transformations:\n  - type: field_name_prefix\n    prefix: "x."\n    field_name_conditions:\n      - type: include_fields\n        fields: [Image]\n',
    rule: { detection: { sel: { Image: 'a', User: 'b' } }, condition: 'sel' },
    detections: ['sel: x.Image="a" and User="b"'],
  },
  {
    name: 'field_name_prefix_mapping replaces the first matching prefix',
    pipeline: 'transformations:\n  - type: field_name_prefix_mapping\n    mapping:\n      Target: dst.\n',
    rule: { detection: { sel: { TargetImage: 'a', Image: 'b' } }, condition: 'sel' },
    detections: ['sel: dst.Image="a" and Image="b"'],
  },
  {
    name: 'field_name_prefix leaves keywords alone',
    pipeline: 'transformations:\n  - type: field_name_prefix\n    prefix: "winlog."\n',
    rule: { detection: { sel: { EventID: 1 }, kw: ['x'] }, condition: 'sel and kw' },
    detections: ['sel: winlog.EventID=1', 'kw: _="x"'],
  },
  {
    name: 'field_name_suffix appends',
    pipeline: 'transformations:\n  - type: field_name_suffix\n    suffix: ".keyword"\n',
    rule: { detection: { sel: { Image: 'a' } }, condition: 'sel', fields: ['Image'] },
    detections: ['sel: Image.keyword="a"'],
    fields: ['Image.keyword'],
  },
  // ---- fields list ----
  {
    name: 'add_field / remove_field / set_field',
    pipeline:
      'transformations:\n  - type: add_field\n    field: [c, a]\n  - type: remove_field\n    field: b\n  - type: set_field\n    fields: [z]\n    rule_conditions:\n      - type: tag\n        tag: attack.none\n',
    rule: { detection: { sel: { a: 1 } }, condition: 'sel', fields: ['a', 'b'] },
    fields: ['a', 'c'],
  },
  {
    name: 'set_field replaces the list',
    pipeline: 'transformations:\n  - type: set_field\n    fields: [x, y]\n',
    rule: { detection: { sel: { a: 1 } }, condition: 'sel', fields: ['a'] },
    fields: ['x', 'y'],
  },
  // ---- drop_detection_item ----
  {
    name: 'drop_detection_item removes matching items only',
    pipeline:
      'transformations:\n  - type: drop_detection_item\n    field_name_conditions:\n      - type: include_fields\n        fields: [EventID]\n',
    rule: { detection: { sel: { EventID: 1, Image: 'a' } }, condition: 'sel' },
    detections: ['sel: Image="a"'],
    conditions: ['sel'],
  },
  {
    name: 'drop_detection_item: an emptied detection vanishes from the condition',
    pipeline:
      'transformations:\n  - type: drop_detection_item\n    field_name_conditions:\n      - type: include_fields\n        fields: [EventID]\n',
    rule: { detection: { sel: { Image: 'a' }, filter: { EventID: 4 }, other: { Image: 'b' } }, condition: ['sel and not filter', '(filter or other) and sel'] },
    detections: ['sel: Image="a"', 'other: Image="b"'],
    conditions: ['sel', 'other and sel'],
  },
  {
    name: 'drop_detection_item: emptied detection leaves selectors with the rest',
    pipeline:
      'transformations:\n  - type: drop_detection_item\n    field_name_conditions:\n      - type: include_fields\n        fields: [EventID]\n',
    rule: { detection: { sel1: { EventID: 1 }, sel2: { Image: 'x' } }, condition: '1 of sel*' },
    detections: ['sel2: Image="x"'],
    conditions: ['1 of sel*'],
  },
  {
    name: 'drop_detection_item: a condition left empty is a rule failure at the pipeline item',
    pipeline: 'transformations:\n  - type: drop_detection_item\n',
    rule: { detection: { sel: { EventID: 1 } }, condition: 'sel' },
    diagnostics: [{ code: 'pipeline/rule-failure', message: 'would match every event', file: PIPELINE_FILE, line: 2, column: 5 }],
  },
  // ---- add_condition ----
  {
    name: 'add_condition with template and a deterministic name',
    pipeline: 'transformations:\n  - id: idx\n    type: add_condition\n    conditions:\n      index: "win-$category"\n      source: [a, b]\n    template: true\n',
    rule: { detection: { sel: { Image: 'a' }, f: { User: 'x' } }, condition: ['sel and not f', 'sel'] },
    detections: ['sel: Image="a"', 'f: User="x"', '_cond_idx: index="win-process_creation" and source="a"|"b"'],
    conditions: ['_cond_idx and (sel and not f)', '_cond_idx and (sel)'],
  },
  {
    name: 'add_condition negated, named, with modifiers',
    pipeline:
      'transformations:\n  - type: add_condition\n    name: scope\n    negated: true\n    conditions:\n      "Image|endswith": \\svc.exe\n      "User|contains|all": [a, b]\n      Port: 443\n',
    rule: { detection: { sel: { Image: 'a' } }, condition: 'sel' },
    detections: ['sel: Image="a"', 'scope: Image="*\\svc.exe" and User="*a*"&"*b*" and Port=443'],
    conditions: ['not scope and (sel)'],
  },
  {
    name: 'add_condition: template without the logsource key warns and keeps the text',
    pipeline: 'transformations:\n  - type: add_condition\n    conditions:\n      index: "$service"\n    template: true\n',
    rule: { detection: { sel: { a: 1 } }, condition: 'sel' },
    detections: ['sel: a=1', '_cond_pipe_1: index="$service"'],
    diagnostics: [{ code: 'pipeline/unknown-variable', severity: 'warning', file: PIPELINE_FILE, line: 2 }],
  },
  // ---- change_logsource ----
  {
    name: 'change_logsource replaces the logsource',
    pipeline: 'transformations:\n  - type: change_logsource\n    product: linux\n    service: auditd\n',
    rule: { detection: { sel: { a: 1 } }, condition: 'sel' },
    logsource: { product: 'linux', service: 'auditd' },
  },
  // ---- replace_string ----
  {
    name: 'replace_string keeps wildcards (pySigma default: regex over the Sigma text)',
    pipeline: 'transformations:\n  - type: replace_string\n    regex: "^\\\\*\\\\\\\\"\n    replacement: "*\\\\\\\\Device\\\\\\\\"\n',
    rule: { detection: { sel: { Image: '*\\cmd.exe' } }, condition: 'sel' },
    detections: ['sel: Image="*\\Device\\cmd.exe"'],
  },
  {
    name: 'replace_string with groups; placeholders stay parts',
    pipeline: 'transformations:\n  - type: replace_string\n    regex: "(\\\\w+)-(\\\\w+)"\n    replacement: "\\\\2_\\\\1"\n',
    rule: { detection: { sel: { 'Host|expand': 'ab-cd%Servers%' } }, condition: 'sel' },
    detections: ['sel: Host="cd_ab%Servers%"'],
  },
  {
    name: 'replace_string skip_special touches literal parts only',
    pipeline: 'transformations:\n  - type: replace_string\n    regex: "a"\n    replacement: "*"\n    skip_special: true\n',
    rule: { detection: { sel: { X: 'a*a' } }, condition: 'sel' },
    detections: ['sel: X="\\**\\*"'],
  },
  {
    name: 'replace_string skip_special + interpret_special makes wildcards',
    pipeline: 'transformations:\n  - type: replace_string\n    regex: "a"\n    replacement: "*"\n    skip_special: true\n    interpret_special: true\n',
    rule: { detection: { sel: { X: 'bab' } }, condition: 'sel' },
    detections: ['sel: X="b*b"'],
  },
  // replace_string default mode keeps every part it did not replace exactly (the KQL backend's report):
  // a literal backslash before a wildcard, inner wildcards, escaped wildcards and placeholders.
  {
    name: 'replace_string: a value ending in a backslash keeps its trailing wildcard',
    pipeline: 'transformations:\n  - type: replace_string\n    regex: "Run"\n    replacement: "RunOnce"\n',
    rule: { detection: { sel: { 'TargetObject|contains': '\\CurrentVersion\\Run\\' } }, condition: 'sel' },
    detections: ['sel: TargetObject="*\\CurrentVersion\\RunOnce\\\\*"'],
  },
  {
    name: 'replace_string: inner wildcards and ? survive around the replaced text',
    pipeline: 'transformations:\n  - type: replace_string\n    regex: "HKLM"\n    replacement: "HKEY_LOCAL_MACHINE"\n',
    rule: { detection: { sel: { 'TargetObject|contains': ['HKLM\\Software\\\\*\\Run\\', 'HKLM?x'] } }, condition: 'sel' },
    detections: ['sel: TargetObject="*HKEY_LOCAL_MACHINE\\Software\\\\*\\Run\\\\*"|"*HKEY_LOCAL_MACHINE?x*"'],
  },
  {
    name: 'replace_string: an escaped (literal) * stays literal',
    pipeline: 'transformations:\n  - type: replace_string\n    regex: "100"\n    replacement: "200"\n',
    rule: { detection: { sel: { X: '100\\*' } }, condition: 'sel' },
    detections: ['sel: X="200\\*"'],
  },
  {
    name: 'replace_string: groups copy exact parts (wildcards inside a group stay wildcards)',
    pipeline: 'transformations:\n  - type: replace_string\n    regex: "^HKCU\\\\\\\\(.*)$"\n    replacement: "HKEY_CURRENT_USER\\\\\\\\\\\\1"\n',
    rule: { detection: { sel: { 'TargetObject|startswith': 'HKCU\\\\*\\Run\\' } }, condition: 'sel' },
    detections: ['sel: TargetObject="HKEY_CURRENT_USER\\\\*\\Run\\\\*"'],
  },
  {
    name: 'replace_string: wildcards written in the replacement are wildcards, \\* is literal',
    pipeline: 'transformations:\n  - type: replace_string\n    regex: "-"\n    replacement: "*\\\\*"\n',
    rule: { detection: { sel: { X: 'a-b' } }, condition: 'sel' },
    detections: ['sel: X="a*\\*b"'],
  },
  {
    name: 'replace_string: placeholders stay parts next to a backslash and a wildcard',
    pipeline: 'transformations:\n  - type: replace_string\n    regex: "System32"\n    replacement: "SysWOW64"\n',
    rule: { detection: { sel: { 'Image|expand|contains': '%dir%\\System32\\' } }, condition: 'sel' },
    detections: ['sel: Image="*%dir%\\SysWOW64\\\\*"'],
  },
  {
    name: 'replace_string: an empty match at the start inserts text before a wildcard',
    pipeline: 'transformations:\n  - type: replace_string\n    regex: "^"\n    replacement: "C:"\n',
    rule: { detection: { sel: { 'Image|endswith': '\\cmd.exe' } }, condition: 'sel' },
    detections: ['sel: Image="C:*\\cmd.exe"'],
  },
  {
    name: 'replace_string: no match leaves the item untouched (not applied to it)',
    pipeline: 'transformations:\n  - type: replace_string\n    regex: "zzz"\n    replacement: "y"\n',
    rule: { detection: { sel: { 'X|contains': 'a\\' } }, condition: 'sel' },
    detections: ['sel: X="*a\\\\*"'],
  },
  // ---- map_string / set_value / convert_type / case ----
  {
    name: 'map_string maps whole values, 1:n adds values',
    pipeline: 'transformations:\n  - type: map_string\n    mapping:\n      low: "1"\n      high: ["3", "4*"]\n',
    rule: { detection: { sel: { Level: ['low', 'high', 'other'] } }, condition: 'sel' },
    detections: ['sel: Level="1"|"3"|"4*"|"other"'],
  },
  {
    name: 'set_value with force_type num',
    pipeline:
      'transformations:\n  - type: set_value\n    value: "5"\n    force_type: num\n    field_name_conditions:\n      - type: include_fields\n        fields: [Level]\n',
    rule: { detection: { sel: { Level: ['a', 'b'], X: 'y' } }, condition: 'sel' },
    detections: ['sel: Level=5 and X="y"'],
  },
  {
    name: 'convert_type num and str',
    pipeline:
      'transformations:\n  - type: convert_type\n    target_type: num\n    field_name_conditions:\n      - type: include_fields\n        fields: [EventID]\n  - type: convert_type\n    target_type: str\n    field_name_conditions:\n      - type: include_fields\n        fields: [Port]\n',
    rule: { detection: { sel: { EventID: '4624', Port: 443 } }, condition: 'sel' },
    detections: ['sel: EventID=4624 and Port="443"'],
  },
  {
    name: 'convert_type num of a non-number is an error at the value',
    pipeline: 'transformations:\n  - type: convert_type\n    target_type: num\n',
    rule: { detection: { sel: { EventID: 'abc' } }, condition: 'sel' },
    diagnostics: [{ code: 'pipeline/invalid', message: "'abc' cannot be converted", file: 'rule.yml' }],
  },
  {
    name: 'case lower / upper / snake_case',
    pipeline:
      'transformations:\n  - type: case\n    method: upper\n    field_name_conditions:\n      - type: include_fields\n        fields: [A]\n  - type: case\n    field_name_conditions:\n      - type: include_fields\n        fields: [B]\n  - type: case\n    method: snake_case\n    field_name_conditions:\n      - type: include_fields\n        fields: [C]\n',
    rule: { detection: { sel: { A: 'abC*', B: 'XyZ', C: 'CamelCase' } }, condition: 'sel' },
    detections: ['sel: A="ABC*" and B="xyz" and C="camel_case"'],
  },
  {
    name: 'regex: ignore_case_brackets (default) keeps whole-value semantics with anchors',
    pipeline: 'transformations:\n  - type: regex\n',
    rule: { detection: { sel: { 'Image|endswith': '\\Cmd.exe', N: 5 } }, condition: 'sel' },
    detections: ['sel: Image=/^.*\\\\[cC][mM][dD]\\.[eE][xX][eE]$/ and N=5'],
  },
  {
    name: 'regex: ignore_case_flag and plain',
    pipeline:
      'transformations:\n  - type: regex\n    method: plain\n    field_name_conditions:\n      - type: include_fields\n        fields: [A]\n  - type: regex\n    method: ignore_case_flag\n    field_name_conditions:\n      - type: include_fields\n        fields: [B]\n',
    rule: { detection: { sel: { A: 'a?b', B: 'x' } }, condition: 'sel' },
    detections: ['sel: A=/^a.b$/ and B=/^x$/'],
  },
  // ---- extract_fields ----
  {
    name: 'extract_fields: named groups become prefixed fields, AND-ed within a value',
    pipeline: 'transformations:\n  - type: extract_fields\n    regex: "SHA256=(?P<SHA256>[^,]+),MD5=(?P<MD5>.+)"\n    field_prefix: "Hash."\n',
    rule: { detection: { sel: { Hashes: 'SHA256=abc,MD5=def', Image: 'x' } }, condition: 'sel' },
    detections: ['sel: (Hash.SHA256="abc" and Hash.MD5="def") and Image="x"'],
    applied: ['pipe#1'],
  },
  {
    name: 'extract_fields: values stay alternatives; preserve_unmatched keeps the others on the field',
    pipeline: 'transformations:\n  - type: extract_fields\n    regex: "u=(?P<user>[^;]*);d=(?P<domain>.*)"\n    preserve_unmatched: true\n',
    rule: { detection: { sel: { Account: ['u=a;d=b', 'u=c;d=e', 'plain'] } }, condition: 'sel' },
    detections: ['sel: ((user="a" and domain="b") or (user="c" and domain="e") or Account="plain")'],
  },
  {
    name: 'extract_fields: without preserve_unmatched an unmatched value is dropped with a located warning',
    pipeline: 'transformations:\n  - type: extract_fields\n    regex: "u=(?P<user>[^;]*);d=(?P<domain>.*)"\n',
    rule: { detection: { sel: { Account: ['u=a;d=b', 'plain'] } }, condition: 'sel' },
    detections: ['sel: (user="a" and domain="b")'],
    diagnostics: [{ code: 'pipeline/detection-item-failure', message: 'was dropped', file: 'rule.yml', severity: 'warning' }],
  },
  {
    name: 'extract_fields: an item with no matching value is left alone',
    pipeline: 'transformations:\n  - type: extract_fields\n    regex: "u=(?P<user>[^;]*);d=(?P<domain>.*)"\n',
    rule: { detection: { sel: { Account: 'plain' }, other: { X: 'u=a;d=b' } }, condition: 'sel and other' },
    detections: ['sel: Account="plain"', 'other: (user="a" and domain="b")'],
    conditions: ['sel and other'],
  },
  {
    name: 'extract_fields: a negated item is rewritten by De Morgan',
    pipeline: 'transformations:\n  - type: extract_fields\n    regex: "u=(?P<user>[^;]*);d=(?P<domain>.*)"\n',
    rule: { detection: { sel: { 'Account|neq': ['u=a;d=b', 'u=c;d=e'] } }, condition: 'sel' },
    detections: ['sel: ((!user="a" or !domain="b") and (!user="c" or !domain="e"))'],
  },
  {
    name: 'extract_fields: |all values are AND-ed',
    pipeline: 'transformations:\n  - type: extract_fields\n    regex: "u=(?P<user>[^;]*);d=(?P<domain>.*)"\n',
    rule: { detection: { sel: { 'Account|all': ['u=a;d=b', 'u=c;d=e'] } }, condition: 'sel' },
    detections: ['sel: ((user="a" and domain="b") and (user="c" and domain="e"))'],
  },
  {
    name: 'extract_fields: the regex sees wildcards as * and groups keep them as wildcards; the match is whole-value',
    pipeline: 'transformations:\n  - type: extract_fields\n    regex: "\\\\*?u=(?P<user>[^;]*);d=(?P<domain>.*)"\n',
    rule: { detection: { sel: { 'Account|contains': 'u=a?;d=b', Other: 'xu=a;d=b' } }, condition: 'sel' },
    detections: ['sel: (user="a?" and domain="b*") and Other="xu=a;d=b"'],
  },
  {
    name: 'extract_fields: an optional group that did not take part gives no field; field_name_conditions select the field',
    pipeline: 'transformations:\n  - type: extract_fields\n    regex: "u=(?P<user>[^;]*)(;d=(?P<domain>.*))?"\n    field_name_conditions:\n      - type: include_fields\n        fields: [Account]\n',
    rule: { detection: { sel: { Account: 'u=a', Other: 'u=b' } }, condition: 'sel' },
    detections: ['sel: user="a" and Other="u=b"'],
  },
  // ---- hashes_fields ----
  {
    name: 'hashes_fields splits Sysmon Hashes by algorithm prefix and length',
    pipeline: 'transformations:\n  - type: hashes_fields\n    valid_hash_algos: [MD5, SHA256, IMPHASH]\n    field_prefix: File\n',
    rule: {
      detection: { sel: { 'Hashes|contains': ['IMPHASH=AB12', 'SHA256=cafe', 'd41d8cd98f00b204e9800998ecf8427e', 'SHA1=zz'] } },
      condition: 'sel',
    },
    // Partial hashes under |contains stay prefixes; a full-length hash is exact.
    detections: ['sel: (FileIMPHASH="AB12*" or FileSHA256="cafe*" or FileMD5="d41d8cd98f00b204e9800998ecf8427e")'],
  },
  {
    name: 'hashes_fields: an exact partial hash (no |contains) stays exact',
    pipeline: 'transformations:\n  - type: hashes_fields\n    valid_hash_algos: [SHA256]\n    field_prefix: File\n',
    rule: { detection: { sel: { Hashes: 'SHA256=cafe' } }, condition: 'sel' },
    detections: ['sel: FileSHA256="cafe"'],
  },
  {
    name: 'hashes_fields drop_algo_prefix',
    pipeline: 'transformations:\n  - type: hashes_fields\n    valid_hash_algos: [SHA256]\n    field_prefix: Hash\n    drop_algo_prefix: true\n',
    rule: { detection: { sel: { Hashes: 'SHA256=abc' } }, condition: 'sel' },
    detections: ['sel: Hash="abc"'],
  },
  {
    name: 'hashes_fields with no valid hash is a located item failure',
    pipeline: 'transformations:\n  - type: hashes_fields\n    valid_hash_algos: [SHA256]\n',
    rule: { detection: { sel: { Hashes: 'MD5=abc' } }, condition: 'sel' },
    diagnostics: [{ code: 'pipeline/detection-item-failure', message: 'no valid hash in Hashes', file: 'rule.yml' }],
  },
  // ---- placeholders ----
  {
    name: 'value_placeholders: each value a Sigma string, several values OR-ed',
    pipeline: "vars:\n  Servers: ['srv*', 'dc01']\ntransformations:\n  - type: value_placeholders\n",
    rule: { detection: { sel: { 'Host|expand': '%Servers%' } }, condition: 'sel' },
    detections: ['sel: Host=["srv*", "dc01"]'],
  },
  {
    name: 'value_placeholders: several placeholders multiply',
    pipeline: 'vars:\n  a: [x, y]\n  b: 1\ntransformations:\n  - type: value_placeholders\n',
    rule: { detection: { sel: { 'P|expand': '%a%-%b%' } }, condition: 'sel' },
    detections: ['sel: P=["x-1", "y-1"]'],
  },
  {
    name: 'value_placeholders in a regex',
    pipeline: 'vars:\n  a: [x.y, "z*"]\ntransformations:\n  - type: value_placeholders\n',
    rule: { detection: { sel: { 'P|re|expand': '^%a%$' } }, condition: 'sel' },
    detections: ['sel: P=/^(?:x\\.y|z.*)$/'],
  },
  {
    name: 'value_placeholders include list and unknown variable',
    pipeline: 'vars:\n  a: x\ntransformations:\n  - type: value_placeholders\n    include: [a, missing]\n',
    rule: { detection: { sel: { 'P|expand': ['%a%', '%missing%', '%other%'] } }, condition: 'sel' },
    detections: ['sel: P="x"|"%missing%"|"%other%"'],
    diagnostics: [{ code: 'pipeline/unknown-variable', message: "define 'missing'", file: 'rule.yml' }],
  },
  {
    name: 'value_placeholders: a variable must be a value or a non-empty list',
    pipeline: 'vars:\n  e: []\n  m: {a: b}\ntransformations:\n  - type: value_placeholders\n',
    rule: { detection: { sel: { 'P|expand': ['%e%', '%m%'] } }, condition: 'sel' },
    diagnostics: [
      { code: 'pipeline/unknown-variable', message: "variable 'e' is an empty list" },
      { code: 'pipeline/unknown-variable', message: "variable 'm' must be a string" },
    ],
  },
  {
    name: 'backend vars are visible to placeholders',
    pipeline: 'transformations:\n  - type: value_placeholders\n',
    rule: { detection: { sel: { 'P|expand': '%backend%' } }, condition: 'sel' },
    detections: ['sel: P="test"'],
  },
  {
    name: 'wildcard_placeholders with exclude',
    pipeline: 'transformations:\n  - type: wildcard_placeholders\n    exclude: [keep]\n',
    rule: { detection: { sel: { 'P|expand': ['a%x%b', '%keep%'] } }, condition: 'sel' },
    detections: ['sel: P="a*b"|"%keep%"'],
  },
  {
    name: 'query_expression_placeholders',
    pipeline: 'transformations:\n  - type: query_expression_placeholders\n    expression: "[| inputlookup {id} ]"\n    mapping:\n      Servers: servers_lookup\n',
    rule: { detection: { sel: { 'Host|expand': ['%Servers%', '%Other%'] } }, condition: 'sel' },
    detections: ['sel: Host={[| inputlookup {id} ]|servers_lookup}|{[| inputlookup {id} ]|Other}'],
  },
  {
    name: 'query_expression_placeholders mixed with text is an error',
    pipeline: 'transformations:\n  - type: query_expression_placeholders\n    expression: "{field} in ({id})"\n',
    rule: { detection: { sel: { 'Host|expand': 'pre%Servers%' } }, condition: 'sel' },
    diagnostics: [{ code: 'pipeline/placeholder-unresolved', message: 'only the placeholder' }],
  },
  // ---- state, attributes, failures ----
  {
    name: 'set_state and set_custom_attribute',
    pipeline: 'transformations:\n  - type: set_state\n    key: index\n    val: main\n  - type: set_custom_attribute\n    attribute: splunk_index\n    value: [a, b]\n',
    rule: { detection: { sel: { a: 1 } }, condition: 'sel' },
    state: { index: 'main' },
    custom: { splunk_index: ['a', 'b'] },
  },
  {
    name: 'rule_failure is located at the rule',
    pipeline: 'transformations:\n  - type: rule_failure\n    message: "no such table"\n    rule_conditions:\n      - type: logsource\n        product: windows\n',
    rule: { detection: { sel: { a: 1 } }, condition: 'sel' },
    diagnostics: [{ code: 'pipeline/rule-failure', message: 'no such table', file: 'rule.yml', line: 1, column: 1 }],
  },
  {
    name: 'detection_item_failure is located at each matching item',
    pipeline:
      'transformations:\n  - type: detection_item_failure\n    message: "Computer is not supported"\n    field_name_conditions:\n      - type: include_fields\n        fields: [Computer]\n',
    rule: { detection: { sel: { Computer: 'x', Image: 'y' } }, condition: 'sel' },
    diagnostics: [{ code: 'pipeline/detection-item-failure', message: 'Computer is not supported', file: 'rule.yml' }],
  },
  {
    name: 'strict_field_mapping_failure names unmapped fields with a custom message',
    pipeline:
      'transformations:\n  - type: set_state\n    key: table\n    val: DeviceProcessEvents\n  - id: map\n    type: field_name_mapping\n    mapping:\n      Image: FolderPath\n  - type: strict_field_mapping_failure\n    message: "field {field} has no mapping for table {state[table]}"\n',
    rule: { detection: { sel: { Image: 'a', CurrentDirectory: 'b' } }, condition: 'sel' },
    diagnostics: [{ code: 'pipeline/unmapped-field', message: 'field CurrentDirectory has no mapping for table DeviceProcessEvents', file: 'rule.yml' }],
  },
  {
    name: 'strict_field_mapping_failure default message',
    pipeline: 'transformations:\n  - type: strict_field_mapping_failure\n',
    rule: { detection: { sel: { X: 'a' }, kw: ['k'] }, condition: 'sel or kw' },
    diagnostics: [{ code: 'pipeline/unmapped-field', message: 'field X has no mapping' }],
  },
  // ---- nest ----
  {
    name: 'nest runs items under the enclosing conditions',
    pipeline:
      'transformations:\n  - id: outer\n    type: nest\n    rule_conditions:\n      - type: logsource\n        category: process_creation\n    items:\n      - id: inner\n        type: field_name_prefix\n        prefix: "p."\n      - type: set_state\n        key: k\n        val: 1\n',
    rule: { detection: { sel: { a: 1 } }, condition: 'sel' },
    detections: ['sel: p.a=1'],
    state: { k: 1 },
    applied: ['outer', 'inner', 'outer.2'],
  },
  {
    name: 'nest does nothing when the enclosing rule condition fails',
    pipeline:
      'transformations:\n  - type: nest\n    rule_conditions:\n      - type: logsource\n        product: linux\n    items:\n      - type: field_name_prefix\n        prefix: "p."\n',
    rule: { detection: { sel: { a: 1 } }, condition: 'sel' },
    detections: ['sel: a=1'],
    applied: [],
  },
];

describe('pipeline transformations', () => {
  for (const c of CASES) it(c.name, () => void runCase(c));
});
