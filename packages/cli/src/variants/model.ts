import type { ConvertedRule, CorrelationRule, Expr, SigmaRule } from '@sigmats/core';
import { techniqueLabel, type AttackInfo, type AttackRef, type AttackTechnique } from './attack.js';
import { detectionFields, type Fixture } from './fixtures.js';
import type { PlatformSpec } from './platforms.js';

/** Bumped when the JSON page shape changes incompatibly. */
export const PAGE_VERSION = 2;

export interface PageLink {
  readonly id: string;
  readonly name: string;
  /** Relative to the page. */
  readonly href: string;
}

/** Where a rule's licence asks pages to credit it (DRL 1.1: the authors, a link to the rule, the licence). */
export interface RuleLicence {
  readonly name: string;
  readonly url?: string;
  /** The notice pages and match output carry. */
  readonly notice: string;
}

/** How the query is meant to be deployed: the named configuration it assumes, and what it takes for granted. */
export interface Deployment {
  /** e.g. "Splunk Add-on for Sysmon (sourcetype XmlWinEventLog), pipeline sysmon". */
  readonly configuration: string;
  readonly assumptions: readonly string[];
  /** The platform's rule format, as a file beside the page. */
  readonly download?: { readonly label: string; readonly href: string };
}

export interface FixtureSummary {
  readonly description: string;
  readonly expect: 'match' | 'no-match';
  /** Relative to the page. */
  readonly href: string;
  /** The event fields the rule looks at, as found in the event. */
  readonly evidence: readonly { readonly field: string; readonly value: string }[];
  /** The enrichment values the fixture asserts for its event (true positives of rules with enrichments). */
  readonly enrichments?: readonly { readonly name: string; readonly value: string }[];
}

/** A triage enrichment of the rule (its `enrichments` attribute): a label computed for every hit. */
export interface PageEnrichment {
  readonly name: string;
  /**
   * In order: the first case whose condition holds gives the value. `condition` is the case's Sigma detection,
   * `platformCondition` the same test in the platform's expression syntax (when the backend renders it).
   */
  readonly cases: readonly { readonly value: string; readonly condition: string; readonly platformCondition?: string }[];
  readonly default: string;
  /** Whether this platform's query computes it (false: its format or pipeline cannot; see convert's warnings). */
  readonly inQuery: boolean;
}

/** Everything a page shows; the renderers only format it. */
export interface VariantPage {
  readonly version: number;
  readonly title: string;
  readonly platform: { readonly id: string; readonly name: string; readonly target: string; readonly language: string; readonly format: string };
  readonly rule: {
    /** A correlation has no log source of its own; its query combines the rules it references. */
    readonly kind: 'rule' | 'correlation';
    readonly id?: string;
    readonly title: string;
    readonly description?: string;
    readonly status?: string;
    readonly author?: string;
    readonly date?: string;
    readonly modified?: string;
    readonly references: readonly string[];
    readonly tags: readonly string[];
    readonly logsource: { readonly category?: string; readonly product?: string; readonly service?: string };
  };
  readonly severity: string;
  readonly attack: {
    readonly tactics: readonly AttackRef[];
    /** Technique entries, a sub-technique carrying its parent; parents already covered by a sub-technique are left out. */
    readonly techniques: readonly AttackTechnique[];
  };
  /** The query as the platform runs it: the backend's default output for the rule (with its result columns). */
  readonly query: string;
  /** The bare search of each condition, without the output shaping (`| table`, `| project`, ...). */
  readonly conditions: readonly string[];
  readonly dataSources: readonly string[];
  readonly falsePositives: readonly string[];
  /** The rule's triage enrichments (buildPage always sets it, empty when the rule has none; absent in older pages). */
  readonly enrichments?: readonly PageEnrichment[];
  /** Relative to the page. */
  readonly sigmaRule: string;
  readonly otherPlatforms: { readonly heading: string; readonly links: readonly PageLink[] };
  readonly testing: {
    readonly fixtures: readonly FixtureSummary[];
    readonly truePositives: number;
    readonly trueNegatives: number;
  };
  readonly generator: string;
  /** Site navigation, root first, relative to the page. */
  readonly breadcrumbs: readonly PageLink[];
  /** Absolute URL of this page when the site has a base URL. */
  readonly canonical?: string;
  /** One-sentence summary for search engines and link previews. */
  readonly description: string;
  readonly deployment: Deployment;
  readonly licence?: RuleLicence;
  /** Relative link to the site root (`../../`), for shared assets. */
  readonly root: string;
}

