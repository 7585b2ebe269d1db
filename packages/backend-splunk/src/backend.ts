import { builtInPipeline, diagnostic, plainText } from '@sigmats/core';
import type { Backend, ConvertedRule, DetectionElement, Diagnostic, Expr, PipelineInfo } from '@sigmats/core';
import { createBackend, fail, ok, type Result, type RuleContext } from '@sigmats/text-query';
import { renderCorrelation } from './correlation.js';
import { dataModelQuery } from './formats/data-model.js';
import { DEFAULT_STANZA, savedSearchStanza, stanzaName } from './formats/savedsearches.js';
import { lintSpl } from './lint/lint.js';
import { readOptions, SPLUNK_OPTIONS, type SplunkOptions } from './options.js';
import { cimPipeline } from './pipelines/cim.js';
import { sysmonPipeline } from './pipelines/sysmon.js';
import { windowsSecurityPipeline } from './pipelines/windows-security.js';
import { splunkWindowsPipeline } from './pipelines/windows-sources.js';
import { searchField } from './render/literals.js';
import { splEnrichments } from './render/enrichments.js';
import { renderCondition, searchPipeline } from './render/query.js';
import { keywordsAsXmlText, RAW_XML, RAW_XML_STATE } from './render/xml-raw.js';
import { keywordsInJsonOrText } from './render/json-raw.js';

const builtin = (obj: unknown, name: string, description: string): PipelineInfo => builtInPipeline(obj, name, description, `<splunk:${name}>`);

export const SPLUNK_PIPELINES: readonly PipelineInfo[] = [
  builtin(sysmonPipeline, 'sysmon', 'Sysmon via the Splunk Add-on for Sysmon (XmlWinEventLog source, EventCode per category)'),
  builtin(windowsSecurityPipeline, 'windows-security', 'Windows Security channel: process_creation as event 4688 with its field names'),
  builtin(cimPipeline, 'cim', 'CIM Endpoint.Processes field names; required by the data_model format'),
  builtin(
    splunkWindowsPipeline,
    'splunk-windows',
    'Windows event logs as the Splunk Add-ons for Windows and Sysmon index them (XML rendering): source XmlWinEventLog:<Channel>, EventCode per category, EventID → EventCode',
  ),
];

// Options are read once per options object (one per convert call); a pure memo, invisible to callers.
const optionsMemo = new WeakMap<object, Result<SplunkOptions>>();
function options(ctx: { options: RuleContext['options'] }): Result<SplunkOptions> {
  const hit = optionsMemo.get(ctx.options);
  if (hit) return hit;
  const r = readOptions(ctx.options);
  const res: Result<SplunkOptions> = r.diagnostics.length > 0 ? fail(...r.diagnostics) : ok(r.options);
  optionsMemo.set(ctx.options, res);
  return res;
}

/** `| table a,b,c` for the rule's `fields:` (and the enrichments it computes). */
function table(fields: readonly string[], o: SplunkOptions): string {
  if (!o.table || fields.length === 0) return '';
  const names = fields.map((f) => searchField(f)).filter((f): f is string => f !== undefined);
  return names.length > 0 ? ` | table ${names.join(',')}` : '';
}

/** Whether an expression tests one of these fields (a scope a pipeline added). */
function tests(e: Expr, fields: ReadonlySet<string>): boolean {
  switch (e.kind) {
    case 'match':
      return fields.has(e.field);
    case 'and':
    case 'or':
      // An indexed loop, not some() with a closure: this walks the condition of every Windows rule.
      for (let i = 0; i < e.operands.length; i++) if (tests(e.operands[i]!, fields)) return true;
      return false;
    case 'not':
      return tests(e.operand, fields);
    default:
      return false;
  }
}

const SCOPE_FIELDS = new Set(['source', 'sourcetype', 'index']);

/**
 * A Windows rule converted with no Windows pipeline and no scope option keeps Sigma's names (EventID, not the add-ons'
 * EventCode) and searches every event: say so (README "Default pipeline").
 */
function unscopedWindows(expr: Expr, ctx: RuleContext, o: SplunkOptions): Diagnostic[] {
  if (ctx.rule.logsource.product?.toLowerCase() !== 'windows' || o.scope.length > 0 || tests(expr, SCOPE_FIELDS)) return [];
  return [
    diagnostic('backend/unsupported-feature', 'no Windows add-on pipeline: Sigma field names (EventID, not EventCode) and no source scope', ctx.rule.fieldLocs['logsource'] ?? ctx.rule.loc, {
      severity: 'warning',
      hint: 'use the pipeline splunk-windows (Splunk Add-ons for Windows and Sysmon, XML rendering), sysmon or windows-security, or the options index/source/sourcetype',
      // Named here, as the driver would name it (last): no copy of the warning to add it (most Windows rules get one).
      rule: ctx.key,
    }),
  ];
}

