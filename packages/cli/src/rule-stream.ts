/**
 * Rules in chunks, for commands that can convert and write per rule (`convert -o DIR`, `convert --json`): peak
 * memory then follows the chunk, not the corpus. A Sigma collection is global only through correlations and
 * filters (references by id or name, filters applied by log source to rules anywhere in the input), so a prescan
 * looks for them first and only an input without any is streamed; duplicate ids and names, the one other
 * collection-wide check, are carried from chunk to chunk.
 */
import { buildCollection } from '@sigmats/core';
import type { Diagnostic, ParsedSource, SigmaCollection, SigmaDocument, SigmaRule, SourceLocation } from '@sigmats/core';
import { STDIN } from './files.js';
import type { CliIo } from './io.js';
import { parseSource, readSource, readSourceSync, type ReadSource } from './load.js';
import type { DocSummary } from './parallel/chunk.js';
import { detached } from './detach.js';

/**
 * False only when no YAML document in the text can have a top-level `correlation` or `filter` key, i.e. be a
 * Sigma correlation or filter; true when it may (the file is then parsed to know). Conservative by construction:
 * each document must be a block mapping starting at column 0 (so every top-level key is a line at column 0), every
 * column-0 line must start like a plain key (letter, digit or `_`) or be a `---` / `...` marker, and no such line
 * may be `correlation:` or `filter:`. Anything else (flow or quoted keys, tags, anchors, aliases, merge keys,
 * directives, an indented root, a tab, a lone CR line break) answers true, and the file is parsed. None of the
 * 3,141 files of SigmaHQ's rules/ answers true (a detection named `filter` is indented: it is no top-level key).
 */
export function mayHoldCollectionDocument(text: string): boolean {
  if (LONE_CR.test(text)) return true;
  let atDocumentStart = true;
  const n = text.length;
  for (let from = 0; from < n; ) {
    let end = text.indexOf('\n', from);
    if (end < 0) end = n;
    let first = from;
    while (first < end && (text.charCodeAt(first) === 32 || text.charCodeAt(first) === 9)) first++;
    const c = first < end ? text.charCodeAt(first) : -1;
    if (c === -1 || c === 35 /* # */ || (c === 13 && first + 1 === end)) {
      from = end + 1;
      continue;
    }
    if (first > from) {
      // Indented content: a value, unless it opens a document (an indented root mapping) or the indent has a tab.
      if (atDocumentStart || text.charCodeAt(from) === 9 || text.slice(from, first).includes('\t')) return true;
      from = end + 1;
      continue;
    }
    const line = text.slice(from, end);
    const marker = MARKER.exec(line);
    if (marker) {
      // `--- {correlation: ...}`: content on the marker line.
      if (marker[2] !== undefined && marker[2] !== '' && !marker[2].startsWith('#')) return true;
      atDocumentStart = true;
      from = end + 1;
      continue;
    }
    if (!PLAIN_KEY_START.test(line) || COLLECTION_KEY.test(line)) return true;
    atDocumentStart = false;
    from = end + 1;
  }
  return false;
}

const LONE_CR = /\r(?!\n)/;
const MARKER = /^(---|\.\.\.)(?:[ \t]+(.*?))?\r?$/;
const PLAIN_KEY_START = /^[A-Za-z0-9_]/;
const COLLECTION_KEY = /^(?:correlation|filter)[ \t]*:/;

/** What the prescan found. */
export interface Prescan {
  /** False when an input holds a correlation or a filter: the run needs the whole collection at once. */
  readonly streamable: boolean;
  /**
   * Sources read and kept for the conversion, by path: stdin always (it can be read only once), files while their
   * text stays within the budget (the rest are read again when their chunk comes). The prescan stops at the first
   * correlation or filter, so then this holds the inputs before it.
   */
  readonly kept: Map<string, ReadSource>;
}

/** Text kept between the prescan and the conversion, in UTF-16 code units (SigmaHQ's rules/: about 3 M). */
export const KEEP_BUDGET = 8 << 20;

/** Reads every input once, keeping what the budget allows, and parses the ones that may hold a correlation or filter. */
export async function prescan(paths: readonly string[], io: CliIo, budget = KEEP_BUDGET): Promise<Prescan> {
  const kept = new Map<string, ReadSource>();
  let size = 0;
  for (const path of paths) {
    const source = path === STDIN ? await readSource(path, io) : readSourceSync(path, io.cwd);
    const text = source.text;
    if (path === STDIN || text === undefined || size + text.length <= budget) {
      kept.set(path, source);
      size += text?.length ?? 0;
    }
    if (text !== undefined && mayHoldCollectionDocument(text) && parseSource(source).documents.some((d) => d.kind !== 'rule')) {
      return { streamable: false, kept };
    }
  }
  return { streamable: true, kept };
}

/** One chunk of inputs, parsed, as a collection of its own. */
export interface RuleChunk {
  /** Display names of the chunk's inputs (stdin as `<stdin>`), in input order. */
  readonly files: readonly string[];
  /** The chunk's rules; `diagnostics` are those of `parseDiagnostics` then those of `collectionDiagnostics`. */
  readonly collection: SigmaCollection;
  /** Read and parse diagnostics of the chunk's inputs, in input order. */
  readonly parseDiagnostics: readonly Diagnostic[];
  /** The collection's own: duplicate ids and names, against this chunk's documents and every earlier chunk's. */
  readonly collectionDiagnostics: readonly Diagnostic[];
}

