import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { documentKey } from '@sigmats/core';
import type { Backend, ConvertedRule, CorrelationRule, Diagnostic, SigmaCollection, SigmaRule } from '@sigmats/core';
import { parseArgs, UsageError, type OptionSpec } from '../args.js';
import { colorsFor } from '../color.js';
import { EXIT_FAILED, EXIT_OK } from '../exit.js';
import type { CliIo } from '../io.js';
import { loadRules } from '../load.js';
import { uniqueStems } from '../output.js';
import { refuseFolderOverInputs } from '../overwrite.js';
import { BackendUnavailable, loadBackend, type Target } from '../registry.js';
import { countSeverities, printDiagnostics } from '../report.js';
import { attackFromTags } from '../variants/attack.js';
import { fixtureIsFor, readFixturesBeside, type FixtureScan } from '../variants/fixtures.js';
import { ATTACK_DATA_VERSION } from '../variants/attack-data.js';
import { LicenceFinder } from '../variants/licence.js';
import { SiteWriter } from '../variants/site-writer.js';
import { buildPage, techniquePath, type Deployment, type VariantPage } from '../variants/model.js';
import { assumptionsFor, configurationOf, pipelineNames, PLATFORMS } from '../variants/platforms.js';
import { CSS, renderHtml } from '../variants/render-html.js';
import { renderMarkdown } from '../variants/render-md.js';
import { renderAboutHtml, renderCoverageHtml, renderSiteIndexHtml, renderTechniqueHtml, SEARCH_JS, siteStylesheet } from '../variants/render-site-html.js';
import { renderSiteIndexMd, renderTechniqueMd } from '../variants/render-site-md.js';
import { buildSearchIndex, SEARCH_OPTIONS } from '../variants/search-index.js';
import { buildSite, navigatorLayer, UNMAPPED, type SiteModel, type SiteRule } from '../variants/site.js';
import { detectionFields } from '../variants/fixtures.js';
import { version } from '../../package.json';
import { COLOR_OPTION, discoverOrFail } from './common.js';

const SPEC: readonly OptionSpec[] = [
  { name: 'output', short: 'o', type: 'string' },
  { name: 'format', type: 'list', comma: true },
  { name: 'base-url', type: 'string' },
  { name: 'title', type: 'string' },
  COLOR_OPTION,
];

const FORMATS = ['md', 'html', 'json'] as const;
type PageFormat = (typeof FORMATS)[number];

const RENDER: Record<PageFormat, (p: VariantPage) => string> = {
  md: renderMarkdown,
  html: renderHtml,
  json: (p) => `${JSON.stringify(p, null, 2)}\n`,
};

const require = createRequire(import.meta.url);

/** MiniSearch's UMD build (a browser global): its package exports only the module builds, so find it beside them. */
function minisearchBrowserBuild(): string {
  return join(dirname(require.resolve('minisearch')), '..', 'umd', 'index.js');
}

