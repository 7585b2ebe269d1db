import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { documentKey } from '@sigmats/core';
import type { Backend, ConvertedRule, CorrelationRule, Diagnostic, SigmaRule } from '@sigmats/core';
import { parseArgs, UsageError, type OptionSpec } from '../args.js';
import { colorsFor } from '../color.js';
import { EXIT_FAILED, EXIT_OK } from '../exit.js';
import type { CliIo } from '../io.js';
import { loadRules } from '../load.js';
import { tryWriteFileAtomic, uniqueStems } from '../output.js';
import { BackendUnavailable, loadBackend, type Target } from '../registry.js';
import { countSeverities, printDiagnostics } from '../report.js';
import { attackFromTags } from '../variants/attack.js';
import { fixtureIsFor, readFixturesBeside, type FixtureScan } from '../variants/fixtures.js';
import { buildPage, type VariantPage } from '../variants/model.js';
import { PLATFORMS, type PlatformSpec } from '../variants/platforms.js';
import { escapeHtml, renderHtml } from '../variants/render-html.js';
import { mdText, renderMarkdown } from '../variants/render-md.js';
import { version } from '../../package.json';
import { COLOR_OPTION, discoverOrFail } from './common.js';

const SPEC: readonly OptionSpec[] = [
  { name: 'output', short: 'o', type: 'string' },
  { name: 'format', type: 'list', comma: true },
  COLOR_OPTION,
];

const FORMATS = ['md', 'html', 'json'] as const;
type PageFormat = (typeof FORMATS)[number];

const RENDER: Record<PageFormat, (p: VariantPage) => string> = {
  md: renderMarkdown,
  html: renderHtml,
  json: (p) => `${JSON.stringify(p, null, 2)}\n`,
};

interface IndexEntry {
  readonly title: string;
  readonly dir: string;
  readonly platforms: readonly PlatformSpec[];
}

