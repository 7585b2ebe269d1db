/**
 * `@sigmats/backend-kql/syslog`: the `sentinel_syslog` pipeline, Linux syslog rules (a service such as sshd, or none)
 * on Microsoft Sentinel's Syslog table (src/pipelines/syslog.ts). Add it to a backend with
 * `kqlBackend({ pipelines: [sentinelSyslogPipeline] })`; the CLI does. It is a subpath for the reason
 * `@sigmats/backend-kql/cloud` is: the main entries are at issue 14's browser budget.
 */
import { builtInPipeline, type PipelineInfo } from '@sigmats/core';
import { SYSLOG_PIPELINE } from './pipelines/syslog.js';

export const sentinelSyslogPipeline: PipelineInfo = builtInPipeline(
  SYSLOG_PIPELINE,
  SYSLOG_PIPELINE.name,
  'Sentinel Syslog table, for Linux syslog rules only (a service such as sshd, or none; from @sigmats/backend-kql/syslog)',
  `@sigmats/backend-kql:${SYSLOG_PIPELINE.name}`,
);
