import { resolve } from 'node:path';
import { documentKey, formatDiagnostic } from '@sigmats/core';
import type { Diagnostic, SigmaDocument } from '@sigmats/core';
import { parseArgs, UsageError, type OptionSpec } from '../args.js';
import { checkQueries } from '../query-check.js';
import { isTarget, TARGETS, type Target } from '../registry.js';
import { colorsFor } from '../color.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../exit.js';
import type { CliIo } from '../io.js';
import { renderJUnit, type JUnitCase } from '../junit.js';
import { loadRules, readSource, type LoadedRules, type ReadSource } from '../load.js';
import { STDIN } from '../files.js';
import { CHECK_PARALLEL_MIN_FILES, checkedRun, checkJobs, chunkable, chunkChecker, CHECK_CHUNK_FILES, type CheckChunkResult, type CheckJob, type CheckSetup } from '../parallel/check-chunk.js';
import { sliceStarts } from '../parallel/slices.js';
import { parseJobs } from '../parallel/jobs.js';
import { ChunkPool, chunkResults, chunksOff, jobsFor, workerScript } from '../parallel/pool.js';
import { tryWriteOutputFile } from '../output.js';
import { refuseOutputsOverInputs } from '../overwrite.js';
import { Progress } from '../progress.js';
import { countSeverities, dedupeDiagnostics, printDiagnostics, sortDiagnostics } from '../report.js';
import { COLOR_OPTION, discoverOrFail } from './common.js';
import { renderSarif } from '../sarif.js';
import { runValidators, sarifLevelOf, selectionFromArgs, strictSchema, validatorSarifRules, validatorTable } from '../validation.js';
import { VERSION } from '../index.js';

const SPEC: readonly OptionSpec[] = [
  { name: 'junit', type: 'string' },
  { name: 'sarif', type: 'string' },
  { name: 'json', type: 'boolean' },
  { name: 'sigmahq', type: 'boolean' },
  { name: 'exclude', type: 'list', comma: true },
  { name: 'validation-config', type: 'string' },
  { name: 'no-validators', type: 'boolean' },
  { name: 'list-validators', type: 'boolean' },
  { name: 'no-progress', type: 'boolean' },
  { name: 'target', short: 't', type: 'string' },
  { name: 'jobs', short: 'j', type: 'string' },
  { name: 'verbose', short: 'v', type: 'boolean' },
  COLOR_OPTION,
];

/** `-t`: targets whose queries are converted and validated too (`all`, or a comma list). */
function checkTargets(value: string | undefined): Target[] {
  if (value === undefined) return [];
  if (value === 'all') return [...TARGETS];
  const names = [...new Set(value.split(',').map((s) => s.trim()))];
  for (const n of names) if (!isTarget(n)) throw new UsageError(`unknown target '${n}' (targets: ${TARGETS.join(', ')}, all)`, 'check');
  return names as Target[];
}

function docLabel(doc: SigmaDocument): string {
  const kind = doc.kind === 'rule' ? '' : `${doc.kind}: `;
  return doc.id && doc.title ? `${kind}${doc.title} (${doc.id})` : `${kind}${documentKey(doc)}`;
}

/**
 * One testcase per YAML document (named after the rule when it parsed), or per file when it could not be read.
 * A diagnostic belongs to the document whose lines contain it; one without a line (line 0) to the document
 * whose rule it names, else to the file.
 */
export function junitCases(loaded: LoadedRules, diagnostics: readonly Diagnostic[]): JUnitCase[] {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of sortDiagnostics(dedupeDiagnostics(diagnostics))) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
  const cases: JUnitCase[] = [];
  const files = [...loaded.files, ...[...byFile.keys()].filter((f) => !loaded.documents.has(f))];
  for (const file of files) {
    const docs = loaded.documents.get(file) ?? [];
    const diags = byFile.get(file) ?? [];
    const starts = loaded.documentLines(file) ?? (docs.length > 0 ? [1] : []);
    const spanOf = (line: number): number => {
      let i = -1;
      for (let j = 0; j < starts.length; j++) if (starts[j]! <= line) i = j;
      return i;
    };
    const spans = starts.map((line) => ({ line, docs: [] as SigmaDocument[], diags: [] as Diagnostic[] }));
    for (const doc of docs) spans[Math.max(0, spanOf(doc.loc.line))]?.docs.push(doc);
    const fileLevel: Diagnostic[] = [];
    for (const d of diags) {
      let i = d.line > 0 ? spanOf(d.line) : -1;
      if (i < 0 && d.rule !== undefined) i = spans.findIndex((s) => s.docs.some((doc) => documentKey(doc) === d.rule));
      (i >= 0 ? spans[i]!.diags : fileLevel).push(d);
    }
    const toCase = (name: string, line: number | undefined, ds: readonly Diagnostic[]): JUnitCase => {
      const errors = ds.filter((d) => d.severity === 'error');
      const warnings = ds.filter((d) => d.severity === 'warning');
      return {
        name,
        classname: file,
        file,
        ...(line ? { line } : {}),
        failures:
          errors.length === 0
            ? []
            : [
                {
                  message: formatDiagnostic(errors[0]!) + (errors.length > 1 ? ` (+${errors.length - 1} more)` : ''),
                  type: errors[0]!.code,
                  text: errors.map(formatDiagnostic).join('\n'),
                },
              ],
        ...(warnings.length > 0 ? { systemOut: warnings.map(formatDiagnostic).join('\n') } : {}),
      };
    };
    const multi = spans.length > 1;
    spans.forEach((span, i) => {
      if (span.docs.length === 0 && span.diags.length === 0) return;
      const name = span.docs.length === 1 ? docLabel(span.docs[0]!) : multi ? `${file} (document ${i + 1})` : file;
      cases.push(toCase(name, span.line, span.diags));
    });
    if (fileLevel.length > 0 || spans.every((s) => s.docs.length === 0 && s.diags.length === 0)) cases.push(toCase(file, undefined, fileLevel));
  }
  return cases;
}

