// End-to-end: the BUILT binary on rules/ and on a temp copy with broken rules.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import nodeModule from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import pkg from '../package.json';
import { NEEDS_SIGMAHQ } from '../../core/test/shared-data.js';
import { BIN, ensureBuilt, HAVE_SIGMAHQ, ROOT, SIGMAHQ } from './built.js';
import { tempDir } from './temp-dir.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function sigmats(args: string[], opts: { cwd?: string; input?: string; env?: Record<string, string> } = {}): Run {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...opts.env };
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, input: opts.input ?? '', encoding: 'utf8', env, timeout: 120_000, maxBuffer: 512 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const TARGETS = ['splunk', 'kql', 'sumo', 'sumo-cse'] as const;
const RULE_IDS = ['4e8351d6-5415-45d2-b6be-677c3dc95326', '07b00a6e-0b58-484a-a163-5d5481be0dc4'];

const BROKEN_CONDITION = `title: Broken Rule
id: 5d0d8c39-3c4e-4f55-9a39-6f1e0a1b2c3d
status: experimental
logsource:
    category: process_creation
    product: windows
detection:
    selection:
        Image|endswith: '\\evil.exe'
    condition: selection and not filter
level: high
`;

let work: string;

beforeAll(() => {
  ensureBuilt();
  // A copy of rules/ plus a rule with an undefined identifier and a file with a YAML syntax error.
  work = tempDir('sigmats-e2e-');
  cpSync(join(ROOT, 'rules'), join(work, 'rules'), { recursive: true });
  writeFileSync(join(work, 'rules', 'broken.yml'), BROKEN_CONDITION);
  writeFileSync(join(work, 'rules', 'bad_yaml.yml'), 'title: Bad YAML\ndetection:\n  sel: [a, b\n  condition: sel\n');
  // Building stale packages (declarations included) can take minutes on a busy machine.
}, 600_000);

