import type { KqlType } from '../types.js';

/**
 * Microsoft's pages for the tables and the ASIM schema the web-session records need, transcribed: none of them is in
 * the vendor snapshot (SOURCES.md, "Web sessions"). Each entry keeps the page line it was read from, so a citation
 * `<page>:<line> <Column>` can be checked against the transcription (test/records-sentinel-web.test.ts).
 */
export interface TranscribedPage {
  readonly repo: string;
  readonly path: string;
  /** The commit the text was read at (and, where known, the one that last changed it). */
  readonly commit: string;
  readonly lastChanged?: string;
}

// ---------------------------------------------------------------------------------------------- W3CIISLog

/** The snapshot's other include pages are read at this commit too (vendor SOURCE.md). */
export const W3CIISLOG_PAGE: TranscribedPage = {
  repo: 'MicrosoftDocs/azure-reference-other',
  path: 'azure-monitor-ref/tables/includes/w3ciislog-include.md',
  commit: 'bea53845fef94ad4f1887d306e6618a34efefc01',
  lastChanged: 'a8abaa24aef3faec0adb6b39478a3380c71a87cc',
};

/** w3ciislog-include.md lines 13-56, `[column, type, line]` in page order (descriptions: W3CIISLOG_DESCRIPTIONS). */
export const W3CIISLOG_COLUMNS: readonly (readonly [name: string, type: KqlType, line: number])[] = [
  ['AzureDeploymentID', 'string', 13],
  ['_BilledSize', 'real', 14],
  ['cIP', 'string', 15],
  ['Computer', 'string', 16],
  ['Confidence', 'string', 17],
  ['csBytes', 'long', 18],
  ['csCookie', 'string', 19],
  ['csHost', 'string', 20],
  ['csMethod', 'string', 21],
  ['csReferer', 'string', 22],
  ['csUriQuery', 'string', 23],
  ['csUriStem', 'string', 24],
  ['csUserAgent', 'string', 25],
  ['csUserName', 'string', 26],
  ['csVersion', 'string', 27],
  ['Description', 'string', 28],
  ['FirstReportedDateTime', 'string', 29],
  ['IndicatorThreatType', 'string', 30],
  ['IsActive', 'string', 31],
  ['_IsBillable', 'string', 32],
  ['LastReportedDateTime', 'string', 33],
  ['MaliciousIP', 'string', 34],
  ['ManagementGroupName', 'string', 35],
  ['RemoteIPCountry', 'string', 36],
  ['RemoteIPLatitude', 'real', 37],
  ['RemoteIPLongitude', 'real', 38],
  ['_ResourceId', 'string', 39],
  ['Role', 'string', 40],
  ['RoleInstance', 'string', 41],
  ['scBytes', 'long', 42],
  ['scStatus', 'string', 43],
  ['scSubStatus', 'string', 44],
  ['scWin32Status', 'string', 45],
  ['Severity', 'int', 46],
  ['sIP', 'string', 47],
  ['SourceSystem', 'string', 48],
  ['sPort', 'int', 49],
  ['sSiteName', 'string', 50],
  ['StorageAccount', 'string', 51],
  ['_SubscriptionId', 'string', 52],
  ['TimeGenerated', 'datetime', 53],
  ['TimeTaken', 'long', 54],
  ['TLPLevel', 'string', 55],
  ['Type', 'string', 56],
];

/** The descriptions of the W3CIISLog columns the webserver mapping cites, by page line. */
export const W3CIISLOG_DESCRIPTIONS: Readonly<Record<number, string>> = {
  15: 'IP address of the client that accessed the web server.',
  18: 'Number of bytes that the server received.',
  19: 'Content of the cookie sent or received if any.',
  20: 'Host header name if any.',
  21: 'Method of the request such as GET or POST.',
  22: 'Site that the user last visited. This site provided a link to the current site.',
  23: 'The query if any that the client was trying to perform. A Universal Resource Identifier (URI) query is necessary only for dynamic pages.',
  24: 'Target of the action such as a web page for example Default.htm.',
  25: 'Browser type of the client.',
  26: 'Name of the authenticated user that accessed the server. Anonymous users are indicated by a hyphen.',
  27: 'Protocol version that the client used.',
  42: 'Number of bytes that the server sent.',
  43: 'HTTP status code.',
  44: 'Substatus error code.',
  45: 'Windows status code.',
  47: 'IP address of the server on which the log file entry was generated.',
  49: 'Server port number that is configured for the service.',
  50: 'Name of the IIS site.',
  54: 'Length of time to process the request in milliseconds.',
};

