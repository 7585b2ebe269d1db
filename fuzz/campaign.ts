// The reliability fuzz campaign (issue 12): seeded mutation of SigmaHQ corpus rules, pipelines, events and CLI
// paths. Each input is checked for crashes (a throw, an internal error, a stack trace), hangs (over 5 s of CPU),
// diagnostics without a line and column, escapes (text from a rule value outside a string literal of the
// emitted query) and partial outputs (temporary files left, files written by a refused run, empty outputs).
// CI runs it bounded (packages/cli/test/fuzz.test.ts); `pnpm fuzz --minutes N` runs it as long as asked.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCollection, parsePipeline } from '@sigmats/core';
import type { Backend, Diagnostic, Pipeline } from '@sigmats/core';
import { compileRuleSet, seededRandom } from '@sigmats/evaluator';
import { discover } from '../packages/cli/src/files.js';
import { memoryIo, run } from '../packages/cli/src/index.js';
import { kqlUnquoted } from '../packages/cli/src/kql-gate.js';
import { loadBackend, TARGETS, type Target } from '../packages/cli/src/registry.js';

export type FindingKind = 'crash' | 'hang' | 'unlocated' | 'escape' | 'partial';

export interface Finding {
  readonly kind: FindingKind;
  readonly input: string;
  readonly detail: string;
  /** Enough to replay: the mutated texts. */
  readonly files: Readonly<Record<string, string>>;
}

export interface FuzzReport {
  readonly seed: number;
  readonly ms: number;
  readonly inputs: number;
  readonly byInput: Readonly<Record<string, number>>;
  readonly counts: Readonly<Record<FindingKind, number>>;
  readonly findings: readonly Finding[];
  /** Slowest input (CPU ms) and what it was. */
  readonly slowest: { readonly ms: number; readonly input: string; readonly files?: Readonly<Record<string, string>> };
}

export const HANG_MS = 5000;
/** A token that must never appear outside a string literal of an emitted query. */
export const CANARY = 'Zq9ESC';

// ---- seeded randomness (the evaluator's seededRandom, mulberry32: a seed replays the same inputs) ----

class Rand {
  constructor(readonly next: () => number) {}
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

// ---- material ----

/** The SigmaHQ corpus beside the repository (or $SIGMAHQ_DIR); undefined when absent. */
export function corpusDir(): string | undefined {
  const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
  const dir = process.env.SIGMAHQ_DIR ?? join(root, '..', 'shared', 'sigmahq');
  return existsSync(dir) ? dir : undefined;
}

function walk(dir: string, out: string[]): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.name.endsWith('.yml')) out.push(p);
  }
}

export function corpusFiles(dir: string): string[] {
  const out: string[] = [];
  for (const d of readdirSync(dir).sort()) if (d.startsWith('rules') && statSync(join(dir, d)).isDirectory()) walk(join(dir, d), out);
  return out.sort();
}

/** Fragments meant to break out of quoting, each carrying the canary. */
const BREAKOUTS = [
  `" or ${CANARY} or "`,
  `' or ${CANARY} or '`,
  `\\" ${CANARY} \\"`,
  `\\' ${CANARY}`,
  `") | ${CANARY} | ("`,
  `') | ${CANARY} | ('`,
  `] ${CANARY} [`,
  `\n| ${CANARY}\n`,
  `\r\n${CANARY}`,
  `\` ${CANARY} \``,
  `\`\`\` ${CANARY} \`\`\``,
  `@" ${CANARY}`,
  `*/ ${CANARY} /*`,
  `// ${CANARY}\n`,
  `$(${CANARY})`,
  `{${CANARY}}`,
  `%00 ${CANARY}`,
  `\\\\" ${CANARY} "`,
  `\u0000${CANARY}`,
  `\u2028${CANARY}\u2029`,
];

/** Bytes and strings that stress parsers and encoders. */
const NASTY = [
  '\\',
  '\\\\',
  '"',
  "'",
  '`',
  '%',
  '%x%',
  '*',
  '?',
  '|',
  '\n',
  '\r',
  '\t',
  '\u0000',
  '\u0085',
  '\u009b',
  '\ufffe',
  '\ud800',
  '\udfff',
  '\u202e',
  '😀',
  'İ',
  '  ',
  ': ',
  '- ',
  '#',
  '&a',
  '*a',
  '!!str ',
  '!!binary ',
  '<<: ',
  '{',
  '}',
  '[',
  ']',
  '9007199254740993',
  '-0',
  '1e309',
  '0x1F',
  'null',
  '~',
  'yes',
  '.inf',
  '2024-01-01',
];

