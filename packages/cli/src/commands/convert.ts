import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadCollection } from '@sigmats/core';
import type { Backend, ConvertOptions, ConvertedRule, Diagnostic, SigmaCollection } from '@sigmats/core';
import { parseArgs, UsageError, type OptionSpec } from '../args.js';
import { colorsFor } from '../color.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../exit.js';
import { drained, writeInPieces, type CliIo, type OutStream } from '../io.js';
import { STDIN } from '../files.js';
import { directSink, fileSink, memorySink, type LineSink } from '../line-sink.js';
import { loadRules, STDIN_NAME, type LoadedRules } from '../load.js';
import { DuplicateTracker, prescan, ruleChunks } from '../rule-stream.js';
import { stillYoungGeneration } from '../young-generation.js';
import { convertChunk, convertTarget, type ChunkJob, type ChunkResult, type TargetChunk } from '../parallel/chunk.js';
import { convertOptionsFor, type WorkerSetup } from '../parallel/setup.js';
import { parseJobs } from '../parallel/jobs.js';
import { slices } from '../parallel/slices.js';
import { ChunkPool, chunkResults, chunksOff, jobsFor, PARALLEL_MIN_WORK, workerScript } from '../parallel/pool.js';
import { inputReading, refuseOutputsOverInputs } from '../overwrite.js';
import { tryWriteFileAtomic, tryWriteOutputFile, uniqueStems } from '../output.js';
import { Progress } from '../progress.js';
import { DiagnosticStore, TextTable } from '../diagnostic-store.js';
import { BackendUnavailable, loadBackend, type Target } from '../registry.js';
import { countSeverities, printDiagnostics, printSortedDiagnostics, writeSortedDiagnostics } from '../report.js';
import { reportedOf, sortedUniqueOf, type ReportPart } from '../sorted-report.js';
import { checkFilterFiles, CodeTally, diagnosticJson, diagnosticsOf, filePatternRegExp, UNSUPPORTED_CODES, unsupportedOnly, withRuleComments } from '../convert-extras.js';
import { COLOR_OPTION, discoverOrFail } from './common.js';
import { parseBackendOptions, parseTargets, resolvePipelineArgs } from '../convert-args.js';

/** Bumped when the NDJSON shape changes incompatibly. */
export const JSON_VERSION = 1;

const SPEC: readonly OptionSpec[] = [
  { name: 'target', short: 't', type: 'string' },
  { name: 'pipeline', short: 'p', type: 'list' },
  { name: 'no-default-pipelines', type: 'boolean' },
  { name: 'format', short: 'f', type: 'string' },
  { name: 'option', short: 'O', type: 'list' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'json', type: 'boolean' },
  { name: 'skip-unsupported', type: 'boolean' },
  { name: 'filter', type: 'list' },
  { name: 'file-pattern', type: 'list' },
  { name: 'comments', type: 'boolean' },
  { name: 'no-comments', type: 'boolean' },
  { name: 'summary', type: 'boolean' },
  { name: 'verbose', short: 'v', type: 'boolean' },
  { name: 'no-progress', type: 'boolean' },
  { name: 'jobs', short: 'j', type: 'string' },
  COLOR_OPTION,
];

/** More diagnostics than this, and a terminal (or --summary): the first SUMMARY_SHOWN, then counts by code. */
const SUMMARY_AFTER = 50;
const SUMMARY_SHOWN = 20;

/** One target's conversion over the run: accumulated chunk by chunk when streamed, in one piece otherwise. */
interface TargetRun {
  readonly target: Target;
  readonly backend: Backend;
  readonly options: ConvertOptions;
  /** The format converted to (the backend's default unless -f). */
  format: string;
  /** Rules converted and past the output gate. */
  converted: number;
  /** Their keys (kept for --json only: its list of rules that did not convert). */
  readonly convertedKeys: Set<string>;
  /** The backend's diagnostics, chunk by chunk; the diagnostics of the target are these, then the gate's. */
  readonly backendDiagnostics: DiagnosticStore;
  readonly gateDiagnostics: DiagnosticStore;
  /** A rule failed the output gate: the combined output (one file, stdout) is not written at all. */
  heldBack: boolean;
  /** The combined output and every converted rule: only in a run converted in one piece. */
  whole?: { readonly output: string; readonly rules: readonly ConvertedRule[] };
  /** Files written for this target (listed for --json only), and failed writes: reported target by target. */
  readonly written: string[];
  writtenCount: number;
  readonly writeErrors: string[];
  /** NDJSON lines of this target until their turn. */
  sink?: LineSink;
  /** The backend threw: the target is left out from then on. */
  broken: boolean;
  /** Rule outputs of a combined output converted in parallel chunks, joined at the end. */
  readonly parts: string[];
}

