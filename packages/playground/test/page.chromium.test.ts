import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convert } from '../src/engine.js';
import { TARGETS, type PlaygroundState } from '../src/state.js';

// The static page, built as a user gets it (dist/index.html + app.js), opened from file:// in the system Chromium
// and driven like a user: typing into the CodeMirror editors, choosing targets, pasting events.

const HERE = join(import.meta.dirname, '..');
const RULE_DIR = join(HERE, '../../rules/t1219_remote_access_tools');
const RULE = readFileSync(join(RULE_DIR, 'proc_creation_win_remote_access_tool_execution.yml'), 'utf8');
const TP_EVENT = JSON.parse(readFileSync(join(RULE_DIR, 'fixtures/tp_anydesk_portable_temp.json'), 'utf8')).event;
const TN_EVENT = JSON.parse(readFileSync(join(RULE_DIR, 'fixtures/tn_explorer.json'), 'utf8')).event;
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
if (!CHROMIUM) console.warn('SKIPPED: chromium is not installed (apt-get install -y chromium); the converter page test did not run');

const base: PlaygroundState = { rule: RULE, target: 'splunk', pipelines: [], customPipeline: '', noDefaultPipelines: false, format: '', events: '' };

describe.skipIf(!CHROMIUM)('converter page in headless Chromium (file://)', () => {
  let dir: string;
  let profile: string;
  let browser: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sigmats-page-'));
    profile = mkdtempSync(join(tmpdir(), 'sigmats-chromium-'));
    execFileSync(process.execPath, [join(HERE, 'build.mjs'), dir], { stdio: 'pipe' });
    // A fresh profile directory (playwright passes it as --user-data-dir).
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync',
      ],
    });
    page = await browser.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // No server and no network: any request that is not a file of the page fails the test below.
    await page.route(/^(?!file:)/, (route) => {
      pageErrors.push(`network request: ${route.request().url()}`);
      return route.abort();
    });
    await page.goto(pathToFileURL(join(dir, 'index.html')).href);
    await page.waitForSelector('body[data-ready="true"]');
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  });

  /** Replaces an editor's text the way a user does: select all, then type/paste the new text. */
  async function setEditor(id: string, text: string): Promise<void> {
    await page.click(`#${id} .cm-content`);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    if (text !== '') await page.keyboard.insertText(text);
    // The editor shows one element per line: its text is the document without the line breaks.
    await expect.poll(() => page.evaluate((sel) => document.querySelector(sel)!.textContent, `#${id} .cm-content`)).toBe(text.replace(/\n/g, ''));
  }

  async function waitForOutput(expected: string): Promise<void> {
    await expect.poll(() => page.textContent('#output'), { timeout: 10_000 }).toBe(expected);
  }

  it('loads from file:// with no errors and no network', async () => {
    expect(await page.locator('#rule-editor .cm-editor').count()).toBe(1);
    // YAML highlighting: the editor's syntax tree colours keys and strings with classed spans.
    expect(await page.locator('#rule-editor .cm-content span[class]').count()).toBeGreaterThan(10);
    expect(pageErrors).toEqual([]);
  });

  it('converts the T1219 rule to every target, the same text as the library in Node', async () => {
    await setEditor('rule-editor', RULE);
    for (const target of TARGETS) {
      await page.selectOption('#target', target);
      const expected = convert({ ...base, target }).output;
      expect(expected).toMatch(/anydesk/i);
      await waitForOutput(expected);
      expect(await page.textContent('#command')).toBe(`sigmats convert -t ${target} rule.yml`);
      expect(await page.locator('#diagnostics li.error').count()).toBe(0);
    }
    expect(pageErrors).toEqual([]);
  });

  it('applies a built-in pipeline and a format, and shows the matching command', async () => {
    await page.selectOption('#target', 'kql');
    await page.check('#pipelines input[value="sentinel_asim"]');
    await page.selectOption('#format', 'sentinel');
    const expected = convert({ ...base, target: 'kql', pipelines: ['sentinel_asim'], format: 'sentinel' }).output;
    await waitForOutput(expected);
    expect(expected).toContain('imProcessCreate');
    expect(await page.textContent('#command')).toBe('sigmats convert -t kql -p sentinel_asim -f sentinel rule.yml');
    await page.uncheck('#pipelines input[value="sentinel_asim"]');
    await page.selectOption('#format', '');
  });

  it('applies a custom pipeline typed in its editor, and marks a broken one there', async () => {
    await page.selectOption('#target', 'splunk');
    const custom = 'name: mine\ntransformations:\n  - type: field_name_mapping\n    mapping:\n      Image: process.executable\n';
    await setEditor('pipeline-editor', custom);
    const expected = convert({ ...base, customPipeline: custom }).output;
    expect(expected).toContain('process.executable');
    await waitForOutput(expected);
    expect(await page.textContent('#command')).toBe('sigmats convert -t splunk -p pipeline.yml rule.yml');
    // A transformation type that does not exist: reported in the pipeline editor at its line, not in the rule's.
    await setEditor('pipeline-editor', custom.replace('field_name_mapping', 'field_name_mapp'));
    const item = page.locator('#diagnostics li.error[data-pane="pipeline"]');
    await expect.poll(() => item.count()).toBeGreaterThan(0);
    expect(await item.first().getAttribute('data-line')).toBe('3');
    await expect.poll(() => page.locator('#pipeline-editor .cm-lint-marker-error').count()).toBe(1);
    expect(await page.locator('#rule-editor .cm-lint-marker-error').count()).toBe(0);
    await setEditor('pipeline-editor', '');
    await waitForOutput(convert(base).output);
  });

  const broken = [
    { what: 'an undefined identifier in the condition', from: 'condition: selection', to: 'condition: selection and nothere', code: 'condition/undefined-identifier', mark: 'nothere' },
    { what: 'an unknown modifier', from: 'Image|endswith:', to: 'Image|endswithh:', code: 'modifier/unknown', mark: 'endswithh' },
  ] as const;
  it.each(broken)('marks $what at its line', async ({ from, to, code, mark }) => {
    const text = RULE.replace(from, to);
    const line = text.split('\n').findIndex((l) => l.includes(to)) + 1;
    await setEditor('rule-editor', text);
    const item = page.locator(`#diagnostics li.error[data-code="${code}"]`);
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.getAttribute('data-line')).toBe(String(line));
    expect(await item.textContent()).toContain(`rule.yml:${line}:`);
    // The mark in the editor: an underlined range on that line, over the offending text.
    const range = page.locator('#rule-editor .cm-lintRange-error');
    await expect.poll(() => range.count()).toBeGreaterThan(0);
    const marked = await range.first().evaluate((el) => {
      const lineEl = el.closest('.cm-line')!;
      return { text: el.textContent, line: [...lineEl.parentElement!.children].filter((c) => c.classList.contains('cm-line')).indexOf(lineEl) + 1 };
    });
    expect(marked).toEqual({ text: mark, line });
    // The gutter carries an error marker too.
    expect(await page.locator('#rule-editor .cm-lint-marker-error').count()).toBe(1);
    expect(await page.textContent('#output')).toBe('');
  });

  it('matches pasted events with the evaluator', async () => {
    await setEditor('rule-editor', RULE);
    await page.selectOption('#target', 'splunk');
    await waitForOutput(convert(base).output);
    await page.click('#events-editor .cm-content');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    // A real paste: the browser's paste event with the events as clipboard text.
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      document.querySelector('#events-editor .cm-content')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, `${JSON.stringify(TN_EVENT)}\n${JSON.stringify(TP_EVENT)}\n`);
    // The page updates shortly after an edit: wait for the verdicts of the pasted order (the defaults are tp, tn).
    await expect.poll(() => page.$$eval('#verdicts li', (lis) => lis.map((li) => `${li.className}@${li.getAttribute('data-line')}`))).toEqual(['no-match@1', 'match@2']);
    expect(await page.textContent('#verdicts li:nth-child(2)')).toContain('Remote Access Tool Execution');
  });

  it('keeps the whole state in the share link', async () => {
    await page.selectOption('#target', 'sumo');
    const expected = convert({ ...base, target: 'sumo' }).output;
    await waitForOutput(expected);
    const link = await page.inputValue('#share-link');
    expect(link.startsWith('file://')).toBe(true);
    const other = await browser.newPage();
    await other.goto(link);
    await other.waitForSelector('body[data-ready="true"]');
    expect(await other.inputValue('#target')).toBe('sumo');
    expect(await other.textContent('#output')).toBe(expected);
    expect(await other.locator('#verdicts li.match').count()).toBe(1);
    await other.close();
  });

  it('says so when a share link is broken, and opens on the example', async () => {
    const other = await browser.newPage();
    await other.goto(`${pathToFileURL(join(dir, 'index.html')).href}#s1.bm90IGpzb24`);
    await other.waitForSelector('body[data-ready="true"]');
    expect(await other.textContent('#link-note')).toMatch(/could not be read \(the link's state is not readable/);
    expect(await other.textContent('#output')).toMatch(/anydesk/i);
    await other.close();
  });
});
