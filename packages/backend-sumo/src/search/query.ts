import { diagnostic } from '@sigmats/core';
import type { BackendOptionValue, Expr, SigmaRule, SourceLocation } from '@sigmats/core';
import { fail, groupOrByField, ok, renderExpr, type Result } from '@sigmats/text-query';
import { tokenize } from '../lint/lexer.js';
import { exprFields, planFields, type FieldPlan } from './fields.js';
import { splitScope, wrapScope } from './keywords.js';
import { sumoDialect } from '../shared/dialect.js';
import { searchHooks } from './leaf.js';
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
  /** Partition (`_index=`) ANDed with the scope. */
  readonly index?: string;
  /** Event ids replacing the log source's implied ones (pipeline state `sumo_event_ids`). */
  readonly eventIds?: readonly string[];
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
  if (typeof scope === 'string' && tokenize(scope, { scope: true }).some((t) => t.kind === 'pipe' || t.kind === 'error')) {
    return fail(
      diagnostic('backend/invalid-option', `scope must be a keyword expression without pipes: '${scope}'`, { file: '<options>', line: 0, column: 0 }),
    );
  }
  const jsonField = options['jsonField'] ?? state['sumo_json_field'] ?? '_raw';
  if (typeof jsonField !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(jsonField)) {
    return fail(diagnostic('backend/invalid-option', `jsonField must be a field name, not '${String(jsonField)}'`, { file: '<options>', line: 0, column: 0 }));
  }
  const index = options['index'];
  if (index !== undefined && (typeof index !== 'string' || !/^[A-Za-z0-9_*-]+$/.test(index))) {
    return fail(diagnostic('backend/invalid-option', `index must be a partition name, not '${String(index)}'`, { file: '<options>', line: 0, column: 0 }));
  }
  const ids = state['sumo_event_ids'];
  const eventIds =
    typeof ids === 'string' || typeof ids === 'number'
      ? String(ids).split(',').map((x) => x.trim()).filter((x) => /^\d+$/.test(x))
      : undefined;
  return ok({
    extraction,
    jsonField,
    ...(typeof scope === 'string' && scope.trim() !== '' ? { scope: scope.trim() } : {}),
    ...(eventIds !== undefined ? { eventIds } : {}),
    ...(index !== undefined ? { index } : {}),
  });
}

export interface SearchParts {
  readonly scope: string;
  readonly extraction?: string;
  readonly filters: readonly string[];
  readonly where?: string;
  readonly plan: FieldPlan;
}

/** Where a field is first tested (for diagnostics about the field itself). */
function fieldLocation(e: Expr, field: string): SourceLocation | undefined {
  switch (e.kind) {
    case 'match':
      return e.field === field || (e.value.kind === 'fieldref' && e.value.field === field) ? e.loc : undefined;
    case 'and':
    case 'or':
      for (const o of e.operands) {
        const l = fieldLocation(o, field);
        if (l) return l;
      }
      return undefined;
    case 'not':
      return fieldLocation(e.operand, field);
    default:
      return undefined;
  }
}

/** Render the parts of a log search for one lowered condition of `rule`. */
export function searchParts(expr: Expr, rule: SigmaRule, settings: SearchSettings, extraFields: readonly string[]): Result<SearchParts> {
  const profile = searchProfile(rule.logsource);
  const { scope: keywordScope, rest } = splitScope(expr);
  // A pipeline may replace the implied event ids (state `sumo_event_ids`, comma-separated).
  const ids = settings.eventIds;
  const filters = ids === undefined ? profile.filters : ids.length === 0 ? [] : [{ field: 'EventID', values: ids }];
  const filterFields = filters.map((f) => f.field);
  const used = [...filterFields, ...(rest ? exprFields(rest) : []), ...extraFields];
  const plan = planFields(used, settings, profile.jsonPath, (f) => fieldLocation(expr, f) ?? rule.fieldLocs['fields'] ?? rule.loc);
  if (!plan.ok) return plan;
  const name = plan.value.name;
  const where = rest ? renderExpr(groupOrByField(rest), sumoDialect, searchHooks, { field: name }) : ok('');
  if (!where.ok) return where;
  const filterTests = filters.map((f) =>
    f.values.length === 1 ? `${name(f.field)} = "${f.values[0]}"` : `${name(f.field)} in (${f.values.map((v) => `"${v}"`).join(', ')})`,
  );
  const ownScope = wrapScope(settings.scope ?? profile.scope);
  const baseScope = settings.index !== undefined ? `_index=${settings.index} AND ${ownScope}` : ownScope;
  const scope = keywordScope.length > 0 ? `${baseScope} AND ${keywordScope.map((s) => (keywordScope.length > 1 || /\s(AND|OR)\s/.test(s) ? `(${s})` : s)).join(' AND ')}` : baseScope;
  const extracted = plan.value.extracted;
  const extraction =
    settings.extraction === 'json' && extracted.length > 0
      ? `json field=${settings.jsonField} ${extracted.map(([p]) => `"${p}"`).join(', ')} as ${extracted.map(([, a]) => a).join(', ')} nodrop`
      : undefined;
  return ok(
    {
      scope,
      filters: filterTests,
      plan: plan.value,
      ...(extraction ? { extraction } : {}),
      ...(where.value !== '' ? { where: where.value } : {}),
    },
    where.warnings,
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
