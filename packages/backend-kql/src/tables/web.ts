// imWebSession, ASIM's unifying Web Session parser. Its schema page is not in the vendor snapshot the generator reads
// (../shared/vendor/microsoft), so its fields are transcribed here from Microsoft's page, with its place:
// MicrosoftDocs/azure-docs articles/sentinel/normalization-schema-web.md @ 1030c83953d23fec0cfcee1c846e1a6b5f43200a.
import { decodeColumns, generatedTable } from './generated.js';
import type { KustoType, TableSchema } from './types.js';

/**
 * The page's "HTTP session fields" table, in the generated rows' form (`name` for a string, else `name:type`): Url,
 * its category and original, the HTTP version, method, status code ("Alias to EventResultDetails", a string), content
 * type and format, referrer, user agent (and its alias UserAgent), X-Forwarded-For, request and response times
 * (Integer), HttpHost ("typically based on the HTTP Host header"), and the uploaded file's name, hashes, hash type, size
 * (Long) and content type. "Network session fields": "The fields NetworkRuleName and NetworkRuleNumber are renamed
 * RuleName and RuleNumber".
 */
const HTTP_FIELDS =
  'Url,UrlCategory,UrlOriginal,HttpVersion,HttpRequestMethod,HttpStatusCode,HttpContentType,HttpContentFormat,HttpReferrer,' +
  'HttpUserAgent,UserAgent,HttpRequestXff,HttpRequestTime:int,HttpResponseTime:int,HttpHost,FileName,FileMD5,FileSHA1,FileSHA256,' +
  'FileSHA512,Hash,FileHashType,FileSize:long,FileContentType,RuleName,RuleNumber:int';

/**
 * The columns: "the Web Session schema is a super set of ASIM Network Session schema and all the Network Schema Fields
 * are also included" (the page's "Network session fields"), so imNetworkSession's generated columns and the common
 * fields, then the HTTP fields.
 */
function webColumns(): Record<string, KustoType> {
  const { NetworkRuleName: _name, NetworkRuleNumber: _number, ...network } = generatedTable('imNetworkSession').columns;
  return { ...network, ...decodeColumns(HTTP_FIELDS) };
}

/**
 * Fields the view has no column for but can compute exactly from its columns.
 *
 * - UrlPath and UrlQuery: a web server's Url holds "only the path and parameters part of the URL" (the page's EventType
 *   row, `WebServerSession`); the query is what follows the first `?` up to a `#`, the path what precedes them (RFC 3986
 *   section 3). Microsoft's IIS parser writes exactly that: `Url = iff(csUriQuery == "", csUriStem,
 *   strcat(csUriStem,"?",csUriQuery))` (Azure-Sentinel Parsers/ASimWebSession/Parsers/ASimWebSessionIIS.yaml @
 *   5a4eaa75117bc3be455634e93eb89424e9581af4), and projects the cs* columns away.
 * - RequestUserAgent: a web server's user agent with its placeholder for none taken out. IIS writes "-" for a field
 *   it has no value for ("a hyphen (-) appears as a placeholder", Microsoft's W3C logging page), and the IIS parser
 *   copies csUserAgent into HttpUserAgent as it is (`HttpUserAgent = UserAgent`, UserAgent = csUserAgent), where it
 *   blanks the referrer's (`HttpReferrer = iff ( csReferer == "-", "", csReferer)`): a rule's `cs-user-agent: null`
 *   would otherwise never match a request without one.
 * - RequestHost: the host a request names: HttpHost where the parser fills it, else the destination's name, which
 *   parsers without a Host header give as DstFQDN (a name with a dot, _ASIM_ResolveDstFQDN) or DstHostname (ZscalerZIA:
 *   `DstFQDN = DestinationHostName`; SquidProxy: `invoke _ASIM_ResolveDstFQDN ('FQDN')`). KQL's coalesce skips empty
 *   strings as it skips nulls.
 */
const COMPUTED: Readonly<Record<string, string>> = {
  UrlPath: 'extract(@"^[^?#]*", 0, Url)',
  UrlQuery: 'extract(@"\\?([^#]*)", 1, Url)',
  RequestUserAgent: 'iff(HttpUserAgent == "-", "", HttpUserAgent)',
  RequestHost: 'coalesce(HttpHost, DstFQDN, DstHostname)',
};

/** imWebSession, built on first use (its columns are decoded from imNetworkSession's generated row). */
export function webSessionTable(): TableSchema {
  return { name: 'imWebSession', columns: webColumns(), timeColumn: 'TimeGenerated', computed: COMPUTED };
}
