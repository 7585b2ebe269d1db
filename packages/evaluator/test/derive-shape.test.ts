import { loadCollection, type SigmaRule } from '@sigmats/core';
import { describe, expect, it } from 'vitest';
import { compileRuleSet, deriveEvents, type DerivedEvent, type EventLogsource, windowsLogsource } from '../src/index.js';
import { nestEvent, nestedProduct } from '../src/derive/shape.js';

function rule(logsource: string, detection: string): SigmaRule {
  const indent = (s: string): string => s.split('\n').map((l) => `  ${l}`).join('\n');
  const text = `title: t\nid: 11111111-2222-3333-4444-555555555555\nstatus: test\nlogsource:\n${indent(logsource)}\ndetection:\n${indent(detection)}\n`;
  const c = loadCollection([{ text, file: 'r.yml' }]);
  const r = c.rules[0];
  if (!r) throw new Error(`rule did not load: ${c.diagnostics.map((d) => d.message).join('; ')}`);
  return r;
}

const byRole = (r: SigmaRule, role: DerivedEvent['role']): DerivedEvent[] => deriveEvents(r).events.filter((e) => e.role === role);

/** The differential's routing: Windows events by channel, others by the source they were derived for. */
function verdict(r: SigmaRule, e: DerivedEvent): boolean {
  const source = new Map<object, EventLogsource>([[e.event, e.source]]);
  const set = compileRuleSet(
    { rules: [r], correlations: [], filters: [], byRef: new Map(), diagnostics: [] },
    { mode: 'full-scan', logsource: (ev) => windowsLogsource(ev) ?? (source.has(ev) ? [source.get(ev)!] : undefined) },
  );
  return set.match(e.event as Record<string, unknown>).length > 0;
}

describe('JSON products: dotted Sigma names become nested objects', () => {
  it.each([
    ['kubernetes', 'product: kubernetes\nservice: audit', "sel:\n  verb: create\n  objectRef.resource: pods\n  objectRef.subresource: exec\ncondition: sel", { verb: 'create', objectRef: { resource: 'pods', subresource: 'exec' } }],
    ['aws', 'product: aws\nservice: cloudtrail', "sel:\n  eventName: PutBucketPolicy\n  userIdentity.type: Root\ncondition: sel", { eventName: 'PutBucketPolicy', userIdentity: { type: 'Root' } }],
    ['azure', 'product: azure\nservice: signinlogs', "sel:\n  DeviceDetail.isCompliant: 'false'\ncondition: sel", { DeviceDetail: { isCompliant: 'false' } }],
  ])('%s witnesses are nested and still match', (_p, ls, det, expected) => {
    const r = rule(ls, det);
    const [w] = byRole(r, 'witness');
    expect(w!.event).toEqual(expected);
    expect(verdict(r, w!)).toBe(true);
    // Near misses are nested too (no dotted key left).
    for (const m of byRole(r, 'near-miss')) expect(Object.keys(m.event).some((k) => k.includes('.'))).toBe(false);
  });

  it('Zeek keeps its own dotted names flat (its JSON writer names fields id.orig_h)', () => {
    const r = rule('product: zeek\nservice: dns', "sel:\n  id.orig_h: '10.0.0.5'\n  query: x.example.org\ncondition: sel");
    expect(byRole(r, 'witness')[0]!.event).toEqual({ 'id.orig_h': '10.0.0.5', query: 'x.example.org' });
  });

  it('nestEvent keeps a dotted key flat when its prefix is a scalar; nestedProduct lists JSON products only', () => {
    expect(nestEvent({ a: 'x', 'a.b': 'y', 'c.d.e': 1 })).toEqual({ a: 'x', 'a.b': 'y', c: { d: { e: 1 } } });
    expect(nestedProduct('aws')).toBe(true);
    expect(nestedProduct('windows')).toBe(false);
    expect(nestedProduct('zeek')).toBe(false);
    expect(nestedProduct(undefined)).toBe(false);
  });
});

describe('Linux and macOS other-type events', () => {
  it('a Linux process_creation witness reappears as the network connection and file write of the same process', () => {
    const r = rule('product: linux\ncategory: process_creation', "sel:\n  Image|endswith: '/curl'\n  CommandLine|contains: ' --upload-file '\ncondition: sel");
    const others = byRole(r, 'other-type');
    expect(others.map((o) => o.source)).toEqual([
      { product: 'linux', category: 'network_connection' },
      { product: 'linux', category: 'file_event' },
    ]);
    for (const o of others) {
      expect(o.event['Image']).toBe('/usr/bin/curl');
      expect(o.event['CommandLine']).toBeUndefined();
      expect(o.note).toMatch(/not in this type: CommandLine/);
      // The evaluator, told the event's type, does not apply a process_creation rule to it.
      expect(verdict(r, o)).toBe(false);
    }
  });

  it('macOS file_event -> the process (macOS has process_creation and file_event in Sigma)', () => {
    const r = rule('product: macos\ncategory: file_event', "sel:\n  Image|endswith: '/osascript'\n  TargetFilename|contains: '/LaunchAgents/'\ncondition: sel");
    const others = byRole(r, 'other-type');
    expect(others.map((o) => o.source)).toEqual([{ product: 'macos', category: 'process_creation' }]);
    expect(others[0]!.event).toEqual({ Image: '/usr/bin/osascript' });
  });
});

