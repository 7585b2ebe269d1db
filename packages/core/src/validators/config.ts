/**
 * Validator selection, and pySigma's validator-configuration YAML (sigma/validation.py, SigmaValidator.from_dict):
 *
 *   validators: [all, -tlpv1_tag]        # 'all', names to add, '-name' to remove, applied in order
 *   exclusions: {<rule id>: name | [names]}
 *   config: {<validator>: {<param>: value}}
 *
 * One difference: pySigma starts from no validator when `validators` is absent; here the default set applies, so a
 * file holding only exclusions or parameters does what its author expects.
 */
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { SourceLocation } from '../location.js';
import { parseYamlTree, type YNode } from '../pipeline/yaml-tree.js';
import { suggest } from '../parse/suggest.js';
import { isDefaultEnabled, isSigmahqConvention, NOT_SEPARATE, VALIDATOR_BY_NAME, VALIDATORS } from './registry.js';
import type { ValidatorParam } from './types.js';

export interface ValidatorSelection {
  readonly enabled: ReadonlySet<string>;
  /** Rule id (lower case) → validators not run on that rule. */
  readonly exclusions: ReadonlyMap<string, ReadonlySet<string>>;
  /** Validator → parameters overriding its defaults. */
  readonly params: ReadonlyMap<string, Readonly<Record<string, ValidatorParam>>>;
}

export function defaultSelection(options: { readonly sigmahq?: boolean } = {}): ValidatorSelection {
  const enabled = new Set(VALIDATORS.filter((v) => isDefaultEnabled(v) || (options.sigmahq === true && isSigmahqConvention(v))).map((v) => v.name));
  return { enabled, exclusions: new Map(), params: new Map() };
}

/** Why a name is not a validator: a did-you-mean, or what stands in for a pySigma validator sigmats folds elsewhere. */
export function unknownValidatorMessage(name: string): { message: string; hint?: string; known: boolean } {
  const folded = NOT_SEPARATE[name];
  if (folded !== undefined) return { message: `validator '${name}' is not a separate validator in sigmats: ${folded}`, known: true };
  const near = suggest(name, VALIDATOR_BY_NAME.keys());
  return { message: `unknown validator '${name}'`, ...(near ? { hint: `did you mean '${near}'?` } : {}), known: false };
}

/** The selection without `names` (`--exclude`). Unknown names come back for the caller to report. */
export function excludeValidators(selection: ValidatorSelection, names: readonly string[]): { selection: ValidatorSelection; unknown: string[] } {
  const enabled = new Set(selection.enabled);
  const unknown: string[] = [];
  for (const n of names) {
    if (!VALIDATOR_BY_NAME.has(n)) unknown.push(n);
    enabled.delete(n);
  }
  return { selection: { ...selection, enabled }, unknown };
}

const cfg = (message: string, loc: SourceLocation, severity: 'error' | 'warning' = 'error', hint?: string): Diagnostic =>
  diagnostic('validator/config', message, loc, hint !== undefined ? { severity, hint } : { severity });

function checkName(name: string, loc: SourceLocation, out: Diagnostic[]): boolean {
  if (VALIDATOR_BY_NAME.has(name)) return true;
  const u = unknownValidatorMessage(name);
  out.push(cfg(u.message, loc, u.known ? 'warning' : 'error', u.hint));
  return false;
}

function names(node: YNode, out: Diagnostic[]): { name: string; loc: SourceLocation }[] {
  const items = node.kind === 'seq' ? node.items : [node];
  const result: { name: string; loc: SourceLocation }[] = [];
  for (const it of items) {
    if (it.kind === 'scalar' && typeof it.value === 'string') result.push({ name: it.value, loc: it.loc });
    else out.push(cfg('expected a validator name', it.loc));
  }
  return result;
}

function paramValue(node: YNode): ValidatorParam | undefined {
  if (node.kind === 'scalar') return node.value === null ? undefined : node.value;
  if (node.kind === 'seq' && node.items.every((i) => i.kind === 'scalar' && typeof i.value === 'string')) return node.items.map((i) => (i as { value: string }).value);
  return undefined;
}

