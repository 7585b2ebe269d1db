import { describe, expect, test } from 'vitest';
import { query } from './helpers/convert.js';

/**
 * Keywords are searched in `_raw`, whose encoding of `"` and `\` depends on how the events were indexed: the event
 * XML under the Windows pipelines (`&quot;`), JSON documents (`\"`, `\\`: the `_json` sourcetype, cloud sources)
 * or plain text (as written). Without a Windows pipeline the output does not know which, so a keyword holding
 * either character is searched in both its text and its JSON form (src/render/json-raw.ts). That each form finds
 * the keyword in its encoding is run by the reference SPL interpreter: packages/truth/test/spl-raw-encoding.test.ts.
 */
function ruleOf(logsource: string, keyword: string): string {
  return [
    'title: Raw encoding',
    'id: 5b0e6b0e-0000-4000-8000-0000000000aa',
    'status: test',
    'logsource:',
    ...logsource.split('\n').map((l) => `    ${l}`),
    'detection:',
    '    keywords:',
    `        - '${keyword.replace(/'/g, "''")}'`,
    '    condition: keywords',
    'level: medium',
  ].join('\n');
}

const WEB = 'category: webserver';

describe('keywords over a _raw of unknown encoding (no Windows pipeline)', () => {
  test.each([
    ['a quote: text and JSON forms', WEB, ' onload="', '" onload=\\"" OR " onload=\\\\\\""'],
    ['a backslash: text and JSON forms', 'product: linux\nservice: auditd', 'C:\\inetpub', '"C:\\\\inetpub" OR "C:\\\\\\\\inetpub"'],
    ['neither: one form', WEB, '<script>', '"<script>"'],
    // Windows events are never indexed as JSON documents.
    ['a Windows rule: the text form only', 'product: windows\nservice: security', 'say "hi"', '"say \\"hi\\""'],
  ])('%s', (_name, logsource, keyword, spl) => {
    expect(query(ruleOf(logsource, keyword))).toBe(spl);
  });

  test('the event XML form under a Windows pipeline', () => {
    expect(query(ruleOf('product: windows\nservice: security', 'say "hi"'), { pipelineNames: ['windows-security'] })).toContain('"say &quot;hi&quot;"');
  });
});
