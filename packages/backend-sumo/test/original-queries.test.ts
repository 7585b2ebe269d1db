import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadCollection } from '@sigmats/core';
import { RE2JS } from 're2js';
import { describe, expect, test } from 'vitest';
import { sumo, sumoCse, validateCseExpression, validateSumoQuery } from '../src/index.js';

/**
 * The two rules in rules/ come from two hand-written Sumo queries (target-languages §4.2). For each original line:
 * the audit verdict, what our linter says about it, and which emitted line carries its detection logic now.
 * The emitted queries are asserted exactly, and the regexes are run (RE2) on paths the originals were meant to catch.
 */

interface AuditRow {
  readonly original: string;
  readonly verdict: string;
  /** Linter problem codes on this original line. */
  readonly lint: readonly string[];
  /** 1-based lines of the emitted query that now carry this line's logic ([] = dropped, see verdict). */
  readonly emitted: readonly number[];
}

/** An emitted line with no original line: a triage enrichment of the rule that the seed page had (issue 13). */
interface EnrichmentRow {
  readonly enrichment: string;
  readonly emitted: number;
}

interface Audit {
  /** The Cloud SIEM expression of the same rule (catalog-scoped: vendor/product/event ids). */
  readonly cse: string;
  readonly rule: string;
  readonly scope: string;
  readonly rows: readonly AuditRow[];
  readonly enrichments?: readonly EnrichmentRow[];
  readonly expected: string;
  readonly matches: readonly Record<string, string>[];
  readonly misses: readonly Record<string, string>[];
}

const RAT_NAMES = [
  'teamviewer', 'teamviewer_service', 'anydesk', 'anydesk_service', 'screenconnect', 'connectwisecontrol', 'logmein',
  'lmi_rescue', 'logmeinrescue', 'ammyyadmin', 'aa_v3', 'supremo', 'supremoservice', 'rustdesk', 'splashtop',
  'ateraagent', 'ninjaone', 'ninjaremote', 'simplehelp', 'dwrcs', 'dwrcst', 'tmate', 'tvnserver', 'vncviewer',
  'uvnc_service', 'winvnc', 'chrome_remote_desktop', 'remote_assistance_host',
];

/** The rule's rat_category cases (issue 13's lists), as written in its enrichment. */
const RAT_CATEGORIES: readonly (readonly [string, string])[] = [
  ['teamviewer|anydesk|screenconnect|connectwise', 'Commercial RMM'],
  ['vnc|tvnserver|winvnc|uvnc', 'VNC'],
  ['logmein|lmi_rescue', 'LogMeIn'],
  ['ammyy|aa_v3', 'AmmyyAdmin'],
  ['rustdesk|splashtop|supremo', 'Other RMM'],
  ['atera|ninja|simplehelp|dwrcs', 'MSP Tool'],
];

const WINDOWS = "metadata_vendor = 'Microsoft' and metadata_product = 'Windows'";