/** The JSON index: the grouped structure the HTML and Markdown indexes show, for other site generators. */
function renderIndexJson(site: SiteModel): string {
  const rule = (r: SiteRule) => ({ title: r.title, dir: r.dir, pages: r.platforms.map((p) => ({ platform: p.name, href: `${r.dir}/${p.id}.json` })) });
  return `${JSON.stringify(
    {
      version: 2,
      rules: site.rules.map(rule),
      tactics: site.tactics.map((t) => ({ id: t.ref.id, name: t.ref.name, techniques: t.techniques })),
      techniques: Object.fromEntries([...site.techniques].map(([id, t]) => [id, { name: t.ref.name, rules: t.rules.map((r) => r.dir) }])),
      unmapped: site.unmapped.map((r) => r.dir),
    },
    null,
    2,
  )}\n`;
}

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, SPEC, 'variants');
  const colors = colorsFor(io.stderr, io, args.flags.has('no-color'));
  const outDir = args.strings.get('output');
  if (outDir === undefined) throw new UsageError('missing -o DIR', 'variants');
  const formats = (args.lists.get('format') ?? [...FORMATS]).map((f) => f.toLowerCase());
  for (const f of formats) if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`unknown page format '${f}' (formats: ${FORMATS.join(', ')})`, 'variants');
  const baseUrl = args.strings.get('base-url');
  if (baseUrl !== undefined && !/^https?:\/\/[^\s"'<>]+$/i.test(baseUrl)) throw new UsageError(`--base-url must be an http(s) URL, not '${baseUrl}'`, 'variants');
  const siteTitle = args.strings.get('title') ?? 'Detections';
  const paths = args.positionals.length > 0 ? args.positionals : existsSync(resolve(io.cwd, 'rules')) ? ['rules/'] : [];
  if (paths.length === 0) throw new UsageError('no PATHS given and there is no rules/ folder here', 'variants');
  const found = discoverOrFail('variants', paths, io);
  refuseFolderOverInputs('variants', outDir, paths, found.files, io.cwd);
  const loaded = await loadRules(found.files, io);
  const diagnostics: Diagnostic[] = [...found.diagnostics, ...loaded.collection.diagnostics];

  // Convert the whole collection once per platform (the query) and once more in the platform's rule format (the
  // download); a rule missing from a platform's result failed there.
  const backends = new Map<Target, Backend>();
  const unavailable = new Map<Target, string>();
  /** One conversion of the collection for a platform: its selected options, or one of its fallbacks. */
  interface PlatformRun {
    readonly format: string;
    readonly byKey: Map<string, ConvertedRule>;
    readonly rules: Map<string, ConvertedRule>;
    readonly ruleExtension: string;
    readonly configuration: string;
    readonly notes: Map<string, string[]>;
    readonly assumptions: (rule: SigmaRule | CorrelationRule) => string[];
  }
  /** A platform's conversions in order: a rule's page shows the first that converted it. */
  const perPlatform = new Map<string, PlatformRun[]>();
  const runFor = (platformId: string, key: string): PlatformRun | undefined => perPlatform.get(platformId)?.find((r) => r.byKey.has(key));
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
    const ruleFormat = backend.formats.find((f) => f.name === platform.ruleFormat.format);
    const runs: PlatformRun[] = [];
    const documents: readonly (SigmaRule | CorrelationRule)[] = [...loaded.collection.rules, ...loaded.collection.correlations];
    const documentKeys = new Set(documents.map(documentKey));
    const servesOnly = new Set(loaded.collection.correlations.filter((c) => !c.generate).flatMap((c) => referencedKeys(loaded.collection, c)));
    // A rule's problems are those of the conversion that served it, or else of the first that tried it; problems of
    // no rule (the collection's) are the first conversion's.
    const general: Diagnostic[] = [];
    const firstTry = new Map<string, Diagnostic[]>();
    const servedBy = new Map<string, Diagnostic[]>();
    for (const choice of [selected, ...(platform.fallbacks ?? []).map((f) => f(backend))]) {
      // A fallback the backend lacks is no page of the platform's, not an error of the run.
      if ('unavailable' in choice) continue;
      const first = runs.length === 0;
      // A conversion's pages are those of the rules it is for (`only`) that no conversion before it served. The first
      // converts the whole collection; a fallback only what is left to it (what was refused, or for no conversion
      // before it), with the rules its correlations refer to: a correlation needs its rules, and a rule that only
      // serves one (generate: false) must not be converted on its own.
      const forChoice = new Map(documents.map((r) => [documentKey(r), choice.only?.(r) ?? true]));
      const mine = (key: string): boolean => !runs.some((run) => run.byKey.has(key)) && (forChoice.get(key) ?? false);
      // A rule that only serves correlations (generate: false) is converted only beside one of them.
      const left = (key: string): boolean => mine(key) && !servesOnly.has(key) && (firstTry.get(key)?.some((d) => d.severity === 'error') ?? true);
      const collection = first ? loaded.collection : withReferences(loaded.collection, new Set([...documentKeys].filter(left)));
      const result = backend.convert(collection, choice.options);
      const byKey = new Map(result.rules.filter((r) => mine(r.key)).map((r) => [r.key, r]));
      const byRule = new Map<string, Diagnostic[]>();
      for (const d of result.diagnostics) {
        if (d.rule === undefined) {
          if (first) general.push(d);
        } else byRule.set(d.rule, [...(byRule.get(d.rule) ?? []), d]);
      }
      for (const r of documents) {
        const key = documentKey(r);
        if (!mine(key)) continue;
        if (!firstTry.has(key)) firstTry.set(key, byRule.get(key) ?? []);
        if (!byKey.has(key)) continue;
        servedBy.set(key, byRule.get(key) ?? []);
        // A served correlation's rules were converted with it: their problems are this conversion's too.
        if (r.kind !== 'correlation') continue;
        for (const k of referencedKeys(loaded.collection, r)) {
          if (servesOnly.has(k) && !servedBy.has(k)) servedBy.set(k, byRule.get(k) ?? []);
        }
      }
      // Problems of another document (a filter) are the first conversion's, as the collection's problems are.
      if (first) for (const [key, ds] of byRule) if (!documentKeys.has(key)) general.push(...ds);
      // Warnings about a rule's conversion are what the page must state as assumptions of its query.
      const notes = new Map<string, string[]>();
      for (const d of result.diagnostics) {
        if (d.severity !== 'warning' || d.rule === undefined || !byKey.has(d.rule)) continue;
        notes.set(d.rule, [...(notes.get(d.rule) ?? []), d.message]);
      }
      const asRules = ruleFormat ? backend.convert(collection, { ...choice.options, format: ruleFormat.name }) : undefined;
      runs.push({
        format: result.format,
        byKey,
        rules: new Map((asRules?.rules ?? []).filter((r) => byKey.has(r.key)).map((r) => [r.key, r])),
        ruleExtension: ruleFormat?.extension ?? 'txt',
        configuration: configurationOf(backend, choice.options),
        notes,
        assumptions: await assumptionsFor(platform.target, pipelineNames(backend, choice.options)),
      });
    }
    const reported = [...general, ...[...firstTry].flatMap(([key, tried]) => servedBy.get(key) ?? tried)];
    diagnostics.push(...reported.map((d) => ({ ...d, message: `${d.message} [${platform.id}]` })));
    perPlatform.set(platform.id, runs);
  }

  const stems = uniqueStems(loaded.files);
  const fixtureScans = new Map<string, FixtureScan>();
  const siteRules: SiteRule[] = [];
  const licences = new LicenceFinder();
  let drlRules = 0;
  let pages = 0;
  const writer = new SiteWriter();
  const writeErrors = writer.errors;
  const write = (path: string, content: string): boolean => writer.write(path, content);
  const site = resolve(io.cwd, outDir);
  const collected = new Map<string, SigmaRule | CorrelationRule>([...loaded.collection.rules, ...loaded.collection.correlations].map((r) => [documentKey(r), r]));
  for (const [file, docs] of loaded.documents) {
    const rules = docs.filter((d): d is SigmaRule | CorrelationRule => d.kind === 'rule' || d.kind === 'correlation');
    let source: string | undefined;
    rules.forEach((rule, n) => {
      const key = documentKey(rule);
      // Filters may have changed the rule; use the collection's version.
      const current = collected.get(key) ?? rule;
      const available = PLATFORMS.filter((p) => runFor(p.id, key) !== undefined);
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
      const dir = `rules/${stems.get(file) ?? 'rule'}${n > 0 ? `-${n + 1}` : ''}`;
      const pageDir = join(site, dir);
      // The portable rule and its fixtures are copied beside the pages, so every link works once published.
      const ruleCopy = file === '-' ? 'rule.yml' : basename(file);
      source ??= readFileSync(resolve(io.cwd, file), 'utf8');
      write(join(pageDir, ruleCopy), source);
      const fixtureCopies = new Map<string, string>();
      for (const f of fixtures) {
        const name = basename(f.file);
        fixtureCopies.set(f.file, name);
        write(join(pageDir, 'fixtures', name), readFileSync(resolve(io.cwd, f.file), 'utf8'));
      }
      const licence = current.kind === 'rule' || current.kind === 'correlation' ? licences.licenceOf(current, resolve(io.cwd, file)) : undefined;
      if (licence?.url?.includes('Detection-Rule-License')) drlRules++;
      for (const platform of available) {
        const conv = runFor(platform.id, key)!;
        const asRule = conv.rules.get(key);
        const download = asRule ? `${platform.id}.rule.${conv.ruleExtension}` : undefined;
        if (asRule && download) write(join(pageDir, download), asRule.output.endsWith('\n') ? asRule.output : `${asRule.output}\n`);
        const deployment: Deployment = {
          configuration: conv.configuration,
          assumptions: [...conv.assumptions(current), ...(conv.notes.get(key) ?? [])],
          ...(download ? { download: { label: platform.ruleFormat.label, href: download } } : {}),
        };
        for (const format of formats as PageFormat[]) {
          const page = buildPage({
            rule: current,
            converted: conv.byKey.get(key)!,
            format: conv.format,
            platform,
            attack,
            siblings: available.filter((p) => p.id !== platform.id),
            fixtures,
            pageDir: dir,
            ruleCopy,
            fixtureCopies,
            pageExtension: format,
            generator: `sigmats ${version}`,
            ...(baseUrl ? { baseUrl } : {}),
            deployment,
            ...(licence ? { licence } : {}),
          });
          if (write(join(pageDir, `${platform.id}.${format}`), RENDER[format](page))) pages++;
        }
      }
      const ls = current.kind === 'rule' ? current.logsource : undefined;
      siteRules.push({
        key,
        title: current.title,
        ...(current.description !== undefined ? { description: current.description.trim() } : {}),
        ...(current.level !== undefined ? { level: current.level } : {}),
        dir,
        platforms: available,
        attack,
        tags: current.tags.map((t) => `${t.namespace}.${t.name}`),
        fields: detectionFields(current),
        logsource: ls ? [ls.product, ls.category, ls.service].filter(Boolean).join(' ') : 'correlation',
      });
    });
  }

  const model = buildSite(siteRules);
  const siteOptions = { title: siteTitle, generator: `sigmats ${version}`, ...(baseUrl ? { baseUrl } : {}) };
  write(join(site, 'attack-layer.json'), `${JSON.stringify(navigatorLayer(model, { name: siteTitle, attackVersion: ATTACK_DATA_VERSION, ...(baseUrl ? { baseUrl } : {}) }), null, 2)}\n`);
  const techniquePages = [...model.techniques.values()].map((t) => ({ id: t.ref.id, ref: t.ref, rules: t.rules }));
  if (model.unmapped.length > 0) techniquePages.push({ id: UNMAPPED, ref: { id: UNMAPPED, url: '' }, rules: [...model.unmapped] });
  if (formats.includes('html')) {
    write(join(site, 'index.html'), renderSiteIndexHtml(model, siteOptions));
    write(join(site, 'coverage.html'), renderCoverageHtml(model, siteOptions));
    write(join(site, 'about.html'), renderAboutHtml(model, siteOptions, drlRules));
    for (const t of techniquePages) write(join(site, techniquePath(t.id, 'html')), renderTechniqueHtml(t, siteOptions));
    write(join(site, 'assets', 'site.css'), siteStylesheet(CSS));
    write(join(site, 'assets', 'search.js'), SEARCH_JS);
    write(join(site, 'assets', 'minisearch.js'), readFileSync(minisearchBrowserBuild(), 'utf8'));
    const index = buildSearchIndex(model, 'html');
    write(join(site, 'assets', 'search-index.js'), `window.SIGMATS_SEARCH = ${JSON.stringify({ options: SEARCH_OPTIONS, index })};\n`);
  }
  if (formats.includes('md')) {
    write(join(site, 'index.md'), renderSiteIndexMd(model, siteTitle));
    for (const t of techniquePages) write(join(site, techniquePath(t.id, 'md')), renderTechniqueMd(t.id, t.rules, siteTitle, t.ref.unknown));
  }
  if (formats.includes('json')) write(join(site, 'index.json'), renderIndexJson(model));

  printDiagnostics(diagnostics, io.stderr, colors);
  for (const m of writeErrors) io.stderr.write(`sigmats variants: error: ${m}\n`);
  const { errors, warnings } = countSeverities(diagnostics);
  const line = `wrote ${pages} page${pages === 1 ? '' : 's'} for ${siteRules.length} rule${siteRules.length === 1 ? '' : 's'} to ${outDir}; ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  io.stderr.write(`${errors > 0 ? colors.red(line) : colors.green(line)}\n`);
  return errors > 0 || writeErrors.length > 0 ? EXIT_FAILED : EXIT_OK;
}

/**
 * The documents `keep` names and every document their correlations refer to, recursively, as a collection (without
 * the collection's own problems, which the first conversion reported).
 */
function withReferences(collection: SigmaCollection, keep: ReadonlySet<string>): SigmaCollection {
  const out = new Set(keep);
  const stack = collection.correlations.filter((c) => keep.has(documentKey(c)));
  for (let c = stack.pop(); c !== undefined; c = stack.pop()) {
    for (const ref of c.rules) {
      const d = collection.byRef.get(ref.ref);
      if (d === undefined || out.has(documentKey(d))) continue;
      out.add(documentKey(d));
      if (d.kind === 'correlation') stack.push(d);
    }
  }
  const has = (d: SigmaRule | CorrelationRule): boolean => out.has(documentKey(d));
  return { ...collection, rules: collection.rules.filter(has), correlations: collection.correlations.filter(has), diagnostics: [] };
}

/** The keys of the documents a correlation refers to (those the collection has). */
function referencedKeys(collection: SigmaCollection, c: CorrelationRule): string[] {
  return c.rules.flatMap((ref) => {
    const d = collection.byRef.get(ref.ref);
    return d ? [documentKey(d)] : [];
  });
}
