import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { NEEDS_ATTACK } from '../../core/test/shared-data.js';
// @ts-expect-error: a plain ESM script without types
import { generate, OUTPUT } from '../scripts/generate-attack.mjs';
import { TECHNIQUE_TABLE } from '../src/variants/attack-data.js';
import { ATTACK_SOURCE as source, HAVE_ATTACK } from './built.js';

/** The ATT&CK table is generated from MITRE's data; this regenerates it and fails on any difference (a lockfile for facts). */
describe.skipIf(!HAVE_ATTACK)(`generated ATT&CK data ${NEEDS_ATTACK}`, () => {
  test('the committed table is exactly what the data gives', () => {
    expect(readFileSync(OUTPUT as string, 'utf8')).toBe((generate as (json: string) => string)(readFileSync(source, 'utf8')));
  });
  test('the table holds every technique of the data, with its tactics', () => {
    const data = JSON.parse(readFileSync(source, 'utf8')) as { techniques: { id: string }[] };
    expect(TECHNIQUE_TABLE.size).toBe(data.techniques.length);
    expect(TECHNIQUE_TABLE.get('T1219')?.name).toBe('Remote Access Tools');
    expect(TECHNIQUE_TABLE.get('T1021.006')?.tactics).toEqual(['TA0008']);
  });
});
