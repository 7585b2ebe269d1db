import { assertNever, diagnostic } from '@sigmats/core';
import type { ConditionNode, CorrelationOperator, Diagnostic } from '@sigmats/core';
import { fail, ok, type CorrelationContext, type ReferencedRule, type Result } from '@sigmats/text-query';
import { searchField, splNumber, splString } from './render/literals.js';

/**
 * Correlations as stats pipelines (the pySigma "stats" shape, with our choices):
 *   <one rule's query>                       | multisearch [ search <q1> | eval event_type="r1" ] [ … ]
 *   | bin _time span=<timespan>
 *   | stats <aggregate> as <name> by _time <group-by>
 *   | where <name> <op> <n> [AND …]
 * `bin` makes fixed windows (an event pair straddling a boundary is missed), as in pySigma.
 * temporal_ordered: exact for two rules (first A before last B in the window); with more rules each adjacent
 * pair is checked that way, which is necessary but not sufficient, and a warning says so.
 */

const OPS: Readonly<Record<CorrelationOperator, string>> = { gt: '>', gte: '>=', lt: '<', lte: '<=', eq: '==', neq: '!=' };

/** Splunk span text for a number of seconds: the largest unit that divides it. */
export function span(seconds: number): string {
  for (const [unit, n] of [['d', 86400], ['h', 3600], ['m', 60]] as const) {
    if (seconds % n === 0) return `${seconds / n}${unit}`;
  }
  return `${seconds}s`;
}

function field(name: string, ctx: CorrelationContext, errors: Diagnostic[]): string {
  const f = searchField(name);
  if (f === undefined || f.startsWith('"')) {
    errors.push(diagnostic('backend/unsupported-value', `field ${JSON.stringify(name)} cannot be used in a stats clause`, ctx.correlation.loc));
    return name;
  }
  return f;
}

function extended(node: ConditionNode, labelOf: (ref: string) => string | undefined, errors: Diagnostic[]): string {
  const group = (n: ConditionNode): string => (n.kind === 'and' || n.kind === 'or' ? `(${extended(n, labelOf, errors)})` : extended(n, labelOf, errors));
  switch (node.kind) {
    case 'and':
      return node.operands.map(group).join(' AND ');
    case 'or':
      return node.operands.map(group).join(' OR ');
    case 'not':
      return `NOT ${group(node.operand)}`;
    case 'identifier': {
      const label = labelOf(node.name);
      if (label === undefined) {
        errors.push(diagnostic('correlation/invalid-condition', `'${node.name}' is not one of the correlated rules`, node.loc));
        return '';
      }
      return `event_types=${splString(label)}`;
    }
    case 'selector':
      errors.push(diagnostic('correlation/invalid-condition', 'selectors (1 of/all of) are not allowed in a correlation condition', node.loc));
      return '';
    default:
      return assertNever(node, 'condition node');
  }
}

