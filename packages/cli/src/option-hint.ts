import { suggest } from '@sigmats/core';
import type { OptionSpec } from './args.js';

/**
 * ` (did you mean --target?)` for a mistyped option, from the command's own options (core's bounded Levenshtein);
 * '' when nothing is close. Loaded only when an option is unknown, so `--help` and `--version` stay light.
 */
export function optionHint(written: string, specs: readonly OptionSpec[]): string {
  const long = written.replace(/^-+/, '');
  const near = suggest(long, specs.map((s) => s.name), long.length <= 3 ? 1 : 2);
  if (near !== undefined) return ` (did you mean --${near}?)`;
  // `-json` for `--json`, `--t` for `-t`.
  const exact = specs.find((s) => s.name === long || s.short === long);
  if (exact) return exact.name === long ? ` (did you mean --${exact.name}?)` : ` (did you mean -${exact.short}?)`;
  return '';
}
