import { loadCollection, type SigmaRule } from '@sigmats/core';
import { describe, expect, it } from 'vitest';
import { compileRuleSet, deriveEvents, type DerivedEvent, logsourceApplies, windowsLogsource } from '../src/index.js';

function rule(logsource: string, detection: string): SigmaRule {
  const text = `title: t\nid: 11111111-2222-3333-4444-555555555555\nstatus: test\nlogsource:\n${logsource
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n')}\ndetection:\n${detection
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n')}\n`;
  const c = loadCollection([{ text, file: 'r.yml' }]);
  const r = c.rules[0];
  if (!r) throw new Error(`rule did not load: ${c.diagnostics.map((d) => d.message).join('; ')}`);
  return r;
}

const PC = 'product: windows\ncategory: process_creation';
const witnesses = (r: SigmaRule): DerivedEvent[] => deriveEvents(r).events.filter((e) => e.role === 'witness');
const matches = (r: SigmaRule, e: Readonly<Record<string, unknown>>): boolean =>
  compileRuleSet({ rules: [r], correlations: [], filters: [], byRef: new Map(), diagnostics: [] }, { logsource: windowsLogsource })
    .match(e)
    .some((m) => m.rule === r.id);

/** Expected field values of the first witness: exact values, RegExp for shapes, undefined for "absent". */
type Expected = Readonly<Record<string, unknown>>;

