// AADUserRiskEvents, Microsoft Entra ID Protection's user risk detections in Log Analytics. Its table page is not in the
// vendor snapshot the generator reads (../shared/vendor/microsoft), so its columns are transcribed here, in the
// generated rows' form (`name` for a string, else `name:type`), from Microsoft's page: MicrosoftDocs/
// azure-reference-other azure-monitor-ref/tables/includes/aaduserriskevents-include.md @
// 31d27605756910917fd949cc570901a939060bb4, lines 13-39 (ms.date 02/18/2024; the same column table as at bea53845, the
// commit of the snapshot's other include pages; the page left that repository in e9a3e068).
import { decodeColumns } from './generated.js';
import type { TableSchema } from './types.js';

const COLUMNS =
  'Activity,ActivityDateTime:datetime,AdditionalInfo:dynamic,_BilledSize:real,CorrelationId,DetectedDateTime:datetime,' +
  'DetectionTimingType,Id,IpAddress,_IsBillable,LastUpdatedDateTime:datetime,Location:dynamic,OperationName,RequestId,' +
  'RiskDetail,RiskEventType,RiskLevel,RiskState,Source,SourceSystem,TenantId,TimeGenerated:datetime,TokenIssuerType,' +
  'Type,UserDisplayName,UserId,UserPrincipalName';

/** AADUserRiskEvents ("RiskEventType: The type of risk event detected", line 28). */
export function userRiskEventsTable(): TableSchema {
  return { name: 'AADUserRiskEvents', columns: decodeColumns(COLUMNS), timeColumn: 'TimeGenerated' };
}
