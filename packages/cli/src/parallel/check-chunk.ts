/**
 * One chunk of a parallel `check` (issue 16: both cores): read and parse a slice of the input files and run the
 * per-document validators over its documents, returning plain data that crosses a worker boundary. The main thread
 * can run the same function itself (a worker that fails is replaced by it).
 *
 * What needs every document stays on the main thread, over what the chunks return (see checkedRun): the
 * collection's duplicate id/name and reference checks (buildCollection) and the collection validators (uniqueness
 * of ids, titles, file names). Rules come back reduced to the metadata those read; correlations and filters whole.
 */
import { buildCollection, type Diagnostic, type ParsedSource, type SigmaDocument } from '@sigmats/core';
import { validateDocuments, VALIDATORS, type AttackIds, type Validator, type ValidatorSelection } from '@sigmats/core/validators';
import { documentStartLines, parseSource, readInRuns, readSourceSync, type LoadedRules, type ReadSource } from '../load.js';
import { detached } from '../detach.js';
import { metadataRule, pickFieldLocs } from '../rule-stream.js';
import { attackIds } from '../validation.js';
import { slices } from './slices.js';

/** Inputs per chunk: SigmaHQ's 3,141 files make 25 chunks, enough for the threads to share the work evenly. */
export const CHECK_CHUNK_FILES = 128;

/**
 * Fewer input files than this and `check` stays on the main thread unless `--jobs` asks otherwise. A worker costs
 * about 0.1 s to start and warms up a JIT of its own, and a file is little work to check (parse and validators,
 * about 0.3 ms). Measured on this shared 2-core VM, whole process, alternating runs: SigmaHQ's 3,141 files with a
 * worker about even with one thread in the calmest rounds (0.95-1.11 s against 1.07-1.13 s) and slower under load
 * 3.5-6 (medians 1.75 against 1.30 s, 2.88 against 2.35 s); 6,282 files under load 3.5, 3.12 against 2.70 s. So
 * SigmaHQ-sized runs stay on one thread by default; this bound is to be measured again on a quiet machine.
 */
export const CHECK_PARALLEL_MIN_FILES = 5000;

/**
 * The collection validators known to read only what a reduced rule keeps (kind, id, name, title, loc, the locations
 * of id, name and title).
 * A selection with any other collection validator is checked on one thread: it may read what the chunks drop.
 */
export const METADATA_COLLECTION_VALIDATORS: ReadonlySet<string> = new Set(['identifier_uniqueness', 'duplicate_title', 'duplicate_filename']);

/** A slice of the inputs, in input order; a source already read (stdin) is sent along, the others are read here. */
export interface CheckJob {
  readonly index: number;
  readonly paths: readonly string[];
  readonly sources: readonly (ReadSource | undefined)[];
}

/** What every thread of a run checks with: the same on each, so a chunk's findings do not depend on its thread. */
export interface CheckSetup {
  readonly cwd: string;
  readonly selection: ValidatorSelection;
  /** `--no-validators`: parse and schema checks only. */
  readonly validators: boolean;
  /** The date validators compare against, taken once for the run. */
  readonly today: Date;
  /** JUnit reports place diagnostics by YAML document: the chunk finds each file's document start lines. */
  readonly documentLines: boolean;
}

export interface CheckChunkResult {
  readonly index: number;
  /** Display names of the chunk's inputs, in input order. */
  readonly files: readonly string[];
  /** Each input parsed, its rules reduced to their metadata. */
  readonly parsed: readonly ParsedSource[];
  /** Document start lines of each input (when asked for and the input was read). */
  readonly lines: readonly (readonly number[] | undefined)[];
  /** The findings of each document validator of the selection (in VALIDATORS order) over the chunk's documents. */
  readonly findings: readonly (readonly Diagnostic[])[];
}

/** Is this selection checked correctly in chunks? Only if its collection validators read metadata alone. */
export function chunkable(selection: ValidatorSelection): boolean {
  return VALIDATORS.every((v) => v.kind !== 'collection' || !selection.enabled.has(v.name) || METADATA_COLLECTION_VALIDATORS.has(v.name));
}

/** The selected validators in the order validateDocuments runs them. */
function active(selection: ValidatorSelection): Validator[] {
  return VALIDATORS.filter((v) => selection.enabled.has(v.name));
}

