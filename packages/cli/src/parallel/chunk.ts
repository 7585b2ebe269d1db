/**
 * One chunk of a parallel `convert` (issue 16: both cores): read, parse and convert a slice of the input files
 * with every target, and return only what the main thread writes and reports, as plain data that crosses a
 * worker boundary. The main thread can run the same function itself (a worker that fails is replaced by it).
 *
 * What a chunk cannot know alone, the main thread adds: duplicate ids and names across chunks (see
 * rule-stream.ts's DuplicateTracker), and the order of everything (results carry their chunk's index).
 */
import { buildCollection } from '@sigmats/core';
import type { Backend, ConvertOptions, ConvertedRule, Diagnostic, SigmaCollection, SigmaDocument, SourceLocation } from '@sigmats/core';
import { gateResult } from '../gate.js';
import type { ReadSource } from '../load.js';
import type { Target } from '../registry.js';
import { metadataRule, parseInputs, pickFieldLocs } from '../rule-stream.js';

/** A slice of the inputs, in input order; a source the prescan kept is sent along, the others are read here. */
export interface ChunkJob {
  readonly index: number;
  readonly paths: readonly string[];
  /** Emptied (every entry undefined) once the chunk's result is taken: nothing reads them again (see convert.ts). */
  readonly sources: (ReadSource | undefined)[];
}

/** What the duplicate id/name check needs of a document (the rest of a rule stays in its chunk). */
export interface DocSummary {
  readonly title: string;
  readonly id?: string;
  readonly name?: string;
  readonly loc: SourceLocation;
  readonly fieldLocs: Readonly<Record<string, SourceLocation>>;
}

/** One target's conversion of a chunk. */
export interface TargetChunk {
  readonly target: Target;
  readonly format: string;
  /** Converted rules past the output gate, their documents reduced to their metadata (no detections). */
  readonly rules: readonly ConvertedRule[];
  readonly backendDiagnostics: readonly Diagnostic[];
  readonly gateDiagnostics: readonly Diagnostic[];
  readonly heldBack: boolean;
  /** The backend reported an option or format problem (a usage error for the whole run). */
  readonly usage: boolean;
  /** The backend threw: its stack. */
  readonly error?: string;
}

export interface ChunkResult {
  readonly index: number;
  /** Display names of the chunk's inputs, in input order. */
  readonly files: readonly string[];
  /** Read and parse diagnostics, in input order. */
  readonly parseDiagnostics: readonly Diagnostic[];
  /** Rules then correlations, in the order the collection registers them. */
  readonly docs: readonly DocSummary[];
  readonly targets: readonly TargetChunk[];
}

/** A target as a chunk converts it: its backend and options, resolved once per thread. */
export interface ChunkTarget {
  readonly target: Target;
  readonly backend: Backend;
  readonly options: ConvertOptions;
}

const USAGE_CODES: ReadonlySet<string> = new Set(['backend/unknown-format', 'backend/invalid-option']);

/** Where the duplicate id and name checks of the main thread (DuplicateTracker) place their findings. */
const SUMMARY_FIELD_LOCS = ['id', 'name'];

function summary(d: SigmaDocument): DocSummary {
  const fieldLocs = pickFieldLocs(d, SUMMARY_FIELD_LOCS);
  return { title: d.title, ...(d.id !== undefined ? { id: d.id } : {}), ...(d.name !== undefined ? { name: d.name } : {}), loc: d.loc, fieldLocs };
}

/**
 * A converted rule with the little of its document the main thread reads (`--json`: file, id, title, level;
 * diagnostics and rule comments: file, key, title, id), so a clone does not copy the whole IR.
 */
function light(rule: ConvertedRule): ConvertedRule {
  const d = rule.document;
  // A correlation (a file changed to hold one after the prescan) crosses whole: rare, and always right.
  if (d.kind !== 'rule') return rule;
  const document = metadataRule({ title: d.title, loc: d.loc, taxonomy: d.taxonomy, ...(d.id !== undefined ? { id: d.id } : {}), ...(d.name !== undefined ? { name: d.name } : {}), ...(d.level !== undefined ? { level: d.level } : {}) });
  return { document, key: rule.key, queries: rule.queries, output: rule.output, dataSources: rule.dataSources };
}

/** One target's conversion of a collection, gated; with the combined output, which only a run in one piece writes. */
export interface TargetConversion extends TargetChunk {
  readonly output: string;
}

/** One target over a collection, as `convert` does it on any thread: the backend, then the output gate. */
export function convertTarget(t: ChunkTarget, collection: SigmaCollection): TargetConversion {
  try {
    const result = t.backend.convert(collection, t.options);
    const gated = gateResult(t.target, result);
    return {
      target: t.target,
      format: result.format,
      rules: gated.result.rules,
      output: gated.result.output,
      backendDiagnostics: result.diagnostics,
      gateDiagnostics: gated.diagnostics,
      heldBack: gated.heldBack,
      usage: result.diagnostics.some((d) => USAGE_CODES.has(d.code)),
    };
  } catch (err) {
    // Backends collect per-rule problems; a throw is a backend bug, reported for this target only.
    return { target: t.target, format: '', rules: [], output: '', backendDiagnostics: [], gateDiagnostics: [], heldBack: false, usage: false, error: (err as Error)?.stack ?? String(err) };
  }
}

export function convertChunk(job: ChunkJob, cwd: string, targets: readonly ChunkTarget[]): ChunkResult {
  const { files, parsed, parseCount } = parseInputs(job.paths, cwd, (_, i) => job.sources[i]);
  const collection = buildCollection(parsed);
  return {
    index: job.index,
    files,
    parseDiagnostics: collection.diagnostics.slice(0, parseCount),
    docs: [...collection.rules, ...collection.correlations].map(summary),
    // The combined output stays here: a chunked run joins the rules' outputs itself.
    targets: targets.map((t) => {
      const { output: _output, ...conversion } = convertTarget(t, collection);
      return { ...conversion, rules: conversion.rules.map(light) };
    }),
  };
}
