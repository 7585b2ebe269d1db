import { describe, expect, it } from 'vitest';
import * as ASIM_ASSIGNED_FIELDS from '../src/generated/asim-fields.js';
import { ASIM_ASSIGNMENTS } from '../src/generated/asim-parsers.js';
import { GENERATED_TABLES } from '../src/generated/schemas.js';
import { TABLE_COLUMNS } from '../src/generated/table-columns.js';
import { generatedTable } from '../src/tables/generated.js';
import { ALL_TABLES } from '../src/tables/index.js';

// The runtime reads projections of the cited tables (the browser bundle carries facts, not their provenance). Each
// projection must be exactly what the cited rows say, so every runtime fact still has its vendor file and line.
describe('runtime projections of the generated Microsoft knowledge', () => {
  it('TABLE_COLUMNS, as the runtime decodes it, is schemas.ts without the citations: same tables, columns, order and types', () => {
    expect(TABLE_COLUMNS.map((t) => [t[0], t[1]])).toEqual(GENERATED_TABLES.map((t) => [t.table, t.family]));
    for (const t of GENERATED_TABLES) {
      const cited: Record<string, string> = {};
      for (const c of t.columns) cited[c.name] = c.type;
      const runtime = generatedTable(t.table);
      expect([runtime.table, runtime.family], t.table).toEqual([t.table, t.family]);
      expect(Object.entries(runtime.columns), t.table).toEqual(Object.entries(cited));
    }
    // Every type is written out (`name:datetime`), but a string column only by its name.
    expect(TABLE_COLUMNS[0]![2]).toMatch(/^Timestamp:datetime,AlertId,/);
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

  it('every table schema has exactly the cited columns of its generated table', () => {
    const byName = new Map(GENERATED_TABLES.map((t) => [t.table, t]));
    for (const s of ALL_TABLES) {
      const t = byName.get(s.name);
      if (!t) continue; // composed views (relations only) have no page of their own
      expect(Object.keys(s.columns), s.name).toEqual([...new Set(t.columns.map((c) => c.name))]);
      // A repeated name keeps its last type, as an object literal does.
      for (const c of t.columns) expect(t.columns.filter((d) => d.name === c.name).at(-1)!.type).toBe(s.columns[c.name]);
    }
  });
});
