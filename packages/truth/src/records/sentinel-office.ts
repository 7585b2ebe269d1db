import type { KqlType, KqlValue, RawEvent } from '../types.js';
import { assumption } from './assumptions.js';
import { columnValue, fullRow, kqlTableColumns } from './columns.js';
import { flatEvent, nestKeys } from './cse-json.js';
import type { KeyPlacement } from './sentinel-cloud.js';
import { OFFICE_LOGON_TYPES, OFFICE_RECORD_TYPES, OFFICE_USER_TYPES } from './sentinel-office-pages.js';

/**
 * Sigma `product: m365, service: audit` events -> OfficeActivity, Sentinel's table of Office 365 audit records (its
 * page officeactivity-include.md is in the vendor snapshot and read at run time). The raw event is an Office 365
 * Management Activity API record (Sigma's rules name its properties: Operation, Workload, ObjectId, Parameters,
 * OperationProperties, ApplicationId, ResultStatus); nested or dotted keys are the same record.
 *
 * Each column is filled from the record property whose schema description the page repeats (OFFICE_MAPPING, one row
 * per column, citing the page line, the schema line and a phrase both hold; the schema is transcribed in
 * sentinel-office-pages.ts). Where the names differ: Workload -> OfficeWorkload, ObjectId -> OfficeObjectId
 * (`sentinel-cloud-office-object-id`), Id -> OfficeId and SourceRecordId (`sentinel-cloud-office-id-columns`),
 * CreationTime -> TimeGenerated, Target -> AADTarget, AzureActiveDirectoryEventType -> AzureActiveDirectory_EventType,
 * ClientIPAddress -> Client_IPAddress, LogonType -> Logon_Type, IntraSystemsId -> IntraSystemId, EventData ->
 * Event_Data, Site -> Site_, SiteUrl -> Site_Url, SourceName -> Source_Name, StartTime -> Start_Time, AddOnName ->
 * AddonName, SendOnBehalfOfUserMailboxGuid -> SendonBehalfOfUserMailboxGuid. Operation's own description is not the
 * schema's (`sentinel-cloud-office-operation`).
 *
 * Left empty: the columns no schema property is described as (AADGroupId, Activity, AppDistributionMode, AppId,
 * AppPoolName, AzureADAppId, ChatThreadId, ClientAppId, CommunicationType, IsManagedDevice, OfficeTenantId,
 * OperationScope, ResultReasonType, SRPolicyId, SRPolicyName, SRRuleMatchDetails, TargetUserId, UserDomain) and the
 * workspace's (SourceSystem, TenantId, _BilledSize, _IsBillable, _ResourceId, _SubscriptionId). Record properties
 * without a column (Scope, AppAccessContext, the STS logon's ErrorCode/LogonError/DeviceProperties, the Defender for
 * Office 365 email properties such as Directionality and DeliveryAction, ...) and Sigma names that are no record
 * property (`RequestType`, a Name inside ExtendedProperties) land in none (`sentinel-cloud-office-unplaced`).
 */

const PAGE = 'officeactivity-include.md';
const SCHEMA = 'office-365-management-activity-api-schema.md';

/** One record property -> OfficeActivity column, with the page line, the schema line and a phrase both descriptions hold. */
export interface OfficePlacement {
  readonly from: string;
  readonly column: string;
  /** officeactivity-include.md line of the column. */
  readonly line: number;
  /** Schema line of the property (OFFICE_SCHEMA_FIELDS). */
  readonly schemaLine: number;
  readonly phrase: string;
  /** The assumptions the row rests on beyond the two lines. */
  readonly assumptions: readonly string[];
}

const NEAR = assumption('sentinel-cloud-office-near-descriptions').id;
const SAME = assumption('sentinel-cloud-office-same-name').id;
const IDS = assumption('sentinel-cloud-office-id-columns').id;
const OBJECT_ID = assumption('sentinel-cloud-office-object-id').id;
const OPERATION = assumption('sentinel-cloud-office-operation').id;
const OP_PROPS = assumption('sentinel-cloud-office-operation-properties').id;
const ENUM = assumption('sentinel-cloud-office-enum-names').id;
const office = (from: string, column: string, line: number, schemaLine: number, phrase: string, assumptions: readonly string[] = []): OfficePlacement => ({
  from, column, line, schemaLine, phrase, assumptions,
});

