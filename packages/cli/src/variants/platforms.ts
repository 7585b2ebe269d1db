import type { Backend, ConvertOptions, CorrelationRule, SigmaRule } from '@sigmats/core';
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
  readonly select: Select;
  /**
   * Other sources of the same platform, tried in order for a rule `select`'s conversion refuses: the page of such a
   * rule shows the first that converts it, and names its configuration.
   */
  readonly fallbacks?: readonly Select[];
  /** The platform's own rule format, offered as a download beside the query. */
  readonly ruleFormat: { readonly format: string; readonly label: string };
}

/** A conversion's options, and the rules it is for when not every rule (the others are left to the fallbacks). */
type Select = (backend: Backend) => { options: ConvertOptions; only?: (rule: SigmaRule | CorrelationRule) => boolean } | { unavailable: string };

/** Names of the pipelines a conversion applies, defaults first. */
export function pipelineNames(backend: Backend, options: ConvertOptions): string[] {
  const names = options.noDefaultPipelines ? [] : [...backend.defaultPipelines];
  for (const p of options.pipelines ?? []) names.push(p.name);
  return names;
}

/**
 * The facts a platform's queries assume that the vendor's sources do not settle (e.g. whether Defender reports
 * `ControlSet001` or `CurrentControlSet`), per rule: the KQL backend lists them with its generated platform data.
 * Other targets state theirs as conversion warnings, which pages show too.
 */
export async function assumptionsFor(target: Target, pipelines: readonly string[]): Promise<(rule: SigmaRule | CorrelationRule) => string[]> {
  if (target !== 'kql') return () => [];
  const { kqlAssumptions } = await import('@sigmats/backend-kql/assumptions');
  return (rule) => {
    if (rule.kind !== 'rule') return [];
    const seen = new Set<string>();
    const out: string[] = [];
    for (const p of pipelines) {
      for (const a of kqlAssumptions(p, rule)) {
        if (seen.has(a.id)) continue;
        seen.add(a.id);
        out.push(`${a.text} (assumption ${a.id}: ${a.source})`);
      }
    }
    return out;
  };
}

/** The pipelines a platform's conversion applies, by name with their descriptions: the configuration it assumes. */
export function configurationOf(backend: Backend, options: ConvertOptions): string {
  const names = pipelineNames(backend, options);
  if (names.length === 0) return `${backend.name}, no processing pipeline (the backend's own field handling)`;
  const described = names.map((n) => {
    const info = backend.pipelines.find((p) => p.name === n);
    return info ? `${n} (${info.description})` : n;
  });
  return `${backend.name}, pipeline ${described.join(', then ')}`;
}

const plain = (): { options: ConvertOptions } => ({ options: {} });

/**
 * KQL has two flavours: Defender XDR advanced hunting and Sentinel (Log Analytics). The backend exposes them
 * as built-in pipelines; we pick the one whose name or description says so and use it instead of the defaults,
 * with the named `extras` the backend has (pipelines of other log sources on the same platform, which apply to
 * their own logsources only).
 */
function kqlFlavour(patterns: readonly RegExp[], label: string, extras: readonly string[] = []) {
  return (backend: Backend): { options: ConvertOptions } | { unavailable: string } => {
    let found: Backend['pipelines'][number] | undefined;
    for (const pattern of patterns) {
      found ??= backend.pipelines.find((p) => pattern.test(p.name)) ?? backend.pipelines.find((p) => pattern.test(p.description));
    }
    if (!found) return { unavailable: `the KQL backend has no ${label} pipeline (pipelines: ${backend.pipelines.map((p) => p.name).join(', ') || 'none'})` };
    if (backend.defaultPipelines.includes(found.name)) return { options: {} };
    // Keep the defaults that are not another flavour's table mapping, and add this flavour's pipeline.
    const others = backend.defaultPipelines.filter((n) => !/xdr|defender|m365|sentinel|asim|azure|log.?analytics/i.test(n));
    const pipelines = [...others, found.name, ...extras].flatMap((n) => backend.pipelines.filter((p) => p.name === n).map((p) => p.pipeline));
    return { options: { noDefaultPipelines: true, pipelines } };
  };
}

