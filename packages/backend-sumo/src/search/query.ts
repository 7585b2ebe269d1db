import { diagnostic } from '@sigmats/core';
import { impliedEventIds, mapLeaves } from '@sigmats/core';
import type { BackendOptionValue, Expr, MatchExpr, SigmaRule, SourceLocation } from '@sigmats/core';
import { exprFields, fail, groupOrByField, ok, renderExpr, type Result } from '@sigmats/text-query';
import { tokenize } from '../lint/lexer.js';
import { planFields, type FieldPlan } from './fields.js';
import { jsonEscapeKeywords, splitScope, wrapScope } from './keywords.js';
import { windowsJsonValues } from './windows-values.js';
import { eventIdsOf, fieldKeys, hasInEventKeys, keysProblem, renameFields } from '../shared/in-event-keys.js';
import { sumoDialect } from '../shared/dialect.js';
import { searchHooks } from './leaf.js';
import { searchProfile, windowsAssumes, type SearchProfile } from './profiles.js';

/**
 * Assembles a Sumo log search query (target-languages §4.3):
 *   (<scope>)[ AND (<keyword terms>)]
 *   | json field=_raw "<path>", … as <alias>, … nodrop     (json extraction; absent in FER mode)
 *   | where <implied log source condition>                  (e.g. Sysmon EventID)
 *   | where <rule logic>
 *   | if(<case>, "<label>", …) as <enrichment>               (the rule's enrichments, see enrichments.ts)
 *   | fields <rule fields:>, <enrichments>
 *   | sort by _messageTime desc
 */

export type Extraction = 'json' | 'fer' | 'keyvalue';

export interface SearchSettings {
  readonly scope?: string;
  /** Partition (`_index=`) ANDed with the scope. */
  readonly index?: string;
  /** Event ids replacing the log source's implied ones (pipeline state `sumo_event_ids`). */
  readonly eventIds?: readonly string[];
  /** Windows channel replacing the log source's (pipeline state `sumo_channel`). */
  readonly channel?: string;
  readonly extraction: Extraction;
  /** Whether the extraction was chosen (option / pipeline state); otherwise each log source's profile decides. */
  readonly extractionChosen: boolean;
  readonly jsonField: string;
}

/** The extraction a rule's query uses: the chosen one, else keyvalue for key=value profiles and json for the rest. */
export function ruleSettings(settings: SearchSettings, profile: SearchProfile): SearchSettings {
  if (settings.extractionChosen) return settings;
  return { ...settings, extraction: profile.collection === 'keyvalue' ? 'keyvalue' : 'json' };
}

export function searchSettings(options: Readonly<Record<string, BackendOptionValue>>, state: Readonly<Record<string, unknown>>): Result<SearchSettings> {
  const chosen = options['extraction'] ?? state['sumo_extraction'];
  const extraction = chosen ?? 'json';
  if (extraction !== 'json' && extraction !== 'fer' && extraction !== 'keyvalue') {
    return fail(
      diagnostic('backend/invalid-option', `extraction must be 'json', 'keyvalue' or 'fer', not '${String(extraction)}'`, { file: '<options>', line: 0, column: 0 }),
    );
  }
  const scope = options['scope'] ?? state['sumo_scope'];
  if (typeof scope === 'string' && tokenize(scope, { scope: true }).some((t) => t.kind === 'pipe' || t.kind === 'error')) {
    return fail(
      diagnostic('backend/invalid-option', `scope must be a keyword expression without pipes: '${scope}'`, { file: '<options>', line: 0, column: 0 }),
    );
  }
  const jsonField = options['jsonField'] ?? state['sumo_json_field'] ?? '_raw';
  if (typeof jsonField !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(jsonField)) {
    return fail(diagnostic('backend/invalid-option', `jsonField must be a field name, not '${String(jsonField)}'`, { file: '<options>', line: 0, column: 0 }));
  }
  const index = options['index'];
  if (index !== undefined && (typeof index !== 'string' || !/^[A-Za-z0-9_*-]+$/.test(index))) {
    return fail(diagnostic('backend/invalid-option', `index must be a partition name, not '${String(index)}'`, { file: '<options>', line: 0, column: 0 }));
  }
  const ids = state['sumo_event_ids'];
  const eventIds =
    typeof ids === 'string' || typeof ids === 'number'
      ? String(ids).split(',').map((x) => x.trim()).filter((x) => /^\d+$/.test(x))
      : undefined;
  const channel = state['sumo_channel'];
  return ok({
    ...(typeof channel === 'string' && /^[A-Za-z0-9 /_.-]+$/.test(channel) ? { channel } : {}),
    extraction,
    extractionChosen: chosen !== undefined,
    jsonField,
    ...(typeof scope === 'string' && scope.trim() !== '' ? { scope: scope.trim() } : {}),
    ...(eventIds !== undefined ? { eventIds } : {}),
    ...(index !== undefined ? { index } : {}),
  });
}