/** Every OfficeActivity column a record property fills, in page order. */
export const OFFICE_MAPPING: readonly OfficePlacement[] = [
  office('Target', 'AADTarget', 14, 765, 'The user that the action (identified by the Operation property) was performed on'),
  office('Actor', 'Actor', 16, 759, 'The user or service principal that performed the action'),
  office('ActorContextId', 'ActorContextId', 17, 760, 'The GUID of the organization that the actor belongs to'),
  office('ActorIpAddress', 'ActorIpAddress', 18, 761, 'The actor\'s IP address in IPV4 or IPV6 address format'),
  office('AddOnGuid', 'AddOnGuid', 19, 1012, 'identifier', [NEAR]),
  office('AddOnName', 'AddonName', 20, 1013, 'The name of the add-on that generated'),
  office('AddOnType', 'AddOnType', 21, 1014, 'The type of add-on that generated this event'),
  office('AffectedItems', 'AffectedItems', 22, 651, 'Information about each item in the group'),
  office('Application', 'Application', 25, 701, 'The application', [NEAR]),
  office('ApplicationId', 'ApplicationId', 26, 275, 'application', [NEAR, SAME]),
  office('AzureActiveDirectoryEventType', 'AzureActiveDirectory_EventType', 28, 684, 'The type of Azure AD event'),
  office('ChannelGuid', 'ChannelGuid', 31, 1015, 'A unique identifier for the channel being audited'),
  office('ChannelName', 'ChannelName', 32, 1016, 'The name of the channel being audited'),
  office('ChannelType', 'ChannelType', 33, 1017, 'The type of channel being audited (Standard/Private)'),
  office('ChatName', 'ChatName', 34, 1085, 'The name of the chat', [SAME]),
  office('Client', 'Client', 36, 702, 'Details about the client device, device OS, and device browser that was used for the of the account login event', [SAME]),
  office('ClientIPAddress', 'Client_IPAddress', 37, 620, 'The IP address of the device that was used when the operation was logged'),
  office('ClientInfoString', 'ClientInfoString', 39, 619, 'Information about the email client that was used to perform the operation'),
  office('ClientIP', 'ClientIP', 40, 86, 'The IP address of the device that was used when the activity was logged'),
  office('ClientMachineName', 'ClientMachineName', 41, 621, 'The machine name that hosts the Outlook client'),
  office('ClientProcessName', 'ClientProcessName', 42, 622, 'The email client that was used to access the mailbox'),
  office('ClientVersion', 'ClientVersion', 43, 623, 'The version of the email client'),
  office('CrossMailboxOperations', 'CrossMailboxOperations', 45, 644, 'Indicates if the operation involved more than one mailbox'),
  office('CustomEvent', 'CustomEvent', 46, 515, 'Optional string for custom events'),
  office('DataCenterSecurityEventType', 'DataCenterSecurityEventType', 47, 983, 'event in lock box'),
  office('DestFolder', 'DestFolder', 48, 649, 'The destination folder'),
  office('DestinationFileExtension', 'DestinationFileExtension', 49, 472, 'The file extension of a file that is copied or moved'),
  office('DestinationFileName', 'DestinationFileName', 50, 471, 'The name of the file that is copied or moved'),
  office('DestinationRelativeUrl', 'DestinationRelativeUrl', 51, 470, 'The URL of the destination folder where a file is copied or moved'),
  office('DestMailboxId', 'DestMailboxId', 52, 645, 'Set only if the CrossMailboxOperations parameter is True'),
  office('DestMailboxOwnerMasterAccountSid', 'DestMailboxOwnerMasterAccountSid', 53, 648, 'Set only if the CrossMailboxOperations parameter is True'),
  office('DestMailboxOwnerSid', 'DestMailboxOwnerSid', 54, 647, 'Set only if the CrossMailboxOperations parameter is True'),
  office('DestMailboxOwnerUPN', 'DestMailboxOwnerUPN', 55, 646, 'Set only if the CrossMailboxOperations parameter is True'),
  office('EffectiveOrganization', 'EffectiveOrganization', 56, 998, 'The name of the tenant that the elevation/cmdlet was targeted at'),
  office('ElevationApprovedTime', 'ElevationApprovedTime', 57, 1001, 'The timestamp for when the elevation was approved'),
  office('ElevationApprover', 'ElevationApprover', 58, 1000, 'The name of a Microsoft manager'),
  office('ElevationDuration', 'ElevationDuration', 59, 1004, 'The duration for which the elevation was active'),
  office('ElevationRequestId', 'ElevationRequestId', 60, 1002, 'A unique identifier for the elevation request'),
  office('ElevationRole', 'ElevationRole', 61, 1003, 'The role the elevation was requested for'),
  office('ElevationTime', 'ElevationTime', 62, 999, 'The start time of the elevation'),
  office('EventData', 'Event_Data', 63, 516, 'Optional payload for custom events'),
  office('EventSource', 'EventSource', 64, 268, 'Identifies that an event occurred in SharePoint. Possible values are SharePoint or ObjectModel'),
  office('ExtendedProperties', 'ExtendedProperties', 65, 685, 'The extended properties of the Azure AD event'),
  office('ExternalAccess', 'ExternalAccess', 66, 600, 'Specifies whether the cmdlet was run by a user in your organization', [SAME]),
  office('ExtraProperties', 'ExtraProperties', 67, 1018, 'A list of extra properties'),
  office('Folder', 'Folder', 68, 643, 'The folder where a group of items is located'),
  office('Folders', 'Folders', 69, 650, 'Information about the source folders involved in an operation'),
  office('GenericInfo', 'GenericInfo', 70, 1005, 'Used for comments and other generic information'),
  office('InternalLogonType', 'InternalLogonType', 71, 609, 'Reserved for internal use'),
  office('InterSystemsId', 'InterSystemsId', 72, 762, 'The GUID that track the actions across components within the Office 365 service'),
  office('IntraSystemsId', 'IntraSystemId', 73, 763, 'The GUID that\'s generated by Azure Active Directory to track the action'),
  office('Item', 'Item', 76, 657, 'Represents the item upon which the operation was performed'),
  office('ItemName', 'ItemName', 77, 1623, 'The string in the Subject field of the email message'),
  office('ItemType', 'ItemType', 78, 267, 'The type of object that was accessed or modified. See the ItemType table for details on the types of objects'),
  office('LoginStatus', 'LoginStatus', 79, 703, 'This property is from OrgIdLogon.LoginStatus directly. The mapping of various interesting logon failures could be done by alerting algorithms'),
  office('LogonType', 'Logon_Type', 80, 608, 'Indicates the type of user who accessed the mailbox and performed the operation that was logged', [ENUM]),
  office('LogonUserDisplayName', 'LogonUserDisplayName', 81, 615, 'The user-friendly name of the user who performed the operation'),
  office('LogonUserSid', 'LogonUserSid', 82, 614, 'The SID of the user who performed the operation'),
  office('MachineDomainInfo', 'MachineDomainInfo', 83, 271, 'Information about device sync operations'),
  office('MachineId', 'MachineId', 84, 272, 'Information about device sync operations'),
  office('MailboxGuid', 'MailboxGuid', 85, 610, 'The Exchange GUID of the mailbox that was accessed'),
  office('MailboxOwnerMasterAccountSid', 'MailboxOwnerMasterAccountSid', 86, 613, 'Mailbox owner account\'s master account SID'),
  office('MailboxOwnerSid', 'MailboxOwnerSid', 87, 612, 'The SID of the mailbox owner'),
  office('MailboxOwnerUPN', 'MailboxOwnerUPN', 88, 611, 'The email address of the person who owns the mailbox that was accessed'),
  office('Members', 'Members', 89, 1021, 'A list of users within a Team'),
  office('MessageId', 'MessageId', 90, 1022, 'An identifier for a chat or channel message'),
  office('ModifiedObjectResolvedName', 'ModifiedObjectResolvedName', 91, 597, 'This is the user friendly name of the object that was modified by the cmdlet'),
  office('ModifiedProperties', 'ModifiedProperties', 92, 517, 'The property is included for admin events, such as adding a user as a member of a site or a site collection admin group', [SAME]),
  office('Name', 'Name', 93, 1026, 'Only present for settings events. Name of the setting that changed'),
  office('NewValue', 'NewValue', 94, 1027, 'Only present for settings events. New value of the setting'),
  office('Id', 'OfficeId', 95, 75, 'Unique identifier of an audit record', [IDS]),
  office('ObjectId', 'OfficeObjectId', 96, 84, 'For SharePoint and OneDrive for Business activity', [OBJECT_ID]),
  office('Workload', 'OfficeWorkload', 98, 82, 'The Office 365 service where the activity occurred'),
  office('OldValue', 'OldValue', 99, 1028, 'Only present for settings events. Old value of the setting'),
  office('Operation', 'Operation', 100, 78, 'The name of the', [OPERATION]),
  office('OperationProperties', 'OperationProperties', 101, 1645, 'properties', [OP_PROPS]),
  office('OrganizationId', 'OrganizationId', 103, 79, 'The GUID for your organization\'s Office 365 tenant. This value will always be the same for your organization'),
  office('OrganizationName', 'OrganizationName', 104, 602, 'The name of the tenant'),
  office('OriginatingServer', 'OriginatingServer', 105, 601, 'The name of the server from which the cmdlet was executed', [SAME]),
  office('Parameters', 'Parameters', 106, 598, 'The name and value for all parameters that were used with the cmdlet that is identified in the Operations property'),
  office('RecordType', 'RecordType', 107, 76, 'The type of operation indicated by the record. See the AuditLogRecordType table for details on the types of audit log records', [ENUM]),
  office('ResultStatus', 'ResultStatus', 110, 83, 'Indicates whether the action (specified in the Operation property) was successful or not'),
  office('SendAsUserMailboxGuid', 'SendAsUserMailboxGuid', 111, 660, 'The Exchange GUID of the mailbox that was accessed to send email as'),
  office('SendAsUserSmtp', 'SendAsUserSmtp', 112, 659, 'SMTP address of the user who is being impersonated'),
  office('SendOnBehalfOfUserMailboxGuid', 'SendonBehalfOfUserMailboxGuid', 113, 662, 'The Exchange GUID of the mailbox that was accessed to send mail on behalf of'),
  office('SendOnBehalfOfUserSmtp', 'SendOnBehalfOfUserSmtp', 114, 661, 'SMTP address of the user on whose behalf the email is sent'),
  office('SharingType', 'SharingType', 115, 474, 'The type of sharing permissions that were assigned to the user that the resource was shared with. This user is identified by the UserSharedWith parameter'),
  office('Site', 'Site_', 116, 266, 'The GUID of the site where the file or folder accessed by the user is located'),
  office('SiteUrl', 'Site_Url', 117, 466, 'The URL of the site where the file or folder accessed by the user is located'),
  office('SourceName', 'Source_Name', 118, 269, 'The entity that triggered the audited operation. Possible values are SharePoint or ObjectModel'),
  office('SourceFileExtension', 'SourceFileExtension', 119, 469, 'The file extension of the file that was accessed by the user'),
  office('SourceFileName', 'SourceFileName', 120, 468, 'The name of the file or folder accessed by the user'),
  office('Id', 'SourceRecordId', 121, 75, 'Unique identifier of an audit record', [IDS]),
  office('SourceRelativeUrl', 'SourceRelativeUrl', 122, 467, 'The URL of the folder that contains the file accessed by the user'),
  office('StartTime', 'Start_Time', 127, 921, 'The date and time at which the cmdlet was executed', [SAME]),
  office('SupportTicketId', 'SupportTicketId', 129, 764, 'The customer support ticket ID for the action in \'act-on-behalf-of\' situations'),
  office('TabType', 'TabType', 130, 1030, 'The type of tab that generated'),
  office('TargetContextId', 'TargetContextId', 131, 766, 'The GUID of the organization that the targeted user belongs to'),
  office('TargetUserOrGroupName', 'TargetUserOrGroupName', 133, 500, 'Stores the UPN or name of the target user or group that a resource was shared with'),
  office('TargetUserOrGroupType', 'TargetUserOrGroupType', 134, 501, 'Identifies whether the target user or group is a Member, Guest, Group, or Partner'),
  office('TeamGuid', 'TeamGuid', 135, 1031, 'A unique identifier for the team being audited'),
  office('TeamName', 'TeamName', 136, 1032, 'The name of the team being audited'),
  office('CreationTime', 'TimeGenerated', 138, 77, 'The date and time in Coordinated Universal Time (UTC) when the user performed the activity'),
  office('UserAgent', 'UserAgent', 140, 270, 'user', [NEAR]),
  office('UserId', 'UserId', 142, 85, 'The UPN (User Principal Name) of the user who performed the action (specified in the Operation property) that resulted in the record being logged'),
  office('UserKey', 'UserKey', 143, 81, 'An alternative ID for the user identified in the UserId property'),
  office('UserSharedWith', 'UserSharedWith', 144, 473, 'The user that a resource was shared with'),
  office('UserType', 'UserType', 145, 80, 'The type of user that performed the operation. See the UserType table for details on the types of users', [ENUM]),];

