// Facts derived from the parsed sources: value conversions (the parsers' lookup tables), the ASIM pivot (which
// source column each parser maps onto an ASIM field), ActionType values per Defender table, and the assumptions
// (facts none of the sources give), each row citing where it comes from.

/** The lookup `name` of parser `parser`, or a thrown error (a source change the generator must notice). */
function lookup(parsers, parser, name) {
  const p = parsers.find((x) => x.info.parser === parser);
  const l = p?.lookups.find((x) => x.name === name);
  if (!l) throw new Error(`lookup ${name} not found in ${parser}`);
  return l;
}

function assignment(parsers, parser, field, table) {
  const p = parsers.find((x) => x.info.parser === parser);
  return p?.assignments.find((a) => a.field === field && (table === undefined || a.table === table));
}

/** Value conversions: Sysmon (or Defender) value → the value the target stores, from Microsoft's lookups. */
export function conversions(parsers, schemaPages) {
  const rows = [];
  const add = (kind, from, to, source, note) => rows.push({ kind, from, to, source, ...(note ? { note } : {}) });
  for (const r of lookup(parsers, 'ASimRegistryEventMicrosoftSysmon', 'RegistryAction').rows) {
    add('registry-event-type', r.values[0], r.values[1], r.source, 'Sysmon EventType → ASIM EventType (= Defender ActionType)');
  }
  for (const r of lookup(parsers, 'ASimRegistryEventMicrosoftSysmon', 'Hives').rows) {
    add('registry-hive', r.values[0], r.values[1], r.source, 'Sysmon key prefix → ASIM root key');
  }
  for (const r of schemaPages.rootKeys) add('registry-hive', r.from, r.to, r.source, 'other representation → ASIM normalized root key');
  for (const r of lookup(parsers, 'ASimRegistryEventMicrosoft365D', 'RegistryType').rows) {
    add('registry-value-type', r.values[0], r.values[1], r.source, 'Defender RegistryValueType → ASIM RegistryValueType');
  }
  for (const r of lookup(parsers, 'ASimNetworkSessionMicrosoft365Defender', 'DirectionLookup').rows) {
    add('network-direction', r.values[0], r.values[1], r.source, `Defender ActionType → ASIM NetworkDirection (outbound: ${r.values[2]})`);
  }
  for (const r of lookup(parsers, 'ASimProcessCreateMicrosoftSecurityEvents', 'MandatoryLabelLookup').rows) {
    add('integrity-label', r.values[0], r.values[3], r.source, 'SecurityEvent 4688 MandatoryLabel SID → integrity level');
  }
  return rows;
}

/** `X`, `tostring(X)`, `tostring(EventData.X)`, `toint(X)` …: the source column an ASIM field is read from. */
function sourceColumn(expr) {
  const m = /^(?:(tostring|toint|tolong|todatetime)\s*\(\s*)?(?:EventData\.)?([A-Za-z_]\w*)\s*\)?$/.exec(expr.trim());
  return m ? { column: m[2], via: m[1] ?? '' } : undefined;
}

/**
 * The ASIM pivot: for each ASIM field that both Microsoft's Sysmon parser and its Microsoft 365 Defender parser
 * read from a single column, Sysmon field ⇄ Defender column. This is the evidence for the XDR field mappings.
 */
export const PIVOTS = [
  { schema: 'ProcessEvent', sysmon: 'ASimProcessCreateMicrosoftSysmon', defender: 'ASimProcessEventMicrosoft365D', table: 'DeviceProcessEvents' },
  { schema: 'FileEvent', sysmon: 'ASimFileEventMicrosoftSysmon', defender: 'ASimFileEventMicrosoft365D', table: 'DeviceFileEvents' },
  { schema: 'RegistryEvent', sysmon: 'ASimRegistryEventMicrosoftSysmon', defender: 'ASimRegistryEventMicrosoft365D', table: 'DeviceRegistryEvents' },
  { schema: 'NetworkSession', sysmon: 'ASimNetworkSessionMicrosoftSysmon', defender: 'ASimNetworkSessionMicrosoft365Defender', table: 'DeviceNetworkEvents' },
];