const MODIFIERS = ['contains', 'startswith', 'endswith', 'all', 'windash', 'base64', 'base64offset', 'wide', 'utf16le', 'cased', 'exists', 'neq', 're', 'i', 'm', 's', 'cidr', 'lt', 'gte', 'fieldref', 'expand', 'hour', 'nosuch'];

const FIELDS = ['CommandLine', 'Image', 'ParentImage', 'TargetObject', 'User', 'DestinationIp', 'QueryName', 'TargetFilename', 'EventID', 'Hashes', 'OriginalFileName', 'ScriptBlockText'];

const LOGSOURCES = [
  'category: process_creation\n    product: windows',
  'category: registry_set\n    product: windows',
  'category: network_connection\n    product: windows',
  'category: dns_query\n    product: windows',
  'category: file_event\n    product: windows',
  'product: windows\n    service: security',
  'category: proxy',
  'product: linux\n    service: auditd',
  'category: nosuch',
];

// ---- mutations ----

function mutateText(r: Rand, text: string): string {
  const steps = 1 + r.int(4);
  let s = text;
  for (let k = 0; k < steps; k++) {
    const lines = s.split('\n');
    const i = r.int(Math.max(1, lines.length));
    switch (r.int(9)) {
      case 0: {
        // insert a nasty fragment at a random offset
        const at = r.int(s.length + 1);
        s = s.slice(0, at) + r.pick(NASTY) + s.slice(at);
        break;
      }
      case 1:
        lines.splice(i, 1);
        s = lines.join('\n');
        break;
      case 2:
        lines.splice(i, 0, lines[r.int(lines.length)] ?? '');
        s = lines.join('\n');
        break;
      case 3: {
        // replace a value after `: ` with a breakout
        const line = lines[i] ?? '';
        const c = line.indexOf(': ');
        if (c > 0) lines[i] = `${line.slice(0, c + 2)}${JSON.stringify(r.pick(BREAKOUTS) + r.pick(NASTY))}`;
        s = lines.join('\n');
        break;
      }
      case 4: {
        // add a modifier to a field key
        const line = lines[i] ?? '';
        const m = /^(\s+)([A-Za-z_][\w.]*)((?:\|\w+)*):/.exec(line);
        if (m) lines[i] = `${m[1]}${m[2]}${m[3]}|${r.pick(MODIFIERS)}:${line.slice(m[0].length)}`;
        s = lines.join('\n');
        break;
      }
      case 5: {
        // a long value
        const at = r.int(s.length + 1);
        s = s.slice(0, at) + r.pick(['a', '\\', '%', '*', 'é']).repeat(1 + r.int(20000)) + s.slice(at);
        break;
      }
      case 6: {
        // indentation damage
        lines[i] = r.chance(0.5) ? ` ${lines[i] ?? ''}` : (lines[i] ?? '').replace(/^ /, '');
        s = lines.join('\n');
        break;
      }
      case 7: {
        // condition mutation
        const conds = ['1 of them', 'all of sel*', 'not selection', 'selection and not (filter or x)', '(((selection)))', 'selection | count() > 5', 'selection and', ''];
        s = s.replace(/condition: .*/, `condition: ${r.pick(conds)}`);
        break;
      }
      default: {
        // byte flip inside the text
        if (s.length === 0) break;
        const at = r.int(s.length);
        s = s.slice(0, at) + String.fromCharCode(s.charCodeAt(at) ^ (1 << r.int(7))) + s.slice(at + 1);
      }
    }
  }
  return s;
}

