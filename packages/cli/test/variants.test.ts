import { describe, expect, test } from 'vitest';
import type { Tag } from '@sigmats/core';
import { attackFromTags, techniqueUrl } from '../src/variants/attack.js';
import { TACTICS, TECHNIQUE_TABLE } from '../src/variants/attack-data.js';
import { expectation } from '../src/variants/fixtures.js';
import type { VariantPage } from '../src/variants/model.js';
import { renderHtml } from '../src/variants/render-html.js';
import { fence, mdCode, mdText, renderMarkdown } from '../src/variants/render-md.js';

const loc = { file: 'r.yml', line: 1, column: 1 };
const tags = (...names: string[]): Tag[] => names.map((n) => ({ namespace: 'attack', name: n, loc }));

describe('ATT&CK data', () => {
  test('the 15 Enterprise tactics of ATT&CK v19, in matrix order', () => {
    expect(TACTICS.map((t) => `${t.id} ${t.name}`)).toEqual([
      'TA0043 Reconnaissance',
      'TA0042 Resource Development',
      'TA0001 Initial Access',
      'TA0002 Execution',
      'TA0003 Persistence',
      'TA0004 Privilege Escalation',
      'TA0005 Stealth',
      'TA0112 Defense Impairment',
      'TA0006 Credential Access',
      'TA0007 Discovery',
      'TA0008 Lateral Movement',
      'TA0009 Collection',
      'TA0011 Command and Control',
      'TA0010 Exfiltration',
      'TA0040 Impact',
    ]);
  });
  test('every sub-technique has its parent in the table, every technique a tactic', () => {
    for (const t of TECHNIQUE_TABLE.values()) {
      if (t.id.includes('.')) expect(TECHNIQUE_TABLE.has(t.id.split('.')[0]!), t.id).toBe(true);
      expect(t.tactics.length, t.id).toBeGreaterThan(0);
      expect(t.id).toMatch(/^T\d{4}(\.\d{3})?$/);
    }
  });
});

describe('attackFromTags', () => {
  const cases: { tags: string[]; tactics: string[]; techniques: [string, string | undefined][]; warnings: number }[] = [
    { tags: ['lateral-movement', 't1021.006'], tactics: ['TA0008 Lateral Movement'], techniques: [['T1021.006', 'Windows Remote Management']], warnings: 0 },
    { tags: ['command_and_control', 't1219'], tactics: ['TA0011 Command and Control'], techniques: [['T1219', 'Remote Access Tools']], warnings: 0 },
    { tags: ['stealth', 'defense-impairment', 'defense-evasion'], tactics: ['TA0005 Stealth', 'TA0112 Defense Impairment'], techniques: [], warnings: 0 },
    { tags: ['defense_evasion'], tactics: ['TA0005 Stealth (formerly Defense Evasion)'], techniques: [], warnings: 0 },
    // No tactic tag: tactics come from the technique table.
    { tags: ['t1059.001'], tactics: ['TA0002 Execution'], techniques: [['T1059.001', 'PowerShell']], warnings: 0 },
    // Unknown IDs: linked, never named, and warned about.
    { tags: ['t9999.123', 'ta0099', 'not-a-tactic', 'g0016', 's0002'], tactics: ['TA0099 undefined'], techniques: [['T9999.123', undefined]], warnings: 3 },
  ];
  test.each(cases)('$tags', (c) => {
    const a = attackFromTags(tags(...c.tags));
    expect(a.tactics.map((t) => `${t.id} ${t.name}`)).toEqual(c.tactics);
    expect(a.techniques.map((t) => [t.id, t.name])).toEqual(c.techniques);
    expect(a.warnings).toHaveLength(c.warnings);
  });
  test('canonical links', () => {
    expect(techniqueUrl('T1021.006')).toBe('https://attack.mitre.org/techniques/T1021/006/');
    expect(techniqueUrl('T1219')).toBe('https://attack.mitre.org/techniques/T1219/');
    const a = attackFromTags(tags('t9999.123', 'ta0008'));
    expect(a.techniques[0]!.url).toBe('https://attack.mitre.org/techniques/T9999/123/');
    expect(a.techniques[0]!.parent).toEqual({ id: 'T9999', unknown: 'not in the ATT&CK v18.1 data (newer than it, or mistyped)', url: 'https://attack.mitre.org/techniques/T9999/' });
    expect(a.tactics[0]!.url).toBe('https://attack.mitre.org/tactics/TA0008/');
  });
});

