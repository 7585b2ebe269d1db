import { diagnostic, lowerRule } from '@sigmats/core';
import type { CorrelationRule, Logsource } from '@sigmats/core';
import { exprFields, fail, ok, type CorrelationContext, type CorrelationOutput, type ReferencedRule, type Result } from '@sigmats/text-query';
import { cseSeverity, mitreTags } from '../shared/meta.js';
import { cseField, eventResolver } from './fields.js';
import type { EventType } from './logsources.js';
import { eventTypesRead, ruleTarget } from './rule-events.js';

/**
 * Sigma correlations as Cloud SIEM rules (target-languages §5.4, Terraform sumologic_cse_threshold_rule /
 * sumologic_cse_chain_rule): event_count → threshold rule, value_count → threshold rule counting distinct values,
 * temporal / temporal_ordered → chain rule (each referenced rule's expression with limit 1, `ordered` for the latter).
 * A bare expression cannot carry a count or a window, so both formats emit the rule JSON.
 */

/** CSE window sizes by seconds; anything else is CUSTOM with window_size_millis. */
const WINDOWS: Readonly<Record<number, string>> = {
  300: 'T05M',
  600: 'T10M',
  1800: 'T30M',
  3600: 'T60M',
  43200: 'T12H',
  86400: 'T24H',
  432000: 'T05D',
};

function window(seconds: number): Record<string, string> {
  const named = WINDOWS[seconds];
  return named ? { window_size: named } : { window_size: 'CUSTOM', window_size_millis: String(seconds * 1000) };
}

function common(c: CorrelationRule): Record<string, unknown> {
  return {
    name: c.title,
    description: [c.description?.trim(), c.id ? `Sigma correlation ${c.id}` : undefined].filter((x) => x).join('\n'),
    enabled: true,
    is_prototype: c.status !== 'stable',
    severity: cseSeverity(c.level),
    summary_expression: c.title,
    entity_selectors: [
      { entity_type: '_hostname', expression: 'device_hostname' },
      { entity_type: '_username', expression: 'user_username' },
    ],
    tags: mitreTags(c),
  };
}

export function cseCorrelation(referenced: readonly ReferencedRule[], ctx: CorrelationContext): Result<CorrelationOutput> {
  const c = ctx.correlation;
  const err = (msg: string, hint?: string): Result<CorrelationOutput> =>
    fail(diagnostic('backend/unsupported-correlation', msg, c.loc, hint ? { hint } : {}));
  if (c.aliases.length > 0) return err('correlation field aliases are not supported for CSE rules');
  const expressions: string[] = [];
  // Per referenced rule, the event types its expression reads (as its conversion scopes them: rule-events.ts), or
  // undefined when its log source has none (records named by vendor and product only).
  const readEvents: (readonly EventType[] | undefined)[] = [];
  let logsource: Logsource | undefined;
  for (const r of referenced) {
    if (r.correlation || r.document.kind !== 'rule') return err(`'${r.label}' is a correlation: CSE rules cannot nest correlations`);
    if (r.queries.length !== 1) return err(`'${r.label}' has ${r.queries.length} conditions: only single-condition rules can be correlated`);
    expressions.push(r.queries[0]!);
    logsource ??= r.document.logsource;
    const [expr] = lowerRule(r.document);
    const target = expr ? ruleTarget(r.document, expr) : undefined;
    if (!expr || target?.kind !== 'events') {
      readEvents.push(undefined);
      continue;
    }
    const fields = exprFields(expr);
    const events = target.events.filter((e) => fields.every((f) => e.keyOf(f) !== undefined));
    readEvents.push(eventTypesRead(events, expr).map((x) => x.event));
  }
  // A field's schema name per referenced rule: as each event type its expression reads maps it (TargetUserName is
  // user_username in 4624/4625), else as its log source's first event type does.
  const schemaName = (field: string): string | undefined => {
    const names = new Set<string>();
    for (const events of readEvents) {
      if (events === undefined || events.length === 0) {
        const f = cseField(field, logsource!);
        names.add(f.kind === 'normalized' ? f.name : '');
        continue;
      }
      for (const e of events) {
        const f = eventResolver(e, { companions: false })(field, []);
        names.add(f.kind === 'normalized' ? f.name : '');
      }
    }
    return names.size === 1 && !names.has('') ? [...names][0] : undefined;
  };
  const groupBy: string[] = [];
  for (const g of c.groupBy) {
    const name = schemaName(g);
    if (name === undefined) return err(`group-by field '${g}' is not one CSE normalized field in every referenced event type`, 'group by fields such as User, Computer, Image');
    groupBy.push(name);
  }
  let rule: Record<string, unknown>;
  if (c.type === 'event_count' || c.type === 'value_count') {
    if (c.condition.kind !== 'threshold') return err('expected a threshold condition');
    if (c.condition.predicates.length !== 1) return err('CSE threshold rules take one lower bound (gt/gte)');
    const p = c.condition.predicates[0]!;
    if (p.op !== 'gt' && p.op !== 'gte') return err(`condition '${p.op}': CSE threshold rules fire at a lower bound only (gt/gte)`);
    const limit = p.op === 'gt' ? p.value + 1 : p.value;
    let distinct: Record<string, unknown> = { count_distinct: false };
    if (c.type === 'value_count') {
      const field = c.condition.fields[0];
      if (field === undefined) return err('value_count needs condition.field');
      const name = schemaName(field);
      if (name === undefined) return err(`value_count field '${field}' is not one CSE normalized field in every referenced event type`);
      distinct = { count_distinct: true, count_field: name };
    }
    const expression = expressions.length === 1 ? expressions[0]! : expressions.map((e) => `(${e})`).join(' or ');
    rule = { rule_type: 'threshold', ...common(c), expression, group_by_fields: groupBy, limit, ...distinct, ...window(c.timespan.seconds) };
  } else if (c.type === 'temporal' || c.type === 'temporal_ordered') {
    rule = {
      rule_type: 'chain',
      ...common(c),
      expressions_and_limits: expressions.map((expression) => ({ expression, limit: 1 })),
      group_by_fields: groupBy,
      ordered: c.type === 'temporal_ordered',
      ...window(c.timespan.seconds),
    };
  } else {
    return err(`correlation type ${c.type} has no CSE rule equivalent`, 'CSE rules count events or distinct values only');
  }
  return ok({ queries: expressions, output: JSON.stringify(rule, null, 2) });
}
