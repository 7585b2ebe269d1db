import { describe, expect, it } from 'vitest';
import { kqlStringLiterals, validateKql } from '../src/validator.js';
import { ALL_TABLES } from '../src/tables/index.js';

describe('Kusto validator harness', () => {
  const cases: readonly { query: string; codes: readonly string[] }[] = [
    { query: 'DeviceProcessEvents\n| where FileName =~ "cmd.exe"', codes: [] },
    { query: 'DeviceProcessEvents\n| where Image =~ "cmd.exe"', codes: ['KS142'] },
    { query: 'NoSuchTable\n| where A == 1', codes: ['KS204'] },
    { query: 'DeviceProcessEvents\n| where FileName =~ "\\."', codes: ['KS001', 'KS002', 'KS198', 'KS001'] },
    { query: 'DeviceProcessEvents\n| where ProcessId =~ "1234"', codes: ['KS106'] },
    { query: 'DeviceProcessEvents\n| where "a" or "b"', codes: ['KS106'] },
    { query: 'DeviceProcessEvents\n| where (FileName =~ "a"', codes: ['KS005'] },
  ];
  it.each(cases)('$query → $codes', ({ query, codes }) => {
    expect(validateKql(query).map((p) => p.code)).toEqual(codes);
  });

  it('knows every schema table', () => {
    for (const t of ALL_TABLES) {
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
