/** A complete event of one (Channel, EventID), flat as `flattenWindowsEvent` writes it. */
export interface EventTemplate {
  readonly channel: string;
  readonly eventId: number;
  /** `regression_data`: a real event (anonymised); `hand-written`: plausible values written here. */
  readonly origin: 'regression_data' | 'hand-written';
  /** Provenance: the regression_data file and event index, or what the hand-written template follows. */
  readonly source: string;
  readonly event: Readonly<Record<string, unknown>>;
}
