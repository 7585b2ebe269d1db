/**
 * SARIF 2.1.0 (OASIS) for `sigmats check --sarif`: what GitHub code scanning and other dashboards read. One run, the
 * validators (and any other diagnostic code that occurred) as reportingDescriptors, one result per diagnostic.
 * Spec: https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html (sections 3.13 run, 3.27 result,
 * 3.30 region, 3.49 reportingDescriptor).
 */
import type { Diagnostic } from '@sigmats/core';
import type { ValidatorInfo } from '@sigmats/core/validators';

export interface SarifRuleInfo {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly level: 'error' | 'warning' | 'note';
  readonly properties?: Readonly<Record<string, unknown>>;
}

/** pySigma's severities on SARIF's scale: high findings are errors for dashboards, low ones notes. */
export function sarifLevel(v: Pick<ValidatorInfo, 'level' | 'severity'>): 'error' | 'warning' | 'note' {
  if (v.severity === 'error' || v.level === 'high') return 'error';
  return v.level === 'medium' ? 'warning' : 'note';
}

/** A file path as a SARIF artifact URI, relative to the run's working directory (`%SRCROOT%`). */
export function artifactUri(file: string): string {
  const slashed = file.replace(/\\/g, '/').replace(/^\.\//, '');
  return slashed.split('/').map((seg) => encodeURIComponent(seg).replace(/%3A/gi, ':')).join('/');
}

export function renderSarif(opts: {
  readonly version: string;
  readonly rules: readonly SarifRuleInfo[];
  readonly diagnostics: readonly Diagnostic[];
  /** Validator findings keep their level from the validator; other diagnostics map error→error, warning→warning. */
  readonly levelOf: (d: Diagnostic) => 'error' | 'warning' | 'note';
}): string {
  const rules = [...opts.rules];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  for (const d of opts.diagnostics) {
    if (index.has(d.code)) continue;
    index.set(d.code, rules.length);
    rules.push({ id: d.code, name: d.code, description: `sigmats diagnostic ${d.code}`, level: d.severity === 'error' ? 'error' : 'warning' });
  }
  const results = opts.diagnostics.map((d) => {
    const region =
      d.line > 0
        ? {
            startLine: d.line,
            startColumn: Math.max(1, d.column),
            ...(d.endLine !== undefined && d.endLine >= d.line ? { endLine: d.endLine } : {}),
            ...(d.endColumn !== undefined && (d.endLine ?? d.line) >= d.line && d.endColumn > 0 ? { endColumn: d.endColumn } : {}),
          }
        : undefined;
    return {
      ruleId: d.code,
      ruleIndex: index.get(d.code)!,
      level: opts.levelOf(d),
      message: { text: d.hint ? `${d.message} (hint: ${d.hint})` : d.message },
      locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(d.file), uriBaseId: '%SRCROOT%' }, ...(region ? { region } : {}) } }],
      ...(d.rule !== undefined ? { properties: { sigmaRule: d.rule } } : {}),
    };
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'sigmats',
            version: opts.version,
            rules: rules.map((r) => ({
              id: r.id,
              name: r.name,
              shortDescription: { text: r.description },
              defaultConfiguration: { level: r.level },
              ...(r.properties ? { properties: r.properties } : {}),
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
