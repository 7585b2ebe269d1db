/**
 * `@sigmats/backend-kql/windows`: the `sentinel_windows` pipeline, Windows service rules and the PowerShell categories
 * where the Azure Monitor Agent keeps them for Microsoft Sentinel: the Security and AppLocker logs in SecurityEvent, the
 * other channels in the Event table (src/pipelines/windows.ts). Add it to a backend with
 * `kqlBackend({ pipelines: [sentinelWindowsPipeline] })`; the CLI does. It is a subpath for the reason
 * `@sigmats/backend-kql/cloud` is: the main entries are at issue 14's browser budget.
 */
import { builtInPipeline, type PipelineInfo } from '@sigmats/core';
import { WINDOWS_PIPELINE } from './pipelines/windows.js';

export const sentinelWindowsPipeline: PipelineInfo = builtInPipeline(
  WINDOWS_PIPELINE,
  WINDOWS_PIPELINE.name,
  'Sentinel Windows event logs as the Azure Monitor Agent keeps them (Security and AppLocker in SecurityEvent, other channels in Event), for Windows service and PowerShell rules only (from @sigmats/backend-kql/windows)',
  `@sigmats/backend-kql:${WINDOWS_PIPELINE.name}`,
);
