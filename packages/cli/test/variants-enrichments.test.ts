// The rules' triage enrichments on the variant pages: the model's section, both renderers, and the query text.
import { cpSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { memoryIo, run } from '../src/index.js';
import type { VariantPage } from '../src/variants/model.js';
import { tempDir } from './temp-dir.js';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const RAT = 'rules/proc_creation_win_remote_access_tool_execution';
const WINRM = 'rules/proc_creation_win_winrm_remote_execution';
const PLATFORMS = ['splunk', 'defender-xdr', 'sentinel', 'sumo', 'sumo-cse'] as const;

let site: string;

beforeAll(async () => {
  const work = tempDir('sigmats-enrich-site-');
  cpSync(join(ROOT, 'rules'), join(work, 'rules'), { recursive: true });
  const io = memoryIo({ cwd: work });
  const code = await run(['variants', '-o', 'public', 'rules'], io);
  expect(code, io.err()).toBe(0);
  site = join(work, 'public');
}, 120_000);

const page = (dir: string, platform: string): VariantPage => JSON.parse(readFileSync(join(site, dir, `${platform}.json`), 'utf8')) as VariantPage;

describe('the T1219 pages show the triage enrichments', () => {
  test.each(PLATFORMS)('%s: the model lists the three enrichments, cases in order, with their Sigma conditions', (platform) => {
    const p = page(RAT, platform);
    expect(p.enrichments!.map((e) => [e.name, e.cases.map((c) => c.value), e.default])).toEqual([
      ['rat_category', ['Commercial RMM', 'VNC', 'LogMeIn', 'AmmyyAdmin', 'Other RMM', 'MSP Tool'], 'Unknown'],
      ['is_service_launched', ['true'], 'false'],
      ['is_user_launched', ['true'], 'false'],
    ]);
    expect(p.enrichments![0]!.cases[0]!.condition).toBe("Image|re|i: '(?:teamviewer|anydesk|screenconnect|connectwise)[^\\\\]*$'");
    expect(p.enrichments![1]!.cases[0]!.condition).toBe("ParentImage|endswith: ['\\services.exe', '\\svchost.exe']");
  });

  test.each(PLATFORMS)('%s: HTML and Markdown render the section', (platform) => {
    const html = readFileSync(join(site, RAT, `${platform}.html`), 'utf8');
    expect(html).toContain('<h2>Triage enrichments</h2>');
    expect(html).toContain('<h3 id="enrichment-rat_category"><code>rat_category</code></h3>');
    expect(html).toContain('<div class="sigma">Sigma: <code>Image|re|i: &#39;(?:vnc|tvnserver|winvnc|uvnc)[^\\\\]*$&#39;</code></div></li>');
    expect(html).toContain('<li><strong>Unknown</strong> &larr; otherwise</li>');
    const md = readFileSync(join(site, RAT, `${platform}.md`), 'utf8');
    expect(md).toContain('## Triage enrichments');
    expect(md).toContain("(Sigma: `Image|re|i: '(?:teamviewer|anydesk|screenconnect|connectwise)[^\\\\]*$'`)");
    expect(md).toContain('7. **Unknown** ← otherwise');
  });

  test('the testing section shows what each true positive asserts, and the fields that explain it', () => {
    const p = page(RAT, 'splunk');
    const vnc = p.testing.fixtures.find((f) => f.href.endsWith('tp_tightvnc_server.json'))!;
    expect(vnc.enrichments).toEqual([
      { name: 'rat_category', value: 'VNC' },
      { name: 'is_service_launched', value: 'true' },
      { name: 'is_user_launched', value: 'false' },
    ]);
    expect(vnc.evidence).toContainEqual({ field: 'ParentImage', value: 'C:\\Windows\\System32\\services.exe' });
    expect(p.testing.fixtures.filter((f) => f.expect === 'no-match').every((f) => f.enrichments === undefined)).toBe(true);
    const html = readFileSync(join(site, RAT, 'splunk.html'), 'utf8');
    expect(html).toContain('<div class="enrichments">Triage: <code>rat_category</code> = VNC; <code>is_service_launched</code> = true; <code>is_user_launched</code> = false</div>');
    const md = readFileSync(join(site, RAT, 'splunk.md'), 'utf8');
    expect(md).toContain('Triage: `rat_category` = VNC; `is_service_launched` = true; `is_user_launched` = false');
  });

  test('the T1021.006 pages show AlertType', () => {
    const p = page(WINRM, 'splunk');
    expect(p.enrichments!.map((e) => [e.name, e.cases.map((c) => `${c.value} <- ${c.condition}`), e.default])).toEqual([
      [
        'AlertType',
        ["WinRM_RemoteExec <- ParentImage|endswith: '\\wsmprovhost.exe'", "WinRM_PSRemoting <- Image|endswith: ['\\powershell.exe', '\\pwsh.exe']", "WinRM_DirectTool <- Image|endswith: '\\winrs.exe'"],
        'Unknown',
      ],
    ]);
  });
});

describe("the T1219 page on every platform shows the rat_category logic in that platform's syntax", () => {
  const vnc = '(?:vnc|tvnserver|winvnc|uvnc)';
  const table: readonly { platform: string; inQuery: string | undefined; vncCase: string }[] = [
    { platform: 'splunk', inQuery: '| eval rat_category=case(match(Image, ', vncCase: `match(Image, "(?i)${vnc}[^\\\\\\\\]*$")` },
    { platform: 'defender-xdr', inQuery: "| extend ['rat_category'] = case(FolderPath matches regex ", vncCase: `FolderPath matches regex @"(?i)${vnc}[^\\\\]*$"` },
    { platform: 'sentinel', inQuery: "| extend ['rat_category'] = case(TargetProcessName matches regex ", vncCase: `TargetProcessName matches regex @"(?i)${vnc}[^\\\\]*$"` },
    { platform: 'sumo', inQuery: ' as rat_category\n', vncCase: `Image matches /(?i)^(?s:.*)(?:${vnc}[^\\x5c]*$)(?s:.*)$/` },
    // Cloud SIEM computes nothing: the page shows the conditions in CSE syntax and says the query does not compute them.
    { platform: 'sumo-cse', inQuery: undefined, vncCase: `baseImage matches /(?i)^(?s:.*)(?:${vnc}[^\\x5c]*$)(?s:.*)$/` },
  ];
  test.each(table)('$platform', ({ platform, inQuery, vncCase }) => {
    const p = page(RAT, platform);
    const rat = p.enrichments![0]!;
    expect(rat.inQuery).toBe(inQuery !== undefined);
    expect(rat.cases[1]).toEqual({ value: 'VNC', condition: `Image|re|i: '${vnc}[^\\\\]*$'`, platformCondition: vncCase });
    if (inQuery !== undefined) expect(p.query).toContain(inQuery);
    else expect(p.query).not.toContain('rat_category');
    const html = readFileSync(join(site, RAT, `${platform}.html`), 'utf8');
    expect(html).toContain(`<li><strong>VNC</strong> &larr; <code>${vncCase.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;')}</code>`);
    expect(html.includes("Not computed by this platform's query")).toBe(inQuery === undefined);
  });
});