describe('global', () => {
  test('--version prints the package version', () => {
    const r = sigmats(['--version']);
    expect(r).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });
  test.each(['convert', 'check', 'test', 'eval', 'list', 'variants'])('%s --help has examples', (cmd) => {
    const r = sigmats([cmd, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Usage: sigmats ${cmd}`);
    expect(r.stdout).toContain('Examples:');
  });
  test('usage errors exit 2 with a pointer to --help', () => {
    for (const args of [[], ['frobnicate'], ['convert', 'rules/'], ['convert', '-t', 'nope', 'rules/'], ['convert', '-t', 'splunk', '--bogus', 'rules/'], ['convert', '-t', 'splunk', 'no/such/dir'], ['convert', '-t', 'splunk', '-f', 'nope', 'rules/'], ['list', 'everything']]) {
      const r = sigmats(args);
      expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(2);
      expect(r.stdout, args.join(' ')).toBe('');
    }
    expect(sigmats(['convert', 'rules/']).stderr).toBe("sigmats convert: error: missing -t TARGET (splunk, kql, sumo, sumo-cse or all)\nRun 'sigmats convert --help' for usage.\n");
  });
});

describe('convert', () => {
  test.each(TARGETS)('-t %s rules/: every rule converts, results on stdout only', (target) => {
    const r = sigmats(['convert', '-t', target, 'rules/']);
    // Sumo log search: no _sourceCategory is invented; without a scope option each rule warns (and searches *).
    // Splunk: without a Windows add-on pipeline (splunk-windows, sysmon, windows-security) each Windows rule warns.
    // Cloud SIEM: the rules' enrichments are not computed (no computed fields in a match rule): one warning each.
    const warning = {
      sumo: /: warning backend\/unsupported-feature: no scope configured for this log source/,
      splunk: /: warning backend\/unsupported-feature: no Windows add-on pipeline/,
      'sumo-cse': /: warning enrichment\/dropped: enrichment '\w+' is not computed: Cloud SIEM/,
    }[target as string];
    if (warning) for (const line of r.stderr.split('\n').filter(Boolean)) expect(line).toMatch(warning);
    else expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().length).toBeGreaterThan(0);
    const json = sigmats(['convert', '-t', target, '--json', 'rules/']);
    const lines = json.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.filter((l) => l.type === 'rule').map((l) => l.id).sort()).toEqual([...RULE_IDS].sort());
    expect(lines.every((l) => l.version === 1)).toBe(true);
    expect(lines.at(-1)).toMatchObject({ type: 'summary', files: 2, errors: 0, targets: [{ target, converted: 2, failed: 0 }] });
  });

  test('-t all prints a section per target', () => {
    const r = sigmats(['convert', '-t', 'all', 'rules/']);
    expect(r.code).toBe(0);
    const headers = r.stdout.split('\n').filter((l) => l.startsWith('==> '));
    expect(headers.map((h) => h.split(' ')[1])).toEqual([...TARGETS]);
  });

  test('a broken rule: located errors, the others still convert, exit 1', () => {
    const r = sigmats(['convert', '-t', 'splunk', 'rules/'], { cwd: work });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("rules/broken.yml:10:34: error condition/undefined-identifier: 'filter' is not defined");
    expect(r.stderr).toMatch(/^rules\/bad_yaml\.yml:\d+:\d+: error yaml\/syntax: /m);
    expect(r.stdout).toContain('wsmprovhost.exe');
    expect(r.stdout).toContain('teamviewer.exe');
    expect(r.stdout).not.toContain('evil.exe');
    // No colours without a TTY.
    expect(r.stderr).not.toContain('\x1b[');
  });

  test('-o DIR writes one file per rule file, atomically; with -t all a folder per target', () => {
    const out = join(work, 'out-all');
    const r = sigmats(['convert', '-t', 'all', '-o', out, 'rules/'], { cwd: work });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    for (const target of TARGETS) {
      const files = readdirSync(join(out, target)).sort();
      expect(files.map((f) => f.replace(/\.[^.]+$/, ''))).toEqual(['proc_creation_win_remote_access_tool_execution', 'proc_creation_win_winrm_remote_execution']);
    }
    expect(readFileSync(join(out, 'splunk', 'proc_creation_win_remote_access_tool_execution.spl'), 'utf8')).toContain('teamviewer.exe');
    const all = readdirSync(out, { recursive: true }) as string[];
    expect(all.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const single = join(work, 'out-splunk') + '/';
    expect(sigmats(['convert', '-t', 'splunk', '-o', single, 'rules/t1219_remote_access_tools'], { cwd: work }).code).toBe(0);
    expect(readdirSync(single)).toEqual(['proc_creation_win_remote_access_tool_execution.spl']);
  });

  test('-o FILE receives the whole output', () => {
    const file = join(work, 'all.spl');
    const r = sigmats(['convert', '-t', 'splunk', '-o', file, 'rules/t1021.006_winrm', 'rules/t1219_remote_access_tools'], { cwd: work });
    expect(r.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(sigmats(['convert', '-t', 'splunk', 'rules/'], { cwd: ROOT }).stdout);
  });

  test('globs and stdin', () => {
    const viaGlob = sigmats(['convert', '-t', 'splunk', 'rules/**/*remote_access*.yml']);
    expect(viaGlob.code).toBe(0);
    expect(viaGlob.stdout).toContain('teamviewer.exe');
    expect(viaGlob.stdout).not.toContain('wsmprovhost');
    const text = readFileSync(join(ROOT, 'rules/t1219_remote_access_tools/proc_creation_win_remote_access_tool_execution.yml'), 'utf8');
    expect(sigmats(['convert', '-t', 'splunk', '-'], { input: text }).stdout).toBe(viaGlob.stdout);
    const bad = sigmats(['convert', '-t', 'splunk', '-'], { input: BROKEN_CONDITION });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('<stdin>:10:34: error condition/undefined-identifier');
  });

  test('lazy loading: only the requested backend, never the evaluator or the Kusto validator', () => {
    const rule = 'rules/t1219_remote_access_tools/proc_creation_win_remote_access_tool_execution.yml';
    const loaded = (target: string, env: Record<string, string> = {}): string[] => {
      // NODE_DEBUG=esm,module logs every ESM and CommonJS load to stderr.
      const r = sigmats(['convert', '-t', target, rule], { env: { NODE_DEBUG: 'esm,module', ...env } });
      expect(r.code).toBe(0);
      return [...new Set(r.stderr.match(/packages\/[a-z-]+\/dist|language-service[a-z-]*|sigmats\.cjs/g) ?? [])].sort();
    };
    // From the modules (a build without the bundle), each package is a module of its own.
    const modules = { SIGMATS_BUNDLE: 'off' };
    expect(loaded('splunk', modules)).toEqual(['packages/backend-splunk/dist', 'packages/cli/dist', 'packages/core/dist', 'packages/text-query/dist']);
    expect(loaded('kql', modules)).toEqual(['packages/backend-kql/dist', 'packages/cli/dist', 'packages/core/dist', 'packages/text-query/dist']);
    // The bundle holds every package, and Node loads nothing else (the Kusto validator is outside it).
    expect(loaded('kql')).toEqual(['packages/cli/dist', 'sigmats.cjs']);
  });

  test('the built binary runs from the bundle with its code cache, and says the same as the modules', () => {
    const cached = sigmats(['convert', '-t', 'splunk', 'rules/'], { env: { SIGMATS_DEBUG_STARTUP: '1' } });
    // A convert to one target loads that target's cache (smaller), a check without targets the check's, anything else
    // the whole one.
    expect(cached.stderr).toMatch(/^sigmats: startup: bundle \S+sigmats\.cjs, code cache accepted \(sigmats-v8-\S+\.splunk\.cache\)$/m);
    // The V8 flags a batch command set (jit.ts), which the bench reads to run its warm passes as the command does.
    expect(cached.stderr).toMatch(/^sigmats: startup: V8 flags --no-turbo-inlining --interrupt-budget=\d+ --heap-growing-percent=\d+$/m);
    // A small run sets none, and loads its profile's cache, written without them.
    const small = sigmats(['convert', '-t', 'splunk', 'rules/t1219_remote_access_tools/proc_creation_win_remote_access_tool_execution.yml'], { env: { SIGMATS_DEBUG_STARTUP: '1' } });
    expect(small.stderr).toMatch(/^sigmats: startup: bundle \S+sigmats\.cjs, code cache accepted \(sigmats-v8-\S+\.splunk\.cache\)$/m);
    expect(small.stderr).not.toMatch(/^sigmats: startup: V8 flags /m);
    expect(sigmats(['check', 'rules/t1219_remote_access_tools/proc_creation_win_remote_access_tool_execution.yml'], { env: { SIGMATS_DEBUG_STARTUP: '1' } }).stderr).toMatch(/^sigmats: startup: bundle \S+sigmats\.cjs, code cache accepted \(sigmats-v8-\S+\.check\.cache\)$/m);
    expect(sigmats(['check', 'rules/'], { env: { SIGMATS_DEBUG_STARTUP: '1' } }).stderr).toMatch(/^sigmats: startup: bundle \S+sigmats\.cjs, code cache accepted \(sigmats-v8-\S+\.check\.cache\)$/m);
    for (const argv of [['convert', '-t', 'all', 'rules/'], ['convert', '-t', 'splunk,kql', 'rules/'], ['check', '-t', 'kql', 'rules/']]) {
      expect(sigmats(argv, { env: { SIGMATS_DEBUG_STARTUP: '1' } }).stderr).toMatch(/^sigmats: startup: bundle \S+sigmats\.cjs, code cache accepted \(sigmats-v8-[^\s()]+?-node\.\d+\.cache\)$/m);
    }
    // launch/bundle.ts reads the bundle as latin1, which is its text only when every byte is ASCII.
    expect(readFileSync(join(ROOT, 'packages/cli/dist/sigmats.cjs')).every((b) => b < 0x80)).toBe(true);
    // `eval` loads its rules with the batch commands' flags and the whole cache, then sets V8's own compiler flags
    // back for matching (jit.ts streamFlagsFor).
    const evalStart = sigmats(['eval', '--rules', 'rules/', '-'], { input: '', env: { SIGMATS_DEBUG_STARTUP: '1' } }).stderr;
    expect(evalStart).toMatch(/^sigmats: startup: V8 flags --no-turbo-inlining --interrupt-budget=400000 --heap-growing-percent=50\nsigmats: startup: bundle \S+sigmats\.cjs, code cache accepted \(sigmats-v8-[^\s()]+?-node\.\d+\.cache\)$/m);
    expect(evalStart).toMatch(/^sigmats: startup: V8 flags --turbo-inlining --interrupt-budget=67584 \(matching\)$/m);
    // Flags of the user's own that change how V8 compiles: V8 refuses the cache and the bundle compiles as usual.
    const refused = spawnSync(process.execPath, ['--stack-size=1000', BIN, 'convert', '-t', 'splunk', 'rules/'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, SIGMATS_DEBUG_STARTUP: '1' } });
    expect(refused.stderr).toMatch(/code cache rejected/);
    expect(refused.stdout).toBe(cached.stdout);
    const plain = sigmats(['convert', '-t', 'splunk', 'rules/'], { env: { SIGMATS_BUNDLE: 'off', SIGMATS_DEBUG_STARTUP: '1' } });
    expect(plain.stderr).toMatch(/^sigmats: startup: modules \(SIGMATS_BUNDLE=off\)$/m);
    // Where the modules run, Node's own compile cache is asked for (Node 22.1 and later have one).
    const nodeHasCache = typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === 'function';
    expect(plain.stderr).toMatch(nodeHasCache ? /^sigmats: startup: module compile cache in \S/m : /^sigmats: startup: no module compile cache in Node \d/m);
    expect(cached.stderr).not.toMatch(/module compile cache/);
    const quiet = (s: string): string => s.replace(/^sigmats: startup: .*\n/gm, '');
    expect([cached.code, cached.stdout, quiet(cached.stderr)]).toEqual([plain.code, plain.stdout, quiet(plain.stderr)]);
    for (const argv of [['convert', '-t', 'all', '--json', 'rules/'], ['check', '-t', 'all', 'rules/'], ['list', 'targets']]) {
      const b = sigmats(argv);
      const m = sigmats(argv, { env: { SIGMATS_BUNDLE: 'off' } });
      expect([b.code, b.stdout, b.stderr]).toEqual([m.code, m.stdout, m.stderr]);
    }
  });

  test('the command starts as CommonJS, and loads worker threads only for a run that uses them', () => {
    // What Node loaded, written at exit by a preloaded CommonJS file (process.moduleLoadList).
    const probe = join(work, 'module-list.cjs');
    writeFileSync(probe, "process.on('exit', () => require('node:fs').writeFileSync(process.env.MODULE_LIST, process.moduleLoadList.join('\\n')));");
    const loaded = (args: string[]): string[] => {
      const list = join(work, `modules-${args.length}.txt`);
      const r = spawnSync(process.execPath, ['--require', probe, BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, MODULE_LIST: list } });
      expect(r.status).toBe(0);
      return readFileSync(list, 'utf8').split('\n');
    };
    const rule = 'rules/t1219_remote_access_tools/proc_creation_win_remote_access_tool_execution.yml';
    const one = loaded(['convert', '-t', 'splunk', rule]);
    // No ES module loader (a CommonJS entry), no fs/promises (the facade of node:fs imported from an ES module loads
    // it), no worker threads: together about 16 ms of a 165 ms start (BENCHMARKS.md, round 11).
    // Nor node:os, which counts the cores only for a run that may start workers (about 1 ms), nor node:v8, which a
    // small run does not set V8 flags with (about 5 ms). Nor Node's streams: stdout and stderr, pipes here, are
    // written directly (direct-out.ts; about 4 ms).
    const checked = loaded(['check', rule]);
    for (const m of ['internal/modules/esm/translators', 'internal/modules/esm/module_job', 'internal/fs/promises', 'worker_threads', 'os', 'v8', 'stream', 'internal/streams/readable', 'net']) {
      expect(one).not.toContain(`NativeModule ${m}`);
      expect(checked).not.toContain(`NativeModule ${m}`);
    }
    expect(one).toContain('NativeModule vm');
    // Asked for workers (and given more than one chunk of files), it loads them where it starts them.
    const dir = join(work, 'chunks');
    mkdirSync(dir, { recursive: true });
    const text = readFileSync(join(ROOT, rule), 'utf8');
    for (let i = 0; i < 300; i++) writeFileSync(join(dir, `r${i}.yml`), text.replace(/^id: .*$/m, `id: 00000000-0000-4000-8000-${String(i).padStart(12, '0')}`));
    expect(loaded(['convert', '-t', 'splunk', '--jobs', '2', dir])).toContain('NativeModule worker_threads');
    // A worker thread starts from its CommonJS entry too (dist/<kind>-worker.cjs), and loads the bundle with the
    // whole code cache; without the bundle it runs the modules, and says the same.
    const quiet = (s: string): string => s.replace(/^sigmats: startup: .*\n/gm, '');
    for (const [kind, args] of [['convert', ['convert', '-t', 'splunk', '--jobs', '2', '-v', dir]], ['check', ['check', '--jobs', '2', '-v', dir]]] as const) {
      // The worker loads the bundle while this thread converts; on a loaded machine this thread may finish the run
      // first and stop the worker before it has (one CI run): then the run is tried again, up to four times.
      const wholeCache = /^sigmats: startup: bundle \S+sigmats\.cjs, code cache (accepted|rejected) \(sigmats-v8-[^\s()]+?-node\.\d+\.cache\)$/gm;
      let bundled = sigmats([...args], { env: { SIGMATS_DEBUG_STARTUP: '1' } });
      for (let tries = 1; tries < 4 && bundled.stderr.match(wholeCache) === null; tries++) bundled = sigmats([...args], { env: { SIGMATS_DEBUG_STARTUP: '1' } });
      expect(bundled.stderr).toMatch(/chunks on 2 threads \(1 workers\)/);
      expect(bundled.stderr).toContain(`sigmats: startup: ${kind} worker thread: CommonJS entry\n`);
      const startup = bundled.stderr.split('\n').filter((l) => l.startsWith('sigmats: startup:')).join('\n');
      expect(bundled.stderr.match(wholeCache), startup).toEqual([expect.stringContaining('code cache accepted')]);
      expect(bundled.stderr).not.toMatch(/worker thread failure/);
      const modulesLine = /^sigmats: startup: modules \(SIGMATS_BUNDLE=off\)$/gm;
      let modules = sigmats([...args], { env: { SIGMATS_DEBUG_STARTUP: '1', SIGMATS_BUNDLE: 'off' } });
      for (let tries = 1; tries < 4 && (modules.stderr.match(modulesLine)?.length ?? 0) < 2; tries++) modules = sigmats([...args], { env: { SIGMATS_DEBUG_STARTUP: '1', SIGMATS_BUNDLE: 'off' } });
      expect(modules.stderr.match(modulesLine)?.length).toBeGreaterThanOrEqual(2);
      expect([modules.code, modules.stdout, quiet(modules.stderr)]).toEqual([bundled.code, bundled.stdout, quiet(bundled.stderr)]);
    }
  });

  test('a consumer that stops reading (| head) ends the run quietly', () => {
    const dir = join(work, 'many');
    mkdirSync(dir, { recursive: true });
    const text = readFileSync(join(ROOT, 'rules/t1219_remote_access_tools/proc_creation_win_remote_access_tool_execution.yml'), 'utf8');
    for (let i = 0; i < 400; i++) writeFileSync(join(dir, `r${i}.yml`), text.replace(/^id: .*$/m, `id: 00000000-0000-4000-8000-${String(i).padStart(12, '0')}`));
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" convert -t splunk "${dir}" | head -n 1`], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stdout).toMatch(/^Image IN /);
    // No EPIPE noise; only the Splunk warnings about the missing Windows add-on pipeline, if any were written.
    for (const line of r.stderr.split('\n').filter(Boolean)) expect(line).toMatch(/: warning backend\/unsupported-feature: no Windows add-on pipeline/);
  });

  test('a slow reader on a non-blocking pipe still gets every byte (direct writes wait when the pipe is full)', async () => {
    const dir = join(work, 'slow-reader');
    mkdirSync(dir, { recursive: true });
    const text = readFileSync(join(ROOT, 'rules/t1219_remote_access_tools/proc_creation_win_remote_access_tool_execution.yml'), 'utf8');
    for (let i = 0; i < 400; i++) writeFileSync(join(dir, `r${i}.yml`), text.replace(/^id: .*$/m, `id: 00000000-0000-4000-8000-${String(i).padStart(12, '0')}`));
    const args = ['convert', '-t', 'all', '--jobs', '1', dir];
    const expected = sigmats(args);
    expect(expected.stdout.length).toBeGreaterThan(1 << 20);
    // Node opens a socket on fd 1 and so makes the descriptor non-blocking, for this process and for the reader's
    // end alike (one open file description); then the command runs in the same process and writes its 2 MB while
    // nobody reads: its writes are refused (EAGAIN) until the reader wakes.
    const wrapper = join(work, 'nonblocking-stdout.cjs');
    writeFileSync(wrapper, "new (require('node:net').Socket)({ fd: 1, readable: false }); process.argv.splice(1, 1); require(process.argv[1]);");
    const child = spawn(process.execPath, [wrapper, BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pause();
    const err: Buffer[] = [];
    child.stderr.on('data', (c: Buffer) => err.push(c));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const out: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stdout.resume();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect([code, Buffer.concat(out).toString('utf8'), Buffer.concat(err).toString('utf8')]).toEqual([expected.code, expected.stdout, expected.stderr]);
  }, 60_000);

  test('colours only when forced and not disabled by NO_COLOR', () => {
    expect(sigmats(['convert', '-t', 'splunk', 'rules/broken.yml'], { cwd: work, env: { FORCE_COLOR: '1' } }).stderr).toContain('\x1b[31merror\x1b[39m');
    expect(sigmats(['convert', '-t', 'splunk', 'rules/broken.yml'], { cwd: work, env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stderr).not.toContain('\x1b[');
  });

  test('pipelines: unknown name is a usage error; built-in names are accepted', () => {
    const r = sigmats(['convert', '-t', 'splunk', '-p', 'no-such-pipeline', 'rules/']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("'no-such-pipeline' is neither a pipeline file nor a built-in pipeline of splunk");
    const list = sigmats(['list', 'pipelines', '-t', 'splunk', '--json']).stdout.trim().split('\n').map((l) => JSON.parse(l) as { name: string });
    expect(list.length).toBeGreaterThan(0);
    expect(sigmats(['convert', '-t', 'splunk', '-p', list[0]!.name, 'rules/']).code).not.toBe(2);
  });
});

describe('check', () => {
  test('clean rules: exit 0', () => {
    const r = sigmats(['check', 'rules/']);
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(r.stderr).toBe('checked 2 files, 2 documents: 0 errors, 0 warnings\n');
  });
  test('--junit: one testcase per document or failed file, located failures', () => {
    const xmlFile = join(work, 'reports', 'check.xml');
    const r = sigmats(['check', '--junit', xmlFile, 'rules/'], { cwd: work });
    expect(r.code).toBe(1);
    const xml = readFileSync(xmlFile, 'utf8');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="sigmats" tests="4" failures="2" errors="0">/);
    expect(xml).toContain('<testcase name="Remote Access Tool Execution (07b00a6e-0b58-484a-a163-5d5481be0dc4)"');
    expect(xml).toContain('<failure message="rules/broken.yml:10:34: error condition/undefined-identifier: &apos;filter&apos; is not defined');
    expect(xml).toMatch(/<testcase name="rules\/bad_yaml.yml"[^>]*>\n\s*<failure message="rules\/bad_yaml.yml:\d+:\d+: error yaml\/syntax/);
  });
});

describe('test', () => {
  test('rules/: one line per rule and per fixture, exit code follows failures', () => {
    const r = sigmats(['test']);
    const ruleLines = r.stdout.split('\n').filter((l) => /^(PASS|FAIL|NONE) /.test(l));
    expect(ruleLines).toHaveLength(2);
    const failing = r.stdout.split('\n').filter((l) => /^ {2}FAIL /.test(l)).length;
    expect(r.code).toBe(failing > 0 ? 1 : 0);
    expect(r.stderr).toMatch(new RegExp(`^\\d+ passed, ${failing} failed \\(\\d+ fixtures, 2 rules\\)$`, 'm'));
  });
  test('a passing and a failing fixture in a temp folder', () => {
    const dir = join(work, 'fixture-case');
    mkdirSync(join(dir, 'fixtures'), { recursive: true });
    cpSync(join(ROOT, 'rules/t1219_remote_access_tools/proc_creation_win_remote_access_tool_execution.yml'), join(dir, 'rule.yml'));
    const fixture = (expect: string, image: string) => JSON.stringify({ description: `${image} ${expect}`, expect, rule: RULE_IDS[1], event: { Image: image } });
    writeFileSync(join(dir, 'fixtures', 'tp.json'), fixture('match', 'C:\\Tools\\AnyDesk.exe'));
    writeFileSync(join(dir, 'fixtures', 'tn.json'), fixture('no-match', 'C:\\Windows\\notepad.exe'));
    expect(sigmats(['test', dir]).code).toBe(0);
    writeFileSync(join(dir, 'fixtures', 'wrong.json'), fixture('match', 'C:\\Windows\\calc.exe'));
    const xmlFile = join(dir, 'fixtures.xml');
    const r = sigmats(['test', '--junit', xmlFile, dir]);
    expect(r.code).toBe(1);
    const xml = readFileSync(xmlFile, 'utf8');
    expect(xml).toContain('<testsuites name="sigmats" tests="3" failures="1" errors="0">');
    expect(xml).toContain('<failure message="expected match, did not match" type="fixture/mismatch">');
    expect(r.stderr).toContain(`${join(dir, 'fixtures', 'wrong.json')}:1:1: error fixture/mismatch`);
  });
});

describe('eval', () => {
  const tp = { EventID: 1, Image: 'C:\\Users\\a\\Downloads\\rustdesk.exe', CommandLine: 'rustdesk.exe' };
  const tn = { EventID: 1, Image: 'C:\\Windows\\notepad.exe' };
  test('NDJSON on stdin: one line per match', () => {
    const r = sigmats(['eval', '--rules', 'rules/', '-'], { input: `${JSON.stringify(tn)}\n${JSON.stringify(tp)}\n` });
    expect(r.code).toBe(0);
    const matches = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    // The rule's enrichments and its author travel with the match (no licence: rules/ has no LICENSE file).
    expect(matches).toEqual([
      {
        rule: RULE_IDS[1],
        title: 'Remote Access Tool Execution',
        event: 1,
        file: '<stdin>',
        line: 2,
        identifiers: ['selection'],
        condition: 0,
        enrichments: { rat_category: 'Other RMM', is_service_launched: 'false', is_user_launched: 'false' },
        author: 'sigmats contributors',
      },
    ]);
  });
  test('concatenated pretty JSON in a file; a broken event is located and skipped', () => {
    const file = join(work, 'events.json');
    writeFileSync(file, `${JSON.stringify(tp, null, 2)}\n{"Image": "oops"\n${JSON.stringify(tp, null, 2)}\n`);
    const r = sigmats(['eval', '--rules', 'rules/', file]);
    const matches = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { event: number; line: number });
    expect(matches.map((m) => m.line)).toEqual([1, 7]);
    expect(r.stderr).toContain(`${file}:6:1: warning eval/invalid-event`);
  });
  test('evtx_dump JSON is flattened; --logsource windows routes by channel and event id', () => {
    const evtx = (eid: number) => ({
      Event: {
        System: { Provider: { '#attributes': { Name: 'Microsoft-Windows-Sysmon' } }, EventID: eid, Channel: 'Microsoft-Windows-Sysmon/Operational' },
        EventData: { Image: 'C:\\Tools\\AnyDesk.exe', CommandLine: 'AnyDesk.exe' },
      },
    });
    const input = [evtx(1), evtx(7)].map((e) => JSON.stringify(e)).join('\n');
    const events = (args: string[]) =>
      sigmats(['eval', '--rules', 'rules/', ...args, '-'], { input })
        .stdout.trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => (JSON.parse(l) as { event: number }).event);
    expect(events([])).toEqual([0, 1]);
    // Event 7 (image load) is not process_creation.
    expect(events(['--logsource', 'windows'])).toEqual([0]);
    expect(events(['--no-flatten'])).toEqual([]);
  });

  test('--rules is required', () => {
    expect(sigmats(['eval', 'x.json']).code).toBe(2);
  });
});

describe('list', () => {
  test('targets, pipelines, formats', () => {
    const targets = sigmats(['list', 'targets']);
    expect(targets.code).toBe(0);
    expect(targets.stdout.split('\n').filter(Boolean).map((l) => l.split(/\s+/)[0])).toEqual([...TARGETS]);
    const formats = sigmats(['list', 'formats']);
    expect(formats.code).toBe(0);
    for (const t of TARGETS) expect(formats.stdout).toMatch(new RegExp(`^${t} +default +\\.\\w+ +\\(default\\)`, 'm'));
    expect(sigmats(['list', 'pipelines']).code).toBe(0);
  });
});

describe('sentinel_cloud (@sigmats/backend-kql/cloud)', () => {
  const CLOUDTRAIL = `title: Root IAM user created
id: 7c1b2a4e-1f0d-4c55-9d3e-2a6b8f1e0c11
status: test
description: An IAM user created by the root account.
author: sigmats tests
date: 2026-12-07
logsource:
    product: aws
    service: cloudtrail
detection:
    selection:
        eventSource: iam.amazonaws.com
        eventName: CreateUser
        userIdentity.type: Root
    condition: selection
level: medium
`;
  let dir: string;
  beforeAll(() => {
    dir = join(work, 'cloud');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'aws_root_create_user.yml'), CLOUDTRAIL);
  });

  test('the CLI offers the subpath pipeline by name and converts with it', () => {
    expect(sigmats(['list', 'pipelines']).stdout).toMatch(/^kql +sentinel_cloud +Sentinel cloud-log tables/m);
    const r = sigmats(['convert', '-t', 'kql', '-p', 'sentinel_cloud', '--no-comments', join(dir, 'aws_root_create_user.yml')]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('AWSCloudTrail\n| where EventSource =~ "iam.amazonaws.com" and EventName =~ "CreateUser" and UserIdentityType =~ "Root"\n');
  });

  test("the Sentinel page of an AWS rule reads AWSCloudTrail", () => {
    const r = sigmats(['variants', '-o', 'cloud-site', 'cloud'], { cwd: work });
    // Defender XDR has no table of AWS logs: its page is the one missing (an error, so exit 1).
    expect(r.stderr).toMatch(/^wrote 12 pages for 1 rule to cloud-site; 1 error, 1 warning$/m);
    expect(r.stderr).toContain('Windows, Linux and macOS devices [defender-xdr]');
    const md = readFileSync(join(work, 'cloud-site', 'rules', 'aws_root_create_user', 'sentinel.md'), 'utf8');
    expect(md).toContain('AWSCloudTrail\n| where EventSource =~ "iam.amazonaws.com"');
    expect(md).toContain('then sentinel\\_cloud (Sentinel cloud-log tables');
    expect(md).toContain('assumption sentinel-cloud-cloudtrail-columns');
  });
});

describe('sentinel_asim_web (@sigmats/backend-kql/web)', () => {
  const WEBSHELL = `title: Webshell command in a query string
id: 7c1b2a4e-1f0d-4c55-9d3e-2a6b8f1e0c12
status: test
description: A POST whose query string runs a command.
author: sigmats tests
date: 2026-12-07
logsource:
    category: webserver
detection:
    selection:
        cs-method: POST
        cs-uri-query|contains: 'cmd='
    condition: selection
level: high
`;
  let dir: string;
  beforeAll(() => {
    dir = join(work, 'web');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'web_webshell_cmd.yml'), WEBSHELL);
  });

  test('the CLI offers the subpath pipeline by name and converts with it', () => {
    expect(sigmats(['list', 'pipelines']).stdout).toMatch(/^kql +sentinel_asim_web +Sentinel ASIM Web Session parser/m);
    const r = sigmats(['convert', '-t', 'kql', '-p', 'sentinel_asim_web', '--no-comments', join(dir, 'web_webshell_cmd.yml')]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      'imWebSession\n| extend UrlQuery = extract(@"\\?([^#]*)", 1, Url)\n| where EventType in~ ("WebServerSession", "ApiRequest") and HttpRequestMethod =~ "POST" and UrlQuery contains "cmd="\n',
    );
  });

  test('the Sentinel page of a web server rule reads imWebSession, with its assumptions', () => {
    const r = sigmats(['variants', '-o', 'web-site', 'web'], { cwd: work });
    expect(r.stderr).toMatch(/^wrote \d+ pages for 1 rule to web-site/m);
    const md = readFileSync(join(work, 'web-site', 'rules', 'web_webshell_cmd', 'sentinel.md'), 'utf8');
    expect(md).toContain('imWebSession\n| extend UrlQuery');
    expect(md).toContain('sentinel\\_asim\\_web (Sentinel ASIM Web Session parser');
    expect(md).toContain('assumption sentinel-web-url-parts');
    expect(md).toContain('assumption sentinel-web-event-types');
  });
});

