import { diagnostic } from '@sigmats/core';
import type { Backend, BackendOptionValue, ConvertedRule, Diagnostic, Expr, SigmaRule } from '@sigmats/core';
import { createBackend, exprFields, fail, groupOrByField, ok, renderExpr, type Result, type RuleContext } from '@sigmats/text-query';
import { validateCseExpression } from '../lint/validate.js';
import { cseSeverity, mitreTags } from '../shared/meta.js';
import { gateErrors } from '../shared/gate.js';
import { cseCorrelation } from './correlation.js';
import { cseEnrichments } from './enrichments.js';
import { eventResolver, rawResolver, targetRawResolver, type FieldResolver } from './fields.js';
import { CLASSIC_CHANNEL, classicKey, deviceEventIdTest, windowsKey, type EventType } from './logsources.js';
import { eventTypesRead, ruleTarget } from './rule-events.js';
import { regexLiteral } from '../encode.js';
import { fieldKeys, keysProblem } from '../shared/in-event-keys.js';
import { sumoDialect } from '../shared/dialect.js';
import { cseHooks } from './leaf.js';
import { workspaceExpr } from './gworkspace.js';
import { SharedRenders } from './shared-renders.js';

/**
 * Sumo Logic Cloud SIEM match-rule expressions (backend id `sumo-cse`), target-languages §5. Every rule is scoped to
 * the records its log source produces, from Sumo's catalog (logsources.ts): Windows and Sysmon for Linux rules to
 * vendor/product/event ids, each event type rendered with the fields its mapping gives (event types that render the
 * same expression share one scope); other products to the metadata_vendor/metadata_product of their mappings. A log
 * source the catalog does not map is refused unless the `scope` option supplies the scope.
 */

const q = (s: string): string => `'${s.replaceAll("'", "\\'")}'`;

function orOf(tests: readonly string[]): string {
  return tests.length === 1 ? tests[0]! : `(${tests.join(' or ')})`;
}

function outputScope(outputs: readonly (readonly [string, string])[]): string {
  const vendors = [...new Set(outputs.map(([v]) => v))];
  if (vendors.length === 1) {
    return `metadata_vendor = ${q(vendors[0]!)} and ${orOf(outputs.map(([, p]) => `metadata_product = ${q(p)}`))}`;
  }
  return orOf(outputs.map(([v, p]) => `(metadata_vendor = ${q(v)} and metadata_product = ${q(p)})`));
}

const at = (rule: SigmaRule) => rule.fieldLocs['logsource'] ?? rule.loc;

