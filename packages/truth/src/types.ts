/**
 * The contract between the parts of the platform-truth differential. Each part lives in its own folder and is
 * written independently of the backend it checks:
 *
 *   raw event (Sigma taxonomy)  --records/-->  vendor record  --interpreter(emitted query)-->  verdict
 *   raw event                   --@sigmats/evaluator(rule)------------------------------->  verdict
 *
 * A disagreement between the two verdicts is a bug in the backend or in its platform data.
 */

/**
 * A raw event in Sigma's taxonomy. Windows events are flat, as `flattenWindowsEvent` writes them: `Channel`,
 * `EventID`, `Computer`, `Provider_Name`, ... and the EventData fields at the top level (`Image`, `CommandLine`).
 * Other products use the field names Sigma rules use for them (CloudTrail `eventName`, Linux auditd `type`, ...).
 */
export type RawEvent = Readonly<Record<string, unknown>>;

/** Where a raw event comes from, in Sigma logsource terms (undefined keys: unknown). */
export interface EventSource {
  readonly product?: string;
  readonly category?: string;
  readonly service?: string;
}

// ---------------------------------------------------------------------------------------------- KQL

/** Kusto scalar types (the `dynamic` type holds JSON values). */
export type KqlType = 'string' | 'int' | 'long' | 'real' | 'decimal' | 'bool' | 'datetime' | 'timespan' | 'guid' | 'dynamic';

/**
 * A value in a row: string (string, guid), number (int, long, real), boolean (bool), Date (datetime), plain JSON
 * (dynamic), or null. Kusto has no "missing" column value: an absent string column reads as "" and absent typed
 * columns as null; builders write every column of the table.
 */
export type KqlValue = string | number | boolean | Date | null | readonly unknown[] | { readonly [k: string]: unknown };

/** A table (or an ASIM view such as `imProcessCreate`) as the interpreter sees it. */
export interface KqlTable {
  readonly name: string;
  /** Column name -> documented type. */
  readonly columns: Readonly<Record<string, KqlType>>;
  readonly rows: readonly Readonly<Record<string, KqlValue>>[];
}

/** One row a platform stores for a raw event, with the table it goes to. */
export interface KqlRecord {
  readonly table: string;
  readonly row: Readonly<Record<string, KqlValue>>;
}

// ---------------------------------------------------------------------------------------------- Splunk

/** An event as Splunk holds it at search time: `_raw`, its index-time fields and the search-time extractions. */
export interface SplunkEvent {
  readonly _raw: string;
  readonly index: string;
  readonly source: string;
  readonly sourcetype: string;
  readonly host: string;
  /** Search-time fields (add-on extractions, field aliases, calculated fields); multivalue fields are arrays. */
  readonly fields: Readonly<Record<string, string | readonly string[]>>;
}

// ---------------------------------------------------------------------------------------------- Sumo

/** A message as Sumo Logic log search holds it: the raw text and its built-in metadata fields. */
export interface SumoMessage {
  readonly _raw: string;
  readonly _sourceCategory: string;
  readonly _source: string;
  readonly _sourceName: string;
  readonly _sourceHost: string;
  readonly _collector: string;
  /** Fields extracted at ingest (Field Extraction Rules); usually empty. */
  readonly fields?: Readonly<Record<string, string>>;
}

/**
 * A Cloud SIEM normalized record: schema fields (`baseImage`, `user_username`, `metadata_deviceEventId`, ...) plus
 * `fields`, the raw key/value pairs of the original message as CSE keeps them (read with `fields['EventData.X']`).
 */
export interface CseRecord {
  readonly [schemaField: string]: unknown;
  readonly fields: Readonly<Record<string, string>>;
}
