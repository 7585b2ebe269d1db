import { assertNever, diagnostic, plainText } from '@sigmats/core';
import type { BackendOptionValue, Expr, KeywordExpr, SigmaRule } from '@sigmats/core';
import { all, fail, ok, renderExpr, type Result } from '@sigmats/text-query';
import { isInvisible } from '../encode.js';
import { regroupByField } from '../shared/regroup.js';
import { searchDialect, searchHooks } from './leaf.js';
import { searchProfile } from './profiles.js';

/**
 * Assembles a Sumo log search query (target-languages §4.3):
 *   (<scope>)[ AND (<keyword terms>)]
 *   | json field=_raw "<path>", … as <alias>, … nodrop     (json extraction; absent in FER mode)
 *   | where <implied log source condition>                  (e.g. Sysmon EventID)
 *   | where <rule logic>
 *   | fields <rule fields:>
 *   | sort by _messageTime desc
 */

export type Extraction = 'json' | 'fer';

export interface SearchSettings {
  readonly scope?: string;
  readonly extraction: Extraction;
  readonly jsonField: string;
}

export function searchSettings(options: Readonly<Record<string, BackendOptionValue>>, state: Readonly<Record<string, unknown>>): Result<SearchSettings> {
  const extraction = options['extraction'] ?? state['sumo_extraction'] ?? 'json';
  if (extraction !== 'json' && extraction !== 'fer') {
    return fail(
      diagnostic('backend/invalid-option', `extraction must be 'json' or 'fer', not '${String(extraction)}'`, { file: '<options>', line: 0, column: 0 }),
    );
  }
  const scope = options['scope'] ?? state['sumo_scope'];
  const jsonField = options['jsonField'] ?? state['sumo_json_field'] ?? '_raw';
  if (typeof jsonField !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(jsonField)) {
    return fail(diagnostic('backend/invalid-option', `jsonField must be a field name, not '${String(jsonField)}'`, { file: '<options>', line: 0, column: 0 }));
  }
  return ok({ extraction, jsonField, ...(typeof scope === 'string' && scope.trim() !== '' ? { scope: scope.trim() } : {}) });
}