describe('router: Sigma taxonomy services and PowerShell classic categories', () => {
  it.each([
    ['service: sysmon (Sysmon 27)', 'product: windows\nservice: sysmon', 'sel:\n  EventID: 27\ncondition: sel', 27],
    ['ps_classic_provider_start (Windows PowerShell 600)', 'product: windows\ncategory: ps_classic_provider_start', "sel:\n  Data|contains: 'Set-MpPreference'\ncondition: sel", 600],
    ['ps_classic_script (Windows PowerShell 800)', 'product: windows\ncategory: ps_classic_script', "sel:\n  Data|contains: 'Invoke-Mimikatz'\ncondition: sel", 800],
  ])('%s gets a witness', (_name, ls, det, eventId) => {
    const r = rule(ls, det);
    const w = byRole(r, 'witness');
    expect(w.length).toBeGreaterThan(0);
    expect(Number(w[0]!.event['EventID'])).toBe(eventId);
    expect(verdict(r, w[0]!)).toBe(true);
  });

  it('a Windows PowerShell 800 event is not a ps_classic_start event (400)', () => {
    const r = rule('product: windows\ncategory: ps_classic_start', "sel:\n  Data|contains: 'x'\ncondition: sel");
    const set = compileRuleSet({ rules: [r], correlations: [], filters: [], byRef: new Map(), diagnostics: [] }, { logsource: windowsLogsource });
    expect(set.match({ Channel: 'Windows PowerShell', EventID: 800, Data: 'x' })).toEqual([]);
    expect(set.match({ Channel: 'Windows PowerShell', EventID: 400, Data: 'x' })).toHaveLength(1);
  });
});

describe('registry values as Sysmon writes them', () => {
  it("`Details|contains: 'DWORD (0x00000001)'` gets the value alone, as Sysmon writes a DWORD", () => {
    const r = rule('product: windows\ncategory: registry_set', "sel:\n  TargetObject|endswith: '\\EnableLUA'\n  Details|contains: 'DWORD (0x00000000)'\ncondition: sel");
    expect(byRole(r, 'witness')[0]!.event['Details']).toBe('DWORD (0x00000000)');
  });
});

describe('near misses stay events the source can log', () => {
  it('a field Sysmon always writes for the event id is not removed (Sysmon 8 StartModule); others are', () => {
    const r = rule('product: windows\ncategory: create_remote_thread', "sel:\n  TargetImage|endswith: '\\lsass.exe'\n  StartModule: ''\ncondition: sel");
    const notes = byRole(r, 'near-miss').map((m) => m.note);
    expect(notes.some((n) => /StartModule removed/.test(n))).toBe(false);
    const k8s = rule('product: kubernetes\nservice: audit', 'sel:\n  verb: create\ncondition: sel');
    expect(byRole(k8s, 'near-miss').some((m) => /verb removed/.test(m.note))).toBe(true);
  });
});

describe('filters made true stay events the source can log', () => {
  it('a filter that needs a Sysmon field absent (Image: null) is not made true on a Sysmon event', () => {
    const r = rule('product: windows\ncategory: process_creation', "sel:\n  ParentImage|endswith: '\\GoogleUpdate.exe'\nfilter_null:\n  Image: null\ncondition: sel and not filter_null");
    expect(byRole(r, 'near-miss').some((m) => /filter made true: filter_null/.test(m.note))).toBe(false);
    const k8s = rule('product: kubernetes\nservice: audit', "sel:\n  verb: create\nfilter_null:\n  user.username: null\ncondition: sel and not filter_null");
    expect(byRole(k8s, 'near-miss').some((m) => /filter made true: filter_null/.test(m.note))).toBe(true);
  });
});

describe('realistic values in derived events', () => {
  it('a boolean flag is perturbed to the other boolean, never to a misspelling', () => {
    const r = rule('product: windows\ncategory: network_connection', "sel:\n  Image|endswith: '\\AnyDesk.exe'\n  Initiated: 'false'\ncondition: sel");
    const misses = byRole(r, 'near-miss').filter((m) => /^witness 1: Initiated/.test(m.note));
    expect(misses.map((m) => m.event['Initiated'])).toEqual(['true']);
  });

  it('process_creation keywords go in the command line, as more arguments', () => {
    const r = rule('product: windows\ncategory: process_creation', "keywords:\n  - 'perfc.dat'\ncondition: keywords");
    const [w] = byRole(r, 'witness');
    expect(String(w!.event['CommandLine'])).toMatch(/ perfc\.dat$/);
    expect(w!.event['Data']).toBeUndefined();
  });
});
