import { assertNever, diagnostic } from '@sigmats/core';
import type { ConditionNode, CorrelationOperator, CorrelationRule, Diagnostic } from '@sigmats/core';
import { fail, ok, type CorrelationContext, type CorrelationOutput, type ReferencedRule, type Result } from '@sigmats/text-query';
import { isNumeric } from './columns.js';
import { sentinelYaml } from './formats/outputs.js';
import { kqlColumn, kqlString } from './literals.js';
import { mappingFor } from './pipelines/build.js';
import { ASIM_MAPPINGS, SECURITY_EVENT_MAPPINGS } from './pipelines/sentinel.js';
import { XDR_MAPPINGS } from './pipelines/xdr.js';
import { schemaFor } from './query.js';
import type { TableSchema } from './tables/index.js';

const OPS: Readonly<Record<CorrelationOperator, string>> = { gt: '>', gte: '>=', lt: '<', lte: '<=', eq: '==', neq: '!=' };

/** Column the union tags each event with: the referenced rule's name (else its id). */
const RULE_COLUMN = 'sigma_rule';

function unsupported(c: CorrelationRule, message: string, loc = c.loc): Result<CorrelationOutput> {
  return fail(diagnostic('backend/unsupported-correlation', message, loc));
}

/** Kusto timespan literal: Sigma's own text when it is already one (s, m, h, d), else seconds. */
function span(c: CorrelationRule): string {
  return /^\d+[smhd]$/.test(c.timespan.text) ? c.timespan.text : `${c.timespan.seconds}s`;
}

/** Sentinel queryPeriod: at least the correlation window (and at least 1h, the usual default). */
function period(seconds: number): string {
  const s = Math.max(seconds, 3600);
  if (s % 86400 === 0) return `${s / 86400}d`;
  if (s % 3600 === 0) return `${s / 3600}h`;
  return `${Math.ceil(s / 60)}m`;
}

interface Source {
  readonly ref: ReferencedRule;
  readonly table: string;
  readonly schema: TableSchema | undefined;
  readonly time: string;
  readonly query: string;
}

function tableOf(query: string): string {
  const nl = query.indexOf('\n');
  return nl < 0 ? query : query.slice(0, nl);
}

/**
 * The column `field` names in a source: the field itself when it is a column (or an alias), else the column the
 * built-in pipeline maps it to for the referenced rule's category, else the field when it is a computed field of the
 * table (imWebSession's UrlPath, which a subpath pipeline's mapping reads). Pipelines cannot map a correlation's fields by
 * logsource (a correlation has none), so the mapping of each referenced rule is used here.
 */
function columnIn(field: string, s: Source, aliases: ReadonlySet<string>): string | undefined {
  if (aliases.has(field)) return field;
  const schema = s.schema;
  if (!schema || schema.columns[field]) return field;
  const mapped = mappingFor([XDR_MAPPINGS, SECURITY_EVENT_MAPPINGS, ASIM_MAPPINGS], s.table, s.ref.document.kind === 'rule' ? s.ref.document.logsource.category : undefined)?.[field] ?? field;
  return typeof mapped === 'string' && (schema.columns[mapped] || schema.computed?.[mapped]) ? mapped : undefined;
}

/**
 * The definition of a computed column (e.g. DeviceNetworkEvents DestinationPort, direction-aware) when the
 * referenced rule's query does not already define it: its condition may not have read it.
 */
function computedDefinition(col: string, s: Source): string | undefined {
  const expr = s.schema?.computed?.[col];
  if (expr === undefined) return undefined;
  const defined = s.query.split('\n').some((line) => line.startsWith('| extend ') && line.includes(`${kqlColumn(col)} = `));
  return defined ? undefined : expr;
}

/**
 * Resolve correlation fields over all sources. One column name everywhere → that name; different names → each
 * source gets `extend <field> = <its column>` and the query uses the Sigma name.
 */
