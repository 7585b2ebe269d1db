import { diagnostic } from '@sigmats/core';
import type { CorrelationOperator, SigmaRule } from '@sigmats/core';
import { fail, ok, type CorrelationContext, type CorrelationOutput, type ReferencedRule, type Result } from '@sigmats/text-query';
import { validateSumoQuery } from '../lint/validate.js';
import { gateErrors } from '../shared/gate.js';
import { savedSearch } from './format.js';
import { searchProfile } from './profiles.js';
import { planFields } from './fields.js';
import { ruleSettings, searchSettings } from './query.js';

/**
 * Sigma correlations as Sumo log search aggregations (target-languages §4.1 "Output"):
 *   <scope(s)> | json … | where <rule logic> | timeslice <span> | count by _timeslice, <group-by> | where _count >= N
 * value_count uses count_distinct, value_sum/avg/percentile/median sum/avg/pct. temporal (several rules in one
 * window) tags each event with `| if(<rule logic>, 1, 0) as sigma_rule_k` and requires every tag in the window.
 * The referenced rules' queries are our own text, one stage per line, so their stages are taken back line by line.
 */

interface Stages {
  /** The rule's `// assumes: …` line, if any. */
  readonly comment?: string;
  readonly scope: string;
  readonly jsonField?: string;
  readonly extracted: readonly (readonly [string, string])[];
  readonly where: readonly string[];
}

