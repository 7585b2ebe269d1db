import { describe, expect, test } from 'vitest';
import {
  CSL_COLUMNS, CSL_DESCRIPTIONS, IIS_MAPPING, IIS_TRANSCRIPTION, W3CIISLOG_COLUMNS, W3CIISLOG_DESCRIPTIONS, W3C_LOGGING_FIELDS, WEB_SCHEMA_FIELDS, ZIA_TRANSCRIPTION,
  ZSCALER_BUILT, ZSCALER_MAPPING, commonSecurityLogRow, kqlTableColumns, parseWebRow, parserColumns, runSteps, sentinelWebPlacements,
  sentinelWebRecords, tableColumnList, w3cIisLogRow, type IisPlacement, type Step, type Transcription, type ZscalerPlacement,
} from '../src/records/index.js';
import { runKql } from '../src/kql/index.js';
import type { EventSource, KqlRecord, KqlType, KqlValue, RawEvent } from '../src/types.js';
import { NEEDS_VENDOR } from '../../core/test/shared-data.js';
import { HAVE_VENDOR, typeFits } from './records-fixtures.js';

const WEB: EventSource = { category: 'webserver' };
const PROXY: EventSource = { category: 'proxy' };

function record(records: readonly KqlRecord[], table: string): Readonly<Record<string, KqlValue>> {
  const r = records.find((x) => x.table === table);
  if (!r) throw new Error(`no ${table} record`);
  return r.row;
}

/** Throws unless every expected column holds exactly its value. */
function expectLanding(row: Readonly<Record<string, KqlValue>>, expected: Readonly<Record<string, KqlValue>>): void {
  for (const [column, value] of Object.entries(expected)) {
    if (!(column in row)) throw new Error(`no column ${column}`);
    expect(row[column], column).toStrictEqual(value);
  }
}

/** imWebSession alone, as the interpreter sees it. */
function view(event: RawEvent, source: EventSource): Record<string, { name: string; columns: Readonly<Record<string, KqlType>>; rows: Readonly<Record<string, KqlValue>>[] }> {
  return { imWebSession: { name: 'imWebSession', columns: kqlTableColumns('imWebSession')!, rows: [record(sentinelWebRecords(event, source), 'imWebSession')] } };
}

// The example line of Microsoft's W3C logging page (w3c-logging.md, "#Fields: date time c-ip cs-username s-ip s-port
// cs-method cs-uri-stem cs-uri-query sc-status cs(User-Agent)"), in Sigma's field names.
const PAGE_EXAMPLE: RawEvent = {
  date: '2002-05-02', time: '17:42:15', 'c-ip': '172.22.255.255', 'cs-username': '-', 's-ip': '172.30.255.255', 's-port': '80', 'cs-method': 'GET',
  'cs-uri-stem': '/images/picture.jpg', 'cs-uri-query': '-', 'sc-status': '200', 'cs-user-agent': 'Mozilla/4.0+(compatible;MSIE+5.5;+Windows+2000+Server)',
};

