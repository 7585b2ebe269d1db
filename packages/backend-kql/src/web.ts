/**
 * `@sigmats/backend-kql/web`: the `sentinel_asim_web` pipeline, web server and proxy rules on Microsoft Sentinel's
 * ASIM Web Session parser, imWebSession (src/pipelines/web.ts; the view's schema, which the pipeline gives the backend
 * through its state, in src/tables/web.ts). Add it to a backend with `kqlBackend({ pipelines: [sentinelWebPipeline] })`;
 * the CLI does. It is a subpath for the reason `@sigmats/backend-kql/cloud` is: the main entries are at issue 14's
 * browser budget.
 */
import { builtInPipeline, type PipelineInfo } from '@sigmats/core';
import { WEB_PIPELINE } from './pipelines/web.js';

export const sentinelWebPipeline: PipelineInfo = builtInPipeline(
  WEB_PIPELINE,
  WEB_PIPELINE.name,
  'Sentinel ASIM Web Session parser (imWebSession), for webserver and proxy rules only (from @sigmats/backend-kql/web)',
  `@sigmats/backend-kql:${WEB_PIPELINE.name}`,
);

export { webSessionTable } from './tables/web.js';
