import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The packages as npm users get them: `pnpm pack` each publishable package (workspace:* becomes the version),
// install the tarballs with plain npm in an empty folder, and use them from ESM, from require() and from a
// type-checked TypeScript consumer. The third-party dependencies come from the workspace's store, packed too, so the
// test runs offline with the exact versions of the lockfile.

const ROOT = join(import.meta.dirname, '../../..');
const PACKAGES = ['core', 'text-query', 'evaluator', 'backend-splunk', 'backend-kql', 'backend-sumo', 'cli'] as const;
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
const RULE_DIR = join(ROOT, 'rules/t1219_remote_access_tools');
const RULE_FILE = join(RULE_DIR, 'proc_creation_win_remote_access_tool_execution.yml');

interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly dependencies?: Record<string, string>;
}
const manifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

function run(cmd: string, args: readonly string[], cwd: string): string {
  // No NODE_PATH: the test runner's shims point it into the workspace's store, where require() would find packages
  // the empty folder does not have.
  const { NODE_PATH: _ignored, ...env } = process.env;
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...env, NODE_OPTIONS: '', npm_config_update_notifier: 'false' }, timeout: 240_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** The folder holding `dir` in node_modules (pnpm's store layout keeps a package's dependencies beside it). */
function nodeModulesOf(dir: string): string {
  const i = dir.lastIndexOf(`${'/'}node_modules${'/'}`);
  return dir.slice(0, i + '/node_modules'.length);
}

/** Every third-party runtime dependency reachable from the workspace packages, as real folders in the store. */
function thirdPartyClosure(): Map<string, string> {
  const found = new Map<string, string>();
  const queue: string[] = [];
  for (const p of PACKAGES) {
    const dir = join(ROOT, 'packages', p);
    for (const dep of Object.keys(manifest(dir).dependencies ?? {})) {
      if (!dep.startsWith('@sigmats/')) queue.push(realpathSync(join(dir, 'node_modules', dep)));
    }
  }
  while (queue.length > 0) {
    const dir = queue.pop()!;
    const m = manifest(dir);
    if (found.has(m.name)) continue;
    found.set(m.name, dir);
    for (const dep of Object.keys(m.dependencies ?? {})) queue.push(realpathSync(join(nodeModulesOf(dir), dep)));
  }
  return found;
}

const missingBuild = PACKAGES.filter((p) => !existsSync(join(ROOT, 'packages', p, 'dist/index.js')));

