import type { Backend } from '@sigmats/core';

/**
 * The one place that maps target names to backends. Each backend package is imported only when its target
 * is requested, so `convert -t splunk` never loads the KQL package (or its Kusto validator).
 */
export const TARGETS = ['splunk', 'kql', 'sumo', 'sumo-cse'] as const;
export type Target = (typeof TARGETS)[number];

export function isTarget(name: string): name is Target {
  return (TARGETS as readonly string[]).includes(name);
}

/** Export name we expect from each package, and the backend id to fall back on if the name differs. */
const EXPORTS: Record<Target, { readonly exportName: string; readonly id: string }> = {
  splunk: { exportName: 'splunkBackend', id: 'splunk' },
  kql: { exportName: 'kqlBackend', id: 'kql' },
  // @sigmats/backend-sumo exports both Sumo targets as `sumo` and `sumoCse`.
  sumo: { exportName: 'sumo', id: 'sumo' },
  'sumo-cse': { exportName: 'sumoCse', id: 'sumo-cse' },
};

const IMPORTS: Record<Target, () => Promise<Record<string, unknown>>> = {
  splunk: () => import('@sigmats/backend-splunk') as Promise<Record<string, unknown>>,
  // The KQL backend with the pipelines its subpaths add (sentinel_cloud: @sigmats/backend-kql/cloud,
  // sentinel_asim_web: @sigmats/backend-kql/web, sentinel_syslog: @sigmats/backend-kql/syslog, sentinel_windows:
  // @sigmats/backend-kql/windows).
  kql: async () => {
    const [kql, cloud, web, syslog, event] = await Promise.all([
      import('@sigmats/backend-kql'),
      import('@sigmats/backend-kql/cloud'),
      import('@sigmats/backend-kql/web'),
      import('@sigmats/backend-kql/syslog'),
      import('@sigmats/backend-kql/windows'),
    ]);
    return {
      kqlBackend: () =>
        kql.kqlBackend({ pipelines: [cloud.sentinelCloudPipeline, web.sentinelWebPipeline, syslog.sentinelSyslogPipeline, event.sentinelWindowsPipeline] }),
    };
  },
  sumo: () => import('@sigmats/backend-sumo') as Promise<Record<string, unknown>>,
  'sumo-cse': () => import('@sigmats/backend-sumo') as Promise<Record<string, unknown>>,
};

function isBackend(v: unknown): v is Backend {
  if (typeof v !== 'object' || v === null) return false;
  const b = v as Partial<Backend>;
  return typeof b.id === 'string' && typeof b.convert === 'function' && Array.isArray(b.formats);
}

/**
 * Find the backend in a package's exports: by the expected name (a Backend, or a no-argument factory such as
 * @sigmats/backend-kql's `kqlBackend()`), else any exported Backend with the target's id.
 */
export function pickBackend(mod: Record<string, unknown>, target: Target): Backend | undefined {
  const { exportName, id } = EXPORTS[target];
  const named = mod[exportName];
  if (isBackend(named)) return named;
  if (typeof named === 'function' && named.length === 0) {
    const made: unknown = (named as () => unknown)();
    if (isBackend(made)) return made;
  }
  const all = Object.values(mod).filter(isBackend);
  return all.find((b) => b.id === id) ?? all.find((b) => b.id === target);
}

export class BackendUnavailable extends Error {}

const cache = new Map<Target, Promise<Backend>>();

/** The backend for a target, loaded once per process. */
export function loadBackend(target: Target): Promise<Backend> {
  let p = cache.get(target);
  if (!p) {
    p = importBackend(target);
    cache.set(target, p);
    p.catch(() => cache.delete(target));
  }
  return p;
}

async function importBackend(target: Target): Promise<Backend> {
  let mod: Record<string, unknown>;
  try {
    mod = await IMPORTS[target]();
  } catch (err) {
    throw new BackendUnavailable(`backend for '${target}' could not be loaded: ${(err as Error).message}`);
  }
  const backend = pickBackend(mod, target);
  if (!backend) throw new BackendUnavailable(`backend package for '${target}' does not export a backend (expected '${EXPORTS[target].exportName}')`);
  return backend;
}
