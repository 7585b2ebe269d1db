import type { KqlType, RawEvent } from '../types.js';
import { assumption } from './assumptions.js';
import { fullRow, kqlTableColumns } from './columns.js';
import { ZIA_PARSER } from './web-parsers.js';
import {
  at, coalesce, iff, tostring, toint, urlDecode, columnText as s, extendStep as ext, literalStep as lit, renameStep as ren, type Row, type Transcription,
} from './web-kusto.js';
import { text } from './windows.js';

/**
 * Sigma `category: proxy` events taken as Zscaler Internet Access web logs: the ZIA deployment of the ASIM web-session
 * parsers that fills the most Sigma proxy fields (user agent, method, URL, status, destination host, referrer, user;
 * Squid's native log has no user agent). Zscaler sends CEF to Sentinel's CommonSecurityLog, and
 * ASimWebSessionzScalerZIA turns that row into the imWebSession row.
 */

/** One Sigma proxy field -> CommonSecurityLog column, tied by the page's description of the column (`line`). */
export interface ZscalerPlacement {
  readonly from: string;
  readonly column: string;
  readonly line: number;
  readonly phrase: string;
  readonly assumption?: string;
}

const zia = (from: string, column: string, line: number, phrase: string, extra?: string): ZscalerPlacement => ({ from, column, line, phrase, ...(extra ? { assumption: extra } : {}) });

/** Plain copies. The URL columns (RequestURL, ApplicationProtocol) and AdditionalExtensions are built by `zscalerUrl` and `additionalExtensions`. */
export const ZSCALER_MAPPING: readonly ZscalerPlacement[] = [
  zia('c-useragent', 'RequestClientApplication', 145, 'The user agent associated with the request.'),
  zia('cs-method', 'RequestMethod', 148, 'The method used to access a URL.'),
  zia('cs-referrer', 'RequestContext', 146, 'Describes the content from which the request originated, such as the HTTP Referrer.'),
  zia('cs-cookie', 'RequestCookies', 147, 'Cookies associated with the request.'),
  zia('cs-username', 'SourceUserName', 166, 'Identifies the source user by name.'),
  zia('src_ip', 'SourceIP', 155, 'The source that an event refers to in an IP network, as an IPv4 address.'),
  zia('c-ip', 'SourceIP', 155, 'The source that an event refers to in an IP network, as an IPv4 address.'),
  zia('dst_ip', 'DestinationIP', 22, 'The destination IpV4 address that the event refers to in an IP network.'),
  zia('cs-host', 'DestinationHostName', 21, 'The destination that the event refers to in an IP network.', assumption('zia-host-header').id),
  zia('r-dns', 'DestinationHostName', 21, 'The destination that the event refers to in an IP network.', assumption('zia-host-header').id),
];

/** The columns the URL and the AdditionalExtensions text land in, with the page lines describing them. */
export const ZSCALER_BUILT: readonly ZscalerPlacement[] = [
  zia('c-uri', 'RequestURL', 149, 'The URL accessed for an HTTP request', 'zia-requesturl-without-scheme'),
  zia('c-uri', 'ApplicationProtocol', 15, 'The protocol used in the application, such as HTTP, HTTPS', 'zia-requesturl-without-scheme'),
  zia('cs-uri', 'RequestURL', 149, 'The URL accessed for an HTTP request', 'zia-url-from-parts'),
  zia('c-uri-stem', 'RequestURL', 149, 'The URL accessed for an HTTP request', 'zia-url-from-parts'),
  zia('c-uri-query', 'RequestURL', 149, 'The URL accessed for an HTTP request', 'zia-url-from-parts'),
  zia('sc-status', 'AdditionalExtensions', 14, 'A placeholder for additional fields. Fields are logged as key-value pairs.', 'zia-additional-extensions'),
];

export const CSL_TYPES: Readonly<Record<string, KqlType>> = kqlTableColumns('CommonSecurityLog')!;

const first = (event: RawEvent, ...keys: string[]): string => keys.map((k) => text(event[k])).find((v) => v !== '') ?? '';

/** RequestURL and ApplicationProtocol of the event (assumptions `zia-requesturl-without-scheme`, `zia-url-from-parts`). */
export function zscalerUrl(event: RawEvent): { RequestURL: string; ApplicationProtocol: string } {
  assumption('zia-requesturl-without-scheme');
  const host = first(event, 'cs-host', 'r-dns');
  let url = first(event, 'c-uri', 'cs-uri');
  if (url === '') {
    const stem = first(event, 'c-uri-stem');
    const query = first(event, 'c-uri-query');
    if (stem === '' && query === '') return { RequestURL: '', ApplicationProtocol: '' };
    assumption('zia-url-from-parts');
    url = `${stem}${query === '' || query.startsWith('?') ? query : `?${query}`}`;
  }
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(.*)$/s.exec(url);
  if (scheme) return { RequestURL: scheme[2]!, ApplicationProtocol: scheme[1]!.toUpperCase() };
  if (url.startsWith('/') && host !== '') {
    assumption('zia-url-from-parts');
    url = `${host}${url}`;
  }
  return { RequestURL: url, ApplicationProtocol: 'HTTP' };
}