/** A target's diagnostics, read back one by one: the backend's, then the output gate's. */
function* diagnosticsOfRun(run: TargetRun): Generator<Diagnostic> {
  yield* run.backendDiagnostics;
  yield* run.gateDiagnostics;
}

function fileOf(rule: ConvertedRule): string {
  return rule.document.loc.file;
}

function ruleJson(run: TargetRun, rule: ConvertedRule, diagnostics: readonly Diagnostic[] = []): string {
  const d = rule.document;
  return JSON.stringify({
    version: JSON_VERSION,
    type: 'rule',
    target: run.target,
    format: run.format,
    file: fileOf(rule),
    key: rule.key,
    id: d.id ?? null,
    title: d.title,
    kind: d.kind,
    level: d.level ?? null,
    queries: rule.queries,
    output: rule.output,
    dataSources: rule.dataSources,
    diagnostics: diagnostics.map(diagnosticJson),
  });
}

const EMPTY_COLLECTION: SigmaCollection = { rules: [], correlations: [], filters: [], byRef: new Map(), diagnostics: [] };

/**
 * A conversion can be streamed chunk by chunk only if its diagnostics are all about rules: a backend reports
 * option, format and pipeline problems before any rule, and would report them again for every chunk.
 */
function convertsPerRule(run: TargetRun): boolean {
  try {
    return run.backend.convert(EMPTY_COLLECTION, run.options).diagnostics.length === 0;
  } catch {
    return false;
  }
}

const DISCARD: OutStream = { write: () => undefined };

/**
 * Inputs per chunk of a streamed conversion. Small chunks, for two reasons (BENCHMARKS.md, round 8):
 * - A chunk's rules stay alive until every target has converted them; fewer at a time die young more often instead
 *   of being copied to the old generation. One thread, 7 alternating runs over SigmaHQ's rules: `-t all` 2,250 ->
 *   2,013 ms wall (CPU 2,169 -> 2,116 ms) with chunks of 32 instead of 128, `-t splunk` 1,082 -> 1,036 ms.
 * - A worker is given its next chunk only when this thread, which converts chunks too, looks at its messages
 *   between two of its own chunks: with chunks of 128 and two held per worker, a profile of `-t all` showed the
 *   worker idle for 300 ms waiting. With chunks of 32 and four held (CHUNKS_PER_WORKER) it waits about 30 ms, and
 *   `-t all` on two threads went 2,963 -> 1,917 ms wall under load (CPU unchanged, 2.9 s).
 */
const CHUNK_FILES = 32;

/** Chunks a worker holds at a time: enough to work on while this thread converts a chunk of its own. */
const CHUNKS_PER_WORKER = 4;

/**
 * Two rules sharing a title, as one probe collection: a backend (with the run's pipelines, format and options)
 * whose combined output for them is their outputs joined by a blank line combines any rules that way, and so can be
 * converted in chunks and joined. Formats that number stanzas, wrap rules in one JSON document or add a header
 * (Splunk savedsearches, Sumo scheduled-search, CSE cse-rule), and pipeline finalizers, answer no.
 */
const JOIN_PROBE = ['1', '2']
  .map((n) => `title: sigmats join probe\nid: 5f0c1a2b-0000-4000-8000-00000000000${n}\nlogsource:\n  product: windows\n  category: process_creation\ndetection:\n  sel:\n    Image|endswith: '\\probe${n}.exe'\n  condition: sel\n`)
  .join('---\n');

function joinsRuleOutputs(run: TargetRun): boolean {
  try {
    const result = run.backend.convert(loadCollection([{ text: JOIN_PROBE, file: 'probe.yml' }]), run.options);
    return result.rules.length === 2 && result.output === result.rules.map((r) => r.output).join('\n\n');
  } catch {
    return false;
  }
}

