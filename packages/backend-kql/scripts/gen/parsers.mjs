// Microsoft's ASIM parsers (Azure-Sentinel/Parsers/ASim*/Parsers/*.yaml): every column assignment of the KQL in
// ParserQuery (project-rename, extend, project), and every datatable (the parsers' value lookups), citing file:line.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { lines } from './vendor.mjs';

const ROOT = 'Azure-Sentinel/Parsers';

/** Tables a parser may read: a line holding only such a name starts a pipeline over it. */
const SOURCE_TABLES = new Set([
  'DeviceProcessEvents', 'DeviceNetworkEvents', 'DeviceFileEvents', 'DeviceRegistryEvents', 'DeviceImageLoadEvents',
  'DeviceEvents', 'DeviceLogonEvents', 'Event', 'WindowsEvent', 'SecurityEvent',
]);

export function parserFiles(dir) {
  return readdirSync(join(dir, ROOT))
    .filter((d) => d.startsWith('ASim'))
    .sort()
    .flatMap((d) => readdirSync(join(dir, ROOT, d, 'Parsers')).filter((f) => f.endsWith('.yaml')).sort().map((f) => `${ROOT}/${d}/Parsers/${f}`));
}

/** `key: value` of a top-level (or once-indented) YAML scalar, unquoted. */
function scalar(ls, key) {
  const re = new RegExp(`^\\s{0,4}${key}:\\s*(.*)$`);
  for (const l of ls) {
    const m = re.exec(l);
    if (m && m[1] !== '' && m[1] !== '|') return m[1].replace(/^["']|["']$/g, '').trim();
  }
  return '';
}

/** The ParserQuery block scalar: [line number, text] pairs (1-based file lines). */
function queryLines(ls) {
  const start = ls.findIndex((l) => /^ParserQuery:\s*\|/.test(l));
  if (start < 0) return [];
  const out = [];
  for (let i = start + 1; i < ls.length; i++) {
    const l = ls[i];
    if (l !== '' && !/^\s/.test(l)) break;
    out.push([i + 1, stripComment(l)]);
  }
  return out;
}

/** Text before a `//` comment that is outside quotes. */
function stripComment(l) {
  let q = '';
  for (let i = 0; i < l.length; i++) {
    const c = l[i];
    if (q) {
      if (c === '\\' && q === '"') i++;
      else if (c === q) q = '';
    } else if (c === '"' || c === "'") q = c;
    else if (c === '/' && l[i + 1] === '/') return l.slice(0, i);
  }
  return l;
}

/** Split `text` at top-level commas (outside brackets and quotes), keeping each piece's offset. */
function splitTop(text) {
  const out = [];
  let depth = 0;
  let q = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '\\' && q === '"') i++;
      else if (c === q) q = '';
      continue;
    }
    if (c === '"' || c === "'") q = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      out.push([start, text.slice(start, i)]);
      start = i + 1;
    }
  }
  out.push([start, text.slice(start)]);
  return out;
}

const OPERATORS = ['project-rename', 'extend', 'project'];
const ASSIGN = /^\s*([A-Za-z_]\w*)\s*=(?!=)\s*([\s\S]*?)\s*$/;

/** Values of a datatable body: string literals (with \\ escapes), numbers, booleans. */
function literals(text) {
  const out = [];
  const re = /"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|\b(true|false)\b|(-?\d+(?:\.\d+)?)/g;
  for (const m of text.matchAll(re)) {
    if (m[1] !== undefined) out.push(m[1].replace(/\\(.)/g, '$1'));
    else if (m[2] !== undefined) out.push(m[2].replace(/\\(.)/g, '$1'));
    else if (m[3] !== undefined) out.push(m[3] === 'true');
    else out.push(Number(m[4]));
  }
  return out;
}

