import type { KqlType, RawEvent } from '../types.js';
import { assumption } from './assumptions.js';
import { fullRow, kqlTableColumns } from './columns.js';
import { IIS_PARSER } from './web-parsers.js';
import {
  at, coalesce, extractAll, has, iff, tostring, toint, columnText as s, extendStep as ext, literalStep as lit, renameStep as ren, type Row, type Transcription,
} from './web-kusto.js';
import { text } from './windows.js';

/**
 * Sigma `category: webserver` events taken as Internet Information Services logs: the raw event is what IIS writes in
 * W3C format (Sigma names the fields after it), the Log Analytics agent stores it in W3CIISLog, and ASimWebSessionIIS
 * turns that row into the imWebSession row.
 */

/**
 * One W3C field -> W3CIISLog column. The tie is the two Microsoft descriptions of the same field: the W3C logging page
 * (`w3cLine`, the HTTP Server API IIS logs through) and the table page (`line`), e.g. cs-uri-stem "The target of the
 * verb, for example, Default.htm." and csUriStem "Target of the action such as a web page for example Default.htm.".
 */
export interface IisPlacement {
  /** The Sigma field. */
  readonly from: string;
  /** The field as it appears in the log file (w3c-logging.md "Appears As"). */
  readonly w3c: string;
  readonly w3cLine: number;
  readonly column: string;
  readonly line: number;
  /** A phrase of the table page's description of the column. */
  readonly phrase: string;
  readonly assumption?: string;
}

const iis = (from: string, w3c: string, w3cLine: number, column: string, line: number, phrase: string, extra?: string): IisPlacement => ({
  from, w3c, w3cLine, column, line, phrase, ...(extra ? { assumption: extra } : {}),
});
const HEADER = assumption('iis-sigma-header-fields').id;

export const IIS_MAPPING: readonly IisPlacement[] = [
  iis('s-sitename', 's-sitename', 25, 'sSiteName', 50, 'Name of the IIS site.'),
  iis('s-ip', 's-ip', 27, 'sIP', 47, 'IP address of the server on which the log file entry was generated.'),
  iis('cs-method', 'cs-method', 28, 'csMethod', 21, 'Method of the request such as GET or POST.'),
  iis('cs-uri-stem', 'cs-uri-stem', 29, 'csUriStem', 24, 'Target of the action such as a web page for example Default.htm.'),
  iis('cs-uri-query', 'cs-uri-query', 30, 'csUriQuery', 23, 'The query if any that the client was trying to perform.'),
  iis('s-port', 's-port', 31, 'sPort', 49, 'Server port number that is configured for the service.'),
  iis('cs-username', 'cs-username', 32, 'csUserName', 26, 'Name of the authenticated user that accessed the server. Anonymous users are indicated by a hyphen.'),
  iis('c-ip', 'c-ip', 33, 'cIP', 15, 'IP address of the client that accessed the web server.'),
  iis('cs-version', 'cs-version', 34, 'csVersion', 27, 'Protocol version that the client used.'),
  iis('cs-user-agent', 'cs(User-Agent)', 35, 'csUserAgent', 25, 'Browser type of the client.', HEADER),
  iis('cs-cookie', 'cs(Cookie)', 36, 'csCookie', 19, 'Content of the cookie sent or received if any.', HEADER),
  iis('cs-referer', 'cs(Referrer)', 37, 'csReferer', 22, 'Site that the user last visited. This site provided a link to the current site.', HEADER),
  iis('cs-host', 'cs-host', 38, 'csHost', 20, 'Host header name if any.'),
  iis('sc-status', 'sc-status', 39, 'scStatus', 43, 'HTTP status code.'),
  iis('sc-substatus', 'sc-substatus', 40, 'scSubStatus', 44, 'Substatus error code.'),
  iis('sc-win32-status', 'sc-win32-status', 41, 'scWin32Status', 45, 'Windows status code.'),
  iis('sc-bytes', 'sc-bytes', 42, 'scBytes', 42, 'Number of bytes that the server sent.'),
  iis('cs-bytes', 'cs-bytes', 43, 'csBytes', 18, 'Number of bytes that the server received.'),
  iis('time-taken', 'time-taken', 44, 'TimeTaken', 54, 'Length of time to process the request in milliseconds.'),
];

