// Triage enrichments (the rules' `enrichments` attribute) in every backend: the exact text for T1219, the
// validators' verdict on the whole output, and what each platform computes for the fixtures' true positives.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadCollection } from '@sigmats/core';
import type { Backend, ConversionResult, ConvertOptions, RenderedEnrichment } from '@sigmats/core';
import { kqlValidatingBackend } from '@sigmats/backend-kql/validate';
import { splunkBackend } from '@sigmats/backend-splunk';
import { sumo, sumoCse } from '@sigmats/backend-sumo';
import {
  compileKql,
  compileSpl,
  compileSumo,
  defenderRecords,
  kqlTableColumns,
  splunkEvents,
  sumoMessages,
  windowsEventRecords,
  type KqlRecord,
  type KqlTable,
  type RawEvent,
} from '@sigmats/truth';
import { NEEDS_VENDOR } from '../../core/test/shared-data.js';
import { HAVE_VENDOR } from '../../truth/test/records-fixtures.js';

const RULES = resolve(import.meta.dirname, '../../../rules');
const T1219 = 't1219_remote_access_tools';
const T1021 = 't1021.006_winrm';
// The validating backend: its validate() runs Microsoft's Kusto parser (the plain backend has no validator).
const kql = kqlValidatingBackend();

function ruleFile(dir: string): string {
  return join(RULES, dir, readdirSync(join(RULES, dir)).find((f) => f.endsWith('.yml'))!);
}

function convert(backend: Backend, dir: string, pipeline?: string): ConversionResult {
  const file = ruleFile(dir);
  const collection = loadCollection([{ text: readFileSync(file, 'utf8'), file }]);
  const options: ConvertOptions = pipeline === undefined ? {} : { noDefaultPipelines: true, pipelines: [backend.pipelines.find((p) => p.name === pipeline)!.pipeline] };
  return backend.convert(collection, options);
}

const lines = (text: string, prefix: string): string[] => text.split('\n').filter((l) => l.startsWith(prefix));

const RAT = {
  commercial: '(?:teamviewer|anydesk|screenconnect|connectwise)[^\\\\]*$',
  vnc: '(?:vnc|tvnserver|winvnc|uvnc)[^\\\\]*$',
  logmein: '(?:logmein|lmi_rescue)[^\\\\]*$',
  ammyy: '(?:ammyy|aa_v3)[^\\\\]*$',
  other: '(?:rustdesk|splashtop|supremo)[^\\\\]*$',
  msp: '(?:atera|ninja|simplehelp|dwrcs)[^\\\\]*$',
};