/** A rule whose values carry breakouts with the canary (plain string modifiers only: values stay literals). */
function canaryRule(r: Rand, n: number): string {
  const items: string[] = [];
  const count = 1 + r.int(3);
  for (let i = 0; i < count; i++) {
    const mod = r.pick(['', '|contains', '|startswith', '|endswith', '|contains|all', '|cased', '|windash']);
    const values = Array.from({ length: 1 + r.int(3) }, () => JSON.stringify(`${r.pick(['', 'a', 'C:\\x\\', '*', '?'])}${r.pick(BREAKOUTS)}${r.pick(['', 'z', '\\', '*'])}`));
    items.push(`        ${r.pick(FIELDS.filter((f) => f !== 'EventID' && f !== 'Hashes'))}${mod}:\n${values.map((v) => `            - ${v}`).join('\n')}`);
  }
  if (r.chance(0.3)) items.push(`        ${r.pick(['CommandLine', 'Image', 'User'])}|expand: ${JSON.stringify(`%${r.pick(BREAKOUTS).replace(/%/g, '')}%`)}`);
  const keyword = r.chance(0.3) ? `    keywords:\n        - ${JSON.stringify(r.pick(BREAKOUTS))}\n` : '';
  const cond = keyword ? r.pick(['selection or keywords', 'selection and not keywords']) : 'selection';
  return `title: ${JSON.stringify(`Canary ${n} ${r.pick(NASTY)}`)}
id: ${uuid(r)}
status: test
logsource:
    ${r.pick(LOGSOURCES.slice(0, 7))}
detection:
    selection:
${items.join('\n')}
${keyword}    condition: ${cond}
level: low
`;
}

/**
 * A rule with one wide, self-similar value: long runs of one character between wildcards, `?` blocks, repeated
 * pairs, ladders of growing runs. The events randomEvents builds from it repeat the value, and such pairs made two
 * matchers super-linear (a 5.6 s input; BENCHMARKS.md, "Worst-case values"): the hang bound catches a relapse.
 * Not `|re`: a regular expression of thousands of `.` is known to cost text times pattern in re2js.
 */
function wideRule(r: Rand, n: number): string {
  const width = 2000 + r.int(8000);
  const c = r.pick(['a', 'é', '%', '\\', 'K', '😀']);
  const shapes = [
    () => `*${c.repeat(width / 2)}*${c.repeat(width / 4)}*`,
    () => `C:\\O*%*${c.repeat(width)}*${r.pick(['%', 'a']).repeat(width / 2)}*penSSH`,
    () => `*${`${c}?`.repeat(width / 8)}b*`,
    () => `${`${c}?`.repeat(width / 8)}*`,
    () => `*${'ab'.repeat(width / 4)}c*`,
    () => Array.from({ length: Math.sqrt(width) | 0 }, (_, i) => c.repeat(i + 1)).join('*'),
  ];
  const value = r.pick(shapes)();
  const field = r.pick(['CommandLine', 'Hashes', 'Image', 'ParentImage']);
  const mod = r.pick(['', '|contains', '|startswith', '|endswith', '|contains|all', '|cased', '|contains|windash']);
  const keyword = r.chance(0.3);
  // One line per value (randomEvents reads `Field: value` lines), the rest in flow style.
  return [
    `title: Wide ${n}`,
    `id: ${uuid(r)}`,
    'logsource: { category: process_creation, product: windows }',
    'detection:',
    '    selection:',
    `        ${field}${mod}: ${JSON.stringify(value)}`,
    ...(keyword ? ['    keywords:', `        - ${JSON.stringify(value)}`] : []),
    `    condition: ${keyword ? 'selection or keywords' : 'selection'}`,
    '',
  ].join('\n');
}

function uuid(r: Rand): string {
  const h = () => r.int(16).toString(16);
  const s = (n: number) => Array.from({ length: n }, h).join('');
  return `${s(8)}-${s(4)}-4${s(3)}-8${s(3)}-${s(12)}`;
}

