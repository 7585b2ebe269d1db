import { describe, expect, test } from 'vitest';
import { CSE_MAPPINGS, CSE_ROUTES, mappingFor, type CseRoute } from '../src/catalog.js';
import { hasOwnMapping, keyedMappingFor, outputsOf, recordOutputs } from '../src/cse/catalog.js';
import { CSE_INPUT_OUTPUTS, CSE_KEYED_INPUTS, CSE_PATTERN_HEADS } from '../src/generated/cse-conversion.js';
import { CSE_KEYED_ROUTES } from '../src/cse/catalog.js';

// Conversion reads CSE_ROUTES, the projection of the cited catalog table: row i must be exactly what CSE_MAPPINGS[i]
// (which names its mapping file) says, so every route a query is built from still has its source.
describe('CSE_ROUTES, the projection of CSE_MAPPINGS that conversion reads', () => {
  test('row for row: same input and record output, the rows that copy a key in the same order', () => {
    expect(CSE_ROUTES).toHaveLength(CSE_MAPPINGS.length);
    for (const [i, [file, , input, output, rows]] of CSE_MAPPINGS.entries()) {
      expect(CSE_ROUTES[i], file).toEqual([input, output, rows.filter((r) => r.length === 2)]);
    }
  });

  test.each([
    ['Microsoft', 'Windows', 'Windows', 'Security-4624', 'mappings/', 'Windows - Security - 4624'],
    ['Microsoft', 'Windows', 'Windows', 'Microsoft-Windows-Sysmon/Operational-1', 'mappings/', 'Windows - Microsoft-Windows-Sysmon/Operational - 1'],
    ['Zeek', 'Zeek', 'JSON', 'dns', 'mappings/', undefined],
  ])('mappingFor(%s, %s, %s, %s) is a route of a cited mapping', (vendor, product, format, id, dir, title) => {
    const route = mappingFor(vendor, product, format, id);
    expect(route).toBeDefined();
    const mapping = CSE_MAPPINGS[CSE_ROUTES.indexOf(route!)]!;
    expect(mapping[0].startsWith(dir)).toBe(true);
    if (title) expect(mapping[1]).toBe(title);
    expect(mapping[2]).toEqual(route![0]);
  });
});

// The main entry carries only cse-conversion.ts, the part of CSE_ROUTES conversion reads: each table must be exactly its
// projection of CSE_ROUTES, and each lookup over it must answer as the same lookup over every route.
describe('cse-conversion.ts, the part of CSE_ROUTES that conversion reads', () => {
  const isKeyed = (r: CseRoute) => CSE_KEYED_INPUTS.some((k) => k.every((v, i) => r[0][i] === v));

  test('keyed routes are the routes of the keyed inputs, whole and in order; pattern heads are the Zeek routes without rows', () => {
    expect(CSE_KEYED_INPUTS).toEqual([['Microsoft', 'Windows', 'Windows'], ['Linux', 'Sysmon', 'Windows']]);
    expect(CSE_KEYED_ROUTES).toEqual(CSE_ROUTES.filter(isKeyed));
    expect(CSE_KEYED_ROUTES.length).toBeGreaterThan(200);
    expect(CSE_PATTERN_HEADS).toEqual(CSE_ROUTES.filter((r) => r[0][0] === 'Zeek').map((r) => [r[0], r[1]]));
    expect(CSE_PATTERN_HEADS.length).toBeGreaterThan(30);
  });

  test('input outputs are the distinct (input, record vendor and product) pairs, in first-occurrence order', () => {
    const pairs = new Map<string, readonly string[]>();
    for (const [[v, p, f], [ov, op]] of CSE_ROUTES) pairs.set(JSON.stringify([v, p, f, ov, op]), [v, p, f, ov, op]);
    expect(CSE_INPUT_OUTPUTS).toEqual([...pairs.values()]);
  });

  const inputs = [...new Map(CSE_ROUTES.map((r) => [JSON.stringify(r[0].slice(0, 3)), r[0].slice(0, 3) as [string, string, string]])).values()];
  test.each(inputs)('recordOutputs(%s, %s[, %s]) answers as outputsOf its routes', (v, p, f) => {
    expect(recordOutputs([[v, p, f]])).toEqual(outputsOf(CSE_ROUTES.filter((r) => r[0][0] === v && r[0][1] === p && r[0][2] === f)));
    expect(recordOutputs([[v, p]])).toEqual(outputsOf(CSE_ROUTES.filter((r) => r[0][0] === v && r[0][1] === p)));
  });

  test('several inputs: outputs input by input, each distinct once', () => {
    const linux = [['Linux', 'Syslog'], ['Linux', 'Auditd'], ['Linux', 'Sysmon']] as const;
    expect(recordOutputs(linux)).toEqual(outputsOf(linux.flatMap(([v, p]) => CSE_ROUTES.filter((r) => r[0][0] === v && r[0][1] === p))));
  });

  test('keyedMappingFor answers as mappingFor over every route, for every event id a keyed pattern names', () => {
    const ids = CSE_KEYED_ROUTES.map((r) => r[0][3].replace(/^\(\?i\)/, '')).filter((p) => /^[\w\-/ .]+$/.test(p));
    ids.push('Security-99999', 'Microsoft-Windows-Sysmon/Operational-255', 'Linux-Sysmon/Operational-99');
    expect(ids.length).toBeGreaterThan(150);
    for (const id of ids) {
      for (const [v, p, f] of CSE_KEYED_INPUTS) expect(keyedMappingFor(v, p, f, id), `${v}/${p} ${id}`).toEqual(mappingFor(v, p, f, id));
    }
  });

  test('hasOwnMapping(Zeek) agrees with mappingFor over every route; other inputs cannot be asked for keys', () => {
    for (const log of ['dns', 'conn', 'http', 'ssl', 'x509', 'kerberos', 'smb_files', 'dce_rpc', 'rdp', 'nosuchlog', 'notice-Viz::CustomCrypto']) {
      const m = mappingFor('Zeek', 'Zeek', 'JSON', log);
      expect(hasOwnMapping('Zeek', 'Zeek', 'JSON', log), log).toBe(m !== undefined && m[0][3] !== '_default_');
    }
    expect(hasOwnMapping('Zeek', 'Zeek', 'JSON', 'dns')).toBe(true);
    expect(hasOwnMapping('Zeek', 'Zeek', 'JSON', 'nosuchlog')).toBe(false);
    expect(() => keyedMappingFor('AWS', 'CloudTrail', 'JSON', 'AwsApiCall-CreateTrail')).toThrow(/no copied keys/);
  });
});