// ---------------------------------------------------------------------------------------------- CommonSecurityLog

export const CSL_PAGE: TranscribedPage = {
  repo: 'MicrosoftDocs/azure-reference-other',
  path: 'azure-monitor-ref/tables/includes/commonsecuritylog-include.md',
  commit: 'bea53845fef94ad4f1887d306e6618a34efefc01',
  lastChanged: 'a8abaa24aef3faec0adb6b39478a3380c71a87cc',
};

/** commonsecuritylog-include.md lines 13-175, `[column, type, line]` in page order (descriptions: CSL_DESCRIPTIONS). */
export const CSL_COLUMNS: readonly (readonly [name: string, type: KqlType, line: number])[] = [
  ['Activity', 'string', 13], ['AdditionalExtensions', 'string', 14], ['ApplicationProtocol', 'string', 15],
  ['_BilledSize', 'real', 16], ['CollectorHostName', 'string', 17], ['CommunicationDirection', 'string', 18],
  ['Computer', 'string', 19], ['DestinationDnsDomain', 'string', 20], ['DestinationHostName', 'string', 21],
  ['DestinationIP', 'string', 22], ['DestinationMACAddress', 'string', 23], ['DestinationNTDomain', 'string', 24],
  ['DestinationPort', 'int', 25], ['DestinationProcessId', 'int', 26], ['DestinationProcessName', 'string', 27],
  ['DestinationServiceName', 'string', 28], ['DestinationTranslatedAddress', 'string', 29],
  ['DestinationTranslatedPort', 'int', 30], ['DestinationUserID', 'string', 31],
  ['DestinationUserName', 'string', 32], ['DestinationUserPrivileges', 'string', 33], ['DeviceAction', 'string', 34],
  ['DeviceAddress', 'string', 35], ['DeviceCustomDate1', 'string', 36], ['DeviceCustomDate1Label', 'string', 37],
  ['DeviceCustomDate2', 'string', 38], ['DeviceCustomDate2Label', 'string', 39],
  ['DeviceCustomFloatingPoint1', 'real', 40], ['DeviceCustomFloatingPoint1Label', 'string', 41],
  ['DeviceCustomFloatingPoint2', 'real', 42], ['DeviceCustomFloatingPoint2Label', 'string', 43],
  ['DeviceCustomFloatingPoint3', 'real', 44], ['DeviceCustomFloatingPoint3Label', 'string', 45],
  ['DeviceCustomFloatingPoint4', 'real', 46], ['DeviceCustomFloatingPoint4Label', 'string', 47],
  ['DeviceCustomIPv6Address1', 'string', 48], ['DeviceCustomIPv6Address1Label', 'string', 49],
  ['DeviceCustomIPv6Address2', 'string', 50], ['DeviceCustomIPv6Address2Label', 'string', 51],
  ['DeviceCustomIPv6Address3', 'string', 52], ['DeviceCustomIPv6Address3Label', 'string', 53],
  ['DeviceCustomIPv6Address4', 'string', 54], ['DeviceCustomIPv6Address4Label', 'string', 55],
  ['DeviceCustomNumber1', 'int', 56], ['DeviceCustomNumber1Label', 'string', 57], ['DeviceCustomNumber2', 'int', 58],
  ['DeviceCustomNumber2Label', 'string', 59], ['DeviceCustomNumber3', 'int', 60],
  ['DeviceCustomNumber3Label', 'string', 61], ['DeviceCustomString1', 'string', 62],
  ['DeviceCustomString1Label', 'string', 63], ['DeviceCustomString2', 'string', 64],
  ['DeviceCustomString2Label', 'string', 65], ['DeviceCustomString3', 'string', 66],
  ['DeviceCustomString3Label', 'string', 67], ['DeviceCustomString4', 'string', 68],
  ['DeviceCustomString4Label', 'string', 69], ['DeviceCustomString5', 'string', 70],
  ['DeviceCustomString5Label', 'string', 71], ['DeviceCustomString6', 'string', 72],
  ['DeviceCustomString6Label', 'string', 73], ['DeviceDnsDomain', 'string', 74],
  ['DeviceEventCategory', 'string', 75], ['DeviceEventClassID', 'string', 76], ['DeviceExternalID', 'string', 77],
  ['DeviceFacility', 'string', 78], ['DeviceInboundInterface', 'string', 79], ['DeviceMacAddress', 'string', 80],
  ['DeviceName', 'string', 81], ['DeviceNtDomain', 'string', 82], ['DeviceOutboundInterface', 'string', 83],
  ['DevicePayloadId', 'string', 84], ['DeviceProduct', 'string', 85], ['DeviceTimeZone', 'string', 86],
  ['DeviceTranslatedAddress', 'string', 87], ['DeviceVendor', 'string', 88], ['DeviceVersion', 'string', 89],
  ['EndTime', 'datetime', 90], ['EventCount', 'int', 91], ['EventOutcome', 'string', 92], ['EventType', 'int', 93],
  ['ExternalID', 'int', 94], ['ExtID', 'string', 95], ['FieldDeviceCustomNumber1', 'long', 96],
  ['FieldDeviceCustomNumber2', 'long', 97], ['FieldDeviceCustomNumber3', 'long', 98],
  ['FileCreateTime', 'string', 99], ['FileHash', 'string', 100], ['FileID', 'string', 101],
  ['FileModificationTime', 'string', 102], ['FileName', 'string', 103], ['FilePath', 'string', 104],
  ['FilePermission', 'string', 105], ['FileSize', 'int', 106], ['FileType', 'string', 107],
  ['FlexDate1', 'string', 108], ['FlexDate1Label', 'string', 109], ['FlexNumber1', 'int', 110],
  ['FlexNumber1Label', 'string', 111], ['FlexNumber2', 'int', 112], ['FlexNumber2Label', 'string', 113],
  ['FlexString1', 'string', 114], ['FlexString1Label', 'string', 115], ['FlexString2', 'string', 116],
  ['FlexString2Label', 'string', 117], ['IndicatorThreatType', 'string', 118], ['_IsBillable', 'string', 119],
  ['LogSeverity', 'string', 120], ['MaliciousIP', 'string', 121], ['MaliciousIPCountry', 'string', 122],
  ['MaliciousIPLatitude', 'real', 123], ['MaliciousIPLongitude', 'real', 124], ['Message', 'string', 125],
  ['OldFileCreateTime', 'string', 126], ['OldFileHash', 'string', 127], ['OldFileID', 'string', 128],
  ['OldFileModificationTime', 'string', 129], ['OldFileName', 'string', 130], ['OldFilePath', 'string', 131],
  ['OldFilePermission', 'string', 132], ['OldFileSize', 'int', 133], ['OldFileType', 'string', 134],
  ['OriginalLogSeverity', 'string', 135], ['ProcessID', 'int', 136], ['ProcessName', 'string', 137],
  ['Protocol', 'string', 138], ['Reason', 'string', 139], ['ReceiptTime', 'string', 140],
  ['ReceivedBytes', 'long', 141], ['RemoteIP', 'string', 142], ['RemotePort', 'string', 143],
  ['ReportReferenceLink', 'string', 144], ['RequestClientApplication', 'string', 145],
  ['RequestContext', 'string', 146], ['RequestCookies', 'string', 147], ['RequestMethod', 'string', 148],
  ['RequestURL', 'string', 149], ['_ResourceId', 'string', 150], ['SentBytes', 'long', 151],
  ['SimplifiedDeviceAction', 'string', 152], ['SourceDnsDomain', 'string', 153], ['SourceHostName', 'string', 154],
  ['SourceIP', 'string', 155], ['SourceMACAddress', 'string', 156], ['SourceNTDomain', 'string', 157],
  ['SourcePort', 'int', 158], ['SourceProcessId', 'int', 159], ['SourceProcessName', 'string', 160],
  ['SourceServiceName', 'string', 161], ['SourceSystem', 'string', 162], ['SourceTranslatedAddress', 'string', 163],
  ['SourceTranslatedPort', 'int', 164], ['SourceUserID', 'string', 165], ['SourceUserName', 'string', 166],
  ['SourceUserPrivileges', 'string', 167], ['StartTime', 'datetime', 168], ['_SubscriptionId', 'string', 169],
  ['TenantId', 'string', 170], ['ThreatConfidence', 'string', 171], ['ThreatDescription', 'string', 172],
  ['ThreatSeverity', 'int', 173], ['TimeGenerated', 'datetime', 174], ['Type', 'string', 175],
];

