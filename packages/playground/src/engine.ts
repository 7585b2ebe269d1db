import { loadCollection, parsePipeline } from '@sigmats/core';
import type { Backend, Diagnostic, Pipeline, SigmaCollection } from '@sigmats/core';
import { kqlBackend } from '@sigmats/backend-kql';
import { sentinelCloudPipeline } from '@sigmats/backend-kql/cloud';
import { sentinelWindowsPipeline } from '@sigmats/backend-kql/windows';
import { sentinelSyslogPipeline } from '@sigmats/backend-kql/syslog';
import { sentinelWebPipeline } from '@sigmats/backend-kql/web';
import { splunkBackend } from '@sigmats/backend-splunk';
import { sumo, sumoCse } from '@sigmats/backend-sumo';
import { compileRuleSet, readEvents } from '@sigmats/evaluator';
import type { PlaygroundState, Target } from './state.js';

/** File names the page's diagnostics use, so a message reads like the CLI's for the same files. */
export const RULE_FILE = 'rule.yml';
export const PIPELINE_FILE = 'pipeline.yml';
export const EVENTS_FILE = 'events.json';

let backends: Record<Target, Backend> | undefined;

/** The four backends, made once (the KQL one is a factory, given the pipelines of its cloud, web, syslog and event subpaths). */
export function backendFor(target: Target): Backend {
  backends ??= {
    splunk: splunkBackend,
    kql: kqlBackend({ pipelines: [sentinelCloudPipeline, sentinelWebPipeline, sentinelSyslogPipeline, sentinelWindowsPipeline] }),
    sumo,
    'sumo-cse': sumoCse,
  };
  return backends[target];
}

/** Which editor a diagnostic belongs to. */
export type Pane = 'rule' | 'pipeline' | 'events';

export interface PaneDiagnostic {
  readonly pane: Pane;
  readonly diagnostic: Diagnostic;
}

export interface Conversion {
  /** The converted output in the chosen format ('' when nothing converted). */
  readonly output: string;
  readonly format: string;
  readonly diagnostics: readonly PaneDiagnostic[];
  readonly collection: SigmaCollection;
}

function paneOf(d: Diagnostic): Pane {
  return d.file === PIPELINE_FILE ? 'pipeline' : d.file === EVENTS_FILE ? 'events' : 'rule';
}

/**
 * Converts the page's rule the way `sigmats convert` does: built-in pipelines by name, then the custom YAML pipeline.
 * Never throws: a backend exception (a bug) becomes an `internal/error` diagnostic, as the CLI reports it.
 */
export function convert(state: PlaygroundState): Conversion {
  const backend = backendFor(state.target);
  const diagnostics: PaneDiagnostic[] = [];
  const pipelines: Pipeline[] = [];
  for (const name of state.pipelines) {
    const builtin = backend.pipelines.find((p) => p.name === name);
    if (builtin) pipelines.push(builtin.pipeline);
  }
  if (state.customPipeline.trim() !== '') {
    const parsed = parsePipeline(state.customPipeline, PIPELINE_FILE);
    for (const d of parsed.diagnostics) diagnostics.push({ pane: 'pipeline', diagnostic: d });
    if (parsed.pipeline) pipelines.push(parsed.pipeline);
  }
  const collection = loadCollection([{ text: state.rule, file: RULE_FILE }]);
  for (const d of collection.diagnostics) diagnostics.push({ pane: 'rule', diagnostic: d });
  const format = state.format !== '' && backend.formats.some((f) => f.name === state.format) ? state.format : backend.defaultFormat;
  try {
    const result = backend.convert(collection, { format, pipelines, noDefaultPipelines: state.noDefaultPipelines });
    for (const d of result.diagnostics) diagnostics.push({ pane: paneOf(d), diagnostic: d });
    return { output: result.output, format: result.format, diagnostics, collection };
  } catch (e) {
    const message = `internal error in the ${state.target} backend: ${e instanceof Error ? e.message : String(e)}`;
    diagnostics.push({ pane: 'rule', diagnostic: { code: 'internal/error', severity: 'error', message, file: RULE_FILE, line: 1, column: 1 } });
    return { output: '', format, diagnostics, collection };
  }
}

export interface EventVerdict {
  /** 1-based line of the event in the events text. */
  readonly line: number;
  /** Titles of the rules that matched; empty when none did. */
  readonly matched: readonly string[];
}

export interface EventMatches {
  readonly verdicts: readonly EventVerdict[];
  readonly diagnostics: readonly PaneDiagnostic[];
}

/**
 * Runs the rule on each pasted event with the evaluator (Sigma's semantics on the raw event, no pipeline: the same
 * reference `sigmats eval` and `sigmats test` use). Correlations see the events as one time-ordered stream.
 */
export function matchEvents(collection: SigmaCollection, eventsText: string): EventMatches {
  const diagnostics: PaneDiagnostic[] = [];
  if (eventsText.trim() === '') return { verdicts: [], diagnostics };
  const read = readEvents(eventsText, EVENTS_FILE);
  for (const d of read.diagnostics) diagnostics.push({ pane: 'events', diagnostic: d });
  const set = compileRuleSet(collection);
  for (const d of set.diagnostics) diagnostics.push({ pane: 'rule', diagnostic: d });
  const verdicts = read.events.map((event, i) => {
    const titles = set.match(event).map((m) => m.title);
    return { line: read.lines[i] ?? 1, matched: [...new Set(titles)] };
  });
  for (const d of set.takeRuntimeDiagnostics()) diagnostics.push({ pane: 'rule', diagnostic: d });
  return { verdicts, diagnostics };
}
