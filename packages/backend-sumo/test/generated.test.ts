import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CSE_MAPPINGS } from '../src/generated/cse-mappings.js';
import { CSE_RAW_COMPANION } from '../src/generated/cse-schema.js';
import { CSE_FIELD_TYPES } from '../src/cse/catalog.js';
import { NEEDS_VENDOR } from '../../core/test/shared-data.js';
import { HAVE_CATALOG, VENDOR } from './corpus-helpers.js';

/**
 * The generated Cloud SIEM tables must be exactly what the script derives from Sumo's catalog today (drift fails),
 * and carry what the backend relies on. Without ../shared (or $SIGMATS_VENDOR_DIR) the regeneration is skipped.
 */

const PKG = resolve(import.meta.dirname, '..');

describe.skipIf(!HAVE_CATALOG)(`generated from the catalog ${NEEDS_VENDOR}`, () => {
  test('src/generated is what scripts/gen-cse-catalog.mjs writes today', () => {
    const printed = execFileSync('node', [join(PKG, 'scripts/gen-cse-catalog.mjs'), '--print'], {
      env: { ...process.env, SIGMATS_VENDOR_DIR: VENDOR },
      maxBuffer: 64 * 1024 * 1024,
    }).toString();
    const files = JSON.parse(printed) as Record<string, string>;
    expect(Object.keys(files).sort()).toEqual(['cse-conversion.ts', 'cse-mappings.ts', 'cse-routes.ts', 'cse-schema.ts']);
    for (const [name, text] of Object.entries(files)) {
      expect(readFileSync(join(PKG, 'src/generated', name), 'utf8'), `src/generated/${name} drifted: run node scripts/gen-cse-catalog.mjs`).toBe(text);
    }
  });
});

const byTitle = (title: string) => CSE_MAPPINGS.find((m) => m[1] === title);

describe('facts the backend relies on (catalog files cited)', () => {
  test.each<[string, string, string, string | null]>([
    // [mapping title, schema field, original record key, ...]
    ['Windows - Microsoft-Windows-Sysmon/Operational - 7', 'baseImage', 'EventData.ImageLoaded', null],
    ['Windows - Microsoft-Windows-Sysmon/Operational - 7', 'parentBaseImage', 'EventData.Image', null],
    ['Windows - Microsoft-Windows-Sysmon/Operational - 1', 'baseImage', 'EventData.Image', null],
    ['Windows - Microsoft-Windows-Sysmon/Operational - 3', 'baseImage', 'EventData.Image', null],
    ['Windows - Security - 4624', 'user_username', 'EventData.TargetUserName', null],
    ['Windows - Security - 4688', 'baseImage', 'EventData.NewProcessName', null],
    ['Windows - Security - 4688', 'user_username', 'EventData.SubjectUserName', null],
  ])('%s: %s <- %s', (title, field, key) => {
    const m = byTitle(title);
    expect(m, title).toBeDefined();
    expect(m![4].some((r) => r[0] === field && r[1] === key && r.length === 2)).toBe(true);
    expect(m![0]).toMatch(/^mappings\/[0-9A-Za-z-]+\.md$/);
  });

  test('event id patterns and record outputs', () => {
    expect(byTitle('Windows - Security - 4688')![2]).toEqual(['Microsoft', 'Windows', 'Windows', 'Security-4688']);
    expect(byTitle('Windows - Security - 4688')![3]).toEqual(['Microsoft', 'Windows', 'EndpointProcess']);
    expect(byTitle('CloudTrail Default Mapping')![3].slice(0, 2)).toEqual(['Amazon AWS', 'CloudTrail']);
    expect(byTitle('Windows - Microsoft-Windows-Sysmon/Operational - 12, 13, and 14')![2][3]).toBe('Microsoft-Windows-Sysmon/Operational-1([234])');
  });

  test('schema types and raw companions', () => {
    expect(CSE_FIELD_TYPES.get('pid')).toBe('int');
    expect(CSE_FIELD_TYPES.get('baseImage')).toBe('string');
    expect(CSE_RAW_COMPANION['user_username']).toBe('user_username_raw');
    expect(CSE_RAW_COMPANION['device_hostname']).toBe('device_hostname_raw');
    expect(CSE_RAW_COMPANION['baseImage']).toBeUndefined();
  });
});