/** Reads a validator configuration; problems are located `validator/config` diagnostics (errors stop the run). */
export function parseValidatorConfig(text: string, file: string, base: ValidatorSelection = defaultSelection()): { selection: ValidatorSelection; diagnostics: Diagnostic[] } {
  const parsed = parseYamlTree(text, file);
  const diagnostics: Diagnostic[] = parsed.diagnostics.map((d) => (d.code === 'pipeline/syntax' || d.code === 'pipeline/invalid' ? { ...d, code: 'validator/config' as const } : d));
  const root = parsed.root;
  if (!root) return { selection: base, diagnostics };
  if (root.kind !== 'map') return { selection: base, diagnostics: [...diagnostics, cfg('a validator configuration is a mapping (validators, exclusions, config)', root.loc)] };

  let enabled = new Set(base.enabled);
  const exclusions = new Map<string, Set<string>>();
  const params = new Map<string, Record<string, ValidatorParam>>(base.params);
  for (const e of root.entries) {
    if (e.key === 'validators') {
      enabled = new Set();
      for (const { name, loc } of names(e.value, diagnostics)) {
        if (name === 'all') enabled = new Set(VALIDATOR_BY_NAME.keys());
        else if (name.startsWith('-')) {
          const n = name.slice(1);
          if (!checkName(n, loc, diagnostics)) continue;
          if (!enabled.has(n)) diagnostics.push(cfg(`cannot remove '${n}': it is not in the validator set at this point`, loc));
          enabled.delete(n);
        } else if (checkName(name, loc, diagnostics)) enabled.add(name);
      }
    } else if (e.key === 'exclusions') {
      if (e.value.kind !== 'map') {
        diagnostics.push(cfg('exclusions map rule ids to validator names', e.value.loc));
        continue;
      }
      for (const x of e.value.entries) {
        const id = String(x.key ?? '').toLowerCase();
        if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) diagnostics.push(cfg(`'${String(x.key)}' is not a rule id (UUID)`, x.keyLoc));
        const set = exclusions.get(id) ?? new Set<string>();
        for (const { name, loc } of names(x.value, diagnostics)) if (checkName(name, loc, diagnostics)) set.add(name);
        exclusions.set(id, set);
      }
    } else if (e.key === 'config') {
      if (e.value.kind !== 'map') {
        diagnostics.push(cfg('config maps validator names to their parameters', e.value.loc));
        continue;
      }
      for (const x of e.value.entries) {
        const name = String(x.key);
        if (!checkName(name, x.keyLoc, diagnostics)) continue;
        const v = VALIDATOR_BY_NAME.get(name)!;
        if (x.value.kind !== 'map') {
          diagnostics.push(cfg(`configuration for validator '${name}' is not a mapping`, x.value.loc));
          continue;
        }
        const merged: Record<string, ValidatorParam> = { ...params.get(name) };
        for (const p of x.value.entries) {
          const key = String(p.key);
          const defaults = v.params ?? {};
          if (!Object.hasOwn(defaults, key)) {
            const known = Object.keys(defaults);
            diagnostics.push(cfg(`validator '${name}' has no parameter '${key}'${known.length ? ` (parameters: ${known.join(', ')})` : ' (it takes none)'}`, p.keyLoc));
            continue;
          }
          const value = paramValue(p.value);
          const want = Array.isArray(defaults[key]) ? 'list' : typeof defaults[key];
          const got = Array.isArray(value) ? 'list' : typeof value;
          if (value === undefined || got !== want) {
            diagnostics.push(cfg(`parameter '${key}' of '${name}' must be a ${want === 'list' ? 'list of strings' : want}`, p.value.loc));
            continue;
          }
          merged[key] = value;
        }
        params.set(name, merged);
      }
    } else {
      const near = suggest(String(e.key), ['validators', 'exclusions', 'config']);
      diagnostics.push(cfg(`unknown key '${String(e.key)}' (expected validators, exclusions, config)`, e.keyLoc, 'error', near ? `did you mean '${near}'?` : undefined));
    }
  }
  return { selection: { enabled, exclusions, params }, diagnostics };
}
