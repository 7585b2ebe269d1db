import { DATASETS, MACROS } from './datamodels.js';
import { SplError, syntax, unsupported } from './errors.js';
import { compileEval, compileWhere, storable } from './eval.js';
import { decodeSearchString, splitPipes, tokenize, type Token } from './lexer.js';
import { compilePcre, pcreTest } from './pcre.js';
import { compileSearchText, compileSearchTokens } from './search.js';
import { fieldList, parseStats, runStats } from './stats.js';
import { strftime } from './strftime.js';
import { derive, numberOf, textOf, valuesOf, type FieldValue, type Row } from './values.js';

/** One pipeline command: rows in, rows out. Generating commands ignore their input and read the events. */
export type Stage = (rows: readonly Row[], events: readonly Row[]) => Row[];

/** Compile a whole query (a pipeline). */
export function compilePipeline(query: string): Stage[] {
  const tokens = tokenize(query);
  if (tokens.length === 0) syntax('empty query');
  const segs = splitPipes(tokens);
  const stages: Stage[] = [];
  if (tokens[0]!.kind === 'pipe') {
    // `| cmd …`: the first command must be a generating command.
    segs.shift();
    const first = segs.shift();
    if (!first || first.length === 0) syntax('empty command after |', 0);
    stages.push(generating(first));
  } else {
    const first = segs.shift()!;
    if (first[0]?.kind === 'word' && first[0].text === 'search') first.shift();
    stages.push(searchStage(first, true));
  }
  for (const seg of segs) stages.push(...command(seg));
  return stages;
}

export function runPipeline(stages: readonly Stage[], events: readonly Row[]): Row[] {
  let rows: readonly Row[] = events;
  for (const s of stages) rows = s(rows, events);
  return rows as Row[];
}

function searchStage(tokens: readonly Token[], leading: boolean): Stage {
  const pred = compileSearchTokens(tokens);
  return leading ? (_rows, events) => events.filter(pred) : (rows) => rows.filter(pred);
}

function generating(seg: readonly Token[]): Stage {
  const head = seg[0]!;
  if (head.kind !== 'word') syntax(`unexpected '${head.text}' after |`, head.offset);
  switch (head.text) {
    case 'search':
      return searchStage(seg.slice(1), true);
    case 'multisearch':
      return multisearch(seg.slice(1), head.offset);
    case 'tstats':
      return tstats(seg.slice(1), head.offset);
    default:
      if (COMMANDS.has(head.text)) syntax(`'${head.text}' cannot start a search (not a generating command)`, head.offset);
      return unsupported(`generating command '${head.text}'`, head.offset);
  }
}

const COMMANDS = new Set(['where', 'regex', 'eval', 'table', 'fields', 'rename', 'stats', 'bin', 'bucket', 'convert', 'head', 'search']);

function command(seg: readonly Token[]): Stage[] {
  const head = seg[0];
  if (!head) syntax('empty command after |');
  if (head.kind === 'macro') return macro(head);
  if (head.kind !== 'word') syntax(`unexpected '${head.text}' after |`, head.offset);
  const args = seg.slice(1);
  switch (head.text) {
    case 'search':
      return [searchStage(args, false)];
    case 'where': {
      const pred = compileWhere(args);
      return [(rows) => rows.filter(pred)];
    }
    case 'regex':
      return [regexCommand(args, head.offset)];
    case 'eval':
      return [evalCommand(args, head.offset)];
    case 'table':
      return [tableCommand(args)];
    case 'fields':
      return [fieldsCommand(args)];
    case 'rename':
      return [renameCommand(args, head.offset)];
    case 'stats': {
      const spec = parseStats(args, head.offset);
      return [(rows) => runStats(spec, rows)];
    }
    case 'bin':
    case 'bucket':
      return [binCommand(args, head.offset)];
    case 'convert':
      return [convertCommand(args, head.offset)];
    case 'head': {
      const n = args.length === 0 ? 10 : Number(args[0]!.text);
      if (!Number.isInteger(n) || n < 0 || args.length > 1) unsupported('head with options', head.offset);
      return [(rows) => rows.slice(0, n)];
    }
    case 'tstats':
    case 'multisearch':
      return syntax(`${head.text} must be the first command`, head.offset);
    default:
      return unsupported(`command '${head.text}'`, head.offset);
  }
}

