import type { KqlType, KqlValue, RawEvent } from '../types.js';
import { assumption } from './assumptions.js';
import { fullRow } from './columns.js';
import { flatEvent, nestKeys } from './cse-json.js';
import { dcrPlacements, dcrReads, dcrType, runTransform, streamRow } from './sentinel-dcr.js';
import { OKTA_DCR, OKTA_EXTENDS, OKTA_LETS, OKTA_PROJECT, OKTA_STREAM_COLUMNS, OKTA_TABLE_NAME } from './sentinel-okta-pages.js';
import type { KeyPlacement } from './sentinel-cloud.js';

/**
 * Sigma `product: okta` events -> OktaV2_CL, the table Microsoft Sentinel's Okta SSO CCP connector (V2) writes: the
 * raw event is an Okta System Log LogEvent (Sigma's okta rules name its own paths: eventType, actor.alternateId,
 * securityContext.isProxy, debugContext.debugData.requestUri, target.displayName); the DCR keeps the LogEvent's 16
 * top-level properties it declares (`sentinel-cloud-okta-stream-types`) and its transformKql computes each column.
 * The transform is put back together from its transcribed parts and run in the reference interpreter.
 */

/** The input stream's column types. */
export const OKTA_STREAM_TYPES: Readonly<Record<string, KqlType>> = Object.fromEntries(OKTA_STREAM_COLUMNS.map(([n, t]) => [n, dcrType(t)]));

/** The transformKql, rebuilt from its transcribed parts (the file's text up to whitespace between items). */
export const OKTA_TRANSFORM: string = [
  ...OKTA_LETS.map(([name, json]) => `let ${name} = parse_json('${json}');`),
  `source | extend ${OKTA_EXTENDS.map(([n, k]) => `${n} = ${k}`).join(',')} | project ${OKTA_PROJECT.map(([c, k]) => `${c} = ${k}`).join(',')}`,
].join('\n');

/**
 * The LogEvent a raw Sigma event stands for: Sigma's dotted names nested (`debugContext.debugData.requestUri` ->
 * `{debugContext: {debugData: {requestUri}}}`); a `target` given as one object (Sigma's `target.displayName`) is the
 * one element of the LogEvent's target list (`sentinel-cloud-okta-target-list`).
 */
export function oktaLogEvent(event: RawEvent): Record<string, unknown> {
  const record = nestKeys(flatEvent(event));
  const target = record['target'];
  if (target !== null && typeof target === 'object' && !Array.isArray(target)) {
    assumption('sentinel-cloud-okta-target-list');
    record['target'] = [target];
  }
  return record;
}

/** The OktaV2_CL row of a raw event: the transform's output, every other documented column at its Kusto default. */
export function oktaRow(event: RawEvent): Record<string, KqlValue> {
  assumption('sentinel-cloud-okta-stream-types');
  const { row } = runTransform(OKTA_TRANSFORM, OKTA_STREAM_TYPES, streamRow(OKTA_STREAM_TYPES, oktaLogEvent(event)));
  return fullRow(OKTA_TABLE_NAME, row);
}

const OKTA_READS = dcrReads(OKTA_PROJECT, OKTA_STREAM_TYPES, OKTA_EXTENDS);

/** Where each raw key lands (as `sentinelCloudPlacements` reports it): the transform is on line 96 of the DCR. */
export function oktaPlacements(event: RawEvent): KeyPlacement[] {
  return dcrPlacements(event, OKTA_STREAM_TYPES, OKTA_READS, `${OKTA_DCR.path.split('/').pop()!}:96`);
}
