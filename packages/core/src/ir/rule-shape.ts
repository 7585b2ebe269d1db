import type { DocumentMeta, SigmaRule } from './rule.js';

/**
 * The rule with every key written out, in one order. Rules are built and copied through here rather than with
 * object spread: once a spread site has seen a few shapes V8 gives each copy a hidden class of its own (measured:
 * the 3,141 SigmaHQ rules had 3,141), and every read of a rule property in the pipelines and backends then misses
 * its inline cache. `satisfies` makes a key added to SigmaRule a compile error here until it is copied.
 */
export function sigmaRule(r: SigmaRule): SigmaRule {
  return sigmaRuleOf(r, r);
}

/** The parts of a rule that are not its metadata. */
export type RuleBody = Pick<SigmaRule, 'logsource' | 'detections' | 'conditions' | 'fields' | 'scope' | 'enrichments'>;

/**
 * A rule from its metadata and its body, without the intermediate object a `{ ...meta, ...body }` argument would be:
 * that spread made a hidden class per rule (the spread's copy of the metadata, then seven keys added), and was most of
 * parseRule's own time in a profile of `check` over the corpus.
 */
export function sigmaRuleOf(m: DocumentMeta, b: RuleBody): SigmaRule {
  return {
    title: m.title,
    taxonomy: m.taxonomy,
    references: m.references,
    related: m.related,
    falsepositives: m.falsepositives,
    tags: m.tags,
    custom: m.custom,
    loc: m.loc,
    fieldLocs: m.fieldLocs,
    id: m.id,
    name: m.name,
    status: m.status,
    level: m.level,
    description: m.description,
    license: m.license,
    author: m.author,
    date: m.date,
    modified: m.modified,
    kind: 'rule' as const,
    logsource: b.logsource,
    detections: b.detections,
    conditions: b.conditions,
    fields: b.fields,
    scope: b.scope,
    enrichments: b.enrichments,
  } satisfies Record<keyof SigmaRule, unknown>;
}

/** A copy of `rule` with some fields replaced (see sigmaRule). */
export function ruleWith(rule: SigmaRule, change: Partial<Omit<SigmaRule, 'kind'>>): SigmaRule {
  return sigmaRule({ ...rule, ...change });
}