// ---------------------------------------------------------------------------------------------- regex

/** regex [<field>=|!=]"<regex>": PCRE, unanchored; default field _raw (Search Reference, regex). */
function regexCommand(args: readonly Token[], offset: number): Stage {
  let field = '_raw';
  let keep = true;
  let reTok: Token | undefined;
  if (args.length === 1 && args[0]!.kind === 'string') reTok = args[0];
  else if (args.length === 3 && (args[0]!.kind === 'word' || args[0]!.kind === 'string') && args[1]!.kind === 'op' && (args[1]!.text === '=' || args[1]!.text === '!=') && args[2]!.kind === 'string') {
    field = args[0]!.inner;
    keep = args[1]!.text === '=';
    reTok = args[2];
  } else syntax('regex expects [<field>=|!=]"<regex>"', offset);
  const re = compilePcre(decodeSearchString(reTok!.inner), reTok!.offset);
  // A row whose field is missing has nothing that matches: `=` drops it and `!=` keeps it (an assumption: the
  // regex documentation does not say).
  return (rows) =>
    rows.filter((r) => {
      let hit = false;
      for (const v of valuesOf(r.get(field))) if (pcreTest(re, textOf(v))) hit = true;
      return keep ? hit : !hit;
    });
}

// ---------------------------------------------------------------------------------------------- eval

/** Split tokens at top-level commas. */
function splitCommas(args: readonly Token[]): Token[][] {
  const parts: Token[][] = [[]];
  let depth = 0;
  for (const t of args) {
    if (t.kind === 'lparen') depth++;
    if (t.kind === 'rparen') depth--;
    if (t.kind === 'comma' && depth === 0) parts.push([]);
    else parts[parts.length - 1]!.push(t);
  }
  return parts;
}

function evalCommand(args: readonly Token[], offset: number): Stage {
  const assigns = splitCommas(args).map((p) => {
    const [name, eq, ...rest] = p;
    if (!name || !eq || eq.kind !== 'op' || eq.text !== '=' || rest.length === 0 || !(name.kind === 'word' || name.kind === 'squote' || name.kind === 'string')) {
      syntax('eval expects <field>=<expression>', name?.offset ?? offset);
    }
    return { field: name.inner, fn: compileEval(rest) };
  });
  return (rows) =>
    rows.map((r) => {
      const out: Row = new Map(r);
      derive(r, out);
      // Each assignment sees the fields the previous ones set.
      for (const a of assigns) {
        const v = storable(a.fn(out));
        if (v === null) out.delete(a.field);
        else out.set(a.field, v);
      }
      return out;
    });
}

// ---------------------------------------------------------------------------------------------- fields

function wildcardName(pattern: string): (name: string) => boolean {
  if (!pattern.includes('*')) return (n) => n === pattern;
  const re = new RegExp('^' + pattern.split('*').map((s) => s.replace(/[\\^$.|?+()[\]{}]/g, '\\$&')).join('(.*)') + '$');
  return (n) => re.test(n);
}

function tableCommand(args: readonly Token[]): Stage {
  const names = fieldList(args);
  if (names.length === 0) syntax('table without fields');
  const tests = names.map(wildcardName);
  return (rows) =>
    rows.map((r) => {
      const out: Row = new Map();
      derive(r, out);
      for (const t of tests) for (const [k, v] of r) if (t(k) && !out.has(k)) out.set(k, v);
      return out;
    });
}

/** fields [+|-] f1, f2: keeping a list also keeps the internal fields _raw and _time (Search Reference, fields). */
function fieldsCommand(args: readonly Token[]): Stage {
  let remove = false;
  let list = args;
  if (args[0]?.kind === 'word' && (args[0].text === '-' || args[0].text === '+')) {
    remove = args[0].text === '-';
    list = args.slice(1);
  }
  const names = fieldList(list);
  if (names.length === 0) syntax('fields without fields');
  const tests = names.map(wildcardName);
  const listed = (k: string): boolean => tests.some((t) => t(k));
  return (rows) =>
    rows.map((r) => {
      const out: Row = new Map();
      derive(r, out);
      for (const [k, v] of r) {
        if (remove ? !listed(k) : listed(k) || k === '_raw' || k === '_time') out.set(k, v);
      }
      return out;
    });
}

