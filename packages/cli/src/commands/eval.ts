import { closeSync, openSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { compileRuleSet, readEvents, type MatchStream } from '@sigmats/evaluator';
import { documentKey, type Diagnostic } from '@sigmats/core';
import { parseArgs, UsageError, type OptionSpec } from '../args.js';
import { colorsFor } from '../color.js';
import { MatchReport } from '../eval-output.js';
import { filePieces } from '../event-file.js';
import { EXIT_FAILED, EXIT_OK } from '../exit.js';
import { STDIN } from '../files.js';
import type { CliIo } from '../io.js';
import { loadRules, readSourceSync, STDIN_NAME } from '../load.js';
import { compileOptions, EVAL_CHUNK_EVENTS, EVAL_EARLY_BYTES, EVAL_PARALLEL_MIN_EVENTS, mayHoldCorrelations, preparerFor, type EvalChunkResult, type EvalJob, type EvalSetup } from '../parallel/eval-chunk.js';
import { EventChunks } from '../parallel/event-chunks.js';
import { EventParts, opensWithObject, streamOpensWithObject, type PartJob, type PartResult } from '../parallel/event-parts.js';
import { parseJobs } from '../parallel/jobs.js';
import { jobsFor, workerScript } from '../parallel/pool.js';
import { StreamPool } from '../parallel/stream-pool.js';
import { countSeverities, printDiagnostics } from '../report.js';
import { LicenceFinder } from '../variants/licence.js';
import { COLOR_OPTION, discoverOrFail } from './common.js';

const SPEC: readonly OptionSpec[] = [
  { name: 'rules', type: 'list' },
  { name: 'no-flatten', type: 'boolean' },
  { name: 'logsource', type: 'string' },
  { name: 'jobs', short: 'j', type: 'string' },
  { name: 'verbose', short: 'v', type: 'boolean' },
  COLOR_OPTION,
];

/**
 * Whether the regular file at `path` is read in parts (parallel/event-parts.ts): its first character opens an object.
 * Only a regular file is opened here (eventFiles says which are): opening a named pipe waits for its writer, and
 * closing it again would leave the writer with no reader.
 */
function opensWithObjectAt(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    return opensWithObject(fd);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The events sources, one `stat` each: their bytes (streams and files that cannot be read count nothing), and whether
 * every one is a regular file (`paths`: each source's path, undefined for stdin that is not a file; not a pipe or a
 * device, nor one that cannot be read: those are reported when read).
 */
function eventFiles(paths: readonly (string | undefined)[]): { readonly bytes: number; readonly regular: boolean } {
  let bytes = 0;
  let regular = true;
  for (const path of paths) {
    if (path === undefined) {
      regular = false;
      continue;
    }
    try {
      const st = statSync(path);
      bytes += st.size;
      if (!st.isFile()) regular = false;
    } catch {
      regular = false;
    }
  }
  return { bytes, regular };
}

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, SPEC, 'eval');
  const colors = colorsFor(io.stderr, io, args.flags.has('no-color'));
  const rulePaths = args.lists.get('rules') ?? [];
  if (rulePaths.length === 0) throw new UsageError('missing --rules PATHS', 'eval');
  if (rulePaths.includes(STDIN)) throw new UsageError('--rules cannot read stdin; events come from stdin', 'eval');
  const routing = args.strings.get('logsource');
  if (routing !== undefined && routing !== 'windows') throw new UsageError(`unknown --logsource '${routing}' (supported: windows)`, 'eval');
  const requestedJobs = parseJobs(args.strings.get('jobs'), 'eval');
  // evtx_dump JSON (Event.System / Event.EventData) gets Sigma's flat field names; other events pass unchanged.
  const flatten = !args.flags.has('no-flatten');
  const found = discoverOrFail('eval', rulePaths, io);
  // The rule texts are read once: a worker thread compiles its rule set from these very texts.
  const ruleSources = found.files.map((p) => readSourceSync(p, io.cwd));
  const sources = args.positionals.length > 0 ? args.positionals : [STDIN];
  // Long streams are matched on worker threads too (one per core), written in the same order. Correlations need
  // every event in order in one place: a rule set with any is matched on this thread only. Workers compile the
  // rules again before they match: with event files large enough they start now, compiling while this thread does;
  // otherwise (stdin, small files) once the stream is past EVAL_PARALLEL_MIN_EVENTS events, or past one chunk when
  // --jobs asks for workers.
  const threads = jobsFor(requestedJobs);
  const script = threads > 1 ? workerScript('eval-worker.js') : undefined;
  const setup: EvalSetup = { sources: ruleSources, routing, flatten };
  const workerErrors: string[] = [];
  const startPool = (): StreamPool<EvalJob, EvalChunkResult> => new StreamPool<EvalJob, EvalChunkResult>(script!, setup, threads - 1, (m) => workerErrors.push(m));
  // Regular files are read in parts, each by the thread that matches it (parallel/event-parts.ts); one file of
  // objects pays back the worker sooner than several files or a stream.
  const stdinPath = script !== undefined && sources.includes(STDIN) ? io.stdinFile?.() : undefined;
  const paths = sources.map((s) => (s === STDIN ? stdinPath : resolve(io.cwd, s)));
  const files = script !== undefined ? eventFiles(paths) : undefined;
  const inParts = files?.regular === true;
  const onePartable = inParts && sources.length === 1 && opensWithObjectAt(paths[0]!);
  const earlyBytes = requestedJobs !== undefined ? EVAL_EARLY_BYTES.requested : onePartable ? EVAL_EARLY_BYTES.parts : EVAL_EARLY_BYTES.default;
  let early = files !== undefined && !mayHoldCorrelations(ruleSources) && files.bytes >= earlyBytes ? startPool() : undefined;
  // The workers started now are stopped on every way out (one left running would keep the process alive).
  try {
    const loaded = await loadRules(found.files, io, undefined, new Map(found.files.map((p, i) => [p, ruleSources[i]!])));
    const set = compileRuleSet(loaded.collection, compileOptions(routing));
    io.streamStarts?.();
    const oneThread = script === undefined || loaded.collection.correlations.length > 0;
    if (oneThread && early !== undefined) {
      early.close();
      early = undefined;
    }
    const ruleDiags: Diagnostic[] = [...found.diagnostics, ...loaded.collection.diagnostics, ...set.diagnostics];
    printDiagnostics(ruleDiags, io.stderr, colors);

    // The Detection Rule License asks that match output keep the rule's authors and the licence (SigmaHQ rules are
    // under it): each match line carries them, computed once per rule.
    const licences = new LicenceFinder();
    const attribution = new Map<string, { author?: string; licence?: string }>();
    for (const r of [...loaded.collection.rules, ...loaded.collection.correlations]) {
      const file = r.loc.file === STDIN_NAME ? undefined : resolve(io.cwd, r.loc.file);
      const licence = file === undefined ? undefined : licences.licenceOf(r, file);
      attribution.set(documentKey(r), { ...(r.author !== undefined ? { author: r.author } : {}), ...(licence ? { licence: licence.notice } : {}) });
    }

    if (sources.filter((s) => s === STDIN).length > 1) throw new UsageError('stdin (-) given more than once', 'eval');
    const report = new MatchReport(io, colors, attribution);
    // A source's name in diagnostics and matches; the source read as a stream.
    const nameOf = (source: string): string => (source === STDIN ? STDIN_NAME : source);
    const piecesOfSource = (source: string): AsyncIterable<string | Uint8Array> => (source === STDIN ? io.stdin() : filePieces(resolve(io.cwd, source)));
    const partsOf = (pool: StreamPool<EvalJob, EvalChunkResult> | undefined, startAt?: number): EventParts =>
      new EventParts({
        report,
        set,
        stream: set.stream(),
        flatten,
        // The workers answer each job with the result of its kind.
        pool: pool as unknown as StreamPool<PartJob, PartResult> | undefined,
        ...(startAt !== undefined ? { startPool: startPool as unknown as () => StreamPool<PartJob, PartResult>, startAt, ...(io.workersLoading ? { workersLoading: io.workersLoading } : {}) } : {}),
        recompile: () => compileRuleSet(loaded.collection, compileOptions(routing)),
        threads,
      });
    // Large event files, with workers started for them: each thread reads its own parts of them.
    if (early !== undefined && inParts) {
      const parts = partsOf(early);
      try {
        for (let i = 0; i < sources.length; i++) await parts.run(paths[i]!, nameOf(sources[i]!));
      } finally {
        early!.close();
      }
      return await finish(parts.finalStream, parts.parts, 'parts', parts.workers, parts.partsByWorkers);
    }
    // One stream (stdin, a named pipe) that opens with an object is cut into parts as it comes in; workers start
    // once it is long enough to pay them back.
    const streams = new Map<string, AsyncIterable<string | Uint8Array>>();
    if (!oneThread && sources.length === 1 && files?.regular === false) {
      const source = sources[0]!;
      const peeked = await streamOpensWithObject(piecesOfSource(source));
      if (peeked.opens) {
        const parts = partsOf(early, early !== undefined ? undefined : requestedJobs !== undefined ? EVAL_EARLY_BYTES.requested : EVAL_EARLY_BYTES.stream);
        try {
          await parts.runStream(nameOf(source), peeked.source);
        } finally {
          parts.close();
        }
        return await finish(parts.finalStream, parts.parts, 'parts', parts.workers, parts.partsByWorkers);
      }
      streams.set(source, peeked.source);
    }
    const events = new EventChunks(
      {
        report,
        set,
        stream: set.stream(),
        prepare: preparerFor(flatten),
        startAt: oneThread ? undefined : early !== undefined ? 0 : requestedJobs !== undefined ? EVAL_CHUNK_EVENTS : EVAL_PARALLEL_MIN_EVENTS,
        startPool: () => early ?? startPool(),
        recompile: () => compileRuleSet(loaded.collection, compileOptions(routing)),
      },
      threads,
    );
    try {
      for (const source of sources) {
        const name = nameOf(source);
        const chunks = streams.get(source) ?? piecesOfSource(source);
        try {
          for await (const item of readEvents(chunks, name)) {
            if (item.diagnostic) await events.diagnostic(item.diagnostic);
            if (item.event) await events.event(name, item.event.line, item.event.event);
          }
          await events.fileEnd();
        } catch (err) {
          await events.fileFailed(name, err);
        }
      }
      await events.finish();
    } finally {
      events.close();
    }
    return await finish(events.finalStream, events.chunks, 'chunks', events.workers);

    /** The end of the run: correlation windows closed, the summary written, the exit code. */
    async function finish(stream: MatchStream, chunks: number, what: 'parts' | 'chunks', workers = threads - 1, byWorkers?: number): Promise<number> {
      await report.streamEnd(stream.end());
      for (const d of stream.diagnostics) report.diagnostic(d);
      if (args.flags.has('verbose') && workers > 0) {
        io.stderr.write(`sigmats eval: ${report.index} events in ${chunks} ${what} on ${workers + 1} threads (${workers} workers${byWorkers !== undefined ? `, ${byWorkers} ${what} matched there` : ''})\n`);
      }
      if (workerErrors.length > 0) {
        io.stderr.write(`sigmats eval: warning: ${workerErrors.length} worker thread failure${workerErrors.length === 1 ? '' : 's'}; their events were matched on the main thread (first: ${workerErrors[0]!.split('\n')[0]})\n`);
      }
      const index = report.index;
      const matches = report.matches;
      io.stderr.write(colors.dim(`${index} event${index === 1 ? '' : 's'}, ${matches} match${matches === 1 ? '' : 'es'}\n`));
      return countSeverities(ruleDiags).errors > 0 || report.eventErrors > 0 ? EXIT_FAILED : EXIT_OK;
    }
  } finally {
    early?.close();
  }
}
