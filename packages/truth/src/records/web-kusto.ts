import type { KqlType, KqlValue } from '../types.js';
import { assumption } from './assumptions.js';
import { kustoDefault } from './columns.js';
import type { ParserText } from './web-parsers.js';

/**
 * A transcribed ASIM parser as data: one step per parser operator or assignment, in file order, each citing its line.
 * `extend` steps carry the parser's own right-hand side (`kql`, verbatim) next to its TypeScript reading (`value`): the
 * tests check the cited line holds `kql`, and that the reference interpreter computes the same value from it. The
 * records never run the interpreter: a bug there must not reach both the records and the verdicts.
 */
export type Row = Record<string, KqlValue>;
export type Types = Record<string, KqlType>;

export type Step =
  | { readonly op: 'where'; readonly line: number; readonly kql: string; readonly keep: (r: Row) => boolean }
  | { readonly op: 'extend'; readonly line: number; readonly column: string; readonly type: KqlType; readonly kql: string; readonly value: (r: Row) => KqlValue }
  | { readonly op: 'rename'; readonly line: number; readonly to: string; readonly from: string }
  | { readonly op: 'away'; readonly line: number; readonly names: readonly string[] }
  /** `parse`, `lookup`: read in TypeScript only (the interpreter has neither); `sets` are the columns they add. */
  | { readonly op: 'custom'; readonly line: number; readonly what: string; readonly sets: Readonly<Types>; readonly apply: (r: Row) => Row };

export interface Transcription {
  readonly parser: ParserText;
  readonly steps: readonly Step[];
}

export interface Parsed {
  readonly row: Row;
  readonly types: Types;
}

/** `project-away` names: a trailing `*` is a prefix wildcard (Role*, cs*, Device*), matched case-sensitively. */
export function away(names: readonly string[], column: string): boolean {
  return names.some((n) => (n.endsWith('*') ? column.startsWith(n.slice(0, -1)) : column === n));
}

/**
 * Runs the steps over a table row of the given column types. Undefined when a `where` drops the row. A rename of a
 * column the table page does not document (W3CIISLog `_ItemId`, `ReportReferenceLink`) gives the Kusto default: the
 * parser runs, so the table has the column, but no source says what it holds.
 */
export function runSteps(t: Transcription, input: Readonly<Row>, inputTypes: Readonly<Types>, trace?: (step: Step, before: Parsed) => void): Parsed | undefined {
  let row: Row = { ...input };
  const types: Types = { ...inputTypes };
  for (const step of t.steps) {
    trace?.(step, { row: { ...row }, types: { ...types } });
    switch (step.op) {
      case 'where':
        if (!step.keep(row)) return undefined;
        break;
      case 'extend':
        row[step.column] = step.value(row);
        types[step.column] = step.type;
        break;
      case 'rename': {
        const type = types[step.from] ?? 'string';
        row[step.to] = step.from in row ? row[step.from]! : kustoDefault(type);
        types[step.to] = type;
        if (step.to !== step.from) {
          delete row[step.from];
          delete types[step.from];
        }
        break;
      }
      case 'away':
        for (const c of Object.keys(row)) if (away(step.names, c)) delete row[c];
        for (const c of Object.keys(types)) if (away(step.names, c)) delete types[c];
        break;
      case 'custom':
        row = { ...row, ...step.apply(row) };
        Object.assign(types, step.sets);
        break;
    }
  }
  return { row, types };
}

// ---------------------------------------------------------------------------------------------- Kusto, as read here

/** tostring(): null is "", numbers their text, dynamic arrays/objects their JSON. */
export function tostring(v: KqlValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** toint()/tolong(): decimal integer text or a number; anything else null (interpreter SOURCES.md A4). */
export function toint(v: KqlValue | undefined): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : null;
  if (typeof v !== 'string' || !/^[+-]?\d+$/.test(v.trim())) return null;
  return Number(v.trim());
}

/** `x has term`: the term is a whole run of letters and digits of x, ignoring case. */
export function has(x: string, term: string): boolean {
  return (x.match(/[A-Za-z0-9]+/g) ?? []).some((t) => t.toLowerCase() === term.toLowerCase());
}

/** `iff(cond, a, b)`: a null condition takes the else branch. */
export function iff<T extends KqlValue>(cond: boolean | null, a: T, b: T): T {
  return cond === true ? a : b;
}

/**
 * coalesce(): the first argument that is not null and, being a string, not empty ("the first non-null (or non-empty
 * for string) expression", interpreter SOURCES.md). Here every argument is a string or a string inside a dynamic
 * array, and the result is passed to tostring()/toint(), so an empty dynamic string is skipped too.
 */
export function coalesce(...vals: (KqlValue | undefined)[]): KqlValue {
  return vals.find((v) => v !== null && v !== undefined && v !== '') ?? null;
}

/**
 * extract_all(regex, text): the matches, each the list of its groups (one group: the value), or null without a match;
 * a group with no part in the match is "" (interpreter SOURCES.md A14, assumption `kusto-extract-all-empty-group`).
 */
export function extractAll(re: RegExp, x: string): KqlValue {
  assumption('kusto-extract-all-empty-group');
  const out: unknown[] = [];
  for (const m of x.matchAll(new RegExp(re.source, `${re.flags.replace('g', '')}g`))) {
    const groups = m.slice(1).map((g) => g ?? '');
    out.push(groups.length === 1 ? groups[0] : groups);
    if (m[0] === '') break;
  }
  return out.length === 0 ? null : out;
}

/** `a[i]` of a dynamic value: null when a is not an array or has no such element. */
export function at(a: KqlValue | undefined, i: number): KqlValue {
  return Array.isArray(a) ? ((a[i] as KqlValue | undefined) ?? null) : null;
}

/** url_decode(): %XX escapes as UTF-8, "+" and malformed escapes kept (interpreter SOURCES.md A15, `kusto-url-decode`). */
export function urlDecode(x: string): string {
  assumption('kusto-url-decode');
  return x.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run.replace(/%[0-9A-Fa-f]{2}/g, (e) => (parseInt(e.slice(1), 16) < 0x80 ? String.fromCharCode(parseInt(e.slice(1), 16)) : e));
    }
  });
}

// The step builders both transcriptions write their steps with.

/** A column of the row as text (tostring()). */
export const columnText = (r: Row, c: string): string => tostring(r[c]);
/** An `extend` step: the parser's expression text and its TypeScript reading. */
export const extendStep = (line: number, column: string, type: KqlType, kql: string, value: (r: Row) => KqlValue): Step => ({ op: 'extend', line, column, type, kql, value });
/** A `project-rename` step. */
export const renameStep = (line: number, to: string, from: string): Step => ({ op: 'rename', line, to, from });
/** An `extend` of a string literal. */
export const literalStep = (line: number, column: string, kql: string, v: string): Step => extendStep(line, column, 'string', kql, () => v);
