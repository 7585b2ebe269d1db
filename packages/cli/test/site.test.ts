// The variant pages as a publishable site (issue: "Other platforms" as a detection-content site), from source.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import { beforeAll, describe, expect, test } from 'vitest';
import { memoryIo, run } from '../src/index.js';
import { checkLinks } from '../src/variants/link-check.js';
import { filedUnder } from '../src/variants/site.js';
import { tempDir } from './temp-dir.js';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const PLATFORMS = ['splunk', 'defender-xdr', 'sentinel', 'sumo', 'sumo-cse'];
const RAT = 'rules/proc_creation_win_remote_access_tool_execution';

let work: string;
let site: string;
let stderr: string;

async function variants(cwd: string, args: string[]): Promise<{ code: number; stderr: string }> {
  const io = memoryIo({ cwd });
  const code = await run(['variants', ...args], io);
  return { code, stderr: io.err() };
}

beforeAll(async () => {
  work = tempDir('sigmats-site-');
  cpSync(join(ROOT, 'rules'), join(work, 'rules'), { recursive: true });
  // Generated from a folder other than the rules' own parent: links must not depend on where the command ran.
  mkdirSync(join(work, 'elsewhere'));
  const r = await variants(join(work, 'elsewhere'), ['-o', '../public', '--base-url', 'https://example.org/det/', '../rules']);
  stderr = r.stderr;
  expect(r.code, r.stderr).toBe(0);
  site = join(work, 'public');
}, 120_000);

