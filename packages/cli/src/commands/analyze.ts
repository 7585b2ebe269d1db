/**
 * `sigmats analyze attack|fields|logsource`: what sigma-cli's `analyze` gives, over the same loaded rules as check.
 * `attack` reuses the variant site's model and Navigator layer (one code path for both), `fields` runs each target's
 * pipelines the way conversion does and reads the field names that remain.
 */
import { resolve } from 'node:path';
import { applyPipelines, documentKey, fieldsUsed, resolvePipelines } from '@sigmats/core';
import type { Backend, Pipeline, SigmaRule } from '@sigmats/core';
import { parseArgs, UsageError, type OptionSpec } from '../args.js';
import { colorsFor } from '../color.js';
import { EXIT_FAILED, EXIT_OK } from '../exit.js';
import type { CliIo } from '../io.js';
import { loadRules } from '../load.js';
import { tryWriteOutputFile } from '../output.js';
import { refuseOutputsOverInputs } from '../overwrite.js';
import { BackendUnavailable, isTarget, loadBackend, TARGETS, type Target } from '../registry.js';
import { countSeverities, printDiagnostics } from '../report.js';
import { attackFromTags } from '../variants/attack.js';
import { ATTACK_DATA_VERSION } from '../variants/attack-data.js';
import { buildSite, navigatorLayer, type SiteRule } from '../variants/site.js';
import { COLOR_OPTION, discoverOrFail } from './common.js';
import { resolvePipelineArgs } from '../convert-args.js';

const SPEC: readonly OptionSpec[] = [
  { name: 'output', short: 'o', type: 'string' },
  { name: 'target', short: 't', type: 'string' },
  { name: 'pipeline', short: 'p', type: 'list' },
  { name: 'no-default-pipelines', type: 'boolean' },
  { name: 'json', type: 'boolean' },
  { name: 'name', type: 'string' },
  COLOR_OPTION,
];
const TOPICS = ['attack', 'fields', 'logsource'] as const;
type Topic = (typeof TOPICS)[number];

function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n') + '\n';
}

/** The rules' ATT&CK coverage as a Navigator layer (the variant site's attack-layer.json, without page links). */
export function attackLayer(rules: readonly SigmaRule[], name: string): Record<string, unknown> {
  const siteRules: SiteRule[] = rules.map((r) => ({
    key: documentKey(r),
    title: r.title,
    dir: '',
    platforms: [],
    attack: attackFromTags(r.tags),
    tags: r.tags.map((t) => `${t.namespace}.${t.name}`),
    fields: fieldsUsed(r),
    logsource: [r.logsource.product, r.logsource.category, r.logsource.service].filter(Boolean).join(' '),
  }));
  return navigatorLayer(buildSite(siteRules), { name, attackVersion: ATTACK_DATA_VERSION });
}

export interface LogsourceCount {
  readonly product: string | null;
  readonly category: string | null;
  readonly service: string | null;
  readonly rules: number;
}

/** Rules per (product, category, service), most frequent first. */
export function logsourceCounts(rules: readonly SigmaRule[]): LogsourceCount[] {
  const counts = new Map<string, LogsourceCount>();
  for (const r of rules) {
    const { product = null, category = null, service = null } = r.logsource;
    const key = JSON.stringify([product, category, service]);
    const c = counts.get(key);
    counts.set(key, { product, category, service, rules: (c?.rules ?? 0) + 1 });
  }
  const s = (x: string | null) => x ?? '';
  return [...counts.values()].sort((a, b) => b.rules - a.rules || s(a.product).localeCompare(s(b.product)) || s(a.category).localeCompare(s(b.category)) || s(a.service).localeCompare(s(b.service)));
}

export interface RuleFields {
  readonly file: string;
  readonly rule: string;
  readonly title: string;
  readonly fields: readonly string[];
}

/** A backend's own field naming after the pipelines (Sumo maps fields in code, not in pipelines); identity else. */
export type FieldNamer = (field: string, rule: SigmaRule) => readonly string[];

/**
 * The Sumo backends name fields themselves, through their public exports: log search reads each Sigma field from a
 * JSON key path of the log source's collection (searchProfile), Cloud SIEM from a normalized schema field or a raw
 * `fields['key']` (cseField). Splunk and KQL map fields in their pipelines, so the pipeline output is final there.
 */
export async function fieldNamer(target: Target): Promise<FieldNamer> {
  if (target === 'sumo') {
    const { searchProfile } = await import('@sigmats/backend-sumo');
    return (field, rule) => [searchProfile(rule.logsource).jsonPath(field)];
  }
  if (target === 'sumo-cse') {
    const { cseField } = await import('@sigmats/backend-sumo');
    return (field, rule) => {
      const f = cseField(field, rule.logsource);
      switch (f.kind) {
        case 'normalized':
          return [f.name];
        case 'raw':
          return [`fields['${f.key}']`];
        case 'hashes':
          return Object.values(f.fields);
        case 'event-id':
          return ['metadata_deviceEventId'];
      }
    };
  }
  return (field) => [field];
}

