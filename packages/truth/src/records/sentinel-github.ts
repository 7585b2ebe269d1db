import type { KqlType, KqlValue, RawEvent } from '../types.js';
import { assumption } from './assumptions.js';
import { fullRow } from './columns.js';
import { flatEvent, nestKeys } from './cse-json.js';
import type { KeyPlacement } from './sentinel-cloud.js';
import { dcrPlacements, dcrReads, dcrType, runTransform, streamRow } from './sentinel-dcr.js';
import { GITHUB_DCR, GITHUB_EXTENDS, GITHUB_PROJECT, GITHUB_STREAM_COLUMNS, GITHUB_TABLE_NAME, GITHUB_TRANSFORM_LINE } from './sentinel-github-pages.js';

/**
 * Sigma `product: github, service: audit` events -> GitHubAuditLogsV3_CL, the table Microsoft Sentinel's GitHub CCF
 * connector writes: the raw event is a GitHub enterprise/organization audit log event (Sigma's github rules name its
 * keys: action, actor, org, repo, ...); the DCR keeps the keys its stream declares (`sentinel-cloud-github-stream-types`)
 * and its transformKql renames them (Org = org, Action = action, ...), reads CountryCode out of actor_location and
 * computes TimeGenerated from `@timestamp` (epoch milliseconds). Put back together and run in the reference
 * interpreter. A key the stream does not declare lands in no column.
 */

export const GITHUB_STREAM_TYPES: Readonly<Record<string, KqlType>> = Object.fromEntries(GITHUB_STREAM_COLUMNS.map(([n, t]) => [n, dcrType(t)]));

/** The transformKql, rebuilt from its transcribed parts (the file's text up to whitespace). */
export const GITHUB_TRANSFORM: string = `source ${GITHUB_EXTENDS.map(([n, k]) => `| extend ${n} = ${k} `).join('')}| project ${GITHUB_PROJECT.join(', ')}`;

/** `Column = key` items (and the bare ones, computed by the extends) as `[column, expression]`. */
export const GITHUB_PROJECT_ITEMS: readonly (readonly [column: string, kql: string])[] = GITHUB_PROJECT.map((item) => {
  const m = /^(\w+)\s*=\s*(.+)$/.exec(item);
  return m ? ([m[1]!, m[2]!] as const) : ([item, GITHUB_EXTENDS.find(([n]) => n === item)![1]] as const);
});

/** The GitHubAuditLogsV3_CL row of a raw audit event (Sigma's dotted names nested first: `actor_location.country_code`). */
export function githubRow(event: RawEvent): Record<string, KqlValue> {
  assumption('sentinel-cloud-github-stream-types');
  const { row } = runTransform(GITHUB_TRANSFORM, GITHUB_STREAM_TYPES, streamRow(GITHUB_STREAM_TYPES, nestKeys(flatEvent(event))));
  return fullRow(GITHUB_TABLE_NAME, row);
}

const READS = dcrReads(GITHUB_PROJECT_ITEMS, GITHUB_STREAM_TYPES, GITHUB_EXTENDS);

/** Where each raw key lands (as `sentinelCloudPlacements` reports it). */
export function githubPlacements(event: RawEvent): KeyPlacement[] {
  return dcrPlacements(event, GITHUB_STREAM_TYPES, READS, `${GITHUB_DCR.path.split('/').pop()!}:${GITHUB_TRANSFORM_LINE}`);
}