export function pivot(parsers, schemas) {
  const rows = [];
  for (const p of PIVOTS) {
    const sys = parsers.find((x) => x.info.parser === p.sysmon);
    const def = parsers.find((x) => x.info.parser === p.defender);
    // Only Sysmon event-data fields on one side and documented Defender columns on the other (not the parsers'
    // intermediate or alias names).
    const sysmonFields = new Set(sys.eventDataFields);
    const defenderColumns = new Set(schemas.find((s) => s.table === p.table).columns.map((c) => c.name));
    // Sysmon: the first single-column assignment of each field (Event branch first, then WindowsEvent).
    const fromSysmon = new Map();
    for (const a of sys.assignments) {
      const c = sourceColumn(a.expr);
      if (c && !fromSysmon.has(a.field)) fromSysmon.set(a.field, { ...c, source: a.source });
    }
    const seen = new Set();
    for (const a of def.assignments) {
      const c = sourceColumn(a.expr);
      if (!c || seen.has(a.field)) continue;
      seen.add(a.field);
      const s = fromSysmon.get(a.field);
      if (!s || !sysmonFields.has(s.column) || !defenderColumns.has(c.column)) continue;
      rows.push({
        schema: p.schema,
        asimField: a.field,
        sysmonField: s.column,
        table: p.table,
        column: c.column,
        ...(c.via ? { conversion: c.via } : {}),
        sysmonSource: s.source,
        defenderSource: a.source,
      });
    }
  }
  return rows;
}

/** ActionType values per Defender table, where a source names them. */
export function actionTypes(parsers, schemaPages) {
  const rows = [];
  // The Defender parsers rename ActionType to EventType without a lookup: the ASIM values are Defender's.
  const verbatim = [
    { table: 'DeviceProcessEvents', parser: 'ASimProcessEventMicrosoft365D', schema: 'ProcessEvent' },
    { table: 'DeviceFileEvents', parser: 'ASimFileEventMicrosoft365D', schema: 'FileEvent' },
    { table: 'DeviceRegistryEvents', parser: 'ASimRegistryEventMicrosoft365D', schema: 'RegistryEvent' },
  ];
  for (const v of verbatim) {
    const a = assignment(parsers, v.parser, 'EventType');
    if (!a || a.expr !== 'ActionType') throw new Error(`${v.parser}: EventType is no longer ActionType`);
    for (const e of schemaPages.eventTypes[v.schema]) {
      rows.push({ table: v.table, actionType: e.value, source: e.source, via: a.source });
    }
  }
  for (const r of lookup(parsers, 'ASimNetworkSessionMicrosoft365Defender', 'DirectionLookup').rows) {
    rows.push({ table: 'DeviceNetworkEvents', actionType: r.values[0], source: r.source });
  }
  return rows;
}

/** Microsoft's Sysmon parser per ASIM view: the view the sentinel_asim pipeline reads for those events. */
export const SYSMON_PARSERS = [
  { view: 'imProcessCreate', parser: 'ASimProcessCreateMicrosoftSysmon' },
  { view: 'imFileEvent', parser: 'ASimFileEventMicrosoftSysmon' },
  { view: 'imRegistry', parser: 'ASimRegistryEventMicrosoftSysmon' },
  { view: 'imNetworkSession', parser: 'ASimNetworkSessionMicrosoftSysmon' },
  { view: 'imDns', parser: 'ASimDnsMicrosoftSysmon' },
];

/**
 * Sysmon field → ASIM column, where Microsoft's Sysmon parser reads one event-data field (or the Computer column)
 * into a documented column of the view: the sentinel_asim field mappings.
 */
export function sysmonToAsim(parsers, schemas) {
  const rows = [];
  for (const { view, parser } of SYSMON_PARSERS) {
    const p = parsers.find((x) => x.info.parser === parser);
    const fields = new Set([...p.eventDataFields, 'Computer']);
    const columns = new Set(schemas.find((s) => s.table === view).columns.map((c) => c.name));
    const seen = new Set();
    for (const a of p.assignments) {
      const c = sourceColumn(a.expr);
      if (seen.has(a.field)) continue;
      seen.add(a.field);
      if (!c || !fields.has(c.column) || !columns.has(a.field)) continue;
      rows.push({ view, sysmonField: c.column, column: a.field, ...(c.via ? { conversion: c.via } : {}), source: a.source });
    }
  }
  return rows;
}