const EXAMPLE_1: Audit = {
  // Image only: Sysmon 1 (EventData.Image) and Security 4688 (EventData.NewProcessName) both give baseImage.
  cse:
    `${WINDOWS} and (metadata_deviceEventId = 'Microsoft-Windows-Sysmon/Operational-1' or metadata_deviceEventId = 'Security-4688')` +
    ` and (baseImage matches /(?is)^.*\\x5c(?:${RAT_NAMES.join('|')})\\.exe$/)`,
  rule: 't1219_remote_access_tools/proc_creation_win_remote_access_tool_execution.yml',
  scope: '_sourceCategory=*windows*sysmon* OR _sourceCategory=*endpoint*process*',
  rows: [
    {
      original: '_sourceCategory=*windows*sysmon* OR _sourceCategory=*endpoint*process*',
      verdict:
        'valid; parenthesised so a later AND cannot bind to the second term only. The tenant scope is kept (option scope); ' +
        'the first line now states the collection the extraction assumes (Windows Event Log source in JSON format)',
      lint: [],
      emitted: [1, 2],
    },
    {
      original: '| where EventID = "1" OR EventCode = "1"',
      verdict: 'fields exist only if extracted: explicit json extraction (Manual parsing mode), then the Sysmon EID 1 test',
      lint: [],
      emitted: [3, 4],
    },
    {
      original: '| parse field=Image "*\\\\*" as image_dir, image_file nodrop',
      verdict: 'wrong: the anchor stops at the first backslash; dropped, the full Image path is tested with \\x5c',
      lint: ['ambiguous-escape'],
      emitted: [],
    },
    {
      original: '| where image_file matches /(?i)(teamviewer|anydesk)\\.exe$/',
      verdict: 'valid but unanchored and on a broken basename: anchored (?is)^.*\\x5c(?:…)\\.exe$ on Image',
      lint: [],
      emitted: [5],
    },
    {
      original: '| eval rat_category = if(image_file matches /(?i)(teamviewer|anydesk)/, "Commercial RMM", "Unknown")',
      verdict:
        'invalid: no eval in Sumo; the rule carries it as the enrichment rat_category (all the categories of the seed page, ' +
        'tested on the file name as image_file was), emitted in the documented form | if(…, …, if(…)) as rat_category',
      lint: ['no-eval'],
      emitted: [6],
    },
    {
      original: '| count by _time, Computer, User, image_file, CommandLine',
      verdict: 'invalid: no _time; the rule lists its output fields (and its enrichments) instead',
      lint: ['no-time-field'],
      emitted: [9],
    },
    {
      original: '| sort by _time desc',
      verdict: 'invalid: no _time; _messageTime',
      lint: ['no-time-field'],
      emitted: [10],
    },
  ],
  enrichments: [
    { enrichment: 'is_service_launched', emitted: 7 },
    { enrichment: 'is_user_launched', emitted: 8 },
  ],
  expected: [
    '// assumes: Windows Event Log source (Installed Collector) in JSON format; Sysmon channel, EventID 1',
    '(_sourceCategory=*windows*sysmon* OR _sourceCategory=*endpoint*process*)',
    '| json field=_raw "EventID", "EventData.Image", "Computer", "EventData.User", "EventData.CommandLine", "EventData.ParentImage" as EventID, Image, Computer, User, CommandLine, ParentImage nodrop',
    '| where EventID = "1"',
    `| where Image matches /(?is)^.*\\x5c(?:${RAT_NAMES.join('|')})\\.exe$/`,
    `| ${RAT_CATEGORIES.reduceRight(
      (inner, [names, label]) => `if(Image matches /(?i)^(?s:.*)(?:(?:${names})[^\\x5c]*$)(?s:.*)$/, "${label}", ${inner})`,
      '"Unknown"',
    )} as rat_category`,
    '| if(ParentImage matches /(?is)^.*\\x5c(?:services|svchost)\\.exe$/, "true", "false") as is_service_launched',
    '| if(ParentImage matches /(?is)^.*\\x5c(?:explorer|cmd|powershell)\\.exe$/, "true", "false") as is_user_launched',
    '| fields Computer, User, Image, CommandLine, ParentImage, rat_category, is_service_launched, is_user_launched',
    '| sort by _messageTime desc',
  ].join('\n'),
  matches: [
    { Image: 'C:\\Program Files\\TeamViewer\\TeamViewer.exe' },
    { Image: 'C:\\Users\\x\\Downloads\\AnyDesk.exe' },
    { Image: 'C:\\ProgramData\\rustdesk.EXE' },
  ],
  misses: [{ Image: 'C:\\x\\teamviewer.exe.bak' }, { Image: 'C:\\x\\myteamviewer.exe' }, { Image: 'teamviewer.exe' }],
};