describe('sentinel_syslog (@sigmats/backend-kql/syslog)', () => {
  const SSHD = `title: Suspicious OpenSSH error
id: 7c1b2a4e-1f0d-4c55-9d3e-2a6b8f1e0c13
status: test
description: An OpenSSH error message seen in exploitation attempts.
author: sigmats tests
date: 2026-12-07
logsource:
    product: linux
    service: sshd
detection:
    keywords:
        - 'Corrupted MAC on input'
    condition: keywords
level: medium
`;
  let dir: string;
  beforeAll(() => {
    dir = join(work, 'syslog');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'lnx_sshd_mac.yml'), SSHD);
  });

  test('the CLI offers the subpath pipeline by name and converts with it', () => {
    expect(sigmats(['list', 'pipelines']).stdout).toMatch(/^kql +sentinel_syslog +Sentinel Syslog table/m);
    const r = sigmats(['convert', '-t', 'kql', '-p', 'sentinel_syslog', '--no-comments', join(dir, 'lnx_sshd_mac.yml')]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('Syslog\n| where ProcessName in~ ("sshd", "sshd-session") and * contains "Corrupted MAC on input"\n');
  });

  test('the Sentinel page of a Linux syslog rule reads Syslog, with its assumptions', () => {
    const r = sigmats(['variants', '-o', 'syslog-site', 'syslog'], { cwd: work });
    expect(r.stderr).toMatch(/^wrote \d+ pages for 1 rule to syslog-site/m);
    const md = readFileSync(join(work, 'syslog-site', 'rules', 'lnx_sshd_mac', 'sentinel.md'), 'utf8');
    expect(md).toContain('Syslog\n| where ProcessName in~ ("sshd", "sshd-session")');
    expect(md).toContain('assumption sentinel-syslog-programs');
  });
});