describe('site layout', () => {
  test('rule pages, the portable rule and its fixtures are copied beside the pages', () => {
    expect(stderr).toMatch(/wrote 30 pages for 2 rules/);
    const files = readdirSync(join(site, RAT));
    for (const p of PLATFORMS) for (const ext of ['html', 'md', 'json']) expect(files).toContain(`${p}.${ext}`);
    expect(files).toContain('proc_creation_win_remote_access_tool_execution.yml');
    expect(readdirSync(join(site, RAT, 'fixtures')).length).toBe(readdirSync(join(work, 'rules/t1219_remote_access_tools/fixtures')).length);
    // The platform's own rule format as a download.
    expect(files).toEqual(expect.arrayContaining(['splunk.rule.conf', 'defender-xdr.rule.json', 'sentinel.rule.yaml', 'sumo.rule.json', 'sumo-cse.rule.json']));
    expect(readFileSync(join(site, RAT, 'splunk.rule.conf'), 'utf8')).toMatch(/^\[Remote Access Tool Execution\]/m);
    expect(JSON.parse(readFileSync(join(site, RAT, 'sumo-cse.rule.json'), 'utf8')).expression).toContain('baseImage');
  });

  test('index by tactic, technique pages, coverage, about, search assets, Navigator layer', () => {
    for (const f of ['index.html', 'index.md', 'index.json', 'coverage.html', 'about.html', 'attack-layer.json', 'techniques/T1219.html', 'techniques/T1021.006.html', 'techniques/T1021.html']) {
      expect(existsSync(join(site, f)), f).toBe(true);
    }
    const index = readFileSync(join(site, 'index.html'), 'utf8');
    expect(index).toContain('id="TA0011"');
    expect(index).toContain('href="techniques/T1219.html"');
    expect(index).toContain('<link rel="canonical" href="https://example.org/det/index.html">');
    const technique = readFileSync(join(site, 'techniques/T1219.html'), 'utf8');
    expect(technique).toContain('Other platforms for T1219 Remote Access Tools');
    for (const p of PLATFORMS) expect(technique).toContain(`href="../${RAT}/${p}.html"`);
    const layer = JSON.parse(readFileSync(join(site, 'attack-layer.json'), 'utf8')) as { domain: string; techniques: { techniqueID: string; score: number }[] };
    expect(layer.domain).toBe('enterprise-attack');
    expect(layer.techniques.find((t) => t.techniqueID === 'T1219')?.score).toBe(1);
    expect(readFileSync(join(site, 'about.html'), 'utf8')).toContain('The MITRE Corporation');
  });

  test('rule page: breadcrumbs, canonical URL, description, deployment, relative links inside the site', () => {
    const html = readFileSync(join(site, RAT, 'splunk.html'), 'utf8');
    expect(html).toContain('<link rel="canonical" href="https://example.org/det/rules/proc_creation_win_remote_access_tool_execution/splunk.html">');
    expect(html).toMatch(/<meta name="description" content="Detect Remote Access Tool Execution in Splunk: /);
    expect(html).toContain('<a href="../../index.html">Detections</a><a href="../../techniques/T1219.html">T1219 Remote Access Tools</a>');
    expect(html).toContain('href="proc_creation_win_remote_access_tool_execution.yml"');
    expect(html).toContain('href="fixtures/tp_teamviewer.json"');
    expect(html).toContain('<h2>Deployment</h2>');
    expect(html).toContain('href="splunk.rule.conf"');
    expect(html).not.toContain('../rules/t1219');
  });

  test('KQL pages state the assumptions of the generated platform data that concern the rule', () => {
    const defender = readFileSync(join(site, RAT, 'defender-xdr.html'), 'utf8');
    // The rule reads Image: Defender's FolderPath/FileName relation is an assumption the backend's data lists.
    expect(defender).toContain('assumption defender-folderpath-basename');
    expect(defender).not.toContain('assumption defender-registry-dword-decimal');
    expect(readFileSync(join(site, RAT, 'splunk.html'), 'utf8')).not.toContain('assumption defender-');
  });

  test('every internal link of the site resolves (files and anchors)', () => {
    const report = checkLinks(site);
    expect(report.pages).toBeGreaterThanOrEqual(30);
    expect(report.links).toBeGreaterThan(300);
    expect(report.broken).toEqual([]);
  });

  test('the link check itself finds a broken file and a broken anchor', () => {
    const dir = tempDir('sigmats-links-');
    writeFileSync(join(dir, 'a.html'), '<a href="b.html">b</a> <a href="c.html#x">c</a> <a href="https://example.org/">w</a> <a href="c.html#y">y</a>');
    writeFileSync(join(dir, 'c.html'), '<h2 id="x">x</h2>');
    writeFileSync(join(dir, 'd.md'), '[a](a.html) [z](zz.md)');
    const r = checkLinks(dir);
    expect(r.broken).toEqual([
      { page: 'a.html', href: 'b.html', reason: 'missing file' },
      { page: 'a.html', href: 'c.html#y', reason: 'missing anchor' },
      { page: 'd.md', href: 'zz.md', reason: 'missing file' },
    ]);
  });

  test('the prebuilt search index loads with MiniSearch and finds rules by title, technique and field', () => {
    const js = readFileSync(join(site, 'assets/search-index.js'), 'utf8');
    const data = JSON.parse(js.replace(/^window\.SIGMATS_SEARCH = /, '').replace(/;\n$/, '')) as { options: ConstructorParameters<typeof MiniSearch>[0]; index: string };
    const index = MiniSearch.loadJSON(data.index, data.options);
    expect(index.search('T1219').map((h) => h['title'])).toEqual(['Remote Access Tool Execution']);
    expect(index.search('remote manag', { prefix: true }).map((h) => h['title'])).toContain('Windows Remote Management Lateral Movement');
    expect(index.search('ParentImage').map((h) => h['title'])).toEqual(['Windows Remote Management Lateral Movement']);
  });
});

describe('ATT&CK filing', () => {
  const ref = (id: string) => ({ id, url: `https://attack.mitre.org/tactics/${id}/` });
  test.each([
    // The rule's tactic that the data gives the technique.
    ['T1003.001', ['TA0006', 'TA0043'], ['TA0006']],
    // ATT&CK v19 Defense Impairment: the data's TA0005 technique goes where the rule says.
    ['T1562.001', ['TA0112'], ['TA0112']],
    // A technique newer than the data: the rule's only tactic.
    ['T1685', ['TA0005'], ['TA0005']],
  ])('%s under %j -> %j', (technique, tactics, expected) => {
    expect(filedUnder(technique, tactics.map(ref)).map((t) => t.id)).toEqual(expected);
  });
});

describe('licence and attribution', () => {
  test('a rule under a DRL LICENSE gets the author and the DRL notice on every page; others get none invented', async () => {
    const dir = tempDir('sigmats-drl-');
    mkdirSync(join(dir, 'corpus', 'rules'), { recursive: true });
    writeFileSync(join(dir, 'corpus', 'LICENSE'), 'The rules are released under the Detection Rule License (DRL) 1.1\n');
    cpSync(join(ROOT, RULE_FILE), join(dir, 'corpus', 'rules', 'rat.yml'));
    const r = await variants(dir, ['-o', 'out', 'corpus/rules']);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(dir, 'out/rules/rat/sumo.html'), 'utf8');
    expect(html).toContain('Rule by sigmats contributors. This rule is licensed under the Detection Rule License (DRL) 1.1');
    expect(html).toContain('href="https://github.com/SigmaHQ/Detection-Rule-License"');
    expect(readFileSync(join(dir, 'out/rules/rat/sumo.md'), 'utf8')).toContain('Detection Rule License (DRL) 1.1');
    expect(readFileSync(join(site, RAT, 'sumo.html'), 'utf8')).not.toContain('Detection Rule License');
  });
});

