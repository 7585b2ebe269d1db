import type { SplunkEvent } from '../types.js';
import { compilePipeline, runPipeline } from './commands.js';
import { eventOf, originOf, rowOf, setOrigin } from './values.js';

/**
 * The SPL reference interpreter: runs a Splunk search over in-memory events (`SplunkEvent`) with Splunk's
 * documented semantics (SOURCES.md cites each rule). Parse once with compileSpl, run many times.
 */
export { SplError, type SplErrorKind } from './errors.js';

export interface CompiledSpl {
  /**
   * The events the search returns after every pipeline command. Transforming commands (stats, tstats) return
   * their result rows as SplunkEvent-shaped objects: the row's fields in `fields`, `_raw`/index/source/
   * sourcetype/host '' unless the row has them. `_time` is read from `fields._time` (epoch seconds).
   * May throw SplError('semantic') for a run-time type error (e.g. a where expression that is not boolean).
   */
  run(events: readonly SplunkEvent[]): SplunkEvent[];
  /**
   * The indices (into `events`) of the events that reach the end of the pipeline, in result order; null when a
   * result row is not an input event (stats, tstats). Streaming commands such as `| table` keep the link, so a
   * differential can tell which events matched even when the output drops `_raw`.
   */
  matching(events: readonly SplunkEvent[]): number[] | null;
}

/** Parse and check a query; throws SplError (syntax / semantic / unsupported). */
export function compileSpl(query: string): CompiledSpl {
  const stages = compilePipeline(query);
  const rows = (events: readonly SplunkEvent[]) => runPipeline(stages, events.map((e, i) => setOrigin(rowOf(e), i)));
  return {
    run(events) {
      return rows(events).map(eventOf);
    },
    matching(events) {
      const out: number[] = [];
      for (const r of rows(events)) {
        const o = originOf(r);
        if (o === undefined) return null;
        out.push(o);
      }
      return out;
    },
  };
}