/** rename a as b[, …], with `*` wildcards carried over (`X.* as *`). An existing target is replaced. */
function renameCommand(args: readonly Token[], offset: number): Stage {
  const pairs = splitCommas(args).map((p) => {
    if (p.length !== 3 || !(p[1]!.kind === 'word' && /^as$/i.test(p[1]!.text))) syntax('rename expects <field> as <field>', p[0]?.offset ?? offset);
    const from = p[0]!.kind === 'string' ? decodeSearchString(p[0]!.inner) : p[0]!.inner;
    const to = p[2]!.kind === 'string' ? decodeSearchString(p[2]!.inner) : p[2]!.inner;
    if ((from.split('*').length !== to.split('*').length) && to.includes('*')) syntax('rename wildcards must correspond', p[0]!.offset);
    return { from, to };
  });
  return (rows) =>
    rows.map((r) => {
      let cur: Row = r;
      for (const { from, to } of pairs) {
        const out: Row = new Map();
        derive(cur, out);
        const moved = new Map<string, FieldValue>();
        if (!from.includes('*')) {
          for (const [k, v] of cur) if (k !== from && k !== to) out.set(k, v);
          const v = cur.get(from);
          if (v !== undefined) out.set(to, v);
          else if (cur.has(to)) out.set(to, cur.get(to)!);
          cur = out;
          continue;
        }
        const re = new RegExp('^' + from.split('*').map((s) => s.replace(/[\\^$.|?+()[\]{}]/g, '\\$&')).join('(.*)') + '$');
        for (const [k, v] of cur) {
          const m = re.exec(k);
          if (!m) continue;
          let i = 1;
          moved.set(to.replace(/\*/g, () => m[i++] ?? ''), v);
        }
        for (const [k, v] of cur) if (!re.test(k) && !moved.has(k)) out.set(k, v);
        for (const [k, v] of moved) out.set(k, v);
        cur = out;
      }
      return cur;
    });
}

// ---------------------------------------------------------------------------------------------- bin

const UNITS: Readonly<Record<string, number>> = { s: 1, sec: 1, secs: 1, second: 1, seconds: 1, m: 60, min: 60, mins: 60, minute: 60, minutes: 60, h: 3600, hr: 3600, hrs: 3600, hour: 3600, hours: 3600, d: 86400, day: 86400, days: 86400 };

/**
 * bin _time span=<n><unit>: _time (epoch seconds) floored to a multiple of the span, counted from the epoch. Day
 * spans are aligned to midnight UTC (Splunk aligns to the search's time zone: run as a UTC user). Weeks and months,
 * bins= and numeric fields are refused.
 */
function binCommand(args: readonly Token[], offset: number): Stage {
  let field: string | undefined;
  let span: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const t = args[i]!;
    if (t.kind === 'word' && args[i + 1]?.kind === 'op' && args[i + 1]!.text === '=') {
      const v = args[i + 2];
      if (!v) syntax(`${t.text}= without a value`, t.offset);
      if (t.text !== 'span') unsupported(`bin option ${t.text}=`, t.offset);
      const m = /^(\d+(?:\.\d+)?)([a-z]+)?$/.exec(v.inner);
      if (!m) syntax(`bad span ${v.inner}`, v.offset);
      const unit = UNITS[m[2] ?? 's'];
      if (unit === undefined) unsupported(`span unit ${m[2]}`, v.offset);
      span = Number(m[1]) * unit;
      i += 2;
      continue;
    }
    if (t.kind === 'word' && field === undefined) {
      field = t.text;
      continue;
    }
    syntax(`unexpected '${t.text}' in bin`, t.offset);
  }
  if (field === undefined) syntax('bin without a field', offset);
  if (span === undefined || span <= 0) unsupported('bin without span=', offset);
  if (field !== '_time') unsupported('bin on a field other than _time', offset);
  const s = span;
  return (rows) =>
    rows.map((r) => {
      const t = valuesOf(r.get('_time')).map(numberOf)[0];
      if (t === undefined) return r;
      const out: Row = new Map(r);
      derive(r, out);
      out.set('_time', Math.floor(t / s) * s);
      return out;
    });
}

