import { describe, expect, it } from 'vitest';
import * as ASIM_ASSIGNED_FIELDS from '../src/generated/asim-fields.js';
import { ASIM_ASSIGNMENTS } from '../src/generated/asim-parsers.js';
import { GENERATED_TABLES } from '../src/generated/schemas.js';
import { CONVERSION_FACTS, CONVERSIONS, SYSMON_ASIM_COLUMNS, SYSMON_TO_ASIM } from '../src/generated/knowledge.js';
import type { Conversion } from '../src/generated/types.js';
import { TABLE_COLUMNS } from '../src/generated/table-columns.js';
import { CLOUD_TABLE_COLUMNS, SYSLOG_TABLE_COLUMNS, UNREAD_TABLE_COLUMNS } from '../src/generated/subpath-table-columns.js';
import { conversionRows, INITIATED_ACTION_TYPES, INTEGRITY_SIDS, REGISTRY_EVENT_TYPES, SYSMON_HIVES, sysmonToAsim } from '../src/knowledge.js';
import { generatedTable } from '../src/tables/generated.js';
import { syslogTableSchema } from '../src/pipelines/syslog.js';
import { ALL_TABLES } from '../src/tables/index.js';
import { CLOUD_SOURCES, cloudTableSchemas } from '../src/pipelines/cloud.js';
import { kqlPipelines } from '../src/backend.js';
import { unreadTableSchemas } from '../src/validator.js';
import { sentinelCloudPipeline } from '../src/cloud.js';
import { sentinelSyslogPipeline } from '../src/syslog.js';


