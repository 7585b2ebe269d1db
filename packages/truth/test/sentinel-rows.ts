// What the tests of Sentinel's table records share: the one row an event becomes, the columns of a row that hold
// something, and rows as the table runKql reads.
import { expect } from 'vitest';
import { kqlTableColumns, sentinelCloudRecords } from '../src/records/index.js';
import type { EventSource, KqlValue, RawEvent } from '../src/types.js';

/** The one row `sentinel_cloud` stores for `event` of `source`, checked to be a row of `table`. */
export function sentinelCloudRow(event: RawEvent, source: EventSource, table: string): Record<string, KqlValue> {
  const records = sentinelCloudRecords(event, source);
  expect(records).toHaveLength(1);
  expect(records[0]!.table).toBe(table);
  return records[0]!.row;
}

/** The columns of a row that hold something (not Kusto's empty string or null). */
export const filled = (r: Readonly<Record<string, KqlValue>>): Record<string, KqlValue> =>
  Object.fromEntries(Object.entries(r).filter(([, v]) => v !== '' && v !== null));

/** `rows` as the table `table` (its transcribed or generated columns) for runKql. */
export const tableOf = (table: string, rows: readonly Record<string, KqlValue>[]) => ({ [table]: { name: table, columns: kqlTableColumns(table)!, rows } });