describe('packed packages installed with npm in an empty folder', () => {
  let work: string;
  let app: string;

  beforeAll(() => {
    if (missingBuild.length > 0) throw new Error(`build first (pnpm build): no dist/ in ${missingBuild.join(', ')}`);
    work = mkdtempSync(join(tmpdir(), 'sigmats-pack-'));
    const tarballs = join(work, 'tarballs');
    mkdirSync(tarballs);
    for (const p of PACKAGES) run('npx', ['-y', 'pnpm@10.34.9', 'pack', '--pack-destination', tarballs], join(ROOT, 'packages', p));
    // pnpm's store hard-links identical files (re2js's index.d.ts and index.d.cts), npm pack writes those as tar link
    // entries, and npm install drops link entries: copy each package to fresh files first.
    for (const [name, dir] of thirdPartyClosure()) {
      const copy = join(work, 'copies', name);
      cpSync(dir, copy, { recursive: true, dereference: true });
      run('npm', ['pack', '--pack-destination', tarballs, '--ignore-scripts', copy], work);
    }
    app = join(work, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
    const all = readdirSync(tarballs).map((f) => join(tarballs, f));
    run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', ...all], app);
  }, 600_000);

  afterAll(() => {
    if (work && !process.env['SIGMATS_KEEP_PACK']) rmSync(work, { recursive: true, force: true });
    else if (work) console.warn(`kept ${work}`);
  });

  it('the tarballs hold dist, README, LICENSE and package.json, and no workspace: ranges', () => {
    for (const p of PACKAGES) {
      const installed = join(app, 'node_modules/@sigmats', p);
      expect(existsSync(join(installed, 'LICENSE')), p).toBe(true);
      expect(existsSync(join(installed, 'README.md')), p).toBe(true);
      expect(existsSync(join(installed, 'dist/index.js')), p).toBe(true);
      expect(existsSync(join(installed, 'src')), p).toBe(false);
      expect(readFileSync(join(installed, 'package.json'), 'utf8')).not.toContain('workspace:');
    }
  });

  const esm = `
    import { readFileSync } from 'node:fs';
    import { loadCollection } from '@sigmats/core';
    import { splunkBackend } from '@sigmats/backend-splunk';
    import { kqlBackend } from '@sigmats/backend-kql';
    import { sumo, sumoCse } from '@sigmats/backend-sumo';
    import { compileRuleSet } from '@sigmats/evaluator';
    import { runFixtures } from '@sigmats/evaluator/node';
    import { VERSION } from '@sigmats/cli';
    import { defaultSelection, validateDocuments } from '@sigmats/core/validators';
    import { kqlAssumptions } from '@sigmats/backend-kql/assumptions';
    const c = loadCollection([{ text: readFileSync(${JSON.stringify(RULE_FILE)}, 'utf8'), file: 'rule.yml' }]);
    const outputs = [splunkBackend, kqlBackend(), sumo, sumoCse].map((b) => b.convert(c).output);
    const matched = compileRuleSet(c).match({ Image: 'C:\\\\x\\\\AnyDesk.exe' }).length;
    const fixtures = runFixtures(${JSON.stringify(RULE_DIR)}).results.map((r) => r.ok);
    const ofThem = loadCollection([{ text: 'title: t\\nlogsource: {product: windows}\\ndetection:\\n  sel: {Image: x}\\n  condition: all of them', file: 'them.yml' }]);
    const findings = validateDocuments(ofThem.rules, { selection: defaultSelection() }).map((d) => d.code);
    const assumptions = kqlAssumptions('microsoft_xdr').map((a) => a.id);
    console.log(JSON.stringify({ outputs, matched, fixtures, findings, assumptions, version: VERSION }));`;

  it('works from ESM (every package; the evaluator/node, core/validators and backend-kql/assumptions subpaths)', () => {
    writeFileSync(join(app, 'esm.mjs'), esm);
    const out = JSON.parse(run(process.execPath, ['esm.mjs'], app));
    expect(out.outputs).toHaveLength(4);
    for (const o of out.outputs) expect(o).toMatch(/anydesk/i);
    expect(out.matched).toBe(1);
    expect(out.fixtures.length).toBeGreaterThan(3);
    expect(out.fixtures.every(Boolean)).toBe(true);
    expect(out.version).toBe(manifest(join(ROOT, 'packages/cli')).version);
    expect(out.findings).toContain('validator/all_of_them_condition');
    expect(out.assumptions.length).toBeGreaterThan(0);
  });

  it('works from require() (Node >= 20.19 loads the ES modules through the default condition)', () => {
    writeFileSync(
      join(app, 'cjs.cjs'),
      `
      const { readFileSync } = require('node:fs');
      const { loadCollection } = require('@sigmats/core');
      const { splunkBackend } = require('@sigmats/backend-splunk');
      const { kqlBackend } = require('@sigmats/backend-kql');
      const { sumo } = require('@sigmats/backend-sumo');
      const { compileRuleSet } = require('@sigmats/evaluator');
      const { runFixtures } = require('@sigmats/evaluator/node');
      const { listValidators } = require('@sigmats/core/validators');
      const { kqlAssumptions } = require('@sigmats/backend-kql/assumptions');
      require('@sigmats/text-query');
      require('@sigmats/cli');
      const c = loadCollection([{ text: readFileSync(${JSON.stringify(RULE_FILE)}, 'utf8'), file: 'rule.yml' }]);
      console.log(JSON.stringify({
        outputs: [splunkBackend, kqlBackend(), sumo].map((b) => b.convert(c).output),
        matched: compileRuleSet(c).match({ Image: 'C:\\\\x\\\\AnyDesk.exe' }).length,
        fixtures: runFixtures(${JSON.stringify(RULE_DIR)}).results.every((r) => r.ok),
        subpaths: [listValidators().length > 0, kqlAssumptions('microsoft_xdr').length > 0],
      }));`,
    );
    const out = JSON.parse(run(process.execPath, ['cjs.cjs'], app));
    for (const o of out.outputs) expect(o).toMatch(/anydesk/i);
    expect(out.matched).toBe(1);
    expect(out.fixtures).toBe(true);
    expect(out.subpaths).toEqual([true, true]);
  });

  it('type-checks a TypeScript consumer (module nodenext, strict), ESM and CommonJS', () => {
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, types: [], skipLibCheck: false, lib: ['es2022'] }, files: ['consumer.mts', 'consumer.cts'] }),
    );
    writeFileSync(
      join(app, 'consumer.mts'),
      `
      import { loadCollection, type Backend, type ConversionResult, type Diagnostic } from '@sigmats/core';
      import { splunkBackend } from '@sigmats/backend-splunk';
      import { kqlBackend } from '@sigmats/backend-kql';
      import { sumo, sumoCse } from '@sigmats/backend-sumo';
      import { compileRuleSet, type RuleMatch } from '@sigmats/evaluator';
      import { runFixtures, type FixtureReport } from '@sigmats/evaluator/node';
      import { createBackend } from '@sigmats/text-query';
      import { VERSION } from '@sigmats/cli';
      import { validateDocuments, type ValidatorSelection } from '@sigmats/core/validators';
      import { kqlAssumptions, type KqlAssumption } from '@sigmats/backend-kql/assumptions';
      const backends: readonly Backend[] = [splunkBackend, kqlBackend(), sumo, sumoCse];
      const c = loadCollection([{ text: 'title: t', file: 'r.yml' }]);
      const results: ConversionResult[] = backends.map((b) => b.convert(c, { format: b.defaultFormat }));
      const diags: readonly Diagnostic[] = results.flatMap((r) => r.diagnostics);
      const m: RuleMatch[] = compileRuleSet(c).match({ a: 1 });
      const f: FixtureReport = runFixtures('.');
      const v: string = VERSION;
      const none: ValidatorSelection = { enabled: new Set(), exclusions: new Map(), params: new Map() };
      const findings: readonly Diagnostic[] = validateDocuments(c.rules, { selection: none });
      const a: readonly KqlAssumption[] = kqlAssumptions('microsoft_xdr', c.rules[0]);
      // @ts-expect-error: a wrong option type must be caught, so the types are really read
      splunkBackend.convert(c, { format: 1 });
      export { diags, m, f, v, findings, a, createBackend };
      `,
    );
    writeFileSync(
      join(app, 'consumer.cts'),
      `
      import core = require('@sigmats/core');
      import evaluator = require('@sigmats/evaluator');
      const c = core.loadCollection([{ text: 'title: t', file: 'r.yml' }]);
      const n: number = evaluator.compileRuleSet(c).match({}).length;
      export = n;
      `,
    );
    const r = spawnSync(process.execPath, [TSC, '-p', 'tsconfig.json'], { cwd: app, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('leaves the Kusto language service out (an optional peer of @sigmats/backend-kql/validate), and says so', () => {
    expect(existsSync(join(app, 'node_modules/@kusto'))).toBe(false);
    writeFileSync(
      join(app, 'kusto.mjs'),
      `
      import { kustoAvailable, validateKql } from '@sigmats/backend-kql/validate';
      import { kqlBackend } from '@sigmats/backend-kql';
      let error = '';
      try { validateKql('DeviceProcessEvents | take 1'); } catch (e) { error = e.message; }
      console.log(JSON.stringify({ available: kustoAvailable(), error, problems: kqlBackend().validate('DeviceProcessEvents').map((p) => p.code) }));`,
    );
    const out = JSON.parse(run(process.execPath, ['kusto.mjs'], app));
    expect(out).toEqual({
      available: false,
      error: 'KQL validation needs @kusto/language-service-next (an optional peer dependency of @sigmats/backend-kql): npm install @kusto/language-service-next@12',
      problems: ['SIGMATS-NO-VALIDATOR'],
    });
  });

  it('check -t kql without the Kusto service: the syntax gate, and the command says so', () => {
    const { NODE_PATH: _ignored, ...env } = process.env;
    const r = spawnSync(join(app, 'node_modules/.bin/sigmats'), ['check', '--no-color', '-t', 'kql', RULE_FILE], { cwd: app, encoding: 'utf8', env: { ...env, NODE_OPTIONS: '' }, timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('queries kql: 1 query syntax-level gate only (@kusto/language-service-next is not installed; install it for the Kusto analysis)');
  });

  it('runs the sigmats command', () => {
    const out = run(join(app, 'node_modules/.bin/sigmats'), ['convert', '-t', 'all', RULE_FILE], app);
    for (const t of ['splunk', 'kql', 'sumo', 'sumo-cse']) expect(out).toContain(`==> ${t} (`);
    expect(out).toMatch(/anydesk/i);
  });
});

