import MiniSearch from 'minisearch';
import type { SiteModel } from './site.js';

/**
 * The site's client-side search: a MiniSearch index built here and shipped as JSON, so the browser loads it with
 * `MiniSearch.loadJSON` instead of indexing thousands of rules on every visit. Fields: title, techniques (IDs and
 * names), tactics, the fields the detection reads, tags, log source.
 */
export const SEARCH_OPTIONS = {
  fields: ['title', 'techniques', 'tactics', 'fields', 'tags', 'logsource'],
  storeFields: ['title', 'href', 'techniques', 'level'],
  idField: 'id',
} as const;

export interface SearchDocument {
  readonly id: number;
  readonly title: string;
  readonly href: string;
  readonly techniques: string;
  readonly tactics: string;
  readonly fields: string;
  readonly tags: string;
  readonly logsource: string;
  readonly level: string;
}

export function searchDocuments(site: SiteModel, pageExtension: string): SearchDocument[] {
  return site.rules.map((r, id) => ({
    id,
    title: r.title,
    href: `${r.dir}/${r.platforms[0]!.id}.${pageExtension}`,
    techniques: r.attack.techniques.map((t) => (t.name ? `${t.id} ${t.name}` : t.id)).join(' '),
    tactics: r.attack.tactics.map((t) => t.name ?? t.id).join(' '),
    fields: r.fields.join(' '),
    tags: r.tags.join(' '),
    logsource: r.logsource,
    level: r.level ?? '',
  }));
}

/** The serialized index (MiniSearch's own JSON form). */
export function buildSearchIndex(site: SiteModel, pageExtension: string): string {
  const index = new MiniSearch<SearchDocument>({ ...SEARCH_OPTIONS, fields: [...SEARCH_OPTIONS.fields], storeFields: [...SEARCH_OPTIONS.storeFields] });
  index.addAll(searchDocuments(site, pageExtension));
  return JSON.stringify(index);
}
