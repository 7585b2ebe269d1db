/** Kusto scalar types used by our table schemas. */
export type KustoType = 'string' | 'int' | 'long' | 'real' | 'bool' | 'datetime' | 'timespan' | 'guid' | 'dynamic' | 'decimal';

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
  /** The one separator a suffix must start with for the basename shortcut of a column (default: `\` or `/`). */
  readonly basenameSeparators?: Readonly<Record<string, string>>;
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
  /** Types of computed fields that are not strings (e.g. a port chosen from LocalPort or RemotePort). */
  readonly computedTypes?: Readonly<Record<string, KustoType>>;
  /**
   * Sigma path fields the table only has the file name of (Defender InitiatingProcessParentFileName for
   * ParentImage/GrandParentImage): only `endswith '\\name'` tests can be expressed, exactly, on the name.
   */
  readonly basenameOnly?: Readonly<Record<string, string>>;
  /**
   * The column holding registry value data and the one holding its type. `forms`: how a REG_DWORD/REG_QWORD is
   * stored: 'text' as Sysmon writes it ('DWORD (0x00000001)'), 'number' as Defender does (1, type Dword).
   */
  readonly registryData?: { readonly data: string; readonly type: string; readonly forms: readonly ('text' | 'number')[] };
  /** String columns holding numbers as hexadecimal text ('0x1a2c'): decimal Sigma numbers are compared in that form. */
  readonly hexText?: readonly string[];
  /** GUID columns stored without braces: Sigma's '{…}' values lose them. */
  readonly guidNoBraces?: readonly string[];
}

/** Our own knowledge about a table, beside its generated columns: the relations the renderer uses. */
export type TableRelations = Omit<TableSchema, 'name' | 'columns' | 'timeColumn'>;
