import { isUtf8 } from 'node:buffer';
import { buildCollection, decodeSigmaBytes, parseSigma } from '@sigmats/core';
import type { Diagnostic, ParsedSource, SigmaCollection, SigmaDocument } from '@sigmats/core';
import { readBytes, readUtf8, STDIN } from './files.js';
import { readAll, type CliIo } from './io.js';
import type { Progress } from './progress.js';

export const STDIN_NAME = '<stdin>';

export interface LoadedRules {
  readonly collection: SigmaCollection;
  /** Display name of every input (stdin as `<stdin>`), in input order. */
  readonly files: readonly string[];
  /** The parsed documents of each file, in file order (files that failed to read map to []). */
  readonly documents: ReadonlyMap<string, readonly SigmaDocument[]>;
  /** First line of each YAML document of a file (documents that failed to parse included); undefined if unread. */
  documentLines(file: string): readonly number[] | undefined;
}

/** First line of each YAML document: line 1 and the line after each `---` separator (a leading one excepted). */
export function documentStartLines(text: string): number[] {
  const starts = [1];
  const lines = text.split('\n');
  let content = false;
  lines.forEach((line, i) => {
    if (/^---(\s|$)/.test(line)) {
      if (content) starts.push(i + 2);
      else starts[starts.length - 1] = i + 2;
      content = false;
    } else if (!/^\s*(#.*)?\r?$/.test(line) && !/^\.\.\.(\s|$)/.test(line)) {
      content = true;
    }
  });
  if (!content && starts.length > 1) starts.pop();
  return starts;
}

/** One input read and decoded: its text, or the diagnostics that say why there is none. */
export interface ReadSource {
  /** Display name (stdin as `<stdin>`). */
  readonly name: string;
  readonly text: string | undefined;
  /** Why there is no text (read failure, not UTF-8); empty when there is text. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Reads and decodes a rule file (not stdin); a failure is a located `io/read-failed` or `io/not-utf8` error. */
export function readSourceSync(path: string, cwd: string): ReadSource {
  // Read and decoded in one native call: a text without U+FFFD came from valid UTF-8 (the decoder puts one for every
  // invalid sequence, and a UTF-16 mark is one), and is the text decodeSigmaBytes gives once a leading UTF-8 byte
  // order mark is dropped. Anything else, rare, is read again as bytes and judged as before. Over SigmaHQ's rules:
  // 97 -> 70 ms of CPU against a buffer per file and Node's isUtf8 check (BENCHMARKS.md, round 9).
  const fast = readUtf8(path, cwd);
  if (!fast.ok) return readFailed(path, fast.message);
  if (!fast.text.includes('\uFFFD')) return { name: path, text: fast.text.charCodeAt(0) === 0xfeff ? fast.text.slice(1) : fast.text, diagnostics: [] };
  const read = readBytes(path, cwd);
  if (!read.ok) return readFailed(path, read.message);
  const text = utf8Text(read.bytes);
  if (text !== undefined) return { name: path, text, diagnostics: [] };
  const decoded = decodeSigmaBytes(read.bytes, path);
  return decoded.text === undefined ? { name: path, text: undefined, diagnostics: decoded.diagnostics } : { name: path, text: decoded.text, diagnostics: [] };
}

/** An input that could not be read: an `io/read-failed` error on the file, no text. */
function readFailed(path: string, message: string): ReadSource {
  return { name: path, text: undefined, diagnostics: [{ code: 'io/read-failed', severity: 'error', message, file: path, line: 0, column: 0 }] };
}

/**
 * The text of bytes that are valid UTF-8 without a UTF-16 byte order mark, as core's decodeSigmaBytes reads them
 * (one leading UTF-8 byte order mark dropped); undefined for anything else, which decodeSigmaBytes then reports.
 * Node's native check and decoder instead of a fatal TextDecoder made per file: 18.5 -> 10 ms over SigmaHQ's
 * rules in a profile of `convert -t all` (BENCHMARKS.md, round 8).
 */
export function utf8Text(bytes: Uint8Array): string | undefined {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return undefined;
  if (!isUtf8(bytes)) return undefined;
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8', bom);
}

/**
 * Text read ahead of its parse, in UTF-16 code units: a run of reads stops once it holds this much (a file over it
 * is read alone). SigmaHQ's chunks hold about 0.2 M; a chunk of files larger than the parser accepts (2 MB each)
 * would otherwise be held whole before any is refused.
 */
export const READ_AHEAD_CHARS = 4 << 20;

/**
 * Reads `items` a run at a time and hands each source to `take`, in order, once its run is read. On this project's
 * VM a file read between two parses took twice as long as in a run of reads, and the parses after it were slower
 * too: `check` over SigmaHQ's rules x0.91 wall, `check -t splunk` x0.88 (BENCHMARKS.md, round 17).
 */
export function readInRuns<T>(items: readonly T[], read: (item: T, i: number) => ReadSource, take: (source: ReadSource, i: number) => void, budget = READ_AHEAD_CHARS): void {
  const run: ReadSource[] = [];
  for (let i = 0; i < items.length; ) {
    const start = i;
    let size = 0;
    run.length = 0;
    while (i < items.length && (run.length === 0 || size < budget)) {
      const source = read(items[i] as T, i);
      run.push(source);
      size += source.text?.length ?? 0;
      i++;
    }
    for (let k = 0; k < run.length; k++) take(run[k] as ReadSource, start + k);
  }
}

/** readSourceSync, and stdin (`-`) read to its end. */
export async function readSource(path: string, io: CliIo): Promise<ReadSource> {
  if (path !== STDIN) return readSourceSync(path, io.cwd);
  const decoded = decodeSigmaBytes(await readAll(io.stdin()), STDIN_NAME);
  return decoded.text === undefined ? { name: STDIN_NAME, text: undefined, diagnostics: decoded.diagnostics } : { name: STDIN_NAME, text: decoded.text, diagnostics: [] };
}

/** A read source parsed: its documents, or its read diagnostics and no documents. */
export function parseSource(source: ReadSource): ParsedSource {
  return source.text === undefined ? { documents: [], diagnostics: source.diagnostics } : parseSigma(source.text, source.name);
}

/**
 * Read and parse each file on its own (a broken file never stops the others), then build one collection. Sources
 * already read (`preread`, by path: stdin can be read only once) are not read again.
 */
export async function loadRules(paths: readonly string[], io: CliIo, progress?: Progress, preread?: ReadonlyMap<string, ReadSource>): Promise<LoadedRules> {
  const parsed: ParsedSource[] = [];
  const documents = new Map<string, readonly SigmaDocument[]>();
  // Document start lines are for JUnit reports only: found on demand from the decoded text.
  const texts = new Map<string, string>();
  const files: string[] = [];
  // Stdin first (it is read asynchronously, and once), then the files in runs of reads (readInRuns).
  const stdin = paths.includes(STDIN) ? (preread?.get(STDIN) ?? (await readSource(STDIN, io))) : undefined;
  readInRuns(
    paths,
    (path) => (path === STDIN ? stdin! : (preread?.get(path) ?? readSourceSync(path, io.cwd))),
    (source) => {
      files.push(source.name);
      const result = parseSource(source);
      if (source.text !== undefined) texts.set(source.name, source.text);
      parsed.push(result);
      documents.set(source.name, result.documents);
      progress?.tick();
    },
  );
  const lines = new Map<string, readonly number[]>();
  const documentLines = (file: string): readonly number[] | undefined => {
    const text = texts.get(file);
    if (text === undefined) return undefined;
    let l = lines.get(file);
    if (!l) lines.set(file, (l = documentStartLines(text)));
    return l;
  };
  return { collection: buildCollection(parsed), files, documents, documentLines };
}
