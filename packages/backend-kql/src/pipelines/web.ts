// Web server and proxy logs on Microsoft Sentinel: ASIM's unifying Web Session parser, imWebSession (tables/web.ts).
// Sigma's webserver and proxy fields are W3C extended log names; each reads the ASIM field Microsoft's parsers fill
// from that part of the request. Fields with no such column stay unmapped: the backend's column check refuses them.
import { webSessionTable } from '../tables/web.js';
import { categoryItems, keywordRefusal, SOURCE_OVERRIDE, tableSchemaItem, type CategoryMapping } from './build.js';

/**
 * The event types of the page's EventType row (normalization-schema-web.md, "Common fields with specific
 * guidelines"): `WebServerSession` "an HTTP request reported by a web server", `ApiRequest` one "reported by an
 * application server", `HTTPsession` one "typically reported by an intermediary device, such as a proxy". A webserver
 * rule is about requests a server received, a proxy rule about requests clients sent through a proxy: without the
 * type, a web server rule's URL test would also match the same URL fetched through the proxy.
 */
const SERVER_TYPES = ['WebServerSession', 'ApiRequest'];

/**
 * What both kinds share. The method, user agent and referrer are the request's headers
 * (HttpRequestMethod "The HTTP Method", HttpUserAgent "The HTTP user agent header", HttpReferrer "The HTTP referrer
 * header"); the status code is HttpStatusCode, text ("Alias to EventResultDetails", a String); the client is
 * SrcIpAddr and its user SrcUsername ("The alias User should refer to the SrcUsername").
 */
const REQUEST_FIELDS = {
  'cs-method': 'HttpRequestMethod',
  'sc-status': 'HttpStatusCode',
  'c-ip': 'SrcIpAddr',
  'cs-username': 'SrcUsername',
} as const;

export const WEB_MAPPINGS: readonly CategoryMapping[] = [
  {
    categories: ['webserver'],
    table: 'imWebSession',
    conditions: { EventType: SERVER_TYPES },
    fields: {
      ...REQUEST_FIELDS,
      // A server's Url is the path and the query (tables/web.ts UrlPath, UrlQuery).
      'cs-uri-stem': 'UrlPath',
      'cs-uri-query': 'UrlQuery',
      // IIS's "-" for no user agent is none (tables/web.ts RequestUserAgent).
      'cs-user-agent': 'RequestUserAgent',
      'cs-referer': 'HttpReferrer',
    },
  },
  {
    categories: ['proxy'],
    table: 'imWebSession',
    conditions: { EventType: 'HTTPsession' },
    fields: {
      ...REQUEST_FIELDS,
      // An intermediary's Url "may include the schema and should include the server name" (the page's Url row).
      'c-uri': 'Url',
      'c-useragent': 'HttpUserAgent',
      'cs-referrer': 'HttpReferrer',
      // The Host header where the parser keeps it, else the destination's name (tables/web.ts RequestHost).
      'cs-host': 'RequestHost',
      // The server the proxy connected to (ZscalerZIA: `DstIpAddr = DestinationIP`).
      dst_ip: 'DstIpAddr',
    },
  },
];

const WEB_SOURCES = [
  { type: 'logsource', category: 'webserver' },
  { type: 'logsource', category: 'proxy' },
];

export const WEB_PIPELINE = {
  name: 'sentinel_asim_web',
  priority: 5,
  allowed_backends: ['kql'],
  // Built on first use (the pipeline is parsed lazily), not when the backend loads.
  get transformations() {
    return [
      SOURCE_OVERRIDE,
      // The backend has no schema of imWebSession (its page is not among the generated ones): the pipeline gives it.
      tableSchemaItem('web_table_schema', webSessionTable(), WEB_SOURCES),
      keywordRefusal(
        'web_keywords',
        'imWebSession keeps the parts of a request as columns (Url, HttpUserAgent, …), and a keyword names none of them: a search of every column would miss what a web log line holds beside them; test the field instead',
        WEB_SOURCES,
      ),
      ...WEB_MAPPINGS.flatMap((m) => categoryItems('web', m, [])),
    ];
  },
};