/** The document that last claimed an id or name, as much of it as a duplicate diagnostic names. */
interface Holder {
  readonly title: string;
  readonly loc: SourceLocation;
}

/**
 * A stand-in for an earlier chunk's rule that holds `key` (as id or name): registered before the chunk's own
 * documents, it makes buildCollection report a duplicate exactly as over the whole input (its message names the
 * holder's title, file and line). Stand-ins are taken out of the chunk's rules again.
 */
function standIn(key: string, holder: Holder): SigmaRule {
  return {
    kind: 'rule',
    title: holder.title,
    id: key,
    taxonomy: 'sigma',
    references: [],
    related: [],
    falsepositives: [],
    tags: [],
    custom: {},
    loc: holder.loc,
    fieldLocs: {},
    logsource: { custom: {}, loc: holder.loc },
    detections: [],
    conditions: [],
    fields: [],
    scope: [],
  };
}

/**
 * The inputs in chunks of `size` files, in order, each parsed and built into a collection. Every source is read
 * (or taken from `kept`, which is emptied as it goes) when its chunk comes. Meant for inputs the prescan found
 * streamable; a file changed since then to hold a correlation or filter is resolved within its chunk only.
 */
export function* ruleChunks(paths: readonly string[], cwd: string, kept: Map<string, ReadSource>, size: number): Generator<RuleChunk> {
  const holders = new Map<string, Holder>();
  for (let i = 0; i < paths.length; i += size) {
    const files: string[] = [];
    const parsed: ParsedSource[] = [];
    let parseCount = 0;
    for (const path of paths.slice(i, i + size)) {
      const source = kept.get(path) ?? readSourceSync(path, cwd);
      kept.delete(path);
      files.push(source.name);
      const result = parseSource(source);
      parseCount += result.diagnostics.length;
      parsed.push(result);
    }
    const documents: SigmaDocument[] = parsed.flatMap((p) => p.documents);
    const standIns: SigmaRule[] = [];
    const claimed = new Set<string>();
    for (const d of documents) {
      if (d.kind === 'filter') continue;
      for (const key of [d.id, d.name]) {
        const holder = key === undefined ? undefined : holders.get(key);
        if (key !== undefined && holder !== undefined && !claimed.has(key)) {
          claimed.add(key);
          standIns.push(standIn(key, holder));
        }
      }
    }
    const built = buildCollection(standIns.length > 0 ? [{ documents: standIns, diagnostics: [] }, ...parsed] : parsed);
    const own = standIns.length > 0 ? new Set<SigmaDocument>(standIns) : undefined;
    const collection: SigmaCollection = own ? { ...built, rules: built.rules.filter((r) => !own.has(r)) } : built;
    // Registration order of buildCollection: rules, then correlations; the last one to claim a key holds it.
    for (const d of [...collection.rules, ...collection.correlations]) {
      const holder = { title: detached(d.title), loc: d.loc };
      if (d.id !== undefined) holders.set(d.id, holder);
      if (d.name !== undefined) holders.set(d.name, holder);
    }
    yield {
      files,
      collection,
      parseDiagnostics: collection.diagnostics.slice(0, parseCount),
      collectionDiagnostics: collection.diagnostics.slice(parseCount),
    };
  }
}

/**
 * The duplicate id and name warnings of a collection read in chunks converted elsewhere (parallel convert): fed
 * each chunk's documents (rules, then correlations) in input order, it reports exactly what buildCollection would
 * over the whole input, through buildCollection itself: stand-ins for earlier chunks' holders, then the chunk's
 * documents as stand-ins of their own (a duplicate check reads only title, id, name and locations).
 */
export class DuplicateTracker {
  private readonly holders = new Map<string, Holder>();

  check(docs: readonly DocSummary[]): Diagnostic[] {
    const standIns: SigmaRule[] = [];
    const claimed = new Set<string>();
    for (const d of docs) {
      for (const key of [d.id, d.name]) {
        const holder = key === undefined ? undefined : this.holders.get(key);
        if (key !== undefined && holder !== undefined && !claimed.has(key)) {
          claimed.add(key);
          standIns.push(standIn(key, holder));
        }
      }
    }
    const own = docs.map((d): SigmaRule => {
      const s = standIn(d.id ?? '', { title: d.title, loc: d.loc });
      const { id: _id, ...rest } = s;
      return { ...rest, ...(d.id !== undefined ? { id: d.id } : {}), ...(d.name !== undefined ? { name: d.name } : {}), fieldLocs: d.fieldLocs };
    });
    const built = buildCollection([{ documents: [...standIns, ...own], diagnostics: [] }]);
    for (const d of docs) {
      const holder = { title: detached(d.title), loc: d.loc };
      if (d.id !== undefined) this.holders.set(d.id, holder);
      if (d.name !== undefined) this.holders.set(d.name, holder);
    }
    return [...built.diagnostics];
  }
}