/** Schema properties typed Collection(...): a list in the record (`sentinel-cloud-office-collections`). */
const COLLECTIONS = new Set(['Target', 'Actor', 'AffectedItems', 'ExtendedProperties', 'ExtraProperties', 'Folders', 'Members', 'ModifiedProperties', 'OperationProperties', 'Parameters']);

/** Enum-typed properties whose column holds the member name (`sentinel-cloud-office-enum-names`). */
const ENUM_NAMES: Readonly<Record<string, ReadonlyMap<number, string>>> = {
  RecordType: new Map(OFFICE_RECORD_TYPES.map(([v, n]) => [v, n])),
  UserType: new Map(OFFICE_USER_TYPES.map(([v, n]) => [v, n])),
  LogonType: new Map(OFFICE_LOGON_TYPES.map(([v, n]) => [v, n])),
};

/** The Management Activity record a raw Sigma m365/audit event stands for (dotted keys nested). */
export function officeRecord(event: RawEvent): Record<string, unknown> {
  return nestKeys(flatEvent(event));
}

/** The OfficeActivity row of a raw m365/audit event. */
export function officeActivityRow(event: RawEvent): Record<string, KqlValue> {
  const record = officeRecord(event);
  const types = kqlTableColumns('OfficeActivity')!;
  const values: Record<string, KqlValue> = {};
  for (const key of Object.keys(record)) if (!OFFICE_MAPPING.some((p) => p.from === key)) assumption('sentinel-cloud-office-unplaced');
  for (const p of OFFICE_MAPPING) {
    if (!(p.from in record)) continue;
    for (const a of p.assumptions) assumption(a);
    values[p.column] = officeValue(types[p.column]!, p.from, record[p.from]);
  }
  // Type: "The name of the table" (officeactivity-include.md:139).
  values['Type'] = 'OfficeActivity';
  return fullRow('OfficeActivity', values);
}