/**
 * A rule for one event type of a non-Windows product (`product: linux, category: process_creation`) with no scope:
 * in Splunk an event's type is known only from the data set it was indexed in (source/sourcetype/index, e.g. Splunk's
 * `sysmon` macro `source=Syslog:Linux-Sysmon/Operational` for Sysmon for Linux, which logs process creations, network
 * connections and file events alike with an `Image` field; SOURCES.md). Without one, a search for an `Image` ending in
 * /curl also matches the network connections and file writes of curl. No built-in pipeline names those data sets (they
 * are deployment configuration), so the output is kept and the missing scope is a located warning naming the fix.
 */
function unscopedEventType(expr: Expr, ctx: RuleContext, o: SplunkOptions): Diagnostic[] {
  const { product, category } = ctx.rule.logsource;
  if (product === undefined || category === undefined || product.toLowerCase() === 'windows') return [];
  if (o.scope.length > 0 || tests(expr, SCOPE_FIELDS)) return [];
  return [
    diagnostic('backend/unsupported-feature', `no source scope for ${product} ${category} events: the search also matches other event types with the same fields`, ctx.rule.fieldLocs['logsource'] ?? ctx.rule.loc, {
      severity: 'warning',
      hint: `use the options index/source/sourcetype (or a pipeline) to name the data set that holds ${product} ${category} events`,
      rule: ctx.key,
    }),
  ];
}

/** Every emitted query must lint clean: a problem here is a backend bug, reported instead of bad output. */
function checked(query: string, loc: RuleContext['rule']['loc']): Result<string> {
  const problems = lintSpl(query);
  if (problems.length === 0) return ok(query);
  return fail(
    diagnostic('backend/invalid-output', `generated SPL failed validation: ${problems.map((p) => `${p.message} at ${p.offset}`).join('; ')}`, loc),
  );
}

export const splunkBackend: Backend = createBackend({
  id: 'splunk',
  name: 'Splunk SPL',
  formats: [
    { name: 'default', description: 'plain SPL search, one per rule', extension: 'spl' },
    { name: 'savedsearches', description: 'savedsearches.conf stanzas (scheduled searches, ES annotations)', extension: 'conf' },
    { name: 'data_model', description: 'tstats over a CIM data model (needs the cim pipeline)', extension: 'spl' },
  ],
  defaultFormat: 'default',
  pipelines: SPLUNK_PIPELINES,
  defaultPipelines: [],
  options: SPLUNK_OPTIONS,
  query: (expr, ctx) => {
    const o = options(ctx);
    if (!o.ok) return o;
    if (ctx.format === 'data_model') {
      const q = dataModelQuery(expr, ctx.rule, ctx.state, o.value);
      if (!q.ok) return q;
      const c = checked(q.value, ctx.rule.loc);
      return c.ok ? ok(c.value, q.warnings) : c;
    }
    // Keywords search _raw: under the Windows pipelines that is the event XML, where Data text is entity-escaped.
    // Otherwise `_raw` may be JSON or text (json-raw.ts), except for Windows events: the Windows add-on indexes them as
    // classic text (WinEventLog) or XML, never as JSON documents.
    const searched =
      ctx.state[RAW_XML_STATE] === RAW_XML ? keywordsAsXmlText(expr) : ctx.rule.logsource.product?.toLowerCase() === 'windows' ? expr : keywordsInJsonOrText(expr);
    const parts = renderCondition(searched, o.value.scope, { stage: 'search' });
    if (!parts.ok) return parts;
    const c = checked(searchPipeline(parts.value), ctx.rule.loc);
    if (!c.ok) return c;
    // The warnings without spreading three arrays per condition (most of them are empty).
    const windows = unscopedWindows(expr, ctx, o.value);
    const eventType = unscopedEventType(expr, ctx, o.value);
    if (windows.length === 0 && eventType.length === 0) return ok(c.value, parts.warnings);
    return ok(c.value, parts.warnings.concat(windows, eventType));
  },
  formatRule: (queries, ctx) => {
    const o = options(ctx);
    if (!o.ok) return o;
    // Enrichments (| eval name=case(…)) after the search, before the output columns; the data model format's
    // tstats output has other field names, so it gets none (the enrichments hook says so).
    // A rule without enrichments (most) renders none: no empty rendering to make.
    const enrichments = ctx.format === 'data_model' || !ctx.rule.enrichments?.length ? undefined : splEnrichments(ctx.rule);
    const columns = enrichments ? [...ctx.rule.fields, ...enrichments.rendered.map((e) => e.name)] : ctx.rule.fields;
    // The same tail for every query of the rule: made once.
    const tail = (enrichments?.evals ?? '') + table(columns, o.value);
    const withTable = tail === '' ? queries : queries.map((q) => q + tail);
    if (ctx.format === 'savedsearches') {
      const stanzas = withTable.map((q, i) =>
        savedSearchStanza(ctx.rule, withTable.length > 1 ? `${ctx.rule.title} (condition ${i + 1})` : ctx.rule.title, q, o.value),
      );
      return ok(stanzas.join('\n\n'));
    }
    return ok(withTable.join('\n'));
  },
  correlation: (referenced, ctx) => {
    const o = options(ctx);
    if (!o.ok) return o;
    const r = renderCorrelation(referenced, ctx);
    if (!r.ok) return r;
    const c = checked(r.value, ctx.correlation.loc);
    if (!c.ok) return c;
    const output = ctx.format === 'savedsearches' ? savedSearchStanza(ctx.correlation, ctx.correlation.title, r.value, o.value) : r.value;
    return ok({ queries: [r.value], output }, r.warnings);
  },
  finalize: (rules, format) => finalize(rules, format),
  enrichments: (ctx) => {
    if (ctx.format === 'data_model') {
      const warnings = (ctx.rule.enrichments ?? []).map((e) =>
        diagnostic('enrichment/dropped', `enrichment '${e.name}' is left out: the data_model format's tstats results have no per-event fields to compute it from`, e.loc, {
          severity: 'warning',
          hint: 'use the default or savedsearches format',
        }),
      );
      return ok([], warnings);
    }
    const r = splEnrichments(ctx.rule);
    return ok(r.rendered, r.warnings);
  },
  dataSources: (ctx) => dataSources(ctx),
  validate: lintSpl,
});

