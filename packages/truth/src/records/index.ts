/**
 * Vendor-shaped records: a raw event in Sigma's taxonomy -> the record each platform stores for the same activity,
 * built from an independent, literal reading of the vendor sources in /work/shared/vendor (never from the sigmats
 * backends). See SOURCES.md for the provenance of every mapping and assumptions.ts for every fact the sources do not
 * give.
 */
import type { KqlType } from '../types.js';
import { asimViewColumns } from './asim.js';
import { kqlTableColumns as documentedTableColumns } from './columns.js';
import { webTableColumns } from './web.js';

export { defenderRecords, defenderCoverage } from './defender.js';
export { isSecurityEventChannel, securityEventRecords } from './security-event.js';
export {
  sentinelCloudRecords, sentinelCloudPlacements, sentinelCloudTable, AWS_CLOUDTRAIL_MAPPING, AWS_CLOUDTRAIL_CONSTANTS, AZURE_MAPPING,
  type CloudPlacement, type KeyPlacement, type SentinelCloudTable,
} from './sentinel-cloud.js';
export { RISK_DETECTION_MAPPING } from './sentinel-cloud-risk.js';
export { OKTA_STREAM_TYPES, OKTA_TRANSFORM, oktaLogEvent, oktaRow, oktaPlacements } from './sentinel-okta.js';
export {
  OKTA_DCR, OKTA_DCR_V1, OKTA_TABLE, OKTA_TABLE_NAME, OKTA_STREAM, OKTA_OUTPUT_STREAM, OKTA_STREAM_COLUMNS, OKTA_LETS, OKTA_EXTENDS, OKTA_PROJECT, OKTA_TABLE_COLUMNS,
} from './sentinel-okta-pages.js';
export { GITHUB_STREAM_TYPES, GITHUB_TRANSFORM, GITHUB_PROJECT_ITEMS, githubRow, githubPlacements } from './sentinel-github.js';
export {
  GITHUB_DCR, GITHUB_TABLE, GITHUB_TABLE_NAME, GITHUB_STREAM, GITHUB_OUTPUT_STREAM, GITHUB_STREAM_COLUMNS, GITHUB_EXTENDS, GITHUB_PROJECT, GITHUB_TABLE_COLUMNS,
  GITHUB_TRANSFORM_LINE, githubStreamLine,
} from './sentinel-github-pages.js';
export { GCP_MAPPING, gcpAuditLogsRow, gcpLogEntry, gcpLogEntryPath, gcpPlacements, type GcpPlacement } from './sentinel-gcp.js';
export {
  GCP_AUDIT_LOGS_PAGE, GCP_AUDIT_LOGS_COLUMNS, GCP_AUDIT_LOGS_PHRASES, GOOGLE_FIELDS, ELASTIC_GCP_AUDIT, LOG_ENTRY_PAGE, AUDIT_LOG_PAGE, MONITORED_RESOURCE_PAGE,
  type GooglePage,
} from './sentinel-gcp-pages.js';
export { AKS_MAPPING, AKS_UNFILLED, aksAuditRow, aksPlacements, k8sAuditEvent, k8sEventPath, type AksPlacement } from './sentinel-aks.js';
export {
  AKS_AUDIT_PAGE, AKS_AUDIT_TABLE_PAGE, AKS_AUDIT_TABLE_LINES, AKS_AUDIT_QUERIES_PAGE, AKS_AUDIT_SAMPLE_QUERY, AKS_AUDIT_COLUMNS, K8S_AUDIT_TYPES, K8S_EVENT_FIELDS,
  K8S_TYPE_META_KEYS, K8S_LEVELS, K8S_STAGES, K8S_OBJECT_REFERENCE_FIELDS, K8S_USER_INFO, K8S_USER_INFO_KEYS, K8S_STATUS, K8S_STATUS_KEYS,
} from './sentinel-aks-pages.js';
export { OFFICE_MAPPING, officeActivityRow, officePlacements, officeRecord, type OfficePlacement } from './sentinel-office.js';
export { OFFICE_SCHEMA_PAGE, OFFICE_SCHEMA_LATER, OFFICE_SCHEMA_FIELDS, OFFICE_RECORD_TYPES, OFFICE_USER_TYPES, OFFICE_LOGON_TYPES } from './sentinel-office-pages.js';
export { dcrType, runTransform, streamRow } from './sentinel-dcr.js';
export {
  AAD_USER_RISK_EVENTS_PAGE, AAD_USER_RISK_EVENTS_COLUMNS, AAD_USER_RISK_EVENTS_PHRASES, RISK_DETECTION_RESOURCE, RISK_DETECTION_PROPERTIES,
} from './risk-detection-pages.js';
export {
  sentinelWebRecords, sentinelWebPlacements, sentinelWebTable, parseWebRow, parserColumns, webSessionColumns, webTableColumns,
  type SentinelWebTable, type WebPlacement,
} from './web.js';
export { IIS_MAPPING, IIS_TRANSCRIPTION, w3cIisLogRow, usernameType, type IisPlacement } from './web-iis.js';
export { ZSCALER_MAPPING, ZSCALER_BUILT, ZIA_TRANSCRIPTION, commonSecurityLogRow, zscalerUrl, type ZscalerPlacement } from './web-zscaler.js';
export { runSteps, type Step, type Transcription, type Parsed } from './web-kusto.js';
export { IIS_PARSER, ZIA_PARSER, type ParserText } from './web-parsers.js';
export {
  W3CIISLOG_PAGE, W3CIISLOG_COLUMNS, W3CIISLOG_DESCRIPTIONS, CSL_PAGE, CSL_COLUMNS, CSL_DESCRIPTIONS, WEB_SCHEMA_PAGE, WEB_SCHEMA_FIELDS, W3C_LOGGING_PAGE, W3C_LOGGING_FIELDS,
  type SchemaField, type TranscribedPage,
} from './web-tables.js';
export {
  sentinelSyslogRecords, sentinelSyslogService, sentinelSyslogCovers, syslogPrograms, sudoMessage, byDeployment, sameOverDeployments,
  SYSLOG_SERVICES, SERVICE_PROGRAMS, SUDO_FIELDS, type SyslogRecord, type SyslogService, type SyslogProgram,
} from './sentinel-syslog.js';
export { eventTableRecords, windowsEventRecords, eventDataXml } from './event-table.js';
export { asimRecords, asimViewColumns, dnsCorelightZeek, ASIM_COVERAGE, type AsimOptions } from './asim.js';
export {
  corelightDnsRow, zeekDnsRecord, zeekDnsJsonLine, zeekDnsKind, zeekDouble, zeekIsoTime, ZEEK_DNS_COLUMNS, ZEEK_QUERY_TYPES, ZEEK_RCODES, ZEEK_CLASSES,
  ZEEK_DNS_PARSER, type CorelightRow, type ZeekDnsRecord,
} from './zeek-dns.js';
export { cseRecords, cseWhyNot, findWindowsMapping, windowsCatalogMappings, catalogMappings, inputMappings, selectMapping, parseMapping, type CseMapping, type CseFieldMapping, type CseOptions } from './cse.js';
export { CSE_JSON_PRODUCTS, CSE_JSON_GAPS, cseJsonProduct, flatEvent, nestKeys, jsonFields, pathValue, type CseJsonProduct } from './cse-json.js';
export { sumoMessages, windowsJson, windowsLegacyText, type SumoCollection } from './sumo.js';
export { splunkEvents, windowsEventXml, type SplunkOptions } from './splunk.js';
export { ASSUMPTIONS, ASIM_ASSUMPTIONS, type Assumption } from './assumptions.js';
export { tableColumnList, TABLE_PAGES, ASIM_PAGES } from './columns.js';
export { windowsView, macosView, type WindowsEventView } from './windows.js';
export { vendorDir, vendorAvailable } from './vendor.js';

/**
 * The columns (documented types) of a Microsoft table (Device* pages, SecurityEvent/Event/WindowsEvent and cloud-log references,
 * OfficeActivity, Syslog, W3CIISLog, CommonSecurityLog, AADUserRiskEvents, GCPAuditLogs, AKSAudit and the Okta/GitHub connector tables) or an ASIM view (schema page fields plus the columns Microsoft's parsers add);
 * undefined for an unknown name.
 */
export function kqlTableColumns(table: string): Readonly<Record<string, KqlType>> | undefined {
  return asimViewColumns(table) ?? webTableColumns(table) ?? documentedTableColumns(table);
}