describe.skipIf(!HAVE_VENDOR)(`IIS: W3C log line -> W3CIISLog -> imWebSession ${NEEDS_VENDOR}`, () => {
  test('the W3C page\'s example line lands in the columns whose descriptions are its fields\'', () => {
    const records = sentinelWebRecords(PAGE_EXAMPLE, WEB);
    expect(records.map((r) => r.table)).toStrictEqual(['W3CIISLog', 'imWebSession']);
    expectLanding(record(records, 'W3CIISLog'), {
      cIP: '172.22.255.255', csUserName: '-', sIP: '172.30.255.255', sPort: 80, csMethod: 'GET', csUriStem: '/images/picture.jpg', csUriQuery: '-',
      scStatus: '200', csUserAgent: 'Mozilla/4.0+(compatible;MSIE+5.5;+Windows+2000+Server)',
      // Fields the line does not carry are logged as "-" (iis-logged-fields); date/time name no documented column.
      csHost: '-', csReferer: '-', csCookie: '-', sSiteName: '-', scSubStatus: '-', csBytes: null, TimeTaken: null, TimeGenerated: null, Type: 'W3CIISLog',
    });
    const v = record(records, 'imWebSession');
    expectLanding(v, {
      // Url = iff(csUriQuery == "", csUriStem, ...) after "-" became "" (ASimWebSessionIIS.yaml:33, :79).
      Url: '/images/picture.jpg', HttpRequestMethod: 'GET', HttpStatusCode: '200', EventResultDetails: '200', EventResult: 'Success', EventSeverity: 'Low',
      SrcIpAddr: '172.22.255.255', IpAddr: '172.22.255.255', Src: '172.22.255.255', Dst: '172.30.255.255', User: '', SrcUsername: '', SrcUsernameType: '',
      HttpUserAgent: 'Mozilla/4.0+(compatible;MSIE+5.5;+Windows+2000+Server)', UserAgent: 'Mozilla/4.0+(compatible;MSIE+5.5;+Windows+2000+Server)',
      HttpReferrer: '', HttpHost: '', DstHostname: '', EventType: 'WebServerSession', EventProduct: 'IIS', EventVendor: 'Microsoft', EventSchemaVersion: '0.2.6',
      EventCount: 1, DvcIdType: 'AzureResourceId', EventOriginalResultDetails: '200.-', Type: 'W3CIISLog',
      // A logged "-" Host header is compared before it is blanked (:64 before :82): DstNatIpAddr is the server address.
      DstNatIpAddr: '172.30.255.255',
    });
    // cs*/sc* columns are projected away (:118, :120) and are no column of the view.
    for (const gone of ['csUriStem', 'csUriQuery', 'scStatus', 'csUserAgent', 'sPort', 'sSiteName', 'TimeTaken']) expect(v, gone).not.toHaveProperty(gone);
  });

  test('the query string joins the stem with "?"; HttpStatusCode is text', () => {
    const event = { 'cs-method': 'POST', 'cs-uri-stem': '/owa/auth.aspx', 'cs-uri-query': 'cmd=whoami&x=1', 'sc-status': 404, 'cs-referer': 'https://evil/', 'cs-username': 'CONTOSO\\bob' };
    const v = record(sentinelWebRecords(event, WEB), 'imWebSession');
    expectLanding(v, {
      Url: '/owa/auth.aspx?cmd=whoami&x=1', HttpStatusCode: '404', EventResult: 'Failure', EventSeverity: 'Informational', HttpReferrer: 'https://evil/',
      User: 'CONTOSO\\bob', SrcUsername: 'CONTOSO\\bob', SrcUsernameType: 'Windows',
    });
    const tables = view(event, WEB);
    expect(runKql('imWebSession | where HttpStatusCode == "404" and Url endswith "?cmd=whoami&x=1"', tables).rows).toHaveLength(1);
    // A number against the string column is the query's error, not a silent miss.
    expect(() => runKql('imWebSession | where HttpStatusCode == 404', tables)).toThrow();
  });

  test.each([
    ['10.0.0.1:8080', { DstIpAddr: '10.0.0.1', DstPortNumber: 8080, HttpHost: 'Shop', DstHostname: 'Shop' }],
    ['[fe80::1]:443', { DstIpAddr: 'fe80::1', DstPortNumber: 443, HttpHost: 'Shop' }],
    ['www.contoso.com', { DstIpAddr: '', DstPortNumber: null, HttpHost: 'www.contoso.com', Hostname: 'www.contoso.com' }],
    // The host pattern [^\\\d:]+ (:87) refuses a name with a digit: the site name stays.
    ['web01.contoso.com:81', { DstIpAddr: '', DstPortNumber: null, HttpHost: 'Shop' }],
    ['-', { DstIpAddr: '', DstPortNumber: null, HttpHost: 'Shop', DstNatIpAddr: '192.0.2.1' }],
  ] as const)('Host header %s', (host, expected) => {
    const v = record(sentinelWebRecords({ 'cs-host': host, 's-sitename': 'Shop', 's-ip': '192.0.2.1' }, WEB), 'imWebSession');
    expectLanding(v, expected);
  });

  test('"Default Web Site" is no host; HTTP/1.1 gives HttpVersion 1.1', () => {
    expectLanding(record(sentinelWebRecords({ 's-sitename': 'Default Web Site', 'cs-version': 'HTTP/1.1' }, WEB), 'imWebSession'), { HttpHost: '', HttpVersion: '1.1' });
  });

  test('a planted mistake is caught: the query string in the stem\'s column', () => {
    const planted: IisPlacement[] = IIS_MAPPING.map((p) => (p.from === 'cs-uri-query' ? { ...p, column: 'csUriStem' } : p));
    expect(iisCitationProblems(planted)).not.toStrictEqual([]);
    // And what it would change: Url would lose the "?" and the stem.
    const good = record(sentinelWebRecords({ 'cs-uri-stem': '/a', 'cs-uri-query': 'b=1' }, WEB), 'imWebSession');
    expect(good['Url']).toBe('/a?b=1');
  });
});