export const W3CIISLOG_TYPES: Readonly<Record<string, KqlType>> = kqlTableColumns('W3CIISLog')!;

/**
 * The W3CIISLog row of a raw webserver event: every documented column (absent string "", other types null), the
 * mapped W3C fields as IIS writes them ("-" when the event has none: `iis-logged-fields`), Type the table's name.
 * Left out: TimeGenerated, Computer, _ResourceId and the Azure Diagnostics / threat-intelligence columns (set by
 * collection or enrichment, not by the logged request); s-computername and date/time (no documented column names them).
 */
export function w3cIisLogRow(event: RawEvent): Row {
  const row: Row = fullRow('W3CIISLog', {});
  for (const p of IIS_MAPPING) {
    if (p.assumption) assumption(p.assumption);
    assumption('iis-logged-fields');
    const raw = text(event[p.from]);
    const logged = raw === '' ? '-' : raw;
    row[p.column] = W3CIISLOG_TYPES[p.column] === 'string' ? logged : toint(logged);
  }
  // Type: "The name of the table" (w3ciislog-include.md:56).
  row['Type'] = 'W3CIISLog';
  return row;
}

// ---------------------------------------------------------------------------------------------- ASimWebSessionIIS

/** _ASIM_GetUsernameType (assumption `asim-username-type`: the helper's code is not in the sources). */
export function usernameType(name: string): string {
  assumption('asim-username-type');
  if (name === '') return '';
  if (name.includes('@')) return 'UPN';
  if (name.includes('\\')) return 'Windows';
  if (/^CN=/i.test(name)) return 'DN';
  return 'Simple';
}

const IPV6 = /^\[(.+)\](?:\:(\d+))?$/;
const IPV4 = /^(\d+\.\d+\.\d+\.\d+)(?:\:(\d+))?$/;
const HOST = /^([^\\\d:]+)(?:\:(\d+))?$/;

