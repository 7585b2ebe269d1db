import { loadCollection } from '@sigmats/core';
import { splunkBackend } from '@sigmats/backend-splunk';
import { describe, expect, test } from 'vitest';
import { compileSpl } from '../src/spl/index.js';
import type { SplunkEvent } from '../src/types.js';

/**
 * The plain Splunk output searches a keyword holding `"` or `\` in its text and its JSON form, since `_raw` keeps
 * JSON documents escaped (backend-splunk src/render/json-raw.ts). The reference interpreter runs the emitted query
 * over both encodings of the same event (SigmaHQ web_xss_in_access_logs.yml's ` onload="` keyword).
 */
const RULE = [
  'title: Raw encoding',
  'id: 5b0e6b0e-0000-4000-8000-0000000000ab',
  'status: test',
  'logsource:',
  '    category: webserver',
  'detection:',
  '    keywords:',
  `        - ' onload="'`,
  '    condition: keywords',
  'level: medium',
].join('\n');

const spl = splunkBackend.convert(loadCollection([{ text: RULE, file: 'rule.yml' }])).rules[0]!.queries[0]!;
const compiled = compileSpl(spl);
const event = (raw: string, sourcetype: string): SplunkEvent => ({ _raw: raw, index: 'main', source: 'web', sourcetype, host: 'web01', fields: {} });

describe('a keyword with a quote over JSON and text _raw', () => {
  test.each([
    ['JSON document', event(JSON.stringify({ 'cs-method': 'GET', message: '<img onload="x">' }), '_json'), true],
    ['text line', event('10.0.0.1 - - "GET /?q=<img onload="x"> HTTP/1.1" 200', 'access_combined'), true],
    ['JSON document without it', event(JSON.stringify({ message: '<img onload=x>' }), '_json'), false],
    ['text line without it', event('10.0.0.1 - - "GET /?q=<img onload=x> HTTP/1.1" 200', 'access_combined'), false],
  ])('%s', (_name, e, hit) => {
    expect(compiled.run([e]).length > 0).toBe(hit);
  });
});