function resolveFields(
  fields: readonly string[],
  sources: readonly Source[],
  aliases: ReadonlySet<string>,
  c: CorrelationRule,
): Result<{ names: Map<string, string>; extends: string[][] }> {
  const names = new Map<string, string>();
  const extendsPerSource: string[][] = sources.map(() => []);
  const errors: Diagnostic[] = [];
  for (const f of fields) {
    const cols = sources.map((s) => columnIn(f, s, aliases));
    cols.forEach((col, i) => {
      if (col === undefined) {
        const s = sources[i]!;
        errors.push(diagnostic('backend/unmapped-field', `field '${f}' has no column in ${s.table} (rule ${s.ref.label})`, c.loc));
      }
    });
    if (cols.some((x) => x === undefined)) continue;
    const defs = cols.map((col, i) => computedDefinition(col!, sources[i]!));
    if (cols.every((x) => x === cols[0])) {
      names.set(f, cols[0]!);
      defs.forEach((d, i) => d !== undefined && extendsPerSource[i]!.push(`${kqlColumn(cols[i]!)} = ${d}`));
    } else {
      names.set(f, f);
      cols.forEach((col, i) => extendsPerSource[i]!.push(`${kqlColumn(f)} = ${defs[i] ?? kqlColumn(col!)}`));
    }
  }
  return errors.length > 0 ? fail(...errors) : ok({ names, extends: extendsPerSource });
}

function renderExtended(n: ConditionNode, labels: ReadonlyMap<string, string>): string {
  switch (n.kind) {
    case 'and':
    case 'or':
      return `(${n.operands.map((o) => renderExtended(o, labels)).join(` ${n.kind} `)})`;
    case 'not':
      return `not(${renderExtended(n.operand, labels)})`;
    case 'identifier':
      return `set_has_element(sigma_rules, ${kqlString(labels.get(n.name) ?? n.name)})`;
    case 'selector':
      return `(${n.matches.map((m) => `set_has_element(sigma_rules, ${kqlString(labels.get(m) ?? m)})`).join(n.quantifier === 'all' ? ' and ' : ' or ')})`;
    default:
      return assertNever(n, 'condition node');
  }
}

