import { describe, expect, test } from 'vitest';
import { CSE_MAPPINGS } from '../src/catalog.js';
import { CSE_ROUTES } from '../src/generated/cse-routes.js';
import { mappingFor } from '../src/index.js';

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
