import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateValidatorsSource } from '../src/schema/standalone.js';

const FILE = join(import.meta.dirname, '../src/schema/validators.generated.ts');

describe('generated schema validators', () => {
  it('match the schemas (ajv standalone output)', () => {
    const source = generateValidatorsSource();
    if (process.env.UPDATE_VALIDATORS === '1') writeFileSync(FILE, source);
    expect(readFileSync(FILE, 'utf8'), 'run UPDATE_VALIDATORS=1 npx vitest run packages/core/test/schema-generated.test.ts').toBe(source);
  });
});
