import { pushAll } from './push-all.js';
import {
  applyPipelines,
  applyPipelinesToCorrelation,
  applyPipelinesToEnrichments,
  diagnostic,
  documentKey,
  finalizeQueries,
  hasErrors,
  lowerRule,
  postprocessQuery,
  resolvePipelines,
} from '@sigmats/core';
import type {
  Backend,
  BackendOptionValue,
  ConversionResult,
  ConvertOptions,
  ConvertedRule,
  CorrelationRule,
  Diagnostic,
  Expr,
  Pipeline,
  PipelineContext,
  QueryProblem,
  RenderedEnrichment,
  SigmaCollection,
  SigmaRule,
} from '@sigmats/core';
import type { Result } from './result.js';

/** What every backend hook knows about the document being converted. */
interface DocumentContext {
  readonly key: string;
  readonly format: string;
  readonly options: Readonly<Record<string, BackendOptionValue>>;
  /** Pipeline state (set_state), per document. */
  readonly state: Readonly<Record<string, unknown>>;
}

/** What a backend hook knows about the rule being converted. */
export interface RuleContext extends DocumentContext {
  /** The rule after pipelines (its `enrichments` too: see applyPipelinesToEnrichments). */
  readonly rule: SigmaRule;
}

/** A rule referenced by a correlation, already converted to plain queries. */
export interface ReferencedRule {
  readonly document: SigmaRule | CorrelationRule;
  readonly key: string;
  /** The referenced document's `name` if any, else its key: what correlation queries tag events with. */
  readonly label: string;
  readonly queries: readonly string[];
  /** The pipeline state the referenced rule (or correlation) was converted with. */
  readonly state: Readonly<Record<string, unknown>>;
  /** The rendered sub-correlation, when a correlation references another correlation. */
  readonly correlation?: CorrelationOutput;
}

export interface CorrelationContext extends DocumentContext {
  readonly correlation: CorrelationRule;
}

export interface CorrelationOutput {
  readonly queries: readonly string[];
  readonly output: string;
}

/** A backend as data plus a few hooks; `createBackend` supplies the conversion driver. */
export interface BackendSpec extends Pick<Backend, 'id' | 'name' | 'formats' | 'defaultFormat' | 'pipelines' | 'defaultPipelines'> {
  /** Option names with a description; unknown options are reported. */
  readonly options?: Readonly<Record<string, string>>;
  /** Render one lowered condition into plain query text. */
  readonly query: (expr: Expr, ctx: RuleContext) => Result<string>;
  /** Render the rule in `ctx.format` from its plain queries (one per condition). */
  readonly formatRule: (queries: readonly string[], ctx: RuleContext) => Result<string>;
  /** Render a correlation; absent → every correlation is reported as unsupported. */
  readonly correlation?: (referenced: readonly ReferencedRule[], ctx: CorrelationContext) => Result<CorrelationOutput>;
  /** Join per-rule outputs into the collection output for `format` (default: blank-line separated). */
  readonly finalize?: (rules: readonly ConvertedRule[], format: string, options: Readonly<Record<string, BackendOptionValue>>) => string;
  /** Data sources/tables a rule reads, for documentation pages. */
  readonly dataSources?: (ctx: RuleContext) => readonly string[];
  /**
   * The rule's enrichments (`ctx.rule.enrichments`, already through the pipelines) as this backend renders them in
   * its query, for pages; called only for rules that have some. Its warnings (an enrichment left out, what a
   * format cannot carry) are reported once here, not by `query`. Absent: no enrichment is rendered.
   */
  readonly enrichments?: (ctx: RuleContext) => Result<readonly RenderedEnrichment[]>;
  readonly validate: (query: string) => readonly QueryProblem[];
}

function internalError(err: unknown, doc: SigmaRule | CorrelationRule, key: string): Diagnostic {
  const message = err instanceof Error ? err.message : String(err);
  return diagnostic('backend/invalid-output', `internal error while converting: ${message}`, doc.loc, { rule: key });
}

function withRule(diags: readonly Diagnostic[], key: string): Diagnostic[] {
  if (diags.length === 0) return [];
  return diags.map((d) => (d.rule === undefined ? { ...d, rule: key } : d));
}

/**
 * One rule through the pipelines, lowering, the backend's query hook and its output format; problems go to
 * `diagnostics`. Returns the plain queries (undefined when the rule failed before them) and the converted rule
 * (undefined when formatting failed or the rule is hidden). A function of its own rather than the body of convert's
 * loop: V8 optimizes that loop early (on-stack replacement), and with the whole conversion inlined into it every
 * later deoptimization recompiled all of it.
 */
