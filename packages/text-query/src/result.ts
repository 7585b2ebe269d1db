import { pushAll } from './push-all.js';
import type { Diagnostic } from '@sigmats/core';

/** Outcome of a conversion step: a value (with possible warnings) or the errors that stopped it. */
export type Result<T> =
  | { readonly ok: true; readonly value: T; readonly warnings: readonly Diagnostic[] }
  | { readonly ok: false; readonly errors: readonly Diagnostic[] };

export function ok<T>(value: T, warnings: readonly Diagnostic[] = []): Result<T> {
  return { ok: true, value, warnings };
}

export function fail<T = never>(...errors: Diagnostic[]): Result<T> {
  return { ok: false, errors };
}

/** Combine results left to right; the first failure wins but all errors of failed parts are kept. */
export function all<T>(results: readonly Result<T>[]): Result<T[]> {
  const values: T[] = [];
  const warnings: Diagnostic[] = [];
  const errors: Diagnostic[] = [];
  for (const r of results) {
    if (r.ok) {
      values.push(r.value);
      pushAll(warnings, r.warnings);
    } else pushAll(errors, r.errors);
  }
  return errors.length > 0 ? { ok: false, errors } : ok(values, warnings);
}

export function map<T, U>(r: Result<T>, f: (v: T) => U): Result<U> {
  return r.ok ? ok(f(r.value), r.warnings) : r;
}
