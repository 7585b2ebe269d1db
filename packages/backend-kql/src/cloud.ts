/**
 * `@sigmats/backend-kql/cloud`: the `sentinel_cloud` pipeline, Microsoft Sentinel's tables for AWS CloudTrail, Entra
 * ID sign-in and audit logs, Entra ID Protection's risk detections, Azure activity logs, Microsoft 365's audit log,
 * Google Cloud audit logs, the Okta and GitHub connectors' tables and AKS clusters' Kubernetes audit logs
 * (src/pipelines/cloud.ts). Add it to a backend with `kqlBackend({ pipelines: [sentinelCloudPipeline] })`; the CLI
 * does. It is a subpath because the main entries are at issue 14's budget (core and the three backends at most 150 KB
 * gzipped in a browser): a page that converts cloud rules pays its 6.6 KB gzipped (the generated columns of the tables
 * it reads, and the tables transcribed for GCP, Okta, GitHub and AKS), others do not.
 */
import { builtInPipeline, type PipelineInfo } from '@sigmats/core';
import { CLOUD_PIPELINE } from './pipelines/cloud.js';

/**
 * The schemas of the tables `sentinel_cloud` reads, which it gives the backend itself: the main entry's `ALL_TABLES`
 * holds none of them (their generated columns are this subpath's to carry). For a pipeline of one's own over them.
 */
export { cloudTableSchemas } from './pipelines/cloud.js';

export const sentinelCloudPipeline: PipelineInfo = builtInPipeline(
  CLOUD_PIPELINE,
  CLOUD_PIPELINE.name,
  'Sentinel cloud-log tables, for AWS, Azure, Microsoft 365, GCP, Okta, GitHub and Kubernetes audit rules only: AWSCloudTrail, SigninLogs, AuditLogs, AADUserRiskEvents, AzureActivity, OfficeActivity, GCPAuditLogs, OktaV2_CL, GitHubAuditLogsV3_CL, AKSAudit (from @sigmats/backend-kql/cloud)',
  `@sigmats/backend-kql:${CLOUD_PIPELINE.name}`,
);
