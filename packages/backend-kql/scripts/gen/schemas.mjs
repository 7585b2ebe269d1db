// Table schemas from Microsoft's documentation: Defender XDR advanced-hunting table pages, Azure Monitor table
// references, ASIM schema pages. One row per documented column, citing file:line.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { lines, plain, tables } from './vendor.mjs';

const KUSTO_TYPES = new Set(['string', 'int', 'long', 'real', 'bool', 'datetime', 'timespan', 'guid', 'dynamic', 'decimal']);

/** Defender XDR: every `advanced-hunting-*-table.md`, table name = the page's `# Title`. */
export function defenderSchemas(dir) {
  const rel = 'defender-docs/defender-xdr';
  const files = readdirSync(join(dir, rel)).filter((f) => /^advanced-hunting-.*-table\.md$/.test(f)).sort();
  return files.map((f) => {
    const source = `${rel}/${f}`;
    const ls = lines(dir, source);
    const name = ls.find((l) => /^# \w+/.test(l)).slice(2).trim();
    const t = tables(ls).find((x) => x.header[0] === 'column name' && x.header[1] === 'data type');
    if (!t) throw new Error(`${source}: no column table`);
    return { table: name, source, columns: t.rows.map((r) => column(source, r, plain(r.cells[0]), plain(r.cells[1]))) };
  });
}

/** Azure Monitor: the `includes/<table>-include.md` column tables, table name from the page's ms.custom. */
export const AZURE_MONITOR_TABLES = ['SecurityEvent', 'WindowsEvent', 'Event', 'Syslog', 'SigninLogs', 'AuditLogs', 'AzureActivity', 'OfficeActivity', 'AWSCloudTrail'];

export function azureMonitorSchemas(dir) {
  return AZURE_MONITOR_TABLES.map((name) => {
    const source = `azure-reference-other/azure-monitor-ref/tables/includes/${name.toLowerCase()}-include.md`;
    const ls = lines(dir, source);
    const t = tables(ls).find((x) => x.header[0] === 'column' && x.header[1] === 'type');
    if (!t) throw new Error(`${source}: no column table`);
    return { table: name, source, columns: t.rows.map((r) => column(source, r, plain(r.cells[0]), plain(r.cells[1]))) };
  });
}

/** Spellings the pages use for Kusto types (boolean is bool's documented alias). */
const TYPE_ALIASES = { boolean: 'bool', integer: 'int', double: 'real' };

function column(source, row, name, type) {
  const t = TYPE_ALIASES[type.toLowerCase()] ?? type.toLowerCase();
  if (!KUSTO_TYPES.has(t)) throw new Error(`${source}:${row.line}: column ${name} has type '${type}'`);
  return { name, type: t, source: `${source}:${row.line}` };
}

/** ASIM views (the unifying parsers) and the schema page documenting each. */
export const ASIM_VIEWS = [
  { view: 'imProcessCreate', page: 'defender-docs/articles/sentinel/normalization-schema-process-event.md' },
  { view: 'imFileEvent', page: 'defender-docs/articles/sentinel/normalization-schema-file-event.md' },
  { view: 'imRegistry', page: 'defender-docs/articles/sentinel/normalization-schema-registry-event.md' },
  { view: 'imNetworkSession', page: 'defender-docs/articles/sentinel/normalization-schema-network.md' },
  { view: 'imDns', page: 'azure-docs/articles/sentinel/normalization-schema-dns.md' },
  { view: 'imAuthentication', page: 'defender-docs/articles/sentinel/normalization-schema-authentication.md' },
  { view: 'imAuditEvent', page: 'defender-docs/articles/sentinel/normalization-schema-audit.md' },
];

/** ASIM logical types → Kusto types (the schema pages' Type column). Everything else is a string form. */
const ASIM_TYPES = { integer: 'int', int: 'int', long: 'long', 'date/time': 'datetime', datetime: 'datetime', boolean: 'bool', bool: 'bool', dynamic: 'dynamic', real: 'real' };

/**
 * Common fields are only linked from the schema pages (normalization-common-fields.md is not in the snapshot), so
 * their types are assumptions: ASIM documents EventCount as Integer, the time fields as date/time and
 * AdditionalFields as Dynamic; the rest are strings.
 */
const COMMON_TYPES = { EventCount: 'int', EventStartTime: 'datetime', EventEndTime: 'datetime', TimeGenerated: 'datetime', AdditionalFields: 'dynamic' };
/** Columns every Log Analytics function output has, though no schema page lists them. */
const LA_COLUMNS = ['TimeGenerated', '_ResourceId', 'Type'];

export function asimSchemas(dir) {
  return ASIM_VIEWS.map(({ view, page }) => {
    const ls = lines(dir, page);
    const cols = new Map();
    const aliases = [];
    for (const t of tables(ls)) {
      const fi = t.header.indexOf('field');
      const ti = t.header.indexOf('type');
      const ci = t.header.indexOf('class');
      if (t.header[0] === 'class' && t.header[1] === 'fields') {
        // "All common fields": names linked to the (absent) common-fields page.
        for (const r of t.rows) {
          for (const m of r.cells[1].matchAll(/\[(\w+)\]\(normalization-common-fields\.md/g)) {
            const name = m[1];
            if (cols.has(name)) continue;
            cols.set(name, { name, type: COMMON_TYPES[name] ?? 'string', source: `${page}:${r.line}`, assumption: true });
          }
        }
        continue;
      }
      if (fi < 0 || ti < 0) continue;
      for (const r of t.rows) {
        const name = plain(r.cells[fi] ?? '').replace(/\s.*$/, '');
        if (!/^[A-Za-z_]\w*$/.test(name) || name === 'Dvc' && /fields/.test(r.cells[fi])) continue;
        const klass = plain(r.cells[ci] ?? '');
        const type = plain(r.cells[ti] ?? '').toLowerCase();
        if (klass === 'Alias' && type === '') {
          const target = /\[(\w+)\]\(#/.exec(r.cells[r.cells.length - 1] ?? '')?.[1];
          aliases.push({ name, target, source: `${page}:${r.line}` });
          continue;
        }
        if (type === '' || cols.has(name)) continue;
        cols.set(name, { name, type: ASIM_TYPES[type] ?? 'string', source: `${page}:${r.line}` });
      }
    }
    for (const a of aliases) {
      if (cols.has(a.name)) continue;
      const t = a.target ? cols.get(a.target)?.type : undefined;
      cols.set(a.name, { name: a.name, type: t ?? 'string', source: a.source, ...(t ? {} : { assumption: true }) });
    }
    for (const name of LA_COLUMNS) {
      if (!cols.has(name)) cols.set(name, { name, type: COMMON_TYPES[name] ?? 'string', source: page, assumption: true });
    }
    return { table: view, source: page, columns: [...cols.values()] };
  });
}

/** Facts the ASIM schema pages state as tables or lists: EventType values per schema, registry root keys. */
export function schemaPageFacts(dir) {
  const eventTypes = {};
  const schemaOf = { imProcessCreate: 'ProcessEvent', imFileEvent: 'FileEvent', imRegistry: 'RegistryEvent' };
  for (const { view, page } of ASIM_VIEWS) {
    const schema = schemaOf[view];
    if (!schema) continue;
    const ls = lines(dir, page);
    const i = ls.findIndex((l) => /^\|\s*(<a[^>]*><\/a>)?\*\*EventType\*\*/.test(l));
    if (i < 0) throw new Error(`${page}: no EventType row`);
    eventTypes[schema] = [...ls[i].matchAll(/-\s*`(\w+)`/g)].map((m) => ({ value: m[1], source: `${page}:${i + 1}` }));
  }
  const page = 'defender-docs/articles/sentinel/normalization-schema-registry-event.md';
  const rootKeys = [];
  for (const t of tables(lines(dir, page))) {
    if (t.header[0] !== 'normalized key prefix') continue;
    for (const r of t.rows) {
      const to = plain(r.cells[0]);
      if (!to.startsWith('HKEY_')) continue;
      for (const m of r.cells[1].matchAll(/`([^`]+)`/g)) rootKeys.push({ from: m[1], to, source: `${page}:${r.line}` });
    }
  }
  return { eventTypes, rootKeys };
}
