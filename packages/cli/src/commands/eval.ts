import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { compileRuleSet, flattenWindowsEvent, readEvents, windowsLogsource } from '@sigmats/evaluator';
import { documentKey, type Diagnostic } from '@sigmats/core';
import type { EventObject } from '@sigmats/evaluator';
import { parseArgs, UsageError, type OptionSpec } from '../args.js';
import { colorsFor } from '../color.js';
import { EXIT_FAILED, EXIT_OK } from '../exit.js';
import { STDIN } from '../files.js';
import type { CliIo, OutStream } from '../io.js';
import { loadRules, STDIN_NAME } from '../load.js';
import { countSeverities, printDiagnostics, renderDiagnostic } from '../report.js';
import { LicenceFinder } from '../variants/licence.js';
import { COLOR_OPTION, discoverOrFail } from './common.js';

const SPEC: readonly OptionSpec[] = [
  { name: 'rules', type: 'list' },
  { name: 'no-flatten', type: 'boolean' },
  { name: 'logsource', type: 'string' },
  COLOR_OPTION,
];

/** Wait for the consumer when the stream asks us to (a slow pipe must not make us buffer every match). */
async function flush(stream: OutStream, text: string): Promise<void> {
  const s = stream as OutStream & { write(chunk: string): boolean | void; once?: (ev: 'drain', fn: () => void) => void };
  if (s.write(text) === false && typeof s.once === 'function') await new Promise<void>((r) => s.once!('drain', r));
}

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, SPEC, 'eval');
  const colors = colorsFor(io.stderr, io, args.flags.has('no-color'));
  const rulePaths = args.lists.get('rules') ?? [];
  if (rulePaths.length === 0) throw new UsageError('missing --rules PATHS', 'eval');
  if (rulePaths.includes(STDIN)) throw new UsageError('--rules cannot read stdin; events come from stdin', 'eval');
  const routing = args.strings.get('logsource');
  if (routing !== undefined && routing !== 'windows') throw new UsageError(`unknown --logsource '${routing}' (supported: windows)`, 'eval');
  // evtx_dump JSON (Event.System / Event.EventData) gets Sigma's flat field names; other events pass unchanged.
  const prepare = args.flags.has('no-flatten') ? (e: EventObject): EventObject => e : flattenWindowsEvent;
  const found = discoverOrFail('eval', rulePaths, io);
  const loaded = await loadRules(found.files, io);
  const set = compileRuleSet(loaded.collection, routing === 'windows' ? { logsource: windowsLogsource } : {});
  const ruleDiags: Diagnostic[] = [...found.diagnostics, ...loaded.collection.diagnostics, ...set.diagnostics];
  printDiagnostics(ruleDiags, io.stderr, colors);

  // The Detection Rule License asks that match output keep the rule's authors and the licence (SigmaHQ rules are
  // under it): each match line carries them, computed once per rule.
  const licences = new LicenceFinder();
  const attribution = new Map<string, { author?: string; licence?: string }>();
  for (const r of [...loaded.collection.rules, ...loaded.collection.correlations]) {
    const file = r.loc.file === STDIN_NAME ? undefined : resolve(io.cwd, r.loc.file);
    const licence = file === undefined ? undefined : licences.licenceOf(r, file);
    attribution.set(documentKey(r), { ...(r.author !== undefined ? { author: r.author } : {}), ...(licence ? { licence: licence.notice } : {}) });
  }

  const sources = args.positionals.length > 0 ? args.positionals : [STDIN];
  if (sources.filter((s) => s === STDIN).length > 1) throw new UsageError('stdin (-) given more than once', 'eval');
  const stream = set.stream();
  let index = 0;
  let matches = 0;
  let eventErrors = 0;
  const report = (d: Diagnostic): void => {
    if (d.severity === 'error') eventErrors++;
    io.stderr.write(`${renderDiagnostic(d, colors)}\n`);
  };
  for (const source of sources) {
    const name = source === STDIN ? STDIN_NAME : source;
    const chunks = source === STDIN ? io.stdin() : createReadStream(resolve(io.cwd, source));
    try {
      let out = '';
      for await (const item of readEvents(chunks, name)) {
        if (item.diagnostic) report(item.diagnostic);
        if (!item.event) continue;
        const i = index++;
        let found: ReturnType<typeof stream.push>;
        try {
          found = stream.push(prepare(item.event.event));
        } catch (err) {
          // A failure the rule set did not contain: it belongs to this event, not to the events file.
          report({ code: 'internal/error', severity: 'error', message: `event ${i} could not be evaluated: ${(err as Error)?.message ?? String(err)}`, file: name, line: item.event.line, column: 1 });
          continue;
        }
        for (const d of set.takeRuntimeDiagnostics()) report(d);
        for (const m of found) {
          matches++;
          out +=
            m.kind === 'rule'
              ? `${JSON.stringify({ rule: m.rule, title: m.title, event: i, file: name, line: item.event.line, identifiers: m.identifiers, condition: m.condition, ...(m.enrichments ? { enrichments: m.enrichments } : {}), ...attribution.get(m.rule) })}\n`
              : `${JSON.stringify({ ...m, kind: 'correlation', ...attribution.get(m.rule) })}\n`;
        }
        if (out.length > 65536) {
          await flush(io.stdout, out);
          out = '';
        }
      }
      if (out !== '') await flush(io.stdout, out);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      report({ code: 'io/read-failed', severity: 'error', message: `cannot read events: ${e.code ?? e.message}`, file: name, line: 0, column: 0 });
    }
  }
  let tail = '';
  for (const m of stream.end()) {
    matches++;
    tail += `${JSON.stringify({ ...m, kind: m.kind, ...attribution.get(m.rule) })}\n`;
  }
  if (tail !== '') await flush(io.stdout, tail);
  for (const d of stream.diagnostics) report(d);
  io.stderr.write(colors.dim(`${index} event${index === 1 ? '' : 's'}, ${matches} match${matches === 1 ? '' : 'es'}\n`));
  return countSeverities(ruleDiags).errors > 0 || eventErrors > 0 ? EXIT_FAILED : EXIT_OK;
}