describe.skipIf(!HAVE_VENDOR)(`Zscaler ZIA: web log -> CommonSecurityLog -> imWebSession ${NEEDS_VENDOR}`, () => {
  test('a full URL: the scheme is ApplicationProtocol, the parser puts it back and decodes the rest', () => {
    const event = {
      'c-uri': 'https://evil.example.com/dl/a%20b.exe?x=%2e%2e', 'c-useragent': 'curl/8.4.0', 'cs-method': 'GET', 'cs-host': 'evil.example.com', 'sc-status': 200,
      'cs-referrer': 'https://mail.example.com/', 'cs-username': 'bob@contoso.com', src_ip: '10.1.1.5', dst_ip: '203.0.113.7', 'cs-cookie': 'a=b',
    };
    const records = sentinelWebRecords(event, PROXY);
    expect(records.map((r) => r.table)).toStrictEqual(['CommonSecurityLog', 'imWebSession']);
    expectLanding(record(records, 'CommonSecurityLog'), {
      RequestURL: 'evil.example.com/dl/a%20b.exe?x=%2e%2e', ApplicationProtocol: 'HTTPS', RequestClientApplication: 'curl/8.4.0', RequestMethod: 'GET',
      DestinationHostName: 'evil.example.com', RequestContext: 'https://mail.example.com/', SourceUserName: 'bob@contoso.com', SourceIP: '10.1.1.5',
      DestinationIP: '203.0.113.7', RequestCookies: 'a=b', DeviceVendor: 'Zscaler', DeviceProduct: 'NSSWeblog', Type: 'CommonSecurityLog',
    });
    const v = record(records, 'imWebSession');
    expectLanding(v, {
      Url: 'https://evil.example.com/dl/a b.exe?x=..', NetworkApplicationProtocol: 'HTTPS', HttpUserAgent: 'curl/8.4.0', UserAgent: 'curl/8.4.0',
      HttpRequestMethod: 'GET', HttpStatusCode: '200', EventResultDetails: '200', EventResult: 'Success', HttpReferrer: 'https://mail.example.com/',
      SrcUsername: 'bob@contoso.com', User: 'bob@contoso.com', SrcIpAddr: '10.1.1.5', DstIpAddr: '203.0.113.7',
      DstFQDN: 'evil.example.com', DstHostname: 'evil', DstDomain: 'example.com', DstDomainType: 'FQDN', Hostname: 'evil',
      EventType: 'HTTPsession', EventProduct: 'ZIA Proxy', EventSchemaVersion: '0.2.3', RuleName: '', DvcAction: '', UrlCategory: 'Business Use/',
      EventOriginalResultDetails: 'Allowed',
      // File* (:121) drops FileMD5 and FileHashType that :94 and :119 set: the union's columns hold their defaults.
      FileMD5: '', FileHashType: '', Hash: '',
    });
    expect(parseWebRow('CommonSecurityLog', record(records, 'CommonSecurityLog'))!.row).not.toHaveProperty('FileMD5');
    // Request* columns are projected away: no cookie anywhere in the view.
    expect(Object.values(v)).not.toContain('a=b');
  });

  test('a path with a Host header, a URL without a scheme, a URL from stem and query', () => {
    const path = record(sentinelWebRecords({ 'c-uri': '/s/ref=nb_sb_noss_1', 'cs-host': 'www.amazon.com' }, PROXY), 'imWebSession');
    expect(path['Url']).toBe('http://www.amazon.com/s/ref=nb_sb_noss_1');
    expect(record(sentinelWebRecords({ 'c-uri': 'x.php?l=a.cab' }, PROXY), 'imWebSession')['Url']).toBe('http://x.php?l=a.cab');
    expect(record(sentinelWebRecords({ 'c-uri-stem': '/a.php', 'c-uri-query': 'q=1', 'r-dns': 'h.example' }, PROXY), 'imWebSession')['Url']).toBe('http://h.example/a.php?q=1');
    expect(record(sentinelWebRecords({ 'cs-uri': 'http://h/news.php' }, PROXY), 'imWebSession')['Url']).toBe('http://h/news.php');
    expect(record(sentinelWebRecords({ 'c-uri-extension': 'exe' }, PROXY), 'imWebSession')['Url']).toBe('');
  });

  test('an IP address as host: DstHostnameNotAddr decides DstHostname and DstFQDN', () => {
    expectLanding(record(sentinelWebRecords({ 'cs-host': '198.51.100.4', dst_ip: '198.51.100.4' }, PROXY), 'imWebSession'), { DstHostname: '198.51.100.4', DstFQDN: '', DstDomain: '' });
    // Without the destination address the parser splits the IP text at its dots (:97-101).
    expectLanding(record(sentinelWebRecords({ 'cs-host': '198.51.100.4' }, PROXY), 'imWebSession'), { DstHostname: '198', DstDomain: '51.100.4', DstFQDN: '198.51.100.4' });
  });

  test('status: EventResultDetails from AdditionalExtensions outcome=; none is "" and "Success"', () => {
    expectLanding(record(sentinelWebRecords({ 'sc-status': '403' }, PROXY), 'imWebSession'), { HttpStatusCode: '403', EventResult: 'Failure' });
    expectLanding(record(sentinelWebRecords({ 'c-useragent': 'x' }, PROXY), 'imWebSession'), { HttpStatusCode: '', EventResult: 'Success' });
  });

  test('a planted mistake is caught: the user agent in the referrer\'s column', () => {
    const planted: ZscalerPlacement[] = ZSCALER_MAPPING.map((p) => (p.from === 'c-useragent' ? { ...p, column: 'RequestContext' } : p));
    expect(zscalerCitationProblems(planted)).not.toStrictEqual([]);
    const tables = view({ 'c-useragent': 'Mozilla/5.0 (Sigma)' }, PROXY);
    expect(runKql('imWebSession | where HttpUserAgent == "Mozilla/5.0 (Sigma)"', tables).rows).toHaveLength(1);
    expect(runKql('imWebSession | where HttpReferrer == "Mozilla/5.0 (Sigma)"', tables).rows).toHaveLength(0);
  });
});

