import { loadCollection, type BackendOptionValue } from '@sigmats/core';
import { sumo } from '@sigmats/backend-sumo';
import { describe, expect, test } from 'vitest';
import { compileSumo, type TimedSumoMessage } from '../src/sumo/index.js';
import { msg } from './sumo-helpers.js';

/**
 * The shapes the `sumo` backend emits, run by the interpreter on messages whose expected verdicts follow Sigma's
 * semantics (case-insensitive strings, contains/startswith/endswith, wildcards, |re, |cidr, null, keywords as
 * substrings). The backend is only used to produce the query text; the interpreter shares no code with it. A fixed
 * scope keeps the rows independent of the log source scopes, which change with the platform data.
 */

function convert(detection: string, options: Record<string, BackendOptionValue>, extra = ''): string {
  const yaml = [
    'title: Emitted shape',
    'id: 11111111-2222-3333-4444-555555555555',
    'status: test',
    'level: medium',
    'logsource:',
    '    product: test',
    'detection:',
    ...detection.trim().split('\n').map((l) => `    ${l}`),
    extra,
  ].join('\n');
  const result = sumo.convert(loadCollection([{ text: yaml, file: 'rule.yml' }]), { options });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => d.message).join('; '));
  return result.rules[0]!.queries[0]!;
}

interface Row {
  readonly name: string;
  readonly detection: string;
  /** Events (top-level keys) and whether the rule matches each. */
  readonly events: readonly (readonly [Record<string, unknown>, boolean])[];
}

const rows: readonly Row[] = [
  {
    name: 'equality is case-insensitive',
    detection: 'sel:\n    Image: C:\\Windows\\System32\\cmd.exe\ncondition: sel',
    events: [
      [{ Image: 'c:\\windows\\system32\\CMD.EXE' }, true],
      [{ Image: 'C:\\Windows\\System32\\cmd.exe.bak' }, false],
      [{ Other: 'x' }, false],
    ],
  },
  {
    name: 'contains / startswith / endswith',
    detection: 'a:\n    CommandLine|contains: -EncodedCommand\nb:\n    Image|endswith: \\powershell.exe\nc:\n    ParentImage|startswith: C:\\Program Files\ncondition: a and b and not c',
    events: [
      [{ CommandLine: 'powershell -encodedcommand AAA', Image: 'C:\\x\\PowerShell.exe', ParentImage: 'C:\\Windows\\explorer.exe' }, true],
      [{ CommandLine: 'powershell -encodedcommand AAA', Image: 'C:\\x\\PowerShell.exe', ParentImage: 'c:\\program files\\x.exe' }, false],
      [{ CommandLine: 'powershell -encodedcommand AAA', Image: 'C:\\x\\PowerShell.exe' }, true],
      [{ CommandLine: 'powershell', Image: 'C:\\x\\PowerShell.exe' }, false],
    ],
  },
  {
    name: 'inner wildcards, ? and special characters',
    detection: "sel:\n    CommandLine:\n        - '*reg* add *\\\\Run*'\n        - 'a?c \"quoted\"'\ncondition: sel",
    events: [
      [{ CommandLine: 'REG.exe ADD HKCU\\Software\\Run /v x' }, true],
      [{ CommandLine: 'abc "quoted"' }, true],
      [{ CommandLine: 'ac "quoted"' }, false],
      [{ CommandLine: 'reg query HKCU' }, false],
    ],
  },
  {
    name: 'lists fold into in (...) and regex alternations',
    detection: 'sel:\n    EventType:\n        - CreateKey\n        - SetValue\n        - DeleteKey\ncondition: sel',
    events: [
      [{ EventType: 'setvalue' }, true],
      [{ EventType: 'RenameKey' }, false],
    ],
  },
  {
    name: '|cased and |re',
    detection: "a:\n    User|cased: SYSTEM\nb:\n    CommandLine|re: '\\s-[eE][nN][cC]\\s'\ncondition: a and b",
    events: [
      [{ User: 'SYSTEM', CommandLine: 'x -enc y' }, true],
      [{ User: 'system', CommandLine: 'x -enc y' }, false],
      [{ User: 'SYSTEM', CommandLine: 'x-enc y' }, false],
    ],
  },
  {
    name: '|cidr (IPv4 and IPv6), numbers, null and exists',
    detection: "a:\n    DestinationIp|cidr:\n        - 10.0.0.0/8\n        - 'fe80::/10'\nb:\n    DestinationPort: 445\nc:\n    Note: null\nd:\n    Tag|exists: true\ncondition: a and b and c and d",
    events: [
      [{ DestinationIp: '10.1.2.3', DestinationPort: 445, Tag: 'x' }, true],
      [{ DestinationIp: 'FE80::1', DestinationPort: '445', Tag: 'x' }, true],
      [{ DestinationIp: '11.1.2.3', DestinationPort: 445, Tag: 'x' }, false],
      [{ DestinationIp: '10.1.2.3', DestinationPort: 4450, Tag: 'x' }, false],
      [{ DestinationIp: '10.1.2.3', DestinationPort: 445 }, false],
      [{ DestinationIp: '10.1.2.3', DestinationPort: 445, Tag: 'x', Note: 'n' }, false],
    ],
  },
  {
    name: 'numeric comparisons',
    detection: 'sel:\n    Count|gte: 10\ncondition: sel',
    events: [
      [{ Count: 12 }, true],
      [{ Count: '9' }, false],
      [{}, false],
    ],
  },
];

