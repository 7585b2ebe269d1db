/**
 * `sigmats check`'s best-practice validators: the selection from the command line (`--sigmahq`, `--exclude`,
 * `--validation-config`), the ATT&CK IDs tags are checked against (the table generated from MITRE's data for the
 * variant site, shared, not copied), and the schema-strictness policy of `check`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Diagnostic, SigmaDocument } from '@sigmats/core';
import {
  defaultSelection,
  excludeValidators,
  listValidators,
  parseValidatorConfig,
  unknownValidatorMessage,
  validateDocuments,
  VALIDATOR_BY_NAME,
  type AttackIds,
  type ValidatorSelection,
} from '@sigmats/core/validators';
import { UsageError } from './args.js';
import { sarifLevel, type SarifRuleInfo } from './sarif.js';
import { TECHNIQUE_TABLE } from './variants/attack-data.js';

/** ATT&CK techniques (all statuses: a deprecated ID is still a real one) from the generated MITRE data. */
export function attackIds(): AttackIds {
  return { techniques: new Set(TECHNIQUE_TABLE.keys()) };
}

/** The validator selection the flags ask for; a bad configuration file or name is a usage error. */
export function selectionFromArgs(
  opts: { sigmahq: boolean; exclude: readonly string[]; configFile?: string },
  cwd: string,
): { selection: ValidatorSelection; diagnostics: Diagnostic[] } {
  let selection = defaultSelection({ sigmahq: opts.sigmahq });
  const diagnostics: Diagnostic[] = [];
  if (opts.configFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(resolve(cwd, opts.configFile), 'utf8');
    } catch (err) {
      throw new UsageError(`cannot read validation config ${opts.configFile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, 'check');
    }
    const parsed = parseValidatorConfig(text, opts.configFile, selection);
    selection = parsed.selection;
    diagnostics.push(...parsed.diagnostics);
  }
  const ex = excludeValidators(selection, opts.exclude);
  for (const name of ex.unknown) {
    const u = unknownValidatorMessage(name);
    if (!u.known) throw new UsageError(`--exclude: ${u.message}${u.hint ? ` (${u.hint})` : ''}`, 'check');
  }
  return { selection: ex.selection, diagnostics };
}

export function runValidators(docs: readonly SigmaDocument[], selection: ValidatorSelection): Diagnostic[] {
  return validateDocuments(docs, { selection, attack: attackIds() });
}

/**
 * `check` holds rules to the Sigma JSON schema: what the parser accepts leniently for conversion (and reports as a
 * `schema/nonstandard` warning) is an error here.
 */
export function strictSchema(diags: readonly Diagnostic[]): Diagnostic[] {
  return diags.map((d) => (d.code === 'schema/nonstandard' && d.severity === 'warning' ? { ...d, severity: 'error' } : d));
}

/** SARIF reportingDescriptors for every validator. */
export function validatorSarifRules(): SarifRuleInfo[] {
  return listValidators().map((v) => ({
    id: `validator/${v.name}`,
    name: v.name,
    description: v.description,
    level: sarifLevel(v),
    properties: { origin: v.origin, severity: v.level, enabledByDefault: v.defaultEnabled },
  }));
}

/** SARIF level of a diagnostic: a validator's own scale, else error/warning. */
export function sarifLevelOf(d: Diagnostic): 'error' | 'warning' | 'note' {
  if (d.code.startsWith('validator/')) {
    const v = VALIDATOR_BY_NAME.get(d.code.slice('validator/'.length));
    if (v) return sarifLevel(v);
  }
  return d.severity === 'error' ? 'error' : 'warning';
}

/** `check --list-validators`: name, origin, pySigma severity, on/off by default. */
export function validatorTable(selection: ValidatorSelection): string {
  const rows = listValidators().map((v) => [v.name, v.origin, v.level, selection.enabled.has(v.name) ? 'on' : 'off', v.description]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i < 4 ? c.padEnd(widths[i]!) : c)).join('  ')).join('\n') + '\n';
}
