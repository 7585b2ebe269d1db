import { diagnostic } from '@sigmats/core';
import type { BackendOptionValue, Diagnostic, DocumentMeta, RuleLevel, SigmaRule } from '@sigmats/core';
import { fail, ok, type Result } from '@sigmats/text-query';
import type { QuerySource } from '../query.js';
import { tactics, techniques } from './attack.js';
import { dataConnectors, ENTITY_MAPPINGS } from './entities.js';
import { ruleGuid } from './ids.js';
import { projectColumns, withProject } from './project.js';
import { toYaml, type YamlValue } from './yaml.js';

export const FORMATS = [
  { name: 'default', description: 'Plain KQL query: Table | where … (| project of the rule fields)', extension: 'kql' },
  { name: 'sentinel', description: 'Microsoft Sentinel scheduled analytic rule (Azure-Sentinel repository YAML)', extension: 'yaml' },
  { name: 'defender', description: 'Defender XDR custom detection rule (Graph security/rules/detectionRules JSON)', extension: 'json' },
] as const;

export const OPTIONS = {
  table: 'Table (or ASIM parser) to query, overriding the pipelines',
  queryFrequency: 'Sentinel queryFrequency (default 1h)',
  queryPeriod: 'Sentinel queryPeriod (default 1h; correlations: at least their timespan)',
  detectionPeriod: 'Defender custom detection schedule.period: 0 (continuous), 1H, 3H, 12H or 24H (default 1H)',
} as const;

const SENTINEL_SEVERITY: Readonly<Record<RuleLevel, string>> = {
  informational: 'Informational',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'High',
};

const DEFENDER_SEVERITY: Readonly<Record<RuleLevel, string>> = {
  informational: 'informational',
  low: 'low',
  medium: 'medium',
  high: 'high',
  critical: 'high',
};

/** Columns a Defender custom detection must return (Timestamp and ReportId identify the event). */
export const DEFENDER_COLUMNS = ['Timestamp', 'DeviceId', 'DeviceName', 'ReportId'];

const DEFENDER_PERIODS = new Set(['0', '1H', '3H', '12H', '24H']);

function optionText(options: Readonly<Record<string, BackendOptionValue>>, name: string, fallback: string): string {
  const v = options[name];
  return v === undefined ? fallback : String(v);
}

/** Sentinel analytic rule YAML, in the key order of the Azure-Sentinel repository. */
export function sentinelYaml(
  doc: DocumentMeta,
  key: string,
  query: string,
  tables: readonly string[],
  options: Readonly<Record<string, BackendOptionValue>>,
  period?: string,
  /** Columns the query returns, when it does not return the table's (an aggregation): entities are limited to them. */
  returned?: ReadonlySet<string>,
): string {
  const all = tables.length === 1 ? ENTITY_MAPPINGS[tables[0]!] ?? [] : [];
  const entities = returned
    ? all
        .map((e) => ({ ...e, fieldMappings: e.fieldMappings.filter((f) => returned.has(f.columnName)) }))
        .filter((e) => e.fieldMappings.length > 0)
    : all;
  const rule: Record<string, YamlValue> = {
    id: ruleGuid(doc.id, key),
    name: doc.title,
    description: (doc.description ?? doc.title).trim() + '\n',
    severity: SENTINEL_SEVERITY[doc.level ?? 'medium'],
    requiredDataConnectors: tables.flatMap((t) => dataConnectors(t).map((c) => ({ connectorId: c.connectorId, dataTypes: [...c.dataTypes] }))),
    queryFrequency: optionText(options, 'queryFrequency', '1h'),
    queryPeriod: period ?? optionText(options, 'queryPeriod', '1h'),
    triggerOperator: 'gt',
    triggerThreshold: 0,
    tactics: tactics(doc),
    relevantTechniques: techniques(doc),
    query: query + '\n',
    ...(entities.length > 0
      ? { entityMappings: entities.map((e) => ({ entityType: e.entityType, fieldMappings: e.fieldMappings.map((f) => ({ ...f })) })) }
      : {}),
    version: '1.0.0',
    kind: 'Scheduled',
  };
  return toYaml(rule);
}

function defenderJson(rule: SigmaRule, query: string, options: Readonly<Record<string, BackendOptionValue>>): Result<string> {
  const period = optionText(options, 'detectionPeriod', '1H').toUpperCase();
  if (!DEFENDER_PERIODS.has(period)) {
    return fail(
      diagnostic('backend/invalid-option', `detectionPeriod '${period}' is not one of 0, 1H, 3H, 12H, 24H`, { file: '<options>', line: 0, column: 0 }),
    );
  }
  const t = tactics(rule);
  const body = {
    displayName: rule.title,
    isEnabled: true,
    queryCondition: { queryText: query },
    schedule: { period },
    detectionAction: {
      alertTemplate: {
        title: rule.title,
        description: (rule.description ?? rule.title).trim(),
        severity: DEFENDER_SEVERITY[rule.level ?? 'medium'],
        category: t[0] ?? 'SuspiciousActivity',
        recommendedActions: null,
        mitreTechniques: techniques(rule),
        impactedAssets: [{ '@odata.type': '#microsoft.graph.security.impactedDeviceAsset', identifier: 'deviceId' }],
      },
      organizationalScope: null,
      responseActions: [],
    },
  };
  return ok(JSON.stringify(body, null, 2) + '\n');
}

/** The rule in `format` from its queries (one per condition). */
export function formatRule(
  rule: SigmaRule,
  key: string,
  queries: readonly string[],
  source: QuerySource,
  format: string,
  options: Readonly<Record<string, BackendOptionValue>>,
): Result<string> {
  const time = source.schema?.timeColumn ?? 'TimeGenerated';
  const warnings: Diagnostic[] = [];
  if (format === 'default') {
    const { columns, warnings: w } = rule.fields.length > 0 ? projectColumns(rule, source, [time]) : { columns: [], warnings: [] };
    return ok(queries.map((q) => withProject(q, columns)).join('\n\n'), w);
  }
  if (queries.length !== 1) {
    return fail(
      diagnostic('backend/unsupported-feature', `the ${format} format holds one query, but the rule has ${queries.length} conditions`, rule.fieldLocs['detection'] ?? rule.loc, {
        hint: 'join the conditions with `or` into one condition',
      }),
    );
  }
  const query = queries[0]!;
  if (format === 'sentinel') {
    let text = query;
    if (rule.fields.length > 0) {
      const entityColumns = (ENTITY_MAPPINGS[source.table] ?? []).flatMap((e) => e.fieldMappings.map((f) => f.columnName));
      const { columns, warnings: w } = projectColumns(rule, source, [time, ...entityColumns]);
      warnings.push(...w);
      text = withProject(query, columns);
    }
    return ok(sentinelYaml(rule, key, text, [source.table], options), warnings);
  }
  if (format === 'defender') {
    if (!source.table.startsWith('Device') || source.schema === undefined) {
      return fail(
        diagnostic('backend/unsupported-feature', `the defender format needs a Defender XDR table, not ${source.table}`, rule.logsource.loc, {
          hint: 'use the microsoft_xdr pipeline, or the sentinel format for Log Analytics tables',
        }),
      );
    }
    const { columns, warnings: w } = projectColumns(rule, source, DEFENDER_COLUMNS);
    warnings.push(...w);
    const r = defenderJson(rule, withProject(query, columns), options);
    return r.ok ? ok(r.value, warnings) : r;
  }
  return fail(diagnostic('backend/unknown-format', `unknown format '${format}'`, rule.loc));
}
