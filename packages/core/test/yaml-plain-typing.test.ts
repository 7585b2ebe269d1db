import fc from 'fast-check';
import { CORE_SCHEMA, YAML11_SCHEMA } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { resolvePlainCore, yaml11Differs } from '../src/yaml/build-tree.js';

/** js-yaml's reading, kept to JSON-like values as build-tree.ts does (big integers stay text). */
function reference(schema: typeof CORE_SCHEMA, text: string): unknown {
  const v = schema.resolveImplicitScalarTag(text).value;
  if (typeof v === 'number' && Number.isInteger(v) && !Number.isSafeInteger(v)) return text.replace(/^\+/, '').replace(/_/g, '');
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return text;
}

/** Whether YAML 1.1 reads `text` differently, asked of js-yaml every time (what the shortcuts in yaml11Differs skip). */
function differsReference(text: string, value: unknown): boolean {
  if (/^[yYnN]$/.test(text)) return false;
  const v11 = reference(YAML11_SCHEMA, text);
  if (typeof v11 === typeof value && (v11 === value || (Number.isNaN(v11) && Number.isNaN(value)))) return false;
  return !(typeof v11 === 'string' && /^\d{4}-\d\d?-\d\d?/.test(text));
}

const SAMPLES = [
  '', '~', 'null', 'Null', 'NULL', 'nULL', 'true', 'True', 'TRUE', 'tRUE', 'false', 'False', 'FALSE', 'yes', 'Yes', 'NO', 'on', 'Off', 'y', 'n', 'Y',
  'N', 'title', 'tags', 'test', 'fals', 'nulls', '0', '00', '01', '007', '8', '42', '4688', '123456789012345', '1234567890123456',
  '12345678901234567891', '-1', '+1', '1_000', '0x1F', '0o17', '0b101', '1.5', '1e5', '1e-5', '1E-5', '1-5', '.5', '-.inf', '.nan', '1:30',
  '2023-01-01', '2023-1-1', '2023-01-01T10:00:00Z', '2023-01-01 10:00:00', '2023-13-45', '2023-', '202-01-01', '1 of selection_*',
  '0ad0c9ee-1234-4abc-9def-0123456789ab', '8b5f1e2a-1234-4abc-9def-0123456789ab', '1e-', '+-1', '-', '--1', '1-', '0-0', '9?', '1.2.3.4',
];

describe('plain scalar typing', () => {
  it.each(SAMPLES)('types %j as js-yaml does', (text) => {
    const v = resolvePlainCore(text);
    expect(v).toEqual(reference(CORE_SCHEMA, text));
    expect(yaml11Differs(text, v)).toBe(differsReference(text, v));
  });

  it('types fuzzed scalars as js-yaml does', () => {
    const piece = fc.constantFrom('0', '1', '9', '-', '+', '.', 'e', 'E', '_', ':', ' ', 'x', 'o', 'b', 'a', 'f', 'T', 'Z', 'n', 'u', 'l', 'y', 'inf', 'nan', '~', '2023-', '01', '-01');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const text = pieces.join('');
        const v = resolvePlainCore(text);
        expect(v).toEqual(reference(CORE_SCHEMA, text));
        expect(yaml11Differs(text, v)).toBe(differsReference(text, v));
      }),
      { numRuns: 20000 },
    );
  });
});