// ---------------------------------------------------------------------------------------------- citations

/** Problems of the IIS mapping's citations against the transcribed pages (the column's row, its phrase, the W3C field's row). */
function iisCitationProblems(rows: readonly IisPlacement[]): string[] {
  const problems: string[] = [];
  for (const r of rows) {
    const col = W3CIISLOG_COLUMNS.find(([, , line]) => line === r.line);
    if (!col || col[0] !== r.column) problems.push(`${r.from}: w3ciislog-include.md:${r.line} is not the row of ${r.column}`);
    else if (!(W3CIISLOG_DESCRIPTIONS[r.line] ?? '').includes(r.phrase)) problems.push(`${r.from}: w3ciislog-include.md:${r.line} does not say "${r.phrase}"`);
    const w3c = W3C_LOGGING_FIELDS.find(([, line]) => line === r.w3cLine);
    if (!w3c || w3c[0] !== r.w3c) problems.push(`${r.from}: w3c-logging.md:${r.w3cLine} is not the row of ${r.w3c}`);
    // The Sigma name is the W3C name, except the header fields (iis-sigma-header-fields).
    if (r.from !== r.w3c && r.assumption !== 'iis-sigma-header-fields') problems.push(`${r.from}: not the W3C name ${r.w3c}`);
  }
  const columns = rows.map((r) => r.column);
  if (new Set(columns).size !== columns.length) problems.push('two fields share a column');
  return problems;
}

