import type { AttackRef } from './attack.js';
import type { VariantPage } from './model.js';

/** Backslash-escape characters Markdown would interpret (CommonMark allows escaping any ASCII punctuation). */
export function mdText(s: string): string {
  return s
    // CommonMark ends a line at LF, CR or CRLF: a lone CR in a title would start a new block.
    .replace(/\r\n?|\n/g, ' ')
    .replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([#+=-])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/** Inline code: a backtick run longer than any inside, padded when the code starts or ends with one. */
export function mdCode(s: string): string {
  const one = s.replace(/\r\n?|\n/g, ' ');
  const longest = Math.max(0, ...[...one.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  const pad = one.startsWith('`') || one.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${one}${pad}${ticks}`;
}

/** Text in a table cell: escaped, one line. */
const cell = (s: string): string => mdText(s);

/** A URL inside `(...)`: percent-encode what would end the link. */
function mdUrl(url: string): string {
  return url.replace(/[()<> \\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

const link = (text: string, href: string): string => `[${mdText(text)}](${mdUrl(href)})`;

/** A fence longer than any backtick run inside, so the code can hold backticks. */
export function fence(code: string, lang: string): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const f = '`'.repeat(longest + 1);
  return `${f}${lang}\n${code}\n${f}`;
}

const attackLink = (r: AttackRef): string => link(r.name ? `${r.id} ${r.name}` : r.id, r.url);

export function renderMarkdown(p: VariantPage): string {
  const out: string[] = [];
  out.push([...p.breadcrumbs.map((c) => link(c.name, c.href)), mdText(`${p.rule.title}: ${p.platform.name}`)].join(' › '), '');
  out.push(`# ${mdText(p.title)}`, '');
  if (p.rule.description) out.push(p.rule.description.split(/\r?\n/).map((l) => mdText(l)).join('  \n'), '');

  out.push('| | |', '|---|---|');
  out.push(`| Platform | ${cell(p.platform.name)} |`);
  out.push(`| Severity | ${cell(p.severity)} |`);
  if (p.attack.tactics.length > 0) out.push(`| MITRE ATT&CK tactic | ${p.attack.tactics.map(attackLink).join(', ')} |`);
  for (const t of p.attack.techniques) {
    if (t.parent) {
      out.push(`| MITRE ATT&CK technique | ${attackLink(t.parent)} |`);
      out.push(`| MITRE ATT&CK sub-technique | ${attackLink(t)} |`);
    } else {
      out.push(`| MITRE ATT&CK technique | ${attackLink(t)} |`);
    }
  }
  if (p.rule.status) out.push(`| Status | ${cell(p.rule.status)} |`);
  if (p.rule.id) out.push(`| Sigma rule ID | ${mdCode(p.rule.id).replace(/\|/g, '\\|')} |`);
  out.push(`| Sigma rule | ${link(p.sigmaRule.split('/').pop() ?? p.sigmaRule, p.sigmaRule)} (${link('Download portable Sigma rule (.yml)', p.sigmaRule)}) |`);
  if (p.rule.author) out.push(`| Author | ${cell(p.rule.author)} |`);
  if (p.licence) out.push(`| Licence | ${p.licence.url ? link(p.licence.name, p.licence.url) : cell(p.licence.name)} |`);
  out.push('');

  out.push(`## Query`, '', fence(p.query, p.platform.language), '');
  out.push('## Deployment', '', `Configuration: ${mdText(p.deployment.configuration)}.`, '');
  if (p.deployment.assumptions.length > 0) out.push('Assumptions:', '', ...p.deployment.assumptions.map((x) => `- ${mdText(x)}`), '');
  if (p.deployment.download) out.push(link(`Download: ${p.deployment.download.label}`, p.deployment.download.href), '');

  if (p.enrichments && p.enrichments.length > 0) {
    out.push(
      '## Triage enrichments',
      '',
      'Each hit is labelled: for each field, the first case whose condition holds gives its value, else the default. Each condition is shown as the platform tests it, then as the portable Sigma rule writes it.',
      '',
    );
    for (const e of p.enrichments) {
      out.push(`### ${mdCode(e.name)}`, '');
      out.push(
        ...e.cases.map((c, i) => `${i + 1}. **${mdText(c.value)}** ← ${c.platformCondition !== undefined ? `${mdCode(c.platformCondition)} (Sigma: ${mdCode(c.condition)})` : mdCode(c.condition)}`),
        `${e.cases.length + 1}. **${mdText(e.default)}** ← otherwise`,
        '',
      );
      if (!e.inQuery) out.push("Not computed by this platform's query: its rule format or pipeline cannot carry it (see the conversion warnings).", '');
    }
  }

  out.push('## Data sources', '');
  const ls = p.rule.logsource;
  const logsource = [ls.product && `product: ${ls.product}`, ls.category && `category: ${ls.category}`, ls.service && `service: ${ls.service}`].filter(Boolean).join(', ');
  if (logsource) out.push(`Sigma log source: ${mdText(logsource)}`, '');
  if (p.dataSources.length > 0) out.push('Required tables / sources:', '', ...p.dataSources.map((d) => `- ${mdCode(d)}`), '');
  else out.push('The query does not name a specific table or source.', '');

  out.push('## False positives', '');
  out.push(...(p.falsePositives.length > 0 ? p.falsePositives.map((f) => `- ${mdText(f)}`) : ['- None documented']), '');

  out.push('## Testing', '');
  if (p.testing.fixtures.length === 0) {
    out.push('No fixture events are recorded for this rule.', '');
  } else {
    out.push(
      `${p.testing.truePositives} true-positive and ${p.testing.trueNegatives} true-negative fixture event${p.testing.fixtures.length === 1 ? '' : 's'} (run them with \`sigmats test\`).`,
      '',
    );
    const section = (title: string, expect: 'match' | 'no-match'): void => {
      const list = p.testing.fixtures.filter((f) => f.expect === expect);
      if (list.length === 0) return;
      out.push(`### ${title}`, '');
      for (const f of list) {
        const ev = f.evidence.map((e) => `${mdCode(e.field)} = ${mdCode(e.value)}`).join('; ');
        const labels = (f.enrichments ?? []).map((e) => `${mdCode(e.name)} = ${mdText(e.value)}`).join('; ');
        out.push(`- ${mdText(f.description || '(no description)')} (${link('event', f.href)})${ev ? `  \n  ${ev}` : ''}${labels ? `  \n  Triage: ${labels}` : ''}`);
      }
      out.push('');
    };
    section('True positives (the rule must match)', 'match');
    section('True negatives (the rule must not match)', 'no-match');
  }

  if (p.otherPlatforms.links.length > 0) {
    out.push(`## ${mdText(p.otherPlatforms.heading)}`, '');
    out.push(...p.otherPlatforms.links.map((l) => `- ${link(l.name, l.href)}`), '');
  }

  if (p.rule.references.length > 0) {
    out.push('## References', '', ...p.rule.references.map((r) => (/^https?:\/\//i.test(r) ? `- ${link(r, r)}` : `- ${mdText(r)}`)), '');
  }
  const meta = [p.rule.author && `Author: ${mdText(p.rule.author)}`, p.rule.date && `date ${p.rule.date}`, p.rule.modified && `modified ${p.rule.modified}`].filter(Boolean).join(', ');
  out.push('---', '', `${meta ? `${meta}. ` : ''}${p.licence ? `${mdText(p.licence.notice)} ` : ''}Generated by ${mdText(p.generator)} from the portable Sigma rule.`, '');
  return out.join('\n');
}

