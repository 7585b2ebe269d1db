import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ASSUMPTIONS } from '../src/generated/assumptions.js';
import { ACTION_TYPES, ASIM_PIVOT, CONVERSIONS, SYSMON_TO_ASIM } from '../src/generated/knowledge.js';
import { GENERATED_TABLES } from '../src/generated/schemas.js';
import { ASIM_DNS_MAPPINGS, ASIM_MAPPINGS, ASIM_POSIX_MAPPINGS, SECURITY_EVENT_MAPPINGS, ZEEK_DNS_MAPPING } from '../src/pipelines/sentinel.js';
import { ASimFileEventMicrosoft365D, ASimNetworkSessionMicrosoft365Defender } from '../src/generated/asim-fields.js';
import { ASIM_LOOKUPS } from '../src/generated/asim-parsers.js';
import { XDR_MAPPINGS } from '../src/pipelines/xdr.js';
import { CLOUD_SOURCES, cloudFields, cloudTableSchemas } from '../src/pipelines/cloud.js';
import { ALL_TABLES } from '../src/tables/index.js';
import { aksAuditTable } from '../src/tables/aks.js';

/** Where a mapping departs from Microsoft's parsers on purpose, and why. */
const EXCEPTIONS: readonly { table: string; field: string; ours: string; reason: string }[] = [
  {
    table: 'DeviceProcessEvents',
    field: 'OriginalFileName',
    ours: 'ProcessVersionInfoOriginalFileName',
    reason:
      "Microsoft's Sysmon parser puts OriginalFileName (the PE version-info name) in TargetProcessFilename, which its Defender parser fills from FileName (the name on disk); Defender has the version-info name itself.",
  },
  ...(['DestinationIp', 'DestinationPort', 'SourceIp', 'SourcePort'] as const).map((field) => ({
    table: 'DeviceNetworkEvents',
    field,
    ours: field,
    reason:
      "The pivot pairs the outbound branch of Microsoft's Defender network parser; its inbound branch reads RemoteIP/RemotePort as the source (ASimNetworkSessionMicrosoft365Defender.yaml:141-144), so the column is a direction-aware computed one.",
  })),
  {
    table: 'imNetworkSession',
    field: 'DestinationHostname',
    ours: 'DestinationHostname',
    reason:
      "The Sysmon parser's DstHostname is split afterwards by _ASIM_ResolveDstFQDN (ASimNetworkSessionMicrosoftSysmon.yaml:160): a computed column reads DstFQDN when the name had a dot.",
  },
  {
    table: 'imFileEvent',
    field: 'TargetFilename',
    ours: 'TargetFileFullPath',
    reason:
      "The view also unions Microsoft's Defender file parser, which joins TargetFilePath = FolderPath + separator + FileName (ASimFileEventMicrosoft365D.yaml:108) for Windows devices too: a computed column drops the repeated name when FolderPath already held it, and is TargetFilePath on the Sysmon parser's rows.",
  },
  ...(['OriginalFileName', 'Company', 'Description', 'Product'] as const).map((field) => ({
    table: 'imProcessCreate',
    field,
    ours: field,
    reason:
      "The view also unions Microsoft's Defender process parser, which fills TargetProcessFilename with the name on disk (ASimProcessEventMicrosoft365D.yaml:66) and keeps the version information in Defender's ProcessVersionInfo* columns: a computed column reads each parser's place.",
  })),
  ...(
    [
      ['User', 'SysmonUser'],
      ['ParentUser', 'SysmonParentUser'],
    ] as const
  ).map(([field, ours]) => ({
    table: 'imProcessCreate',
    field,
    ours,
    reason:
      "The view also unions Microsoft's SecurityEvent 4688 parser, which names LocalSystem by the machine account or KnownSIDs and leaves the target empty when the creator's logon is the new process's (ASimProcessCreateMicrosoftSecurityEvents.yaml:35-39, :64-71): a computed column names the accounts as Sysmon does.",
  })),
  {
    table: 'imProcessCreate',
    field: 'LogonId',
    ours: 'LogonId',
    reason:
      "Defender's and the Windows 4688 parsers write the session as a decimal number (ASimProcessEventMicrosoft365D.yaml:46, ASimProcessCreateMicrosoftWindowsEvents.yaml:91): a computed column gives it in Sysmon's hexadecimal form.",
  },
  {
    table: 'imRegistry',
    field: 'EventID',
    ours: 'EventID',
    reason:
      "The view also unions Microsoft's Defender registry parser, which sets no EventOriginalType: a computed column reads Sysmon's event id off the EventType every parser writes.",
  },
  {
    table: 'imRegistry',
    field: 'EventType',
    ours: 'EventType',
    reason: "The Sysmon parser keeps Sysmon's value in EventOriginalSubType; EventType holds ASIM's values for every source, so the rule's values are converted instead.",
  },
];

