import { describe, expect, it } from 'vitest';
import { kqlStringLiterals, unreadTableSchemas, validateKql } from '../src/validator.js';
import { ALL_TABLES } from '../src/tables/index.js';

describe('Kusto validator harness', () => {
  const cases: readonly { query: string; codes: readonly string[] }[] = [
    { query: 'DeviceProcessEvents\n| where FileName =~ "cmd.exe"', codes: [] },
    { query: 'DeviceProcessEvents\n| where Image =~ "cmd.exe"', codes: ['KS142'] },
    { query: 'NoSuchTable\n| where A == 1', codes: ['KS204'] },
    { query: 'DeviceProcessEvents\n| where FileName =~ "\\."', codes: ['KS001', 'KS002', 'KS198', 'KS001'] },
    { query: 'DeviceProcessEvents\n| where ProcessId =~ "1234"', codes: ['KS106', 'SIGMATS-TYPED'] },
    // Our typed-comparison check: what the Kusto analyzer accepts but never matches as meant.
    { query: 'DeviceProcessEvents\n| where ProcessId == "1234"', codes: ['SIGMATS-TYPED'] },
    { query: 'DeviceProcessEvents\n| where FileName == 4', codes: ['SIGMATS-TYPED'] },
    { query: 'DeviceProcessEvents\n| where ProcessId in ("1", "2")', codes: ['SIGMATS-TYPED'] },
    { query: 'DeviceProcessEvents\n| where FileName in~ ("a", 2)', codes: ['SIGMATS-TYPED'] },
    { query: 'DeviceProcessEvents\n| where ProcessId contains "5"', codes: ['KS106', 'SIGMATS-TYPED'] },
    // AdditionalFields is documented as a string (of JSON): member access needs parse_json.
    { query: 'DeviceEvents\n| where tostring(AdditionalFields.PipeName) == "x"', codes: ['KS142', 'SIGMATS-TYPED'] },
    { query: 'WindowsEvent\n| where EventData.Image == "x"', codes: ['SIGMATS-TYPED'] },
    { query: 'SecurityEvent\n| where ServiceStartType == "2"', codes: ['SIGMATS-TYPED'] },
    { query: 'DeviceProcessEvents\n| where ProcessId in (1, 2) and FileName !~ "a" and LogonId == 999', codes: [] },
    { query: 'DeviceEvents\n| where tostring(parse_json(AdditionalFields).PipeName) == "x"', codes: [] },
    { query: 'WindowsEvent\n| where tostring(EventData.Image) == "x"', codes: [] },
    { query: 'DeviceProcessEvents\n| where "a" or "b"', codes: ['KS106'] },
    { query: 'DeviceProcessEvents\n| where (FileName =~ "a"', codes: ['KS005'] },
    // A documented table no pipeline reads (the subpath's rows), with a documented column and one it does not have.
    { query: 'DeviceInfo\n| where OSPlatform == "Windows11"', codes: [] },
    { query: 'DeviceInfo\n| where Image == "x"', codes: ['KS142'] },
    { query: 'imAuthentication\n| where TargetUsername == "x" and EventSchemaVersion == "0.1.3"', codes: [] },
  ];
  it.each(cases)('$query → $codes', ({ query, codes }) => {
    expect(validateKql(query).map((p) => p.code)).toEqual(codes);
  });

  it('knows every schema table, the main entry\'s and those no pipeline reads', () => {
    expect(unreadTableSchemas().map((t) => t.name)).toContain('DeviceInfo');
    for (const t of [...ALL_TABLES, ...unreadTableSchemas()]) {
      expect(validateKql(`${t.name}\n| where ${t.timeColumn} > ago(1h)\n| take 1`), t.name).toEqual([]);
    }
  });

  it('decodes string literals', () => {
    expect(kqlStringLiterals('DeviceProcessEvents\n| where FileName =~ "a\\\\b\\"c" or FileName =~ @"x\\y""z"')).toEqual([
      'a\\b"c',
      'x\\y"z',
    ]);
  });
});
