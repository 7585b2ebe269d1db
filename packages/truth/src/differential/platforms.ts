import type { Backend, ConvertOptions } from '@sigmats/core';
import { kqlBackend } from '@sigmats/backend-kql';
import { sentinelCloudPipeline } from '@sigmats/backend-kql/cloud';
import { sentinelWindowsPipeline } from '@sigmats/backend-kql/windows';
import { sentinelSyslogPipeline } from '@sigmats/backend-kql/syslog';
import { sentinelWebPipeline } from '@sigmats/backend-kql/web';
import { splunkBackend as splunk } from '@sigmats/backend-splunk';
import { sumo, sumoCse } from '@sigmats/backend-sumo';
import { compileCse } from '../cse/index.js';
import { compileKql } from '../kql/index.js';
import {
  asimRecords,
  cseRecords,
  defenderRecords,
  kqlTableColumns,
  securityEventRecords,
  sameOverDeployments,
  sentinelCloudRecords,
  sentinelSyslogCovers,
  sentinelSyslogRecords,
  sentinelWebRecords,
  splunkEvents,
  sumoMessages,
  eventTableRecords,
  isSecurityEventChannel,
  windowsEventRecords,
  windowsView,
} from '../records/index.js';
import { compileSpl } from '../spl/index.js';
import { compileSumo } from '../sumo/index.js';
import type { CseRecord, EventSource, KqlRecord, KqlTable, RawEvent, SplunkEvent, SumoMessage } from '../types.js';

/**
 * A platform the differential proves queries on: a backend with the pipelines that select one flavour of it, the
 * records that platform stores for a raw event (built by `records/`, from the vendor's sources), and the reference
 * interpreter of the language the backend emits.
 */
export interface Platform {
  /** Report row name, e.g. `xdr`, `sentinel_asim`, `splunk/sysmon`. */
  readonly id: string;
  readonly target: string;
  /** Pipeline name, or `default`. */
  readonly pipeline: string;
  /**
   * The rules this platform is for, by logsource: a pipeline for one data source (Splunk's Sysmon add-on) is not
   * answerable for rules about other sources. Undefined: every rule (the backend must refuse what it cannot do).
   */
  readonly covers?: (logsource: EventSource) => boolean;
  readonly backend: Backend;
  readonly convertOptions: ConvertOptions;
  /** The records the platform stores for the raw event (none: it does not record such events). */
  records(event: RawEvent, source: EventSource): readonly unknown[];
  /**
   * Parses an emitted query once; the returned test says whether the query returns anything over the records.
   * Throws when the platform would reject the query (syntax or semantic error in the reference interpreter).
   */
  compile(query: string): (records: readonly unknown[]) => boolean;
}

/** Conversion options that replace the backend's default pipelines with the named one. */
function only(backend: Backend, pipeline: string | undefined): ConvertOptions {
  if (pipeline === undefined) return {};
  const found = backend.pipelines.find((p) => p.name === pipeline);
  if (!found) throw new Error(`backend ${backend.id} has no pipeline '${pipeline}'`);
  if (backend.defaultPipelines.length === 1 && backend.defaultPipelines[0] === pipeline) return {};
  return { noDefaultPipelines: true, pipelines: [found.pipeline] };
}

const IDENT = /[A-Za-z_][A-Za-z0-9_]*/g;

/** The tables a KQL query can name, empty unless the event has rows there (an unknown table is the query's error). */
function kqlMatcher(query: string): (records: readonly unknown[]) => boolean {
  const compiled = compileKql(query);
  const names = new Set<string>();
  for (const m of query.matchAll(IDENT)) if (kqlTableColumns(m[0]) !== undefined) names.add(m[0]);
  return (records) => {
    const rows = new Map<string, KqlRecord['row'][]>();
    for (const name of names) rows.set(name, []);
    for (const r of records as readonly KqlRecord[]) {
      const list = rows.get(r.table);
      if (list) list.push(r.row);
    }
    const tables: Record<string, KqlTable> = {};
    for (const [name, list] of rows) tables[name] = { name, columns: kqlTableColumns(name)!, rows: list };
    return compiled.run(tables).rows.length > 0;
  };
}

