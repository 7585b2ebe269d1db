import { diagnostic } from '@sigmats/core';
import type { Backend, BackendOptionValue, ConvertedRule, Expr, SigmaRule } from '@sigmats/core';
import { createBackend, fail, groupOrByField, ok, renderExpr, type Result, type RuleContext } from '@sigmats/text-query';
import { validateCseExpression } from '../lint/validate.js';
import { cseSeverity, mitreTags } from '../shared/meta.js';
import { gateErrors } from '../shared/gate.js';
import { cseCorrelation } from './correlation.js';
import { CSE_SYSMON_IDS } from './fields.js';
import { sumoDialect } from '../shared/dialect.js';
import { cseHooks } from './leaf.js';

/**
 * Sumo Logic Cloud SIEM match-rule expressions (backend id `sumo-cse`), target-languages §5.
 * A rule that reads raw vendor fields (`fields['EventData.X']`) is scoped to its vendor/product/event id (§5.5, E2);
 * one that reads only normalized fields stays vendor-neutral.
 */

function metadataScope(rule: SigmaRule): string | undefined {
  if (rule.logsource.product?.toLowerCase() !== 'windows') return undefined;
  const ids = rule.logsource.category ? CSE_SYSMON_IDS[rule.logsource.category] : undefined;
  const base = "metadata_vendor = 'Microsoft' and metadata_product = 'Windows'";
  if (!ids) return base;
  const idTest = ids.map((id) => `metadata_deviceEventId = '${id}'`);
  return `${base} and ${idTest.length === 1 ? idTest[0]! : `(${idTest.join(' or ')})`}`;
}

export function cseExpression(expr: Expr, rule: SigmaRule, options: Readonly<Record<string, BackendOptionValue>> = {}): Result<string> {
  const usesRaw = { value: false };
  const keywordField = options['keywordField'];
  if (keywordField !== undefined && (typeof keywordField !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(keywordField))) {
    return fail(
      diagnostic('backend/invalid-option', `keywordField must be a CSE field name, not '${String(keywordField)}'`, { file: '<options>', line: 0, column: 0 }),
    );
  }
  const r = renderExpr(groupOrByField(expr), sumoDialect, cseHooks, {
    logsource: rule.logsource,
    usesRaw,
    ...(keywordField !== undefined ? { keywordField } : {}),
  });
  if (!r.ok) return r;
  const scope = usesRaw.value ? metadataScope(rule) : undefined;
  const text = scope ? `${scope} and (${r.value})` : r.value;
  const problems = validateCseExpression(text, { re2: false });
  if (problems.length > 0) return fail(...gateErrors(problems, rule.loc, 'CSE expression'));
  return ok(text, r.warnings);
}

const ENTITY_SELECTORS = [
  { entity_type: '_hostname', expression: 'device_hostname' },
  { entity_type: '_username', expression: 'user_username' },
];

/** The CSE match-rule JSON (content API / Terraform `sumologic_cse_match_rule` fields), §5.4. */
export function cseRuleObject(expression: string, rule: SigmaRule, options: Readonly<Record<string, BackendOptionValue>>): Record<string, unknown> {
  const severity = cseSeverity(rule.level);
  const enabled = options['enabled'] === undefined ? true : options['enabled'] === true || options['enabled'] === 'true';
  return {
    rule_type: 'match',
    name: rule.title,
    description_expression: [rule.description?.trim(), rule.id ? `Sigma rule ${rule.id}` : undefined].filter((x) => x).join('\n'),
    enabled,
    expression,
    entity_selectors:
      rule.logsource.category === 'process_creation'
        ? [...ENTITY_SELECTORS, { entity_type: '_process', expression: 'baseImage' }]
        : ENTITY_SELECTORS,
    is_prototype: rule.status !== 'stable',
    name_expression: rule.title,
    summary_expression: `${rule.title} on {{device_hostname}}`,
    score_mapping: { type: 'constant', default: severity, field: null, mapping: [] },
    severity_mapping: { type: 'constant', default: severity },
    stream: 'record',
    tags: mitreTags(rule),
  };
}

function formatRule(queries: readonly string[], ctx: RuleContext): Result<string> {
  if (ctx.format === 'cse-rule') {
    const objects = queries.map((q) => cseRuleObject(q, ctx.rule, ctx.options));
    return ok(JSON.stringify(objects.length === 1 ? objects[0] : objects, null, 2));
  }
  return ok(queries.join('\n\n'));
}

function finalize(rules: readonly ConvertedRule[], format: string): string {
  if (format === 'cse-rule') {
    const all = rules.flatMap((r) => {
      const parsed = JSON.parse(r.output) as unknown;
      return Array.isArray(parsed) ? parsed : [parsed];
    });
    return JSON.stringify({ rules: all }, null, 2);
  }
  return rules.map((r) => r.output).join('\n\n');
}

/** Sumo Logic Cloud SIEM (backend id `sumo-cse`). */
export const sumoCse: Backend = createBackend({
  id: 'sumo-cse',
  name: 'Sumo Logic Cloud SIEM',
  formats: [
    { name: 'default', description: 'CSE rule expression', extension: 'txt' },
    { name: 'cse-rule', description: 'CSE match rule JSON ({"rules":[…]} for a collection)', extension: 'json' },
  ],
  defaultFormat: 'default',
  pipelines: [],
  defaultPipelines: [],
  options: {
    enabled: 'cse-rule: whether the rule is enabled (default true)',
    keywordField:
      'CSE field that keyword (full-text) items are tested against as substrings, e.g. commandLine; without it keyword rules are refused',
  },
  query: (expr, ctx) => cseExpression(expr, ctx.rule, ctx.options),
  formatRule,
  correlation: cseCorrelation,
  finalize,
  dataSources: (ctx) => (ctx.rule.logsource.category === 'process_creation' ? ['sec_record_endpoint'] : []),
  validate: (q) => validateCseExpression(q),
});
