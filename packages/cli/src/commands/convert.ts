import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parsePipeline } from '@sigmats/core';
import type { Backend, BackendOptionValue, ConversionResult, ConvertedRule, Diagnostic, Pipeline } from '@sigmats/core';
import { parseArgs, UsageError, type OptionSpec } from '../args.js';
import { colorsFor } from '../color.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../exit.js';
import type { CliIo } from '../io.js';
import { loadRules, type LoadedRules } from '../load.js';
import { tryWriteFileAtomic, uniqueStems } from '../output.js';
import { Progress } from '../progress.js';
import { BackendUnavailable, isTarget, loadBackend, TARGETS, type Target } from '../registry.js';
import { countSeverities, printDiagnostics } from '../report.js';
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
  { name: 'no-progress', type: 'boolean' },
  COLOR_OPTION,
];

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
function resolvePipelineArgs(
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
}

function fileOf(rule: ConvertedRule): string {
  return rule.document.loc.file;
}

function ruleJson(run: TargetRun, rule: ConvertedRule): string {
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
  const found = discoverOrFail('convert', args.positionals, io);

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

  const pipes = resolvePipelineArgs(args.lists.get('pipeline') ?? [], backends, io);
  if (pipes.diagnostics.length > 0) printDiagnostics(pipes.diagnostics, io.stderr, colors);
  if (countSeverities(pipes.diagnostics).errors > 0) return EXIT_USAGE;

  const progressOn = !args.flags.has('no-progress') && io.stderr.isTTY === true && found.files.length >= Progress.MIN_BATCH;
  const progress = new Progress(io.stderr, found.files.length + ordered.length, 'parsing', progressOn);
  const loaded: LoadedRules = await loadRules(found.files, io, progress);

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
      runs.push({ target, backend, result });
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
  const conversionDiags = runs.flatMap((r) =>
    r.result.diagnostics.map((d) => (multi ? { ...d, message: `${d.message} [${r.target}]` } : d)),
  );
  const allDiags = [...found.diagnostics, ...loaded.collection.diagnostics, ...conversionDiags];
  printDiagnostics(allDiags, io.stderr, colors);
  if (runs.some((r) => r.result.diagnostics.some((d) => usageCodes.has(d.code)))) return EXIT_USAGE;

  // Outputs: files, NDJSON and/or stdout.
  const writtenFiles: string[] = [];
  const writeErrors: string[] = [];
  const write = (path: string, content: string): void => {
    const problem = tryWriteFileAtomic(resolve(io.cwd, path), content);
    if (problem) writeErrors.push(problem);
    else writtenFiles.push(path);
  };
  if (output !== undefined) {
    const asDir = multi || output.endsWith('/') || output.endsWith('\\') || (existsSync(resolve(io.cwd, output)) && statSync(resolve(io.cwd, output)).isDirectory());
    if (asDir) {
      const names = uniqueStems(loaded.files);
      for (const r of runs) {
        const ext = r.backend.formats.find((f) => f.name === r.result.format)?.extension ?? 'txt';
        const byFile = new Map<string, ConvertedRule[]>();
        for (const rule of r.result.rules) byFile.set(fileOf(rule), [...(byFile.get(fileOf(rule)) ?? []), rule]);
        for (const [file, rules] of byFile) {
          const name = `${names.get(file) ?? 'rule'}.${ext}`;
          const path = multi ? join(output, r.target, name) : join(output, name);
          write(path, `${rules.map((x) => x.output).join('\n\n')}\n`);
        }
      }
    } else {
      const r = runs[0]!;
      write(output, r.result.output === '' ? '' : `${r.result.output}\n`);
    }
  }

  for (const m of writeErrors) io.stderr.write(`sigmats convert: error: ${m}\n`);
  const failed = failedUnits(allDiags);
  const counts = countSeverities(allDiags);
  if (json) {
    // One write per ~64 KB rather than per rule: thousands of small writes to a pipe or file cost more than the JSON.
    let chunk = '';
    for (const r of runs) {
      for (const rule of r.result.rules) {
        chunk += `${ruleJson(r, rule)}\n`;
        if (chunk.length >= 65536) {
          io.stdout.write(chunk);
          chunk = '';
        }
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
      if (r.result.output !== '') io.stdout.write(`${r.result.output}\n`);
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
