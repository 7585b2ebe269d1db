import { formatDiagnostic } from '@sigmats/core';
import type { Diagnostic } from '@sigmats/core';
import { doubled } from './typed-arrays.js';

/** Diagnostics read in order and by number: an array, or a DiagnosticStore (which builds each one again). */
export interface DiagnosticList extends Iterable<Diagnostic> {
  at(i: number): Diagnostic | undefined;
}

/** One part of a report: a list, and what each of its diagnostics becomes in the report (undefined: left out). */
export interface ReportPart {
  readonly list: DiagnosticList;
  /** Must give the same answer each time for the same diagnostic: it is applied once to sort and once to show. */
  readonly map?: (d: Diagnostic) => Diagnostic | undefined;
}

/** The parts' diagnostics as the report has them (mapped, the left-out ones skipped), one part after another. */
export function* reportedOf(parts: readonly ReportPart[]): Generator<Diagnostic> {
  for (const p of parts) {
    for (const raw of p.list) {
      const d = p.map ? p.map(raw) : raw;
      if (d !== undefined) yield d;
    }
  }
}

/** Sort keys of every diagnostic, in input order, in columns that grow by doubling. */
class Keys {
  n = 0;
  part = new Int32Array(1024);
  index = new Int32Array(1024);
  file = new Int32Array(1024);
  code = new Int32Array(1024);
  line = new Float64Array(1024);
  column = new Float64Array(1024);

  add(part: number, index: number, file: number, line: number, column: number, code: number): void {
    if (this.n === this.part.length) this.grow();
    const k = this.n++;
    this.part[k] = part;
    this.index[k] = index;
    this.file[k] = file;
    this.code[k] = code;
    this.line[k] = line;
    this.column[k] = column;
  }

  private grow(): void {
    this.part = doubled(this.part);
    this.index = doubled(this.index);
    this.file = doubled(this.file);
    this.code = doubled(this.code);
    this.line = doubled(this.line);
    this.column = doubled(this.column);
  }
}

/** Numbers for distinct strings, and each number's rank in the strings' sorted order (by `<`, as report.ts sorts). */
class Ranked {
  private readonly ids = new Map<string, number>();
  readonly names: string[] = [];

  id(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(s);
      this.ids.set(s, id);
    }
    return id;
  }

  ranks(): Int32Array {
    const byName = Array.from(this.names.keys()).sort((a, b) => (this.names[a]! < this.names[b]! ? -1 : this.names[a]! > this.names[b]! ? 1 : 0));
    const rank = new Int32Array(this.names.length);
    byName.forEach((id, r) => (rank[id] = r));
    return rank;
  }
}

/**
 * report.ts's sortedUnique over the parts' diagnostics, mapped and one part after another, yielded one by one and
 * built one file at a time. A run keeps its diagnostics in columns (diagnostic-store.ts); building them all again
 * as objects to sort them, with the tagged message and the text of each, was the largest thing in memory at the end
 * of a large run: `convert -t all -o DIR` over 8 copies of SigmaHQ's rules reports 84,000 diagnostics, and its
 * heap grew from 104 to 125 MB for the report (BENCHMARKS.md, round 9). Here only their sort keys are held (28
 * bytes each), and the diagnostics of one file at a time: the same diagnostics in the same order.
 */
export function* sortedUniqueOf(parts: readonly ReportPart[]): Generator<Diagnostic> {
  const files = new Ranked();
  const codes = new Ranked();
  const keys = new Keys();
  parts.forEach((p, partNo) => {
    let i = 0;
    for (const raw of p.list) {
      const d = p.map ? p.map(raw) : raw;
      if (d !== undefined) keys.add(partNo, i, files.id(d.file), d.line, d.column, codes.id(d.code));
      i++;
    }
  });
  const fileRank = files.ranks();
  const codeRank = codes.ranks();
  const { n, part, index, file, code, line, column } = keys;
  // By file, then position, then code; ties in input order (report.ts's compareDiagnostics on a stable sort).
  const order = new Int32Array(n);
  for (let k = 0; k < n; k++) order[k] = k;
  order.sort((a, b) => fileRank[file[a]!]! - fileRank[file[b]!]! || line[a]! - line[b]! || column[a]! - column[b]! || codeRank[code[a]!]! - codeRank[code[b]!]! || a - b);

  const read = (k: number): Diagnostic => {
    const p = parts[part[k]!]!;
    const raw = p.list.at(index[k]!)!;
    return p.map ? p.map(raw)! : raw;
  };
  // Repeats are dropped within a file: a repeated text names the same file, unless a file name looks like
  // `name:line:column` (a text starts `file:line:column`); then the whole report is one group, as in sortedUnique.
  const oneGroup = files.names.some((f) => /:\d/.test(f));
  for (let start = 0; start < n; ) {
    let end = start + 1;
    if (oneGroup) end = n;
    else while (end < n && file[order[end]!] === file[order[start]!]) end++;
    const group: Diagnostic[] = [];
    const texts: string[] = [];
    // The first of each text in input order (k is the input order).
    const first = new Map<string, number>();
    for (let s = start; s < end; s++) {
      const k = order[s]!;
      const d = read(k);
      const text = formatDiagnostic(d);
      group.push(d);
      texts.push(text);
      const seen = first.get(text);
      if (seen === undefined || k < seen) first.set(text, k);
    }
    for (let s = start; s < end; s++) if (first.get(texts[s - start]!) === order[s]) yield group[s - start]!;
    start = end;
  }
}
