import { test } from 'vitest';
import { loadCollection } from '@sigmats/core';
import { splunkBackend } from '@sigmats/backend-splunk';
import { kqlBackend } from '@sigmats/backend-kql';
import { sumo, sumoCse } from '@sigmats/backend-sumo';
import { compileRuleSet } from '@sigmats/evaluator';
import { readFileSync } from 'node:fs';

test('probe', () => {
  const dets = readFileSync('/tmp/conf/dets.txt', 'utf8').split('\n====\n').filter((s) => s.trim());
  const kql = typeof kqlBackend === 'function' ? kqlBackend() : kqlBackend;
  let out = '';
  for (let det of dets) {
    let cat = 'process_creation'; const m = /^#LS (\S+)\n/.exec(det); if (m) { cat = m[1]; det = det.slice(m[0].length); }
    const body = det.split('\n').map((l) => '    ' + l).join('\n');
    const text = `title: t\nid: 11111111-2222-3333-4444-555555555555\nlogsource:\n    product: windows\n    category: ${cat}\ndetection:\n${body}\n`;
    const c = loadCollection([{ text, file: 'r.yml' }]);
    out += '#### ' + det + '\n';
    if (c.diagnostics.length) out += 'PARSE: ' + JSON.stringify(c.diagnostics.map((d) => d.code + ' ' + d.message)) + '\n';
    for (const [n, b, o] of [['splunk', splunkBackend, {}], ['kql', kql, {}], ['sumo', sumo, { scope: '_sourceCategory=test', extraction: 'fer' }], ['cse', sumoCse, {}]] as const) {
      const r = (b as any).convert(c, { options: o });
      const q = r.rules[0]?.queries[0];
      out += `-- ${n}: ${q === undefined ? 'NONE' : JSON.stringify(q)}\n`;
      if (q !== undefined) { const v = (b as any).validate(q); if (v.length) out += '   INVALID ' + JSON.stringify(v) + '\n'; }
      for (const d of r.diagnostics) out += `   diag ${d.severity} ${d.code} ${d.message}\n`;
    }
    const set = compileRuleSet(c);
    if (set.diagnostics.length) out += 'EVAL DIAG ' + JSON.stringify(set.diagnostics.map((d: any) => d.code + ' ' + d.message)) + '\n';
  }
  require('node:fs').writeFileSync('/tmp/conf/out.txt', out);
});