// ---------------------------------------------------------------------------------------------- convert

/** convert [timeformat="…"] ctime(f) [as g] …: epoch seconds -> text (UTC; default format %m/%d/%Y %H:%M:%S). */
function convertCommand(args: readonly Token[], offset: number): Stage {
  let format = '%m/%d/%Y %H:%M:%S';
  const conv: { from: string; to: string }[] = [];
  for (let i = 0; i < args.length; i++) {
    const t = args[i]!;
    if (t.kind === 'word' && t.text === 'timeformat' && args[i + 1]?.text === '=') {
      const v = args[i + 2];
      if (!v || (v.kind !== 'string' && v.kind !== 'word')) syntax('timeformat= without a value', t.offset);
      format = decodeSearchString(v.inner);
      i += 2;
      continue;
    }
    if (t.kind === 'word' && args[i + 1]?.kind === 'lparen') {
      if (t.text !== 'ctime') unsupported(`convert function ${t.text}()`, t.offset);
      const f = args[i + 2];
      if (!f || f.kind !== 'word' || args[i + 3]?.kind !== 'rparen') syntax('ctime(<field>)', t.offset);
      let to = f.text;
      i += 3;
      if (args[i + 1]?.kind === 'word' && /^as$/i.test(args[i + 1]!.text) && args[i + 2]) {
        to = args[i + 2]!.inner;
        i += 2;
      }
      conv.push({ from: f.text, to });
      continue;
    }
    syntax(`unexpected '${t.text}' in convert`, t.offset);
  }
  if (conv.length === 0) syntax('convert without a conversion', offset);
  return (rows) =>
    rows.map((r) => {
      const out: Row = new Map(r);
      derive(r, out);
      for (const c of conv) {
        const n = valuesOf(r.get(c.from)).map(numberOf)[0];
        if (n !== undefined) out.set(c.to, strftime(n, format));
      }
      return out;
    });
}

// ---------------------------------------------------------------------------------------------- macros