describe('sentinel_windows (@sigmats/backend-kql/windows)', () => {
  const MSI = `title: MSI installed from a web address
id: 7c1b2a4e-1f0d-4c55-9d3e-2a6b8f1e0c14
status: test
description: Windows Installer logs a package installed straight from a URL.
author: sigmats tests
date: 2026-12-07
logsource:
    product: windows
    service: application
detection:
    selection:
        Provider_Name: MsiInstaller
        EventID: 1040
        Data|contains: '://'
    condition: selection
level: medium
`;
  let dir: string;
  beforeAll(() => {
    dir = join(work, 'event');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'win_msi_web.yml'), MSI);
  });

  test('the CLI offers the subpath pipeline by name and converts with it', () => {
    expect(sigmats(['list', 'pipelines']).stdout).toMatch(/^kql +sentinel_windows +Sentinel Windows event logs as the Azure Monitor Agent keeps them/m);
    const r = sigmats(['convert', '-t', 'kql', '-p', 'sentinel_windows', '--no-comments', join(dir, 'win_msi_web.yml')]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('Event\n| where EventLog == "Application"\n| where Source =~ "MsiInstaller" and EventID == 1040 and ParameterXml contains "://"\n');
  });

  test('the Sentinel page of an Application rule reads Event, with its assumptions', () => {
    const r = sigmats(['variants', '-o', 'event-site', 'event'], { cwd: work });
    expect(r.stderr).toMatch(/^wrote \d+ pages for 1 rule to event-site/m);
    const md = readFileSync(join(work, 'event-site', 'rules', 'win_msi_web', 'sentinel.md'), 'utf8');
    expect(md).toContain('Event\n| where EventLog == "Application"');
    expect(md).toContain('assumption sentinel-event-parameterxml');
  });

  test('a Security rule has a Sentinel page: SecurityEvent, where the Windows Security Events connector keeps the log', () => {
    const sec = join(work, 'security');
    mkdirSync(sec, { recursive: true });
    writeFileSync(
      join(sec, 'win_sec_task.yml'),
      MSI.replace('service: application', 'service: security')
        .replace(/selection:\n(?: {8}.*\n)+/, "selection:\n        EventID: 4698\n        TaskContent|contains: 'powershell'\n")
        .replace('7c1b2a4e-1f0d-4c55-9d3e-2a6b8f1e0c14', '7c1b2a4e-1f0d-4c55-9d3e-2a6b8f1e0c15'),
    );
    const r = sigmats(['variants', '-o', 'security-site', 'security'], { cwd: work });
    expect(r.stderr).not.toMatch(/\[sentinel\]/);
    const md = readFileSync(join(work, 'security-site', 'rules', 'win_sec_task', 'sentinel.md'), 'utf8');
    expect(md).toContain('SecurityEvent\n| where EventID == 4698');
  });

  test("a Sysmon registry rule ASIM cannot answer has a Sentinel page all the same: the Event table's Sysmon events", () => {
    const reg = join(work, 'registry');
    mkdirSync(reg, { recursive: true });
    writeFileSync(
      join(reg, 'registry_set_fw.yml'),
      MSI.replace('    service: application', '    category: registry_set')
        .replace(/selection:\n(?: {8}.*\n)+/, "selection:\n        TargetObject|endswith: '\\EnableFirewall'\n        Details: 'DWORD (0x00000000)'\n")
        .replace('7c1b2a4e-1f0d-4c55-9d3e-2a6b8f1e0c14', '7c1b2a4e-1f0d-4c55-9d3e-2a6b8f1e0c16'),
    );
    // imRegistry refuses the value data (Microsoft's Sysmon parser reads it from a key Sysmon does not write there).
    const asim = sigmats(['convert', '-t', 'kql', '-p', 'sentinel_asim', join(reg, 'registry_set_fw.yml')]);
    expect(asim.stderr).toContain('imRegistry has no value data');
    const r = sigmats(['variants', '-o', 'registry-site', 'registry'], { cwd: work });
    expect(r.stderr).toMatch(/; 0 errors, /);
    const md = readFileSync(join(work, 'registry-site', 'rules', 'registry_set_fw', 'sentinel.md'), 'utf8');
    expect(md).toContain('Event\n| where Source == "Microsoft-Windows-Sysmon" and EventID == 13');
    expect(md).toMatch(/Configuration: .*pipeline sentinel\\_sysmon\\_event/);
    expect(md).toContain('assumption event-eventdata-xml');
  });

  test("the Splunk page reads a Windows rule through the add-ons' pipeline and any other rule without one", () => {
    const mixed = join(work, 'splunk-mixed');
    mkdirSync(mixed, { recursive: true });
    writeFileSync(join(mixed, 'win_msi_web.yml'), MSI);
    writeFileSync(
      join(mixed, 'aws_stop_logging.yml'),
      MSI.replace('    product: windows\n    service: application', '    product: aws\n    service: cloudtrail')
        .replace(/selection:\n(?: {8}.*\n)+/, 'selection:\n        eventName: StopLogging\n')
        .replace('7c1b2a4e-1f0d-4c55-9d3e-2a6b8f1e0c14', '7c1b2a4e-1f0d-4c55-9d3e-2a6b8f1e0c18'),
    );
    const r = sigmats(['variants', '-o', 'splunk-site', 'splunk-mixed'], { cwd: work });
    expect(r.stderr).not.toMatch(/\[splunk\]/);
    const win = readFileSync(join(work, 'splunk-site', 'rules', 'win_msi_web', 'splunk.md'), 'utf8');
    expect(win).toContain('source="XmlWinEventLog:Application"');
    expect(win).toMatch(/Configuration: Splunk SPL, pipeline splunk-windows/);
    const aws = readFileSync(join(work, 'splunk-site', 'rules', 'aws_stop_logging', 'splunk.md'), 'utf8');
    expect(aws).toContain('Configuration: Splunk SPL, no processing pipeline');
  });

  test("a correlation over a rule ASIM cannot answer: the fallback converts both, and only the correlation has pages", () => {
    const corr = join(work, 'registry-correlation');
    mkdirSync(corr, { recursive: true });
    writeFileSync(
      join(corr, 'registry_fw_often.yml'),
      `title: Firewall disabled
id: 7c1b2a4e-1f0d-4c55-9d3e-2a6b8f1e0c19
name: firewall_disabled
status: test
logsource:
    product: windows
    category: registry_set
detection:
    selection:
        TargetObject|endswith: '\\EnableFirewall'
        Details: 'DWORD (0x00000000)'
    condition: selection
level: medium
---
title: Firewall disabled on many hosts
id: 7c1b2a4e-1f0d-4c55-9d3e-2a6b8f1e0c1a
status: test
correlation:
    type: event_count
    rules:
        - firewall_disabled
    group-by:
        - Computer
    timespan: 1h
    condition:
        gte: 3
level: high
`,
    );
    const r = sigmats(['variants', '-o', 'correlation-site', 'registry-correlation'], { cwd: work });
    expect(r.stderr).not.toMatch(/error .*\[sentinel\]/);
    const md = readFileSync(join(work, 'correlation-site', 'rules', 'registry_fw_often-2', 'sentinel.md'), 'utf8');
    expect(md).toContain('Event\n| where Source == "Microsoft-Windows-Sysmon" and EventID == 13');
    expect(md).toContain('| summarize event_count = count() by bin(TimeGenerated, 1h), Computer');
    expect(existsSync(join(work, 'correlation-site', 'rules', 'registry_fw_often', 'sentinel.md'))).toBe(false);
  });

  test('a keyword rule the Event table cannot answer (its XML markup could hold the word) has a WindowsEvent page', () => {
    const kw = join(work, 'keyword');
    mkdirSync(kw, { recursive: true });
    writeFileSync(
      join(kw, 'win_system_kw.yml'),
      MSI.replace('    service: application', '    service: system')
        .replace(/ {4}selection:\n(?: {8}.*\n)+ {4}condition: selection/, "    keywords:\n        - 'mimikatz'\n    condition: keywords")
        .replace('7c1b2a4e-1f0d-4c55-9d3e-2a6b8f1e0c14', '7c1b2a4e-1f0d-4c55-9d3e-2a6b8f1e0c17'),
    );
    const r = sigmats(['variants', '-o', 'keyword-site', 'keyword'], { cwd: work });
    expect(r.stderr).not.toMatch(/\[sentinel\]/);
    const md = readFileSync(join(work, 'keyword-site', 'rules', 'win_system_kw', 'sentinel.md'), 'utf8');
    expect(md).toContain('WindowsEvent\n| where Channel == "System"\n| where * contains "mimikatz"');
    expect(md).toMatch(/Configuration: .*pipeline sentinel\\_sysmon\\_windowsevent/);
  });
});

