import type { DocumentMeta, Logsource, RelatedRule, RelationType, RuleLevel, RuleStatus, Tag } from '../ir/rule.js';
import type { SourceLocation } from '../location.js';
import { getEntry, toPlain, type YEntry, type YMap, type YNode } from '../yaml/nodes.js';
import type { DocContext } from './context.js';
import { exact } from './exact.js';
import { nullObject } from '../null-object.js';

/** Top-level keys of each document kind (others go to `custom`). */
export const META_KEYS = [
  'title', 'id', 'name', 'taxonomy', 'status', 'description', 'license', 'author', 'references', 'date', 'modified',
  'related', 'falsepositives', 'level', 'tags',
] as const;
export const RULE_KEYS = new Set<string>([...META_KEYS, 'logsource', 'detection', 'fields', 'scope']);
export const CORRELATION_KEYS = new Set<string>([...META_KEYS, 'correlation', 'generate']);
export const FILTER_KEYS = new Set<string>([...META_KEYS, 'logsource', 'filter']);

const TAG_SYNTAX = /^[a-z0-9_-]+\.[a-z0-9._-]+$/;
const STATUSES = new Set<RuleStatus>(['stable', 'test', 'experimental', 'deprecated', 'unsupported']);
const LEVELS = new Set<RuleLevel>(['informational', 'low', 'medium', 'high', 'critical']);
const RELATIONS = new Set<RelationType>(['derived', 'obsolete', 'merged', 'renamed', 'similar']);

export function str(node: YNode | undefined): string | undefined {
  if (!node || node.kind !== 'scalar' || node.value === null) return undefined;
  return typeof node.value === 'string' ? node.value : node.text;
}