export interface SearchParts {
  /** What the query assumes about the collection (a `//` comment line); absent with Field Extraction Rules. */
  readonly assumes?: string;
  readonly scope: string;
  readonly extraction?: string;
  readonly filters: readonly string[];
  readonly where?: string;
  readonly plan: FieldPlan;
}

/**
 * Where each field is first tested (for diagnostics about the field itself), collected in one walk: looking each
 * refused field up by its own walk was quadratic in the number of fields (issue 12).
 */
function fieldLocations(e: Expr, out: Map<string, SourceLocation> = new Map()): Map<string, SourceLocation> {
  switch (e.kind) {
    case 'match':
      if (!out.has(e.field)) out.set(e.field, e.loc);
      if (e.value.kind === 'fieldref' && !out.has(e.value.field)) out.set(e.value.field, e.loc);
      break;
    case 'and':
    case 'or':
      for (const o of e.operands) fieldLocations(o, out);
      break;
    case 'not':
      fieldLocations(e.operand, out);
      break;
    default:
      break;
  }
  return out;
}

/**
 * A Windows rule reads each field where its event types keep it: System 104's `Channel` is the cleared log,
 * `UserData.LogFileCleared.Channel`, and AppLocker's, WMI-Activity's and LocalSessionManager's events keep their data
 * in a UserData element (shared/in-event-keys.ts). The channel and event id filters still read the header. A field
 * whose key differs between the rule's event types (its channels times the event ids it tests, or, without event ids,
 * the listed ones and any other) is read per event type: each test of it becomes `(EventID is one of this key's ids and
 * <the test on this key>) or …`, exact for every test (a null test too), since an event's id says where its data is.
 * Only an event id kept under different keys in the rule's channels, or a field compared with such a field, is
 * refused (located at the field).
 */
function inEventFields(expr: Expr, rule: SigmaRule, profile: SearchProfile, settings: SearchSettings): Result<Expr> {
  if (profile.collection !== 'windows-json') return ok(expr);
  const channels = settings.channel !== undefined ? [settings.channel] : profile.filters.find((f) => f.field === 'Channel')?.values;
  if (channels === undefined || !channels.some(hasInEventKeys)) return ok(expr);
  const ids = eventIdsOf(channels, impliedEventIds(expr));
  // Per field read from more than one key: key -> the event ids ('' any other) whose events keep it there.
  const split = new Map<string, Map<string, string[]>>();
  const renames = new Map<string, string>();
  for (const field of exprFields(expr)) {
    const path = profile.jsonPath(field);
    const byKey = new Map<string, string[]>();
    for (const id of ids) {
      const keys = fieldKeys(channels, new Set([id]), field, path);
      if (keys.size > 1) return fail(diagnostic('backend/unsupported-feature', keysProblem(field, keys), fieldLocations(expr).get(field) ?? rule.loc));
      const key = [...keys][0]!;
      byKey.set(key, [...(byKey.get(key) ?? []), id]);
    }
    if (byKey.size > 1) split.set(field, byKey);
    else if (byKey.size === 1 && !byKey.has(path)) renames.set(field, [...byKey.keys()][0]!);
  }
  if (split.size === 0) return ok(renames.size === 0 ? expr : renameFields(expr, (field) => renames.get(field)));
  let refused: string | undefined;
  const out = mapLeaves(expr, (test) => {
    if (test.kind !== 'match') return test;
    if (test.value.kind === 'fieldref' && split.has(test.value.field)) refused ??= test.value.field;
    const own = renameFields(test, (field) => renames.get(field)) as MatchExpr;
    const byKey = split.get(test.field);
    if (!byKey) return own;
    const idIs = (id: string): Expr => ({ kind: 'match', field: 'EventID', value: { kind: 'number', value: Number(id), loc: test.loc }, origin: test.origin, loc: test.loc });
    const anyOf = (list: readonly string[]): Expr => (list.length === 1 ? idIs(list[0]!) : { kind: 'or', operands: list.map(idIs), loc: test.loc });
    return {
      kind: 'or',
      operands: [...byKey].map(([key, group]): Expr => {
        // The ids of this key, or, for the key of any other id (''), none of the other keys' ids.
        const others = [...byKey.values()].filter((g) => g !== group).flat();
        const which = group.includes('') ? { kind: 'not' as const, operand: anyOf(others), loc: test.loc } : anyOf(group);
        return { kind: 'and', operands: [which, { ...own, field: key }], loc: test.loc };
      }),
      loc: test.loc,
    };
  });
  if (refused !== undefined) {
    const keys = new Set(split.get(refused)!.keys());
    return fail(diagnostic('backend/unsupported-feature', keysProblem(refused, keys), fieldLocations(expr).get(refused) ?? rule.loc));
  }
  return ok(out);
}

