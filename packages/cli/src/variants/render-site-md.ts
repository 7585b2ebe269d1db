import { ATTACK_DATA_VERSION, ATTACK_LICENSE_NOTICE } from './attack-data.js';
import { techniqueLabel } from './attack.js';
import { mdText } from './render-md.js';
import { UNMAPPED, techniqueTitle, type SiteModel, type SiteRule } from './site.js';

/** Site-wide pages in Markdown: the grouped index and the technique pages (for Markdown-based site generators). */

const link = (text: string, href: string): string => `[${mdText(text)}](${href.replace(/[()<> \\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)})`;

function attribution(): string {
  return `MITRE ATT&CK® data ${ATTACK_DATA_VERSION}. ${ATTACK_LICENSE_NOTICE.replace(/^ATT&CK terms of use: see LICENSE.txt beside this file\. /, '')}`;
}

export function renderSiteIndexMd(site: SiteModel, title: string): string {
  const out = [`# ${mdText(title)}`, '', `${site.rules.length} detection rules, grouped by MITRE ATT&CK tactic and technique.`, ''];
  for (const tactic of site.tactics) {
    out.push(`## ${link(tactic.ref.name ? `${tactic.ref.id} ${tactic.ref.name}` : tactic.ref.id, tactic.ref.url)}`, '');
    for (const id of tactic.techniques) {
      const t = site.techniques.get(id);
      if (t) out.push(`- ${link(techniqueLabel(t.ref), `techniques/${id}.md`)} (${t.rules.length})`);
    }
    out.push('');
  }
  if (site.unmapped.length > 0) out.push(`## ${link('Rules without an ATT&CK technique', `techniques/${UNMAPPED}.md`)}`, '');
  out.push('---', '', mdText(attribution()), '');
  return out.join('\n');
}

export function renderTechniqueMd(id: string, rules: readonly SiteRule[], title: string, unknown?: string): string {
  const label = id === UNMAPPED ? 'Rules without an ATT&CK technique' : techniqueTitle(id);
  const out = [`${link(title, '../index.md')} › ${mdText(label)}`, '', `# ${mdText(label)}`, ''];
  if (unknown) out.push(mdText(`${id} is ${unknown}.`), '');
  out.push('## Rules', '');
  for (const r of rules) out.push(`- ${link(r.title, `../${r.dir}/${r.platforms[0]!.id}.md`)}`);
  out.push('', `## Other platforms for ${mdText(label)}`, '');
  for (const r of rules) out.push(`- ${mdText(r.title)}: ${r.platforms.map((p) => link(p.name, `../${r.dir}/${p.id}.md`)).join(' · ')}`);
  out.push('');
  return out.join('\n');
}
