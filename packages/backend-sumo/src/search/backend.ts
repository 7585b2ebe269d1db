import { lowerRule } from '@sigmats/core';
import type { Backend, BackendOptionValue, ConvertedRule, Expr } from '@sigmats/core';
import { createBackend, fail, ok, type Result, type RuleContext } from '@sigmats/text-query';
import { validateSumoQuery } from '../lint/validate.js';
import { gateErrors } from '../shared/gate.js';
import { searchCorrelation } from './correlation.js';
import { enrichmentFields, sumoEnrichments } from './enrichments.js';
import { ruleSettings, searchParts, searchQueryText, searchSettings } from './query.js';
import { searchProfile } from './profiles.js';
import { savedSearch, savedSearchFolder } from './format.js';
import { SEARCH_PIPELINES } from './pipelines.js';

export const SEARCH_OPTIONS: Readonly<Record<string, string>> = {
  scope: 'Scope (keyword expression before the first pipe), replacing the log source default, e.g. _sourceCategory=windows/sysmon',
  index: 'Partition to search: _index=<index> AND (scope)',
  extraction:
    "'json' (| json field=… \"EventData.X\" as X nodrop), 'keyvalue' (| keyvalue infer \"key\", …: key=value text such as auditd) or 'fer' (fields defined by Field Extraction Rules); default: per log source profile (keyvalue for auditd/syslog, json otherwise)",
  jsonField: 'Field the json operator reads (default _raw)',
  cron: 'scheduled-search: cron expression (default 0 0/15 * * * ? *)',
  timeRange: 'scheduled-search: relative time range (default -15m)',
  timeZone: 'scheduled-search: time zone (default Etc/UTC)',
  emails: 'scheduled-search: comma-separated notification recipients',
  folder: 'scheduled-search: name of the content folder that holds all searches (default sigmats)',
};

function query(expr: Expr, ctx: RuleContext): Result<string> {
  const settings = searchSettings(ctx.options, ctx.state);
  if (!settings.ok) return settings;
  // The fields the enrichments read are extracted with the rule's (their warnings come from the enrichments hook).
  const parts = searchParts(expr, ctx.rule, settings.value, [...ctx.rule.fields, ...enrichmentFields(ctx.rule)]);
  if (!parts.ok) return parts;
  const enrichments = sumoEnrichments(ctx.rule, parts.value.plan.name);
  const text = searchQueryText(parts.value, ctx.rule.fields, { lines: enrichments.lines, names: enrichments.rendered.map((e) => e.name) });
  const problems = validateSumoQuery(text, { re2: false, declaredFields: ruleSettings(settings.value, searchProfile(ctx.rule.logsource)).extraction !== 'fer' });
  return problems.length > 0 ? fail(...gateErrors(problems, ctx.rule.loc, 'query')) : ok(text, parts.warnings);
}

function formatRule(queries: readonly string[], ctx: RuleContext): Result<string> {
  if (ctx.format === 'scheduled-search') return ok(savedSearch(queries, ctx.rule, ctx.options));
  return ok(queries.join('\n\n'));
}

function finalize(rules: readonly ConvertedRule[], format: string, options: Readonly<Record<string, BackendOptionValue>>): string {
  if (format === 'scheduled-search') return savedSearchFolder(rules, options);
  return rules.map((r) => r.output).join('\n\n');
}

/** Sumo Logic log search (backend id `sumo`). */
export const sumo: Backend = createBackend({
  id: 'sumo',
  name: 'Sumo Logic log search',
  formats: [
    { name: 'default', description: 'Plain log search query', extension: 'sumo' },
    {
      name: 'scheduled-search',
      description: 'Scheduled search content JSON (SavedSearchWithScheduleSyncDefinition), importable into the Library',
      extension: 'json',
    },
  ],
  defaultFormat: 'default',
  pipelines: SEARCH_PIPELINES,
  defaultPipelines: [],
  options: SEARCH_OPTIONS,
  query,
  formatRule,
  correlation: searchCorrelation,
  enrichments: (ctx) => {
    const settings = searchSettings(ctx.options, ctx.state);
    if (!settings.ok) return settings;
    // The field names of the first condition's query (the plan names the extracted fields).
    const parts = searchParts(lowerRule(ctx.rule)[0]!, ctx.rule, settings.value, [...ctx.rule.fields, ...enrichmentFields(ctx.rule)]);
    if (!parts.ok) return parts;
    const r = sumoEnrichments(ctx.rule, parts.value.plan.name);
    return ok(r.rendered, r.warnings);
  },
  finalize,
  dataSources: (ctx) => {
    const s = searchSettings(ctx.options, ctx.state);
    return s.ok ? [s.value.scope ?? searchProfile(ctx.rule.logsource).scope ?? '*'] : [];
  },
  validate: (q) => validateSumoQuery(q),
});
