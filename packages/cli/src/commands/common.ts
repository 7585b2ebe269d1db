import type { Diagnostic } from '@sigmats/core';
import { UsageError, type OptionSpec } from '../args.js';
import { discover, type Discovery } from '../files.js';
import type { CliIo } from '../io.js';

export const COLOR_OPTION: OptionSpec = { name: 'no-color', type: 'boolean' };

/** Path arguments → files; arguments that name nothing become located `io/read-failed` errors. */
export function discoverOrFail(command: string, paths: readonly string[], io: CliIo, accept?: RegExp): Discovery & { diagnostics: Diagnostic[] } {
  if (paths.length === 0) throw new UsageError('no PATHS given', command);
  const found = discover(paths, io.cwd, accept);
  const diagnostics: Diagnostic[] = found.missing.map((p) => ({
    code: 'io/read-failed',
    severity: 'error',
    message: p === '' ? 'an empty path names no file' : /[*?[{]/.test(p) ? 'pattern matched no files' : 'no such file or directory',
    file: p,
    line: 0,
    column: 0,
  }));
  if (found.files.length === 0) {
    throw new UsageError(found.missing.length > 0 ? `no rule files found: ${found.missing.map((p) => (p === '' ? "'' (an empty path)" : p)).join(', ')}` : 'no rule files (*.yml, *.yaml) found', command);
  }
  return { ...found, diagnostics };
}
