/** What a worker needs to convert as the main thread does: the run's arguments, resolved again in the worker. */
import type { ConvertOptions } from '@sigmats/core';
import { parseBackendOptions, resolvePipelineArgs } from '../convert-args.js';
import { loadBackend, type Target } from '../registry.js';
import type { ChunkTarget } from './chunk.js';

export interface WorkerSetup {
  readonly cwd: string;
  readonly targets: readonly Target[];
  readonly format?: string;
  readonly pipelineArgs: readonly string[];
  readonly noDefaultPipelines: boolean;
  readonly optionArgs: readonly string[];
}

/** The options of one target exactly as `convert` builds them. */
export function convertOptionsFor(setup: WorkerSetup, target: Target, pipelines: ConvertOptions['pipelines']): ConvertOptions {
  return {
    ...(setup.format !== undefined ? { format: setup.format } : {}),
    pipelines,
    noDefaultPipelines: setup.noDefaultPipelines,
    options: parseBackendOptions(setup.optionArgs, target),
  };
}

export async function chunkTargets(setup: WorkerSetup): Promise<ChunkTarget[]> {
  const backends = new Map(await Promise.all(setup.targets.map(async (t) => [t, await loadBackend(t)] as const)));
  const pipes = resolvePipelineArgs(setup.pipelineArgs, backends, { cwd: setup.cwd });
  return setup.targets.map((target) => ({ target, backend: backends.get(target)!, options: convertOptionsFor(setup, target, pipes.perTarget.get(target) ?? []) }));
}