export function pageTitle(ruleTitle: string, platform: string): string {
  return `Detect ${ruleTitle} in ${platform}`;
}

function valueAt(event: unknown, field: string): unknown {
  if (typeof event !== 'object' || event === null) return undefined;
  const o = event as Record<string, unknown>;
  if (field in o) return o[field];
  let cur: unknown = o;
  for (const part of field.split('.')) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** Fields the rule's enrichments read: they explain a true positive's labels (a parent process, …). */
function enrichmentFields(rule: SigmaRule | CorrelationRule): string[] {
  if (rule.kind !== 'rule') return [];
  const out = new Set<string>();
  const visit = (e: Expr): void => {
    if (e.kind === 'match') out.add(e.field);
    else if (e.kind === 'and' || e.kind === 'or') e.operands.forEach(visit);
    else if (e.kind === 'not') visit(e.operand);
  };
  for (const e of rule.enrichments ?? []) for (const c of e.cases) visit(c.expr);
  return [...out];
}

function evidence(rule: SigmaRule | CorrelationRule, event: unknown): { field: string; value: string }[] {
  return [...new Set([...detectionFields(rule), ...enrichmentFields(rule)])].flatMap((field) => {
    const v = valueAt(event, field);
    if (v === undefined) return [];
    return [{ field, value: typeof v === 'string' ? v : JSON.stringify(v) }];
  });
}

export interface PageInput {
  readonly rule: SigmaRule | CorrelationRule;
  readonly converted: ConvertedRule;
  readonly format: string;
  readonly platform: PlatformSpec;
  readonly attack: AttackInfo;
  /** Other platforms with a page for this rule, in page order. */
  readonly siblings: readonly PlatformSpec[];
  readonly fixtures: readonly Fixture[];
  /** The page's folder inside the site (`rules/<stem>`), and the copies made there. */
  readonly pageDir: string;
  /** File name of the portable rule's copy beside the page. */
  readonly ruleCopy: string;
  /** File name, beside the page, of each fixture's copy (under `fixtures/`), by fixture file. */
  readonly fixtureCopies: ReadonlyMap<string, string>;
  readonly pageExtension: string;
  readonly generator: string;
  readonly baseUrl?: string;
  readonly deployment: Deployment;
  readonly licence?: RuleLicence;
}

/** Site-relative path of a technique page (shared with the site renderer). */
export function techniquePath(id: string, extension: string): string {
  return `techniques/${id}.${extension}`;
}

function oneLine(s: string, max: number): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1).trimEnd()}…` : t;
}

function pageEnrichments(rule: SigmaRule | CorrelationRule, converted: ConvertedRule): PageEnrichment[] {
  if (rule.kind !== 'rule' || !rule.enrichments) return [];
  return rule.enrichments.map((e) => {
    const rendered = converted.enrichments?.find((r) => r.name === e.name);
    return {
      name: e.name,
      cases: e.cases.map((c, i) => {
        const platformCondition = rendered?.cases[i]?.condition;
        return { value: c.value, condition: c.text, ...(platformCondition !== undefined ? { platformCondition } : {}) };
      }),
      default: e.default,
      inQuery: rendered?.computed ?? false,
    };
  });
}

export function buildPage(input: PageInput): VariantPage {
  const { rule, converted, platform, attack } = input;
  const root = input.pageDir.split('/').map(() => '..').join('/') + '/';
  const coveredParents = new Set(attack.techniques.flatMap((t) => (t.parent ? [t.parent.id] : [])));
  const techniques = attack.techniques.filter((t) => t.parent !== undefined || !coveredParents.has(t.id));
  const first = techniques[0];
  const fixtures = input.fixtures.map<FixtureSummary>((f) => ({
    description: f.description,
    expect: f.shouldMatch ? 'match' : 'no-match',
    href: `fixtures/${input.fixtureCopies.get(f.file) ?? ''}`,
    // For a multi-event fixture, the fields of every event, once each.
    evidence: [...new Map(f.events.flatMap((e) => evidence(rule, e)).map((x) => [`${x.field}=${x.value}`, x])).values()],
    ...(f.enrichments ? { enrichments: Object.entries(f.enrichments).map(([name, value]) => ({ name, value })) } : {}),
  }));
  return {
    version: PAGE_VERSION,
    title: pageTitle(rule.title, platform.name),
    platform: { id: platform.id, name: platform.name, target: platform.target, language: platform.language, format: input.format },
    rule: {
      kind: rule.kind,
      ...(rule.id !== undefined ? { id: rule.id } : {}),
      title: rule.title,
      ...(rule.description !== undefined ? { description: rule.description.trim() } : {}),
      ...(rule.status !== undefined ? { status: rule.status } : {}),
      ...(rule.author !== undefined ? { author: rule.author } : {}),
      ...(rule.date !== undefined ? { date: rule.date } : {}),
      ...(rule.modified !== undefined ? { modified: rule.modified } : {}),
      references: rule.references,
      tags: rule.tags.map((t) => `${t.namespace}.${t.name}`),
      logsource:
        rule.kind === 'rule'
          ? {
              ...(rule.logsource.category !== undefined ? { category: rule.logsource.category } : {}),
              ...(rule.logsource.product !== undefined ? { product: rule.logsource.product } : {}),
              ...(rule.logsource.service !== undefined ? { service: rule.logsource.service } : {}),
            }
          : {},
    },
    severity: rule.level ?? 'unspecified',
    attack: { tactics: attack.tactics, techniques },
    query: converted.output,
    conditions: converted.queries,
    dataSources: converted.dataSources,
    falsePositives: rule.falsepositives,
    enrichments: pageEnrichments(rule, converted),
    sigmaRule: input.ruleCopy,
    otherPlatforms: {
      heading: `Other platforms for ${first ? techniqueLabel(first) : rule.title}`,
      links: input.siblings.map((s) => ({ id: s.id, name: s.name, href: `${s.id}.${input.pageExtension}` })),
    },
    testing: {
      fixtures,
      truePositives: fixtures.filter((f) => f.expect === 'match').length,
      trueNegatives: fixtures.filter((f) => f.expect === 'no-match').length,
    },
    generator: input.generator,
    breadcrumbs: [
      { id: 'home', name: 'Detections', href: `${root}index.${input.pageExtension === 'json' ? 'html' : input.pageExtension}` },
      ...(first
        ? [{ id: first.id, name: techniqueLabel(first), href: `${root}${techniquePath(first.id, input.pageExtension === 'json' ? 'html' : input.pageExtension)}` }]
        : [{ id: 'unmapped', name: 'No ATT&CK technique', href: `${root}${techniquePath('unmapped', input.pageExtension === 'json' ? 'html' : input.pageExtension)}` }]),
    ],
    ...(input.baseUrl ? { canonical: `${input.baseUrl.replace(/\/?$/, '/')}${input.pageDir}/${platform.id}.${input.pageExtension}` } : {}),
    description: oneLine(`${pageTitle(rule.title, platform.name)}: ${rule.description ?? `Sigma rule ${rule.title}`}`, 300),
    deployment: input.deployment,
    ...(input.licence ? { licence: input.licence } : {}),
    root,
  };
}