/** ASimWebSessionIIS.yaml 0.2.0, ParserQuery lines 29-121, one step per line. */
export const IIS_TRANSCRIPTION: Transcription = {
  parser: IIS_PARSER,
  steps: [
    { op: 'where', line: 29, kql: 'not(disabled)', keep: () => true },
    ext(31, 'EventResult', 'string', 'iff ( toint(scStatus) < 400, "Success", "Failure")', (r) => {
      const n = toint(s(r, 'scStatus'));
      return iff(n === null ? null : n < 400, 'Success', 'Failure');
    }),
    ext(32, 'EventResultDetails', 'string', 'tostring(scStatus)', (r) => s(r, 'scStatus')),
    ext(33, 'csUriQuery', 'string', 'iff(csUriQuery == "-", "", csUriQuery)', (r) => iff(s(r, 'csUriQuery') === '-', '', s(r, 'csUriQuery'))),
    ext(34, 'csUserName', 'string', 'iff(csUserName == "-", "", csUserName)', (r) => iff(s(r, 'csUserName') === '-', '', s(r, 'csUserName'))),
    ext(35, 'HttpVersion', 'string', 'iff((csVersion has "HTTP"), split(csVersion, "/")[1], "")', (r) =>
      iff(has(s(r, 'csVersion'), 'HTTP'), tostring(s(r, 'csVersion').split('/')[1] ?? null), '')),
    ext(36, 'HttpHost', 'string', 'iff (sSiteName in ("Default Web Site", "-"), "", sSiteName)', (r) =>
      iff(['Default Web Site', '-'].includes(s(r, 'sSiteName')), '', s(r, 'sSiteName'))),
    ren(38, 'HttpRequestMethod', 'csMethod'),
    ren(39, 'User', 'csUserName'),
    ren(40, 'Dvc', 'Computer'),
    ren(41, 'Dst', 'sIP'),
    ren(42, 'Src', 'cIP'),
    ren(43, 'UserAgent', 'csUserAgent'),
    ren(44, 'ThreatCategory', 'IndicatorThreatType'),
    ren(45, 'SrcGeoCountry', 'RemoteIPCountry'),
    ren(46, 'SrcGeoLatitude', 'RemoteIPLatitude'),
    ren(47, 'SrcGeoLongitude', 'RemoteIPLongitude'),
    ren(48, 'ThreatOriginalConfidence', 'Confidence'),
    ren(49, 'ThreatIpAddr', 'MaliciousIP'),
    ren(50, 'EventReportUrl', 'ReportReferenceLink'),
    ren(51, 'EventUid', '_ItemId'),
    ren(52, 'DvcId', '_ResourceId'),
    ext(54, 'EventOriginalSeverity', 'string', 'tostring(Severity)', (r) => s(r, 'Severity')),
    ext(55, 'ThreatIsActive', 'bool', 'tobool(IsActive)', (r) => (/^true$/i.test(s(r, 'IsActive').trim()) ? true : /^false$/i.test(s(r, 'IsActive').trim()) ? false : null)),
    ext(56, 'ThreatFirstReportedTime', 'datetime', 'todatetime(FirstReportedDateTime)', (r) => isoTime(s(r, 'FirstReportedDateTime'))),
    ext(57, 'ThreatLastReportedTime', 'datetime', 'todatetime(LastReportedDateTime)', (r) => isoTime(s(r, 'LastReportedDateTime'))),
    ext(58, 'SrcUsername', 'string', 'iff ( User == "-", "", User)', (r) => iff(s(r, 'User') === '-', '', s(r, 'User'))),
    ext(59, 'HttpReferrer', 'string', 'iff ( csReferer == "-", "", csReferer)', (r) => iff(s(r, 'csReferer') === '-', '', s(r, 'csReferer'))),
    lit(60, 'DvcIdType', '"AzureResourceId"', 'AzureResourceId'),
    { op: 'away', line: 61, names: ['IsActive', 'FirstReportedDateTime', 'LastReportedDateTime', 'Severity', 'sSiteName'] },
    ext(63, 'SrcUsernameType', 'string', '_ASIM_GetUsernameType (SrcUsername)', (r) => usernameType(s(r, 'SrcUsername'))),
    // csHost is compared before line 82 turns "-" into "": a logged "-" (no Host header) is not "".
    ext(64, 'DstNatIpAddr', 'string', 'iff(csHost <> "", Dst, "")', (r) => iff(s(r, 'csHost') !== '', s(r, 'Dst'), '')),
    lit(65, 'EventType', "'WebServerSession'", 'WebServerSession'),
    lit(66, 'EventVendor', "'Microsoft'", 'Microsoft'),
    lit(67, 'EventSchemaVersion', "'0.2.6'", '0.2.6'),
    lit(68, 'EventSchema', "'WebSession'", 'WebSession'),
    lit(69, 'EventProduct', "'IIS'", 'IIS'),
    lit(70, 'DvcOs', "'Windows'", 'Windows'),
    ext(71, 'EventCount', 'int', 'int(1)', () => 1),
    ext(72, 'SrcIpAddr', 'string', 'Src', (r) => s(r, 'Src')),
    ext(73, 'IpAddr', 'string', 'Src', (r) => s(r, 'Src')),
    ext(74, 'HttpUserAgent', 'string', 'UserAgent', (r) => s(r, 'UserAgent')),
    ext(75, 'HttpStatusCode', 'string', 'tostring(EventResultDetails)', (r) => s(r, 'EventResultDetails')),
    ext(76, 'EventStartTime', 'datetime', '( (TimeGenerated) - (TimeTaken * 1ms))', (r) => {
      const t = r['TimeGenerated'];
      const taken = r['TimeTaken'];
      return t instanceof Date && typeof taken === 'number' ? new Date(t.getTime() - taken) : null;
    }),
    ext(77, 'EventEndTime', 'datetime', 'TimeGenerated', (r) => r['TimeGenerated'] ?? null),
    ext(78, 'EventSeverity', 'string', 'iff(EventResult == "Success", "Low", "Informational")', (r) => iff(s(r, 'EventResult') === 'Success', 'Low', 'Informational')),
    ext(79, 'Url', 'string', 'iff(csUriQuery == "", csUriStem, strcat(csUriStem,"?",csUriQuery))', (r) =>
      iff(s(r, 'csUriQuery') === '', s(r, 'csUriStem'), `${s(r, 'csUriStem')}?${s(r, 'csUriQuery')}`)),
    ext(80, 'sPort', 'string', 'tostring(sPort)', (r) => s(r, 'sPort')),
    ext(81, 'HttpHost', 'string', 'iff ( HttpHost == "-", "", HttpHost)', (r) => iff(s(r, 'HttpHost') === '-', '', s(r, 'HttpHost'))),
    ext(82, 'csHost', 'string', 'iff ( csHost == "-", "", csHost)', (r) => iff(s(r, 'csHost') === '-', '', s(r, 'csHost'))),
    ext(83, 'EventOriginalResultDetails', 'string', 'iff(scSubStatus <> "0", strcat (scStatus, ".", scSubStatus), scStatus)', (r) =>
      iff(s(r, 'scSubStatus') !== '0', `${s(r, 'scStatus')}.${s(r, 'scSubStatus')}`, s(r, 'scStatus'))),
    ext(85, 'ipv6_parts', 'dynamic', String.raw`extract_all (@'^\[(.+)\](?:\:(\d+))?$',csHost)[0]`, (r) => at(extractAll(IPV6, s(r, 'csHost')), 0)),
    ext(86, 'ipv4_parts', 'dynamic', String.raw`extract_all (@'^(\d+\.\d+\.\d+\.\d+)(?:\:(\d+))?$',csHost)[0]`, (r) => at(extractAll(IPV4, s(r, 'csHost')), 0)),
    ext(87, 'host_parts', 'dynamic', String.raw`extract_all (@'^([^\\\d:]+)(?:\:(\d+))?$',csHost)[0]`, (r) => at(extractAll(HOST, s(r, 'csHost')), 0)),
    ext(89, 'DstIpAddr', 'string', 'tostring(coalesce(ipv4_parts[0], ipv6_parts[0]))', (r) => tostring(coalesce(at(r['ipv4_parts'] ?? null, 0), at(r['ipv6_parts'] ?? null, 0)))),
    ext(90, 'DstPortNumber', 'int', 'toint(coalesce(ipv4_parts[1], ipv6_parts[1], host_parts[1]))', (r) =>
      toint(coalesce(at(r['ipv4_parts'] ?? null, 1), at(r['ipv6_parts'] ?? null, 1), at(r['host_parts'] ?? null, 1)))),
    ext(91, 'HttpHost', 'string', 'tostring(coalesce(host_parts[0], HttpHost))', (r) => tostring(coalesce(at(r['host_parts'] ?? null, 0), s(r, 'HttpHost')))),
    { op: 'away', line: 92, names: ['ipv4_parts', 'ipv6_parts', 'host_parts'] },
    ext(94, 'DstHostname', 'string', 'HttpHost', (r) => s(r, 'HttpHost')),
    ext(95, 'Hostname', 'string', 'HttpHost', (r) => s(r, 'HttpHost')),
    ext(97, 'ThreatField', 'string', 'case(\n ThreatIpAddr <> "" and ThreatIpAddr == SrcIpAddr, "SrcIpAddr"\n ,ThreatIpAddr <> "" and ThreatIpAddr == DstIpAddr, "DstIpAddr"\n ,"")', (r) => {
      const t = s(r, 'ThreatIpAddr');
      return t !== '' && t === s(r, 'SrcIpAddr') ? 'SrcIpAddr' : t !== '' && t === s(r, 'DstIpAddr') ? 'DstIpAddr' : '';
    }),
    {
      op: 'away',
      line: 101,
      names: ['AdditionalInformation', 'AzureDeploymentID', 'Date', 'Description', 'DvcOs', 'FileOffset', 'FileUri', 'MG', 'ManagementGroupName', 'Role*',
        'sComputerName', 'SourceSystem', 'TLPLevel', 'TenantId', 'TimeTaken', 'Time', 'cs*', 'sPort', 'sc*', 'StorageAccount'],
    },
  ],
};

/** todatetime() of the ISO text the threat-intelligence columns would hold; "" and anything else null. */
function isoTime(x: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}/.test(x)) return null;
  const d = new Date(x);
  return Number.isNaN(d.getTime()) ? null : d;
}
