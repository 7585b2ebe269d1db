import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { escapeXml, renderJUnit } from '../src/junit.js';

const unescape = (s: string): string =>
  s.replace(/&(amp|lt|gt|quot|apos);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e]!);

describe('escapeXml', () => {
  test('table', () => {
    expect(escapeXml(`a<b>&"c"'d'`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;');
    expect(escapeXml('bell\u0007 nul\u0000 tab\t nl\n')).toBe('bell\uFFFD nul\uFFFD tab\t nl\n');
    expect(escapeXml('lone \uD800 pair \uD83D\uDE00')).toBe('lone \uFFFD pair \uD83D\uDE00');
  });
  test('property: no markup characters or XML-invalid characters survive; round-trips valid text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const e = escapeXml(s);
        expect(e).not.toMatch(/[<>"']/);
        expect(e).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
        expect(e).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
        if (!/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/.test(s)) expect(unescape(e)).toBe(s);
      }),
    );
  });
});

test('renderJUnit', () => {
  const xml = renderJUnit([
    {
      name: 'sigmats check',
      time: 0.5,
      cases: [
        { name: 'Good <rule>', classname: 'rules/a.yml', file: 'rules/a.yml', line: 1, failures: [] },
        {
          name: 'Bad',
          classname: 'rules/b.yml',
          failures: [{ message: 'rules/b.yml:3:5: error x: "oops"', type: 'x', text: 'rules/b.yml:3:5: error x: <oops>' }],
          systemOut: 'a warning & more',
        },
      ],
    },
  ]);
  expect(xml).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="sigmats" tests="2" failures="1" errors="0">
  <testsuite name="sigmats check" tests="2" failures="1" errors="0" skipped="0" time="0.500">
    <testcase name="Good &lt;rule&gt;" classname="rules/a.yml" file="rules/a.yml" line="1" time="0.000"/>
    <testcase name="Bad" classname="rules/b.yml" time="0.000">
      <failure message="rules/b.yml:3:5: error x: &quot;oops&quot;" type="x">rules/b.yml:3:5: error x: &lt;oops&gt;</failure>
      <system-out>a warning &amp; more</system-out>
    </testcase>
  </testsuite>
</testsuites>
`);
});