function macro(t: Token): Stage[] {
  const m = /^([A-Za-z0-9_]+)(?:\((.*)\))?$/s.exec(t.inner.trim());
  const def = m ? MACROS[m[1]!] : undefined;
  if (!m || !def) return unsupported(`macro \`${t.inner}\` (only published ES Content macros are modelled)`, t.offset);
  const args = m[2] === undefined || m[2].trim() === '' ? [] : m[2].split(',').map((s) => s.trim());
  if (args.length !== def.args.length) syntax(`macro ${m[1]} takes ${def.args.length} argument(s)`, t.offset);
  let text = def.definition;
  def.args.forEach((a, k) => (text = text.replaceAll(`$${a}$`, args[k]!)));
  try {
    return splitPipes(tokenize(text)).map((seg) => command(seg)).flat();
  } catch (e) {
    if (e instanceof SplError) throw new SplError(e.kind, `in macro ${m[1]}: ${e.message}`, t.offset);
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------- multisearch

/** multisearch [ search … ] [ search … ]: each subsearch runs over the events; the results are concatenated. */
function multisearch(args: readonly Token[], offset: number): Stage {
  const subs: Stage[][] = [];
  let i = 0;
  while (i < args.length) {
    if (args[i]!.kind !== 'lbracket') syntax("multisearch expects '[ search … ]'", args[i]!.offset);
    let depth = 0;
    let j = i;
    for (; j < args.length; j++) {
      if (args[j]!.kind === 'lbracket') depth++;
      if (args[j]!.kind === 'rbracket' && --depth === 0) break;
    }
    const inner = args.slice(i + 1, j);
    const segs = splitPipes(inner);
    const first = segs.shift()!;
    if (!(first[0]?.kind === 'word' && first[0].text === 'search')) syntax('a multisearch subsearch must start with search', inner[0]?.offset ?? args[i]!.offset);
    const stages: Stage[] = [searchStage(first.slice(1), true)];
    for (const s of segs) {
      const cmd = command(s);
      stages.push(...cmd);
    }
    subs.push(stages);
    i = j + 1;
  }
  if (subs.length < 2) syntax('multisearch needs at least two subsearches', offset);
  return (_rows, events) => subs.flatMap((stages) => runPipeline(stages, events));
}

// ---------------------------------------------------------------------------------------------- tstats

/**
 * | tstats [options] <aggregates> from datamodel=<Model.Dataset> [where <search terms>] [by <fields>]
 * The dataset's rows are the events its constraint selects (datamodels.ts), with every event field f readable as
 * `<Object>.f` (and _time, host, source, sourcetype as they are). The where clause takes search terms over those
 * names; raw keywords are refused. fillnull_value= fills missing by fields (Search Reference, tstats); without
 * it a row missing a by field is dropped, as in stats.
 */
function tstats(args: readonly Token[], offset: number): Stage {
  const fromAt = args.findIndex((t) => t.kind === 'word' && t.text === 'from');
  if (fromAt < 0) syntax('tstats without from', offset);
  const dmTok = args.slice(fromAt + 1, fromAt + 4);
  if (!(dmTok[0]?.text === 'datamodel' && dmTok[1]?.text === '=' && dmTok[2])) syntax('tstats from expects datamodel=<name>', args[fromAt]!.offset);
  const dmName = dmTok[2].inner;
  const ds = DATASETS.find((d) => d.name === dmName);
  if (!ds) unsupported(`data model ${dmName} (constraints not modelled)`, dmTok[2].offset);
  // Options and aggregates before `from`.
  let fill: string | undefined;
  const aggTokens: Token[] = [];
  const head = args.slice(0, fromAt);
  for (let i = 0; i < head.length; i++) {
    const t = head[i]!;
    if (t.kind === 'word' && head[i + 1]?.kind === 'op' && head[i + 1]!.text === '=') {
      const v = head[i + 2];
      if (!v) syntax(`${t.text}= without a value`, t.offset);
      const value = v.kind === 'string' ? decodeSearchString(v.inner) : v.inner;
      if (t.text === 'fillnull_value') fill = value;
      else if (t.text === 'prestats' || t.text === 'append' || t.text === 'local' || t.text === 'chunk_size' || t.text === 'include_reduced_buckets') {
        if (!(t.text === 'prestats' && /^(f|false|0)$/i.test(value))) unsupported(`tstats ${t.text}=`, t.offset);
      } else if (t.text !== 'summariesonly' && t.text !== 'allow_old_summaries') unsupported(`tstats option ${t.text}=`, t.offset);
      i += 2;
      continue;
    }
    aggTokens.push(t);
  }
  const rest = args.slice(fromAt + 4);
  const whereAt = rest.findIndex((t) => t.kind === 'word' && t.text === 'where');
  const byAt = rest.findIndex((t) => t.kind === 'word' && (t.text === 'by' || t.text === 'BY'));
  if (whereAt > 0 || (whereAt < 0 && byAt !== 0 && rest.length > 0)) syntax('tstats: expected where or by after the data model', rest[0]?.offset);
  const whereTokens = whereAt < 0 ? [] : rest.slice(whereAt + 1, byAt < 0 ? rest.length : byAt);
  const where = whereAt < 0 ? undefined : compileSearchTokens(whereTokens, 'tstats');
  const byTokens = byAt < 0 ? [] : rest.slice(byAt);
  const spec = parseStats([...aggTokens, ...byTokens], offset);
  const constraint = compileSearchText(ds!.constraint);
  const prefix = `${ds!.object}.`;
  return (_rows, events) => {
    const rows: Row[] = [];
    for (const e of events) {
      if (!constraint(e)) continue;
      const r: Row = new Map();
      for (const [k, v] of e) {
        if (k === '_time' || k === 'host' || k === 'source' || k === 'sourcetype' || k === 'index') r.set(k, v);
        if (k !== '_raw') r.set(prefix + k, v);
      }
      if (!where || where(r)) rows.push(r);
    }
    return runStats(spec, rows, fill);
  };
}
