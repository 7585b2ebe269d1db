import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parsePipeline } from '@sigmats/core';
import type { Backend, BackendOptionValue, ConversionResult, ConvertedRule, Diagnostic, Pipeline } from '@sigmats/core';
import { parseArgs, UsageError, type OptionSpec } from '../args.js';
import { colorsFor } from '../color.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../exit.js';
import type { CliIo } from '../io.js';
import { STDIN } from '../files.js';
import { loadRules, STDIN_NAME, type LoadedRules } from '../load.js';
import { gateResult } from '../gate.js';
import { inputReading, refuseOutputsOverInputs } from '../overwrite.js';
import { tryWriteFileAtomic, uniqueStems } from '../output.js';
import { Progress } from '../progress.js';
import { BackendUnavailable, isTarget, loadBackend, TARGETS, type Target } from '../registry.js';
import { countSeverities, dedupeDiagnostics, printDiagnostics, sortDiagnostics } from '../report.js';
import { checkFilterFiles, diagnosticJson, diagnosticSummary, diagnosticsOf, filePatternRegExp, UNSUPPORTED_CODES, unsupportedOnly, withRuleComments } from '../convert-extras.js';
import { COLOR_OPTION, discoverOrFail } from './common.js';

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
  COLOR_OPTION,
];

/** More diagnostics than this, and a terminal (or --summary): the first SUMMARY_SHOWN, then counts by code. */
const SUMMARY_AFTER = 50;
const SUMMARY_SHOWN = 20;

/**
 * `-O key=value`: true/false and plain numbers are typed, everything else stays a string. `-O target:key=value`
 * applies to that target only (so `-t all` can take options a single backend defines).
 */
export function parseBackendOptions(pairs: readonly string[], target?: Target): Record<string, BackendOptionValue> {
  const out: Record<string, BackendOptionValue> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`option -O expects KEY=VALUE or TARGET:KEY=VALUE, got '${pair}'`, 'convert');
    let key = pair.slice(0, eq);
    const colon = key.indexOf(':');
    if (colon >= 0) {
      const scope = key.slice(0, colon);
      if (!isTarget(scope)) throw new UsageError(`option -O ${pair}: unknown target '${scope}'`, 'convert');
      if (target !== undefined && scope !== target) continue;
      key = key.slice(colon + 1);
    }
    const raw = pair.slice(eq + 1);
    out[key] = raw === 'true' ? true : raw === 'false' ? false : /^-?(0|[1-9]\d*)(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  }
  return out;
}

export function parseTargets(value: string | undefined): Target[] {
  if (value === undefined) throw new UsageError(`missing -t TARGET (${TARGETS.join(', ')} or all)`, 'convert');
  if (value === 'all') return [...TARGETS];
  const names = value.split(',').map((s) => s.trim());
  for (const n of names) {
    if (!isTarget(n)) throw new UsageError(`unknown target '${n}' (targets: ${TARGETS.join(', ')}, all)`, 'convert');
  }
  return [...new Set(names)] as Target[];
}

const looksLikeFile = (p: string): boolean => /\.ya?ml$/i.test(p) || p.includes('/') || p.includes('\\');

/** `-p` values: built-in pipeline names of the backend, or YAML files. */
export function resolvePipelineArgs(
  args: readonly string[],
  backends: ReadonlyMap<Target, Backend>,
  io: CliIo,
): { perTarget: Map<Target, Pipeline[]>; diagnostics: Diagnostic[] } {
  const perTarget = new Map<Target, Pipeline[]>([...backends.keys()].map((t) => [t, []]));
  const diagnostics: Diagnostic[] = [];
  for (const arg of args) {
    const path = resolve(io.cwd, arg);
    if (existsSync(path) && statSync(path).isFile()) {
      const parsed = parsePipeline(readFileSync(path, 'utf8'), arg);
      diagnostics.push(...parsed.diagnostics);
      if (parsed.pipeline) for (const list of perTarget.values()) list.push(parsed.pipeline);
      continue;
    }
    if (looksLikeFile(arg)) throw new UsageError(`pipeline file not found: ${arg}`, 'convert');
    for (const [target, backend] of backends) {
      const builtin = backend.pipelines.find((p) => p.name === arg);
      if (!builtin) {
        const names = backend.pipelines.map((p) => p.name).join(', ') || '(none)';
        throw new UsageError(`'${arg}' is neither a pipeline file nor a built-in pipeline of ${target} (built-in: ${names})`, 'convert');
      }
      perTarget.get(target)!.push(builtin.pipeline);
    }
  }
  return { perTarget, diagnostics };
}