/** A selection of one validator: validateDocuments then runs just it, with the selection's params and exclusions. */
function only(selection: ValidatorSelection, v: Validator): ValidatorSelection {
  return { ...selection, enabled: new Set([v.name]) };
}

/**
 * Where the main thread's checks place their findings on a reduced rule: the duplicate id and name checks
 * (buildCollection) and the uniqueness validators (identifier, title) at the field, the file name's at the rule.
 * The other fields' locations are left in the chunk: each one is a copy of the file's path when a result is cloned
 * to the main thread (about 2.4 KB a rule with them all, over SigmaHQ's rules).
 */
const KEPT_FIELD_LOCS = ['id', 'name', 'title'];

/** A rule with what the main thread's checks read of it; correlations and filters cross whole (they are few). */
function reduced(doc: SigmaDocument): SigmaDocument {
  if (doc.kind !== 'rule') return doc;
  // Kept until the end of the run: the strings are copied, as each one read on this thread slices its rule's text
  // and would keep all of it (detach.ts).
  return metadataRule({
    title: detached(doc.title),
    loc: doc.loc,
    taxonomy: detached(doc.taxonomy),
    fieldLocs: pickFieldLocs(doc, KEPT_FIELD_LOCS),
    ...(doc.id !== undefined ? { id: detached(doc.id) } : {}),
    ...(doc.name !== undefined ? { name: detached(doc.name) } : {}),
    ...(doc.level !== undefined ? { level: doc.level } : {}),
  });
}

/** A thread's checker: the ATT&CK table is built once per thread, not once per chunk. */
export function chunkChecker(setup: CheckSetup): (job: CheckJob) => CheckChunkResult {
  const attack: AttackIds = attackIds();
  const validators = setup.validators ? active(setup.selection).filter((v) => v.kind === 'document') : [];
  return (job) => {
    const files: string[] = [];
    const parsed: ParsedSource[] = [];
    const lines: (readonly number[] | undefined)[] = [];
    const docs: SigmaDocument[] = [];
    readInRuns(job.paths, (path, i) => job.sources[i] ?? readSourceSync(path, setup.cwd), (source) => {
      const result = parseSource(source);
      files.push(source.name);
      docs.push(...result.documents);
      parsed.push({ documents: result.documents.map(reduced), diagnostics: result.diagnostics });
      lines.push(setup.documentLines && source.text !== undefined ? documentStartLines(source.text) : undefined);
    });
    const findings = validators.map((v) => validateDocuments(docs, { selection: only(setup.selection, v), attack, today: setup.today }));
    return { index: job.index, files, parsed, lines, findings };
  };
}

/** The jobs of a run: the inputs in chunks, in order, with the sources already read. */
export function checkJobs(paths: readonly string[], preread: ReadonlyMap<string, ReadSource>): CheckJob[] {
  return slices(paths, CHECK_CHUNK_FILES).map((slice, index) => ({ index, paths: slice, sources: slice.map((p) => preread.get(p)) }));
}

/**
 * The chunks' results (in order) put together as a one-thread run has them: the loaded rules (with reduced rules:
 * enough for the collection diagnostics, the JUnit cases and the counts) and the validator findings in
 * validateDocuments' order, validator by validator, the collection validators run here over every document.
 */
export function checkedRun(results: readonly CheckChunkResult[], setup: CheckSetup): { loaded: LoadedRules; findings: Diagnostic[] } {
  const files: string[] = [];
  const parsed: ParsedSource[] = [];
  const documents = new Map<string, readonly SigmaDocument[]>();
  const lines = new Map<string, readonly number[]>();
  for (const r of results) {
    r.files.forEach((file, i) => {
      files.push(file);
      parsed.push(r.parsed[i]!);
      documents.set(file, r.parsed[i]!.documents);
      const l = r.lines[i];
      if (l !== undefined) lines.set(file, l);
    });
  }
  const loaded: LoadedRules = { collection: buildCollection(parsed), files, documents, documentLines: (file) => lines.get(file) };
  const findings: Diagnostic[] = [];
  if (setup.validators) {
    const docs = [...documents.values()].flat();
    const attack = attackIds();
    let k = 0;
    for (const v of active(setup.selection)) {
      if (v.kind === 'collection') {
        for (const d of validateDocuments(docs, { selection: only(setup.selection, v), attack, today: setup.today })) findings.push(d);
        continue;
      }
      for (const r of results) for (const d of r.findings[k]!) findings.push(d);
      k++;
    }
  }
  return { loaded, findings };
}
