/**
 * `@sigmats/backend-kql/event`: the `sentinel_event` pipeline, Windows service rules (all but Security) and the
 * PowerShell categories on Microsoft Sentinel's Event table, where the Azure Monitor Agent keeps the Windows event logs
 * its data collection rules name (src/pipelines/event.ts). Add it to a backend with
 * `kqlBackend({ pipelines: [sentinelEventPipeline] })`; the CLI does. It is a subpath for the reason
 * `@sigmats/backend-kql/cloud` is: the main entries are at issue 14's browser budget.
 */
import { builtInPipeline, type PipelineInfo } from '@sigmats/core';
import { EVENT_PIPELINE } from './pipelines/event.js';

export const sentinelEventPipeline: PipelineInfo = builtInPipeline(
  EVENT_PIPELINE,
  EVENT_PIPELINE.name,
  'Sentinel Event table (Azure Monitor Agent), for Windows service rules but Security and the PowerShell categories only (from @sigmats/backend-kql/event)',
  `@sigmats/backend-kql:${EVENT_PIPELINE.name}`,
);