const EXAMPLE_2: Audit = {
  // OriginalFileName is a Sysmon 1 field (no 4688 equivalent): Sysmon 1 only; it is not mapped, so read raw.
  cse:
    `${WINDOWS} and metadata_deviceEventId = 'Microsoft-Windows-Sysmon/Operational-1'` +
    " and ((parentBaseImage matches /(?is)^.*\\x5cwsmprovhost\\.exe$/ and !(baseImage matches /(?is)^.*\\x5c(?:conhost|WerFault|csc)\\.exe$/))" +
    " or ((baseImage matches /(?is)^.*\\x5c(?:powershell|pwsh)\\.exe$/ or fields['EventData.OriginalFileName'] matches /(?i)^(?:PowerShell\\.EXE|pwsh\\.dll)$/)" +
    ' and commandLine matches /(?is)^.*(?:Invoke-Command|Enter-PSSession|New-PSSession|Enable-PSRemoting|wsman:\\/\\/|WSMan|-ComputerName|\\/ComputerName|–ComputerName|—ComputerName|―ComputerName).*$/)' +
    ' or baseImage matches /(?is)^.*\\x5cwinrs\\.exe$/)',
  rule: 't1021.006_winrm/proc_creation_win_winrm_remote_execution.yml',
  scope: '_sourceCategory=windows/sysmon OR _sourceCategory=Windows/Sysmon/Operational',
  rows: [
    {
      original: '(_sourceCategory=windows/sysmon OR _sourceCategory=Windows/Sysmon/Operational)',
      verdict: 'valid; kept (option scope); the first line states the collection the extraction assumes',
      lint: [],
      emitted: [1, 2],
    },
    {
      original: '| where EventCode = "1"',
      verdict:
        'EventCode is the legacy text format\'s name (and Splunk\'s); the JSON format Sumo collects has EventID: json extraction of EventID, then the Sysmon EID 1 test',
      lint: [],
      emitted: [3, 4],
    },
    {
      original: '| parse regex field=Image "(?i)(?<FileName>[^\\\\]+)$" nodrop',
      verdict: 'escaping unverified (\\\\ in a quoted regex); dropped: the full paths are tested with \\x5c',
      lint: ['ambiguous-escape'],
      emitted: [],
    },
    {
      original: '| where ( FileName matches "(?i)wsmprovhost.exe" and FileName != "conhost.exe" ) or FileName matches "(?i)winrs.exe"',
      verdict: 'never matches: a quoted matches is a wildcard pattern; now anchored (?is) regexes on ParentImage/Image',
      lint: ['regex-in-wildcard'],
      emitted: [5],
    },
    {
      original: '| fields _messageTime, Computer, User, FileName, CommandLine',
      verdict: 'valid; the rule fields (FileName no longer exists, Image and ParentImage do) and its enrichment',
      lint: [],
      emitted: [7],
    },
    { original: '| sort by _messageTime desc', verdict: 'valid', lint: [], emitted: [8] },
  ],
  enrichments: [{ enrichment: 'AlertType', emitted: 6 }],
  expected: [
    '// assumes: Windows Event Log source (Installed Collector) in JSON format; Sysmon channel, EventID 1',
    '(_sourceCategory=windows/sysmon OR _sourceCategory=Windows/Sysmon/Operational)',
    '| json field=_raw "EventID", "EventData.ParentImage", "EventData.Image", "EventData.OriginalFileName", "EventData.CommandLine", "Computer", "EventData.User" as EventID, ParentImage, Image, OriginalFileName, CommandLine, Computer, User nodrop',
    '| where EventID = "1"',
    '| where (ParentImage matches /(?is)^.*\\x5cwsmprovhost\\.exe$/ and !(Image matches /(?is)^.*\\x5c(?:conhost|WerFault|csc)\\.exe$/))' +
      ' or ((Image matches /(?is)^.*\\x5c(?:powershell|pwsh)\\.exe$/ or toLowerCase(OriginalFileName) in ("powershell.exe", "pwsh.dll"))' +
      ' and (toLowerCase(CommandLine) matches "*invoke-command*" or toLowerCase(CommandLine) matches "*enter-pssession*"' +
      ' or toLowerCase(CommandLine) matches "*new-pssession*" or toLowerCase(CommandLine) matches "*enable-psremoting*"' +
      ' or toLowerCase(CommandLine) matches "*wsman://*"' +
      ' or toLowerCase(CommandLine) matches "*wsman*" or toLowerCase(CommandLine) matches "*-computername*"' +
      ' or toLowerCase(CommandLine) matches "*/computername*" or toLowerCase(CommandLine) matches "*–computername*"' +
      ' or toLowerCase(CommandLine) matches "*—computername*" or toLowerCase(CommandLine) matches "*―computername*"))' +
      ' or Image matches /(?is)^.*\\x5cwinrs\\.exe$/',
    '| if(ParentImage matches /(?is)^.*\\x5cwsmprovhost\\.exe$/, "WinRM_RemoteExec", if(Image matches /(?is)^.*\\x5c(?:powershell|pwsh)\\.exe$/, "WinRM_PSRemoting", if(Image matches /(?is)^.*\\x5cwinrs\\.exe$/, "WinRM_DirectTool", "Unknown"))) as AlertType',
    '| fields Computer, User, Image, ParentImage, CommandLine, AlertType',
    '| sort by _messageTime desc',
  ].join('\n'),
  matches: [
    { ParentImage: 'C:\\Windows\\System32\\wsmprovhost.exe', Image: 'C:\\Windows\\System32\\whoami.exe' },
    { ParentImage: 'C:\\x\\explorer.exe', Image: 'C:\\Windows\\System32\\WinRS.exe' },
  ],
  misses: [
    { ParentImage: 'C:\\Windows\\System32\\wsmprovhost.exe', Image: 'C:\\Windows\\System32\\conhost.exe' },
    { ParentImage: 'C:\\x\\explorer.exe', Image: 'C:\\Windows\\System32\\whoami.exe' },
  ],
};

