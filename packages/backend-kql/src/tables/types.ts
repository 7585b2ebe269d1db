/** Kusto scalar types used by our table schemas. */
export type KustoType = 'string' | 'int' | 'long' | 'real' | 'bool' | 'datetime' | 'timespan' | 'guid' | 'dynamic';

/** A table (or a tabular function such as an ASIM parser) as the validator and the renderer see it. */
export interface TableSchema {
  readonly name: string;
  /** Column name → type, in documented order. */
  readonly columns: Readonly<Record<string, KustoType>>;
  /** The column holding the event time (Timestamp in Defender XDR, TimeGenerated in Log Analytics). */
  readonly timeColumn: string;
  /**
   * Full-path column → basename column, where the path always ends with `\` + basename (Defender FolderPath and
   * FileName): `FolderPath endswith @"\cmd.exe"` is then exactly `FileName =~ "cmd.exe"`, which is indexed.
   */
  readonly basename?: Readonly<Record<string, string>>;
  /**
   * Account-name column → its domain column, where Sigma's `DOMAIN\user` value is split over two columns
   * (account names cannot hold a backslash, so a backslash in the value always separates the domain).
   */
  readonly domainSplit?: Readonly<Record<string, string>>;
  /**
   * Sigma fields the table has no column for but can compute exactly (string expressions, rendered inline),
   * e.g. Sysmon's registry TargetObject = key + `\` + value name.
   */
  readonly computed?: Readonly<Record<string, string>>;
  /**
   * Sigma path fields the table only has the file name of (Defender InitiatingProcessParentFileName for
   * ParentImage/GrandParentImage): only `endswith '\\name'` tests can be expressed, exactly, on the name.
   */
  readonly basenameOnly?: Readonly<Record<string, string>>;
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