const PIPELINE_ITEMS = [
  () => `  - type: field_name_mapping\n    mapping:\n      CommandLine: [cmd, "a b"]\n      Image: ${JSON.stringify('x' + CANARY)}\n`,
  (r: Rand) => `  - type: replace_string\n    regex: ${JSON.stringify(r.pick(['^(\\w+\\s?)+$', '(a|aa)+$', '(.*a){12}', '\\\\', '(?P<x>.)(?P=x)', 'a(?=b)', '(?i)^c:', '[', '$']))}\n    replacement: ${JSON.stringify(r.pick(['x', '\\1', '\\g<x>', '$1', '%a%', '*']))}\n`,
  (r: Rand) => `  - type: query_expression_placeholders\n    expression: ${JSON.stringify(r.pick(["{field} in~ ((_GetWatchlist('{id}') | project SearchKey))", '[| inputlookup {id} ]', '{field} in ("{id}")', '{field} = {id}']))}\n`,
  () => `  - type: value_placeholders\n`,
  () => `  - type: wildcard_placeholders\n`,
  (r: Rand) => `  - type: add_condition\n    conditions:\n      ${r.pick(['Channel', 'a|re', 'b|contains'])}: ${JSON.stringify(r.pick(BREAKOUTS))}\n`,
  (r: Rand) => `  - type: extract_fields\n    regex: ${JSON.stringify(r.pick(['^(?P<a>(\\w+\\s?)+)$', '(?P<drive>\\w):(?P<rest>.*)', '(?P<a>a)(?=b)']))}\n`,
  () => `  - type: field_name_prefix\n    prefix: "p."\n    field_name_conditions:\n      - type: include_fields\n        mode: re\n        fields: ["^(\\\\w+\\\\s?)+$", "Comm.*"]\n`,
  () => `  - type: set_value\n    value: "${CANARY}\\" or 1"\n    detection_item_conditions:\n      - type: match_string\n        pattern: "^(\\\\w+\\\\s?)+$"\n        cond: any\n`,
  () => `  - type: drop_detection_item\n    field_name_conditions:\n      - type: include_fields\n        fields: [User]\n`,
  () => `  - type: case\n    method: snake_case\n`,
  () => `  - type: hashes_fields\n`,
];

function randomPipeline(r: Rand): string {
  const items = Array.from({ length: 1 + r.int(3) }, () => r.pick(PIPELINE_ITEMS)(r)).join('');
  const post = r.chance(0.3) ? `postprocessing:\n  - type: replace\n    pattern: ${JSON.stringify(r.pick(['(\\w+\\s?)+$', 'x', '(?<=a)b']))}\n    replacement: y\n` : '';
  const vars = `vars:\n  x: [${JSON.stringify(r.pick(BREAKOUTS))}]\n`;
  const text = `name: fuzz\npriority: ${r.int(100)}\n${vars}transformations:\n${items}${post}`;
  return r.chance(0.3) ? mutateText(r, text) : text;
}