function message(event: Record<string, unknown>, mode: 'json' | 'fer'): TimedSumoMessage {
  if (mode === 'json') return msg(JSON.stringify(event), { _sourceCategory: 'test' });
  const fields = Object.fromEntries(Object.entries(event).map(([k, v]) => [k, String(v)]));
  return msg(Object.entries(fields).map(([k, v]) => `${k}=${v}`).join(' '), { _sourceCategory: 'test', fields });
}

describe.each(['json', 'fer'] as const)('emitted log search, %s extraction', (mode) => {
  test.each(rows)('$name', ({ detection, events }) => {
    const query = convert(detection, { scope: '_sourceCategory=test', extraction: mode });
    for (const regexMatch of ['anywhere', 'whole'] as const) {
      const compiled = compileSumo(query, { regexMatch });
      for (const [event, expected] of events) {
        expect({ query, event, regexMatch, hit: compiled.run([message(event, mode)]).length === 1 }).toEqual({ query, event, regexMatch, hit: expected });
      }
    }
  });
});

describe('keywords: scope terms and where substrings', () => {
  test.each([
    // Keyword rules: Sigma matches substrings; Sumo scope keywords match terms. A keyword whose text is a whole term
    // sequence in the message matches either way.
    ['keywords:\n    - SuspiciousOperation\ncondition: keywords', 'django.security.SuspiciousOperation: bad host', true],
    ['keywords:\n    - SuspiciousOperation\ncondition: keywords', 'all fine', false],
    ["keywords:\n    - 'select *'\ncondition: keywords", 'SELECT * FROM users', true],
    // Sigma's `*` is a wildcard too.
    ["keywords:\n    - 'select *'\ncondition: keywords", 'select id from users', true],
    ["keywords:\n    - 'select *'\ncondition: keywords", 'selected', false],
    ["keywords:\n    - '*mimi*'\ncondition: keywords", 'run MIMIKATZ.exe', true],
  ] as const)('%s on %s', (detection, raw, expected) => {
    const query = convert(detection, { scope: '_sourceCategory=test' });
    expect({ query, hit: compileSumo(query).run([msg(raw, { _sourceCategory: 'test' })]).length === 1 }).toEqual({ query, hit: expected });
  });

  test('a keyword that cannot be a scope term stays in where, as a substring test on _raw', () => {
    const query = convert("kw:\n    - 'a\\b'\ncondition: kw", { scope: '_sourceCategory=test' });
    expect(query).toContain('_raw matches');
    // The query assumes JSON messages (no documented collection for `product: test`), where a backslash in a value is
    // stored as `\\` in the raw text; the message is therefore the JSON encoding of the value.
    const hit = (value: string): number => compileSumo(query).run([msg(JSON.stringify({ Message: value }), { _sourceCategory: 'test' })]).length;
    expect(query).toContain('assumes: JSON messages');
    expect(hit('path XA\\By end')).toBe(1);
    expect(hit('path ab end')).toBe(0);
    expect(hit('path a/b end')).toBe(0);
  });
});

describe('correlation shapes', () => {
  const base = (name: string, value: string): string => `title: ${name}
id: 5f6e7d8c-0000-4000-8000-00000000000${value}
name: ${name}
status: test
logsource:
    product: test
detection:
    sel:
        Action: ${name}
    condition: sel
`;
  const convertAll = (correlation: string): string => {
    const text = `${base('fail', '1')}---\n${base('success', '2')}---\ntitle: Correlation\nid: 5f6e7d8c-0000-4000-8000-0000000000c1\nstatus: test\ncorrelation:\n${correlation}`;
    const result = sumo.convert(loadCollection([{ text, file: 'c.yml' }]), { options: { scope: '_sourceCategory=test' } });
    const rule = result.rules.find((r) => r.queries[0]!.includes('timeslice'));
    if (!rule) throw new Error(result.diagnostics.map((d) => d.message).join('; '));
    return rule.queries[0]!;
  };
  const ev = (action: string, user: string, t: number): TimedSumoMessage => msg(JSON.stringify({ Action: action, User: user }), { _sourceCategory: 'test', _messageTime: t });

  test('event_count: timeslice, count by, where', () => {
    const query = convertAll('    type: event_count\n    rules:\n        - fail\n    group-by:\n        - User\n    timespan: 5m\n    condition:\n        gte: 3');
    const rows = compileSumo(query).run([ev('fail', 'bob', 1), ev('fail', 'bob', 2), ev('fail', 'bob', 3), ev('fail', 'amy', 4), ev('success', 'amy', 5), ev('fail', 'bob', 600_000)]);
    expect(rows.map((r) => r.fields)).toEqual([{ _timeslice: 0, User: 'bob', event_count: 3 }]);
  });

  test('temporal: if(…) tags, sums, every rule seen', () => {
    const query = convertAll('    type: temporal\n    rules:\n        - fail\n        - success\n    group-by:\n        - User\n    timespan: 5m');
    const rows = compileSumo(query).run([ev('fail', 'bob', 1), ev('success', 'bob', 2), ev('fail', 'amy', 3), ev('success', 'amy', 400_000)]);
    expect(rows.map((r) => r.fields['User'])).toEqual(['bob']);
  });
});