function convertRule(
  spec: BackendSpec,
  original: SigmaRule,
  key: string,
  pipelines: readonly Pipeline[],
  pctx: PipelineContext,
  format: string,
  backendOptions: Readonly<Record<string, BackendOptionValue>>,
  hidden: boolean,
  diagnostics: Diagnostic[],
): { readonly queries: readonly string[]; readonly state: Readonly<Record<string, unknown>>; readonly converted: ConvertedRule | undefined } | undefined {
  try {
    const applied = applyPipelines(original, pipelines, pctx);
    pushAll(diagnostics, withRule(applied.diagnostics, key));
    if (hasErrors(applied.diagnostics)) return undefined;
    // Enrichment cases go through the same pipelines (their field mappings), onto the rule the hooks render.
    const mapped = original.enrichments ? applyPipelinesToEnrichments(original, applied.document, pipelines, pctx, applied.diagnostics) : undefined;
    if (mapped) pushAll(diagnostics, withRule(mapped.diagnostics, key));
    const rule = mapped?.rule ?? applied.document;
    const ctx: RuleContext = { rule, key, format, options: backendOptions, state: applied.state };
    const queries: string[] = [];
    let failed = false;
    for (const expr of lowerRule(rule)) {
      const r = spec.query(expr, ctx);
      if (!r.ok) {
        pushAll(diagnostics, withRule(r.errors, key));
        failed = true;
        continue;
      }
      pushAll(diagnostics, withRule(r.warnings, key));
      queries.push(postprocessQuery(r.value, rule, pipelines, applied.state, applied));
    }
    if (failed) return undefined;
    const out = spec.formatRule(queries, ctx);
    if (!out.ok) {
      pushAll(diagnostics, withRule(out.errors, key));
      return { queries, state: applied.state, converted: undefined };
    }
    pushAll(diagnostics, withRule(out.warnings, key));
    const enrichments = spec.enrichments && rule.enrichments && rule.enrichments.length > 0 ? spec.enrichments(ctx) : undefined;
    if (enrichments) pushAll(diagnostics, withRule(enrichments.ok ? enrichments.warnings : enrichments.errors, key));
    if (hidden) return { queries, state: applied.state, converted: undefined };
    const converted: ConvertedRule = { document: original, key, queries, output: out.value, dataSources: spec.dataSources?.(ctx) ?? [] };
    return { queries, state: applied.state, converted: enrichments?.ok ? { ...converted, enrichments: enrichments.value } : converted };
  } catch (err) {
    diagnostics.push(internalError(err, original, key));
    return undefined;
  }
}

