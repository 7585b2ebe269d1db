import type { Disagreement, PlatformReport } from './run.js';

export interface Totals {
  readonly proven: number;
  readonly disagree: number;
  readonly refused: number;
}

export function totals(reports: readonly PlatformReport[]): Totals {
  let proven = 0;
  let disagree = 0;
  let refused = 0;
  for (const r of reports) {
    proven += r.proven;
    disagree += r.disagreeingRules;
    for (const n of Object.values(r.refused)) refused += n;
  }
  return { proven, disagree, refused };
}

function pad(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
}

/** The report table: one row per platform, refusals by reason in the last column. */
export function formatTable(reports: readonly PlatformReport[]): string {
  const head = ['target', 'pipeline', 'rules', 'converted', 'proven', 'unwitnessed', 'disagree', 'refused by reason'];
  const rows = reports.map((r) => {
    const refused = Object.entries(r.refused)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([code, n]) => `${code} ${n}`)
      .join(', ');
    return [r.target, r.platform, String(r.rules), String(r.converted), String(r.proven), String(r.unwitnessed), String(r.disagreeingRules), refused || '-'];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  return [pad(head, widths), pad(widths.map((w) => '-'.repeat(w)), widths), ...rows.map((row) => pad(row, widths))].join('\n');
}

function oneLine(value: unknown, max = 400): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export function formatDisagreement(d: Disagreement): string {
  return [
    `[${d.platform}] ${d.kind}: ${d.title} (${d.rule}) ${d.file}`,
    `  event (${d.role}): ${d.note}`,
    `  ${d.detail}`,
    `  query: ${d.query.replace(/\n/g, ' ').slice(0, 600)}`,
    ...(d.event ? [`  raw: ${oneLine(d.event)}`] : []),
    ...(d.records ? [`  records: ${oneLine(d.records, 800)}`] : []),
  ].join('\n');
}

/** The closing line CI and users read. */
export function summaryLine(t: Totals): string {
  return `truth: ${t.proven} proven, ${t.disagree} disagree, ${t.refused} refused`;
}