describe('T1219: the exact enrichment text per backend', () => {
  test('KQL, Defender XDR (default pipeline): | extend … = case(…), then the project lists them', () => {
    const r = convert(kql, T1219);
    expect(r.diagnostics).toEqual([]);
    const out = r.rules[0]!.output;
    // Verbatim @"…" literals: the regex as written in the rule.
    const re = (col: string, p: string) => `${col} matches regex @"(?i)${p}"`;
    expect(lines(out, '| extend')).toEqual([
      `| extend ['rat_category'] = case(${[
        [re('FolderPath', RAT.commercial), '"Commercial RMM"'],
        [re('FolderPath', RAT.vnc), '"VNC"'],
        [re('FolderPath', RAT.logmein), '"LogMeIn"'],
        [re('FolderPath', RAT.ammyy), '"AmmyyAdmin"'],
        [re('FolderPath', RAT.other), '"Other RMM"'],
        [re('FolderPath', RAT.msp), '"MSP Tool"'],
      ]
        .flat()
        .join(', ')}, "Unknown")`,
      `| extend ['is_service_launched'] = case(InitiatingProcessFileName in~ ("services.exe", "svchost.exe"), "true", "false")`,
      `| extend ['is_user_launched'] = case(InitiatingProcessFileName in~ ("explorer.exe", "cmd.exe", "powershell.exe"), "true", "false")`,
    ]);
    expect(lines(out, '| project')).toEqual([
      "| project Timestamp, DeviceName, AccountDomain, AccountName, FolderPath, ProcessCommandLine, InitiatingProcessFolderPath, ['rat_category'], ['is_service_launched'], ['is_user_launched']",
    ]);
    // The extends come after the where (the Windows scope's, then the rule's) and before the project.
    const order = out.split('\n').map((l) => l.split(' ')[1]);
    expect(order.slice(1)).toEqual(['where', 'where', 'extend', 'extend', 'extend', 'project']);
  });

  test('SPL (splunk-windows): | eval name=case(…, true(), "default") before | table', () => {
    const r = convert(splunkBackend, T1219, 'splunk-windows');
    expect(r.diagnostics).toEqual([]);
    const out = r.rules[0]!.output;
    // SPL "…" strings escape each backslash.
    const m = (f: string, p: string) => `match(${f}, "(?i)${p.replaceAll('\\', '\\\\')}")`;
    const ends = (names: string[]) => names.map((n) => `match(ParentImage, "(?i)\\\\\\\\${n}\\\\.exe\\\\z")`).join(' OR ');
    expect(out.slice(out.indexOf(' | eval'))).toBe(
      ` | eval rat_category=case(${[
        [m('Image', RAT.commercial), '"Commercial RMM"'],
        [m('Image', RAT.vnc), '"VNC"'],
        [m('Image', RAT.logmein), '"LogMeIn"'],
        [m('Image', RAT.ammyy), '"AmmyyAdmin"'],
        [m('Image', RAT.other), '"Other RMM"'],
        [m('Image', RAT.msp), '"MSP Tool"'],
      ]
        .flat()
        .join(', ')}, true(), "Unknown")` +
        ` | eval is_service_launched=case(${ends(['services', 'svchost'])}, "true", true(), "false")` +
        ` | eval is_user_launched=case(${ends(['explorer', 'cmd', 'powershell'])}, "true", true(), "false")` +
        ' | table Computer,User,Image,CommandLine,ParentImage,rat_category,is_service_launched,is_user_launched',
    );
  });

  test('Sumo log search: | if(…, if(…)) as name after the where, names in | fields', () => {
    const r = convert(sumo, T1219);
    const out = r.rules[0]!.output;
    // RE2 written with \x5c for the backslash (no backslash pair in the query text).
    const m = (p: string) => `Image matches /(?i)^(?s:.*)(?:${p.replace('[^\\\\]', '[^\\x5c]')})(?s:.*)$/`;
    const cats: [string, string][] = [
      [RAT.commercial, 'Commercial RMM'],
      [RAT.vnc, 'VNC'],
      [RAT.logmein, 'LogMeIn'],
      [RAT.ammyy, 'AmmyyAdmin'],
      [RAT.other, 'Other RMM'],
      [RAT.msp, 'MSP Tool'],
    ];
    const nested = cats.reduceRight((inner, [p, v]) => `if(${m(p)}, "${v}", ${inner})`, '"Unknown"');
    expect(lines(out, '| if(')).toEqual([
      `| ${nested} as rat_category`,
      '| if(ParentImage matches /(?is)^.*\\x5c(?:services|svchost)\\.exe$/, "true", "false") as is_service_launched',
      '| if(ParentImage matches /(?is)^.*\\x5c(?:explorer|cmd|powershell)\\.exe$/, "true", "false") as is_user_launched',
    ]);
    expect(lines(out, '| fields')).toEqual(['| fields Computer, User, Image, CommandLine, ParentImage, rat_category, is_service_launched, is_user_launched']);
    // ParentImage is read by the enrichments: extracted with the rule's fields.
    expect(lines(out, '| json')[0]).toContain('"EventData.ParentImage"');
  });

  test('Cloud SIEM: nothing computed; the expression is unchanged, a warning per enrichment says what is lost', () => {
    const r = convert(sumoCse, T1219);
    const out = r.rules[0]!.output;
    expect(out).not.toMatch(/rat_category|Commercial RMM/);
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.message.split(':')[0]])).toEqual([
      ['enrichment/dropped', 'warning', "enrichment 'rat_category' is not computed"],
      ['enrichment/dropped', 'warning', "enrichment 'is_service_launched' is not computed"],
      ['enrichment/dropped', 'warning', "enrichment 'is_user_launched' is not computed"],
    ]);
    // The conditions in CSE syntax, for the rule's page (not computed).
    const rendered = r.rules[0]!.enrichments!;
    expect(rendered.map((e) => [e.name, e.computed, e.cases.length])).toEqual([
      ['rat_category', false, 6],
      ['is_service_launched', false, 1],
      ['is_user_launched', false, 1],
    ]);
    expect(rendered[1]!.cases[0]!.condition).toBe('parentBaseImage matches /(?is)^.*\\x5c(?:services|svchost)\\.exe$/');
  });
});

