/** Options of parseSigma / loadCollection. */
export interface ParseOptions {
  /**
   * YAML scalar typing. '1.2' (default): YAML 1.2 core schema, with a 'yaml/yaml11-difference' warning for plain
   * scalars that pySigma (YAML 1.1) reads differently (`yes`, `22:00`, `0777`...). '1.1': pySigma's typing.
   * A document with a `%YAML 1.1` directive always uses 1.1.
   */
  readonly yamlVersion?: '1.1' | '1.2';
  /** Maximum input size in bytes (UTF-8). Default 2 MiB. */
  readonly maxBytes?: number;
  /** Maximum YAML nesting depth. Default 64. */
  readonly maxDepth?: number;
  /** Maximum number of YAML aliases per document. Default 1000. */
  readonly maxAliases?: number;
  /** Run JSON-schema validation of the documents (default true). */
  readonly validate?: boolean;
}

export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;