const RULE_FILE = 'rules/t1219_remote_access_tools/proc_creation_win_remote_access_tool_execution.yml';

describe('screenshots in headless Chromium', () => {
  const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
  const shoot = (page: string, name: string): string => {
    const shot = join(work, `${name}.png`);
    const r = spawnSync(
      chromium!,
      ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--hide-scrollbars', `--user-data-dir=${join(work, `chrome-${name}`)}`, '--window-size=1200,1400', `--screenshot=${shot}`, page],
      { encoding: 'utf8', timeout: 90_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(shot).subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    console.log(`screenshot: ${shot}`);
    return shot;
  };
  test.skipIf(!chromium).each([
    ['index (with a search typed)', 'index.html?q=remote', 'index'],
    ['technique page', 'techniques/T1219.html', 'technique'],
    ['rule-platform page', `${RAT}/sentinel.html`, 'rule'],
    ['coverage matrix', 'coverage.html', 'coverage'],
  ])('%s renders', (_label, path, name) => {
    const shot = shoot(`file://${join(site, path)}`, name);
    // A blank or unstyled page compresses to a few KB; a rendered page with text is far larger.
    expect(statSync(shot).size).toBeGreaterThan(40_000);
  });
  test.skipIf(!chromium)('search runs in the page: the typed query lists the matching rule', () => {
    const r = spawnSync(
      chromium!,
      ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', `--user-data-dir=${join(work, 'chrome-dom')}`, '--dump-dom', `file://${join(site, 'index.html')}?q=T1219`],
      { encoding: 'utf8', timeout: 90_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/<ol id="results"><li><a href="rules\/proc_creation_win_remote_access_tool_execution\/splunk\.html">Remote Access Tool Execution<\/a>/);
  });
});

describe('the site never lands on its inputs', () => {
  test.each([
    // Inside the rule folder: the next run would read the copied rules a second time.
    [['-o', 'rules/site', 'rules'], /output folder rules\/site is inside the input rules: its rule copies would be read as rules/],
    // The site folder is the rule folder itself.
    [['-o', 'rules', 'rules'], /output folder rules holds the input rules\/t10/],
    // Around an input file: the rule copy could overwrite it.
    [['-o', '.', 'rules/t1219_remote_access_tools/proc_creation_win_remote_access_tool_execution.yml'], /output folder \. holds the input rules\/t1219_remote_access_tools/],
  ])('variants %j is refused before anything is written', async (args, message) => {
    const before = readdirSync(join(work, 'rules'), { recursive: true }).length;
    const r = await variants(work, args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(readdirSync(join(work, 'rules'), { recursive: true }).length).toBe(before);
  });

  test('a site beside the rules is written', async () => {
    const r = await variants(work, ['-o', 'beside', '--format', 'md', 'rules']);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(work, 'beside', 'index.md'))).toBe(true);
  });
});