function convertRule(audit: Audit): string {
  const file = resolve(import.meta.dirname, '../../../rules', audit.rule);
  const c = loadCollection([{ text: readFileSync(file, 'utf8'), file }]);
  const r = sumo.convert(c, { options: { scope: audit.scope } });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.rules[0]!.queries[0]!;
}

/** Evaluate the regex tests of one where line on an event (only the `F matches /…/` tests of these queries). */
function regexOf(line: string, field: string): RE2JS[] {
  return [...line.matchAll(new RegExp(`\\b${field} matches /((?:\\\\.|[^/\\\\])*)/`, 'g'))].map((m) => RE2JS.compile(m[1]!));
}

describe.each([
  ['Example 1 (T1219)', EXAMPLE_1],
  ['Example 2 (WinRM)', EXAMPLE_2],
])('%s', (_name, audit) => {
  const original = audit.rows.map((r) => r.original).join('\n');
  const emitted = convertRule(audit);

  test('the emitted query, exactly', () => {
    expect(emitted).toBe(audit.expected);
    expect(validateSumoQuery(emitted)).toEqual([]);
  });

  test('the Cloud SIEM expression, exactly', () => {
    const file = resolve(import.meta.dirname, '../../../rules', audit.rule);
    const r = sumoCse.convert(loadCollection([{ text: readFileSync(file, 'utf8'), file }]));
    // Cloud SIEM computes no enrichment: one warning per enrichment of the rule says so.
    const doc = r.rules[0]!.document;
    const count = doc.kind === 'rule' ? (doc.enrichments?.length ?? 0) : 0;
    expect(r.diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual(Array.from({ length: count }, () => 'warning enrichment/dropped'));
    expect(r.rules[0]!.queries).toEqual([audit.cse]);
    expect(validateCseExpression(audit.cse)).toEqual([]);
  });

  test('the linter flags exactly the invalid original lines', () => {
    const byLine = audit.rows.map(() => [] as string[]);
    for (const p of validateSumoQuery(original)) byLine[original.slice(0, p.offset).split('\n').length - 1]!.push(p.code ?? '');
    expect(byLine.map((codes) => [...new Set(codes)])).toEqual(audit.rows.map((r) => r.lint));
  });

  test('every emitted line is accounted for by an original line', () => {
    const lines = emitted.split('\n');
    const covered = new Set([...audit.rows.flatMap((r) => r.emitted), ...(audit.enrichments ?? []).map((e) => e.emitted)]);
    for (const e of audit.enrichments ?? []) expect(lines[e.emitted - 1]).toMatch(new RegExp(` as ${e.enrichment}$`));
    expect([...covered].sort((a, b) => a - b)).toEqual(lines.map((_, i) => i + 1));
  });

  test('the detection logic still catches what the original meant to', () => {
    const where = emitted.split('\n')[4]!;
    for (const event of audit.matches) {
      const hit = Object.entries(event).some(([f, v]) => regexOf(where, f).some((re) => re.matches(v)));
      expect(hit, JSON.stringify(event)).toBe(true);
    }
    if (audit === EXAMPLE_1) {
      for (const event of audit.misses) expect(regexOf(where, 'Image').some((re) => re.matches(event['Image']!))).toBe(false);
    } else {
      // wsmprovhost child: parent regex matches and the helper exclusion holds for conhost.
      const [parent] = regexOf(where, 'ParentImage');
      const [helpers] = regexOf(where, 'Image'); // the first Image test is the helper exclusion
      expect(parent!.matches(audit.misses[0]!['ParentImage']!)).toBe(true);
      expect(helpers!.matches(audit.misses[0]!['Image']!)).toBe(true);
      expect(parent!.matches(audit.misses[1]!['ParentImage']!)).toBe(false);
    }
  });
});
