/**
 * What `convert` adds for whole corpora: a comment naming each rule in plain output, the diagnostics summary of long
 * runs, `--skip-unsupported` accounting, `--filter` files and `--file-pattern`.
 */
import { formatDiagnostic, parseSigma, decodeSigmaBytes } from '@sigmats/core';
import type { ConvertedRule, Diagnostic } from '@sigmats/core';
import { readBytes } from './files.js';
import { sortDiagnostics } from './report.js';
import { globToRegExp } from './glob.js';

/** The failures `--skip-unsupported` accepts: the target cannot express the rule. */
export const UNSUPPORTED_CODES: ReadonlySet<string> = new Set(['backend/unsupported-feature', 'backend/unsupported-value', 'backend/unsupported-correlation']);

/**
 * A one-line comment naming a rule, in the target language's own syntax, or undefined where the format allows none.
 * SPL: triple-backtick comments (Splunk "Add comments to searches"); KQL and Sumo log search: `//` line comments.
 * A Sumo Cloud SIEM rule expression has no comment syntax: nothing is added there (use --json for names).
 */
export function ruleComment(target: string, rule: Pick<ConvertedRule, 'document' | 'key'>): string | undefined {
  const d = rule.document;
  const name = `${d.title.replace(/[\r\n]+/g, ' ')}${d.id !== undefined ? ` (${d.id})` : rule.key !== d.title ? ` (${rule.key})` : ''}`;
  switch (target) {
    case 'splunk':
      return `\`\`\`${name.replace(/`{3,}/g, "'")}\`\`\``;
    case 'kql':
    case 'sumo':
      return `// ${name}`;
    default:
      return undefined;
  }
}

/** Plain output with each rule's query preceded by its comment (queries separated by a blank line, as without). */
export function withRuleComments(target: string, rules: readonly ConvertedRule[]): string | undefined {
  if (rules.length === 0 || ruleComment(target, rules[0]!) === undefined) return undefined;
  return rules.map((r) => `${ruleComment(target, r)}\n${r.output}`).join('\n\n');
}

/** Diagnostics counted by code and severity, for the summary that replaces a long report (summary). */
export class CodeTally {
  total = 0;
  private readonly byCode = new Map<string, { errors: number; warnings: number }>();

  add(d: Diagnostic): void {
    const c = this.byCode.get(d.code) ?? { errors: 0, warnings: 0 };
    if (d.severity === 'error') c.errors++;
    else c.warnings++;
    this.byCode.set(d.code, c);
    this.total++;
  }

  /** `code  count` lines, most frequent first, and how to see everything. */
  summary(shown: number, how: string): string {
    const rows = [...this.byCode].sort((a, b) => b[1].errors + b[1].warnings - (a[1].errors + a[1].warnings) || a[0].localeCompare(b[0]));
    const width = Math.max(...rows.map(([c]) => c.length));
    const lines = rows.map(([code, c]) => `  ${code.padEnd(width)}  ${c.errors > 0 ? `${c.errors} error${c.errors === 1 ? '' : 's'}` : ''}${c.errors > 0 && c.warnings > 0 ? ', ' : ''}${c.warnings > 0 ? `${c.warnings} warning${c.warnings === 1 ? '' : 's'}` : ''}`);
    return `${this.total} diagnostics (first ${shown} shown above), by code:\n${lines.join('\n')}\n${how}\n`;
  }
}

/**
 * Splits failures into the units (rule key or file) that failed only because the target cannot express them, and
 * the rest. A unit with any other error is not skipped.
 */
export function unsupportedOnly(diags: Iterable<Diagnostic>): Set<string> {
  const codes = new Map<string, Set<string>>();
  for (const d of diags) {
    if (d.severity !== 'error') continue;
    const unit = d.rule ?? d.file;
    const s = codes.get(unit) ?? new Set<string>();
    s.add(d.code);
    codes.set(unit, s);
  }
  return new Set([...codes].filter(([, s]) => [...s].every((c) => UNSUPPORTED_CODES.has(c))).map(([u]) => u));
}

/** The diagnostics that belong to a converted rule: its own, and its file's that name no rule. */
export function diagnosticsOf(rule: ConvertedRule, diags: readonly Diagnostic[]): Diagnostic[] {
  const file = rule.document.loc.file;
  return sortDiagnostics(diags.filter((d) => d.file === file && (d.rule === undefined || d.rule === rule.key)));
}

/** JSON form of a diagnostic (what --json carries): its fields plus the one-line text. */
export function diagnosticJson(d: Diagnostic): Record<string, unknown> {
  return { ...d, text: formatDiagnostic(d) };
}

/**
 * `--file-pattern`: which files inside folders (and glob matches) are rules. A pattern without `/` is matched
 * against the file name, one with `/` against the whole path.
 */
export function filePatternRegExp(patterns: readonly string[]): RegExp {
  const sources = patterns.map((p) => {
    const re = globToRegExp(p).source.replace(/^\^/, '');
    return p.includes('/') ? `^${re}` : `(?:^|/)${re}`;
  });
  return new RegExp(sources.join('|'), 'i');
}

/** Filter files hold only Sigma filters: anything else in them is a usage problem, reported before converting. */
export function checkFilterFiles(paths: readonly string[], cwd: string): string[] {
  const problems: string[] = [];
  for (const p of paths) {
    const read = readBytes(p, cwd);
    if (!read.ok) {
      problems.push(`--filter ${p}: ${read.message}`);
      continue;
    }
    const decoded = decodeSigmaBytes(read.bytes, p);
    if (decoded.text === undefined) {
      problems.push(`--filter ${p}: ${decoded.diagnostics.map((d) => d.message).join('; ')}`);
      continue;
    }
    const parsed = parseSigma(decoded.text, p);
    const other = parsed.documents.filter((d) => d.kind !== 'filter');
    if (other.length > 0) problems.push(`--filter ${p}: holds a ${other[0]!.kind} ('${other[0]!.title}'), not only Sigma filters (filter:)`);
    else if (parsed.documents.length === 0 && parsed.diagnostics.length === 0) problems.push(`--filter ${p}: holds no filter`);
  }
  return problems;
}