/** The descriptions of the CommonSecurityLog columns the proxy mapping cites, by page line. */
export const CSL_DESCRIPTIONS: Readonly<Record<number, string>> = {
  14: 'A placeholder for additional fields. Fields are logged as key-value pairs.',
  15: 'The protocol used in the application, such as HTTP, HTTPS, SSHv2, Telnet, POP, IMPA, IMAPS, and so on.',
  21: 'The destination that the event refers to in an IP network. The format should be an FQDN associated with the destination node, when a node is available. For example: host.domain.com or host.',
  22: 'The destination IpV4 address that the event refers to in an IP network.',
  85: 'String that together with device product and version definitions, uniquely identifies the type of sending device.',
  88: 'String that together with device product and version definitions, uniquely identifies the type of sending device.',
  92: 'Displays the outcome, usually as \'success\' or \'failure\'.',
  145: 'The user agent associated with the request.',
  146: 'Describes the content from which the request originated, such as the HTTP Referrer.',
  147: 'Cookies associated with the request.',
  148: 'The method used to access a URL. Valid values include methods such as POST, GET, and so on.',
  149: 'The URL accessed for an HTTP request, including the protocol. For example: http://www/secure.com.',
  155: 'The source that an event refers to in an IP network, as an IPv4 address.',
  166: 'Identifies the source user by name. Email addresses are also mapped into the UserName fields. The sender is a candidate to put into this field.',
};

