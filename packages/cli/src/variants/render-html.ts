import type { AttackRef } from './attack.js';
import type { VariantPage } from './model.js';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

/** Only web links and our own relative links become anchors; anything else (javascript:, data:) is text. */
function safeHref(href: string): string | undefined {
  if (/^https?:\/\//i.test(href)) return href;
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return undefined;
  return href;
}

function a(text: string, href: string): string {
  const h = safeHref(href);
  return h === undefined ? escapeHtml(text) : `<a href="${escapeHtml(h)}">${escapeHtml(text)}</a>`;
}

const attackLink = (r: AttackRef): string => a(r.name ? `${r.id} ${r.name}` : r.id, r.url);

export const CSS = `
:root { color-scheme: light; --fg: #1d2330; --muted: #5b6475; --line: #d9dee7; --accent: #1f5fbf; --bg: #ffffff; --soft: #f5f7fa; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--soft); color: var(--fg); font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
main { max-width: 960px; margin: 0 auto; padding: 32px 24px 48px; background: var(--bg); min-height: 100vh; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 12px; }
h2 { font-size: 1.2rem; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 1rem; margin: 18px 0 8px; }
p.lead { color: var(--muted); margin: 0 0 20px; white-space: pre-line; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
table.facts { border-collapse: collapse; width: 100%; margin: 8px 0 4px; }
table.facts th, table.facts td { text-align: left; vertical-align: top; padding: 7px 10px; border-bottom: 1px solid var(--line); }
table.facts th { width: 240px; color: var(--muted); font-weight: 600; }
.badge { display: inline-block; padding: 1px 10px; border-radius: 999px; font-size: .85rem; font-weight: 600; text-transform: capitalize; }
.sev-critical { background: #fbe0e0; color: #8a1010; } .sev-high { background: #fde9d9; color: #8a3b00; }
.sev-medium { background: #fff3cd; color: #6b4e00; } .sev-low { background: #e3f1e6; color: #1f5a2c; }
.sev-informational, .sev-unspecified { background: #e8ecf2; color: #36405a; }
pre { background: #0f1726; color: #e6edf6; padding: 14px 16px; border-radius: 8px; overflow-x: auto; white-space: pre-wrap; word-break: break-word; font: 13.5px/1.5 ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: .92em; background: var(--soft); padding: 1px 5px; border-radius: 4px; }
pre code { background: none; color: inherit; padding: 0; font-size: inherit; border-radius: 0; }
ul { padding-left: 22px; } li { margin: 4px 0; }
.evidence { color: var(--muted); font-size: .9rem; }
.tp { color: #1f5a2c; font-weight: 600; } .tn { color: #36405a; font-weight: 600; }
nav.platforms a { display: inline-block; margin: 4px 8px 4px 0; padding: 6px 12px; border: 1px solid var(--line); border-radius: 6px; }
details { margin: 10px 0; } summary { cursor: pointer; color: var(--muted); }
footer { margin-top: 40px; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--line); padding-top: 12px; }
.crumbs { font-size: .9rem; color: var(--muted); margin: 0 0 14px; }
.crumbs a + a::before, .crumbs a + span::before { content: "›"; margin: 0 8px; color: var(--muted); }
.note { color: var(--muted); font-size: .9rem; }
`;

/** Doctype and head shared by every page of the site: title, description, canonical URL, and the page's styles. */
export function htmlHead(title: string, description: string, canonical: string | undefined, styles: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<meta name="description" content="${escapeHtml(description)}">
${canonical ? `<link rel="canonical" href="${escapeHtml(canonical)}">\n` : ''}${styles}
</head>`;
}

export function renderHtml(p: VariantPage): string {
  const rows: string[] = [];
  const row = (k: string, v: string): void => void rows.push(`<tr><th scope="row">${escapeHtml(k)}</th><td>${v}</td></tr>`);
  row('Platform', escapeHtml(p.platform.name));
  const sev = /^[a-z]+$/.test(p.severity) ? p.severity : 'unspecified';
  row('Severity', `<span class="badge sev-${sev}">${escapeHtml(p.severity)}</span>`);
  if (p.attack.tactics.length > 0) row('MITRE ATT&CK tactic', p.attack.tactics.map(attackLink).join(', '));
  for (const t of p.attack.techniques) {
    if (t.parent) {
      row('MITRE ATT&CK technique', attackLink(t.parent));
      row('MITRE ATT&CK sub-technique', attackLink(t));
    } else {
      row('MITRE ATT&CK technique', attackLink(t));
    }
  }
  if (p.rule.status) row('Status', escapeHtml(p.rule.status));
  if (p.rule.id) row('Sigma rule ID', `<code>${escapeHtml(p.rule.id)}</code>`);
  row('Sigma rule', `${a(p.sigmaRule.split('/').pop() ?? p.sigmaRule, p.sigmaRule)} (${a('Download portable Sigma rule (.yml)', p.sigmaRule)})`);
  if (p.rule.author) row('Author', escapeHtml(p.rule.author));
  if (p.licence) row('Licence', p.licence.url ? a(p.licence.name, p.licence.url) : escapeHtml(p.licence.name));

  const ls = p.rule.logsource;
  const logsource = [ls.product && `product: ${ls.product}`, ls.category && `category: ${ls.category}`, ls.service && `service: ${ls.service}`].filter(Boolean).join(', ');
  const body: string[] = [];
  body.push(`<nav class="crumbs" aria-label="Breadcrumb">${p.breadcrumbs.map((c) => a(c.name, c.href)).join('')}<span aria-current="page">${escapeHtml(`${p.rule.title}: ${p.platform.name}`)}</span></nav>`);
  body.push(`<h1>${escapeHtml(p.title)}</h1>`);
  if (p.rule.description) body.push(`<p class="lead">${escapeHtml(p.rule.description)}</p>`);
  body.push(`<table class="facts"><tbody>${rows.join('')}</tbody></table>`);

  body.push('<h2>Query</h2>', `<pre><code class="language-${escapeHtml(p.platform.language)}">${escapeHtml(p.query)}</code></pre>`);
  body.push('<h2>Deployment</h2>', `<p>Configuration: ${escapeHtml(p.deployment.configuration)}.</p>`);
  if (p.deployment.assumptions.length > 0) {
    body.push(`<p>Assumptions:</p><ul>${p.deployment.assumptions.map((x) => `<li>${escapeHtml(x)}</li>`).join('')}</ul>`);
  }
  if (p.deployment.download) body.push(`<p>${a(`Download: ${p.deployment.download.label}`, p.deployment.download.href)}</p>`);

  if (p.enrichments && p.enrichments.length > 0) {
    body.push(
      '<h2>Triage enrichments</h2>',
      '<p>Each hit is labelled: for each field, the first case whose condition holds gives its value, else the default. Each condition is shown as the platform tests it, then as the portable Sigma rule writes it.</p>',
    );
    for (const e of p.enrichments) {
      const cases = e.cases
        .map((c) => {
          const sigma = `<code>${escapeHtml(c.condition)}</code>`;
          return `<li><strong>${escapeHtml(c.value)}</strong> &larr; ${c.platformCondition !== undefined ? `<code>${escapeHtml(c.platformCondition)}</code><div class="sigma">Sigma: ${sigma}</div>` : sigma}</li>`;
        })
        .join('');
      body.push(`<h3 id="enrichment-${escapeHtml(e.name)}"><code>${escapeHtml(e.name)}</code></h3>`, `<ol class="enrichment">${cases}<li><strong>${escapeHtml(e.default)}</strong> &larr; otherwise</li></ol>`);
      if (!e.inQuery) body.push(`<p class="note">Not computed by this platform's query: its rule format or pipeline cannot carry it (see the conversion warnings).</p>`);
    }
  }

  body.push('<h2>Data sources</h2>');
  if (logsource) body.push(`<p>Sigma log source: ${escapeHtml(logsource)}</p>`);
  body.push(
    p.dataSources.length > 0
      ? `<p>Required tables / sources:</p><ul>${p.dataSources.map((d) => `<li><code>${escapeHtml(d)}</code></li>`).join('')}</ul>`
      : '<p>The query does not name a specific table or source.</p>',
  );

  body.push('<h2>False positives</h2>');
  body.push(`<ul>${(p.falsePositives.length > 0 ? p.falsePositives : ['None documented']).map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul>`);

  body.push('<h2>Testing</h2>');
  if (p.testing.fixtures.length === 0) {
    body.push('<p>No fixture events are recorded for this rule.</p>');
  } else {
    body.push(
      `<p>${p.testing.truePositives} true-positive and ${p.testing.trueNegatives} true-negative fixture event${p.testing.fixtures.length === 1 ? '' : 's'} (run them with <code>sigmats test</code>).</p>`,
    );
    const section = (title: string, expect: 'match' | 'no-match', cls: string): void => {
      const list = p.testing.fixtures.filter((f) => f.expect === expect);
      if (list.length === 0) return;
      body.push(`<h3 class="${cls}">${escapeHtml(title)}</h3><ul>`);
      for (const f of list) {
        const ev = f.evidence.map((e) => `<code>${escapeHtml(e.field)}</code> = ${escapeHtml(e.value)}`).join('; ');
        const labels = (f.enrichments ?? []).map((e) => `<code>${escapeHtml(e.name)}</code> = ${escapeHtml(e.value)}`).join('; ');
        body.push(
          `<li>${escapeHtml(f.description || '(no description)')} (${a('event', f.href)})${ev ? `<div class="evidence">${ev}</div>` : ''}${labels ? `<div class="enrichments">Triage: ${labels}</div>` : ''}</li>`,
        );
      }
      body.push('</ul>');
    };
    section('True positives (the rule must match)', 'match', 'tp');
    section('True negatives (the rule must not match)', 'no-match', 'tn');
  }

  if (p.otherPlatforms.links.length > 0) {
    body.push(`<h2>${escapeHtml(p.otherPlatforms.heading)}</h2>`, `<nav class="platforms">${p.otherPlatforms.links.map((l) => a(l.name, l.href)).join('')}</nav>`);
  }
  if (p.rule.references.length > 0) {
    body.push('<h2>References</h2>', `<ul>${p.rule.references.map((r) => `<li>${/^https?:\/\//i.test(r) ? a(r, r) : escapeHtml(r)}</li>`).join('')}</ul>`);
  }
  const meta = [p.rule.author && `Author: ${p.rule.author}`, p.rule.date && `date ${p.rule.date}`, p.rule.modified && `modified ${p.rule.modified}`].filter(Boolean).join(', ');
  const licence = p.licence ? ` ${p.licence.notice}` : '';
  body.push(`<footer>${escapeHtml(meta ? `${meta}.` : '')}${escapeHtml(licence)} Generated by ${escapeHtml(p.generator)} from the portable Sigma rule.</footer>`);

  return `${htmlHead(p.title, p.description, p.canonical, `<style>${CSS}</style>`)}
<body>
<main>
${body.join('\n')}
</main>
</body>
</html>
`;
}
