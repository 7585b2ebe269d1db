import { UsageError } from '../args.js';

/** `--jobs N` of `convert`, `check` and `eval`: a positive whole number. */
export function parseJobs(value: string | undefined, command: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^[1-9]\d*$/.test(value) || !Number.isSafeInteger(n)) throw new UsageError(`--jobs expects a positive whole number, got '${value}'`, command);
  return n;
}