function randomEvents(r: Rand, ruleText: string): string {
  const pairs = [...ruleText.matchAll(/^\s+([A-Za-z_][\w.]*)(?:\|[\w|]+)?:\s*(.*)$/gm)].map((m) => [m[1]!, m[2]!.replace(/^['"]|['"]$/g, '')] as const);
  const lines: string[] = [];
  const n = 1 + r.int(30);
  let t = Date.UTC(2026, 0, 1);
  for (let i = 0; i < n; i++) {
    t += r.int(120_000);
    const ev: Record<string, unknown> = { '@timestamp': new Date(t).toISOString() };
    for (const [f, v] of pairs) if (r.chance(0.6)) ev[f] = r.chance(0.2) ? r.pick(NASTY) + v + r.pick(NASTY) : v.replace(/\*/g, r.pick(['', 'x', 'ab']));
    if (r.chance(0.1)) ev.Deep = JSON.parse('['.repeat(200) + ']'.repeat(200));
    if (r.chance(0.05)) ev.Big = 'A'.repeat(16_000);
    let line = JSON.stringify(ev);
    if (r.chance(0.1)) line = mutateText(r, line);
    lines.push(line);
  }
  return lines.join(r.chance(0.1) ? '\r\n' : '\n');
}

// ---- checks ----

/** The part of a query outside its string literals, per target (the canary must not be there). */
export function unquotedText(target: Target, query: string): string {
  if (target === 'kql') return kqlUnquoted(query);
  let out = '';
  let i = 0;
  const quotes = target === 'splunk' ? ['"'] : ['"', "'"];
  while (i < query.length) {
    const c = query[i]!;
    if (quotes.includes(c)) {
      i++;
      while (i < query.length && query[i] !== c) i += query[i] === '\\' ? 2 : 1;
      i++;
      out += ' ';
      continue;
    }
    // Sumo regex literals: `matches /.../`.
    if (target !== 'splunk' && c === '/' && /matches\s*$/.test(query.slice(Math.max(0, i - 12), i))) {
      i++;
      while (i < query.length && query[i] !== '/') i += query[i] === '\\' ? 2 : 1;
      i++;
      out += ' ';
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

function unlocated(diags: readonly Diagnostic[], files: readonly string[]): Diagnostic[] {
  return diags.filter((d) => files.includes(d.file) && (!(d.line >= 1) || !(d.column >= 1)));
}

function isCrashDiag(d: Diagnostic): boolean {
  return d.code === 'internal/error' && !/nested (too deeply|deeper than)/.test(d.message) && !/failed while matching/.test(d.message);
}

// ---- the campaign ----

interface Ctx {
  readonly r: Rand;
  readonly backends: ReadonlyMap<Target, Backend>;
  readonly corpus: readonly string[];
  readonly findings: Finding[];
  readonly dir: string;
  readonly log?: (line: string) => void;
  /** The texts of the input being run, so a hang (known only afterwards) can be replayed. */
  current?: Record<string, string>;
}

function record(ctx: Ctx, kind: FindingKind, input: string, detail: string, files: Record<string, string>): void {
  ctx.log?.(`fuzz finding: ${kind}: ${input}: ${detail.slice(0, 500)}`);
  if (ctx.findings.length < 200) ctx.findings.push({ kind, input, detail: detail.slice(0, 2000), files });
  else ctx.findings.push({ kind, input, detail: detail.slice(0, 200), files: {} });
}

function corpusRule(ctx: Ctx): { name: string; text: string } {
  if (ctx.corpus.length === 0) return { name: 'canary.yml', text: canaryRule(ctx.r, 0) };
  const file = ctx.r.pick(ctx.corpus);
  return { name: file, text: readFileSync(file, 'utf8') };
}

/** Library path: parse, convert with every target (optionally a pipeline), compile and match events. */
function convertEverywhere(ctx: Ctx, input: string, ruleText: string, pipelineText: string | undefined, canary: boolean): void {
  const files = { 'r.yml': ruleText, ...(pipelineText !== undefined ? { 'p.yml': pipelineText } : {}) };
  ctx.current = files;
  const collection = loadCollection([{ text: ruleText, file: 'r.yml' }]);
  const diags: Diagnostic[] = [...collection.diagnostics];
  let pipelines: Pipeline[] = [];
  if (pipelineText !== undefined) {
    const p = parsePipeline(pipelineText, 'p.yml');
    diags.push(...p.diagnostics);
    if (p.pipeline) pipelines = [p.pipeline];
  }
  for (const [target, backend] of ctx.backends) {
    const result = backend.convert(collection, { pipelines });
    diags.push(...result.diagnostics);
    if (!canary) continue;
    for (const rule of result.rules) {
      for (const q of rule.queries) {
        if (unquotedText(target, q).includes(CANARY)) record(ctx, 'escape', `${input} → ${target}`, q, files);
      }
    }
  }
  const set = compileRuleSet(collection);
  diags.push(...set.diagnostics);
  const stream = set.stream();
  for (const line of randomEvents(ctx.r, ruleText).split(/\r?\n/)) {
    let ev: unknown;
    try {
      ev = JSON.parse(line);
    } catch {
      continue;
    }
    if (ev && typeof ev === 'object' && !Array.isArray(ev)) stream.push(ev as Record<string, unknown>);
  }
  stream.end();
  diags.push(...set.takeRuntimeDiagnostics());
  for (const d of diags.filter(isCrashDiag)) record(ctx, 'crash', input, `${d.code}: ${d.message}`, files);
  for (const d of unlocated(diags, ['r.yml', 'p.yml'])) record(ctx, 'unlocated', input, `${d.file}:${d.line}:${d.column} ${d.code}: ${d.message}`, files);
}

const STACK = /^\s+at .*\(.*:\d+:\d+\)$|internal error/m;

/** CLI path: a temp folder, random paths (outputs over inputs, globs, missing files), check what is left on disk. */
async function cliRun(ctx: Ctx, input: string, ruleText: string): Promise<void> {
  const r = ctx.r;
  const dir = mkdtempSync(join(ctx.dir, 'cli-'));
  try {
    mkdirSync(join(dir, 'rules'));
    writeFileSync(join(dir, 'rules', 'a.yml'), ruleText);
    ctx.current = { 'rules/a.yml': ruleText };
    writeFileSync(join(dir, 'rules', 'b.yaml'), canaryRule(r, 1));
    const target = r.pick([...TARGETS, 'all']);
    const inputs = r.pick([['rules/'], ['rules'], ['rules/*.yml'], ['rules/**'], ['rules/a.yml'], ['rules/a.yml', 'rules/a.yml'], ['nosuch/'], ['rules/{a,b}.y*ml'], ['./rules/../rules/']]);
    const output = r.pick([undefined, 'out/', 'out.txt', 'rules/', 'rules', 'rules/a.yml', 'rules/new.yml', 'rules/sub/', './rules/b.yaml', 'out/x/']);
    const format = target === 'kql' ? r.pick([undefined, 'sentinel', 'default']) : target === 'splunk' ? r.pick([undefined, 'savedsearches']) : undefined;
    const cmd = r.pick(['convert', 'convert', 'convert', 'check', 'eval']);
    let argv: string[];
    if (cmd === 'check') argv = ['check', ...(output ? ['--junit', output.endsWith('/') ? `${output}j.xml` : output] : []), ...inputs];
    else if (cmd === 'eval') argv = ['eval', '--rules', ...inputs.slice(0, 1), '-'];
    else argv = ['convert', '-t', target, ...(format ? ['-f', format] : []), ...(output ? ['-o', output] : []), ...inputs];
    const before = snapshot(dir);
    const io = memoryIo({ cwd: dir, stdin: randomEvents(r, ruleText) });
    let code: number;
    try {
      code = await run(argv, io);
    } catch (e) {
      record(ctx, 'crash', `${input}: ${argv.join(' ')}`, (e as Error)?.stack ?? String(e), { 'rules/a.yml': ruleText });
      return;
    }
    if (STACK.test(io.err())) record(ctx, 'crash', `${input}: ${argv.join(' ')}`, io.err(), { 'rules/a.yml': ruleText });
    const after = snapshot(dir);
    const tmp = [...after.keys()].filter((f) => f.endsWith('.tmp'));
    if (tmp.length > 0) record(ctx, 'partial', `${input}: ${argv.join(' ')}`, `temporary files left: ${tmp.join(', ')}`, { 'rules/a.yml': ruleText });
    // What the run read is never replaced.
    const read = new Set(discover(inputs, dir).files.map((f) => relative(dir, resolve(dir, f)).split('\\').join('/')));
    for (const [f, content] of before) {
      if (read.has(f) && after.get(f) !== content) record(ctx, 'partial', `${input}: ${argv.join(' ')}`, `input ${f} changed (exit ${code})`, { 'rules/a.yml': ruleText });
    }
    if (code === 2) {
      const created = [...after.keys()].filter((f) => !before.has(f));
      if (created.length > 0) record(ctx, 'partial', `${input}: ${argv.join(' ')}`, `usage error but files written: ${created.join(', ')}`, { 'rules/a.yml': ruleText });
    }
    // Diagnostics about the rule files carry a position.
    for (const line of io.err().split('\n')) {
      const m = /^(rules\/[^:\s]+)(?::(\d+):(\d+))?: (error|warning) (\S+)/.exec(line);
      if (m && !(Number(m[2]) >= 1 && Number(m[3]) >= 1) && !/^io\/(read-failed|too-large)/.test(m[5]!)) record(ctx, 'unlocated', `${input}: ${argv.join(' ')}`, line, { 'rules/a.yml': ruleText });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (d: string, rel: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      const rp = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) visit(p, rp);
      else out.set(rp, readFileSync(p, 'latin1'));
    }
  };
  visit(dir, '');
  return out;
}

/**
 * Run the campaign for `ms` milliseconds (at least one input of each kind), or, with `inputs`, for exactly that many
 * inputs: the input sequence depends only on the seed, so a finding's `#N ... seed=S` is replayed by S and N + 1.
 */
export async function runCampaign(options: { ms: number; seed: number; inputs?: number; log?: (line: string) => void }): Promise<FuzzReport> {
  const r = new Rand(seededRandom(options.seed));
  const backends = new Map<Target, Backend>();
  for (const t of TARGETS) backends.set(t, await loadBackend(t));
  const corpus = (() => {
    const d = corpusDir();
    return d ? corpusFiles(d) : [];
  })();
  const dir = mkdtempSync(join(tmpdir(), 'sigmats-fuzz-'));
  const ctx: Ctx = { r, backends, corpus, findings: [], dir, ...(options.log ? { log: options.log } : {}) };
  const byInput: Record<string, number> = { rule: 0, pipeline: 0, canary: 0, events: 0, cli: 0, wide: 0 };
  const started = Date.now();
  let inputs = 0;
  let slowest: FuzzReport['slowest'] = { ms: 0, input: '' };
  let lastLog = started;
  const kinds = ['rule', 'rule', 'pipeline', 'canary', 'canary', 'events', 'cli', 'wide'] as const;
  try {
    const more = (): boolean =>
      options.inputs !== undefined ? inputs < options.inputs : inputs < kinds.length || Date.now() - started < options.ms;
    while (more()) {
      const kind = inputs < kinds.length ? kinds[inputs]! : r.pick(kinds);
      const base = corpusRule(ctx);
      const input = `#${inputs} ${kind} seed=${options.seed} ${base.name.replace(/^.*\/rules/, 'rules')}`;
      // CPU time, not wall time: on a shared machine an input may wait for a core for seconds without working.
      const cpu0 = process.cpuUsage();
      ctx.current = {};
      try {
        switch (kind) {
          case 'rule':
            convertEverywhere(ctx, input, mutateText(r, base.text), undefined, false);
            break;
          case 'pipeline':
            convertEverywhere(ctx, input, r.chance(0.5) ? base.text : canaryRule(r, inputs), randomPipeline(r), false);
            break;
          case 'canary':
            // Half the time through a query_expression_placeholders pipeline: placeholder names carry breakouts too.
            convertEverywhere(ctx, input, canaryRule(r, inputs), r.chance(0.5) ? `transformations:\n${PIPELINE_ITEMS[2]!(r)}` : undefined, true);
            break;
          case 'events':
            convertEverywhere(ctx, input, r.chance(0.5) ? base.text : mutateText(r, base.text), undefined, false);
            break;
          case 'cli':
            await cliRun(ctx, input, r.chance(0.5) ? base.text : mutateText(r, base.text));
            break;
          case 'wide':
            convertEverywhere(ctx, input, wideRule(r, inputs), undefined, false);
            break;
        }
      } catch (e) {
        record(ctx, 'crash', input, (e as Error)?.stack ?? String(e), {});
      }
      const used = process.cpuUsage(cpu0);
      const ms = Math.round((used.user + used.system) / 1000);
      if (ms > slowest.ms) slowest = { ms, input, files: ctx.current ?? {} };
      if (ms > HANG_MS) record(ctx, 'hang', input, `${ms} ms CPU`, ctx.current);
      byInput[kind] = (byInput[kind] ?? 0) + 1;
      inputs++;
      if (options.log && Date.now() - lastLog > 60_000) {
        lastLog = Date.now();
        options.log(`fuzz: ${inputs} inputs after ${Math.round((lastLog - started) / 1000)} s, ${ctx.findings.length} findings`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const counts: Record<FindingKind, number> = { crash: 0, hang: 0, unlocated: 0, escape: 0, partial: 0 };
  for (const f of ctx.findings) counts[f.kind]++;
  return { seed: options.seed, ms: Date.now() - started, inputs, byInput, counts, findings: ctx.findings, slowest };
}

/** One line for logs and the closing note. */
export function summary(rep: FuzzReport): string {
  return `fuzz seed ${rep.seed}: ${rep.inputs} inputs in ${Math.round(rep.ms / 1000)} s (${Object.entries(rep.byInput)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}); crashes ${rep.counts.crash}, hangs>5s ${rep.counts.hang}, diagnostics without line:col ${rep.counts.unlocated}, escapes ${rep.counts.escape}, partial outputs ${rep.counts.partial}; slowest input ${rep.slowest.ms} ms CPU`;
}
