import { buildCollection, decodeSigmaBytes, parseSigma } from '@sigmats/core';
import type { Diagnostic, SigmaCollection, SigmaDocument } from '@sigmats/core';
import { readBytes, STDIN } from './files.js';
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

/** Read and parse each file on its own (a broken file never stops the others), then build one collection. */
export async function loadRules(paths: readonly string[], io: CliIo, progress?: Progress): Promise<LoadedRules> {
  const parsed: { documents: readonly SigmaDocument[]; diagnostics: readonly Diagnostic[] }[] = [];
  const documents = new Map<string, readonly SigmaDocument[]>();
  // Document start lines are for JUnit reports only: found on demand from the decoded text.
  const texts = new Map<string, string>();
  const files: string[] = [];
  for (const path of paths) {
    const name = path === STDIN ? STDIN_NAME : path;
    files.push(name);
    const read = path === STDIN ? { ok: true as const, bytes: await readAll(io.stdin()) } : readBytes(path, io.cwd);
    if (!read.ok) {
      parsed.push({ documents: [], diagnostics: [{ code: 'io/read-failed', severity: 'error', message: read.message, file: name, line: 0, column: 0 }] });
      documents.set(name, []);
    } else {
      const decoded = decodeSigmaBytes(read.bytes, name);
      const result = decoded.text === undefined ? { documents: [], diagnostics: decoded.diagnostics } : parseSigma(decoded.text, name);
      if (decoded.text !== undefined) texts.set(name, decoded.text);
      parsed.push(result);
      documents.set(name, result.documents);
    }
    progress?.tick();
  }
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