const columnsOf = (table: string) => new Set(GENERATED_TABLES.find((t) => t.table === table)?.columns.map((c) => c.name));

describe('field mappings agree with the generated Microsoft knowledge', () => {
  it('XDR mappings follow the ASIM pivot (Sysmon parser ⇄ Defender parser) wherever it has a row', () => {
    let justified = 0;
    for (const m of XDR_MAPPINGS) {
      for (const [field, col] of Object.entries(m.fields)) {
        const pivot = ASIM_PIVOT.filter((p) => p.table === m.table && p.sysmonField === field);
        if (pivot.length === 0) continue;
        justified++;
        const exception = EXCEPTIONS.find((e) => e.table === m.table && e.field === field);
        if (exception) expect(col).toBe(exception.ours);
        else expect(pivot.map((p) => p.column), `${m.table}.${field}`).toContain(col);
      }
    }
    expect(justified).toBeGreaterThanOrEqual(15);
  });

  it('ASIM mappings are the Sysmon parsers’ wherever a parser reads the field', () => {
    for (const m of ASIM_MAPPINGS) {
      for (const [field, col] of Object.entries(m.fields)) {
        const parser = SYSMON_TO_ASIM.find((r) => r.view === m.table && r.sysmonField === field);
        if (!parser) continue;
        const exception = EXCEPTIONS.find((e) => e.table === m.table && e.field === field);
        expect(col, `${m.table}.${field}`).toBe(exception?.ours ?? parser.column);
      }
    }
  });

  /**
   * The columns the Linux and macOS ASIM mappings read, each mapped field's own or, for a computed field, the table's
   * columns its expression names; and the fields their conditions test.
   */
  function posixReads(): { table: string; column: string; what: string }[] {
    const out: { table: string; column: string; what: string }[] = [];
    for (const m of ASIM_POSIX_MAPPINGS) {
      const schema = ALL_TABLES.find((t) => t.name === m.table)!;
      for (const col of Object.values(m.fields).flat()) {
        const expr = schema.computed?.[col];
        const cols = expr === undefined ? [col] : (expr.match(/\b[A-Z]\w*\b/g) ?? []).filter((w) => w in schema.columns);
        expect(cols.length, `${m.table}.${col}`).toBeGreaterThan(0);
        for (const c of cols) out.push({ table: m.table, column: c, what: `${m.product} ${m.categories[0]} ${m.table}.${c}` });
      }
      for (const [field, cond] of Object.entries(m.conditions ?? {})) out.push({ table: m.table, column: field, what: `${m.table} condition ${field}=${String(cond)}` });
    }
    return out;
  }

  it("Linux and macOS ASIM mappings read only what Microsoft's Defender parsers fill, directly or through a computed field", () => {
    // NetworkDirection comes from the network parser's DirectionLookup datatable, not from an assignment.
    expect(ASIM_LOOKUPS.some((l) => l.parser === 'ASimNetworkSessionMicrosoft365Defender' && JSON.stringify(l).includes('NetworkDirection'))).toBe(true);
    const filled: Record<string, ReadonlySet<string>> = {
      imNetworkSession: new Set([...ASimNetworkSessionMicrosoft365Defender, 'NetworkDirection']),
      imFileEvent: new Set(ASimFileEventMicrosoft365D),
    };
    expect(posixReads().filter((r) => !filled[r.table]!.has(r.column)).map((r) => r.what)).toEqual([]);
  });

  it('Linux and macOS ASIM mappings read what the Sysmon for Linux parsers fill, but the command line of a file event', () => {
    // Transcribed from Azure/Azure-Sentinel (not in the vendor snapshot): ASimNetworkSessionMicrosoftLinuxSysmon.yaml
    // @ c3b99ac4 (parse … SrcIpAddr, SrcPortNumber, DstIpAddr, DstHostname, DstPortNumber; project-rename
    // Src/DstUsername = User, Src/DstProcessId = ProcessId, …; extend EventProduct, NetworkProtocol, NetworkDirection)
    // and ASimFileEventLinuxSysmonFileCreated.yaml @ f5af74b2 (parse … ActorUsername; extend EventType, EventProduct;
    // project-rename ActingProcessName, ActingProcessId, TargetFilePath, …).
    const filled: Record<string, ReadonlySet<string>> = {
      imNetworkSession: new Set([
        'SrcIpAddr', 'SrcPortNumber', 'DstIpAddr', 'DstHostname', 'DstPortNumber', 'SrcUsername', 'DstUsername', 'SrcProcessId', 'DstProcessId',
        'SrcProcessName', 'DstProcessName', 'EventProduct', 'NetworkProtocol', 'NetworkDirection', 'EventType', 'DvcOs',
      ]),
      imFileEvent: new Set(['ActorUsername', 'EventType', 'EventProduct', 'ActingProcessName', 'ActingProcessId', 'ActingProcessGuid', 'TargetFilePath', 'DvcOs']),
    };
    // Read only on Defender's rows: DstFQDN (the Sysmon for Linux parser keeps the whole name in DstHostname),
    // TargetFileName (TargetFileFullPath reads it on Defender's rows only), ActingProcessCommandLine (Sysmon for Linux
    // writes no command line in event 11).
    const defenderOnly = new Set(['imNetworkSession.DstFQDN', 'imFileEvent.TargetFileName', 'imFileEvent.ActingProcessCommandLine']);
    const missing = posixReads().filter((r) => !filled[r.table]!.has(r.column) && !defenderOnly.has(`${r.table}.${r.column}`));
    expect(missing.map((r) => r.what)).toEqual([]);
  });

  it('every mapped column is a documented column of its table (or one of its computed fields)', () => {
    const missing: string[] = [];
    const zeek = { categories: ['zeek dns'], ...ZEEK_DNS_MAPPING };
    for (const m of [...XDR_MAPPINGS, ...SECURITY_EVENT_MAPPINGS, ...ASIM_MAPPINGS, ...ASIM_POSIX_MAPPINGS, ...ASIM_DNS_MAPPINGS, zeek]) {
      const cols = columnsOf(m.table);
      const computed = ALL_TABLES.find((t) => t.name === m.table)?.computed ?? {};
      for (const col of Object.values(m.fields).flat()) if (!cols.has(col) && !(col in computed)) missing.push(`${m.categories[0]} ${m.table}.${col}`);
    }
    expect(missing).toEqual([]);
  });

  it('every column sentinel_cloud maps a field to is a documented column of its table', () => {
    const missing: string[] = [];
    // Tables whose page is not in the vendor snapshot, or a connector's own: their columns are transcribed (tables/*.ts),
    // and a mapped name may be one of the computed fields of a schema the pipeline gives (OktaV2_CL's debugData keys,
    // AWSCloudTrail's JSON parts over its generated columns).
    const given = cloudTableSchemas();
    const transcribed = new Map(given.map((t) => [t.name, new Set([...Object.keys(t.columns), ...Object.keys(t.computed ?? {})])]));
    for (const [service, , table, fields] of CLOUD_SOURCES) {
      const cols = transcribed.get(table) ?? columnsOf(table);
      expect(cols.size, table).toBeGreaterThan(0);
      for (const col of Object.values(cloudFields(table, fields))) if (!cols.has(col)) missing.push(`${service} ${table}.${col}`);
    }
    expect(missing).toEqual([]);
  });

  it("AKSAudit is Microsoft's page transcribed, and each audit event field reads the column the page describes as it", () => {
    // MicrosoftDocs/azure-reference-other azure-monitor-ref/tables/includes/aksaudit-include.md @ 431071fd, lines 13-36:
    // the column, its type, and the words of its description that name the audit.k8s.io/v1 Event field it holds.
    const page: readonly (readonly [line: number, column: string, type: string, field?: string, words?: string])[] = [
      [13, 'Annotations', 'dynamic', 'annotations', 'An unstructed key-value map associated with this audit event'],
      [14, 'AuditId', 'string', 'auditID', 'Unique audit ID that is generated for each request'],
      [15, '_BilledSize', 'real'],
      [16, '_IsBillable', 'string'],
      [17, 'Level', 'string', 'level', 'Level (Metadata, Request, RequestResponse) of the audit event'],
      [18, 'ObjectRef', 'dynamic', 'objectRef', 'The Kubernetes object reference this event was targeted for'],
      [19, 'PodName', 'string'],
      [20, 'RequestObject', 'dynamic', 'requestObject', 'Kubernetes API object from the request'],
      [21, 'RequestReceivedTime', 'datetime'],
      [22, 'RequestUri', 'string', 'requestURI', 'The URI of the request made by the client to the server'],
      [23, '_ResourceId', 'string'],
      [24, 'ResponseObject', 'dynamic', 'responseObject', 'Kubernetes API object from the response'],
      [25, 'ResponseStatus', 'dynamic', 'responseStatus', 'Response status for the request, which includes the response code'],
      [26, 'SourceIps', 'dynamic', 'sourceIPs', 'The list of source IP addresses for the originating client and intermediate proxies'],
      [27, 'SourceSystem', 'string'],
      [28, 'Stage', 'string', 'stage', 'The request handling stage (RequestReceived, ResponseStarted, ResponseComplete, Panic)'],
      [29, 'StageReceivedTime', 'datetime'],
      [30, '_SubscriptionId', 'string'],
      [31, 'TenantId', 'string'],
      [32, 'TimeGenerated', 'datetime'],
      [33, 'Type', 'string'],
      [34, 'User', 'dynamic', 'user', 'Authenticated user metadata of the requesting client'],
      [35, 'UserAgent', 'string', 'userAgent', 'The user agent string presented by the originating client'],
      [36, 'Verb', 'string', 'verb', 'The Kubernetes verb associated with the request'],
    ];
    expect(page.map(([line], i) => line - i)).toEqual(page.map(() => 13));
    expect(Object.entries(aksAuditTable().columns)).toEqual(page.map(([, column, type]) => [column, type]));
    const [, , table, fields] = CLOUD_SOURCES.find(([service, product]) => product === 'kubernetes' && service === 'audit')!;
    expect(table).toBe('AKSAudit');
    const mapped = cloudFields(table, fields);
    const described = page.filter((r) => r[3] !== undefined);
    expect(Object.fromEntries(Object.entries(mapped).filter(([f]) => !f.includes('.')))).toEqual(Object.fromEntries(described.map(([, column, , field]) => [field, column])));
    // A key of an object is read inside the column holding that object (objectRef.resource in ObjectRef).
    const computed = aksAuditTable().computed ?? {};
    for (const [field, column] of Object.entries(mapped).filter(([f]) => f.includes('.'))) {
      const [object, key] = field.split('.');
      expect(computed[column], field).toBe(`${mapped[object!]}.${key}`);
    }
    // The transcription names where it comes from: repository, path and commit.
    const source = readFileSync(new URL('../src/tables/aks.ts', import.meta.url), 'utf8');
    for (const cite of ['azure-reference-other', 'azure-monitor-ref/tables/includes/aksaudit-include.md', '431071fd629e8654300a841f3af8709ef93243ec', 'lines 13-36']) {
      expect(source).toContain(cite);
    }
  });

  it('every ActionType an XDR mapping adds is named by a source or by an assumption', () => {
    const assumed = ASSUMPTIONS.find((a) => a.id === 'defender-deviceevents-actiontypes')!.text;
    for (const m of XDR_MAPPINGS) {
      for (const v of [m.conditions?.ActionType ?? []].flat()) {
        const sourced = ACTION_TYPES.some((a) => a.table === m.table && a.actionType === v);
        expect(sourced || assumed.includes(String(v)), `${m.table} ActionType ${v}`).toBe(true);
      }
    }
  });

  it('the 4688 integrity SIDs are those of Microsoft’s MandatoryLabelLookup', () => {
    const sids = CONVERSIONS.filter((c) => c.kind === 'integrity-label').map((c) => c.from);
    expect(sids).toEqual(expect.arrayContaining(['S-1-16-4096', 'S-1-16-8192', 'S-1-16-12288', 'S-1-16-16384']));
  });
});
