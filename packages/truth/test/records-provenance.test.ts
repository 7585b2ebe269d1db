import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import {
  AKS_AUDIT_COLUMNS, AKS_AUDIT_SAMPLE_QUERY, AKS_AUDIT_TABLE_LINES, ASIM_ASSUMPTIONS, ASSUMPTIONS, IIS_PARSER, K8S_EVENT_FIELDS, K8S_LEVELS, K8S_OBJECT_REFERENCE_FIELDS,
  K8S_STAGES, ZEEK_DNS_PARSER, ZIA_PARSER, vendorDir, type ParserText,
} from '../src/records/index.js';
import { NEEDS_VENDOR } from '../../core/test/shared-data.js';
import { HAVE_VENDOR } from './records-fixtures.js';

const recordsDir = resolve(fileURLToPath(new URL('.', import.meta.url)), '../src/records');
const sources = readdirSync(recordsDir).filter((f) => f.endsWith('.ts') || f.endsWith('.md')).map((f) => ({ file: f, text: readFileSync(join(recordsDir, f), 'utf8') }));
const all = [...ASSUMPTIONS, ...ASIM_ASSUMPTIONS];

/** Every parser file of the snapshot by its base name. */
function parserFiles(): Map<string, string> {
  const out = new Map<string, string>();
  const root = join(vendorDir(), 'microsoft/Azure-Sentinel/Parsers');
  for (const schema of readdirSync(root)) {
    const dir = join(root, schema, 'Parsers');
    if (existsSync(dir)) for (const f of readdirSync(dir)) out.set(f, join(dir, f));
  }
  return out;
}

