import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { attribute, browserBundle, BROWSER_SUBPATHS, LIBRARIES } from './bundles.js';

// Every library's main entry bundled as a browser app would (esbuild --platform=browser): no Node built-in may be
// imported, and no Node-only global may be used. The Node-only parts live behind subpaths
// (`@sigmats/evaluator/node`, `@sigmats/backend-kql/validate`).

/** Node globals that do not exist in a browser. */
const NODE_GLOBALS = /\b(?:Buffer\s*[.(]|process\s*\.\s*(?:env|cwd|stdout|stderr|stdin|exit|argv|platform|versions)\b|__dirname\b|__filename\b|require\s*\()/;

describe.each(LIBRARIES)('@sigmats/%s main entry in a browser bundle', (lib) => {
  it('imports no Node built-in and uses no Node global', async () => {
    const b = await browserBundle(`export * from '@sigmats/${lib}';`);
    expect(b.nodeImports).toEqual([]);
    expect(b.warnings).toEqual([]);
    expect(b.code.match(NODE_GLOBALS)?.[0]).toBeUndefined();
  });
});

describe.each(Object.keys(BROWSER_SUBPATHS))('%s in a browser bundle', (subpath) => {
  it('imports no Node built-in and uses no Node global', async () => {
    const b = await browserBundle(`export * from '${subpath}';`);
    expect(b.modules).toContain(`packages/${BROWSER_SUBPATHS[subpath as keyof typeof BROWSER_SUBPATHS]}`);
    expect(b.nodeImports).toEqual([]);
    expect(b.warnings).toEqual([]);
    expect(b.code.match(NODE_GLOBALS)?.[0]).toBeUndefined();
  });
});

// The check above reads the code; this one runs it where Node's globals are absent (only what browsers have).
describe('running the bundles without Node globals', () => {
  const RULE = readFileSync(join(import.meta.dirname, '../../../rules/t1219_remote_access_tools/proc_creation_win_remote_access_tool_execution.yml'), 'utf8');
  const BASE64_RULE = [
    'title: base64 modifiers',
    'logsource: { category: process_creation, product: windows }',
    'detection:',
    '  sel:',
    '    CommandLine|base64offset|contains: "/bin/sh"',
    '    Image|base64: "évil"',
    '    ParentImage|wide|base64offset|contains: ping',
    '  condition: sel',
  ].join('\n');
  const entry = `
    import { loadCollection } from '@sigmats/core';
    import { splunkBackend } from '@sigmats/backend-splunk';
    import { kqlBackend } from '@sigmats/backend-kql';
    import { sumo, sumoCse } from '@sigmats/backend-sumo';
    import { compileRuleSet } from '@sigmats/evaluator';
    export function run(text, event) {
      const c = loadCollection([{ text, file: 'rule.yml' }]);
      const outputs = [splunkBackend, kqlBackend(), sumo, sumoCse].map((b) => b.convert(c));
      return {
        // Warnings (no scope configured, ...) are the backends' advice; errors would mean a failed conversion.
        diagnostics: [...c.diagnostics, ...outputs.flatMap((o) => o.diagnostics)].filter((d) => d.severity === 'error').map((d) => d.code + ' ' + d.message),
        outputs: outputs.map((o) => o.output),
        matched: compileRuleSet(c).match(event).length,
      };
    }`;
  const browserGlobals = () => ({ TextEncoder, TextDecoder, btoa, atob, URL, console, queueMicrotask, setTimeout, clearTimeout });

  it('converts and evaluates with base64 modifiers (no Buffer) and the T1219 rule', async () => {
    const b = await browserBundle(entry, 'iife', 'sigmats');
    const sandbox: Record<string, unknown> = browserGlobals();
    runInNewContext(b.code, sandbox);
    const api = sandbox['sigmats'] as { run(text: string, event: object): { diagnostics: string[]; outputs: string[]; matched: number } };
    expect(typeof (sandbox as { Buffer?: unknown }).Buffer).toBe('undefined');

    const b64 = api.run(BASE64_RULE, { CommandLine: 'x L2Jpbi9za y', Image: btoa('\xc3\xa9vil') });
    expect(b64.diagnostics).toEqual([]);
    // Sumo log search compares lower-cased text (its matches are case-insensitive), so compare without case.
    for (const o of b64.outputs) for (const v of ['L2Jpbi9za', '9iaW4vc2', 'vYmluL3No']) expect(o.toLowerCase()).toContain(v.toLowerCase());
    expect(b64.outputs[0]).toContain('w6l2aWw='); // base64 of the UTF-8 bytes of "évil"
    expect(b64.matched).toBe(0); // ParentImage is missing from the event

    const t1219 = api.run(RULE, { Image: 'C:\\Temp\\AnyDesk.exe' });
    expect(t1219.diagnostics).toEqual([]);
    expect(t1219.outputs.every((o) => /anydesk/i.test(o))).toBe(true);
    expect(t1219.matched).toBe(1);
  });
});

// Bundle sizes (minified + gzip -9) a browser app pays; the figures are in BENCHMARKS.md. The budget is core
// with all three backends at most 150 KB gzipped (the Kusto language service is in no main entry). The sizes are also
// bounded loosely so that a regression in any other row shows.
describe('bundle sizes', () => {
  const combos: readonly (readonly [string, string])[] = [
    ['core', `export * from '@sigmats/core';`],
    ['core + backend-splunk', `export * from '@sigmats/core'; export * from '@sigmats/backend-splunk';`],
    ['core + backend-kql', `export * from '@sigmats/core'; export * from '@sigmats/backend-kql';`],
    ['core + backend-sumo', `export * from '@sigmats/core'; export * from '@sigmats/backend-sumo';`],
    ['core + all three backends', `export * from '@sigmats/core'; export * from '@sigmats/backend-splunk'; export * from '@sigmats/backend-kql'; export * from '@sigmats/backend-sumo';`],
    ['core + evaluator', `export * from '@sigmats/core'; export * from '@sigmats/evaluator';`],
    // What a converter app pays: only what converting with the four backends uses (tree-shaking drops the rest).
    [
      'a converter: loadCollection + the four backends',
      `import { loadCollection } from '@sigmats/core'; import { splunkBackend } from '@sigmats/backend-splunk';
       import { kqlBackend } from '@sigmats/backend-kql'; import { sumo, sumoCse } from '@sigmats/backend-sumo';
       export const convert = (text) => [splunkBackend, kqlBackend(), sumo, sumoCse].map((b) => b.convert(loadCollection([{ text, file: 'rule.yml' }])));`,
    ],
  ];
  const KB = 1024;
  const sizes = new Map<string, number>();

  it('measures core with each backend', async () => {
    const rows: string[] = [];
    for (const [name, source] of combos) {
      const b = await browserBundle(source);
      sizes.set(name, b.gzipped);
      rows.push(`| ${name} | ${(b.minified / KB).toFixed(1)} KB | ${(b.gzipped / KB).toFixed(1)} KB |`);
    }
    console.log(['| bundle (esbuild, browser, minified) | minified | gzip -9 |', '|---|---:|---:|', ...rows].join('\n'));
    // Each backend adds to core, and nothing grows past twice today's figure unnoticed.
    for (const [name, gz] of sizes) {
      if (name !== 'core') expect(gz, name).toBeGreaterThan(sizes.get('core')!);
      expect(gz, name).toBeLessThan(500 * KB);
    }
  });

  it('core + all three backends is at most 150 KB gzipped (the budget)', async () => {
    const b = await browserBundle(combos[4]![1]);
    expect(b.gzipped).toBeLessThanOrEqual(150 * KB);
  });

  // The generated vendor tables ship as projections (what conversion reads); the cited tables they are derived from
  // (each row naming its vendor file) stay out of the main entries, where they were most of the bytes.
  it('the main entries carry the generated projections, not the cited tables', async () => {
    const b = await browserBundle(combos[4]![1]);
    const generated = b.modules.filter((m) => m.includes('/src/generated/')).sort();
    expect(generated).toEqual([
      'packages/backend-kql/src/generated/asim-fields.ts',
      'packages/backend-kql/src/generated/knowledge.ts',
      'packages/backend-kql/src/generated/table-columns.ts',
      'packages/backend-sumo/src/generated/cse-conversion.ts',
      'packages/backend-sumo/src/generated/cse-schema.ts',
    ]);
  });

  // The rule validators (`sigmats check`'s) and the KQL assumptions (the variant pages') are not conversion's: they
  // live behind `@sigmats/core/validators` and `@sigmats/backend-kql/assumptions`.
  it('the main entries leave out the rule validators and the KQL assumptions', async () => {
    const b = await browserBundle(combos[4]![1]);
    expect(b.modules.filter((m) => m.startsWith('packages/core/src/validators/') || m === 'packages/backend-kql/src/assumptions.ts')).toEqual([]);
  });

  // What each part adds, gzipped (the honest marginal cost: gzip of the bundle minus gzip of it without the part).
  // Printed for BENCHMARKS.md; the check is on the method: the parts' marginal costs add up to about the whole.
  it('attributes core + all three backends to its parts', async () => {
    const b = await browserBundle(combos[4]![1]);
    const part = (m: string) =>
      m.includes('/src/generated/') ? m : m.startsWith('node_modules/') ? m.split('/').slice(0, m.split('/')[1]!.startsWith('@') ? 3 : 2).join('/') : m.split('/').slice(0, 4).join('/');
    const costs = attribute(b, part);
    console.log(
      ['| part | minified | gzip, marginal |', '|---|---:|---:|', ...costs.filter((c) => c.gzipMarginal >= 512).map((c) => `| ${c.name} | ${(c.minified / KB).toFixed(1)} KB | ${(c.gzipMarginal / KB).toFixed(1)} KB |`)].join('\n'),
    );
    const sum = costs.reduce((s, c) => s + c.gzipMarginal, 0);
    expect(sum / b.gzipped).toBeGreaterThan(0.85);
    expect(sum / b.gzipped).toBeLessThan(1.15);
    expect(costs.reduce((s, c) => s + c.minified, 0)).toBeLessThanOrEqual(b.minified);
    // Pipeline regexes and the Sumo RE2 check run on core's own engine (core/src/regex): re2js is the evaluator's.
    expect(costs.map((c) => c.name)).not.toContain('node_modules/re2js');
    expect(costs.map((c) => c.name)).toContain('packages/core/src/regex');
  });
});
