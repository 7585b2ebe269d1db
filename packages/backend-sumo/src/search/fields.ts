import { diagnostic } from '@sigmats/core';
import { memoBy } from '../shared/memo.js';
import type { SourceLocation } from '@sigmats/core';
import { ok, type Result } from '@sigmats/text-query';
import { hasInvisible } from '../encode.js';
import type { SearchSettings } from './query.js';

/**
 * Which Sumo name each Sigma field gets in a log search, and the json extraction that defines it: identifier aliases
 * (operator words and other characters avoided), JSON key paths with `['…']` for keys that are not plain words.
 */

/** Fields Sumo defines itself (`_sourceCategory`, `_raw`, `_messageTime`…): never extracted. */
export function isBuiltIn(field: string): boolean {
  return field.startsWith('_');
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Words the where/json grammar reads as operators: never used as a bare field name. */
const RESERVED = new Set([
  'and', 'or', 'not', 'in', 'matches', 'as', 'by', 'nodrop', 'where', 'true', 'false', 'null', 'like', 'rlike',
  'field', 'asc', 'desc', 'multi', 'regex', 'auto',
]);

export const bareName = (f: string): boolean => IDENT.test(f) && !RESERVED.has(f.toLowerCase());

/** Sumo names for the Sigma fields a query uses, and the json extraction that defines them. */
export interface FieldPlan {
  readonly name: (field: string) => string;
  /** [json path, alias] in first-use order. */
  readonly extracted: readonly (readonly [string, string])[];
}

const WORD_KEY = /^[A-Za-z0-9_]+$/;

/**
 * Answers of jsonKeyPath and fieldAlias by field: the corpus's rules read a few hundred distinct fields, thousands of
 * times (bounded: fields come from rules).
 */
const memo = <T>(f: (s: string) => T): ((s: string) => T) => memoBy((s: string) => s, f);

const jsonKeyPath = memo(keyPath);

function keyPath(path: string): string | undefined {
  // A profile may give one key that holds dots (Zeek's flat `id.orig_h`) already in bracket form.
  if (/^\['[^'"\\[\]]+'\]$/.test(path) && !hasInvisible(path)) return path;
  const segments = path.split('.');
  let out = '';
  for (const s of segments) {
    // A plain word (the usual case) holds no quote, bracket or invisible character: skip those checks.
    if (WORD_KEY.test(s)) {
      out += out ? `.${s}` : s;
      continue;
    }
    if (s === '' || /["'\\[\]]/.test(s) || hasInvisible(s)) return undefined;
    out += `['${s}']`;
  }
  return out;
}

/** The identifier a field's json extraction is named by, before any suffix that tells it from another field's. */
const fieldAlias = memo((f: string): string => {
  const alias = f.replace(/[^A-Za-z0-9_]/g, '_');
  return !/^[A-Za-z]/.test(alias) || !bareName(alias) ? `f_${alias}` : alias;
});

export function planFields(
  fields: readonly string[],
  settings: SearchSettings,
  jsonPath: (f: string) => string,
  locate: (field: string) => SourceLocation,
): Result<FieldPlan> {
  const names = new Map<string, string>();
  const extracted: [string, string][] = [];
  const used = new Set<string>();
  const nextSuffix = new Map<string, number>();
  const errors = [];
  for (const f of fields) {
    if (names.has(f)) continue;
    if (isBuiltIn(f) && IDENT.test(f)) {
      names.set(f, f);
      continue;
    }
    if (settings.extraction === 'fer') {
      if (f.includes('"') || f.includes('\\') || hasInvisible(f)) {
        errors.push(diagnostic('backend/unsupported-value', `field name ${JSON.stringify(f)} cannot be written as %"…"`, locate(f)));
        continue;
      }
      names.set(f, bareName(f) ? f : `%"${f}"`);
      continue;
    }
    if (settings.extraction === 'keyvalue') {
      // keyvalue names each field after its key: the key must be a plain field name.
      const key = jsonPath(f);
      if (!bareName(key)) {
        errors.push(diagnostic('backend/unsupported-value', `field name ${JSON.stringify(f)} cannot be read with keyvalue (not a plain key name)`, locate(f)));
        continue;
      }
      names.set(f, key);
      extracted.push([key, key]);
      continue;
    }
    const path = jsonKeyPath(jsonPath(f));
    if (path === undefined) {
      errors.push(diagnostic('backend/unsupported-value', `field name ${JSON.stringify(f)} cannot be a JSON key path`, locate(f)));
      continue;
    }
    const alias = fieldAlias(f);
    // Many fields may share one alias (`a.b`, `a-b`, `a b`): each alias remembers the next suffix to try, so the
    // k-th of them does not probe the k-1 suffixes already taken (quadratic in the number of such fields).
    let candidate = alias;
    let n = nextSuffix.get(alias.toLowerCase()) ?? 2;
    while (used.has(candidate.toLowerCase())) candidate = `${alias}_${n++}`;
    nextSuffix.set(alias.toLowerCase(), n);
    used.add(candidate.toLowerCase());
    names.set(f, candidate);
    extracted.push([path, candidate]);
  }
  // Not fail(...errors): spreading one argument per refused field overflows the stack past about 100k of them.
  if (errors.length > 0) return { ok: false, errors };
  return ok({ name: (f) => names.get(f) ?? f, extracted });
}