/** Fields Sumo defines itself (`_sourceCategory`, `_raw`, `_messageTime`…): never extracted. */
function isBuiltIn(field: string): boolean {
  return field.startsWith('_');
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Sumo names for the Sigma fields a query uses, and the json extraction that defines them. */
export interface FieldPlan {
  readonly name: (field: string) => string;
  /** [json path, alias] in first-use order. */
  readonly extracted: readonly (readonly [string, string])[];
}

/** Fields an expression reads, in first-use order. */
export function exprFields(expr: Expr, out: string[] = []): string[] {
  const add = (f: string): void => {
    if (!out.includes(f)) out.push(f);
  };
  switch (expr.kind) {
    case 'and':
    case 'or':
      for (const o of expr.operands) exprFields(o, out);
      break;
    case 'not':
      exprFields(expr.operand, out);
      break;
    case 'match':
      add(expr.field);
      if (expr.value.kind === 'fieldref') add(expr.value.field);
      break;
    case 'keyword':
    case 'const':
      break;
    default:
      assertNever(expr, 'expression kind');
  }
  return out;
}

function jsonKeyPath(path: string): string | undefined {
  const segments = path.split('.');
  let out = '';
  for (const s of segments) {
    if (s === '' || /["'\\[\]]/.test(s) || [...s].some(isInvisible)) return undefined;
    out += /^[A-Za-z0-9_]+$/.test(s) ? (out ? `.${s}` : s) : `['${s}']`;
  }
  return out;
}

export function planFields(fields: readonly string[], settings: SearchSettings, jsonPath: (f: string) => string): Result<FieldPlan> {
  const names = new Map<string, string>();
  const extracted: [string, string][] = [];
  const used = new Set<string>();
  const errors = [];
  for (const f of fields) {
    if (names.has(f)) continue;
    if (isBuiltIn(f) && IDENT.test(f)) {
      names.set(f, f);
      continue;
    }
    if (settings.extraction === 'fer') {
      if (f.includes('"') || f.includes('\\') || [...f].some(isInvisible)) {
        errors.push(diagnostic('backend/unsupported-value', `field name ${JSON.stringify(f)} cannot be written as %"…"`, { file: '<rule>', line: 0, column: 0 }));
        continue;
      }
      names.set(f, IDENT.test(f) ? f : `%"${f}"`);
      continue;
    }
    const path = jsonKeyPath(jsonPath(f));
    if (path === undefined) {
      errors.push(diagnostic('backend/unsupported-value', `field name ${JSON.stringify(f)} cannot be a JSON key path`, { file: '<rule>', line: 0, column: 0 }));
      continue;
    }
    let alias = f.replace(/[^A-Za-z0-9_]/g, '_');
    if (!/^[A-Za-z]/.test(alias)) alias = `f_${alias}`;
    let candidate = alias;
    for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${alias}_${n}`;
    used.add(candidate.toLowerCase());
    names.set(f, candidate);
    extracted.push([path, candidate]);
  }
  if (errors.length > 0) return fail(...errors);
  return ok({ name: (f) => names.get(f) ?? f, extracted });
}

// ---- keywords in the scope

/** A keyword as a scope term: `"phrase"` or a bare `term*with*wildcards`; undefined when it cannot be one. */
function scopeTerm(node: KeywordExpr): string | undefined {
  const v = node.value;
  if (v.kind === 'number') return `"${v.value}"`;
  if (v.kind === 'regex' || v.cased) return undefined;
  const text = plainText(v.parts);
  if (text !== undefined) {
    if (text === '' || text.includes('\\') || [...text].some(isInvisible)) return undefined;
    return `"${text.replaceAll('"', '\\"')}"`;
  }
  let term = '';
  for (const p of v.parts) {
    if (p.kind === 'wildcard-multi') term += '*';
    else if (p.kind === 'literal' && /^[A-Za-z0-9_.:-]+$/.test(p.text)) term += p.text;
    else return undefined;
  }
  return /^[AaOoNn]/.test(term) && /^(and|or|not)$/i.test(term) ? undefined : term;
}

/** An expression made only of keywords, rendered as scope terms (AND/OR/NOT with explicit parentheses). */
function scopeExpr(e: Expr): string | undefined {
  switch (e.kind) {
    case 'keyword':
      return scopeTerm(e);
    case 'not': {
      const inner = scopeExpr(e.operand);
      if (inner === undefined) return undefined;
      return e.operand.kind === 'keyword' ? `NOT ${inner}` : `NOT (${inner})`;
    }
    case 'and':
    case 'or': {
      const parts = e.operands.map(scopeExpr);
      if (parts.length === 0 || parts.some((p) => p === undefined)) return undefined;
      const op = e.kind === 'and' ? ' AND ' : ' OR ';
      return parts.map((p, i) => (e.operands[i]!.kind === 'and' || e.operands[i]!.kind === 'or' ? `(${p})` : p)).join(op);
    }
    case 'match':
    case 'const':
      return undefined;
    default:
      return assertNever(e, 'expression kind');
  }
}

/** Split an expression into the keyword conjuncts that go to the scope and the rest (for `where`). */
function splitScope(expr: Expr): { scope: string[]; rest: Expr | undefined } {
  const conjuncts = expr.kind === 'and' ? expr.operands : [expr];
  const scope: string[] = [];
  const rest: Expr[] = [];
  for (const c of conjuncts) {
    const s = scopeExpr(c);
    if (s !== undefined) scope.push(s);
    else rest.push(c);
  }
  if (rest.length === 0) return { scope, rest: undefined };
  if (rest.length === 1) return { scope, rest: rest[0] };
  return { scope, rest: { kind: 'and', operands: rest, loc: expr.loc } };
}

function wrapScope(scope: string): string {
  // Already one parenthesised group?
  if (scope.startsWith('(') && scope.endsWith(')')) {
    let depth = 0;
    let closesAtEnd = true;
    for (let i = 0; i < scope.length; i++) {
      if (scope[i] === '(') depth++;
      else if (scope[i] === ')') depth--;
      if (depth === 0 && i < scope.length - 1) closesAtEnd = false;
    }
    if (closesAtEnd) return scope;
  }
  return `(${scope})`;
}

export interface SearchParts {
  readonly scope: string;
  readonly extraction?: string;
  readonly filters: readonly string[];
  readonly where?: string;
  readonly plan: FieldPlan;
}

/** Render the parts of a log search for one lowered condition of `rule`. */
export function searchParts(expr: Expr, rule: SigmaRule, settings: SearchSettings, extraFields: readonly string[]): Result<SearchParts> {
  const profile = searchProfile(rule.logsource);
  const { scope: keywordScope, rest } = splitScope(expr);
  const filterFields = profile.filters.map((f) => f.field);
  const used = [...filterFields, ...(rest ? exprFields(rest) : []), ...extraFields];
  const plan = planFields(used, settings, profile.jsonPath);
  if (!plan.ok) return fail(...plan.errors.map((d) => ({ ...d, file: rule.loc.file, line: rule.loc.line, column: rule.loc.column })));
  const name = plan.value.name;
  const where = rest ? renderExpr(regroupByField(rest), searchDialect, searchHooks, { field: name }) : ok(undefined);
  const results = all([where as Result<string | undefined>]);
  if (!results.ok) return results;
  const filters = profile.filters.map((f) =>
    f.values.length === 1 ? `${name(f.field)} = "${f.values[0]}"` : `${name(f.field)} in (${f.values.map((v) => `"${v}"`).join(', ')})`,
  );
  const baseScope = wrapScope(settings.scope ?? profile.scope);
  const scope = keywordScope.length > 0 ? `${baseScope} AND ${keywordScope.map((s) => (keywordScope.length > 1 || /\s(AND|OR)\s/.test(s) ? `(${s})` : s)).join(' AND ')}` : baseScope;
  const extracted = plan.value.extracted;
  const extraction =
    settings.extraction === 'json' && extracted.length > 0
      ? `json field=${settings.jsonField} ${extracted.map(([p]) => `"${p}"`).join(', ')} as ${extracted.map(([, a]) => a).join(', ')} nodrop`
      : undefined;
  return ok(
    {
      scope,
      filters,
      plan: plan.value,
      ...(extraction ? { extraction } : {}),
      ...(where.ok && where.value !== undefined ? { where: where.value } : {}),
    },
    results.warnings,
  );
}

/**
 * The plain query, one stage per line: scope, extraction, where stages, then the rule's `fields:` (allow-list) and
 * newest-first order. Stages are lines so a correlation can take the search stages back (see correlation.ts).
 */
export function searchQueryText(parts: SearchParts, outputFields: readonly string[]): string {
  const lines = [parts.scope];
  if (parts.extraction) lines.push(`| ${parts.extraction}`);
  for (const f of parts.filters) lines.push(`| where ${f}`);
  if (parts.where) lines.push(`| where ${parts.where}`);
  if (outputFields.length > 0) lines.push(`| fields ${[...new Set(outputFields.map(parts.plan.name))].join(', ')}`);
  lines.push('| sort by _messageTime desc');
  return lines.join('\n');
}
