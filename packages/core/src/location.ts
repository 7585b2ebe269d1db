/** A position in a source file. Lines and columns are 1-based; offset is the 0-based character index. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly offset?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
}

/** Used for nodes synthesised by pipelines or backends, which have no YAML source of their own. */
export function syntheticLocation(file = '<generated>'): SourceLocation {
  return { file, line: 0, column: 0 };
}

export function formatLocation(loc: SourceLocation): string {
  return loc.line > 0 ? `${loc.file}:${loc.line}:${loc.column}` : loc.file;
}
