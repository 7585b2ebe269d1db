// Guards the batch speed of the binary: IR nodes of one kind must share one V8 hidden class, whether the parser or a
// pipeline made them. When they do not (object spread was the usual cause), every IR walker in the pipelines and
// backends goes polymorphic or megamorphic and is deoptimized and recompiled during a run; on the SigmaHQ corpus that
// cost about 10% of a cold parse + Splunk + KQL conversion. Needs V8's natives syntax, so it runs the built packages
// in a child process.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, expect, test } from 'vitest';
import { NEEDS_SIGMAHQ } from '../../core/test/shared-data.js';
import { ensureBuilt, HAVE_SIGMAHQ, ROOT, SIGMAHQ } from './built.js';

const corpus = SIGMAHQ;
const dist = (pkg: string) => pathToFileURL(join(ROOT, 'packages', pkg, 'dist', 'index.js')).href;

// Counts distinct hidden classes per node kind, over the parsed corpus and over what the KQL XDR pipeline rewrote.
const PROBE = `
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
const core = await import(${JSON.stringify(dist('core'))});
const { kqlBackend } = await import(${JSON.stringify(dist('backend-kql'))});
const files = [];
const walk = (d) => { for (const n of readdirSync(d).sort()) { const p = join(d, n); if (statSync(p).isDirectory()) walk(p); else if (/\\.ya?ml$/.test(n)) files.push(p); } };
walk(process.argv.at(-1));
const collection = core.loadCollection(files.map((file) => ({ file, text: readFileSync(file, 'utf8') })));
const reps = new Map();
const counts = {};
const note = (key, o) => {
  let list = reps.get(key);
  if (!list) reps.set(key, (list = []));
  if (!list.some((r) => %HaveSameMap(r, o))) list.push(o);
  counts[key] = list.length;
};
const element = (el) => {
  note(el.kind, el);
  if (el.kind === 'group') el.items.forEach(element);
  else for (const v of el.values) {
    note('value:' + v.kind, v);
    if (v.kind === 'expansion') v.values.forEach((x) => note('value:' + x.kind, x));
  }
};
const rule = (r) => {
  note('rule', r);
  note('logsource', r.logsource);
  for (const d of r.detections) { note('detection', d); element(d.body); }
};
for (const r of collection.rules) if (r.kind === 'rule') rule(r);
const xdr = kqlBackend().pipelines.find((p) => p.name === 'microsoft_xdr').pipeline;
let rewritten = 0;
for (const r of collection.rules) {
  if (r.kind !== 'rule') continue;
  const out = core.applyPipelines(r, [xdr], { backend: 'kql' }).document;
  if (out !== r) { rewritten++; rule(out); }
}
console.log(JSON.stringify({ rules: collection.rules.length, rewritten, counts }));
`;

beforeAll(() => {
  ensureBuilt();
}, 300_000);

test.skipIf(!HAVE_SIGMAHQ)(`parsed and pipeline-made IR nodes share one hidden class per kind ${NEEDS_SIGMAHQ}`, () => {
  const rules = join(corpus, 'rules');
  const r = spawnSync(process.execPath, ['--allow-natives-syntax', '--input-type=module', '-e', PROBE, rules], { encoding: 'utf8', timeout: 120_000 });
  expect(r.stderr).toBe('');
  const { rules: n, rewritten, counts } = JSON.parse(r.stdout) as { rules: number; rewritten: number; counts: Record<string, number> };
  expect(n).toBeGreaterThan(3000);
  expect(rewritten).toBeGreaterThan(1500);
  // Every kind that occurs, with one class each (a regression shows as e.g. { rule: 3141 }).
  for (const kind of ['rule', 'logsource', 'detection', 'group', 'item', 'value:string']) expect(counts).toHaveProperty(kind);
  expect(Object.entries(counts).filter(([, c]) => c !== 1)).toEqual([]);
}, 120_000);
