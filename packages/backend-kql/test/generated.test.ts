import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NEEDS_VENDOR } from '../../core/test/shared-data.js';
import { generate, microsoftDir } from '../scripts/generate.mjs';
import { GENERATED_TABLES } from '../src/generated/schemas.js';
import { ASIM_ASSIGNMENTS, ASIM_LOOKUPS } from '../src/generated/asim-parsers.js';
import { ASSUMPTIONS } from '../src/generated/assumptions.js';
import { ACTION_TYPES, ASIM_PIVOT, CONVERSIONS, SYSMON_TO_ASIM } from '../src/generated/knowledge.js';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const dir = microsoftDir();

describe('generated Microsoft knowledge', () => {
  it.skipIf(!dir)(`matches a fresh run of scripts/generate.mjs over the vendor snapshot ${NEEDS_VENDOR}`, () => {
    const files = generate(dir!);
    expect([...files.keys()].sort()).toEqual(['src/generated/asim-fields.ts', 'src/generated/asim-parsers.ts', 'src/generated/assumptions.ts', 'src/generated/knowledge.ts', 'src/generated/schemas.ts', 'src/generated/subpath-table-columns.ts', 'src/generated/table-columns.ts']);
    for (const [rel, text] of files) {
      // A difference means the snapshot or a generator changed: run `node packages/backend-kql/scripts/generate.mjs`.
      expect(readFileSync(`${PACKAGE}/${rel}`, 'utf8'), rel).toBe(text);
    }
  });

  it('every row cites a vendor file (and line where one exists)', () => {
    const cited = /^[\w.-]+(\/[\w.-]+)+\.(md|yaml)(:\d+)?$/;
    for (const t of GENERATED_TABLES) for (const c of t.columns) expect(c.source, `${t.table}.${c.name}`).toMatch(cited);
    for (const r of [...ASIM_ASSIGNMENTS, ...ASIM_LOOKUPS.flatMap((l) => l.rows), ...CONVERSIONS, ...ACTION_TYPES, ...SYSMON_TO_ASIM]) {
      expect(r.source).toMatch(/:\d+$/);
    }
    for (const r of ASIM_PIVOT) {
      expect(r.sysmonSource).toMatch(/:\d+$/);
      expect(r.defenderSource).toMatch(/:\d+$/);
    }
  });

  it('holds the documented facts the backend relies on', () => {
    const col = (table: string, name: string) => GENERATED_TABLES.find((t) => t.table === table)?.columns.find((c) => c.name === name);
    const rows: readonly [string, string, string | undefined][] = [
      ['DeviceEvents', 'AdditionalFields', 'string'],
      ['DeviceProcessEvents', 'LogonId', 'long'],
      ['DeviceRegistryEvents', 'PreviousRegistryKey', 'string'],
      ['SecurityEvent', 'ServiceStartType', 'int'],
      ['SecurityEvent', 'NewProcessId', 'string'],
      ['SecurityEvent', 'AccessList', undefined],
      ['WindowsEvent', 'EventData', 'dynamic'],
      ['Event', 'EventData', 'string'],
      ['imProcessCreate', 'TargetProcessId', 'string'],
      ['imDns', 'DnsResponseCode', 'int'],
    ];
    for (const [table, name, type] of rows) expect(col(table, name)?.type, `${table}.${name}`).toBe(type);
    expect(CONVERSIONS).toContainEqual(expect.objectContaining({ kind: 'registry-event-type', from: 'SetValue', to: 'RegistryValueSet' }));
    expect(CONVERSIONS).toContainEqual(expect.objectContaining({ kind: 'registry-hive', from: 'HKCR', to: 'HKEY_LOCAL_MACHINE\\Classes' }));
    expect(CONVERSIONS).toContainEqual(expect.objectContaining({ kind: 'registry-value-type', from: 'Dword', to: 'Reg_DWord' }));
    expect(ASIM_PIVOT).toContainEqual(expect.objectContaining({ sysmonField: 'Image', table: 'DeviceProcessEvents', column: 'FolderPath' }));
    expect(ACTION_TYPES).toContainEqual(expect.objectContaining({ table: 'DeviceRegistryEvents', actionType: 'RegistryValueDeleted' }));
    expect(new Set(ASSUMPTIONS.map((a) => a.id)).size).toBe(ASSUMPTIONS.length);
    for (const a of ASSUMPTIONS) expect(a.assumption).toBe(true);
  });
});