describe('T1021.006: AlertType per backend', () => {
  test.each([
    [
      'kql',
      () => convert(kql, T1021),
      '| extend AlertType = case(InitiatingProcessFileName =~ "wsmprovhost.exe", "WinRM_RemoteExec", FileName in~ ("powershell.exe", "pwsh.exe"), "WinRM_PSRemoting", FileName =~ "winrs.exe", "WinRM_DirectTool", "Unknown")',
    ],
    [
      'splunk',
      () => convert(splunkBackend, T1021, 'splunk-windows'),
      'eval AlertType=case(match(ParentImage, "(?i)\\\\\\\\wsmprovhost\\\\.exe\\\\z"), "WinRM_RemoteExec", match(Image, "(?i)\\\\\\\\powershell\\\\.exe\\\\z") OR match(Image, "(?i)\\\\\\\\pwsh\\\\.exe\\\\z"), "WinRM_PSRemoting", match(Image, "(?i)\\\\\\\\winrs\\\\.exe\\\\z"), "WinRM_DirectTool", true(), "Unknown")',
    ],
    [
      'sumo',
      () => convert(sumo, T1021),
      '| if(ParentImage matches /(?is)^.*\\x5cwsmprovhost\\.exe$/, "WinRM_RemoteExec", if(Image matches /(?is)^.*\\x5c(?:powershell|pwsh)\\.exe$/, "WinRM_PSRemoting", if(Image matches /(?is)^.*\\x5cwinrs\\.exe$/, "WinRM_DirectTool", "Unknown"))) as AlertType',
    ],
  ] as const)('%s', (_, run, text) => {
    expect(run().rules[0]!.output).toContain(text);
  });
});

describe('validators accept every output with enrichments', () => {
  const backends: Readonly<Record<string, Backend>> = { kql, splunk: splunkBackend, sumo };
  const cases: [string, string, string | undefined][] = [];
  for (const dir of [T1219, T1021]) {
    for (const p of kql.pipelines) cases.push([dir, 'kql', p.name]);
    for (const p of [undefined, ...splunkBackend.pipelines.map((x) => x.name)]) cases.push([dir, 'splunk', p]);
    for (const p of [undefined, ...sumo.pipelines.map((x) => x.name)]) cases.push([dir, 'sumo', p]);
  }
  test.each(cases)('%s %s %s', (dir, id, pipeline) => {
    const backend = backends[id]!;
    const r = convert(backend, dir, pipeline);
    for (const rule of r.rules) {
      expect(rule.output).toMatch(/AlertType|rat_category/);
      for (const q of rule.output.split('\n\n')) expect(backend.validate(q), q).toEqual([]);
    }
  });
});

describe('a correlation over a rule with enrichments', () => {
  // Enrichments are per-event labels: the aggregation drops them, and the rule's query must still be reusable.
  const CORRELATION = `title: Many remote access tools
name: many_rats
correlation:
    type: event_count
    rules:
        - 07b00a6e-0b58-484a-a163-5d5481be0dc4
    group-by:
        - Computer
    timespan: 1h
    condition:
        gte: 3
`;
  test.each([
    ['kql', kql],
    ['splunk', splunkBackend],
    ['sumo', sumo],
    ['sumo-cse', sumoCse],
  ] as const)('%s', (_, backend) => {
    const file = ruleFile(T1219);
    const r = backend.convert(loadCollection([{ text: readFileSync(file, 'utf8'), file }, { text: CORRELATION, file: 'c.yml' }]));
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const correlation = r.rules.find((x) => x.document.kind === 'correlation')!;
    for (const q of correlation.queries) expect(backend.validate(q), q).toEqual([]);
  });
});