/** Correlations as `summarize … by bin(time, span), group-by` over the referenced rules' queries. */
export function kqlCorrelation(referenced: readonly ReferencedRule[], ctx: CorrelationContext): Result<CorrelationOutput> {
  const c = ctx.correlation;
  if (referenced.some((r) => r.correlation)) return unsupported(c, 'the KQL backend does not correlate correlations');
  const multi = referenced.find((r) => r.queries.length !== 1);
  if (multi) return unsupported(c, `referenced rule '${multi.label}' has ${multi.queries.length} queries; a correlation needs one`);
  if (ctx.format === 'defender') {
    return unsupported(c, 'the defender format cannot hold a correlation: custom detections must return single events (ReportId)');
  }

  const sources: Source[] = referenced.map((ref) => {
    const table = tableOf(ref.queries[0]!);
    const schema = schemaFor(table, ref.state);
    return { ref, table, schema, time: schema?.timeColumn ?? 'TimeGenerated', query: ref.queries[0]! };
  });
  const first = sources[0]!.schema;
  const time = first?.timeColumn ?? 'TimeGenerated';

  // Aliases: per rule, the alias names a field of that rule.
  const aliasNames = new Set(c.aliases.map((a) => a.name));
  const sigmaValueFields = c.condition.kind === 'threshold' ? c.condition.fields : [];
  const resolved = resolveFields([...new Set([...c.groupBy, ...sigmaValueFields])], sources, aliasNames, c);
  if (!resolved.ok) return resolved;
  const col = (f: string): string => resolved.value.names.get(f) ?? f;
  const valueFields = sigmaValueFields.map(col);

  const tagged = sources.length > 1 || c.type === 'temporal' || c.type === 'temporal_ordered';
  const parts = sources.map((s, i) => {
    const extend: string[] = [...resolved.value.extends[i]!];
    if (s.time !== time) extend.push(`${time} = ${s.time}`);
    for (const a of c.aliases) {
      const field = a.fields[s.ref.document.name ?? ''] ?? a.fields[s.ref.key];
      if (field !== undefined) extend.push(`${kqlColumn(a.name)} = ${kqlColumn(columnIn(field, s, new Set()) ?? field)}`);
    }
    if (tagged) extend.push(`${RULE_COLUMN} = ${kqlString(s.ref.label)}`);
    return extend.length > 0 ? `${s.query}\n| extend ${extend.join(', ')}` : s.query;
  });
  const search = parts.length === 1 ? parts[0]! : `union\n${parts.map((p) => `(${p})`).join(',\n')}`;
  const by = [`bin(${time}, ${span(c)})`, ...c.groupBy.map((g) => kqlColumn(col(g)))].join(', ');

  const valueOf = (f: string): string => {
    const t = first?.columns[f] ?? first?.computedTypes?.[f];
    return t && isNumeric(t) ? kqlColumn(f) : `toreal(${kqlColumn(f)})`;
  };
  const needField = (): string | undefined => valueFields[0];
  let aggregate: string;
  let result: string;
  switch (c.type) {
    case 'event_count':
      result = 'event_count';
      aggregate = `${result} = count()`;
      break;
    case 'value_count': {
      if (valueFields.length === 0) return unsupported(c, 'value_count needs condition.field');
      result = 'value_count';
      const key = valueFields.length === 1 ? kqlColumn(valueFields[0]!) : `strcat(${valueFields.map((f) => `tostring(${kqlColumn(f)})`).join(', "\\u001f", ')})`;
      aggregate = `${result} = dcount(${key}, 4)`;
      break;
    }
    case 'value_sum':
    case 'value_avg':
    case 'value_median':
    case 'value_percentile': {
      const f = needField();
      if (f === undefined) return unsupported(c, `${c.type} needs condition.field`);
      result = c.type;
      if (c.type === 'value_sum') aggregate = `${result} = sum(${valueOf(f)})`;
      else if (c.type === 'value_avg') aggregate = `${result} = avg(${valueOf(f)})`;
      else {
        const p = c.type === 'value_median' ? 50 : c.condition.kind === 'threshold' ? c.condition.percentile : undefined;
        if (p === undefined) return unsupported(c, 'value_percentile needs condition.percentile', c.condition.loc);
        aggregate = `${result} = percentile(${valueOf(f)}, ${p})`;
      }
      break;
    }
    case 'temporal':
      if (c.condition.kind === 'extended') {
        result = '';
        aggregate = `sigma_rules = make_set(${RULE_COLUMN})`;
      } else {
        result = 'rule_count';
        aggregate = `${result} = dcount(${RULE_COLUMN})`;
      }
      break;
    case 'temporal_ordered': {
      if (sources.length !== 2 || c.condition.kind === 'extended') {
        return unsupported(c, 'temporal_ordered is supported for exactly two rules without an extended condition');
      }
      // Some event of the first rule precedes some event of the second ⇔ first's earliest < second's latest.
      const [a, b] = sources as [Source, Source];
      const lines = [
        search,
        `| summarize first_${RULE_COLUMN} = minif(${time}, ${RULE_COLUMN} == ${kqlString(a.ref.label)}), last_${RULE_COLUMN} = maxif(${time}, ${RULE_COLUMN} == ${kqlString(b.ref.label)}) by ${by}`,
        `| where first_${RULE_COLUMN} < last_${RULE_COLUMN}`,
      ];
      return finish(c, ctx, lines.join('\n'), sources, c.groupBy.map(col));
    }
    default:
      return assertNever(c.type, 'correlation type');
  }

  let where: string;
  if (c.condition.kind === 'extended') {
    const labels = new Map<string, string>();
    for (const s of sources) {
      labels.set(s.ref.label, s.ref.label);
      labels.set(s.ref.key, s.ref.label);
      if (s.ref.document.name) labels.set(s.ref.document.name, s.ref.label);
    }
    where = renderExtended(c.condition.root, labels);
  } else {
    const preds = c.condition.predicates;
    const effective = preds.length > 0 ? preds : [{ op: 'gte' as const, value: sources.length }];
    where = effective.map((p) => `${result} ${OPS[p.op]} ${p.value}`).join(' and ');
  }
  const query = [search, `| summarize ${aggregate} by ${by}`, `| where ${where}`].join('\n');
  return finish(c, ctx, query, sources, c.groupBy.map(col));
}

function finish(
  c: CorrelationRule,
  ctx: CorrelationContext,
  query: string,
  sources: readonly Source[],
  groupColumns: readonly string[],
): Result<CorrelationOutput> {
  const warning = diagnostic(
    'backend/unsupported-feature',
    `the ${c.timespan.text} window is a fixed time bin (bin()), not a sliding window: events across a bin edge are not correlated`,
    c.timespan.loc,
    { severity: 'warning' },
  );
  const tables = [...new Set(sources.map((s) => s.table))];
  // After summarize only the group-by columns are left for entity mappings.
  const output =
    ctx.format === 'sentinel'
      ? sentinelYaml(c, ctx.key, query, tables, ctx.options, period(c.timespan.seconds), new Set(groupColumns))
      : query;
  return ok({ queries: [query], output }, [warning]);
}