function zscalerCitationProblems(rows: readonly ZscalerPlacement[]): string[] {
  const problems: string[] = [];
  for (const r of rows) {
    const col = CSL_COLUMNS.find(([, , line]) => line === r.line);
    if (!col || col[0] !== r.column) problems.push(`${r.from}: commonsecuritylog-include.md:${r.line} is not the row of ${r.column}`);
    else if (!(CSL_DESCRIPTIONS[r.line] ?? '').includes(r.phrase)) problems.push(`${r.from}: commonsecuritylog-include.md:${r.line} does not say "${r.phrase}"`);
  }
  // One column per Sigma name (two names may share one: src_ip/c-ip, cs-host/r-dns).
  const plain = rows.filter((r) => ZSCALER_MAPPING.includes(r) || !ZSCALER_BUILT.includes(r));
  for (const r of plain) if (plain.some((o) => o.from === r.from && o.column !== r.column)) problems.push(`${r.from}: two columns`);
  if (plain.some((r) => r.from === 'c-useragent') && !plain.some((r) => r.from === 'c-useragent' && r.column === 'RequestClientApplication')) problems.push('c-useragent is not the user agent column');
  return problems;
}

describe('citations', () => {
  test('every IIS row cites the W3CIISLog line of its column with its phrase, and the W3C page line of its field', () => {
    expect(iisCitationProblems(IIS_MAPPING)).toStrictEqual([]);
    const wrongLine = { ...IIS_MAPPING.find((p) => p.from === 'cs-method')!, line: 22 };
    const wrongPhrase = { ...IIS_MAPPING.find((p) => p.from === 'sc-status')!, phrase: 'Substatus error code.' };
    const wrongW3c = { ...IIS_MAPPING.find((p) => p.from === 'c-ip')!, w3cLine: 27 };
    for (const planted of [wrongLine, wrongPhrase, wrongW3c]) expect(iisCitationProblems([planted]), planted.from).not.toStrictEqual([]);
  });

  test('every Zscaler row cites the CommonSecurityLog line of its column with its phrase', () => {
    expect(zscalerCitationProblems([...ZSCALER_MAPPING, ...ZSCALER_BUILT])).toStrictEqual([]);
    const wrongLine = { ...ZSCALER_MAPPING.find((p) => p.from === 'cs-method')!, line: 149 };
    const wrongPhrase = { ...ZSCALER_MAPPING.find((p) => p.from === 'dst_ip')!, phrase: 'The source that an event refers to' };
    for (const planted of [wrongLine, wrongPhrase]) expect(zscalerCitationProblems([planted]), planted.from).not.toStrictEqual([]);
  });

  test.each([
    ['W3CIISLog', W3CIISLOG_COLUMNS.map(([n, t]) => [n, t] as const)],
    ['CommonSecurityLog', CSL_COLUMNS.map(([n, t]) => [n, t] as const)],
  ] as const)('%s: the transcription is the page\'s column list in page order, one line each', (table, cols) => {
    expect(kqlTableColumns(table)).toStrictEqual(Object.fromEntries(cols));
    const lines = (table === 'W3CIISLog' ? W3CIISLOG_COLUMNS : CSL_COLUMNS).map((c) => c[2]);
    lines.forEach((l, i) => expect(l, String(i)).toBe(lines[0]! + i));
  });
});