export function parseParser(dir, rel) {
  const ls = lines(dir, rel);
  const parser = scalar(ls, 'ParserName');
  const info = { parser, product: scalar(ls, 'Name'), schema: scalar(ls, 'Schema'), source: rel };
  const q = queryLines(ls);
  const assignments = [];
  const lookups = [];
  let table = '';
  // Names the parser reads out of Windows event data: EventData.X, <Data Name="X">, parse-kv EventData as (X:type, …).
  const eventDataFields = new Set();
  let inKv = false;
  for (const [, text] of q) {
    for (const m of text.matchAll(/EventData\.(\w+)|<Data Name="(\w+)">/g)) eventDataFields.add(m[1] ?? m[2]);
    if (/parse-kv\s+EventData\s+as\s*\(/.test(text)) inKv = true;
    if (inKv) {
      for (const m of text.matchAll(/(\w+)\s*:\s*string/g)) eventDataFields.add(m[1]);
      if (/\)/.test(text.replace(/^.*?as\s*\(/, ''))) inKv = false;
    }
  }
  for (let k = 0; k < q.length; k++) {
    const [line, text] = q[k];
    const t = text.trim();
    const head = /^(\w+)\s*(\||$)/.exec(t);
    if (head && SOURCE_TABLES.has(head[1])) table = head[1];
    // let Name = datatable (cols) [ ... ];
    const dt = /^let\s+(\w+)\s*=\s*datatable\s*\(([^)]*)\)/.exec(t);
    if (dt) {
      const columns = dt[2].split(',').map((c) => c.split(':')[0].trim());
      const rows = [];
      let pending = [];
      let pendingLine = line;
      let opened = false;
      for (let j = k; j < q.length; j++) {
        const [ln, raw] = q[j];
        let body = j === k ? raw.slice(raw.indexOf(')', raw.indexOf('datatable')) + 1) : raw;
        if (!opened) {
          const b = body.indexOf('[');
          if (b < 0) continue;
          opened = true;
          body = body.slice(b + 1);
        }
        const end = body.indexOf(']');
        const vals = literals(end >= 0 ? body.slice(0, end) : body);
        for (const v of vals) {
          if (pending.length === 0) pendingLine = ln;
          pending.push(v);
          if (pending.length === columns.length) {
            rows.push({ values: pending, source: `${rel}:${pendingLine}` });
            pending = [];
          }
        }
        if (end >= 0) {
          k = j;
          break;
        }
      }
      lookups.push({ parser, name: dt[1], columns, rows, source: `${rel}:${line}` });
      continue;
    }
    const op = /^\|\s*(project-rename|extend|project)\b(.*)$/.exec(t);
    if (!op || !OPERATORS.includes(op[1])) continue;
    // The operator's text runs until the next pipe, let, union or closing brace at line start.
    const parts = [[line, op[2]]];
    let j = k + 1;
    for (; j < q.length; j++) {
      const s = q[j][1].trim();
      if (/^(\||let\b|union\b|\}|\)\s*[;{]?$|[A-Za-z_]\w*\s*$)/.test(s) && !/^\)\s*,?$/.test(s)) break;
      parts.push(q[j]);
    }
    k = j - 1;
    // Join with newlines, remembering where each line starts, to give each assignment its line.
    let joined = '';
    const starts = [];
    for (const [ln, s] of parts) {
      starts.push([joined.length, ln]);
      joined += s + '\n';
    }
    for (const [off, piece] of splitTop(joined)) {
      const m = ASSIGN.exec(piece);
      if (!m) continue;
      const lead = off + piece.search(/\S/);
      let ln = line;
      for (const [o, l] of starts) if (o <= lead) ln = l;
      assignments.push({ parser, table, field: m[1], expr: m[2].replace(/\s+/g, ' '), via: op[1], source: `${rel}:${ln}` });
    }
  }
  return { info, assignments, lookups, eventDataFields: [...eventDataFields].sort() };
}

export function allParsers(dir) {
  return parserFiles(dir).map((f) => parseParser(dir, f));
}
