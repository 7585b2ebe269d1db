import type { EventLogsource } from '../logsource.js';

/** One event derived from a rule: a witness (must match), a near miss (one value perturbed) or another event type. */
export interface DerivedEvent {
  /** Flat raw event in Sigma's taxonomy (Windows: as `flattenWindowsEvent` writes it). */
  readonly event: Readonly<Record<string, unknown>>;
  /** product/category/service of the event (for other-type events: the type it was re-emitted as). */
  readonly source: EventLogsource;
  readonly role: 'witness' | 'near-miss' | 'other-type';
  /** What it is: `disjunct 2: selection_img and selection_cli`, `CommandLine: 'x' -> 'y'`, ... */
  readonly note: string;
}

export interface DeriveOptions {
  /** Witnesses kept per rule (default 16). */
  readonly maxWitnesses?: number;
  /** Near misses kept per rule (default 24). */
  readonly maxNearMisses?: number;
  /** Rotates which value-list alternatives are sampled (default 0). Same seed, same output. */
  readonly seed?: number;
}

export interface DeriveResult {
  readonly events: readonly DerivedEvent[];
  /** Candidate witnesses not kept, with why (unsatisfiable constraints, evaluator said no match, ...). */
  readonly dropped: readonly { readonly note: string; readonly reason: string }[];
}