// ------------------------------------------------------------------------------ platform truth

interface Fixture {
  readonly file: string;
  readonly expect: 'match' | 'no-match';
  readonly event: RawEvent;
  readonly enrichments?: Readonly<Record<string, string>>;
}

function fixtures(dir: string): Fixture[] {
  const d = join(RULES, dir, 'fixtures');
  return readdirSync(d)
    .filter((f) => f.startsWith('tp_') && f.endsWith('.json'))
    .sort()
    .map((f) => ({ file: f, ...(JSON.parse(readFileSync(join(d, f), 'utf8')) as Omit<Fixture, 'file'>) }));
}

const SOURCE = { product: 'windows', category: 'process_creation' } as const;
const names = (rendered: readonly RenderedEnrichment[] | undefined) => (rendered ?? []).filter((e) => e.computed).map((e) => e.name);

function kqlRows(query: string, records: readonly KqlRecord[]): Readonly<Record<string, unknown>>[] {
  const tables: Record<string, KqlTable> = {};
  for (const r of records) {
    const t = (tables[r.table] ??= { name: r.table, columns: kqlTableColumns(r.table)!, rows: [] });
    (t.rows as unknown[]).push(r.row);
  }
  return [...compileKql(query).run(tables).rows];
}

/**
 * Each platform's emitted query, run by the platform-truth interpreters (packages/truth) on the records the platform
 * stores for each true positive (built from the vendors' documentation, not from the backend): the enrichment columns
 * of the result row must hold the values the fixture asserts, which the evaluator computes from the portable rule.
 */
const PLATFORMS: readonly {
  readonly id: string;
  /** Its records are built from the vendor snapshot (Microsoft's table pages). */
  readonly vendor?: boolean;
  readonly run: (dir: string) => { names: string[]; values: (event: RawEvent) => Record<string, unknown>[] };
}[] = [
  {
    id: 'kql/microsoft_xdr',
    vendor: true,
    run: (dir) => {
      const rule = convert(kql, dir).rules[0]!;
      return { names: names(rule.enrichments), values: (e) => kqlRows(rule.queries[0]!, defenderRecords(e, SOURCE)) };
    },
  },
  {
    id: 'kql/sentinel_sysmon_windowsevent',
    vendor: true,
    run: (dir) => {
      const rule = convert(kql, dir, 'sentinel_sysmon_windowsevent').rules[0]!;
      return { names: names(rule.enrichments), values: (e) => kqlRows(rule.queries[0]!, windowsEventRecords(e, SOURCE)) };
    },
  },
  {
    id: 'splunk/splunk-windows',
    run: (dir) => {
      const rule = convert(splunkBackend, dir, 'splunk-windows').rules[0]!;
      const compiled = compileSpl(rule.output);
      return { names: names(rule.enrichments), values: (e) => compiled.run(splunkEvents(e, SOURCE, 'sysmon-addon')).map((x) => ({ ...x.fields })) };
    },
  },
  {
    id: 'sumo/json',
    run: (dir) => {
      const rule = convert(sumo, dir).rules[0]!;
      const compiled = compileSumo(rule.output, { regexMatch: 'whole' });
      return { names: names(rule.enrichments), values: (e) => compiled.run(sumoMessages(e, SOURCE, 'json')).map((x) => ({ ...x.fields })) };
    },
  },
];

describe.each(PLATFORMS)('platform truth: $id computes the asserted enrichments', ({ vendor, run }) => {
  test.skipIf(vendor && !HAVE_VENDOR).each([T1219, T1021])(vendor ? `%s ${NEEDS_VENDOR}` : '%s', (dir) => {
    const { names: computed, values } = run(dir);
    const tps = fixtures(dir);
    expect(tps.length).toBeGreaterThan(0);
    for (const fx of tps) {
      const expected = fx.enrichments!;
      expect(computed.sort()).toEqual(Object.keys(expected).sort());
      const rows = values(fx.event);
      expect(rows, fx.file).toHaveLength(1);
      const got = Object.fromEntries(computed.map((n) => [n, rows[0]![n]]));
      expect(got, fx.file).toEqual(expected);
    }
  });
});