/** Keys (or files) of everything that failed, from error diagnostics. */
function failedUnits(diags: Iterable<Diagnostic>): Set<string> {
  const units = new Set<string>();
  for (const d of diags) if (d.severity === 'error') units.add(d.rule ?? d.file);
  return units;
}

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, SPEC, 'convert');
  const colors = colorsFor(io.stderr, io, args.flags.has('no-color'));
  const targets = parseTargets(args.strings.get('target'));
  const optionArgs = args.lists.get('option') ?? [];
  parseBackendOptions(optionArgs); // reject malformed -O before doing any work
  const format = args.strings.get('format');
  const output = args.strings.get('output');
  const json = args.flags.has('json');
  const filePattern = args.lists.has('file-pattern') ? filePatternRegExp(args.lists.get('file-pattern')!) : undefined;
  const found = discoverOrFail('convert', args.positionals, io, filePattern);
  const filterFiles = args.lists.get('filter') ?? [];
  const filterProblems = checkFilterFiles(filterFiles, io.cwd);
  if (filterProblems.length > 0) throw new UsageError(filterProblems.join('; '), 'convert');
  const verbose = args.flags.has('verbose');
  const requestedJobs = parseJobs(args.strings.get('jobs'), 'convert');
  const skipUnsupported = args.flags.has('skip-unsupported');

  // Backends load in parallel, only the requested ones.
  const backends = new Map<Target, Backend>();
  const loadErrors: string[] = [];
  await Promise.all(
    targets.map(async (t) => {
      try {
        backends.set(t, await loadBackend(t));
      } catch (err) {
        if (!(err instanceof BackendUnavailable)) throw err;
        loadErrors.push(err.message);
      }
    }),
  );
  for (const m of loadErrors) io.stderr.write(`sigmats convert: error: ${m}\n`);
  if (backends.size === 0) return EXIT_FAILED;
  const ordered = targets.filter((t) => backends.has(t));

  if (format !== undefined) {
    for (const t of ordered) {
      const b = backends.get(t)!;
      if (!b.formats.some((f) => f.name === format)) {
        throw new UsageError(`unknown format '${format}' for ${t} (formats: ${b.formats.map((f) => f.name).join(', ')})`, 'convert');
      }
    }
  }

  // Every output path is known from the inputs: refuse any that would replace or be read as an input before work.
  const outputAsDir =
    output !== undefined &&
    (ordered.length > 1 || output.endsWith('/') || output.endsWith('\\') || (existsSync(resolve(io.cwd, output)) && statSync(resolve(io.cwd, output)).isDirectory()));
  const outputName = (target: Target, file: string, names: ReadonlyMap<string, string>): string => {
    const b = backends.get(target)!;
    const ext = b.formats.find((f) => f.name === (format ?? b.defaultFormat))?.extension ?? 'txt';
    const name = `${names.get(file) ?? 'rule'}.${ext}`;
    return ordered.length > 1 ? join(output!, target, name) : join(output!, name);
  };
  // Outputs checked here are not checked again before their write (each check resolves every component of the
  // path and of every input: over the corpus, -t all -o DIR made 256,108 statx calls, about 50,000 of them second
  // checks); write() still checks any path this plan did not foresee. The plan is not kept as a set of paths (at 8
  // times the corpus that set alone was 100,000 strings): a written path is planned when the plan's names give it.
  // The same names serve the files a streamed run writes (at 8 times the corpus, a second map of them was 2 MB).
  // Only a folder of outputs needs them (15 ms over SigmaHQ's rules, otherwise spent on every run).
  const planNames: ReadonlyMap<string, string> = outputAsDir ? uniqueStems(found.files.map((f) => (f === STDIN ? STDIN_NAME : f))) : new Map();
  const isPlanned = (target: Target, file: string | undefined, path: string): boolean =>
    output !== undefined && (outputAsDir ? file !== undefined && outputName(target, file, planNames) === path : path === output);
  if (output !== undefined) {
    const displayed = found.files.map((f) => (f === STDIN ? STDIN_NAME : f));
    const planned = outputAsDir ? (function* () { for (const t of ordered) for (const f of displayed) yield outputName(t, f, planNames); })() : [output];
    refuseOutputsOverInputs('convert', planned, args.positionals, io.cwd, filePattern);
  }

  const pipes = resolvePipelineArgs(args.lists.get('pipeline') ?? [], backends, io);
  if (pipes.diagnostics.length > 0) printDiagnostics(pipes.diagnostics, io.stderr, colors);
  if (countSeverities(pipes.diagnostics).errors > 0) return EXIT_USAGE;

  const loadErrorsBefore = loadErrors.length;
  // The run's arguments as a worker thread takes them, and the options every thread builds from them.
  const setup: WorkerSetup = {
    cwd: io.cwd,
    targets: ordered,
    ...(format !== undefined ? { format } : {}),
    pipelineArgs: args.lists.get('pipeline') ?? [],
    noDefaultPipelines: args.flags.has('no-default-pipelines'),
    optionArgs,
  };
  // One table of kept strings for every store of the run (diagnostic-store.ts), holding the input names themselves.
  const keptTexts = new TextTable(found.files);
  const runs: TargetRun[] = ordered.map((target) => {
    const backend = backends.get(target)!;
    return {
      target,
      backend,
      options: convertOptionsFor(setup, target, pipes.perTarget.get(target) ?? []),
      format: format ?? backend.defaultFormat,
      converted: 0,
      convertedKeys: new Set<string>(),
      backendDiagnostics: new DiagnosticStore(keptTexts),
      gateDiagnostics: new DiagnosticStore(keptTexts),
      heldBack: false,
      written: [],
      writtenCount: 0,
      writeErrors: [],
      broken: false,
      parts: [],
    };
  });
  const live = (): TargetRun[] => runs.filter((r) => !r.broken);

  const commentsOn = (r: TargetRun, toFile: boolean): boolean =>
    !args.flags.has('no-comments') && (args.flags.has('comments') || (!toFile && io.stdout.isTTY === true)) && r.format === r.backend.defaultFormat;

  // Files under -o DIR and NDJSON lines are per rule: such a run is converted and written chunk by chunk, so its
  // memory does not grow with the input (a corpus 8 times SigmaHQ's held 4.6 times the memory). Correlations,
  // filters and combined outputs need the whole collection: those runs are converted in one piece, except that a
  // combined output that is its rules' outputs joined (see JOIN_PROBE) is converted in chunks on worker threads.
  // Large runs convert their chunks on worker threads (one per core): same output, in the same order.
  const plain = !json && !outputAsDir;
  // Workers take part when there are two chunks or more and either --jobs asked for them or the run is large:
  // its files times its targets (each target converts every file). The cores are counted only then, and once:
  // node:os is not loaded for a small run.
  let counted: number | undefined;
  const threads = (): number => (counted ??= jobsFor(requestedJobs));
  const script =
    found.files.length > CHUNK_FILES && (requestedJobs !== undefined || found.files.length * ordered.length >= PARALLEL_MIN_WORK) && threads() > 1 ? workerScript() : undefined;
  // SIGMATS_CHUNKS=off: one collection of every rule, converted at once (the reference the tests hold chunked and
  // streamed runs to).
  const chunkable = !chunksOff() && filterFiles.length === 0 && runs.every(convertsPerRule);
  // Chunks converted in turn and let go (on worker threads or on this one), their outputs written or joined as
  // they come: a combined output qualifies when it is its rules' outputs joined (JOIN_PROBE). Even on one thread
  // this is faster than one collection of every rule, which the garbage collector copies to the old generation as
  // the run goes: `convert -t splunk --jobs 1` over SigmaHQ's 3,141 rules, 9 alternating runs, 893 -> 855 ms wall,
  // 1,109 -> 1,045 ms CPU, 140 -> 122 MB peak (BENCHMARKS.md, round 8).
  const chunkedWanted =
    found.files.length > CHUNK_FILES &&
    chunkable &&
    (!plain || runs.every((r) => !commentsOn(r, output !== undefined) && joinsRuleOutputs(r)));
  const parallelWanted = script !== undefined && chunkedWanted;
  // The workers start before the prescan, to load while it reads the inputs; an input it finds not streamable
  // (a correlation or a filter) stops them again.
  const workerErrors: string[] = [];
  const pool = parallelWanted
    ? new ChunkPool(
        script,
        setup,
        Math.min(threads(), Math.ceil(found.files.length / CHUNK_FILES)) - 1,
        (m) => workerErrors.push(m),
        CHUNKS_PER_WORKER,
      )
    : undefined;
  let prescanned: Awaited<ReturnType<typeof prescan>> | undefined;
  try {
    const prescanWanted = chunkedWanted || ((outputAsDir || (json && output === undefined)) && chunkable);
    // Without workers, the young generation does not grow during the prescan (young-generation.ts).
    if (prescanWanted && pool === undefined) stillYoungGeneration();
    prescanned = prescanWanted ? await prescan(found.files, io) : undefined;
  } catch (err) {
    pool?.close();
    throw err;
  }
  const chunked = chunkedWanted && prescanned?.streamable === true;
  if (!chunked) pool?.close();
  const streamed = prescanned?.streamable === true && (!plain || chunked);
  const displayed = found.files.map((f) => (f === STDIN ? STDIN_NAME : f));

  const progressOn = !args.flags.has('no-progress') && io.stderr.isTTY === true && found.files.length >= Progress.MIN_BATCH;
  const progress = new Progress(io.stderr, found.files.length + (streamed ? 0 : ordered.length), streamed ? 'converting' : 'parsing', progressOn);

  // Outputs under -o DIR and NDJSON lines, written as each piece is converted.
  // `writeFile`: the one -o FILE output is the user's own path (output.ts tryWriteOutputFile); files under -o DIR are
  // this run's, written atomically without looking at what is there first (one stat less per file).
  const write = (r: TargetRun, file: string | undefined, path: string, content: string, writeFile = tryWriteFileAtomic): void => {
    // Second line of defence: a path the plan above did not foresee (a backend chose another format) is checked too.
    const reader = isPlanned(r.target, file, path) ? undefined : inputReading(path, args.positionals, io.cwd);
    const problem =
      reader !== undefined ? `cli/usage: output ${path} would be read as an input (by ${reader}); not written` : writeFile(resolve(io.cwd, path), content);
    if (problem) r.writeErrors.push(problem);
    else {
      r.writtenCount++;
      if (json) r.written.push(path);
    }
  };
  let names: ReadonlyMap<string, string> | undefined;
  let usage = false;
  let fileCount = 0;
  // Diagnostics of reading, parsing and the collection (in the collection's own order: parse, then its checks),
  // kept in columns until the end of the run (diagnostic-store.ts).
  const parseDiags = new DiagnosticStore(keptTexts);
  const collectionDiags = new DiagnosticStore(keptTexts);

  type PieceResult = { r: TargetRun; rules: readonly ConvertedRule[]; diags: readonly Diagnostic[] };

  /**
   * One target's conversion of a piece taken into its run (a backend that threw leaves the run from then on);
   * `pieceDiags` are the piece's read, parse and collection diagnostics. False when the target is out.
   */
  const take = (r: TargetRun, t: TargetChunk, pieceDiags: readonly Diagnostic[], results: PieceResult[]): boolean => {
    if (t.error !== undefined) {
      loadErrors.push(`${r.target} backend failed: ${t.error}`);
      r.broken = true;
      return false;
    }
    r.format = t.format;
    r.backendDiagnostics.pushAll(t.backendDiagnostics);
    r.gateDiagnostics.pushAll(t.gateDiagnostics);
    if (t.heldBack) r.heldBack = true;
    if (t.usage) usage = true;
    results.push({ r, rules: t.rules, diags: [...pieceDiags, ...t.backendDiagnostics, ...t.gateDiagnostics] });
    return true;
  };

  /** One piece of the input through every target; false when a usage problem stops the run. */
  const convertPiece = (collection: SigmaCollection, whole: boolean): boolean => {
    const results: PieceResult[] = [];
    for (const r of live()) {
      if (whole) progress.setLabel(`converting (${r.target})`);
      const t = convertTarget(r, collection);
      if (take(r, t, collection.diagnostics, results) && whole) r.whole = { output: t.output, rules: t.rules };
      if (whole) progress.tick();
    }
    return applyPiece(results);
  };

  /** A converted piece written out (files under -o DIR, NDJSON lines); false when a usage problem stops the run. */
  const applyPiece = (results: readonly PieceResult[]): boolean => {
    // Option problems stop the whole conversion: that is a usage error, not a rule failure.
    if (usage) return false;
    const multi = live().length > 1;
    for (const { r, rules, diags } of results) {
      if (r.broken) continue;
      r.converted += rules.length;
      // The run's one copy of each key (TextTable.kept): not one per target, and none that slices a rule's text.
      if (json) for (const rule of rules) r.convertedKeys.add(keptTexts.kept(rule.key));
      if (outputAsDir) {
        const ext = r.backend.formats.find((f) => f.name === r.format)?.extension ?? 'txt';
        const byFile = new Map<string, ConvertedRule[]>();
        for (const rule of rules) {
          const list = byFile.get(fileOf(rule));
          if (list) list.push(rule);
          else byFile.set(fileOf(rule), [rule]);
        }
        for (const [file, fileRules] of byFile) {
          const name = `${names!.get(file) ?? 'rule'}.${ext}`;
          const path = multi ? join(output!, r.target, name) : join(output!, name);
          write(r, file, path, `${(commentsOn(r, true) ? withRuleComments(r.target, fileRules) : undefined) ?? fileRules.map((x) => x.output).join('\n\n')}\n`);
        }
      }
      if (json) for (const rule of rules) r.sink!.write(`${ruleJson(r, rule, diagnosticsOf(rule, diags))}\n`);
    }
    return true;
  };

  /** A chunk converted elsewhere (parallel/chunk.ts): its results taken in as convertPiece takes its own. */
  const tracker = new DuplicateTracker(keptTexts);
  const applyChunk = (res: ChunkResult): boolean => {
    parseDiags.pushAll(res.parseDiagnostics);
    const duplicates = tracker.check(res.docs);
    collectionDiags.pushAll(duplicates);
    const chunkDiags = [...res.parseDiagnostics, ...duplicates];
    const results: PieceResult[] = [];
    for (const t of res.targets) {
      const r = runs.find((x) => x.target === t.target);
      if (r === undefined || r.broken) continue;
      if (take(r, t, chunkDiags, results) && plain) for (const rule of t.rules) r.parts.push(rule.output);
    }
    return applyPiece(results);
  };

  if (json) {
    // The first target's lines go straight out; the others' wait for their turn (in a file when streamed).
    runs.forEach((r, i) => (r.sink = i === 0 ? directSink(io.stdout) : streamed ? fileSink() : memorySink()));
  }
  try {
    if (chunked) {
      names = planNames;
      fileCount = displayed.length;
      const kept = prescanned!.kept;
      const jobs: ChunkJob[] = [];
      for (const paths of slices(found.files, CHUNK_FILES)) jobs.push({ index: jobs.length, paths, sources: paths.map((p) => kept.get(p)) });
      kept.clear();
      const local = (job: ChunkJob): ChunkResult => convertChunk(job, io.cwd, runs);
      for await (const res of chunkResults(pool, jobs, local)) {
        // The prescan's texts of a finished chunk are let go: at 8 times SigmaHQ's corpus its budget keeps 5,200
        // of them (7.7 MB), which the jobs held until the end of the run.
        jobs[res.index]!.sources.fill(undefined);
        const going = applyChunk(res);
        progress.tick(res.files.length);
        if (!going) break;
        // NDJSON lines wait for a slow reader here rather than in memory.
        if (json) await drained(io.stdout);
      }
      if (verbose) {
        const used = pool ? Math.min(threads(), jobs.length) : 1;
        io.stderr.write(`sigmats convert: ${fileCount} files in ${jobs.length} chunks on ${pool ? `${used} threads (${used - 1} workers)` : '1 thread'}\n`);
      }
      if (workerErrors.length > 0) {
        io.stderr.write(`sigmats convert: warning: ${workerErrors.length} worker thread failure${workerErrors.length === 1 ? '' : 's'}; their files were converted on the main thread (first: ${workerErrors[0]!.split('\n')[0]})\n`);
      }
      if (plain) for (const r of live()) r.whole = { output: r.parts.join('\n\n'), rules: [] };
    } else if (streamed) {
      names = planNames;
      fileCount = displayed.length;
      for (const chunk of ruleChunks(found.files, io.cwd, prescanned!.kept, CHUNK_FILES, keptTexts)) {
        parseDiags.pushAll(chunk.parseDiagnostics);
        collectionDiags.pushAll(chunk.collectionDiagnostics);
        const going = convertPiece(chunk.collection, false);
        progress.tick(chunk.files.length);
        if (!going) break;
        if (json) await drained(io.stdout);
      }
    } else {
      // Filter files load with the rules: the collection applies them (core's filters), they convert to nothing.
      const loaded: LoadedRules = await loadRules([...found.files, ...filterFiles.filter((f) => !found.files.includes(f))], io, progress, prescanned?.kept);
      names = outputAsDir ? uniqueStems(loaded.files) : new Map();
      fileCount = loaded.files.length;
      parseDiags.pushAll(loaded.collection.diagnostics);
      convertPiece(loaded.collection, true);
    }
  } catch (err) {
    pool?.close();
    for (const r of runs) await r.sink?.drain(DISCARD);
    throw err;
  }
  progress.clear();
  for (const m of loadErrors.slice(loadErrorsBefore)) io.stderr.write(`sigmats convert: error: ${m}\n`);

  const done = live();
  const multi = done.length > 1;
  // The report is built from the stores (diagnostic-store.ts) one file at a time (sorted-report.ts): each diagnostic
  // is read back where it is needed, a fresh object each time, so the target's name is added to its message in place.
  const tag = (r: TargetRun, message: string): string => (multi ? `${message} [${r.target}]` : message);
  // --skip-unsupported: a rule whose only errors say the target cannot express it is skipped, not failed.
  const skipped = new Map(done.map((r) => [r.target, skipUnsupported ? unsupportedOnly(diagnosticsOfRun(r)) : new Set<string>()]));
  const isSkipped = (r: TargetRun, d: Diagnostic): boolean => d.severity === 'error' && UNSUPPORTED_CODES.has(d.code) && skipped.get(r.target)!.has(d.rule ?? d.file);
  const targetParts = (r: TargetRun, map: (d: Diagnostic) => Diagnostic | undefined): ReportPart[] => [
    { list: r.backendDiagnostics, map },
    { list: r.gateDiagnostics, map },
  ];
  // Every diagnostic of the run, in this order: discovery, reading and parsing, the collection, each target's.
  const allParts: ReportPart[] = [
    { list: found.diagnostics },
    { list: parseDiags },
    { list: collectionDiags },
    ...done.flatMap((r) =>
      targetParts(r, (d) => {
        if (isSkipped(r, d)) return undefined;
        (d as { message: string }).message = tag(r, d.message);
        return d;
      }),
    ),
  ];
  const skippedParts = done.flatMap((r) =>
    targetParts(r, (d) => (isSkipped(r, d) ? { ...d, severity: 'warning' as const, message: `${tag(r, d.message)} (skipped: --skip-unsupported)` } : undefined)),
  );
  // Failed rules for --json's summary: the run's (from the errors reported, skipped ones left out), and each
  // target's count (from all of its errors, as before --skip-unsupported is applied).
  const counts = countSeverities(reportedOf(allParts));
  const failed = json ? failedUnits(reportedOf(allParts)) : new Set<string>();
  const runFailures = new Map(done.map((r) => [r, json ? failedUnits(diagnosticsOfRun(r)).size : 0]));
  const shown = sortedUniqueOf(verbose ? [...allParts, ...skippedParts] : allParts);
  if (!verbose && (args.flags.has('summary') || io.stderr.isTTY === true)) {
    // A long report becomes its first SUMMARY_SHOWN lines and counts by code.
    const first: Diagnostic[] = [];
    const tally = new CodeTally();
    for (const d of shown) {
      if (first.length <= SUMMARY_AFTER) first.push(d);
      tally.add(d);
    }
    if (tally.total > SUMMARY_AFTER) {
      printSortedDiagnostics(first.slice(0, SUMMARY_SHOWN), io.stderr, colors);
      io.stderr.write(tally.summary(SUMMARY_SHOWN, 'run with --verbose to see all of them (or --json: each rule carries its own)'));
    } else await writeSortedDiagnostics(first, io.stderr, colors);
  } else await writeSortedDiagnostics(shown, io.stderr, colors);
  if (skipUnsupported) {
    const per = done.filter((r) => skipped.get(r.target)!.size > 0).map((r) => (multi ? `${r.target} ${skipped.get(r.target)!.size}` : `${skipped.get(r.target)!.size}`));
    const n = done.reduce((k, r) => k + skipped.get(r.target)!.size, 0);
    if (n > 0) io.stderr.write(`skipped ${per.join(', ')} rule${n === 1 ? '' : 's'} the target cannot express (backend/unsupported-*)${verbose ? '' : '; --verbose lists them'}\n`);
  }
  if (usage) {
    for (const r of runs) await r.sink?.drain(DISCARD);
    return EXIT_USAGE;
  }

  // One combined output (a file, or stdout): only from a run converted in one piece.
  const plainOutput = (r: TargetRun, toFile: boolean): string => (commentsOn(r, toFile) ? withRuleComments(r.target, r.whole!.rules) : undefined) ?? r.whole!.output;
  if (output !== undefined && !outputAsDir) {
    const r = done[0]!;
    if (r.heldBack) r.writeErrors.push(`io/write-failed: ${output} not written: a rule failed the ${r.target} output gate`);
    else write(r, undefined, output, plainOutput(r, true) === '' ? '' : `${plainOutput(r, true)}\n`, tryWriteOutputFile);
  }

  for (const r of done) for (const m of r.writeErrors) io.stderr.write(`sigmats convert: error: ${m}\n`);
  const writtenCount = done.reduce((n, r) => n + r.writtenCount, 0);
  if (json) {
    const out = directSink(io.stdout);
    const inputDiags = [...parseDiags, ...collectionDiags];
    for (const r of runs) {
      // A target whose backend threw is left out (in a streamed run, after the lines of the chunks before).
      await r.sink!.drain(r.broken ? DISCARD : io.stdout);
      if (r.broken) continue;
      // Rules that did not convert: their diagnostics, so a JSON consumer sees every rule.
      const runDiags = [...inputDiags, ...diagnosticsOfRun(r)];
      for (const unit of [...failedUnits(runDiags)].filter((u) => !r.convertedKeys.has(u)).sort()) {
        const diags = runDiags.filter((d) => (d.rule ?? d.file) === unit);
        const file = diags[0]?.file ?? unit;
        const skip = skipped.get(r.target)!.has(unit);
        out.write(`${JSON.stringify({ version: JSON_VERSION, type: skip ? 'skipped' : 'failed', target: r.target, file, key: unit, diagnostics: diags.map(diagnosticJson) })}\n`);
      }
      await out.drain(io.stdout);
    }
    io.stdout.write(
      `${JSON.stringify({
        version: JSON_VERSION,
        type: 'summary',
        files: fileCount,
        targets: done.map((r) => ({
          target: r.target,
          format: r.format,
          converted: r.converted,
          failed: runFailures.get(r)!,
        })),
        failed: [...failed].sort(),
        errors: counts.errors,
        warnings: counts.warnings,
        written: done.flatMap((r) => r.written),
      })}\n`,
    );
  } else if (output === undefined) {
    for (const r of done) {
      if (multi) io.stdout.write(`==> ${r.target} (${r.format}) <==\n`);
      if (r.whole!.output !== '' && !r.heldBack) {
        writeInPieces(io.stdout, plainOutput(r, false));
        io.stdout.write('\n');
      }
      if (multi) io.stdout.write('\n');
    }
  }

  if (output !== undefined || io.stderr.isTTY === true) {
    const per = done.map((r) => `${r.target} ${r.converted}`).join(', ');
    const wrote = writtenCount > 0 ? `; wrote ${writtenCount} file${writtenCount === 1 ? '' : 's'}` : '';
    const line = `converted (${per}) from ${fileCount} file${fileCount === 1 ? '' : 's'}${wrote}; ${counts.errors} error${counts.errors === 1 ? '' : 's'}, ${counts.warnings} warning${counts.warnings === 1 ? '' : 's'}`;
    io.stderr.write(`${counts.errors > 0 ? colors.red(line) : colors.green(line)}\n`);
  }
  return counts.errors > 0 || loadErrors.length > 0 || done.some((r) => r.writeErrors.length > 0) ? EXIT_FAILED : EXIT_OK;
}
