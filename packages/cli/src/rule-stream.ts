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
import { parseSource, readInRuns, readSource, readSourceSync, type ReadSource } from './load.js';
import type { DocSummary } from './parallel/chunk.js';
import { detached } from './detach.js';
import { TextTable } from './diagnostic-store.js';

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

/** Text kept between the prescan and the conversion, in UTF-16 code units (SigmaHQ's rules/: about 4.7 M). */
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

/** What a rule built from metadata alone carries (see metadataRule). */
export interface RuleMetadata {
  readonly title: string;
  readonly loc: SourceLocation;
  readonly id?: string;
  readonly name?: string;
  readonly level?: SigmaRule['level'];
  readonly taxonomy?: string;
  readonly fieldLocs?: Readonly<Record<string, SourceLocation>>;
}

/**
 * A rule with the given metadata and nothing else (no detections): the stand-ins of the duplicate checks below,
 * and the documents of converted rules that cross a thread boundary (parallel/chunk.ts).
 */
export function metadataRule(m: RuleMetadata): SigmaRule {
  return {
    kind: 'rule',
    title: m.title,
    ...(m.id !== undefined ? { id: m.id } : {}),
    ...(m.name !== undefined ? { name: m.name } : {}),
    ...(m.level !== undefined ? { level: m.level } : {}),
    taxonomy: m.taxonomy ?? 'sigma',
    references: NONE,
    related: NONE,
    falsepositives: NONE,
    tags: NONE,
    custom: NOTHING,
    loc: m.loc,
    fieldLocs: m.fieldLocs ?? NOTHING,
    logsource: { custom: NOTHING, loc: m.loc },
    detections: NONE,
    conditions: NONE,
    fields: NONE,
    scope: NONE,
  };
}

/**
 * The locations of those of `keys` that the document has, for a rule built from metadata: each location kept is a
 * copy of the file's path once a result is cloned to the main thread, so chunks send only the ones read there.
 */
export function pickFieldLocs(doc: SigmaDocument, keys: readonly string[]): Record<string, SourceLocation> {
  const out: Record<string, SourceLocation> = {};
  for (const k of keys) {
    const loc = doc.fieldLocs[k];
    if (loc !== undefined) out[k] = loc;
  }
  return out;
}

// The empty parts of every rule built from metadata are one frozen list and one frozen record: `check` keeps such
// a rule for each file until the end of the run, and the IR's types are readonly.
const NONE: readonly never[] = Object.freeze([]);
const NOTHING: Readonly<Record<string, never>> = Object.freeze({});

/**
 * The ids and names claimed by earlier chunks, and by whom. A stand-in for an earlier chunk's rule that holds a
 * key (as id or name), registered before a chunk's own documents, makes buildCollection report a duplicate exactly
 * as over the whole input (its message names the holder's title, file and line). Stand-ins are taken out of the
 * chunk's rules again.
 */
class Holders {
  private readonly byKey = new Map<string, Holder>();

  /**
   * `texts`: where the keys and file names the holders keep are kept, once each and detached (TextTable.kept). An id
   * or name read on this thread is a slice of its rule's text, and would keep all of it: over 8 distinct copies of
   * SigmaHQ's rules the keys kept 10 MB of rule texts alive mid-run.
   */
  constructor(private readonly texts: TextTable = new TextTable()) {}

  /** One stand-in per key of `docs` that an earlier chunk holds. */
  standInsFor(docs: readonly { readonly id?: string; readonly name?: string }[]): SigmaRule[] {
    const standIns: SigmaRule[] = [];
    const claimed = new Set<string>();
    for (const d of docs) {
      for (const key of [d.id, d.name]) {
        const holder = key === undefined ? undefined : this.byKey.get(key);
        if (key !== undefined && holder !== undefined && !claimed.has(key)) {
          claimed.add(key);
          standIns.push(metadataRule({ title: holder.title, loc: holder.loc, id: key }));
        }
      }
    }
    return standIns;
  }

  /** `docs` in buildCollection's registration order (rules, then correlations): the last to claim a key holds it. */
  register(docs: readonly RuleMetadata[]): void {
    for (const d of docs) {
      // A rule converted on a worker thread names its file by a copy of the path: the holder names it by the run's
      // own (25,000 copies of paths at 8 times the corpus otherwise).
      const holder = { title: detached(d.title), loc: { ...d.loc, file: this.texts.kept(d.loc.file) } };
      if (d.id !== undefined) this.byKey.set(this.texts.kept(d.id), holder);
      if (d.name !== undefined) this.byKey.set(this.texts.kept(d.name), holder);
    }
  }
}

/** Sources read (or taken from `sourceOf`) and parsed, in order, with the count of their read and parse diagnostics. */
export function parseInputs(paths: readonly string[], cwd: string, sourceOf: (path: string, i: number) => ReadSource | undefined): { files: string[]; parsed: ParsedSource[]; parseCount: number } {
  const files: string[] = [];
  const parsed: ParsedSource[] = [];
  let parseCount = 0;
  readInRuns(paths, (path, i) => sourceOf(path, i) ?? readSourceSync(path, cwd), (source) => {
    files.push(source.name);
    const result = parseSource(source);
    parseCount += result.diagnostics.length;
    parsed.push(result);
  });
  return { files, parsed, parseCount };
}

/**
 * The inputs in chunks of `size` files, in order, each parsed and built into a collection. Every source is read
 * (or taken from `kept`, which is emptied as it goes) when its chunk comes. Meant for inputs the prescan found
 * streamable; a file changed since then to hold a correlation or filter is resolved within its chunk only. `texts`
 * keeps the ids, names and file names the duplicate checks hold until the end (DuplicateTracker).
 */
export function* ruleChunks(paths: readonly string[], cwd: string, kept: Map<string, ReadSource>, size: number, texts?: TextTable): Generator<RuleChunk> {
  const holders = new Holders(texts);
  for (let i = 0; i < paths.length; i += size) {
    const { files, parsed, parseCount } = parseInputs(paths.slice(i, i + size), cwd, (path) => {
      const source = kept.get(path);
      kept.delete(path);
      return source;
    });
    const standIns = holders.standInsFor(parsed.flatMap((p) => p.documents).filter((d) => d.kind !== 'filter'));
    const built = buildCollection(standIns.length > 0 ? [{ documents: standIns, diagnostics: [] }, ...parsed] : parsed);
    const own = standIns.length > 0 ? new Set<SigmaDocument>(standIns) : undefined;
    const collection: SigmaCollection = own ? { ...built, rules: built.rules.filter((r) => !own.has(r)) } : built;
    holders.register([...collection.rules, ...collection.correlations]);
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
 * documents as rules of their metadata (a duplicate check reads only title, id, name and locations).
 */
export class DuplicateTracker {
  private readonly holders: Holders;

  /** `texts`: where the ids, names and file names the tracker holds are kept (a run's TextTable, shared by its stores). */
  constructor(texts?: TextTable) {
    this.holders = new Holders(texts);
  }

  check(docs: readonly DocSummary[]): Diagnostic[] {
    const standIns = this.holders.standInsFor(docs);
    const built = buildCollection([{ documents: [...standIns, ...docs.map(metadataRule)], diagnostics: [] }]);
    this.holders.register(docs);
    return [...built.diagnostics];
  }
}
