import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { runFixtures } from '@sigmats/evaluator/node';
import { parseArgs, UsageError, type OptionSpec } from '../args.js';
import { colorsFor } from '../color.js';
import { EXIT_FAILED, EXIT_OK } from '../exit.js';
import { STDIN } from '../files.js';
import type { CliIo } from '../io.js';
import { renderJUnit, type JUnitCase } from '../junit.js';
import { tryWriteOutputFile } from '../output.js';
import { refuseOutputsOverInputs } from '../overwrite.js';
import { countSeverities, printDiagnostics } from '../report.js';
import { COLOR_OPTION, discoverOrFail } from './common.js';

const SPEC: readonly OptionSpec[] = [{ name: 'json', type: 'boolean' }, { name: 'junit', type: 'string' }, COLOR_OPTION];

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, SPEC, 'test');
  const colors = colorsFor(io.stdout, io, args.flags.has('no-color'));
  const errColors = colorsFor(io.stderr, io, args.flags.has('no-color'));
  const paths = args.positionals.length > 0 ? args.positionals : existsSync(resolve(io.cwd, 'rules')) ? ['rules/'] : [];
  if (paths.length === 0) throw new UsageError('no PATHS given and there is no rules/ folder here', 'test');
  const found = discoverOrFail('test', paths.filter((p) => p !== STDIN), io);
  const junitPath = args.strings.get('junit');
  if (junitPath !== undefined) refuseOutputsOverInputs('test', [junitPath], paths, io.cwd);
  // runFixtures reads relative to the process; keep the user's relative paths when that is the same place.
  const files = io.cwd === process.cwd() ? found.files : found.files.map((f) => resolve(io.cwd, f));
  const report = runFixtures(files);

  if (args.flags.has('json')) {
    for (const r of report.results) {
      io.stdout.write(`${JSON.stringify({ version: 1, type: 'fixture', file: r.file, rule: r.rule, description: r.description, expect: r.expect, matched: r.matched, ok: r.ok })}\n`);
    }
    io.stdout.write(`${JSON.stringify({ version: 1, type: 'summary', passed: report.passed, failed: report.failed })}\n`);
  } else {
    for (const rule of report.rules) {
      const bad = rule.fixtures.filter((f) => !f.ok).length;
      const status = rule.fixtures.length === 0 ? colors.yellow('NONE') : bad > 0 ? colors.red('FAIL') : colors.green('PASS');
      io.stdout.write(`${status} ${rule.title} (${rule.file}): ${rule.fixtures.length - bad}/${rule.fixtures.length} fixtures\n`);
      for (const f of rule.fixtures) {
        const mark = f.ok ? colors.green('ok  ') : colors.red('FAIL');
        const why = f.ok ? '' : ` — expected ${f.expect}, ${f.matched ? 'matched' : 'did not match'}`;
        io.stdout.write(`  ${mark} ${f.expect === 'match' ? 'TP' : 'TN'} ${f.description}${why}\n`);
      }
    }
  }
  const diagnostics = [...found.diagnostics, ...report.diagnostics];
  printDiagnostics(diagnostics, io.stderr, errColors);

  // JUnit for CI: a suite per rule, a testcase per fixture; a failure says what was expected and where.
  const junit = args.strings.get('junit');
  let writeError: string | undefined;
  if (junit !== undefined) {
    const suites = report.rules.map((rule) => ({
      name: `${rule.title} (${rule.file})`,
      cases: rule.fixtures.map<JUnitCase>((f) => ({
        name: `${f.expect === 'match' ? 'TP' : 'TN'} ${f.description}`,
        classname: rule.file,
        file: f.file,
        failures: f.ok
          ? []
          : [{ message: `expected ${f.expect}, ${f.matched ? 'matched' : 'did not match'}`, type: 'fixture/mismatch', text: `${f.file}:1:1: expected ${f.expect} for rule '${f.rule}' but it ${f.matched ? 'matched' : 'did not match'}: ${f.description}` }],
      })),
    }));
    writeError = tryWriteOutputFile(resolve(io.cwd, junit), renderJUnit(suites));
    if (writeError) io.stderr.write(`sigmats test: error: ${writeError}\n`);
  }
  const { errors } = countSeverities(diagnostics);
  const line = `${report.passed} passed, ${report.failed} failed (${report.results.length} fixture${report.results.length === 1 ? '' : 's'}, ${report.rules.length} rule${report.rules.length === 1 ? '' : 's'})`;
  io.stderr.write(`${report.failed > 0 || errors > 0 ? errColors.red(line) : errColors.green(line)}\n`);
  return report.failed > 0 || errors > 0 || writeError !== undefined ? EXIT_FAILED : EXIT_OK;
}
