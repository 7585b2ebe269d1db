import { pipelineFromObject } from '@sigmats/core';
import type { Backend, Pipeline, PipelineInfo } from '@sigmats/core';
import { createBackend, type BackendSpec } from '@sigmats/text-query';
import { kqlCorrelation } from './correlation.js';
import { FORMATS, formatRule, OPTIONS } from './formats/outputs.js';
import { ASIM_PIPELINE, SECURITY_EVENT_PIPELINE, SYSMON_EVENT_PIPELINE, SYSMON_WINDOWS_EVENT_PIPELINE } from './pipelines/sentinel.js';
import { XDR_PIPELINE } from './pipelines/xdr.js';
import { querySource, renderQuery } from './query.js';
import { validateKql } from './validator.js';

function builtIn(obj: { name: string }, description: string): PipelineInfo {
  const r = pipelineFromObject(obj, obj.name, `@sigmats/backend-kql:${obj.name}`);
  if (!r.pipeline) {
    // A built-in pipeline is our own data: failing to load it is a bug, caught by the tests.
    throw new Error(`built-in pipeline ${obj.name} is invalid: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  }
  return { name: obj.name, description, pipeline: r.pipeline };
}

let pipelines: readonly PipelineInfo[] | undefined;

/** The built-in pipelines (parsed once, on first use). */
export function kqlPipelines(): readonly PipelineInfo[] {
  pipelines ??= [
    builtIn(XDR_PIPELINE, 'Defender XDR advanced hunting: Device*Events tables (default)'),
    builtIn(SECURITY_EVENT_PIPELINE, 'Sentinel SecurityEvent: process_creation from event 4688'),
    builtIn(SYSMON_EVENT_PIPELINE, 'Sentinel Event table (legacy agent): Sysmon events with EventData XML parsed into columns'),
    builtIn(SYSMON_WINDOWS_EVENT_PIPELINE, 'Sentinel WindowsEvent table (Azure Monitor Agent): Sysmon events, fields read from EventData'),
    builtIn(ASIM_PIPELINE, 'Sentinel ASIM parsers: imProcessCreate, imNetworkSession, imFileEvent, imRegistry, imDns'),
  ];
  return pipelines;
}

export function kqlPipeline(name: string): Pipeline | undefined {
  return kqlPipelines().find((p) => p.name === name)?.pipeline;
}

export function kqlSpec(): BackendSpec {
  return {
    id: 'kql',
    name: 'KQL (Microsoft Defender XDR, Sentinel)',
    formats: FORMATS,
    defaultFormat: 'default',
    pipelines: kqlPipelines(),
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
    dataSources: (ctx) => {
      const source = querySource(ctx.rule, ctx.state, ctx.options);
      return source.ok ? [source.value.table] : [];
    },
    validate: validateKql,
  };
}

/** The KQL backend (Defender XDR by default; Sentinel pipelines built in). */
export function kqlBackend(): Backend {
  return createBackend(kqlSpec());
}