/** exprFacts: the condition has a keyword (jsonEscapeKeywords, splitScope's scope terms can act). */
const KEYWORDS = 1;
/** exprFacts: the condition tests Level or Keywords (windowsJsonValues' fields: it keeps every other test). */
const NAMED_VALUES = 2;

function exprFacts(e: Expr): number {
  switch (e.kind) {
    case 'and':
    case 'or': {
      let facts = 0;
      for (let i = 0; i < e.operands.length && facts !== (KEYWORDS | NAMED_VALUES); i++) facts |= exprFacts(e.operands[i]!);
      return facts;
    }
    case 'not':
      return exprFacts(e.operand);
    case 'keyword':
      return KEYWORDS;
    case 'match':
      return e.field === 'Level' || e.field === 'Keywords' ? NAMED_VALUES : 0;
    default:
      return 0;
  }
}

/** Render the parts of a log search for one lowered condition of `rule`. */
export function searchParts(expr: Expr, rule: SigmaRule, chosen: SearchSettings, extraFields: readonly string[]): Result<SearchParts> {
  const profile = searchProfile(rule.logsource);
  const settings = ruleSettings(chosen, profile);
  const homed = inEventFields(expr, rule, profile, settings);
  if (!homed.ok) return homed;
  expr = homed.value;
  // Which of the rewrites below can change anything, from one walk: each of them walks the whole condition, and most
  // rules have no keyword and no Level/Keywords test (the three walks were about 5% of a first-pass conversion).
  const facts = exprFacts(expr);
  // Keywords search the message text, which is JSON in the JSON collections: values appear JSON-escaped there.
  const named = profile.collection === 'windows-json' && (facts & NAMED_VALUES) !== 0 ? windowsJsonValues(expr) : ok(expr);
  if (!named.ok) return named;
  const keywords = (facts & KEYWORDS) !== 0;
  const { scope: keywordScope, rest } = splitScope(
    profile.collection === 'keyvalue' ? expr : keywords ? jsonEscapeKeywords(named.value) : named.value,
    keywords,
  );
  const userScope = settings.scope;
  // Without a scope the query reads every message: the channel filter is what selects the log source then. A scope
  // given per log source selects its source, so only the event ids are filtered.
  const own = settings.channel === undefined ? profile.filters : profile.filters.map((f) => (f.field === 'Channel' ? { ...f, values: [settings.channel!] } : f));
  const implied = userScope === undefined && profile.scope === undefined ? own : own.filter((f) => f.field !== 'Channel');
  // A pipeline may replace the implied event ids (state `sumo_event_ids`, comma-separated).
  const ids = settings.eventIds;
  const filters =
    ids === undefined ? implied : [...implied.filter((f) => f.field !== 'EventID'), ...(ids.length === 0 ? [] : [{ field: 'EventID', values: ids }])];
  const filterFields = filters.map((f) => f.field);
  const used = [...filterFields, ...(rest ? exprFields(rest) : []), ...extraFields];
  let locations: Map<string, SourceLocation> | undefined;
  const plan = planFields(used, settings, profile.jsonPath, (f) => (locations ??= fieldLocations(expr)).get(f) ?? rule.fieldLocs['fields'] ?? rule.loc);
  if (!plan.ok) return plan;
  const name = plan.value.name;
  const where = rest ? renderExpr(groupOrByField(rest), sumoDialect, searchHooks, { field: name, ...(profile.listKeys ? { listKeys: profile.listKeys } : {}) }) : ok('');
  if (!where.ok) return where;
  const filterTests = filters.map((f) =>
    f.values.length === 1 ? `${name(f.field)} = "${f.values[0]}"` : `${name(f.field)} in (${f.values.map((v) => `"${v}"`).join(', ')})`,
  );
  const warnings = [...where.warnings];
  const given = userScope ?? profile.scope;
  if (given === undefined && profile.needsScope !== undefined) {
    return fail(
      diagnostic('backend/unsupported-feature', `${profile.needsScope}: without a scope the query cannot select this log source`, rule.fieldLocs['logsource'] ?? rule.loc, {
        hint: "set the option scope, or a pipeline's set_state sumo_scope for this log source (e.g. _sourceCategory=<your source category>)",
      }),
    );
  }
  if (given === undefined) {
    warnings.push(
      diagnostic('backend/unsupported-feature', `no scope configured for this log source: the query searches every message (*)`, rule.fieldLocs['logsource'] ?? rule.loc, {
        severity: 'warning',
        hint: "set the option scope, or a pipeline's set_state sumo_scope for this log source (e.g. _sourceCategory=<your source category>)",
      }),
    );
  }
  const ownScope = given === undefined ? '*' : wrapScope(given);
  const baseScope = settings.index !== undefined ? `_index=${settings.index} AND ${ownScope}` : ownScope;
  const scope = keywordScope.length > 0 ? `${baseScope} AND ${keywordScope.map((s) => (keywordScope.length > 1 || /\s(AND|OR)\s/.test(s) ? `(${s})` : s)).join(' AND ')}` : baseScope;
  const extracted = plan.value.extracted;
  const extraction =
    extracted.length === 0
      ? undefined
      : settings.extraction === 'json'
        ? `json field=${settings.jsonField} ${extracted.map(([p]) => `"${p}"`).join(', ')} as ${extracted.map(([, a]) => a).join(', ')} nodrop`
        : settings.extraction === 'keyvalue'
          ? `keyvalue infer ${extracted.map(([p]) => `"${p}"`).join(', ')}`
          : undefined;
  const finalChannel = own.find((f) => f.field === 'Channel')?.values;
  const finalIds = filters.find((f) => f.field === 'EventID')?.values;
  const assumes =
    settings.extraction === 'fer'
      ? undefined
      : settings.extraction === 'json' && profile.collection === 'windows-json'
        ? windowsAssumes(finalChannel, finalIds)
        : settings.extraction === profile.collection
        ? profile.assumes
        : `${settings.extraction === 'json' ? 'JSON messages' : 'key=value text'} (extraction ${settings.extraction})`;
  return ok(
    {
      scope,
      filters: filterTests,
      plan: plan.value,
      ...(assumes ? { assumes } : {}),
      ...(extraction ? { extraction } : {}),
      ...(where.value !== '' ? { where: where.value } : {}),
    },
    warnings,
  );
}

/**
 * The plain query, one stage per line: scope, extraction, where stages, then the rule's `fields:` (allow-list) and
 * newest-first order. Stages are lines so a correlation can take the search stages back (see correlation.ts).
 */
export function searchQueryText(
  parts: SearchParts,
  outputFields: readonly string[],
  enrichments: { readonly lines: readonly string[]; readonly names: readonly string[] } = { lines: [], names: [] },
): string {
  const lines = [...(parts.assumes ? [`// assumes: ${parts.assumes}`] : []), parts.scope];
  if (parts.extraction) lines.push(`| ${parts.extraction}`);
  for (const f of parts.filters) lines.push(`| where ${f}`);
  if (parts.where) lines.push(`| where ${parts.where}`);
  lines.push(...enrichments.lines);
  // An enrichment is a field of its own (not a Sigma field): its name is written as is.
  if (outputFields.length > 0) lines.push(`| fields ${[...new Set([...outputFields.map(parts.plan.name), ...enrichments.names])].join(', ')}`);
  lines.push('| sort by _messageTime desc');
  return lines.join('\n');
}
