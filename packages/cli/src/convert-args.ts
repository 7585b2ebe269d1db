// What convert's target, option and pipeline arguments mean (-t, -O, -p). Shared by the command, its worker
// threads (parallel/setup.ts builds each worker's options from the same arguments), `list` and `analyze`.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parsePipeline } from '@sigmats/core';
import type { Backend, BackendOptionValue, Diagnostic, Pipeline } from '@sigmats/core';
import { UsageError } from './args.js';
import type { CliIo } from './io.js';
import { isTarget, TARGETS, type Target } from './registry.js';

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
  io: Pick<CliIo, 'cwd'>,
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