const kql = kqlBackend({ pipelines: [sentinelCloudPipeline, sentinelWebPipeline, sentinelSyslogPipeline, sentinelWindowsPipeline] });

function kqlPlatform(id: string, pipeline: string, records: (e: RawEvent, s: EventSource) => KqlRecord[], covers?: (ls: EventSource) => boolean): Platform {
  return {
    ...(covers ? { covers } : {}),
    id,
    target: 'kql',
    pipeline,
    backend: kql,
    convertOptions: only(kql, pipeline),
    records,
    compile: kqlMatcher,
  };
}

/**
 * Linux syslog on Sentinel's Syslog table: the rows stand for several deployments (OpenSSH before/after 9.8, Debian cron
 * and cronie, the auth facilities), and a query must give the same verdict on each (records/sentinel-syslog.ts).
 */
function sentinelSyslogPlatform(): Platform {
  const base = kqlPlatform('sentinel_syslog', 'sentinel_syslog', sentinelSyslogRecords, sentinelSyslogCovers);
  return { ...base, compile: (query) => sameOverDeployments(kqlMatcher(query)) };
}

/**
 * A Windows event where the Azure Monitor Agent keeps it for Sentinel: a Security or AppLocker log event in
 * SecurityEvent (the Windows Security Events connector: "All Windows security and AppLocker events",
 * isSecurityEventChannel), any other channel's in Event (a data collection rule's Windows event logs).
 */
function amaWindowsRecords(event: RawEvent, source: EventSource): KqlRecord[] {
  const view = windowsView(event, source);
  return view && isSecurityEventChannel(view.channel) ? securityEventRecords(event, source) : eventTableRecords(event, source);
}

/** Splunk: which events the search sees depends on the add-on that extracted them; the pipeline names its add-on. */
type SplunkProfile = 'sysmon-addon' | 'windows-addon' | 'raw-json' | 'addons';
const SPLUNK_PROFILES: Readonly<Record<string, SplunkProfile>> = {
  default: 'raw-json',
  sysmon: 'sysmon-addon',
  'windows-security': 'windows-addon',
  // Both add-ons installed: Sysmon events as the Sysmon add-on extracts them, every other channel as the Windows one.
  'splunk-windows': 'addons',
};

function splunkRecords(profile: SplunkProfile): (e: RawEvent, s: EventSource) => SplunkEvent[] {
  if (profile !== 'addons') return (e, s) => splunkEvents(e, s, profile);
  return (e, s) => {
    const sysmon = splunkEvents(e, s, 'sysmon-addon');
    return sysmon.length > 0 ? sysmon : splunkEvents(e, s, 'windows-addon');
  };
}

/** Sigma's Sysmon categories (the Sysmon event types Sigma names; see the SigmaHQ logsource documentation). */
const SYSMON_CATEGORIES = new Set([
  'process_creation', 'file_change', 'network_connection', 'process_termination', 'driver_load', 'image_load', 'create_remote_thread',
  'raw_access_thread', 'process_access', 'file_event', 'registry_add', 'registry_delete', 'registry_set', 'registry_rename',
  'registry_event', 'create_stream_hash', 'pipe_created', 'wmi_event', 'dns_query', 'file_delete', 'clipboard_capture',
  'process_tampering', 'file_delete_detected', 'file_block_executable', 'file_block_shredding', 'file_executable_detected',
  'sysmon_status', 'sysmon_error',
]);

const SPLUNK_COVERS: Readonly<Record<string, (ls: EventSource) => boolean>> = {
  // Windows event logs reach Splunk through its add-ons, whose field names and sources only a pipeline knows: the
  // backend warns when a Windows rule is converted without one. Likewise an event type of another product (linux
  // process_creation, ...) is told apart from the product's other event types only by the data set it is indexed in,
  // which no built-in pipeline names: the backend warns that such a rule has no source scope. The plain output is
  // answerable for the rest.
  default: (ls) => ls.product !== 'windows' && !(ls.product !== undefined && ls.category !== undefined),
  'splunk-windows': (ls) => ls.product === 'windows',
  sysmon: (ls) => ls.product === 'windows' && (ls.service === 'sysmon' || (ls.category !== undefined && SYSMON_CATEGORIES.has(ls.category))),
  'windows-security': (ls) => ls.product === 'windows' && (ls.service === 'security' || ls.category === 'process_creation'),
};

