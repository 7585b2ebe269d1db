/** Kusto scalar types used by our table schemas. */
export type KustoType = 'string' | 'int' | 'long' | 'real' | 'bool' | 'datetime' | 'timespan' | 'guid' | 'dynamic';

/** A table (or a tabular function such as an ASIM parser) as the validator and the renderer see it. */
export interface TableSchema {
  readonly name: string;
  /** Column name → type, in documented order. */
  readonly columns: Readonly<Record<string, KustoType>>;
  /** The column holding the event time (Timestamp in Defender XDR, TimeGenerated in Log Analytics). */
  readonly timeColumn: string;
}

/** Columns from a compact `Name:type` list (type defaults to string), so the data files stay readable. */
export function columns(spec: string): Record<string, KustoType> {
  const out: Record<string, KustoType> = {};
  for (const entry of spec.split(/[\s,]+/)) {
    if (entry === '') continue;
    const [name, type] = entry.split(':') as [string, KustoType | undefined];
    out[name] = type ?? 'string';
  }
  return out;
}