// ---------------------------------------------------------------------------------------------- ASIM Web Session schema

export const WEB_SCHEMA_PAGE: TranscribedPage = {
  repo: 'MicrosoftDocs/azure-docs',
  path: 'articles/sentinel/normalization-schema-web.md',
  commit: '1030c83953d23fec0cfcee1c846e1a6b5f43200a',
};

/**
 * One field of the schema page: `| Field | Class | Type | Description |`. An alias row has no type: `aliasOf` names the
 * field whose type it takes (HttpStatusCode: "Alias to EventResultDetails").
 */
export interface SchemaField {
  readonly name: string;
  readonly cls: 'Mandatory' | 'Recommended' | 'Optional' | 'Alias';
  /** The page's type word (String, Enumerated, Integer, Long, IP Address, MD5, ...), or the aliased field. */
  readonly type: string;
  readonly line: number;
  readonly aliasOf?: string;
}

const f = (name: string, cls: SchemaField['cls'], type: string, line: number, aliasOf?: string): SchemaField => ({ name, cls, type, line, ...(aliasOf ? { aliasOf } : {}) });

/**
 * The Web Session fields: "Common fields with specific guidelines" (lines 123-127), the NetworkRuleName/Number renames
 * (line 152: "The fields `NetworkRuleName` and `NetworkRuleNumber` are renamed `RuleName` and `RuleNumber`
 * respectively"; their types are the Network Session page's), and "HTTP session fields" (lines 163-186). Every other
 * field is the Network Session schema's: "the Web Session schema is a super set of the ASIM Network Session schema"
 * (line 41), read from the snapshot's network page at run time (`columns.ts`).
 */
