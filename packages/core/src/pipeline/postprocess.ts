// Query postprocessing (per query) and finalizers (whole output), plus pipeline ordering.
import type { CorrelationRule, SigmaRule } from '../ir/rule.js';
import { ruleSetHolds, type CondContext } from './conditions.js';
import { renderTemplate } from './template.js';
import type { Finalizer, Pipeline, PostprocessingItem } from './types.js';
import { dumpStrings } from './yaml-dump.js';

/** Stable sort by priority, lowest first (pySigma's resolver). */
export function resolvePipelines(pipelines: readonly Pipeline[]): Pipeline[] {
  return pipelines
    .map((p, i) => ({ p, i }))
    .sort((a, b) => a.p.priority - b.p.priority || a.i - b.i)
    .map((x) => x.p);
}

/** Plain data view of a document for templates (`{rule.title}`, `{rule.logsource.product}`, `{rule.tags}`). */
function ruleView(doc: SigmaRule | CorrelationRule): Record<string, unknown> {
  const base: Record<string, unknown> = {
    ...doc.custom,
    title: doc.title,
    id: doc.id,
    name: doc.name,
    status: doc.status,
    description: doc.description,
    author: doc.author,
    level: doc.level,
    date: doc.date,
    modified: doc.modified,
    license: doc.license,
    taxonomy: doc.taxonomy,
    references: doc.references,
    falsepositives: doc.falsepositives,
    tags: doc.tags.map((t) => `${t.namespace}.${t.name}`),
    custom_attributes: doc.custom,
  };
  if (doc.kind === 'rule') {
    base.logsource = { category: doc.logsource.category, product: doc.logsource.product, service: doc.logsource.service };
    base.fields = doc.fields;
  } else base.type = doc.type;
  return base;
}

function applyPost(
  item: PostprocessingItem,
  query: string,
  doc: SigmaRule | CorrelationRule,
  pipeline: Pipeline,
  state: Readonly<Record<string, unknown>>,
  cx: CondContext,
): string {
  if (!ruleSetHolds(item.ruleConditions, doc, cx)) return query;
  const t = item.transformation;
  switch (t.type) {
    case 'embed':
      return t.prefix + query + t.suffix;
    case 'simple_template':
      return renderTemplate(t.template, { query, rule: ruleView(doc), pipeline: { name: pipeline.name, state, vars: pipeline.vars } });
    case 'replace':
      return t.pattern.replace(query, t.replacement);
    case 'json':
      return JSON.stringify(replaceQuery(t.jsonTemplate, query));
    case 'nest':
      return t.items.reduce((q, child) => applyPost(child, q, doc, pipeline, state, cx), query);
  }
}

function replaceQuery(v: unknown, query: string): unknown {
  if (typeof v === 'string') return v.split('%QUERY%').join(query);
  if (Array.isArray(v)) return v.map((x) => replaceQuery(x, query));
  if (v !== null && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = replaceQuery(x, query);
    return o;
  }
  return v;
}

const NONE: ReadonlySet<string> = new Set();

/**
 * Applies every pipeline's postprocessing items to one query, in pipeline order.
 * `state` is the PipelineResult state of the document; `applied` its `applied` list (or the PipelineResult
 * itself), which `processing_item_applied` rule conditions test — without it they never hold.
 */
export function postprocessQuery(
  query: string,
  doc: SigmaRule | CorrelationRule,
  pipelines: readonly Pipeline[],
  state: Readonly<Record<string, unknown>>,
  applied?: readonly string[] | { readonly applied: readonly string[] },
): string {
  if (!pipelines.some((p) => p.postprocessing.length > 0)) return query;
  const list = applied === undefined ? undefined : 'applied' in applied ? applied.applied : applied;
  const cx: CondContext = { state, applied: list ? new Set(list) : NONE, itemApplied: () => NONE, fieldApplied: () => NONE };
  let q = query;
  for (const p of pipelines) for (const item of p.postprocessing) q = applyPost(item, q, doc, p, state, cx);
  return q;
}

function applyFinalizer(f: Finalizer, queries: readonly string[]): string {
  switch (f.type) {
    case 'concat':
      return f.prefix + queries.join(f.separator) + f.suffix;
    case 'json':
      return JSON.stringify(queries, null, f.indent);
    case 'yaml':
      return dumpStrings(queries, f.indent ?? 0);
    case 'nested': {
      // Each finalizer gets the previous one's output as its single query.
      let out: readonly string[] = queries;
      for (const child of f.finalizers) out = [applyFinalizer(child, out)];
      return out.length === 1 ? (out[0] as string) : out.join('\n');
    }
  }
}

/**
 * The whole output: every finalizer of every pipeline, in order, each one getting the previous output as its
 * single input (the first gets the queries). Undefined when no pipeline declares a finalizer.
 */
export function finalizeQueries(queries: readonly string[], pipelines: readonly Pipeline[]): string | undefined {
  let current: readonly string[] | undefined;
  for (const p of pipelines) for (const f of p.finalizers) current = [applyFinalizer(f, current ?? queries)];
  return current?.[0];
}