function stagesOf(query: string): Stages | undefined {
  const all = query.split('\n');
  const comment = all[0]?.startsWith('//') ? all[0] : undefined;
  const lines = comment ? all.slice(1) : all;
  const scope = lines[0];
  if (scope === undefined || scope.startsWith('|')) return undefined;
  const where: string[] = [];
  const extracted: [string, string][] = [];
  let jsonField: string | undefined;
  for (const line of lines.slice(1)) {
    const json = /^\| json field=(\S+) (.*) as (.*) nodrop$/.exec(line);
    if (json) {
      jsonField = json[1]!;
      const paths = [...json[2]!.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
      const aliases = json[3]!.split(', ');
      if (paths.length !== aliases.length) return undefined;
      paths.forEach((p, i) => extracted.push([p, aliases[i]!]));
    } else if (line.startsWith('| where ')) where.push(line.slice('| where '.length));
    else if (line.startsWith('| fields ') || line.startsWith('| sort ')) continue;
    // The rule's enrichments (per-event labels, see enrichments.ts): an aggregation has no use for them.
    else if (/^\| if\(.*\) as [A-Za-z_][A-Za-z0-9_]*$/.test(line)) continue;
    else return undefined;
  }
  return { scope, extracted, where, ...(jsonField ? { jsonField } : {}), ...(comment ? { comment } : {}) };
}

/** `5m`, `1h`, `2d`: the largest Sumo time unit that divides the span. */
export function sumoDuration(seconds: number): string {
  for (const [unit, n] of [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
  ] as const) {
    if (seconds % n === 0) return `${seconds / n}${unit}`;
  }
  return `${seconds}s`;
}

const OPS: Readonly<Record<CorrelationOperator, string>> = { gt: '>', gte: '>=', lt: '<', lte: '<=', eq: '=', neq: '!=' };

const and = (conds: readonly string[]): string => (conds.length === 1 ? conds[0]! : conds.map((c) => `(${c})`).join(' and '));

export function searchCorrelation(referenced: readonly ReferencedRule[], ctx: CorrelationContext): Result<CorrelationOutput> {
  const c = ctx.correlation;
  const err = (msg: string, hint?: string): Result<CorrelationOutput> =>
    fail(diagnostic('backend/unsupported-correlation', msg, c.loc, hint ? { hint } : {}));
  if (c.type === 'temporal_ordered') return err('temporal_ordered correlations are not supported for Sumo log search', 'use temporal (unordered)');
  if (c.aliases.length > 0) return err('correlation field aliases are not supported for Sumo log search');
  const chosen = searchSettings(ctx.options, ctx.state);
  if (!chosen.ok) return chosen;

  const stages: Stages[] = [];
  for (const r of referenced) {
    if (r.correlation || r.document.kind !== 'rule') return err(`'${r.label}' is a correlation: nested correlations are not supported for Sumo`);
    if (r.queries.length !== 1) return err(`'${r.label}' has ${r.queries.length} conditions: only single-condition rules can be correlated`);
    const s = stagesOf(r.queries[0]!);
    if (!s) return err(`'${r.label}': its query could not be reused (modified by a postprocessing pipeline?)`);
    stages.push(s);
  }
  const first = referenced[0]!.document as SigmaRule;
  const settings = { ...chosen, value: ruleSettings(chosen.value, searchProfile(first.logsource)) };
  if (settings.value.extraction === 'keyvalue') return err('correlations over keyvalue-extracted log sources are not supported for Sumo log search', 'use extraction json or fer');

  // Fields: union of the rules' extractions, plus the group-by fields.
  const byAlias = new Map<string, string>();
  for (const s of stages) {
    for (const [path, alias] of s.extracted) {
      const known = byAlias.get(alias);
      if (known !== undefined && known !== path) return err(`field '${alias}' is extracted from '${known}' and '${path}' by different rules`);
      byAlias.set(alias, path);
    }
  }
  const plan = planFields(c.groupBy, settings.value, searchProfile(first.logsource).jsonPath, () => c.fieldLocs['correlation'] ?? c.loc);
  if (!plan.ok) return plan;
  for (const [path, alias] of plan.value.extracted) {
    const known = byAlias.get(alias);
    if (known !== undefined && known !== path) return err(`group-by field '${alias}' is extracted from '${known}' by a rule, not '${path}'`);
    byAlias.set(alias, path);
  }
  const valueFields = c.condition.kind === 'threshold' ? c.condition.fields : [];
  const valuePlan = planFields(valueFields, settings.value, searchProfile(first.logsource).jsonPath, () => c.condition.loc);
  if (!valuePlan.ok) return fail(...valuePlan.errors);
  for (const [path, alias] of valuePlan.value.extracted) if (!byAlias.has(alias)) byAlias.set(alias, path);
  const groupBy = ['_timeslice', ...c.groupBy.map(plan.value.name)];

  // Scope: one rule's scope, or the OR of distinct scopes.
  const scopes = [...new Set(stages.map((s) => s.scope))];
  const scope = scopes.length === 1 ? scopes[0]! : `(${scopes.join(' OR ')})`;
  const multi = stages.length > 1;
  if (multi && scopes.length > 1) {
    const own = stages.map((s) => /^\(_sourceCategory=([a-z0-9_*-]+)\)$/.exec(s.scope));
    if (own.some((m) => m === null)) {
      return err('the correlated rules have different scopes that cannot be told apart after the search', 'set one scope option for all of them');
    }
  }
  const ruleCondition = (s: Stages): string | undefined => {
    const conds = [...s.where];
    if (multi && scopes.length > 1) {
      const m = /^\(_sourceCategory=([a-z0-9_*-]+)\)$/.exec(s.scope)!;
      conds.unshift(`toLowerCase(_sourceCategory) matches "${m[1]}"`);
    }
    return conds.length > 0 ? and(conds) : undefined;
  };

  const comments = [...new Set(stages.map((s) => s.comment).filter((c): c is string => c !== undefined))];
  const lines = [...comments, scope];
  if (byAlias.size > 0 && settings.value.extraction === 'json') {
    const entries = [...byAlias];
    lines.push(`| json field=${stages[0]!.jsonField ?? settings.value.jsonField} ${entries.map(([, p]) => `"${p}"`).join(', ')} as ${entries.map(([a]) => a).join(', ')} nodrop`);
  }
  const threshold = c.condition.kind === 'threshold' ? c.condition : undefined;
  const predicates = (value: string): string =>
    (threshold?.predicates ?? [{ op: 'gte', value: 1 }]).map((p) => `${value} ${OPS[p.op]} ${p.value}`).join(' and ');
  const span = sumoDuration(c.timespan.seconds);

  if (c.type === 'temporal') {
    const conds: string[] = [];
    for (const [k, s] of stages.entries()) {
      const cond = ruleCondition(s);
      if (cond === undefined) return err(`'${referenced[k]!.label}' has no where condition (keyword-only rules cannot be told apart after the search)`);
      conds.push(cond);
    }
    conds.forEach((cond, k) => lines.push(`| if(${cond}, 1, 0) as sigma_rule_${k}`));
    lines.push(`| where ${conds.map((_, k) => `sigma_rule_${k} = 1`).join(' or ')}`);
    lines.push(`| timeslice ${span}`);
    lines.push(`| ${conds.map((_, k) => `sum(sigma_rule_${k}) as rule_${k}_hits`).join(', ')} by ${groupBy.join(', ')}`);
    lines.push(`| where ${conds.map((_, k) => `rule_${k}_hits > 0`).join(' and ')}`);
  } else {
    const conds = stages.map(ruleCondition);
    if (conds.some((x) => x === undefined)) {
      if (multi) return err('a keyword-only rule cannot be combined with others in one Sumo search');
    } else if (conds.length > 0) {
      lines.push(`| where ${conds.length === 1 ? conds[0]! : conds.map((x) => `(${x})`).join(' or ')}`);
    }
    lines.push(`| timeslice ${span}`);
    const field = valueFields[0] !== undefined ? valuePlan.value.name(valueFields[0]) : undefined;
    const need = (): Result<CorrelationOutput> | undefined =>
      field === undefined ? err(`${c.type} needs condition.field`) : undefined;
    switch (c.type) {
      case 'event_count':
        lines.push(`| count as event_count by ${groupBy.join(', ')}`);
        lines.push(`| where ${predicates('event_count')}`);
        break;
      case 'value_count':
        if (need()) return need()!;
        lines.push(`| count_distinct(${field}) as value_count by ${groupBy.join(', ')}`);
        lines.push(`| where ${predicates('value_count')}`);
        break;
      case 'value_sum':
      case 'value_avg': {
        if (need()) return need()!;
        const fn = c.type === 'value_sum' ? 'sum' : 'avg';
        lines.push(`| ${fn}(${field}) as ${c.type} by ${groupBy.join(', ')}`);
        lines.push(`| where ${predicates(c.type)}`);
        break;
      }
      case 'value_percentile':
      case 'value_median': {
        if (need()) return need()!;
        const pct = c.type === 'value_median' ? 50 : (threshold?.percentile ?? 50);
        lines.push(`| pct(${field}, ${pct}) as ${c.type} by ${groupBy.join(', ')}`);
        lines.push(`| where ${predicates(c.type)}`);
        break;
      }
      default:
        return err(`correlation type ${c.type} is not supported for Sumo log search`);
    }
  }
  const text = lines.join('\n');
  const problems = validateSumoQuery(text, { re2: false, declaredFields: settings.value.extraction === 'json' });
  if (problems.length > 0) return fail(...gateErrors(problems, c.loc, 'correlation query'));
  const output = ctx.format === 'scheduled-search' ? savedSearch([text], c, ctx.options) : text;
  return ok({ queries: [text], output });
}