/** A record value in a column of the page's type. */
function officeValue(type: KqlType, property: string, raw: unknown): KqlValue {
  let v = raw;
  if (COLLECTIONS.has(property) && v !== null && typeof v === 'object' && !Array.isArray(v)) {
    assumption('sentinel-cloud-office-collections');
    v = [v];
  }
  const names = ENUM_NAMES[property];
  if (names && (typeof v === 'number' || (typeof v === 'string' && /^\d+$/.test(v)))) {
    assumption('sentinel-cloud-office-enum-names');
    const name = names.get(Number(v));
    if (name !== undefined) return name;
  }
  if (v === undefined || v === null) return type === 'string' ? '' : null;
  if (type === 'string') {
    if (typeof v === 'object') assumption('sentinel-cloud-json-text');
    else if (typeof v !== 'string') assumption('sentinel-cloud-office-values');
  }
  if (type === 'bool') assumption('sentinel-cloud-bool-text');
  // Times without a zone are UTC here (officeTime); every other type as the other tables hold it.
  return type === 'datetime' ? officeTime(v) : columnValue(type, v);
}

/** Edm.Date text (`2024-05-01T10:00:00`, UTC without a zone) -> Date; null when unparsable. */
function officeTime(v: unknown): Date | null {
  if (v instanceof Date) return v;
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(v)) return null;
  const iso = v.replace(' ', 'T');
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(iso);
  if (!zoned) assumption('sentinel-cloud-office-values');
  const d = new Date(zoned ? iso : `${iso}Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Where each raw key lands (as `sentinelCloudPlacements` reports it). */
export function officePlacements(event: RawEvent): KeyPlacement[] {
  return Object.keys(flatEvent(event)).map((key) => {
    const [head, ...rest] = key.split('.');
    const hits = OFFICE_MAPPING.filter((p) => p.from === head);
    if (hits.length === 0) return { key, columns: [], cite: `no OfficeActivity column holds the record's ${head}`, rank: 3, tail: '' };
    return {
      key,
      columns: hits.map((p) => p.column),
      cite: hits.map((p) => `${PAGE}:${p.line} ${p.column}: "${p.phrase}"; ${SCHEMA}:${p.schemaLine} ${p.from}`).join('; '),
      rank: 3,
      tail: rest.join('.'),
    };
  });
}
