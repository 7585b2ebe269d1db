import type { Backend } from '@sigmats/core';
import { parseArgs, UsageError, type OptionSpec } from '../args.js';
import { EXIT_FAILED, EXIT_OK } from '../exit.js';
import type { CliIo } from '../io.js';
import { BackendUnavailable, loadBackend, TARGETS, type Target } from '../registry.js';
import { parseTargets } from '../convert-args.js';
import { COLOR_OPTION } from './common.js';

const SPEC: readonly OptionSpec[] = [{ name: 'target', short: 't', type: 'string' }, { name: 'json', type: 'boolean' }, COLOR_OPTION];
const TOPICS = ['targets', 'pipelines', 'formats'] as const;

function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n') + '\n';
}

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, SPEC, 'list');
  const [topic, ...extra] = args.positionals;
  if (topic === undefined || !(TOPICS as readonly string[]).includes(topic)) {
    throw new UsageError(`expected one of: ${TOPICS.join(', ')}`, 'list');
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`, 'list');
  const targets: Target[] = args.strings.has('target') ? parseTargets(args.strings.get('target')) : [...TARGETS];

  const loaded: { target: Target; backend?: Backend; error?: string }[] = [];
  for (const target of targets) {
    try {
      loaded.push({ target, backend: await loadBackend(target) });
    } catch (err) {
      if (!(err instanceof BackendUnavailable)) throw err;
      loaded.push({ target, error: err.message });
    }
  }
  const json = args.flags.has('json');
  const rows: string[][] = [];
  const objects: object[] = [];
  for (const { target, backend, error } of loaded) {
    if (!backend) {
      io.stderr.write(`sigmats list: error: ${error}\n`);
      continue;
    }
    if (topic === 'targets') {
      rows.push([target, backend.name, `default format: ${backend.defaultFormat}`]);
      objects.push({ target, name: backend.name, defaultFormat: backend.defaultFormat, formats: backend.formats.map((f) => f.name), pipelines: backend.pipelines.map((p) => p.name), defaultPipelines: backend.defaultPipelines });
    } else if (topic === 'pipelines') {
      for (const p of backend.pipelines) {
        const isDefault = backend.defaultPipelines.includes(p.name);
        rows.push([target, p.name, `${isDefault && !p.description.includes('(default)') ? '(default) ' : ''}${p.description}`]);
        objects.push({ target, name: p.name, description: p.description, default: isDefault });
      }
    } else {
      for (const f of backend.formats) {
        const isDefault = f.name === backend.defaultFormat;
        rows.push([target, f.name, `.${f.extension}`, `${isDefault && !f.description.includes('(default)') ? '(default) ' : ''}${f.description}`]);
        objects.push({ target, name: f.name, extension: f.extension, description: f.description, default: isDefault });
      }
    }
  }
  if (json) for (const o of objects) io.stdout.write(`${JSON.stringify(o)}\n`);
  else if (rows.length > 0) io.stdout.write(table(rows));
  return loaded.some((l) => l.error) ? EXIT_FAILED : EXIT_OK;
}