/** AdditionalExtensions as Microsoft's sample lays it out, the status as `outcome` (assumption `zia-additional-extensions`). */
export function additionalExtensions(event: RawEvent): string {
  assumption('zia-additional-extensions');
  return `reason=Allowed;outcome=${first(event, 'sc-status')};cat=Internet Services;rulelabel=None;ruletype=None;urlclass=Business Use;devicemodel=Virtual Machine`;
}

/**
 * The CommonSecurityLog row of a raw proxy event: every documented column (absent string "", other types null), the
 * Zscaler product keys the parser selects on (DeviceVendor "Zscaler", DeviceProduct "NSSWeblog":
 * ASimWebSessionzScalerZIA.yaml:35-36, and the sample record), the mapped fields, Type the table's name. Left out:
 * TimeGenerated, Computer and the other collector/enrichment columns; cs-bytes/sc-bytes (Sigma's descriptions of the
 * two are swapped against W3C's, and no rule reads them); cs-version and c-uri-extension (no column).
 */
export function commonSecurityLogRow(event: RawEvent): Row {
  const row: Row = fullRow('CommonSecurityLog', {});
  row['DeviceVendor'] = 'Zscaler';
  row['DeviceProduct'] = 'NSSWeblog';
  for (const p of ZSCALER_MAPPING) {
    if (p.assumption) assumption(p.assumption);
    const v = text(event[p.from]);
    // Two Sigma names of one column (src_ip/c-ip, cs-host/r-dns): the first given wins.
    if (v !== '' && row[p.column] === '') row[p.column] = v;
  }
  Object.assign(row, zscalerUrl(event));
  row['AdditionalExtensions'] = additionalExtensions(event);
  // Type: "The name of the table" (commonsecuritylog-include.md:175).
  row['Type'] = 'CommonSecurityLog';
  return row;
}

// ---------------------------------------------------------------------------------------------- ASimWebSessionzScalerZIA

/** DvcActionLookup, lines 29-33. */
const DVC_ACTION: Readonly<Record<string, string>> = { Allowed: 'Allow', Blocked: 'Deny' };

/** Lines 66-70 as the regular expression Kusto's simple-mode parse makes of them; no match sets the columns to "". */
const PARSE = /^.*?rulelabel=(.*?);ruletype=(.*?);urlclass=(.*?);devicemodel=.*$/s;

/** extract(regex, 1, AdditionalExtensions, typeof(string)): "" without a match. */
const extract = (re: RegExp, x: string): string => re.exec(x)?.[1] ?? '';

