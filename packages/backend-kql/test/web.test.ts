import { loadCollection, pipelineFromObject } from '@sigmats/core';
import { describe, expect, it } from 'vitest';
import { kqlBackend } from '../src/index.js';
import { WEB_MAPPINGS } from '../src/pipelines/web.js';
import { sentinelWebPipeline, webSessionTable } from '../src/web.js';
import { convert, whereOf } from './helpers.js';

/** A rule of `category` with `detection` (YAML under `detection:`, indented by 4). */
function webRule(category: string, detection: string, id = '5b4d2a3e-0000-4000-8000-0000000000e1'): string {
  return `title: t\nid: ${id}\nname: r${id.slice(-2)}\nlogsource:\n    category: ${category}\ndetection:\n${detection
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n')}`;
}

function query(yaml: string): string {
  const res = convert(yaml, { pipeline: 'sentinel_asim_web' });
  const where = whereOf(res);
  return where.startsWith('ERROR') ? where : res.rules[0]!.queries[0]!;
}

const SERVER = 'EventType in~ ("WebServerSession", "ApiRequest")';

describe('sentinel_asim_web: web server and proxy rules on imWebSession', () => {
  const table: readonly (readonly [name: string, yaml: string, kql: string])[] = [
    [
      "a web server's query string is the part of Url after the first ?, computed once",
      webRule('webserver', `sel:\n    cs-method: POST\n    cs-uri-query|contains:\n        - 'cmd='\n        - 'exec='\ncondition: sel`),
      `imWebSession\n| extend UrlQuery = extract(@"\\?([^#]*)", 1, Url)\n| where ${SERVER} and HttpRequestMethod =~ "POST" and (UrlQuery contains "cmd=" or UrlQuery contains "exec=")`,
    ],
    [
      'the path is the part before it; the status code is text',
      webRule('webserver', `sel:\n    cs-uri-stem|endswith: '/shell.aspx'\n    sc-status: 200\ncondition: sel`),
      `imWebSession\n| extend UrlPath = extract(@"^[^?#]*", 0, Url)\n| where ${SERVER} and UrlPath endswith "/shell.aspx" and HttpStatusCode == "200"`,
    ],
    [
      "a missing referrer or user agent is empty (IIS writes '-': the parser blanks the referrer's, the view the user agent's)",
      webRule('webserver', `sel:\n    cs-referer: null\n    cs-user-agent: null\n    cs-username|startswith: 'adm'\ncondition: sel`),
      `imWebSession\n| extend RequestUserAgent = iff(HttpUserAgent == "-", "", HttpUserAgent)\n| where ${SERVER} and isempty(HttpReferrer) and isempty(RequestUserAgent) and SrcUsername startswith "adm"`,
    ],
    [
      "a proxy rule reads the intermediary's rows: the full URL, the user agent",
      webRule('proxy', `sel:\n    c-uri|endswith: '/mgmt/tm/util/bash'\n    c-useragent|startswith: 'rclone/v'\n    c-ip: 10.1.2.3\ncondition: sel`),
      'imWebSession\n| where EventType =~ "HTTPsession" and Url endswith "/mgmt/tm/util/bash" and HttpUserAgent startswith "rclone/v" and SrcIpAddr =~ "10.1.2.3"',
    ],
    [
      "a proxy rule's host is the Host header, else the destination's name",
      webRule('proxy', `sel:\n    cs-host|endswith: '.hopto.org'\ncondition: sel`),
      'imWebSession\n| extend RequestHost = coalesce(HttpHost, DstFQDN, DstHostname)\n| where EventType =~ "HTTPsession" and RequestHost endswith ".hopto.org"',
    ],
    [
      'a keyword is refused: it names no column',
      webRule('webserver', `keywords:\n    - '\${jndi:ldap:'\ncondition: keywords`),
      'ERROR pipeline/detection-item-failure: imWebSession keeps the parts of a request as columns (Url, HttpUserAgent, …), and a keyword names none of them: a search of every column would miss what a web log line holds beside them; test the field instead',
    ],
    [
      'a field no parser fills a column with is an error naming the view',
      webRule('proxy', `sel:\n    c-uri-extension: exe\ncondition: sel`),
      "ERROR backend/unmapped-field: field 'c-uri-extension' has no column in imWebSession",
    ],
    [
      "a web server's fields are not a proxy's (cs-uri-stem names no column for a proxy rule)",
      webRule('proxy', `sel:\n    cs-uri-stem: /a\ncondition: sel`),
      "ERROR backend/unmapped-field: field 'cs-uri-stem' has no column in imWebSession",
    ],
  ];
  it.each(table)('%s', (_, yaml, kql) => expect(query(yaml)).toBe(kql));

  it('is offered by name when the backend is given it (a subpath, out of the main entry)', () => {
    expect(kqlBackend().pipelines.map((p) => p.name)).not.toContain('sentinel_asim_web');
    const withWeb = kqlBackend({ pipelines: [sentinelWebPipeline] });
    expect(withWeb.pipelines.map((p) => p.name)).toEqual([...kqlBackend().pipelines.map((p) => p.name), 'sentinel_asim_web']);
  });

  it('other rules are untouched: the pipeline sets no table for them', () => {
    const res = convert(webRule('process_creation', `sel:\n    Image|endswith: '\\\\cmd.exe'\ncondition: sel`), { pipeline: 'sentinel_asim_web' });
    expect(whereOf(res)).toMatch(/^ERROR backend\/unsupported-feature: no KQL table for logsource \(category: process_creation\)/);
  });

  it('every column a mapping reads is a column of the view or one of its computed fields', () => {
    const view = webSessionTable();
    for (const m of WEB_MAPPINGS) {
      for (const column of Object.values(m.fields).flat()) expect(view.columns[column] ?? view.computed?.[column], column).toBeDefined();
      for (const column of Object.keys(m.conditions ?? {})) expect(view.columns[column], column).toBeDefined();
    }
  });

  it("the view's columns: the Network Session schema's with the rule fields renamed, and the HTTP fields", () => {
    const { columns } = webSessionTable();
    expect(columns).toMatchObject({ Url: 'string', HttpStatusCode: 'string', HttpRequestTime: 'int', FileSize: 'long', RuleNumber: 'int', DstPortNumber: 'int', SrcIpAddr: 'string', EventType: 'string' });
    expect(columns['NetworkRuleName']).toBeUndefined();
    expect(columns['NetworkRuleNumber']).toBeUndefined();
  });

  it('a correlation over web server rules reads the view the rules read (its computed fields too)', () => {
    const yaml = [
      webRule('webserver', `sel:\n    cs-uri-query|contains: 'cmd='\ncondition: sel`, '5b4d2a3e-0000-4000-8000-0000000000e1'),
      webRule('webserver', `sel:\n    cs-uri-stem|endswith: '/up.aspx'\ncondition: sel`, '5b4d2a3e-0000-4000-8000-0000000000e2'),
      'title: c\nid: 5b4d2a3e-0000-4000-8000-0000000000e3\ncorrelation:\n    type: temporal\n    rules: [re1, re2]\n    group-by: [SrcIpAddr, UrlPath]\n    timespan: 5m',
    ].join('\n---\n');
    const res = convert(yaml, { pipeline: 'sentinel_asim_web' });
    expect(res.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const correlation = res.rules.find((r) => r.key === '5b4d2a3e-0000-4000-8000-0000000000e3')!.queries[0]!;
    // UrlPath is defined in the first rule's query, and in the second's once more for the group-by.
    expect(correlation).toContain('UrlPath = extract(@"^[^?#]*", 0, Url)');
    expect(correlation).toMatch(/by bin\(TimeGenerated, 5m\), SrcIpAddr, UrlPath/);
  });

  it("a pipeline may give the schema of a table the backend does not know; the backend then checks the rule's fields", () => {
    const custom = pipelineFromObject({
      name: 'custom',
      transformations: [
        { type: 'set_state', key: 'query_table', val: 'MyWebLog_CL' },
        { type: 'set_state', key: 'query_table_schema', val: { name: 'MyWebLog_CL', columns: { Uri: 'string', Status: 'int' }, timeColumn: 'TimeGenerated' } },
      ],
    }, 'custom').pipeline!;
    const backend = kqlBackend();
    const ok = backend.convert(loadCollection([{ text: webRule('webserver', `sel:\n    Status: 404\ncondition: sel`), file: 'a.yml' }]), { noDefaultPipelines: true, pipelines: [custom] });
    expect(ok.rules[0]!.queries).toEqual(['MyWebLog_CL\n| where Status == 404']);
    const bad = backend.convert(loadCollection([{ text: webRule('webserver', `sel:\n    Referer: x\ncondition: sel`), file: 'a.yml' }]), { noDefaultPipelines: true, pipelines: [custom] });
    expect(bad.diagnostics.map((d) => `${d.code}: ${d.message}`)).toEqual(["backend/unmapped-field: field 'Referer' has no column in MyWebLog_CL"]);
    // A schema for another table is not read (the `table` option chose another one).
    const other = backend.convert(loadCollection([{ text: webRule('webserver', `sel:\n    Referer: x\ncondition: sel`), file: 'a.yml' }]), {
      noDefaultPipelines: true,
      pipelines: [custom],
      options: { table: 'Other_CL' },
    });
    expect(other.rules[0]!.queries).toEqual(['Other_CL\n| where Referer =~ "x"']);
  });
});