export function renderCorrelation(referenced: readonly ReferencedRule[], ctx: CorrelationContext): Result<string> {
  const c = ctx.correlation;
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  if (ctx.format === 'data_model') {
    return fail(diagnostic('backend/unsupported-correlation', 'correlations cannot be written as one tstats search (data_model format)', c.loc));
  }
  for (const r of referenced) {
    if (r.correlation) {
      errors.push(diagnostic('backend/unsupported-correlation', `correlation over correlation '${r.key}' is not supported: its stats output cannot feed multisearch`, c.loc));
    } else if (r.queries.length !== 1) {
      errors.push(diagnostic('backend/unsupported-correlation', `referenced rule '${r.key}' has ${r.queries.length} conditions; a correlation needs exactly one`, c.loc));
    }
  }
  if (errors.length > 0) return fail(...errors);

  const renames = (r: ReferencedRule): string =>
    c.aliases
      .flatMap((a) => {
        const src = a.fields[r.key] ?? (r.document.name !== undefined ? a.fields[r.document.name] : undefined) ?? (r.document.id !== undefined ? a.fields[r.document.id] : undefined);
        return src === undefined || src === a.name ? [] : [` | rename ${field(src, ctx, errors)} as ${field(a.name, ctx, errors)}`];
      })
      .join('');

  const typed = c.type === 'temporal' || c.type === 'temporal_ordered' || referenced.length > 1;
  let search: string;
  if (!typed) {
    search = referenced[0]!.queries[0]! + renames(referenced[0]!);
  } else if (referenced.length === 1) {
    const r = referenced[0]!;
    search = `${r.queries[0]}${renames(r)} | eval event_type=${splString(r.label)}`;
  } else {
    search =
      '| multisearch\n' +
      referenced.map((r) => `[ search ${r.queries[0]}${renames(r)} | eval event_type=${splString(r.label)} ]`).join('\n');
  }

  const by = ['_time', ...c.groupBy.map((g) => field(g, ctx, errors))].join(' ');
  const threshold = (name: string): string => {
    if (c.condition.kind !== 'threshold') return '';
    return c.condition.predicates.map((p) => `${name}${OPS[p.op]}${splNumber(p.value)}`).join(' AND ');
  };
  const valueField = (): string | undefined => {
    if (c.condition.kind !== 'threshold' || c.condition.fields.length !== 1) {
      errors.push(diagnostic('correlation/missing-field', `${c.type} needs exactly one condition field`, c.condition.loc));
      return undefined;
    }
    return field(c.condition.fields[0]!, ctx, errors);
  };

  let stats: string;
  let filter: string;
  switch (c.type) {
    case 'event_count':
      stats = `count as event_count`;
      filter = threshold('event_count');
      break;
    case 'value_count':
    case 'value_sum':
    case 'value_avg':
    case 'value_median': {
      const f = valueField();
      const fn = { value_count: 'dc', value_sum: 'sum', value_avg: 'avg', value_median: 'median' }[c.type];
      stats = `${fn}(${f}) as ${c.type}`;
      filter = threshold(c.type);
      break;
    }
    case 'value_percentile': {
      const f = valueField();
      const pct = c.condition.kind === 'threshold' ? c.condition.percentile : undefined;
      if (pct === undefined || !Number.isInteger(pct) || pct < 1 || pct > 99) {
        errors.push(diagnostic('correlation/invalid-condition', 'value_percentile needs a whole percentile between 1 and 99', c.condition.loc));
      }
      stats = `perc${pct ?? 0}(${f}) as value_percentile`;
      filter = threshold('value_percentile');
      break;
    }
    case 'temporal':
    case 'temporal_ordered': {
      const labels = new Map<string, string>();
      for (const r of referenced) {
        labels.set(r.key, r.label);
        if (r.document.name) labels.set(r.document.name, r.label);
        if (r.document.id) labels.set(r.document.id, r.label);
      }
      if (c.condition.kind === 'extended') {
        if (c.type === 'temporal_ordered') {
          errors.push(diagnostic('backend/unsupported-correlation', 'temporal_ordered with an extended condition is not supported', c.condition.loc));
        }
        stats = 'values(event_type) as event_types';
        filter = '';
        const cond = extended(c.condition.root, (ref) => labels.get(ref), errors);
        if (errors.length > 0) return fail(...errors);
        const q = `${search}\n| bin _time span=${span(c.timespan.seconds)}\n| stats ${stats} by ${by}\n| search ${cond}`;
        return ok(q, warnings);
      }
      stats = 'dc(event_type) as event_type_count';
      filter = `event_type_count>=${referenced.length}`;
      if (c.type === 'temporal_ordered') {
        const firsts = referenced.map((r, i) => `min(eval(if(event_type=${splString(r.label)}, _time, null()))) as first_${i}`);
        const lasts = referenced.map((r, i) => `max(eval(if(event_type=${splString(r.label)}, _time, null()))) as last_${i}`);
        stats += ' ' + [...firsts, ...lasts].join(' ');
        const order = referenced.slice(1).map((_, i) => `first_${i}<last_${i + 1}`);
        filter += ' AND ' + order.join(' AND ');
        if (referenced.length > 2) {
          warnings.push(
            diagnostic('backend/unsupported-correlation', 'temporal_ordered over more than two rules checks each adjacent pair only (first earlier event before last later event); the full order is not guaranteed', c.loc, { severity: 'warning' }),
          );
        }
      }
      break;
    }
    default:
      return assertNever(c.type, 'correlation type');
  }
  if (errors.length > 0) return fail(...errors);
  const q = `${search}\n| bin _time span=${span(c.timespan.seconds)}\n| stats ${stats} by ${by}` + (filter ? `\n| where ${filter}` : '');
  return ok(q, warnings);
}