const CASES: readonly [name: string, logsource: string, detection: string, expected: Expected][] = [
  ['endswith keeps the template folder', PC, "sel:\n  Image|endswith: '\\rundll32.exe'\ncondition: sel", { Image: 'C:\\Windows\\System32\\rundll32.exe', Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 1 }],
  ['the command line and file name follow the image', PC, "sel:\n  Image|endswith: '\\certutil.exe'\n  CommandLine|contains: 'urlcache'\ncondition: sel", { Image: 'C:\\Windows\\System32\\certutil.exe', CommandLine: 'C:\\Windows\\System32\\certutil.exe urlcache', OriginalFileName: 'certutil.exe' }],
  ['a Unix file name goes in a bin folder', 'product: linux\ncategory: process_creation', "sel:\n  Image|endswith: '/base64'\n  CommandLine|contains: ' -d'\ncondition: sel", { Image: '/usr/bin/base64', CommandLine: '/usr/bin/base64  -d' }],
  ['a piece that starts a path gets a drive letter', PC, "sel:\n  Image|contains: ':\\ProgramData\\'\n  Image|endswith: '\\x.exe'\ncondition: sel", { Image: 'C:\\ProgramData\\x.exe' }],
  ['a folder piece replaces the template folder\'s last level', PC, "sel:\n  Image|contains: '\\SysWOW64\\'\n  Image|endswith: '\\notepad.exe'\ncondition: sel", { Image: 'C:\\Windows\\SysWOW64\\notepad.exe' }],
  ['a folder piece the template folder has cuts it there', PC, "sel:\n  Image|contains: '\\System32\\'\n  Image|endswith: '\\cscript.exe'\ncondition: sel", { Image: 'C:\\Windows\\System32\\cscript.exe' }],
  ['a registry root goes under the template hive', 'product: windows\ncategory: registry_set', "sel:\n  TargetObject|contains: '\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\'\ncondition: sel", { TargetObject: /^HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\[^\\]+$/ }],
  ['a piece starting with a hive starts the key', 'product: windows\ncategory: registry_set', "sel:\n  TargetObject|contains|all:\n    - 'HKU\\'\n    - 'Classes\\CLSID\\'\n    - '\\TreatAs'\ncondition: sel", { TargetObject: /^HKU\\Classes\\CLSID\\TreatAs\\[^\\]+$/ }],
  ['accounts keep one backslash: pieces become the domain', PC, "sel:\n  User|contains: 'AUTHORI'\n  User|endswith: '\\SYSTEM'\ncondition: sel", { User: 'AUTHORI\\SYSTEM' }],
  ['accounts keep one backslash: pieces go into the name', PC, "sel:\n  User|contains: '$'\ncondition: sel", { User: /^[^\\]+\\[^\\]+\$$/ }],
  ['accounts keep one backslash: a domain piece goes before the name', PC, "sel:\n  User|contains: 'NT AUTHORITY\\'\ncondition: sel", { User: /^NT AUTHORITY\\[^\\]+$/ }],
  ['a time keeps its form: startswith replaces its first characters', 'product: windows\ncategory: file_change', "sel:\n  PreviousCreationUtcTime|startswith: '2022'\nfilter:\n  CreationUtcTime|startswith: '2022'\ncondition: sel and not filter", { PreviousCreationUtcTime: /^2022-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/, CreationUtcTime: /^(?!2022)\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/ }],
  ['a negated time start gives a time of another decade', 'product: windows\ncategory: file_change', "sel:\n  PreviousCreationUtcTime|startswith: '202'\nfilter:\n  CreationUtcTime|startswith: '202'\ncondition: sel and not filter", { CreationUtcTime: /^(?!202)\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/ }],
  ['a domain suffix gets a host name', 'product: windows\ncategory: dns_query', "sel:\n  QueryName|endswith: '.anonfiles.com'\ncondition: sel", { QueryName: 'cdn.anonfiles.com', EventID: 22 }],
  ['startswith + endswith', PC, "sel:\n  Image|startswith: 'C:\\Users\\'\n  Image|endswith: '\\evil.exe'\ncondition: sel", { Image: 'C:\\Users\\evil.exe' }],
  ['equals, as written', PC, "sel:\n  OriginalFileName: 'PsExec.exe'\ncondition: sel", { OriginalFileName: 'PsExec.exe' }],
  ['contains|all after the template command line', PC, "sel:\n  CommandLine|contains|all:\n    - ' -enc '\n    - 'bypass'\ncondition: sel", { CommandLine: /^"C:\\WINDOWS\\system32\\reg\.exe" add .* -enc  bypass$/ }],
  ['wildcards in the middle', PC, "sel:\n  CommandLine: '*net*user*/add*'\ncondition: sel", { CommandLine: /net user \/add$/ }],
  ['? is one character', PC, "sel:\n  Image: 'C:\\Windows\\\\?ystem32\\cmd.exe'\ncondition: sel", { Image: 'C:\\Windows\\xystem32\\cmd.exe' }],
  ['escaped ? is literal', PC, "sel:\n  Image|endswith: '\\what\\?.exe'\ncondition: sel", { Image: 'C:\\Windows\\System32\\what?.exe' }],
  ['regex', PC, "sel:\n  CommandLine|re: '-e(nc|ncodedcommand)? [A-Za-z0-9+/=]{20,}'\ncondition: sel", { CommandLine: /^-e(nc)? [A-Za-z0-9+/=]{20}$/ }],
  ['regex with a literal contains', PC, "sel:\n  CommandLine|contains: 'http'\n  CommandLine|re: '://\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}'\ncondition: sel", { CommandLine: /http .*:\/\/0\.0\.0\.0/ }],
  ['cidr', 'product: windows\ncategory: network_connection', "sel:\n  DestinationIp|cidr: '172.16.0.0/12'\ncondition: sel", { DestinationIp: '172.16.0.1', EventID: 3 }],
  ['numeric comparison', 'product: windows\ncategory: network_connection', 'sel:\n  DestinationPort|gt: 1024\ncondition: sel', { DestinationPort: 1025 }],
  ['number equals keeps the type', 'product: windows\nservice: security', 'sel:\n  EventID: 4625\n  LogonType: 10\ncondition: sel', { EventID: 4625, LogonType: 10, Channel: 'Security', Status: '0xc000006d' }],
  ['exists: false removes the field', PC, "sel:\n  Image|endswith: '\\x.exe'\n  ParentImage|exists: false\ncondition: sel", { ParentImage: undefined }],
  ['null removes the field', PC, "sel:\n  Image|endswith: '\\x.exe'\n  OriginalFileName: null\ncondition: sel", { OriginalFileName: undefined }],
  ['fieldref copies', PC, "sel:\n  ParentImage|fieldref: Image\ncondition: sel", { ParentImage: 'C:\\Windows\\System32\\reg.exe' }],
  ['negated fieldref differs', PC, "sel:\n  Image|endswith: '\\reg.exe'\nfilter:\n  ParentImage|fieldref: Image\ncondition: sel and not filter", { ParentImage: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe' }],
  ['base64', PC, "sel:\n  CommandLine|base64|contains: 'IEX'\ncondition: sel", { CommandLine: /SUVY$/ }],
  ['base64offset: first variant', PC, "sel:\n  CommandLine|base64offset|contains: 'http://'\ncondition: sel", { CommandLine: /aHR0cDovL$/ }],
  ['windash: first variant', PC, "sel:\n  CommandLine|windash|contains: ' -decode '\ncondition: sel", { CommandLine: / -decode $/ }],
  ['cased', PC, "sel:\n  CommandLine|cased|contains: 'FromBase64String'\ncondition: sel", { CommandLine: /FromBase64String$/ }],
  ['negated filter is avoided', PC, "sel:\n  Image|endswith: '\\reg.exe'\nfilter:\n  ParentImage|endswith: '\\powershell.exe'\ncondition: sel and not filter", { ParentImage: 'C:\\Program Files\\Contoso\\contoso.exe' }],
  ['registry_set is Sysmon 13 SetValue', 'product: windows\ncategory: registry_set', "sel:\n  TargetObject|endswith: '\\CurrentVersion\\Run\\updater'\n  Details: 'DWORD (0x00000001)'\ncondition: sel", { EventID: 13, EventType: 'SetValue', Details: 'DWORD (0x00000001)', TargetObject: /\\CurrentVersion\\Run\\updater$/ }],
  ['registry_delete is Sysmon 12 DeleteKey', 'product: windows\ncategory: registry_delete', "sel:\n  TargetObject|contains: '\\Services\\WinDefend'\ncondition: sel", { EventID: 12, EventType: 'DeleteKey' }],
  ['registry_add is Sysmon 12 CreateKey', 'product: windows\ncategory: registry_add', "sel:\n  TargetObject|contains: '\\Services\\Evil'\ncondition: sel", { EventID: 12, EventType: 'CreateKey' }],
  ['registry_event follows the EventType it tests', 'product: windows\ncategory: registry_event', "sel:\n  EventType: RenameKey\n  TargetObject|contains: '\\Evil'\ncondition: sel", { EventID: 14, EventType: 'RenameKey' }],
  ['ps_script is PowerShell 4104', 'product: windows\ncategory: ps_script', "sel:\n  ScriptBlockText|contains: 'Invoke-Mimikatz'\ncondition: sel", { Channel: 'Microsoft-Windows-PowerShell/Operational', EventID: 4104, ScriptBlockText: /Invoke-Mimikatz$/ }],
  ['system service 7045', 'product: windows\nservice: system', "sel:\n  Provider_Name: 'Service Control Manager'\n  EventID: 7045\n  ImagePath|contains: 'powershell'\ncondition: sel", { Channel: 'System', EventID: 7045, ServiceName: 'Contoso Update Service', ImagePath: /powershell$/ }],
  // Microsoft logs AppLocker's script and .msi events (8005-8007) to the MSI and Script log, .exe and .dll ones to EXE and DLL.
  ['applocker 8007 is an MSI and Script event', 'product: windows\nservice: applocker', 'sel:\n  EventID: 8007\ncondition: sel', { Channel: 'Microsoft-Windows-AppLocker/MSI and Script', EventID: 8007 }],
  ['applocker 8004 is an EXE and DLL event', 'product: windows\nservice: applocker', 'sel:\n  EventID: 8004\ncondition: sel', { Channel: 'Microsoft-Windows-AppLocker/EXE and DLL', EventID: 8004 }],
  ['keywords go to message outside Windows', 'product: linux\nservice: syslog', "keywords:\n  - 'Accepted password for root'\ncondition: keywords", { message: 'Accepted password for root' }],
  ['cloud: generic event of the rule fields', 'product: aws\nservice: cloudtrail', "sel:\n  eventSource: iam.amazonaws.com\n  eventName: CreateUser\ncondition: sel", { eventSource: 'iam.amazonaws.com', eventName: 'CreateUser', Channel: undefined }],
];

describe('deriveEvents: witness values per feature', () => {
  it.each(CASES)('%s', (_name, logsource, detection, expected) => {
    const r = rule(logsource, detection);
    const w = witnesses(r);
    expect(w.length, JSON.stringify(deriveEvents(r).dropped)).toBeGreaterThan(0);
    const e = w[0]!.event;
    for (const [field, want] of Object.entries(expected)) {
      if (want instanceof RegExp) expect(String(e[field]), field).toMatch(want);
      else expect(e[field], field).toEqual(want);
    }
    for (const x of w) expect(matches(r, x.event)).toBe(true);
  });

  it('one witness per way: each selection of `1 of`, each value of a list (sampled)', () => {
    const r = rule(PC, "sel_a:\n  Image|endswith: '\\a.exe'\nsel_b:\n  CommandLine|contains:\n    - 'x1'\n    - 'x2'\n    - 'x3'\ncondition: 1 of sel_*");
    const w = witnesses(r);
    expect(w.map((x) => x.note.replace(/ \[.*$/, ''))).toEqual(['disjunct 1: sel_a', 'disjunct 2: sel_b', 'disjunct 3: sel_b', 'disjunct 4: sel_b']);
    expect(w.map((x) => (x.event['CommandLine'] as string).slice(-2))).toEqual([expect.any(String), 'x1', 'x2', 'x3']);
    const capped = deriveEvents(r, { maxWitnesses: 2 }).events.filter((e) => e.role === 'witness');
    expect(capped).toHaveLength(2);
  });

  it('windash variants are separate witnesses', () => {
    const r = rule(PC, "sel:\n  CommandLine|windash|contains: ' -urlcache '\ncondition: sel");
    const texts = witnesses(r).map((x) => (x.event['CommandLine'] as string).split(' ').slice(-2)[0]);
    expect(texts).toEqual(expect.arrayContaining(['-urlcache', '/urlcache', '\u2013urlcache']));
  });

  it('contradictions and unsupported values are dropped with a reason, never thrown', () => {
    const contra = deriveEvents(rule(PC, "sel:\n  Image|endswith: '\\a.exe'\ncondition: sel and not sel"));
    expect(contra.events).toEqual([]);
    expect(contra.dropped[0]!.reason).toMatch(/^contradiction/);
    const conflict = deriveEvents(rule(PC, "sel:\n  Image: 'C:\\a.exe'\n  Image|endswith: '\\b.exe'\ncondition: sel"));
    expect(conflict.events).toEqual([]);
    expect(conflict.dropped[0]!.reason).toMatch(/no value of Image satisfies/);
    const placeholder = deriveEvents(rule(PC, "sel:\n  User|expand: '%admins%'\ncondition: sel"));
    expect(placeholder.events).toEqual([]);
    expect(placeholder.dropped[0]!.reason).toMatch(/placeholder/);
  });

  it('a correlation rule gives no events', () => {
    const text = `title: base\nid: 11111111-2222-3333-4444-555555555555\nlogsource:\n  product: windows\n  category: process_creation\ndetection:\n  sel:\n    Image|endswith: '\\a.exe'\n  condition: sel\n---\ntitle: corr\ncorrelation:\n  type: event_count\n  rules: [11111111-2222-3333-4444-555555555555]\n  group-by: [User]\n  timespan: 5m\n  condition:\n    gte: 3\n`;
    const c = loadCollection([{ text, file: 'c.yml' }]);
    expect(c.correlations).toHaveLength(1);
    const r = deriveEvents(c.correlations[0] as unknown as SigmaRule);
    expect(r.events).toEqual([]);
    expect(r.dropped[0]!.reason).toMatch(/not a detection rule/);
  });
});

describe('deriveEvents: near misses', () => {
  it('perturb each tested value, make each filter true; fields Sysmon always writes are not removed', () => {
    const r = rule(PC, "sel:\n  Image|endswith: '\\certutil.exe'\n  CommandLine|contains: 'urlcache'\nfilter:\n  ParentImage|endswith: '\\explorer.exe'\ncondition: sel and not filter");
    const misses = deriveEvents(r).events.filter((e) => e.role === 'near-miss');
    const notes = misses.map((m) => m.note);
    expect(notes).toEqual([
      expect.stringMatching(/^witness 1: Image: '.*\\certutil\.exe' -> '.*\\certuuil\.exe' \(literal '\\certutil\.exe' changed\)$/),
      expect.stringMatching(/^witness 1: CommandLine: .* \(literal 'urlcache' changed\)$/),
      expect.stringMatching(/^witness 1: filter made true: filter \(ParentImage = '.*\\explorer\.exe'\)$/),
      expect.stringMatching(/^witness 1: Image: .* \(suffix broken\)$/),
    ]);
    for (const m of misses) expect(matches(r, m.event), m.note).toBe(false);
    expect(deriveEvents(r, { maxNearMisses: 2 }).events.filter((e) => e.role === 'near-miss')).toHaveLength(2);
  });
});

describe('deriveEvents: near misses of Sysmon for Linux connections', () => {
  it('no field of the Sysmon event 3 schema is removed (Initiated, DestinationHostname): Sysmon writes them for every connection', () => {
    const r = rule('product: linux\ncategory: network_connection', "sel:\n  DestinationHostname|endswith: '.localto.net'\n  Initiated: 'true'\ncondition: sel");
    const notes = deriveEvents(r).events.filter((e) => e.role === 'near-miss').map((m) => m.note);
    expect(notes.some((n) => n.includes('Initiated: ') && n.includes('the other boolean'))).toBe(true);
    // Both tested fields are in Sysmon's event 3 schema: neither is removed.
    expect(notes.filter((n) => n.includes('removed'))).toEqual([]);
  });
});

describe('deriveEvents: filters made true', () => {
  it('a filter of several tests is made true as a whole (one test alone would leave it false)', () => {
    const r = rule(PC, "sel:\n  Image|endswith: '\\msiexec.exe'\nfilter_a:\n  ParentImage|endswith: '\\services.exe'\n  User|contains: 'SYSTEM'\nfilter_b:\n  CommandLine|contains: ' /V'\ncondition: sel and not 1 of filter_*");
    const misses = deriveEvents(r).events.filter((e) => e.role === 'near-miss' && e.note.includes('filter made true'));
    expect(misses.map((m) => m.note.replace(/ \(.*$/, ''))).toEqual(['witness 1: filter made true: filter_a', 'witness 1: filter made true: filter_b']);
    expect(misses[0]!.event['User']).toMatch(/SYSTEM/);
    expect(misses[0]!.event['ParentImage']).toMatch(/\\services\.exe$/);
    for (const m of misses) expect(matches(r, m.event)).toBe(false);
  });
});

describe('deriveEvents: other event types', () => {
  it('a process_creation witness re-emitted as the same process in network, image load, file, DNS and process access events', () => {
    const r = rule(PC, "sel:\n  Image|endswith: '\\mshta.exe'\n  CommandLine|contains: 'http'\ncondition: sel");
    const w = witnesses(r)[0]!.event;
    const others = deriveEvents(r).events.filter((e) => e.role === 'other-type');
    expect(others.map((o) => o.event['EventID'])).toEqual([3, 7, 11, 22, 10]);
    for (const o of others) {
      expect(o.source.category).not.toBe('process_creation');
      expect((windowsLogsource(o.event) ?? []).some((s) => logsourceApplies(r.logsource, s))).toBe(false);
      expect(o.event[o.event['EventID'] === 10 ? 'SourceImage' : 'Image']).toBe(w['Image']);
      expect(matches(r, o.event)).toBe(false);
    }
    expect(others[0]!.note).toMatch(/^as Sysmon EID 3 \(network_connection\): copied Image, .*; not in this type: CommandLine$/);
  });

  it('a registry_set witness re-emitted as the other registry operations on the same key', () => {
    const r = rule('product: windows\ncategory: registry_set', "sel:\n  TargetObject|endswith: '\\Run\\updater'\ncondition: sel");
    const w = witnesses(r)[0]!.event;
    const others = deriveEvents(r).events.filter((e) => e.role === 'other-type');
    expect(others.map((o) => `${o.event['EventID']} ${o.event['EventType'] ?? ''}`)).toEqual(['12 CreateKey', '12 DeleteKey', '14 RenameKey', '1 ']);
    expect(others.map((o) => o.source.category)).toEqual(['registry_add', 'registry_delete', 'registry_rename', 'process_creation']);
    for (const o of others.slice(0, 3)) expect(o.event['TargetObject']).toBe(w['TargetObject']);
  });
});

describe('deriveEvents: determinism', () => {
  it('same rule and options, same output; the seed rotates sampling', () => {
    const r = rule(PC, "sel_a:\n  Image|endswith:\n    - '\\a.exe'\n    - '\\b.exe'\n    - '\\c.exe'\nsel_b:\n  CommandLine|contains: [x1, x2]\ncondition: 1 of sel_*");
    expect(deriveEvents(r)).toEqual(deriveEvents(r));
    expect(deriveEvents(r, { seed: 3 })).toEqual(deriveEvents(r, { seed: 3 }));
    const first = (seed: number): unknown => deriveEvents(r, { seed, maxWitnesses: 1 }).events[0]!.event['Image'];
    expect(first(0)).not.toEqual(first(1));
  });
});
