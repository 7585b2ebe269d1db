// Placeholder shape agreed for other packages; the pipeline work fills in the item types.
import type { SourceLocation } from '../location.js';

export interface Pipeline {
  readonly name: string;
  readonly priority: number;
  readonly allowedBackends: readonly string[];
  readonly vars: Readonly<Record<string, unknown>>;
  readonly items: readonly unknown[];
  readonly postprocessing: readonly unknown[];
  readonly finalizers: readonly unknown[];
  readonly loc: SourceLocation;
}