export function cseExpression(expr: Expr, rule: SigmaRule, options: Readonly<Record<string, BackendOptionValue>> = {}): Result<string> {
  const keywordField = options['keywordField'];
  if (keywordField !== undefined && (typeof keywordField !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(keywordField))) {
    return fail(
      diagnostic('backend/invalid-option', `keywordField must be a CSE field name, not '${String(keywordField)}'`, { file: '<options>', line: 0, column: 0 }),
    );
  }
  const userScope = options['scope'];
  if (userScope !== undefined && (typeof userScope !== 'string' || userScope.trim() === '' || validateCseExpression(userScope).length > 0)) {
    return fail(diagnostic('backend/invalid-option', `scope must be a CSE expression, not '${String(userScope)}'`, { file: '<options>', line: 0, column: 0 }));
  }
  const render = (resolve: FieldResolver, e: Expr = expr): Result<string> =>
    renderExpr(groupOrByField(e), sumoDialect, cseHooks, { resolve, ...(keywordField !== undefined ? { keywordField } : {}) });
  const scoped = (scope: string, body: string): string => `${scope} and (${body})`;
  // Workspace rules name the application as Cloud Logging does; the records Cloud SIEM maps name it as the Reports API.
  if (rule.logsource.product?.toLowerCase() === 'gcp' && rule.logsource.service?.toLowerCase().startsWith('google_workspace')) expr = workspaceExpr(expr);

  const target = ruleTarget(rule, expr);
  if (target.kind === 'channel') {
    // Without event ids a field is read under one key for every event of the channels: refused where some of their
    // events keep their data outside EventData (USER_DATA_EVENTS; the log search reads it per event id instead).
    for (const field of exprFields(expr)) {
      const keys = fieldKeys(target.channels, undefined, field, windowsKey(field));
      if (keys.size > 1) return fail(diagnostic('backend/unsupported-feature', keysProblem(field, keys), at(rule)));
    }
  }
  // Classic PowerShell records keep only the keys their mapping reads (logsources.ts classicKey): a rule reading any
  // other field (Sigma's `Data`, as every SigmaHQ ps_classic rule does) would read a key the record does not have.
  const channels = target.kind === 'channel' ? target.channels : target.kind === 'events' ? target.events.map((e) => e.channel) : [];
  const unread = channels.includes(CLASSIC_CHANNEL) && exprFields(expr).find((f) => f !== 'EventID' && !classicKey(f));
  if (unread) {
    return fail(
      diagnostic(
        'backend/unsupported-feature',
        `classic PowerShell records have no key '${unread}' (catalog mappings/b84e6fc2-d33d-4f18-9915-3235d09bcfaa.md:24-35)`,
        at(rule),
      ),
    );
  }
  const warnings: Diagnostic[] = [];
  let text: string;
  if (typeof userScope === 'string') {
    // The user's scope replaces the catalog's; fields are read as the log source's first event type reads them.
    const resolve = target.kind === 'events' ? eventResolver(target.events[0]!) : target.kind === 'none' ? rawResolver((f) => f) : targetRawResolver(target);
    const r = render(resolve);
    if (!r.ok) return r;
    warnings.push(...r.warnings);
    text = scoped(userScope.trim(), r.value);
  } else {
    switch (target.kind) {
      case 'none':
        return fail(
          diagnostic('backend/unsupported-feature', `${target.reason}: no Cloud SIEM records to scope the rule to`, at(rule), {
            hint: "set the option scope to the CSE expression that selects this log source's records (e.g. metadata_vendor = 'X' and metadata_product = 'Y')",
          }),
        );
      case 'source':
      case 'channel': {
        if (target.kind === 'source' && target.noFields && exprFields(expr).length > 0) {
          return fail(diagnostic('backend/unsupported-feature', target.noFields, at(rule)));
        }
        const r = render(targetRawResolver(target));
        if (!r.ok) return r;
        warnings.push(...r.warnings);
        const base = outputScope(target.outputs);
        const channels = target.kind === 'channel' ? target.channels.map(regexLiteral) : [];
        const channelPattern = channels.length === 1 ? channels[0]! : `(?:${channels.join('|')})`;
        const scope = target.kind === 'channel' ? `${base} and ${orOf([`metadata_deviceEventId matches /^${channelPattern}-[0-9]+$/`, ...target.idTests])}` : base;
        text = scoped(scope, r.value);
        if (target.kind === 'source' && target.note) warnings.push(diagnostic('backend/unsupported-feature', target.note, at(rule), { severity: 'warning' }));
        break;
      }
      case 'events': {
        // Event types where a field the rule reads has no meaning are left out (e.g. 4688 for a rule reading User).
        const fields = exprFields(expr);
        const events = target.events.filter((e) => fields.every((f) => e.keyOf(f) !== undefined));
        if (events.length === 0) {
          return fail(diagnostic('backend/unsupported-feature', `no ${rule.logsource.category ?? rule.logsource.service} event type has all the fields this rule reads`, at(rule)));
        }
        // Event types grouped by vendor, product and rendered text, in first-seen order. Keyed by the text itself (one
        // hash of a string the render made) under the vendor and product, not by their concatenation: a key joining
        // them was a new string to flatten and hash per event type, and split again for the text (long for hash lists).
        const groups = new Map<string, Map<string, Map<string, EventType[]>>>();
        const order: EventType[][] = [];
        const bodies: string[] = [];
        const renders = new SharedRenders((resolve, folded) => render(resolve, folded));
        for (const { event: e, folded } of eventTypesRead(events, expr)) {
          const r = folded.kind === 'const' ? ok('') : renders.of(folded, eventResolver(e));
          if (!r.ok) return r;
          warnings.push(...r.warnings);
          let byProduct = groups.get(e.vendor);
          if (byProduct === undefined) groups.set(e.vendor, (byProduct = new Map()));
          let byText = byProduct.get(e.product);
          if (byText === undefined) byProduct.set(e.product, (byText = new Map()));
          const same = byText.get(r.value);
          if (same !== undefined) same.push(e);
          else {
            const es = [e];
            byText.set(r.value, es);
            order.push(es);
            bodies.push(r.value);
          }
        }
        const parts = order.map((es, i) => {
          const body = bodies[i]!;
          const e0 = es[0]!;
          const ids = orOf(es.map((e) => deviceEventIdTest(e.deviceEventId, e.mapping)));
          const scope = `metadata_vendor = ${q(e0.vendor)} and metadata_product = ${q(e0.product)} and ${ids}`;
          return body === '' ? scope : scoped(scope, body);
        });
        if (parts.length === 0) {
          return fail(diagnostic('backend/unsupported-feature', `the rule's EventID tests exclude every event type of its log source`, at(rule)));
        }
        text = parts.length === 1 ? parts[0]! : parts.map((p) => `(${p})`).join(' or ');
        break;
      }
    }
  }
  const problems = validateCseExpression(text, { re2: false });
  if (problems.length > 0) return fail(...gateErrors(problems, rule.loc, 'CSE expression'));
  return ok(text, warnings);
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
    scope:
      "CSE expression selecting the rule's records, replacing the catalog scope (needed for log sources Sumo's catalog does not map), e.g. metadata_vendor = 'Acme' and metadata_product = 'Proxy'",
    keywordField:
      'CSE field that keyword (full-text) items are tested against as substrings, e.g. commandLine; without it keyword rules are refused',
  },
  query: (expr, ctx) => cseExpression(expr, ctx.rule, ctx.options),
  formatRule,
  enrichments: (ctx) => {
    const keywordField = ctx.options['keywordField'];
    const r = cseEnrichments(ctx.rule, typeof keywordField === 'string' ? keywordField : undefined);
    return ok(r.rendered, r.warnings);
  },
  correlation: cseCorrelation,
  finalize,
  dataSources: (ctx) => (ctx.rule.logsource.category === 'process_creation' ? ['sec_record_endpoint'] : []),
  validate: (q) => validateCseExpression(q),
});