// The runtime reads projections of the cited tables (the browser bundle carries facts, not their provenance). Each
// projection must be exactly what the cited rows say, so every runtime fact still has its vendor file and line.
describe('runtime projections of the generated Microsoft knowledge', () => {
  it('TABLE_COLUMNS and the subpaths\' rows, as the runtime decodes them, are schemas.ts without the citations: same tables, columns and types, by name', () => {
    const subpath = [...CLOUD_TABLE_COLUMNS, ...SYSLOG_TABLE_COLUMNS, ...UNREAD_TABLE_COLUMNS];
    const rowsOf = (table: string) => (subpath.some((r) => r[0] === table) ? subpath : undefined);
    expect([...TABLE_COLUMNS, ...subpath].map((t) => [t[0], t[1]]).sort()).toEqual(GENERATED_TABLES.map((t) => [t.table, t.family]).sort());
    for (const t of GENERATED_TABLES) {
      const cited: Record<string, string> = {};
      for (const c of t.columns) cited[c.name] = c.type;
      const runtime = generatedTable(t.table, rowsOf(t.table));
      expect([runtime.table, runtime.family], t.table).toEqual([t.table, t.family]);
      const byName = ([a]: [string, string], [b]: [string, string]): number => (a < b ? -1 : a > b ? 1 : 0);
      expect(Object.entries(runtime.columns).sort(byName), t.table).toEqual(Object.entries(cited).sort(byName));
    }
    // Every type is written out (`name:datetime`), but a string column only by its name.
    expect(TABLE_COLUMNS[0]![2]).toMatch(/^AccountDomain,AccountName,.*,Timestamp:datetime(,|$)/);
  });

  it('asim-fields.ts is ASIM_ASSIGNMENTS by parser', () => {
    const parsers = [...new Set(ASIM_ASSIGNMENTS.map((a) => a.parser))];
    expect(Object.keys(ASIM_ASSIGNED_FIELDS).sort()).toEqual([...parsers].sort());
    for (const p of parsers) {
      expect((ASIM_ASSIGNED_FIELDS as Record<string, readonly string[]>)[p], p).toEqual([...new Set(ASIM_ASSIGNMENTS.filter((a) => a.parser === p).map((a) => a.field))]);
    }
    // The one the ASIM pipeline reads (Linux/macOS processes reach imProcessCreate only through it).
    expect(ASIM_ASSIGNED_FIELDS.ASimProcessEventMicrosoft365D).toContain('TargetProcessFilename');
  });

  it('CONVERSION_FACTS is CONVERSIONS without notes, and each citation only its file name: same rows, same order', () => {
    expect(CONVERSION_FACTS).toEqual(CONVERSIONS.map((c) => [c.kind, c.from, c.to, c.source.replace(/^.*\//, '').replace(/:\d+$/, '')]));
    // The Sysmon parser's rows are told apart by that file name, as they were by the whole citation.
    for (const [c, f] of CONVERSIONS.map((c, i) => [c, CONVERSION_FACTS[i]!] as const)) expect(f[3].includes('MicrosoftSysmon')).toBe(c.source.includes('MicrosoftSysmon'));
    for (const kind of new Set(CONVERSIONS.map((c) => c.kind))) {
      expect(conversionRows(kind).map((c) => [c[1], c[2]]), kind).toEqual(CONVERSIONS.filter((c) => c.kind === kind).map((c) => [c.from, c.to]));
    }
  });

  it('SYSMON_ASIM_COLUMNS is SYSMON_TO_ASIM by view: the first row of each field, in row order', () => {
    const views = [...new Set(SYSMON_TO_ASIM.map((r) => r.view))];
    expect(Object.keys(SYSMON_ASIM_COLUMNS)).toEqual(views);
    for (const view of views) {
      const first: [string, string][] = [];
      for (const r of SYSMON_TO_ASIM) if (r.view === view && !first.some(([f]) => f === r.sysmonField)) first.push([r.sysmonField, r.column]);
      expect(Object.entries(SYSMON_ASIM_COLUMNS[view]!), view).toEqual(first);
    }
  });

  // What the pipelines read, computed here from the cited rows as src/knowledge.ts did before it read the projections.
  it('the knowledge the pipelines read is what the cited rows give', () => {
    const cited = (kind: Conversion['kind']) => CONVERSIONS.filter((c) => c.kind === kind);
    const entries = (o: object) => Object.entries(o);
    expect(entries(REGISTRY_EVENT_TYPES)).toEqual(entries(Object.fromEntries(cited('registry-event-type').map((c) => [c.from, c.to]))));
    expect(SYSMON_HIVES).toEqual([
      ...cited('registry-hive')
        .filter((c) => /^HK[A-Z]+$/.test(c.from) && c.source.includes('MicrosoftSysmon'))
        .map((c) => [c.from, c.to]),
      ['HKCU', 'HKEY_CURRENT_USER'],
    ]);
    expect(INITIATED_ACTION_TYPES).toEqual({
      true: cited('network-direction').filter((c) => c.to === 'Outbound').map((c) => c.from),
      false: cited('network-direction').filter((c) => c.to === 'Inbound').map((c) => c.from),
    });
    expect(entries(INTEGRITY_SIDS)).toEqual(entries(Object.fromEntries(cited('integrity-label').map((c) => [c.to.replace(/ integrity$/, ''), c.from]))));
    for (const view of [...new Set(SYSMON_TO_ASIM.map((r) => r.view)), 'imAuthentication', 'nothing']) {
      const out: Record<string, string> = {};
      for (const r of SYSMON_TO_ASIM) if (r.view === view && !(r.sysmonField in out)) out[r.sysmonField] = r.column;
      expect(entries(sysmonToAsim(view)), view).toEqual(entries(out));
    }
    // A new record each time: a caller may add to it.
    expect(sysmonToAsim('imDns')).not.toBe(sysmonToAsim('imDns'));
  });

  it('every table schema has exactly the cited columns of its generated table', () => {
    const byName = new Map(GENERATED_TABLES.map((t) => [t.table, t]));
    for (const s of [...ALL_TABLES, ...cloudTableSchemas(), syslogTableSchema(), ...unreadTableSchemas()]) {
      const t = byName.get(s.name);
      if (!t) continue; // composed views (relations only) have no page of their own
      expect(Object.keys(s.columns).sort(), s.name).toEqual([...new Set(t.columns.map((c) => c.name))].sort());
      // A repeated name keeps its last type, as an object literal does.
      for (const c of t.columns) expect(t.columns.filter((d) => d.name === c.name).at(-1)!.type).toBe(s.columns[c.name]);
    }
  });

  it('a table is in a subpath\'s rows exactly when that subpath\'s pipeline reads it and no main-entry pipeline does', () => {
    const generated = new Set(GENERATED_TABLES.map((t) => t.table));
    const cloudTables = [...new Set(CLOUD_SOURCES.map(([, , table]) => table))].filter((t) => generated.has(t));
    expect(CLOUD_TABLE_COLUMNS.map((r) => r[0]).sort()).toEqual(cloudTables.sort());
    expect(SYSLOG_TABLE_COLUMNS.map((r) => r[0])).toEqual(['Syslog']);
    // The main entry's pipelines, as text: none names a subpath's table.
    const main = JSON.stringify(kqlPipelines().map((p) => p.pipeline));
    for (const [table] of [...CLOUD_TABLE_COLUMNS, ...SYSLOG_TABLE_COLUMNS]) {
      expect(main, table).not.toContain(`"${table}"`);
      expect(ALL_TABLES.some((t) => t.name === table), table).toBe(false);
    }
    // The unread rows: no pipeline, the main entry's or a subpath's, names their table; and every other generated
    // table is named by one (so a table a pipeline comes to read moves out of the unread rows).
    const every = JSON.stringify([...kqlPipelines().map((p) => p.pipeline), sentinelCloudPipeline.pipeline, sentinelSyslogPipeline.pipeline]);
    const unread = UNREAD_TABLE_COLUMNS.map((r) => r[0]);
    for (const table of unread) expect(ALL_TABLES.some((t) => t.name === table), table).toBe(false);
    expect([...generated].filter((t) => !every.includes(`"${t}"`)).sort()).toEqual([...unread].sort());
    // Each subpath gives its tables' schemas to the backend.
    const given = (p: object) => JSON.stringify(p).includes('"query_table_schema"');
    expect(given(sentinelCloudPipeline.pipeline)).toBe(true);
    expect(JSON.stringify(sentinelSyslogPipeline.pipeline)).toContain('"query_table_schema"');
  });
});
