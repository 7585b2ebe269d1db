/**
 * Everything the page shows is a function of this state, and the state lives in the URL fragment: a share link is
 * the page itself. The fragment (not the query string) keeps the rule out of server logs on a static host and works
 * from file://.
 */
export const TARGETS = ['splunk', 'kql', 'sumo', 'sumo-cse'] as const;
export type Target = (typeof TARGETS)[number];

export interface PlaygroundState {
  readonly rule: string;
  readonly target: Target;
  /** Built-in pipeline names of the target, in the order given. */
  readonly pipelines: readonly string[];
  /** A pySigma-format pipeline in YAML, applied after the built-in ones; '' for none. */
  readonly customPipeline: string;
  readonly noDefaultPipelines: boolean;
  /** '' is the backend's default format. */
  readonly format: string;
  /** JSON events (one object, an array, or NDJSON) to match the rule against. */
  readonly events: string;
}

/** Fragment prefix: a version, so a later layout can still read old links. */
const PREFIX = 's1.';

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

export function isTarget(v: unknown): v is Target {
  return typeof v === 'string' && (TARGETS as readonly string[]).includes(v);
}

/** The fragment (without '#') for a state. */
export function encodeState(state: PlaygroundState): string {
  const compact = {
    r: state.rule,
    t: state.target,
    p: state.pipelines,
    c: state.customPipeline,
    n: state.noDefaultPipelines ? 1 : 0,
    f: state.format,
    e: state.events,
  };
  return PREFIX + toBase64Url(JSON.stringify(compact));
}

export type DecodedState = { readonly kind: 'ok'; readonly state: PlaygroundState } | { readonly kind: 'invalid'; readonly reason: string };

/**
 * Reads a fragment back. A link edited by hand or cut short gives `invalid` with a reason (the page says so and
 * keeps its defaults), never an exception. Missing fields take the defaults.
 */
export function decodeState(fragment: string, defaults: PlaygroundState): DecodedState {
  const f = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (!f.startsWith(PREFIX)) return { kind: 'invalid', reason: `the link's state does not start with '${PREFIX}'` };
  let raw: unknown;
  try {
    raw = JSON.parse(fromBase64Url(f.slice(PREFIX.length)));
  } catch (e) {
    return { kind: 'invalid', reason: `the link's state is not readable (${e instanceof Error ? e.message : String(e)})` };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { kind: 'invalid', reason: "the link's state is not an object" };
  const o = raw as Record<string, unknown>;
  const str = (v: unknown, d: string): string => (typeof v === 'string' ? v : d);
  const target = o['t'] === undefined ? defaults.target : o['t'];
  if (!isTarget(target)) return { kind: 'invalid', reason: `unknown target ${JSON.stringify(target)}` };
  const pipes = Array.isArray(o['p']) ? o['p'].filter((x): x is string => typeof x === 'string') : defaults.pipelines;
  return {
    kind: 'ok',
    state: {
      rule: str(o['r'], defaults.rule),
      target,
      pipelines: pipes,
      customPipeline: str(o['c'], defaults.customPipeline),
      noDefaultPipelines: o['n'] === undefined ? defaults.noDefaultPipelines : o['n'] === 1 || o['n'] === true,
      format: str(o['f'], defaults.format),
      events: str(o['e'], defaults.events),
    },
  };
}