/**
 * Chunks a worker holds at a time in a parallel `check`, and no bound on how far the workers run ahead of the
 * results taken: `check` keeps every chunk's result until the end anyway, so the bound (which holds back the
 * workers of a `convert` whose output is read slowly) saves no memory here, and it made the main thread and the
 * worker wait on each other. Over 8 copies of SigmaHQ's rules (25,128 distinct rules), alternating runs: with 2
 * chunks held and the bound, 2,206 ms wall; without the bound, 2,128 ms with 2 and 2,013 ms with 4 held; on one
 * thread, 2,328 ms (BENCHMARKS.md, round 18).
 */
const CHECK_CHUNKS_PER_WORKER = 4;

/**
 * The files parsed and validated in chunks on worker threads and this thread together (parallel/check-chunk.ts),
 * put together as loadRules and runValidators have them.
 */
async function checkInChunks(
  script: URL | undefined,
  files: readonly string[],
  setup: CheckSetup,
  threads: number,
  io: CliIo,
  progress: Progress,
  verbose: boolean,
): Promise<{ loaded: LoadedRules; findings: Diagnostic[] }> {
  const chunks = sliceStarts(files.length, CHECK_CHUNK_FILES).length;
  const workers = script === undefined ? 0 : Math.min(threads, chunks) - 1;
  const workerErrors: string[] = [];
  // The workers start first, to load while stdin (if it is an input) is read.
  const pool = script === undefined ? undefined : new ChunkPool<CheckJob, CheckChunkResult, CheckSetup>(script, setup, workers, (m) => workerErrors.push(m), CHECK_CHUNKS_PER_WORKER, Infinity);
  const results: CheckChunkResult[] = [];
  try {
    // Stdin can be read only once, here: its text goes to whichever thread checks its chunk.
    const preread = new Map<string, ReadSource>();
    if (files.includes(STDIN)) preread.set(STDIN, await readSource(STDIN, io));
    for await (const r of chunkResults(pool, checkJobs(files, preread), chunkChecker(setup))) {
      results.push(r);
      progress.tick(r.files.length);
    }
  } finally {
    pool?.close();
  }
  progress.clear();
  if (verbose) io.stderr.write(`sigmats check: ${files.length} files in ${chunks} chunks on ${pool ? `${workers + 1} threads (${workers} workers)` : '1 thread'}\n`);
  if (workerErrors.length > 0) {
    io.stderr.write(`sigmats check: warning: ${workerErrors.length} worker thread failure${workerErrors.length === 1 ? '' : 's'}; their files were checked on the main thread (first: ${workerErrors[0]!.split('\n')[0]})\n`);
  }
  return checkedRun(results, setup);
}

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, SPEC, 'check');
  const colors = colorsFor(io.stderr, io, args.flags.has('no-color'));
  const validation = selectionFromArgs(
    { sigmahq: args.flags.has('sigmahq'), exclude: args.lists.get('exclude') ?? [], ...(args.strings.has('validation-config') ? { configFile: args.strings.get('validation-config')! } : {}) },
    io.cwd,
  );
  if (args.flags.has('list-validators')) {
    io.stdout.write(validatorTable(validation.selection));
    return EXIT_OK;
  }
  if (validation.diagnostics.some((d) => d.severity === 'error')) {
    printDiagnostics(validation.diagnostics, io.stderr, colors);
    return EXIT_USAGE;
  }
  const targets = checkTargets(args.strings.get('target'));
  const found = discoverOrFail('check', args.positionals, io);
  const junitPath = args.strings.get('junit');
  const sarifPath = args.strings.get('sarif');
  const outputs = [junitPath, sarifPath].filter((p): p is string => p !== undefined);
  if (outputs.length > 0) refuseOutputsOverInputs('check', outputs, args.positionals, io.cwd);
  const started = Date.now();
  const progressOn = !args.flags.has('no-progress') && io.stderr.isTTY === true && found.files.length >= Progress.MIN_BATCH;
  const progress = new Progress(io.stderr, found.files.length, 'checking', progressOn);
  const validators = !args.flags.has('no-validators');
  const requestedJobs = parseJobs(args.strings.get('jobs'), 'check');
  // Runs of more than one chunk are parsed and validated in chunks, each reduced to what the collection checks read
  // before the next: same output, in the same order. Not with -t (queries are converted from the whole collection),
  // nor with a collection validator that may read more of a rule than a chunk sends back. Even on one thread this
  // is faster than holding every rule's IR until the end: `check` over SigmaHQ's rules, 9 alternating runs,
  // 1,078 -> 1,002 ms wall, 1,020 -> 932 ms CPU, 124 -> 106 MB peak (BENCHMARKS.md, round 8). Large runs also use
  // worker threads (one per core). SIGMATS_CHUNKS=off checks one collection (the tests' reference).
  const inChunks =
    !chunksOff() && targets.length === 0 && found.files.length > CHECK_CHUNK_FILES && (!validators || chunkable(validation.selection));
  // The cores are counted only for a run that may use them: node:os is not loaded for a small one.
  const threads = inChunks && (requestedJobs !== undefined || found.files.length >= CHECK_PARALLEL_MIN_FILES) ? jobsFor(requestedJobs) : 1;
  const script = threads > 1 ? workerScript('check-worker.js') : undefined;
  let loaded: LoadedRules;
  let findings: Diagnostic[];
  if (inChunks) {
    const setup: CheckSetup = { cwd: io.cwd, selection: validation.selection, validators, today: new Date(), documentLines: junitPath !== undefined };
    ({ loaded, findings } = await checkInChunks(script, found.files, setup, threads, io, progress, args.flags.has('verbose')));
  } else {
    loaded = await loadRules(found.files, io, progress);
    findings = validators ? runValidators([...loaded.documents.values()].flat(), validation.selection) : [];
  }
  progress.clear();
  const queries = targets.length > 0 ? await checkQueries(loaded.collection, targets) : undefined;
  const diagnostics = strictSchema([...validation.diagnostics, ...found.diagnostics, ...loaded.collection.diagnostics, ...findings, ...(queries?.diagnostics ?? [])]);
  if (args.flags.has('json')) {
    for (const d of sortDiagnostics(dedupeDiagnostics(diagnostics))) io.stdout.write(`${JSON.stringify({ type: 'diagnostic', ...d })}\n`);
  }
  printDiagnostics(diagnostics, io.stderr, colors);

  const junit = args.strings.get('junit');
  let writeError: string | undefined;
  if (junit !== undefined) {
    const cases = junitCases(loaded, diagnostics);
    const xml = renderJUnit([{ name: 'sigmats check', cases, time: (Date.now() - started) / 1000, timestamp: new Date(started).toISOString().slice(0, 19) }]);
    writeError = tryWriteOutputFile(resolve(io.cwd, junit), xml);
    if (writeError) io.stderr.write(`sigmats check: error: ${writeError}\n`);
  }
  if (sarifPath !== undefined) {
    const sarif = renderSarif({ version: VERSION, rules: validatorSarifRules(), diagnostics: sortDiagnostics(dedupeDiagnostics(diagnostics)), levelOf: sarifLevelOf });
    const problem = tryWriteOutputFile(resolve(io.cwd, sarifPath), sarif);
    if (problem) {
      writeError = problem;
      io.stderr.write(`sigmats check: error: ${problem}\n`);
    }
  }

  const { errors, warnings } = countSeverities(dedupeDiagnostics(diagnostics));
  const docs = [...loaded.documents.values()].reduce((n, d) => n + d.length, 0);
  const line = `checked ${loaded.files.length} file${loaded.files.length === 1 ? '' : 's'}, ${docs} document${docs === 1 ? '' : 's'}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  for (const note of queries?.notes ?? []) io.stderr.write(colors.dim(`queries ${note}\n`));
  io.stderr.write(`${errors > 0 ? colors.red(line) : colors.green(line)}\n`);
  if (args.flags.has('json')) {
    const byCode: Record<string, number> = {};
    for (const d of dedupeDiagnostics(diagnostics)) byCode[d.code] = (byCode[d.code] ?? 0) + 1;
    io.stdout.write(`${JSON.stringify({ type: 'summary', files: loaded.files.length, documents: docs, errors, warnings, byCode })}\n`);
  }
  return errors > 0 || writeError !== undefined ? EXIT_FAILED : EXIT_OK;
}