describe('provenance of the record builders', () => {
  test('assumption ids are unique, and each one is used by a builder', () => {
    const ids = all.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    const used = new Set(sources.filter((s) => s.file !== 'assumptions.ts').flatMap((s) => [...s.text.matchAll(/assumption\('([\w-]+)'\)/g)].map((m) => m[1]!)));
    for (const id of ids) expect(used, `assumption ${id} is never used`).toContain(id);
    for (const id of used) expect(ids, `assumption ${id} is not listed`).toContain(id);
    for (const a of all) {
      expect(a.statement.length).toBeGreaterThan(20);
      expect(a.reasoning.length).toBeGreaterThan(20);
    }
  });

  test('AKSAudit citations (aksaudit-include.md, aksaudit.md, queries/aksaudit.md, the audit types.go) name transcribed lines', () => {
    const include = new Map(AKS_AUDIT_COLUMNS.map(([name, , line]) => [line, name]));
    const typesLines = new Set([73, ...K8S_EVENT_FIELDS.map(([, , l]) => l), ...K8S_LEVELS.map(([, l]) => l), ...K8S_STAGES.map(([, l]) => l), ...K8S_OBJECT_REFERENCE_FIELDS.map(([, , l]) => l)]);
    const tableLines = new Set(AKS_AUDIT_TABLE_LINES.map(([l]) => l));
    const queryLines = new Set(AKS_AUDIT_SAMPLE_QUERY.map(([l]) => l));
    let n = 0;
    for (const { file, text } of sources) {
      // `aksaudit-include.md:18 ObjectRef`: the line is that column's; a bare `aksaudit-include.md:18` names a column line.
      for (const m of text.matchAll(/aksaudit-include\.md:(\d+)(?: (\w+))?/g)) {
        expect(include.has(Number(m[1])), `${file}: ${m[0]}`).toBe(true);
        if (m[2] && /^[A-Z]/.test(m[2])) expect(include.get(Number(m[1])), `${file}: ${m[0]}`).toBe(m[2]);
        n++;
      }
      for (const m of text.matchAll(/(?<![\w/-])aksaudit\.md:(\d+)/g)) {
        expect(tableLines.has(Number(m[1])), `${file}: ${m[0]}`).toBe(true);
        n++;
      }
      for (const m of text.matchAll(/queries\/aksaudit\.md(?: @ 431071fd)?:(\d+)/g)) {
        expect(queryLines.has(Number(m[1])), `${file}: ${m[0]}`).toBe(true);
        n++;
      }
      for (const m of text.matchAll(/types\.go @ 3fa086bc:(\d+)/g)) {
        expect(typesLines.has(Number(m[1])), `${file}: ${m[0]}`).toBe(true);
        n++;
      }
    }
    expect(n).toBeGreaterThan(10);
  });

  test.skipIf(!HAVE_VENDOR)(`every \`<parser>.yaml:<line>\` citation names a parser of the snapshot, or a transcribed one, and a line inside it ${NEEDS_VENDOR}`, () => {
    const files = parserFiles();
    // Parsers not in the snapshot are transcribed step by step (web-parsers.ts): a citation must fall in their query.
    const transcribed = new Map<string, ParserText>([IIS_PARSER, ZIA_PARSER, ZEEK_DNS_PARSER].map((p) => [p.path.split('/').at(-1)!, p]));
    let n = 0;
    for (const { file, text } of sources) {
      for (const m of text.matchAll(/(ASim\w+)\.yaml:(\d+)(?:-(\d+))?/g)) {
        const copy = transcribed.get(`${m[1]}.yaml`);
        if (copy) {
          const last = copy.lastLine;
          expect(Number(m[2]), `${file}: ${m[0]} before line ${copy.firstLine}`).toBeGreaterThanOrEqual(copy.firstLine);
          expect(Number(m[3] ?? m[2]), `${file}: ${m[0]} beyond line ${last}`).toBeLessThanOrEqual(last);
          n++;
          continue;
        }
        const path = files.get(`${m[1]}.yaml`);
        expect(path, `${file}: ${m[0]}`).toBeDefined();
        const lines = readFileSync(path!, 'utf8').split(/\r?\n/).length;
        expect(Number(m[3] ?? m[2]), `${file}: ${m[0]} beyond ${lines} lines`).toBeLessThanOrEqual(lines);
        n++;
      }
    }
    expect(n).toBeGreaterThan(20);
  });

  test.skipIf(!HAVE_VENDOR).each([
    ['ASimProcessEventMicrosoft365D.yaml', 68, 'TargetProcessName = FolderPath'],
    ['ASimProcessCreateMicrosoftSysmon.yaml', 73, 'TargetProcessName = Image'],
    ['ASimProcessCreateMicrosoftSysmon.yaml', 52, `<Data Name="(\\w+)">{?([^<]*?)}?</Data>`],
    ['ASimRegistryEventMicrosoft365D.yaml', 50, 'PreviousRegistryKey'],
    ['ASimRegistryEventMicrosoftSysmon.yaml', 136, 'Parameter = tostring(EventData.Parameter)'],
    ['ASimNetworkSessionMicrosoftSysmon.yaml', 73, 'EventData.SrcHostname'],
    ['ASimNetworkSessionMicrosoft365Defender.yaml', 26, "'ConnectionSuccess','Outbound'"],
    ['ASimNetworkSessionMicrosoft365Defender.yaml', 37, 'where Outbound == select_outbound'],
    ['ASimNetworkSessionMicrosoft365Defender.yaml', 58, 'RemoteUrl = extract (@"(?:https?://)?(.*)", 1, RemoteUrl)'],
    ['ASimNetworkSessionMicrosoft365Defender.yaml', 105, 'DstHostname = UrlHostname'],
    ['ASimNetworkSessionMicrosoft365Defender.yaml', 113, 'SrcFQDN = DvcDomain'],
    ['ASimNetworkSessionMicrosoft365Defender.yaml', 161, 'DstFQDN = DvcFQDN'],
    ['ASimFileEventMicrosoft365D.yaml', 89, 'DvcOs = iff(FolderPath startswith "/", "Linux", "Windows")'],
    ['ASimFileEventMicrosoft365D.yaml', 108, 'TargetFilePath = strcat(FolderPath, iff(DvcOs == "Linux", "/", "\\\\"), TargetFileName)'],
    ['ASimFileEventMicrosoft365D.yaml', 117, 'HashType = tostring(dynamic(["SHA256", "SHA1", "MD5"])[array_index_of('],
    ['ASimNetworkSession.yaml', 60, 'ASimNetworkSessionMicrosoft365Defender'],
    ['ASimFileEvent.yaml', 47, 'ASimFileEventMicrosoft365D('],
    ['ASimAuthenticationM365Defender.yaml', 40, "'LogonSuccess'"],
    ['ASimProcessCreateMicrosoftSecurityEvents.yaml', 24, 'MandatoryLabelLookup'],
    ['ASimDnsMicrosoftSysmon.yaml', 98, '//ParsedDnsEvent_Event'],
    ['ASimDns.yaml', 26, '_ASim_Dns_CorelightZeek'],
    ['ASimDns.yaml', 48, 'ASimDnsCorelightZeek'],
  ])(`%s:%i holds the text the builders rely on ${NEEDS_VENDOR}`, (file, line, needle) => {
    const path = parserFiles().get(file)!;
    expect(readFileSync(path, 'utf8').split(/\r?\n/)[line - 1]).toContain(needle);
  });
});