function splunkPlatform(pipeline: string): Platform {
  const profile = SPLUNK_PROFILES[pipeline] ?? 'raw-json';
  const covers = SPLUNK_COVERS[pipeline];
  return {
    ...(covers ? { covers } : {}),
    id: pipeline === 'default' ? 'splunk' : `splunk/${pipeline}`,
    target: 'splunk',
    pipeline,
    backend: splunk,
    convertOptions: pipeline === 'default' ? {} : only(splunk, pipeline),
    records: splunkRecords(profile),
    compile: (query) => {
      const compiled = compileSpl(query);
      // `matching` follows the events through `| table`; after a transforming command it is null.
      return (records) => {
        const hits = compiled.matching(records as readonly SplunkEvent[]);
        return hits === null ? compiled.run(records as readonly SplunkEvent[]).length > 0 : hits.length > 0;
      };
    },
  };
}

function sumoPlatform(format: 'json' | 'text'): Platform {
  return {
    id: `sumo/${format}`,
    target: 'sumo',
    pipeline: 'default',
    backend: sumo,
    convertOptions: {},
    records: (e, s) => sumoMessages(e, s, format),
    compile: (query) => {
      // Sumo does not document whether `matches /re/` is a whole-value match: a verdict must not depend on it.
      const anywhere = compileSumo(query, { regexMatch: 'anywhere' });
      const whole = compileSumo(query, { regexMatch: 'whole' });
      if (anywhere.undeclaredFields.length > 0) {
        throw new Error(`the query reads fields no stage extracts (${anywhere.undeclaredFields.join(', ')}): Sumo rejects it without field extraction rules`);
      }
      return (records) => {
        const a = anywhere.run(records as readonly SumoMessage[]).length > 0;
        const w = whole.run(records as readonly SumoMessage[]).length > 0;
        if (a !== w) throw new Error('the verdict depends on whether matches /re/ is a whole-value match, which Sumo does not document');
        return a;
      };
    },
  };
}

const cse: Platform = {
  id: 'sumo-cse',
  target: 'sumo-cse',
  pipeline: 'default',
  backend: sumoCse,
  convertOptions: {},
  records: cseRecords,
  compile: (query) => {
    const anywhere = compileCse(query, { regexMatch: 'anywhere' });
    const whole = compileCse(query, { regexMatch: 'whole' });
    return (records) => {
      const a = (records as readonly CseRecord[]).some((r) => anywhere.test(r));
      const w = (records as readonly CseRecord[]).some((r) => whole.test(r));
      if (a !== w) throw new Error('the verdict depends on whether matches /re/ is a whole-value match (Cloud SIEM documents it as RLIKE: anywhere)');
      return a;
    };
  },
};

/** Every platform the report knows, in report order. */
export function platforms(): Platform[] {
  return [
    kqlPlatform('xdr', 'microsoft_xdr', defenderRecords),
    kqlPlatform('sentinel_securityevent', 'sentinel_securityevent', securityEventRecords),
    kqlPlatform('sentinel_sysmon_event', 'sentinel_sysmon_event', eventTableRecords),
    kqlPlatform('sentinel_sysmon_windowsevent', 'sentinel_sysmon_windowsevent', windowsEventRecords),
    // Windows event logs as the Azure Monitor Agent keeps them: Security and AppLocker in SecurityEvent, every other channel in Event.
    kqlPlatform('sentinel_windows', 'sentinel_windows', amaWindowsRecords),
    kqlPlatform('sentinel_asim', 'sentinel_asim', asimRecords),
    kqlPlatform('sentinel_cloud', 'sentinel_cloud', sentinelCloudRecords),
    // Web server and proxy logs only: the pipeline is for those two categories, as its records are.
    kqlPlatform('sentinel_asim_web', 'sentinel_asim_web', sentinelWebRecords, (ls) => ls.category === 'webserver' || ls.category === 'proxy'),
    // Linux syslog services and product-only linux keyword rules.
    sentinelSyslogPlatform(),
    splunkPlatform('default'),
    ...splunk.pipelines.filter((p) => p.name in SPLUNK_PROFILES).map((p) => splunkPlatform(p.name)),
    sumoPlatform('json'),
    cse,
  ];
}