interface TargetRun {
  readonly target: Target;
  readonly backend: Backend;
  readonly result: ConversionResult;
  /** A rule failed the output gate: the combined output (one file, stdout) is not written at all. */
  readonly heldBack: boolean;
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
    format: run.result.format,
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

/** Keys (or files) of everything that failed, from error diagnostics. */
function failedUnits(diags: readonly Diagnostic[]): Set<string> {
  return new Set(diags.filter((d) => d.severity === 'error').map((d) => d.rule ?? d.file));
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
  // checks); write() still checks any path this plan did not foresee.
  let plannedOutputs: ReadonlySet<string> = new Set();
  if (output !== undefined) {
    const displayed = found.files.map((f) => (f === STDIN ? STDIN_NAME : f));
    const names = uniqueStems(displayed);
    const planned = outputAsDir ? ordered.flatMap((t) => displayed.map((f) => outputName(t, f, names))) : [output];
    refuseOutputsOverInputs('convert', planned, args.positionals, io.cwd, filePattern);
    plannedOutputs = new Set(planned);
  }

  const pipes = resolvePipelineArgs(args.lists.get('pipeline') ?? [], backends, io);
  if (pipes.diagnostics.length > 0) printDiagnostics(pipes.diagnostics, io.stderr, colors);
  if (countSeverities(pipes.diagnostics).errors > 0) return EXIT_USAGE;

  const progressOn = !args.flags.has('no-progress') && io.stderr.isTTY === true && found.files.length >= Progress.MIN_BATCH;
  const progress = new Progress(io.stderr, found.files.length + ordered.length, 'parsing', progressOn);
  // Filter files load with the rules: the collection applies them (core's filters), they convert to nothing.
  const loaded: LoadedRules = await loadRules([...found.files, ...filterFiles.filter((f) => !found.files.includes(f))], io, progress);

  const runs: TargetRun[] = [];
  const loadErrorsBefore = loadErrors.length;
  for (const target of ordered) {
    progress.setLabel(`converting (${target})`);
    const backend = backends.get(target)!;
    try {
      const result = backend.convert(loaded.collection, {
        ...(format !== undefined ? { format } : {}),
        pipelines: pipes.perTarget.get(target) ?? [],
        noDefaultPipelines: args.flags.has('no-default-pipelines'),
        options: parseBackendOptions(optionArgs, target),
      });
      const gated = gateResult(target, result);
      runs.push({ target, backend, result: { ...gated.result, diagnostics: [...result.diagnostics, ...gated.diagnostics] }, heldBack: gated.heldBack });
    } catch (err) {
      // Backends collect per-rule problems; a throw is a backend bug. Report it and keep the other targets.
      loadErrors.push(`${target} backend failed: ${(err as Error)?.stack ?? String(err)}`);
    }
    progress.tick();
  }
  progress.clear();
  for (const m of loadErrors.slice(loadErrorsBefore)) io.stderr.write(`sigmats convert: error: ${m}\n`);

  // Option problems stop the whole conversion: that is a usage error, not a rule failure.
  const usageCodes = new Set(['backend/unknown-format', 'backend/invalid-option']);
  const multi = runs.length > 1;
  // --skip-unsupported: a rule whose only errors say the target cannot express it is skipped, not failed.
  const skipped = new Map(runs.map((r) => [r.target, skipUnsupported ? unsupportedOnly(r.result.diagnostics) : new Set<string>()]));
  const isSkipped = (r: TargetRun, d: Diagnostic): boolean => d.severity === 'error' && UNSUPPORTED_CODES.has(d.code) && skipped.get(r.target)!.has(d.rule ?? d.file);
  const tagged = (r: TargetRun, d: Diagnostic): Diagnostic => (multi ? { ...d, message: `${d.message} [${r.target}]` } : d);
  const conversionDiags = runs.flatMap((r) => r.result.diagnostics.filter((d) => !isSkipped(r, d)).map((d) => tagged(r, d)));
  const skippedDiags = runs.flatMap((r) => r.result.diagnostics.filter((d) => isSkipped(r, d)).map((d) => ({ ...tagged(r, d), severity: 'warning' as const, message: `${tagged(r, d).message} (skipped: --skip-unsupported)` })));
  const allDiags = [...found.diagnostics, ...loaded.collection.diagnostics, ...conversionDiags];
  const shownDiags = sortDiagnostics(dedupeDiagnostics(verbose ? [...allDiags, ...skippedDiags] : allDiags));
  const summarize = !verbose && (args.flags.has('summary') || io.stderr.isTTY === true) && shownDiags.length > SUMMARY_AFTER;
  if (summarize) {
    printDiagnostics(shownDiags.slice(0, SUMMARY_SHOWN), io.stderr, colors);
    io.stderr.write(diagnosticSummary(shownDiags, SUMMARY_SHOWN, 'run with --verbose to see all of them (or --json: each rule carries its own)'));
  } else printDiagnostics(shownDiags, io.stderr, colors);
  if (skipUnsupported) {
    const per = runs.filter((r) => skipped.get(r.target)!.size > 0).map((r) => (multi ? `${r.target} ${skipped.get(r.target)!.size}` : `${skipped.get(r.target)!.size}`));
    const n = runs.reduce((k, r) => k + skipped.get(r.target)!.size, 0);
    if (n > 0) io.stderr.write(`skipped ${per.join(', ')} rule${n === 1 ? '' : 's'} the target cannot express (backend/unsupported-*)${verbose ? '' : '; --verbose lists them'}\n`);
  }
  if (runs.some((r) => r.result.diagnostics.some((d) => usageCodes.has(d.code)))) return EXIT_USAGE;

  // A comment naming each rule before its query, in plain output: on a terminal, or asked for with --comments.
  const commentsOn = (r: TargetRun, toFile: boolean): boolean =>
    !args.flags.has('no-comments') && (args.flags.has('comments') || (!toFile && io.stdout.isTTY === true)) && r.result.format === r.backend.defaultFormat;
  const plainOutput = (r: TargetRun, toFile: boolean): string => (commentsOn(r, toFile) ? withRuleComments(r.target, r.result.rules) : undefined) ?? r.result.output;

  // Outputs: files, NDJSON and/or stdout.
  const writtenFiles: string[] = [];
  const writeErrors: string[] = [];
  const write = (path: string, content: string): void => {
    // Second line of defence: a path the plan above did not foresee (a backend chose another format) is checked too.
    const reader = plannedOutputs.has(path) ? undefined : inputReading(path, args.positionals, io.cwd);
    const problem =
      reader !== undefined ? `cli/usage: output ${path} would be read as an input (by ${reader}); not written` : tryWriteFileAtomic(resolve(io.cwd, path), content);
    if (problem) writeErrors.push(problem);
    else writtenFiles.push(path);
  };
  if (output !== undefined) {
    if (outputAsDir) {
      const names = uniqueStems(loaded.files);
      for (const r of runs) {
        const ext = r.backend.formats.find((f) => f.name === r.result.format)?.extension ?? 'txt';
        const byFile = new Map<string, ConvertedRule[]>();
        for (const rule of r.result.rules) byFile.set(fileOf(rule), [...(byFile.get(fileOf(rule)) ?? []), rule]);
        for (const [file, rules] of byFile) {
          const name = `${names.get(file) ?? 'rule'}.${ext}`;
          const path = multi ? join(output, r.target, name) : join(output, name);
          write(path, `${(commentsOn(r, true) ? withRuleComments(r.target, rules) : undefined) ?? rules.map((x) => x.output).join('\n\n')}\n`);
        }
      }
    } else {
      const r = runs[0]!;
      if (r.heldBack) writeErrors.push(`io/write-failed: ${output} not written: a rule failed the ${r.target} output gate`);
      else write(output, plainOutput(r, true) === '' ? '' : `${plainOutput(r, true)}\n`);
    }
  }

  for (const m of writeErrors) io.stderr.write(`sigmats convert: error: ${m}\n`);
  const failed = failedUnits(allDiags);
  const counts = countSeverities(allDiags);
  if (json) {
    // One write per ~64 KB rather than per rule: thousands of small writes to a pipe or file cost more than the JSON.
    let chunk = '';
    for (const r of runs) {
      const runDiags = [...loaded.collection.diagnostics, ...r.result.diagnostics];
      for (const rule of r.result.rules) {
        chunk += `${ruleJson(r, rule, diagnosticsOf(rule, runDiags))}\n`;
        if (chunk.length >= 65536) {
          io.stdout.write(chunk);
          chunk = '';
        }
      }
      // Rules that did not convert: their diagnostics, so a JSON consumer sees every rule.
      const convertedKeys = new Set(r.result.rules.map((x) => x.key));
      for (const unit of [...failedUnits(runDiags)].filter((u) => !convertedKeys.has(u)).sort()) {
        const diags = runDiags.filter((d) => (d.rule ?? d.file) === unit);
        const file = diags[0]?.file ?? unit;
        const skip = skipped.get(r.target)!.has(unit);
        chunk += `${JSON.stringify({ version: JSON_VERSION, type: skip ? 'skipped' : 'failed', target: r.target, file, key: unit, diagnostics: diags.map(diagnosticJson) })}\n`;
      }
    }
    if (chunk !== '') io.stdout.write(chunk);
    io.stdout.write(
      `${JSON.stringify({
        version: JSON_VERSION,
        type: 'summary',
        files: loaded.files.length,
        targets: runs.map((r) => ({
          target: r.target,
          format: r.result.format,
          converted: r.result.rules.length,
          failed: failedUnits(r.result.diagnostics).size,
        })),
        failed: [...failed].sort(),
        errors: counts.errors,
        warnings: counts.warnings,
        written: writtenFiles,
      })}\n`,
    );
  } else if (output === undefined) {
    for (const r of runs) {
      if (multi) io.stdout.write(`==> ${r.target} (${r.result.format}) <==\n`);
      if (r.result.output !== '' && !r.heldBack) io.stdout.write(`${plainOutput(r, false)}\n`);
      if (multi) io.stdout.write('\n');
    }
  }

  if (output !== undefined || io.stderr.isTTY === true) {
    const per = runs.map((r) => `${r.target} ${r.result.rules.length}`).join(', ');
    const wrote = writtenFiles.length > 0 ? `; wrote ${writtenFiles.length} file${writtenFiles.length === 1 ? '' : 's'}` : '';
    const line = `converted (${per}) from ${loaded.files.length} file${loaded.files.length === 1 ? '' : 's'}${wrote}; ${counts.errors} error${counts.errors === 1 ? '' : 's'}, ${counts.warnings} warning${counts.warnings === 1 ? '' : 's'}`;
    io.stderr.write(`${counts.errors > 0 ? colors.red(line) : colors.green(line)}\n`);
  }
  return counts.errors > 0 || loadErrors.length > 0 || writeErrors.length > 0 ? EXIT_FAILED : EXIT_OK;
}