// ---------------------------------------------------------------------------------------------- the parser transcriptions

/** Problems of the steps' citations: each inside the parser's query, in file order (a transcription reads it top down). */
function citationProblems(t: Transcription): string[] {
  const problems: string[] = [];
  let last = 0;
  for (const s of t.steps) {
    const at = `${t.parser.path.split('/').at(-1)}:${s.line}`;
    if (s.line < t.parser.firstLine || s.line > t.parser.lastLine) problems.push(`${at} is outside the query (lines ${t.parser.firstLine}-${t.parser.lastLine})`);
    if (s.line < last) problems.push(`${at} comes after line ${last}`);
    last = s.line;
  }
  return problems;
}

// The parsers are not in the vendor snapshot and are not copied into the repository, so no test re-reads their lines:
// each step quotes the one expression it reads, and the interpreter checks the TypeScript reading against it (below).
describe.each([
  ['ASimWebSessionIIS.yaml', IIS_TRANSCRIPTION],
  ['ASimWebSessionzScalerZIA.yaml', ZIA_TRANSCRIPTION],
] as const)('%s transcription', (_file, t) => {
  test('every step cites a line of the parser query, in file order', () => {
    expect(citationProblems(t)).toStrictEqual([]);
    const [first, second] = t.steps;
    expect(citationProblems({ ...t, steps: [second!, first!] })).not.toStrictEqual([]);
    expect(citationProblems({ ...t, steps: [{ ...first!, line: t.parser.lastLine + 1 }] })).not.toStrictEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------- the interpreter runs the parsers' own expressions

/**
 * Expressions the reference interpreter cannot run as written, and why: each is read in TypeScript only.
 * The ASIM helper is no Kusto function; the two mixed-type calls are accepted by Kusto (the parser is deployed) but
 * not by the interpreter, which follows the pages' "All arguments must be of the same type" (coalesce) and gives
 * iff() one branch type.
 */
const NOT_RUN: Readonly<Record<string, string>> = {
  'ASimWebSessionIIS.yaml:35': 'iff() with a dynamic and a string branch',
  'ASimWebSessionIIS.yaml:63': '_ASIM_GetUsernameType is an ASIM helper, not a Kusto function (assumption asim-username-type)',
  'ASimWebSessionIIS.yaml:91': 'coalesce() of a dynamic and a string',
};

const IIS_EVENTS: readonly RawEvent[] = [
  PAGE_EXAMPLE,
  { 'cs-uri-stem': '/a.aspx', 'cs-uri-query': 'x=1', 'sc-status': '500', 'sc-substatus': '0', 'cs-host': '10.0.0.1:8080', 'cs-version': 'HTTP/2', 'time-taken': '15' },
  { 'cs-host': '[fe80::1]:443', 's-sitename': 'Default Web Site', 'cs-referer': 'http://r/', 'cs-username': 'a@b.c' },
  { 'cs-host': 'www.contoso.com', 'sc-status': 'x' },
];
const ZIA_EVENTS: readonly RawEvent[] = [
  { 'c-uri': 'https://evil.example.com/a%20b?x=1', 'cs-host': 'evil.example.com', 'sc-status': 404, 'cs-referrer': 'http://r%2fx', dst_ip: '203.0.113.7' },
  { 'c-uri': '/p', 'cs-host': '198.51.100.4' },
  { 'c-useragent': 'ua' },
];

/** The run of each extend step the interpreter can compute, with the row before it. */
function checkWithInterpreter(t: Transcription, rows: readonly { row: Record<string, KqlValue>; types: Record<string, KqlType> }[]): { checked: Set<string>; problems: string[] } {
  const checked = new Set<string>();
  const problems: string[] = [];
  const file = t.parser.path.split('/').at(-1)!;
  for (const input of rows) {
    runSteps(t, input.row, input.types, (step, before) => {
      if (step.op !== 'extend' || NOT_RUN[`${file}:${step.line}`]) return;
      const tables = { T: { name: 'T', columns: before.types, rows: [before.row] } };
      const got = runKql(`T | project r = ${step.kql}`, tables).rows[0]!['r'];
      const want = step.value(before.row);
      const same = got instanceof Date && want instanceof Date ? got.getTime() === want.getTime() : JSON.stringify(got) === JSON.stringify(want);
      if (!same) problems.push(`${file}:${step.line} ${step.column}: interpreter ${JSON.stringify(got)}, transcription ${JSON.stringify(want)}`);
      checked.add(`${file}:${step.line}`);
    });
  }
  return { checked, problems };
}

describe('the reference interpreter computes what the transcriptions compute, from the parsers\' own text', () => {
  test.each([
    ['ASimWebSessionIIS.yaml', IIS_TRANSCRIPTION, IIS_EVENTS.map((e) => w3cIisLogRow(e)), 'W3CIISLog'],
    ['ASimWebSessionzScalerZIA.yaml', ZIA_TRANSCRIPTION, ZIA_EVENTS.map((e) => commonSecurityLogRow(e)), 'CommonSecurityLog'],
  ] as const)('%s: every extend step but the listed ones', (file, t, rows, table) => {
    const types = kqlTableColumns(table)! as Record<string, KqlType>;
    // One row with a time, so EventStartTime = TimeGenerated - TimeTaken * 1ms is exercised.
    const timed = rows.map((row, i) => ({ row: i === 1 ? { ...row, TimeGenerated: new Date('2024-05-01T10:00:00Z') } : { ...row }, types }));
    const { checked, problems } = checkWithInterpreter(t, timed);
    expect(problems).toStrictEqual([]);
    const extendLines = t.steps.filter((s) => s.op === 'extend').map((s) => `${file}:${s.line}`);
    expect([...checked].sort()).toStrictEqual(extendLines.filter((l) => !NOT_RUN[l]).sort());
  });

  test('every function the transcribed expressions call is one the interpreter runs (or a listed exception)', () => {
    const calls = new Set<string>();
    for (const t of [IIS_TRANSCRIPTION, ZIA_TRANSCRIPTION]) {
      // `x in (...)` is an operator, not a call.
      for (const s of t.steps) if (s.op === 'extend') for (const m of s.kql.matchAll(/([A-Za-z_]\w*)\s*\(/g)) if (m[1] !== 'in') calls.add(m[1]!);
    }
    expect([...calls].sort()).toStrictEqual([
      '_ASIM_GetUsernameType', 'array_slice', 'case', 'coalesce', 'column_ifexists', 'extract', 'extract_all', 'iff', 'int', 'split', 'strcat', 'strcat_array',
      'tobool', 'todatetime', 'toint', 'tolong', 'tolower', 'tostring', 'typeof', 'url_decode',
    ]);
    for (const f of ['array_slice', 'coalesce', 'column_ifexists', 'extract', 'extract_all', 'strcat_array', 'url_decode', 'tolong', 'todatetime', 'tobool']) {
      expect(() => runKql(`print r = ${f === 'column_ifexists' ? 'column_ifexists("x", 1)' : `${f}()`}`, {}), f).not.toThrow(/not supported/);
    }
  });

  test('a transcription that reads an expression differently is caught', () => {
    const url = IIS_TRANSCRIPTION.steps.find((s): s is Extract<Step, { op: 'extend' }> => s.op === 'extend' && s.column === 'Url')!;
    // Planted: the stem and query joined without "?".
    const planted: Transcription = { ...IIS_TRANSCRIPTION, steps: IIS_TRANSCRIPTION.steps.map((s) => (s === url ? { ...url, value: (r) => `${String(r['csUriStem'])}${String(r['csUriQuery'])}` } : s)) };
    const types = kqlTableColumns('W3CIISLog')! as Record<string, KqlType>;
    expect(checkWithInterpreter(planted, [{ row: w3cIisLogRow(IIS_EVENTS[1]!), types }]).problems).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------------------- imWebSession's columns
// (The view rows above and these need the snapshot's Network Session page; the transcriptions do not.)

describe.skipIf(!HAVE_VENDOR)(`imWebSession columns ${NEEDS_VENDOR}`, () => {
  const cols = (): Readonly<Record<string, KqlType>> => kqlTableColumns('imWebSession')!;

  test('the Network Session fields, the Web Session fields (aliases typed as their field) and every parser column', () => {
    const c = cols();
    for (const f of tableColumnList('imNetworkSession')!) expect(c, f.name).toHaveProperty(f.name);
    for (const f of WEB_SCHEMA_FIELDS) expect(c, f.name).toHaveProperty(f.name);
    expectLanding(c as Record<string, KqlValue>, { Url: 'string', HttpStatusCode: 'string', EventResultDetails: 'string', UserAgent: 'string', DstPortNumber: 'int', FileSize: 'long', HttpRequestTime: 'int' });
    for (const table of ['W3CIISLog', 'CommonSecurityLog'] as const) for (const [k, t] of Object.entries(parserColumns(table))) expect(c[k], `${table} ${k}`).toBe(t);
  });

  test('the two parsers agree on the type of every column both make; a page type differs only where it is no Kusto type', () => {
    const iis = parserColumns('W3CIISLog');
    const zia = parserColumns('CommonSecurityLog');
    for (const k of Object.keys(iis)) if (k in zia) expect(zia[k], k).toBe(iis[k]);
    const page = Object.fromEntries(tableColumnList('imNetworkSession')!.map((f) => [f.name, f.type]));
    const differ = Object.keys({ ...iis, ...zia }).filter((k) => k in page && page[k] !== (iis[k] ?? zia[k])).sort();
    // The network page types these "Latitude"/"Longitude"; W3CIISLog's RemoteIPLatitude/Longitude are real.
    expect(differ).toStrictEqual(['SrcGeoLatitude', 'SrcGeoLongitude']);
  });

  test.each([
    ['W3CIISLog', WEB, PAGE_EXAMPLE],
    ['CommonSecurityLog', PROXY, ZIA_EVENTS[0]!],
  ] as const)('a %s row and its view row hold every column, each value of its type', (table, source, event) => {
    for (const r of sentinelWebRecords(event, source)) {
      const types = kqlTableColumns(r.table)!;
      expect(Object.keys(r.row).sort(), r.table).toStrictEqual(Object.keys(types).sort());
      for (const [c, v] of Object.entries(r.row)) expect(typeFits(types[c]!, v), `${r.table}.${c} = ${String(v)}`).toBe(true);
    }
    expect(table).toBe(sentinelWebRecords(event, source)[0]!.table);
  });
});

describe('scope', () => {
  test.each([
    [{ product: 'windows', category: 'process_creation' }],
    [{ product: 'aws', service: 'cloudtrail' }],
    [{ category: 'firewall' }],
    [{ category: 'dns' }],
    [{}],
  ] as const)('logsource %j gives no record', (source) => {
    expect(sentinelWebRecords({ 'c-uri': '/x', 'cs-uri-query': 'a' }, source)).toStrictEqual([]);
    expect(sentinelWebPlacements({ 'c-uri': '/x' }, source)).toStrictEqual([]);
  });

  test('placements: Sigma names with no column land nowhere', () => {
    expect(sentinelWebPlacements({ 'cs-uri-query': 'a', 'cs-content-type': 'x', keywords: 'y' }, WEB)).toStrictEqual([
      { key: 'cs-uri-query', columns: ['csUriQuery'] }, { key: 'cs-content-type', columns: [] }, { key: 'keywords', columns: [] },
    ]);
    expect(sentinelWebPlacements({ 'c-uri': 'x', 'c-uri-extension': 'exe', 'cs-version': '1.1' }, PROXY)).toStrictEqual([
      { key: 'c-uri', columns: ['RequestURL', 'ApplicationProtocol'] }, { key: 'c-uri-extension', columns: [] }, { key: 'cs-version', columns: [] },
    ]);
  });
});