/** ASimWebSessionzScalerZIA.yaml, ParserQuery lines 34-121, one step per line. */
export const ZIA_TRANSCRIPTION: Transcription = {
  parser: ZIA_PARSER,
  steps: [
    { op: 'where', line: 34, kql: 'not(disabled)', keep: () => true },
    { op: 'where', line: 35, kql: 'DeviceVendor == "Zscaler"', keep: (r) => r['DeviceVendor'] === 'Zscaler' },
    { op: 'where', line: 36, kql: 'DeviceProduct == "NSSWeblog"', keep: (r) => r['DeviceProduct'] === 'NSSWeblog' },
    ext(39, 'EventCount', 'int', 'int(1)', () => 1),
    ext(40, 'EventStartTime', 'datetime', 'TimeGenerated', (r) => r['TimeGenerated'] ?? null),
    lit(41, 'EventVendor', '"Zscaler"', 'Zscaler'),
    lit(42, 'EventProduct', '"ZIA Proxy"', 'ZIA Proxy'),
    lit(43, 'EventSchema', '"WebSession"', 'WebSession'),
    lit(44, 'EventSchemaVersion', '"0.2.3"', '0.2.3'),
    lit(45, 'EventType', "'HTTPsession'", 'HTTPsession'),
    ext(46, 'EventEndTime', 'datetime', 'TimeGenerated', (r) => r['TimeGenerated'] ?? null),
    ren(48, 'EventProductVersion', 'DeviceVersion'),
    ren(49, 'NetworkApplicationProtocol', 'ApplicationProtocol'),
    ren(50, 'HttpContentType', 'FileType'),
    ren(51, 'HttpUserAgent', 'RequestClientApplication'),
    ren(52, 'HttpRequestMethod', 'RequestMethod'),
    ren(53, 'DstAppName', 'DestinationServiceName'),
    ren(54, 'DstIpAddr', 'DestinationIP'),
    ren(55, 'DstFQDN', 'DestinationHostName'),
    ren(56, 'SrcIpAddr', 'SourceIP'),
    ren(57, 'SrcUsername', 'SourceUserName'),
    ren(58, 'SrcNatIpAddr', 'SourceTranslatedAddress'),
    ren(59, 'SrcUserDepartment', 'SourceUserPrivileges'),
    ren(60, 'UrlCategory', 'DeviceCustomString2'),
    ren(61, 'ThreatName', 'DeviceCustomString5'),
    ren(62, 'FileMD5', 'DeviceCustomString6'),
    ren(63, 'EventOriginalSeverity', 'LogSeverity'),
    ren(64, 'EventMessage', 'Message'),
    {
      op: 'custom', line: 66, what: 'parse AdditionalExtensions with * "rulelabel=" RuleName:string ";" "ruletype=" ruletype:string ";" "urlclass=" urlclass:string ";" "devicemodel=" *',
      sets: { RuleName: 'string', ruletype: 'string', urlclass: 'string' },
      apply: (r) => {
        const m = PARSE.exec(s(r, 'AdditionalExtensions'));
        return { RuleName: m?.[1] ?? '', ruletype: m?.[2] ?? '', urlclass: m?.[3] ?? '' };
      },
    },
    { op: 'custom', line: 72, what: 'lookup DvcActionLookup on DeviceAction', sets: { DvcAction: 'string' }, apply: (r) => ({ DvcAction: DVC_ACTION[s(r, 'DeviceAction')] ?? '' }) },
    ext(75, 'EventOriginalResultDetails', 'string', `coalesce(\n column_ifexists("Reason", ""),\n extract(@'reason=(.*?)(?:;|$)',1, AdditionalExtensions, typeof(string))\n )`, (r) =>
      tostring(coalesce(s(r, 'Reason'), extract(/reason=(.*?)(?:;|$)/, s(r, 'AdditionalExtensions'))))),
    ext(79, 'EventResultDetails', 'string', `coalesce(\n column_ifexists("EventOutcome", ""),\n extract(@'outcome=(.*?)(?:;|$)',1, AdditionalExtensions, typeof(string))\n )`, (r) =>
      tostring(coalesce(s(r, 'EventOutcome'), extract(/outcome=(.*?)(?:;|$)/, s(r, 'AdditionalExtensions'))))),
    ext(83, 'ThreatRiskLevel', 'int', 'coalesce(\n toint(column_ifexists("FieldDeviceCustomNumber1", int(null))),\n toint(column_ifexists("DeviceCustomNumber1",int(null)))\n )', (r) =>
      toint(r['FieldDeviceCustomNumber1'] ?? null) ?? toint(r['DeviceCustomNumber1'] ?? null)),
    ext(87, 'DvcHostname', 'string', 'tostring(Computer)', (r) => s(r, 'Computer')),
    ext(88, 'SrcBytes', 'long', 'tolong(SentBytes)', (r) => toint(r['SentBytes'] ?? null)),
    ext(89, 'DstBytes', 'long', 'tolong(ReceivedBytes)', (r) => toint(r['ReceivedBytes'] ?? null)),
    ext(90, 'Url', 'string', 'iff (RequestURL == "", "", strcat (tolower(NetworkApplicationProtocol), "://", url_decode(RequestURL)))', (r) =>
      iff(s(r, 'RequestURL') === '', '', `${s(r, 'NetworkApplicationProtocol').toLowerCase()}://${urlDecode(s(r, 'RequestURL'))}`)),
    ext(91, 'UrlCategory', 'string', 'strcat (urlclass, "/", UrlCategory)', (r) => `${s(r, 'urlclass')}/${s(r, 'UrlCategory')}`),
    ext(92, 'ThreatCategory', 'string', 'iff(DeviceCustomString4 == "None", "", strcat (DeviceCustomString3, "/", DeviceCustomString4))', (r) =>
      iff(s(r, 'DeviceCustomString4') === 'None', '', `${s(r, 'DeviceCustomString3')}/${s(r, 'DeviceCustomString4')}`)),
    ext(93, 'RuleName', 'string', 'iff (RuleName == "None", "", strcat (ruletype, "/", RuleName))', (r) => iff(s(r, 'RuleName') === 'None', '', `${s(r, 'ruletype')}/${s(r, 'RuleName')}`)),
    ext(94, 'FileMD5', 'string', 'iff (FileMD5 == "None", "", FileMD5)', (r) => iff(s(r, 'FileMD5') === 'None', '', s(r, 'FileMD5'))),
    ext(95, 'HttpReferrer', 'string', 'iff (RequestContext == "None", "", url_decode(RequestContext))', (r) => iff(s(r, 'RequestContext') === 'None', '', urlDecode(s(r, 'RequestContext')))),
    ext(96, 'DstAppName', 'string', 'iff (DstAppName == "General Browsing", "", DstAppName)', (r) => iff(s(r, 'DstAppName') === 'General Browsing', '', s(r, 'DstAppName'))),
    ext(97, 'DstFQDNparts', 'dynamic', 'split (DstFQDN, ".")', (r) => s(r, 'DstFQDN').split('.')),
    ext(98, 'DstHostnameNotAddr', 'bool', 'DstIpAddr != DstFQDN', (r) => s(r, 'DstIpAddr') !== s(r, 'DstFQDN')),
    ext(100, 'DstHostname', 'string', 'iff (DstHostnameNotAddr, tostring(DstFQDNparts[0]), DstFQDN)', (r) =>
      iff(r['DstHostnameNotAddr'] === true, tostring(at(r['DstFQDNparts'] ?? null, 0)), s(r, 'DstFQDN'))),
    ext(101, 'DstDomain', 'string', 'iff (DstHostnameNotAddr, strcat_array(array_slice(DstFQDNparts,1,-1),"."), "")', (r) =>
      iff(r['DstHostnameNotAddr'] === true, (Array.isArray(r['DstFQDNparts']) ? (r['DstFQDNparts'] as string[]).slice(1) : []).join('.'), '')),
    ext(102, 'DstFQDN', 'string', 'iff (DstHostnameNotAddr, DstFQDN, "")', (r) => iff(r['DstHostnameNotAddr'] === true, s(r, 'DstFQDN'), '')),
    ext(105, 'EventResult', 'string', 'iff (EventResultDetails == "NA" or toint(EventResultDetails) >= 400, "Failure", "Success")', (r) => {
      const n = toint(s(r, 'EventResultDetails'));
      // `false or null` is null, and a null condition takes the else branch.
      const cond = s(r, 'EventResultDetails') === 'NA' ? true : n === null ? null : n >= 400;
      return iff(cond, 'Failure', 'Success');
    }),
    ext(106, 'EventSeverity', 'string', 'case (ThreatRiskLevel > 90, "High", ThreatRiskLevel > 60, "Medium", ThreatRiskLevel > 10, "Low",  "Informational")', (r) => {
      const n = r['ThreatRiskLevel'];
      return typeof n !== 'number' ? 'Informational' : n > 90 ? 'High' : n > 60 ? 'Medium' : n > 10 ? 'Low' : 'Informational';
    }),
    lit(107, 'DstAppType', '"SaaS application"', 'SaaS application'),
    ext(108, 'DstDomainType', 'string', 'iff (DstHostnameNotAddr, "FQDN", "")', (r) => iff(r['DstHostnameNotAddr'] === true, 'FQDN', '')),
    lit(109, 'SrcUsernameType', '"UPN"', 'UPN'),
    ext(112, 'Dvc', 'string', 'DvcHostname', (r) => s(r, 'DvcHostname')),
    ext(113, 'Hostname', 'string', 'DstHostname', (r) => s(r, 'DstHostname')),
    ext(114, 'UserAgent', 'string', 'HttpUserAgent', (r) => s(r, 'HttpUserAgent')),
    ext(115, 'User', 'string', 'SrcUsername', (r) => s(r, 'SrcUsername')),
    ext(116, 'HttpStatusCode', 'string', 'EventResultDetails', (r) => s(r, 'EventResultDetails')),
    ext(117, 'IpAddr', 'string', 'SrcNatIpAddr', (r) => s(r, 'SrcNatIpAddr')),
    ext(118, 'Hash', 'string', 'FileMD5', (r) => s(r, 'FileMD5')),
    ext(119, 'FileHashType', 'string', 'iff(FileMD5 == "", "", "MD5")', (r) => iff(s(r, 'FileMD5') === '', '', 'MD5')),
    { op: 'away', line: 120, names: ['DstFQDNparts'] },
    {
      op: 'away',
      line: 121,
      // File* also drops FileMD5 and FileHashType, set just above: literal, as the parser does.
      names: ['AdditionalExtensions', 'CommunicationDirection', 'Computer', 'Device*', 'Destination*', 'EndTime', 'ExternalID', 'File*', 'Flex*', 'IndicatorThreatType',
        'Malicious*', 'Old*', 'OriginalLogSeverity', 'Process*', 'Protocol', 'ReceiptTime', 'ReceivedBytes', 'Remote*', 'Request*', 'Sent*', 'SimplifiedDeviceAction',
        'Source*', 'StartTime', 'TenantId', 'ThreatConfidence', 'ThreatDescription', 'ThreatSeverity', 'Activity', 'EventOutcome', 'FieldDevice*', 'ExtID', 'Reason',
        'ReportReferenceLink', 'urlclass', 'ruletype', 'DstHostnameNotAddr'],
    },
  ],
};
