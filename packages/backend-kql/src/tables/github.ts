// GitHubAuditLogsV3_CL, the table Microsoft Sentinel's GitHub connector (the codeless connector framework's audit log
// poller) writes an organization's or enterprise's audit log events to. A custom table documented by the connector's
// files, transcribed here from them:
//
// - the columns and types: Azure/Azure-Sentinel `Solutions/GitHub/Data Connectors/GitHubAuditLogs_CCF/
//   GitHubAuditLogs_Table.json` @ 0c97ac74ba8307c6b57727b3061e6bc8217d62f4 (its `boolean` is Kusto's bool);
// - what each holds: the data collection rule's `transformKql` (`GitHubAuditLogs_DCR.json` @ the same commit, output
//   stream Custom-GitHubAuditLogsV3_CL), which renames the audit event's keys (`Action = action`, `ActivityType =
//   type`, `DocumentId = _document_id`; the country code out of `actor_location`).
//
// Only the columns of the keys GITHUB_FIELDS places are transcribed, with TimeGenerated: the table has about 200 more,
// one per key some audit action carries; a rule testing one of those keys is refused (unmapped), not guessed.
import { decodeColumns } from './generated.js';
import type { TableSchema } from './types.js';

/**
 * Audit event key -> column, as the transform's `project` writes them (`Column = key`), the column's type after `:`
 * when it is not a string. `actor_location.country_code` is the transform's `CountryCode =
 * tostring(actor_locationDynamic['country_code'])`.
 */
export const GITHUB_FIELDS =
  'action=Action,actor=Actor,actor_id=ActorId:real,actor_ip=ActorIp,actor_is_bot=ActorIsBot:bool,actor_location.country_code=CountryCode,' +
  'business=Business,business_id=BusinessId:real,created_at=CreatedAt:real,_document_id=DocumentId,email=Email,event=Event,' +
  'conclusion=Conclusion,hashed_token=HashedToken,invitee_email=InviteeEmail,membership_type=MembershipType,message=Message,name=Name,' +
  'old_permission=OldPermission,operation_type=OperationType,org=Org,org_id=OrgId:real,permission=Permission,' +
  'previous_visibility=PreviousVisibility,programmatic_access_type=ProgrammaticAccessType,public_repo=PublicRepo:bool,reason=Reason,' +
  'repo=Repo,repo_id=RepoId:real,request_category=RequestCategory,source=Source,team=Team,token_id=TokenId:real,topic=Topic,' +
  'transport_protocol_name=TransportProtocolName,type=ActivityType,user=User,user_agent=UserAgent,user_id=UserId:real,visibility=Visibility';

/** GitHubAuditLogsV3_CL (the transcribed columns), built on first use. */
export function githubAuditTable(): TableSchema {
  const columns = decodeColumns(`TimeGenerated:datetime,${GITHUB_FIELDS.split(',').map((p) => p.split('=')[1]!).join(',')}`);
  return { name: 'GitHubAuditLogsV3_CL', columns, timeColumn: 'TimeGenerated' };
}