/** What a rule reads, for documentation: the data model, or the index/source/sourcetype scope (options and pipeline conditions). */
function dataSources(ctx: RuleContext): string[] {
  const dm = ctx.state['splunk.datamodel'];
  if (ctx.format === 'data_model' && typeof dm === 'string') return [`datamodel=${dm}`];
  const out: string[] = [];
  for (let i = 0; i < SCOPE_NAMES.length; i++) {
    const k = SCOPE_NAMES[i]!;
    const v = ctx.options[k];
    if (typeof v === 'string') addSource(out, `${k}=${v}`);
  }
  const detections = ctx.rule.detections;
  for (let i = 0; i < detections.length; i++) scopeSources(detections[i]!.body, out);
  return out;
}

const SCOPE_NAMES = ['index', 'source', 'sourcetype'] as const;

function addSource(out: string[], s: string): void {
  if (!out.includes(s)) out.push(s);
}

/** The `index`/`source`/`sourcetype` values a detection tests positively, into `out` (a top-level walk: no closure per rule). */
function scopeSources(el: DetectionElement, out: string[]): void {
  if (el.kind === 'group') {
    const items = el.items;
    for (let i = 0; i < items.length; i++) scopeSources(items[i]!, out);
    return;
  }
  if (el.field === null || !SCOPE_FIELDS.has(el.field) || el.negated) return;
  for (const v of el.values) {
    const text = v.kind === 'string' ? plainText(v.parts) : undefined;
    if (text !== undefined) addSource(out, `${el.field}=${text}`);
  }
}

/** savedsearches: one file, [default] first, stanza names made unique (Splunk merges same-named stanzas). */
function finalize(rules: readonly ConvertedRule[], format: string): string {
  if (format !== 'savedsearches') return rules.map((r) => r.output).join('\n\n');
  const seen = new Map<string, number>();
  const stanzas = rules.map((r) => {
    const lines = r.output.split('\n');
    // A header is a `[…]` line that does not continue the previous value (e.g. `[ search … ]` in multisearch).
    return lines
      .map((line, i) => {
        const m = /^\[([^\]]*)\]$/.exec(line);
        if (!m || (i > 0 && lines[i - 1]!.endsWith('\\'))) return line;
        const name = m[1]!;
        const n = (seen.get(name) ?? 0) + 1;
        seen.set(name, n);
        return n === 1 ? line : `[${stanzaName(`${name} (${n})`)}]`;
      })
      .join('\n');
  });
  return [DEFAULT_STANZA, ...stanzas].join('\n\n') + '\n';
}