describe('variants', () => {
  const PLATFORMS = ['splunk', 'defender-xdr', 'sentinel', 'sumo', 'sumo-cse'];
  let out: string;
  beforeAll(() => {
    out = join(work, 'site');
  });
  test('a page per rule and platform in md, html and json', () => {
    const r = sigmats(['variants', '-o', 'site', 'rules/t1021.006_winrm', 'rules/t1219_remote_access_tools'], { cwd: work });
    // The 6 warnings: the Sumo log search pages have no scope configured (no invented _sourceCategory), and Cloud SIEM
    // computes none of the rules' four enrichments (enrichment/dropped).
    expect(r.stderr).toMatch(/^wrote 30 pages for 2 rules to site; 0 errors, 6 warnings$/m);
    expect(r.code).toBe(0);
    const dir = join(out, 'rules', 'proc_creation_win_winrm_remote_execution');
    expect(readdirSync(dir)).toEqual(expect.arrayContaining(PLATFORMS.flatMap((p) => ['html', 'json', 'md'].map((e) => `${p}.${e}`))));
    const md = readFileSync(join(dir, 'splunk.md'), 'utf8');
    expect(md).toMatch(/^# Detect Windows Remote Management Lateral Movement in Splunk\n/m);
    // As the Splunk Add-ons for Windows and Sysmon index the events (source XmlWinEventLog:<Channel>, EventCode).
    expect(md).toMatch(/source="XmlWinEventLog:Microsoft-Windows-Sysmon\/Operational"/);
    expect(md).toMatch(/Configuration: .*pipeline splunk-windows/);
    expect(md).toContain('| MITRE ATT&CK tactic | [TA0008 Lateral Movement](https://attack.mitre.org/tactics/TA0008/) |');
    expect(md).toContain('| MITRE ATT&CK technique | [T1021 Remote Services](https://attack.mitre.org/techniques/T1021/) |');
    expect(md).toContain('| MITRE ATT&CK sub-technique | [T1021.006 Windows Remote Management](https://attack.mitre.org/techniques/T1021/006/) |');
    expect(md).toContain('(proc_creation_win_winrm_remote_execution.yml)');
    expect(md).toContain('## Other platforms for T1021.006 Windows Remote Management');
    expect(md).toContain('- [Microsoft Sentinel](sentinel.md)');
    expect(md).toContain('### True positives (the rule must match)');
    expect(md).toContain('(fixtures/tp_winrs_remote_cmd.json)');
    const json = JSON.parse(readFileSync(join(dir, 'sentinel.json'), 'utf8')) as { title: string; version: number; testing: { truePositives: number } };
    expect(json.title).toBe('Detect Windows Remote Management Lateral Movement in Microsoft Sentinel');
    expect(json.testing.truePositives).toBe(readdirSync(join(work, 'rules/t1021.006_winrm/fixtures')).filter((f) => f.startsWith('tp_')).length);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
  });

  test('HTML renders readably in headless Chromium (screenshot)', (ctx) => {
    const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
    if (!chromium) {
      console.warn('SKIPPED: chromium is not installed (apt-get install -y chromium); the HTML screenshot check did not run');
      ctx.skip();
      return;
    }
    const page = join(out, 'rules', 'proc_creation_win_winrm_remote_execution', 'splunk.html');
    const shot = join(work, 'splunk-page.png');
    const r = spawnSync(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--window-size=1100,1600', `--screenshot=${shot}`, `file://${page}`], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const png = readFileSync(shot);
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    // A blank or unstyled page compresses to a few KB; a rendered page with text is far larger.
    expect(statSync(shot).size).toBeGreaterThan(40_000);
    console.log(`screenshot: ${shot}`);
  });
});

describe.skipIf(!HAVE_SIGMAHQ)(`SigmaHQ corpus ${NEEDS_SIGMAHQ}`, () => {
  const corpus = SIGMAHQ;
  const DIAG = /^(.+?)(:\d+:\d+)?: (error|warning) [a-z0-9-]+\/[a-z0-9_-]+: .+$/;

  test('convert -t all over every rule: no crash, every problem located, every rule accounted for', () => {
    const r = sigmats(['convert', '-t', 'all', '--json', join(corpus, 'rules')]);
    expect([0, 1]).toContain(r.code);
    expect(r.stderr).not.toContain('internal error');
    for (const line of r.stderr.split('\n').filter(Boolean)) expect(line).toMatch(DIAG);
    const summary = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { files: number; targets: { target: string; converted: number; failed: number }[] };
    expect(summary.files).toBeGreaterThan(3000);
    for (const t of summary.targets) expect(t.converted + t.failed, t.target).toBe(summary.files);
  });

  test("a batch run holds V8's young generation to semi-spaces of 8 MB (young-generation.ts)", () => {
    // Written by a preloaded file: the main thread's new space at exit (its two semi-spaces), and each worker's
    // young generation limit as it starts.
    const probe = join(work, 'young-generation.cjs');
    writeFileSync(
      probe,
      `const fs = require('node:fs'); const wt = require('node:worker_threads');
if (wt.isMainThread) process.on('exit', () => fs.appendFileSync(process.env.YG_FILE, 'main ' + require('node:v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size + '\\n'));
else fs.appendFileSync(process.env.YG_FILE, 'worker ' + wt.resourceLimits.maxYoungGenerationSizeMb + '\\n');`,
    );
    const report = (args: string[], nodeFlags: string[] = []): string[] => {
      const file = join(work, `young-generation-${Math.random().toString(36).slice(2)}.txt`);
      const r = spawnSync(process.execPath, [...nodeFlags, '--require', probe, BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, YG_FILE: file }, maxBuffer: 512 << 20 });
      expect([0, 1]).toContain(r.status);
      return readFileSync(file, 'utf8').trim().split('\n').sort();
    };
    const rules = join(corpus, 'rules');
    const MB = 1 << 20;
    // Converted and checked on the main thread in chunks: 2 x 8 MB, where V8 alone grows them to 2 x 16 MB.
    expect(report(['convert', '-t', 'splunk', rules])).toEqual([`main ${16 * MB}`]);
    expect(report(['check', rules])).toEqual([`main ${16 * MB}`]);
    // Two copies of the corpus (6,282 files, still without workers): the prescan keeps 8 M characters of their texts,
    // and the young generation grown for them would reach 2 x 16 MB before the first chunk (stillYoungGeneration).
    const twice = join(work, 'corpus-twice');
    for (const copy of ['a', 'b']) cpSync(rules, join(twice, copy), { recursive: true });
    expect(report(['convert', '-t', 'splunk', twice])).toEqual([`main ${16 * MB}`]);
    // The user's own choice of the young generation's growth is left alone: the corpus then grows it to V8's limit
    // (which is what makes the lines above a test).
    expect(report(['convert', '-t', 'splunk', rules], ['--semi-space-growth-factor=2'])).toEqual([`main ${32 * MB}`]);
    // Workers are started with the limit (three semi-spaces' worth); the main thread beside them keeps V8's growth,
    // which a worker's code cache is checked against.
    expect(report(['convert', '-t', 'all', '--jobs', '2', rules])).toEqual([`main ${32 * MB}`, 'worker 24']);
  });

  test('check over every rule folder', () => {
    const r = sigmats(['check', `${corpus}/rules*`]);
    expect([0, 1]).toContain(r.code);
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines.at(-1)).toMatch(/^checked \d{4} files, \d{4} documents: \d+ errors?, \d+ warnings?$/);
    for (const line of lines.slice(0, -1)) expect(line).toMatch(DIAG);
  });
});