/** The backend's defaults and its pipeline `name`, for the rules `only` accepts. */
function withPipeline(name: string, only: (rule: SigmaRule | CorrelationRule) => boolean): Select {
  return (backend) => {
    const found = backend.pipelines.find((p) => p.name === name);
    return found ? { options: { pipelines: [found.pipeline] }, only } : { unavailable: `the ${backend.name} backend has no pipeline ${name}` };
  };
}

const windowsRule = (rule: SigmaRule | CorrelationRule): boolean => rule.kind === 'rule' && rule.logsource.product === 'windows';

export const PLATFORMS: readonly PlatformSpec[] = [
  // A Windows rule reads the events as the Splunk Add-ons for Windows and Sysmon index them (XML rendering: source
  // XmlWinEventLog:<Channel>, EventCode), the deployment the truth check proves splunk-windows on. Other rules, and a
  // Windows rule that pipeline refuses, read the events under Sigma's names.
  {
    id: 'splunk',
    name: 'Splunk',
    target: 'splunk',
    language: 'spl',
    select: withPipeline('splunk-windows', windowsRule),
    fallbacks: [plain],
    ruleFormat: { format: 'savedsearches', label: 'savedsearches.conf stanza' },
  },
  {
    id: 'defender-xdr',
    name: 'Microsoft Defender XDR',
    target: 'kql',
    language: 'kql',
    select: kqlFlavour([/xdr|defender|m365/i], 'Defender XDR'),
    ruleFormat: { format: 'defender', label: 'Defender XDR custom detection rule (JSON)' },
  },
  // ASIM (imProcessCreate, ...) normalises every Windows source Sentinel ingests, so it is the Sentinel page's query;
  // AWS, Azure, Microsoft 365, Google Cloud, Okta, GitHub and Kubernetes audit rules read Sentinel's tables of those logs
  // (sentinel_cloud, Kubernetes on AKS's AKSAudit),
  // web server and proxy rules ASIM's Web Session parser (sentinel_asim_web), Linux syslog rules the Syslog table
  // (sentinel_syslog), Windows service and PowerShell rules SecurityEvent (Security) and the Event table (the other
  // channels; sentinel_windows).
  {
    id: 'sentinel',
    name: 'Microsoft Sentinel',
    target: 'kql',
    language: 'kql',
    select: kqlFlavour([/asim/i, /sentinel/i], 'Sentinel', ['sentinel_cloud', 'sentinel_asim_web', 'sentinel_syslog', 'sentinel_windows']),
    // A Sysmon rule ASIM's parsers cannot answer (imRegistry's value data, which Microsoft's Sysmon parser reads from a
    // key Sysmon does not write when the Azure Monitor Agent collects it into WindowsEvent) reads the Sysmon events
    // themselves, in the Event table, where a data collection rule's Windows event logs go. A Windows rule the Event
    // table cannot answer (a keyword, which its XML markup could hold; a field AppLocker or WMI-Activity keeps in
    // UserData) reads WindowsEvent, where the Windows Forwarded Events connector keeps events as dynamic data.
    fallbacks: [kqlFlavour([/^sentinel_sysmon_event$/], 'Sentinel Event table'), kqlFlavour([/^sentinel_sysmon_windowsevent$/], 'Sentinel WindowsEvent table')],
    ruleFormat: { format: 'sentinel', label: 'Sentinel scheduled analytic rule (YAML)' },
  },
  { id: 'sumo', name: 'Sumo Logic', target: 'sumo', language: 'sumo', select: plain, ruleFormat: { format: 'scheduled-search', label: 'Sumo Logic scheduled search (JSON)' } },
  { id: 'sumo-cse', name: 'Sumo Logic Cloud SIEM', target: 'sumo-cse', language: 'cse', select: plain, ruleFormat: { format: 'cse-rule', label: 'Cloud SIEM match rule (JSON)' } },
];