test('fixture expectations', () => {
  expect([true, 'match', 'no-match', false, 'maybe', 3].map(expectation)).toEqual([true, true, false, false, undefined, undefined]);
});

describe('markdown escaping', () => {
  test('mdText', () => {
    expect(mdText('a *b* _c_ [d](e) <x> | `f` & ~g~')).toBe('a \\*b\\* \\_c\\_ \\[d\\](e) \\<x\\> \\| \\`f\\` \\& \\~g\\~');
    expect(mdText('# not a heading')).toBe('\\# not a heading');
    // A lone CR ends a Markdown line as LF does (CommonMark): it must not let a title open a heading or a block.
    expect(mdText('Evil\r# injected\r\n- item\nx')).toBe('Evil # injected - item x');
    expect(mdCode('a\rb')).toBe('`a b`');
    expect(mdText('1. not a list')).toBe('1\\. not a list');
  });
  test('code spans and fences hold backticks', () => {
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdCode('`x')).toBe('`` `x ``');
    expect(fence('x ``` y', 'kql')).toBe('````kql\nx ``` y\n````');
  });
});

const hostile = '<script>alert("x")</script> & *bold* [link](javascript:alert(1))';
const page: VariantPage = {
  version: 2,
  title: `Detect ${hostile} in Splunk`,
  platform: { id: 'splunk', name: 'Splunk', target: 'splunk', language: 'spl', format: 'default' },
  rule: { kind: 'rule', title: hostile, description: hostile, references: ['javascript:alert(1)', 'https://example.com/a?b=1&c=<2>'], tags: [], logsource: { product: 'windows' } },
  severity: 'high',
  attack: { tactics: [], techniques: [] },
  query: 'Image="*\\<evil>.exe" | table x',
  conditions: ['Image="*\\<evil>.exe"'],
  dataSources: ['sysmon'],
  falsePositives: [hostile],
  sigmaRule: '../rules/a.yml',
  otherPlatforms: { heading: 'Other platforms for T1', links: [{ id: 'sumo', name: 'Sumo <Logic>', href: 'sumo.html' }] },
  testing: { fixtures: [{ description: hostile, expect: 'match', href: '../rules/fixtures/a.json', evidence: [{ field: 'Image', value: '<b>' }] }], truePositives: 1, trueNegatives: 0 },
  generator: 'sigmats test',
  breadcrumbs: [{ id: 'home', name: hostile, href: '../../index.html' }],
  description: hostile,
  deployment: { configuration: hostile, assumptions: [hostile], download: { label: hostile, href: 'javascript:alert(1)' } },
  licence: { name: hostile, url: 'javascript:alert(2)', notice: hostile },
  root: '../../',
};

test('HTML escapes rule text and never links non-web schemes', () => {
  const html = renderHtml(page);
  expect(html).not.toContain('<script>');
  expect(html).not.toContain('href="javascript:');
  expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  expect(html).toContain('<a href="https://example.com/a?b=1&amp;c=&lt;2&gt;">');
  expect(html).toContain('Image=&quot;*\\&lt;evil&gt;.exe&quot;');
  expect(html).not.toMatch(/<(link|img|script)\b|src=|@import|url\(/);
});

test('Markdown escapes rule text outside code', () => {
  const md = renderMarkdown(page);
  expect(md).toContain('# Detect \\<script\\>alert("x")\\</script\\> \\& \\*bold\\* \\[link\\](javascript:alert(1)) in Splunk');
  expect(md).toContain('```spl\nImage="*\\<evil>.exe" | table x\n```');
  expect(md).toContain('- javascript:alert(1)');
});
