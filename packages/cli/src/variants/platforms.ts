import type { Backend, ConvertOptions } from '@sigmats/core';
import type { Target } from '../registry.js';

/** A platform a documentation page is written for: a target plus the pipelines that select its flavour. */
export interface PlatformSpec {
  /** Page file name: `<id>.md`. */
  readonly id: string;
  readonly name: string;
  readonly target: Target;
  /** Code fence / highlighting language. */
  readonly language: string;
  /** Conversion options for this platform, or a reason it is unavailable with this backend. */
  readonly select: (backend: Backend) => { options: ConvertOptions } | { unavailable: string };
}

const plain = (): { options: ConvertOptions } => ({ options: {} });

/**
 * KQL has two flavours: Defender XDR advanced hunting and Sentinel (Log Analytics). The backend exposes them
 * as built-in pipelines; we pick the one whose name or description says so and use it instead of the defaults.
 */
function kqlFlavour(patterns: readonly RegExp[], label: string) {
  return (backend: Backend): { options: ConvertOptions } | { unavailable: string } => {
    let found: Backend['pipelines'][number] | undefined;
    for (const pattern of patterns) {
      found ??= backend.pipelines.find((p) => pattern.test(p.name)) ?? backend.pipelines.find((p) => pattern.test(p.description));
    }
    if (!found) return { unavailable: `the KQL backend has no ${label} pipeline (pipelines: ${backend.pipelines.map((p) => p.name).join(', ') || 'none'})` };
    if (backend.defaultPipelines.includes(found.name)) return { options: {} };
    // Keep the defaults that are not another flavour's table mapping, and add this flavour's pipeline.
    const others = backend.defaultPipelines.filter((n) => !/xdr|defender|m365|sentinel|asim|azure|log.?analytics/i.test(n));
    const pipelines = [...others, found.name].flatMap((n) => backend.pipelines.filter((p) => p.name === n).map((p) => p.pipeline));
    return { options: { noDefaultPipelines: true, pipelines } };
  };
}

export const PLATFORMS: readonly PlatformSpec[] = [
  { id: 'splunk', name: 'Splunk', target: 'splunk', language: 'spl', select: plain },
  { id: 'defender-xdr', name: 'Microsoft Defender XDR', target: 'kql', language: 'kql', select: kqlFlavour([/xdr|defender|m365/i], 'Defender XDR') },
  // ASIM (imProcessCreate, ...) normalises every Windows source Sentinel ingests, so it is the Sentinel page's query.
  { id: 'sentinel', name: 'Microsoft Sentinel', target: 'kql', language: 'kql', select: kqlFlavour([/asim/i, /sentinel/i], 'Sentinel') },
  { id: 'sumo', name: 'Sumo Logic', target: 'sumo', language: 'sumo', select: plain },
  { id: 'sumo-cse', name: 'Sumo Logic Cloud SIEM', target: 'sumo-cse', language: 'cse', select: plain },
];