export function strList(node: YNode | undefined): string[] {
  if (!node) return [];
  if (node.kind === 'scalar') {
    const s = str(node);
    return s === undefined ? [] : [s];
  }
  if (node.kind === 'seq') {
    const all = node.items.map(str);
    return all.includes(undefined) ? exact(all.filter((s): s is string => s !== undefined)) : (all as string[]);
  }
  return [];
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Digits at `at` and `at + 1` as a number, or -1. */
function twoDigits(s: string, at: number): number {
  const a = s.charCodeAt(at) - 48;
  const b = s.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * Whether `text` is YYYY-MM-DD and a day of the (proleptic Gregorian) calendar, as the Date check below finds it.
 * Years before 100 are left to that check (Date.UTC reads them as 19xx, which it reports).
 */
function isCalendarIsoDate(text: string): boolean {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  const hi = twoDigits(text, 0);
  const lo = twoDigits(text, 2);
  const mo = twoDigits(text, 5);
  const d = twoDigits(text, 8);
  if (hi < 1 || lo < 0 || mo < 1 || mo > 12 || d < 1) return false;
  const y = hi * 100 + lo;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (mo === 2 && leap ? 29 : (DAYS_IN_MONTH[mo - 1] as number));
}

/** `YYYY-MM-DD`; legacy `YYYY/MM/DD` accepted with a warning and normalised. */
function parseDate(ctx: DocContext, key: string, node: YNode | undefined): string | undefined {
  if (!node || node.kind !== 'scalar') return undefined;
  const text = node.text.trim();
  if (text !== node.text && text !== '') {
    // Read as the trimmed date, but the Sigma schema's date pattern is anchored and pySigma's strptime fails on it.
    ctx.warn('schema/nonstandard', `'${key}' has spaces around the date: the Sigma schema and pySigma reject '${node.text}'`, node, `write ${text}`);
  }
  // Nearly every date: a valid YYYY-MM-DD is its own normal form, no regex, Date or string building needed.
  if (isCalendarIsoDate(text)) return text;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const slash = iso ? undefined : /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(text);
  const m = iso ?? slash;
  if (!m) {
    ctx.error('meta/invalid-date', `'${key}' must be a date written YYYY-MM-DD, not '${text}'`, node);
    return undefined;
  }
  // Three reads, not `const [y, mo, d] = [...]`: array destructuring goes through the iterator protocol, which is
  // slow in the unoptimized code a one-shot run mostly executes.
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    ctx.error('meta/invalid-date', `'${key}': ${text} is not a calendar date`, node);
    return undefined;
  }
  const normalized = `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (slash) {
    ctx.warn('meta/invalid-date', `'${key}' uses the legacy slash form '${text}'; Sigma 2 dates are YYYY-MM-DD`, node, `write ${normalized}`);
  }
  return normalized;
}

function parseTags(ctx: DocContext, node: YNode | undefined): Tag[] {
  if (!node || node.kind !== 'seq') return [];
  const tags: Tag[] = [];
  // Indexed loops here and below: for-of allocates an iterator and a result per item in unoptimized code.
  const items = node.items;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as YNode;
    const t = str(item);
    if (t === undefined) continue;
    const dot = t.indexOf('.');
    if (dot <= 0 || dot === t.length - 1) {
      ctx.error('meta/invalid-tag', `tag '${t}' has no namespace: tags are written namespace.name (e.g. attack.t1059)`, item);
      continue;
    }
    if (!TAG_SYNTAX.test(t)) {
      // pySigma accepts these and only its validators complain: keep the rule convertible.
      ctx.warn('meta/invalid-tag', `tag '${t}' does not follow the tag syntax (lower-case letters, digits, '_', '-', '.')`, item, t.toLowerCase() !== t ? `write '${t.toLowerCase()}'` : undefined);
    }
    tags.push({ namespace: t.slice(0, dot), name: t.slice(dot + 1), loc: ctx.loc(item) });
  }
  return exact(tags);
}

function parseRelated(ctx: DocContext, node: YNode | undefined): RelatedRule[] {
  if (!node || node.kind !== 'seq') return [];
  const out: RelatedRule[] = [];
  const items = node.items;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as YNode;
    if (item.kind !== 'map') continue;
    const id = str(getEntry(item, 'id')?.value);
    const typeNode = getEntry(item, 'type')?.value;
    const type = str(typeNode);
    if (id === undefined || type === undefined) continue;
    if (!RELATIONS.has(type as RelationType)) {
      if (type === 'correlation' || type === 'obsoletes') {
        // pySigma extension / v1 spelling: keep the rule, tell the author.
        ctx.warn('schema/invalid', `related type '${type}' is not in Sigma 2.1 (derived, obsolete, merged, renamed, similar)`, typeNode ?? item);
      }
      continue;
    }
    out.push({ id, type: type as RelationType, loc: ctx.loc(item) });
  }
  return exact(out);
}

export function parseLogsource(ctx: DocContext, node: YNode | undefined, at: SourceLocation): Logsource | undefined {
  if (!node || node.kind !== 'map') return undefined;
  const custom = nullObject<string>();
  const ls: { category?: string; product?: string; service?: string; definition?: string } = {};
  const entries = node.entries;
  let selecting = false;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] as YEntry;
    const k = e.key.text;
    if (k === 'category' || k === 'product' || k === 'service') selecting = true;
    const v = str(e.value);
    if (v === undefined) continue;
    if (k === 'category' || k === 'product' || k === 'service' || k === 'definition') ls[k] = v;
    else custom[k] = v;
  }
  if (!selecting) {
    ctx.error('logsource/empty', 'the logsource selects nothing: give at least one of category, product or service', node.entries.length ? node : at);
    return undefined;
  }
  // Every key present (absent ones undefined): one hidden class for all logsources, whatever the YAML key order.
  return { category: ls.category, product: ls.product, service: ls.service, definition: ls.definition, custom, loc: ctx.loc(node) };
}

/** A list of strings; a single string is read as a one-entry list, with a warning (the Sigma schema wants a list). */
function falsePositives(ctx: DocContext, node: YNode | undefined): string[] {
  if (node?.kind === 'scalar' && typeof node.value === 'string') {
    ctx.warn('schema/nonstandard', "'falsepositives' is a string: the Sigma schema and pySigma require a list", node, `write it as a list: - ${node.value}`);
  }
  return strList(node);
}

/** Metadata shared by every document kind. */
export function parseMeta(ctx: DocContext, map: YMap, known: ReadonlySet<string>): DocumentMeta {
  const fieldLocs = nullObject<SourceLocation>();
  const custom = nullObject<unknown>();
  // One pass over the entries picks the metadata fields (keys are unique), instead of a search per field.
  let title: YNode | undefined;
  let id: YNode | undefined;
  let name: YNode | undefined;
  let taxonomy: YNode | undefined;
  let status: YNode | undefined;
  let description: YNode | undefined;
  let license: YNode | undefined;
  let author: YNode | undefined;
  let references: YNode | undefined;
  let date: YNode | undefined;
  let modified: YNode | undefined;
  let related: YNode | undefined;
  let falsepositives: YNode | undefined;
  let level: YNode | undefined;
  let tags: YNode | undefined;
  for (let i = 0; i < map.entries.length; i++) {
    const e = map.entries[i] as YEntry;
    const k = e.key.text;
    const v = e.value;
    fieldLocs[k] = ctx.loc(v);
    switch (k) {
      case 'title': title = v; break;
      case 'id': id = v; break;
      case 'name': name = v; break;
      case 'taxonomy': taxonomy = v; break;
      case 'status': status = v; break;
      case 'description': description = v; break;
      case 'license': license = v; break;
      case 'author': author = v; break;
      case 'references': references = v; break;
      case 'date': date = v; break;
      case 'modified': modified = v; break;
      case 'related': related = v; break;
      case 'falsepositives': falsepositives = v; break;
      case 'level': level = v; break;
      case 'tags': tags = v; break;
    }
    if (!known.has(k)) custom[k] = toPlain(v);
  }
  const statusText = str(status);
  const levelText = str(level);
  // One object literal with every key (absent ones undefined) rather than keys added when present: all documents
  // share one hidden class, so code reading rules stays monomorphic. Diagnostics keep their order (related, tags,
  // date, modified).
  return {
    title: str(title) ?? '',
    taxonomy: str(taxonomy) ?? 'sigma',
    references: strList(references),
    related: parseRelated(ctx, related),
    falsepositives: falsePositives(ctx, falsepositives),
    tags: parseTags(ctx, tags),
    custom,
    loc: ctx.locAt(map.start),
    fieldLocs,
    id: str(id),
    name: str(name),
    status: statusText !== undefined && STATUSES.has(statusText as RuleStatus) ? (statusText as RuleStatus) : undefined,
    level: levelText !== undefined && LEVELS.has(levelText as RuleLevel) ? (levelText as RuleLevel) : undefined,
    description: str(description),
    license: str(license),
    author: str(author),
    date: parseDate(ctx, 'date', date),
    modified: parseDate(ctx, 'modified', modified),
  };
}