export const WEB_SCHEMA_FIELDS: readonly SchemaField[] = [
  f('EventType', 'Mandatory', 'Enumerated', 123),
  f('EventResult', 'Mandatory', 'Enumerated', 124),
  f('EventResultDetails', 'Recommended', 'String', 125),
  f('EventSchema', 'Mandatory', 'String', 126),
  f('EventSchemaVersion', 'Mandatory', 'String', 127),
  f('RuleName', 'Optional', 'String', 152),
  f('RuleNumber', 'Optional', 'Integer', 152),
  f('Url', 'Mandatory', 'String', 163),
  f('UrlCategory', 'Optional', 'String', 164),
  f('UrlOriginal', 'Optional', 'String', 165),
  f('HttpVersion', 'Optional', 'String', 166),
  f('HttpRequestMethod', 'Recommended', 'Enumerated', 167),
  f('HttpStatusCode', 'Alias', 'EventResultDetails', 168, 'EventResultDetails'),
  f('HttpContentType', 'Optional', 'String', 169),
  f('HttpContentFormat', 'Optional', 'String', 170),
  f('HttpReferrer', 'Optional', 'String', 171),
  f('HttpUserAgent', 'Optional', 'String', 172),
  f('UserAgent', 'Alias', 'HttpUserAgent', 173, 'HttpUserAgent'),
  f('HttpRequestXff', 'Optional', 'IP Address', 174),
  f('HttpRequestTime', 'Optional', 'Integer', 175),
  f('HttpResponseTime', 'Optional', 'Integer', 176),
  f('HttpHost', 'Optional', 'String', 177),
  f('FileName', 'Optional', 'String', 178),
  f('FileMD5', 'Optional', 'MD5', 179),
  f('FileSHA1', 'Optional', 'SHA1', 180),
  f('FileSHA256', 'Optional', 'SHA256', 181),
  f('FileSHA512', 'Optional', 'SHA512', 182),
  // "Alias to the available Hash field": the hash fields are all strings.
  f('Hash', 'Alias', 'FileMD5', 183, 'FileMD5'),
  f('FileHashType', 'Optional', 'Enumerated', 184),
  f('FileSize', 'Optional', 'Long', 185),
  f('FileContentType', 'Optional', 'String', 186),
];

// ---------------------------------------------------------------------------------------------- W3C logging (HTTP Server API)

/**
 * Microsoft's W3C logging page for the HTTP Server API that IIS logs through: the fields, "The "Appears As" column
 * contains the text that appears in the log file", and (line 63) "For fields that are selected but for which there is
 * no information, a hyphen (-) appears as a placeholder."
 */
export const W3C_LOGGING_PAGE: TranscribedPage = {
  repo: 'MicrosoftDocs/win32',
  path: 'desktop-src/Http/w3c-logging.md',
  commit: '0180b6dbcaa133e58745702bf0ebefa871ee151b',
};

/** `[appears as, line, description]`: the field table, lines 23-44. */
export const W3C_LOGGING_FIELDS: readonly (readonly [field: string, line: number, description: string])[] = [
  ['date', 23, 'The date on which the activity occurred.'],
  ['time', 24, 'The time, in coordinated universal time (UTC), at which the activity occurred.'],
  ['s-sitename', 25, 'The Internet service name and instance number that was running on the client.'],
  ['s-computername', 26, 'The name of the server on which the log file entry was generated.'],
  ['s-ip', 27, 'The IP address of the server on which the log file entry was generated.'],
  ['cs-method', 28, 'The requested verb, for example, a GET method.'],
  ['cs-uri-stem', 29, 'The target of the verb, for example, Default.htm.'],
  ['cs-uri-query', 30, 'The query, if any, that the client was trying to perform. A Universal Resource Identifier (URI) query is necessary only for dynamic pages.'],
  ['s-port', 31, 'The server port number that is configured for the service.'],
  ['cs-username', 32, 'The name of the authenticated user that accessed the server. Anonymous users are indicated by a hyphen.'],
  ['c-ip', 33, 'The IP address of the client that made the request.'],
  ['cs-version', 34, 'The HTTP protocol version that the client used.'],
  ['cs(User-Agent)', 35, 'The browser type that the client used.'],
  ['cs(Cookie)', 36, 'The content of the cookie sent or received, if any.'],
  ['cs(Referrer)', 37, 'The site that the user last visited. This site provided a link to the current site.'],
  ['cs-host', 38, 'The host header name, if any.'],
  ['sc-status', 39, 'The HTTP status code.'],
  ['sc-substatus', 40, 'The substatus error code.'],
  ['sc-win32-status', 41, 'The Windows status code.'],
  ['sc-bytes', 42, 'The number of bytes sent by the server.'],
  ['cs-bytes', 43, 'The number of bytes received and processed by the server.'],
  ['time-taken', 44, 'The length of time that the action took, in milliseconds.'],
];