/** Field names each rule reads once the target's pipelines have run (mapping, renames, added conditions). */
export function fieldsAfterPipelines(
  rules: readonly SigmaRule[],
  backend: Backend,
  pipelines: readonly Pipeline[],
  namer: FieldNamer = (f) => [f],
): { perRule: RuleFields[]; diagnostics: import('@sigmats/core').Diagnostic[] } {
  const ordered = resolvePipelines(pipelines);
  const perRule: RuleFields[] = [];
  const diagnostics = [];
  for (const r of rules) {
    const res = applyPipelines(r, ordered, { backend: backend.id, format: backend.defaultFormat });
    diagnostics.push(...res.diagnostics);
    const names = new Set(fieldsUsed(res.document).flatMap((f) => namer(f, res.document)));
    perRule.push({ file: r.loc.file, rule: documentKey(r), title: r.title, fields: [...names].sort() });
  }
  return { perRule, diagnostics };
}

async function targetBackend(value: string | undefined): Promise<{ target: Target; backend: Backend }> {
  if (value === undefined) throw new UsageError(`analyze fields needs -t TARGET (${TARGETS.join(', ')})`, 'analyze');
  if (!isTarget(value)) throw new UsageError(`unknown target '${value}' (targets: ${TARGETS.join(', ')})`, 'analyze');
  try {
    return { target: value, backend: await loadBackend(value) };
  } catch (err) {
    if (err instanceof BackendUnavailable) throw new UsageError(err.message, 'analyze');
    throw err;
  }
}

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, SPEC, 'analyze');
  const colors = colorsFor(io.stderr, io, args.flags.has('no-color'));
  const [topicArg, ...paths] = args.positionals;
  if (topicArg === undefined || !(TOPICS as readonly string[]).includes(topicArg)) throw new UsageError(`expected one of: ${TOPICS.join(', ')}`, 'analyze');
  const topic = topicArg as Topic;
  const output = args.strings.get('output');
  if (output !== undefined && topic !== 'attack') throw new UsageError('-o/--output is for analyze attack (the others print to stdout)', 'analyze');
  if (topic !== 'fields' && (args.strings.has('target') || args.lists.has('pipeline'))) throw new UsageError('-t and -p are for analyze fields', 'analyze');
  const found = discoverOrFail('analyze', paths, io);
  if (output !== undefined) refuseOutputsOverInputs('analyze', [output], paths, io.cwd);
  // Resolve the backend before reading rules: a bad -t or -p is a usage error whatever the rules hold.
  const fieldTarget = topic === 'fields' ? await targetBackend(args.strings.get('target')) : undefined;
  const resolved = fieldTarget ? resolvePipelineArgs(args.lists.get('pipeline') ?? [], new Map([[fieldTarget.target, fieldTarget.backend]]), io) : undefined;
  const userPipelines = resolved && fieldTarget ? { pipelines: resolved.perTarget.get(fieldTarget.target) ?? [], diagnostics: resolved.diagnostics } : undefined;

  const loaded = await loadRules(found.files, io);
  const rules = loaded.collection.rules;
  const diagnostics = [...found.diagnostics, ...loaded.collection.diagnostics, ...(userPipelines?.diagnostics ?? [])];
  let writeError: string | undefined;

  if (topic === 'attack') {
    const layer = `${JSON.stringify(attackLayer(rules, args.strings.get('name') ?? 'sigmats rules'), null, 2)}\n`;
    if (output === undefined) io.stdout.write(layer);
    else {
      writeError = tryWriteOutputFile(resolve(io.cwd, output), layer);
      if (writeError) io.stderr.write(`sigmats analyze: error: ${writeError}\n`);
      else io.stderr.write(`wrote ATT&CK Navigator layer ${output} (${rules.length} rules)\n`);
    }
  } else if (topic === 'logsource') {
    const counts = logsourceCounts(rules);
    if (args.flags.has('json')) for (const c of counts) io.stdout.write(`${JSON.stringify(c)}\n`);
    else io.stdout.write(table([['RULES', 'PRODUCT', 'CATEGORY', 'SERVICE'], ...counts.map((c) => [String(c.rules), c.product ?? '-', c.category ?? '-', c.service ?? '-'])]));
  } else {
    const { target, backend } = fieldTarget!;
    const defaults = args.flags.has('no-default-pipelines') ? [] : backend.pipelines.filter((p) => backend.defaultPipelines.includes(p.name)).map((p) => p.pipeline);
    const { perRule, diagnostics: pipelineDiags } = fieldsAfterPipelines(rules, backend, [...defaults, ...(userPipelines?.pipelines ?? [])], await fieldNamer(target));
    diagnostics.push(...pipelineDiags);
    const totals = new Map<string, number>();
    for (const r of perRule) for (const f of r.fields) totals.set(f, (totals.get(f) ?? 0) + 1);
    const sortedTotals = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    if (args.flags.has('json')) {
      for (const r of perRule) io.stdout.write(`${JSON.stringify({ type: 'rule', target, ...r })}\n`);
      io.stdout.write(`${JSON.stringify({ type: 'totals', target, rules: perRule.length, fields: Object.fromEntries(sortedTotals) })}\n`);
    } else {
      for (const r of perRule) io.stdout.write(`${r.file}: ${r.title} (${r.rule})\n${r.fields.map((f) => `  ${f}`).join('\n')}${r.fields.length ? '\n' : ''}`);
      io.stdout.write(`\nfields the ${target} queries read (after its pipelines and field naming), by number of rules:\n`);
      io.stdout.write(table(sortedTotals.map(([f, n]) => [String(n), f])));
    }
  }
  printDiagnostics(diagnostics, io.stderr, colors);
  return countSeverities(diagnostics).errors > 0 || writeError !== undefined ? EXIT_FAILED : EXIT_OK;
}
