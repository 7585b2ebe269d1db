// GCPAuditLogs, the Log Analytics table of Google Cloud audit logs (Microsoft Sentinel's Google Cloud Platform Audit
// Logs connector sends them through the built-in stream Microsoft-GCPAuditLogs, with no transform of its own:
// Azure/Azure-Sentinel `Solutions/Google Cloud Platform Audit Logs/Data Connectors/GCPAuditLogs_ccp/dcr.json` @
// 25d91d44a0a9ca85d19014153860ae8195614993). Its page is not in the vendor snapshot the generator reads, so the columns
// are transcribed here in the generated rows' form (`name` for a string, else `name:type`) from MicrosoftDocs/
// azure-reference-other `azure-monitor-ref/tables/includes/gcpauditlogs-include.md` @
// 97500f29f3b6ac04b7101cfbcbd7d25fdf707023, lines 13-41 (ms.date 07/30/2024).
import { decodeColumns } from './generated.js';
import type { TableSchema } from './types.js';

const COLUMNS =
  'AuthenticationInfo:dynamic,AuthorizationInfo:dynamic,_BilledSize:real,GCPResourceName,GCPResourceType,InsertId,_IsBillable,LogName,' +
  'Metadata:dynamic,MethodName,NumResponseItems,PrincipalEmail,ProjectId,Request:dynamic,RequestMetadata:dynamic,ResourceLocation:dynamic,' +
  'ResourceOriginalState:dynamic,Response:dynamic,ServiceData:dynamic,ServiceName,Severity,SourceSystem,Status:dynamic,StatusMessage,' +
  'Subscription,TenantId,TimeGenerated:datetime,Timestamp:datetime,Type';

/** GCPAuditLogs, built on first use. */
export function gcpAuditTable(): TableSchema {
  return { name: 'GCPAuditLogs', columns: decodeColumns(COLUMNS), timeColumn: 'TimeGenerated' };
}