/** Build a Backend from a spec. Conversion is pure: the same collection and options give the same result. */
export function createBackend(spec: BackendSpec): Backend {
  // Infos, not pipelines: a built-in pipeline is parsed when it is first used (core's builtInPipeline).
  const byName = new Map(spec.pipelines.map((p) => [p.name, p]));

  function convert(collection: SigmaCollection, options: ConvertOptions = {}): ConversionResult {
    const diagnostics: Diagnostic[] = [];
    const format = options.format ?? spec.defaultFormat;
    const backendOptions = options.options ?? {};
    const empty = (): ConversionResult => ({ backend: spec.id, format, rules: [], output: '', diagnostics });
    const origin = { file: '<options>', line: 0, column: 0 };

    if (!spec.formats.some((f) => f.name === format)) {
      diagnostics.push(
        diagnostic('backend/unknown-format', `unknown output format '${format}' for ${spec.name}`, origin, {
          hint: `formats: ${spec.formats.map((f) => f.name).join(', ')}`,
        }),
      );
      return empty();
    }
    if (spec.options) {
      for (const name of Object.keys(backendOptions)) {
        if (!(name in spec.options)) {
          diagnostics.push(
            diagnostic('backend/invalid-option', `unknown option '${name}' for ${spec.name}`, origin, {
              hint: `options: ${Object.keys(spec.options).join(', ') || '(none)'}`,
            }),
          );
        }
      }
      if (hasErrors(diagnostics)) return empty();
    }

    const defaults: Pipeline[] = options.noDefaultPipelines
      ? []
      : spec.defaultPipelines.flatMap((n) => {
          const p = byName.get(n);
          return p ? [p.pipeline] : [];
        });
    // A default pipeline named again (`-p microsoft_xdr`), or a pipeline given twice, runs once: applying it
    // twice maps already-mapped fields and adds its conditions a second time.
    const user = (options.pipelines ?? []).filter((p, i, all) => !defaults.includes(p) && all.indexOf(p) === i);
    for (const p of user) {
      if (p.allowedBackends.length > 0 && !p.allowedBackends.includes(spec.id)) {
        diagnostics.push(
          diagnostic('pipeline/not-allowed', `pipeline '${p.name}' is not allowed for backend '${spec.id}'`, p.loc, {
            hint: `allowed: ${p.allowedBackends.join(', ')}`,
          }),
        );
      }
    }
    if (hasErrors(diagnostics)) return empty();
    const pipelines = resolvePipelines([...defaults, ...user]);
    const pctx = { backend: spec.id, format, options: backendOptions };

    // Rules referenced by a correlation with generate: false are not emitted on their own (Sigma spec).
    const hidden = new Set<string>();
    for (const c of collection.correlations) {
      if (c.generate) continue;
      for (const r of c.rules) {
        const target = collection.byRef.get(r.ref);
        if (target) hidden.add(documentKey(target));
      }
    }

    const converted = new Map<
      string,
      { doc: SigmaRule | CorrelationRule; queries: readonly string[]; state: Readonly<Record<string, unknown>>; correlation?: CorrelationOutput }
    >();
    const rules: ConvertedRule[] = [];

    for (const original of collection.rules) {
      const key = documentKey(original);
      const one = convertRule(spec, original, key, pipelines, pctx, format, backendOptions, hidden.has(key), diagnostics);
      if (!one) continue;
      // Only correlations read converted rules back: no per-rule bookkeeping without them.
      if (collection.correlations.length > 0) converted.set(key, { doc: original, queries: one.queries, state: one.state });
      if (one.converted) rules.push(one.converted);
    }

    // Correlations may reference correlations: convert in dependency order (the collection rejects cycles).
    const pending = [...collection.correlations];
    const done = new Set<string>();
    const convertCorrelation = (original: CorrelationRule): void => {
      const key = documentKey(original);
      if (done.has(key)) return;
      done.add(key);
      try {
        if (!spec.correlation) {
          diagnostics.push(
            diagnostic('backend/unsupported-correlation', `${spec.name} does not support correlation rules`, original.loc, {
              rule: key,
            }),
          );
          return;
        }
        const referenced: ReferencedRule[] = [];
        for (const ref of original.rules) {
          const target = collection.byRef.get(ref.ref);
          if (!target) {
            diagnostics.push(
              diagnostic('correlation/unresolved-reference', `rule '${ref.ref}' not found`, ref.loc, { rule: key }),
            );
            return;
          }
          if (target.kind === 'correlation') convertCorrelation(target);
          const tkey = documentKey(target);
          const conv = converted.get(tkey);
          if (!conv) {
            diagnostics.push(
              diagnostic(
                'backend/unsupported-correlation',
                `referenced rule '${ref.ref}' could not be converted, so neither can this correlation`,
                ref.loc,
                { rule: key },
              ),
            );
            return;
          }
          referenced.push({
            document: conv.doc,
            key: tkey,
            label: target.name ?? tkey,
            queries: conv.queries,
            state: conv.state,
            ...(conv.correlation ? { correlation: conv.correlation } : {}),
          });
        }
        const applied = applyPipelinesToCorrelation(original, pipelines, pctx, referenced.map((r) => r.document));
        pushAll(diagnostics, withRule(applied.diagnostics, key));
        if (hasErrors(applied.diagnostics)) return;
        const ctx: CorrelationContext = { correlation: applied.document, key, format, options: backendOptions, state: applied.state };
        const r = spec.correlation(referenced, ctx);
        if (!r.ok) {
          pushAll(diagnostics, withRule(r.errors, key));
          return;
        }
        pushAll(diagnostics, withRule(r.warnings, key));
        converted.set(key, { doc: original, queries: r.value.queries, state: applied.state, correlation: r.value });
        if (!hidden.has(key)) {
          rules.push({ document: original, key, queries: r.value.queries, output: r.value.output, dataSources: [] });
        }
      } catch (err) {
        diagnostics.push(internalError(err, original, key));
      }
    };
    for (const c of pending) convertCorrelation(c);

    const finalized = pipelines.some((p) => p.finalizers.length > 0)
      ? finalizeQueries(
          rules.flatMap((r) => r.queries),
          pipelines,
        )
      : undefined;
    const output = finalized ?? (spec.finalize ? spec.finalize(rules, format, backendOptions) : rules.map((r) => r.output).join('\n\n'));
    return { backend: spec.id, format, rules, output, diagnostics };
  }

  return {
    id: spec.id,
    name: spec.name,
    formats: spec.formats,
    defaultFormat: spec.defaultFormat,
    pipelines: spec.pipelines,
    defaultPipelines: spec.defaultPipelines,
    convert,
    validate: spec.validate,
  };
}