function renderIndex(entries: readonly IndexEntry[], format: PageFormat): string {
  if (format === 'json') {
    return `${JSON.stringify({ version: 1, rules: entries.map((e) => ({ title: e.title, pages: e.platforms.map((p) => ({ platform: p.name, href: `${e.dir}/${p.id}.json` })) })) }, null, 2)}\n`;
  }
  if (format === 'md') {
    const lines = ['# Detections', ''];
    for (const e of entries) lines.push(`- ${mdText(e.title)}: ${e.platforms.map((p) => `[${mdText(p.name)}](${e.dir}/${p.id}.md)`).join(' · ')}`);
    return `${lines.join('\n')}\n`;
  }
  const items = entries
    .map((e) => `<li><strong>${escapeHtml(e.title)}</strong><br>${e.platforms.map((p) => `<a href="${escapeHtml(`${e.dir}/${p.id}.html`)}">${escapeHtml(p.name)}</a>`).join(' · ')}</li>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Detections</title>
<style>body{font:16px/1.6 system-ui,sans-serif;max-width:960px;margin:0 auto;padding:24px;color:#1d2330}a{color:#1f5fbf;text-decoration:none}li{margin:10px 0}</style>
</head><body><h1>Detections</h1><ul>
${items}
</ul></body></html>
`;
}

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, SPEC, 'variants');
  const colors = colorsFor(io.stderr, io, args.flags.has('no-color'));
  const outDir = args.strings.get('output');
  if (outDir === undefined) throw new UsageError('missing -o DIR', 'variants');
  const formats = (args.lists.get('format') ?? [...FORMATS]).map((f) => f.toLowerCase());
  for (const f of formats) if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`unknown page format '${f}' (formats: ${FORMATS.join(', ')})`, 'variants');
  const paths = args.positionals.length > 0 ? args.positionals : existsSync(resolve(io.cwd, 'rules')) ? ['rules/'] : [];
  if (paths.length === 0) throw new UsageError('no PATHS given and there is no rules/ folder here', 'variants');
  const found = discoverOrFail('variants', paths, io);
  const loaded = await loadRules(found.files, io);
  const diagnostics: Diagnostic[] = [...found.diagnostics, ...loaded.collection.diagnostics];

  // Convert the whole collection once per platform; a rule missing from a platform's result failed there.
  const backends = new Map<Target, Backend>();
  const unavailable = new Map<Target, string>();
  const perPlatform = new Map<string, { format: string; byKey: Map<string, ConvertedRule> }>();
  for (const platform of PLATFORMS) {
    if (unavailable.has(platform.target)) continue;
    let backend = backends.get(platform.target);
    if (!backend) {
      try {
        backend = await loadBackend(platform.target);
        backends.set(platform.target, backend);
      } catch (err) {
        if (!(err instanceof BackendUnavailable)) throw err;
        unavailable.set(platform.target, err.message);
        diagnostics.push({ code: 'cli/usage', severity: 'error', message: err.message, file: '<backends>', line: 0, column: 0 });
        continue;
      }
    }
    const selected = platform.select(backend);
    if ('unavailable' in selected) {
      diagnostics.push({ code: 'cli/usage', severity: 'error', message: `${platform.name}: ${selected.unavailable}`, file: '<backends>', line: 0, column: 0 });
      continue;
    }
    const result = backend.convert(loaded.collection, selected.options);
    diagnostics.push(...result.diagnostics.map((d) => ({ ...d, message: `${d.message} [${platform.id}]` })));
    perPlatform.set(platform.id, { format: result.format, byKey: new Map(result.rules.map((r) => [r.key, r])) });
  }

  const stems = uniqueStems(loaded.files);
  const fixtureScans = new Map<string, FixtureScan>();
  const index: IndexEntry[] = [];
  let pages = 0;
  const writeErrors: string[] = [];
  const write = (path: string, content: string): boolean => {
    const problem = tryWriteFileAtomic(path, content);
    if (problem) writeErrors.push(problem);
    return problem === undefined;
  };
  const collected = new Map<string, SigmaRule | CorrelationRule>([...loaded.collection.rules, ...loaded.collection.correlations].map((r) => [documentKey(r), r]));
  for (const [file, docs] of loaded.documents) {
    const rules = docs.filter((d): d is SigmaRule | CorrelationRule => d.kind === 'rule' || d.kind === 'correlation');
    rules.forEach((rule, n) => {
      const key = documentKey(rule);
      // Filters may have changed the rule; use the collection's version.
      const current = collected.get(key) ?? rule;
      const available = PLATFORMS.filter((p) => perPlatform.get(p.id)?.byKey.has(key));
      if (available.length === 0) return;
      const attack = attackFromTags(current.tags);
      for (const w of attack.warnings) {
        diagnostics.push({ code: 'meta/unknown-attack-id', severity: 'warning', message: w.message, file: w.tag.loc.file, line: w.tag.loc.line, column: w.tag.loc.column, rule: key });
      }
      let scan = fixtureScans.get(file);
      if (!scan) {
        scan = readFixturesBeside(file, io.cwd);
        fixtureScans.set(file, scan);
        for (const pr of scan.problems) diagnostics.push({ code: 'fixture/mismatch', severity: 'warning', message: pr.message, file: pr.file, line: 0, column: 0 });
      }
      const fixtures = scan.fixtures.filter((f) => fixtureIsFor(f, current));
      const dirName = `${stems.get(file) ?? 'rule'}${n > 0 ? `-${n + 1}` : ''}`;
      const pageDir = resolve(io.cwd, outDir, dirName);
      for (const platform of available) {
        const conv = perPlatform.get(platform.id)!;
        for (const format of formats as PageFormat[]) {
          const page = buildPage({
            rule: current,
            converted: conv.byKey.get(key)!,
            format: conv.format,
            platform,
            attack,
            siblings: available.filter((p) => p.id !== platform.id),
            fixtures,
            pageDir,
            cwd: io.cwd,
            pageExtension: format,
            generator: `sigmats ${version}`,
          });
          if (write(join(pageDir, `${platform.id}.${format}`), RENDER[format](page))) pages++;
        }
      }
      index.push({ title: current.title, dir: dirName, platforms: available });
    });
  }
  for (const format of formats as PageFormat[]) write(resolve(io.cwd, outDir, `index.${format}`), renderIndex(index, format));

  printDiagnostics(diagnostics, io.stderr, colors);
  for (const m of writeErrors) io.stderr.write(`sigmats variants: error: ${m}\n`);
  const { errors, warnings } = countSeverities(diagnostics);
  const line = `wrote ${pages} page${pages === 1 ? '' : 's'} for ${index.length} rule${index.length === 1 ? '' : 's'} to ${outDir}; ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  io.stderr.write(`${errors > 0 ? colors.red(line) : colors.green(line)}\n`);
  return errors > 0 || writeErrors.length > 0 ? EXIT_FAILED : EXIT_OK;
}
