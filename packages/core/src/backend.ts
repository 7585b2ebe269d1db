import type { SigmaCollection } from './collection.js';
import type { Diagnostic } from './diagnostics.js';
import type { RenderedEnrichment } from './enrichment/types.js';
import type { CorrelationRule, SigmaRule } from './ir/rule.js';
import type { Pipeline } from './pipeline/types.js';

export type BackendOptionValue = string | number | boolean;

export interface ConvertOptions {
  /** Output format name; the backend's default when absent. Unknown → 'backend/unknown-format'. */
  readonly format?: string;
  /** User pipelines, applied after the backend's default pipelines (sorted by priority). */
  readonly pipelines?: readonly Pipeline[];
  /** Leave out the backend's default pipelines. */
  readonly noDefaultPipelines?: boolean;
  /** Backend-specific settings (index, source, table, ...), documented per backend. */
  readonly options?: Readonly<Record<string, BackendOptionValue>>;
}

/** One converted rule or correlation. */
export interface ConvertedRule {
  readonly document: SigmaRule | CorrelationRule;
  /** documentKey() of the document. */
  readonly key: string;
  /** The plain query text(s): one per condition unless the backend ORs them. */
  readonly queries: readonly string[];
  /** The document rendered in the requested format (what one-file-per-rule output writes). */
  readonly output: string;
  /** Data sources / tables the query reads, for documentation pages. */
  readonly dataSources: readonly string[];
  /** The rule's enrichments as the backend renders them (absent: the rule has none, or the backend renders none). */
  readonly enrichments?: readonly RenderedEnrichment[];
}

export interface ConversionResult {
  readonly backend: string;
  readonly format: string;
  /** Successful conversions, in input order. */
  readonly rules: readonly ConvertedRule[];
  /** The whole collection in the requested format (e.g. one savedsearches.conf). */
  readonly output: string;
  /** Everything that went wrong or deserves a warning, located; failed rules appear only here. */
  readonly diagnostics: readonly Diagnostic[];
}

export interface FormatInfo {
  readonly name: string;
  readonly description: string;
  /** File extension for one-file-per-rule output, without dot. */
  readonly extension: string;
}

export interface PipelineInfo {
  readonly name: string;
  readonly description: string;
  readonly pipeline: Pipeline;
}

/** A problem a target-language validator found in emitted query text. */
export interface QueryProblem {
  readonly message: string;
  /** 0-based offset into the query text. */
  readonly offset: number;
  readonly code?: string;
}

/** A conversion target. Conversion is a pure function of (collection, options). */
export interface Backend {
  readonly id: string;
  readonly name: string;
  readonly formats: readonly FormatInfo[];
  readonly defaultFormat: string;
  readonly pipelines: readonly PipelineInfo[];
  /** Pipelines applied unless `noDefaultPipelines`. */
  readonly defaultPipelines: readonly string[];
  convert(collection: SigmaCollection, options?: ConvertOptions): ConversionResult;
  /** Validates plain query text (Kusto parser for KQL, our linters for SPL and Sumo). */
  validate(query: string): readonly QueryProblem[];
}
