import { builtInPipeline } from '@sigmats/core';
import type { Backend, Pipeline, PipelineInfo, QueryProblem } from '@sigmats/core';
import { createBackend, ok, type BackendSpec } from '@sigmats/text-query';
import { kqlCorrelation } from './correlation.js';
import { FORMATS, formatRule, OPTIONS } from './formats/outputs.js';
import { ASIM_PIPELINE, SECURITY_EVENT_PIPELINE, SYSMON_EVENT_PIPELINE, SYSMON_WINDOWS_EVENT_PIPELINE } from './pipelines/sentinel.js';
import { XDR_PIPELINE } from './pipelines/xdr.js';
import { kqlEnrichments } from './enrichments.js';
import { querySource, renderQuery, targetFor } from './query.js';

const builtIn = (obj: { name: string }, description: string): PipelineInfo => builtInPipeline(obj, obj.name, description, `@sigmats/backend-kql:${obj.name}`);

// Each is parsed on first use of its `pipeline` (builtInPipeline).
const PIPELINES: readonly PipelineInfo[] = [
  builtIn(XDR_PIPELINE, 'Defender XDR advanced hunting: Device*Events tables (default)'),
  builtIn(SECURITY_EVENT_PIPELINE, 'Sentinel SecurityEvent: process_creation from event 4688'),
  builtIn(SYSMON_EVENT_PIPELINE, 'Sentinel Event table: Sysmon events with EventData XML parsed into columns'),
  builtIn(SYSMON_WINDOWS_EVENT_PIPELINE, 'Sentinel WindowsEvent table (Azure Monitor Agent): Sysmon events, fields read from EventData'),
  builtIn(ASIM_PIPELINE, 'Sentinel ASIM parsers: imProcessCreate, imNetworkSession, imFileEvent, imRegistry, imDns'),
];

/** The built-in pipelines. */
export function kqlPipelines(): readonly PipelineInfo[] {
  return PIPELINES;
}

export function kqlPipeline(name: string): Pipeline | undefined {
  return kqlPipelines().find((p) => p.name === name)?.pipeline;
}

export interface KqlBackendOptions {
  /**
   * Checks query text; `@sigmats/backend-kql/validate`'s `kqlValidatingBackend()` passes the Kusto analyser. Without
   * it, `validate` reports that no validator is loaded (never an empty list, which would read as "valid").
   */
  readonly validate?: (query: string) => readonly QueryProblem[];
  /** Pipelines offered beside the built-in ones, by name: `@sigmats/backend-kql/cloud`'s `sentinelCloudPipeline`, `/web`'s `sentinelWebPipeline`. */
  readonly pipelines?: readonly PipelineInfo[];
}

/** The main entry's `validate`: the Kusto service is Node-only and an optional peer, so it is not loaded here. */
function noValidator(): QueryProblem[] {
  return [
    {
      code: 'SIGMATS-NO-VALIDATOR',
      offset: 0,
      message: 'KQL is validated by @sigmats/backend-kql/validate (kqlValidatingBackend), with @kusto/language-service-next installed',
    },
  ];
}

export function kqlSpec(options: KqlBackendOptions = {}): BackendSpec {
  return {
    id: 'kql',
    name: 'KQL (Microsoft Defender XDR, Sentinel)',
    formats: FORMATS,
    defaultFormat: 'default',
    pipelines: options.pipelines ? [...PIPELINES, ...options.pipelines] : PIPELINES,
    defaultPipelines: ['microsoft_xdr'],
    options: OPTIONS,
    query: (expr, ctx) => {
      const source = querySource(ctx.rule, ctx.state, ctx.options);
      return source.ok ? renderQuery(expr, ctx.rule, source.value) : source;
    },
    formatRule: (queries, ctx) => {
      const source = querySource(ctx.rule, ctx.state, ctx.options);
      return source.ok ? formatRule(ctx.rule, ctx.key, queries, source.value, ctx.format, ctx.options) : source;
    },
    correlation: kqlCorrelation,
    enrichments: (ctx) => {
      const source = querySource(ctx.rule, ctx.state, ctx.options);
      if (!source.ok) return source;
      const r = kqlEnrichments(ctx.rule, targetFor(source.value, ctx.rule));
      return ok(r.rendered, r.warnings);
    },
    dataSources: (ctx) => {
      const source = querySource(ctx.rule, ctx.state, ctx.options);
      return source.ok ? [source.value.table] : [];
    },
    validate: options.validate ?? noValidator,
  };
}

/** The KQL backend (Defender XDR by default; Sentinel pipelines built in). */
export function kqlBackend(options: KqlBackendOptions = {}): Backend {
  return createBackend(kqlSpec(options));
}

