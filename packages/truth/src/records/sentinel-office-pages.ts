/**
 * The source the OfficeActivity records rest on besides the table page (which is in the vendor snapshot and read at
 * run time: `columns.ts` TABLE_PAGES): Microsoft's Office 365 Management Activity API schema, transcribed as facts
 * (SOURCES.md, "Office 365"). Sigma's `product: m365, service: audit` events are records of that API (Operation,
 * Workload, ObjectId, Parameters, ... are its property names), and most OfficeActivity columns are described on the
 * table page with the words the schema uses for one of its properties (OfficeWorkload "The Office 365 service where
 * the activity occurred" = Workload): that is what ties a column to a property.
 *
 * The version transcribed is the one the table page's descriptions were copied from: at this commit CreationTime is
 * still "The date and time in Coordinated Universal Time (UTC) when the user performed the activity" (the page's
 * TimeGenerated, officeactivity-include.md:138; the schema says "when the audit log record was generated" from
 * af3ab9af86765c124d65c749f13c50895545dc6e, 2024-07-01) and the Entra renaming has not reached ExtendedProperties
 * ("The extended properties of the Azure AD event", :65) or AzureActiveDirectoryEventType (:28).
 */
import type { TranscribedPage } from './web-tables.js';

export const OFFICE_SCHEMA_PAGE: TranscribedPage & { readonly url: string } = {
  repo: 'MicrosoftDocs/office-365-management-api',
  path: 'office-365-management-api/office-365-management-activity-api-schema.md',
  commit: '61be337ce7da830d1dbe6abd262e83de2759513d',
  url: 'https://learn.microsoft.com/en-us/office/office-365-management-api/office-365-management-activity-api-schema',
};

/**
 * A later version of the same page (2026-06, the newest in the code index) documents OperationProperties for Exchange
 * mailbox records (from b73088134262c4add4c9c72c1705718dc755fd30, 2025-10-13): "Collection of operation-specific
 * properties." (Exchange Mailbox schema, line 820 at this commit). The transcribed version has it only for the
 * Encrypted message portal (line 1645).
 */
export const OFFICE_SCHEMA_LATER: TranscribedPage = {
  repo: 'MicrosoftDocs/office-365-management-api',
  path: 'office-365-management-api/office-365-management-activity-api-schema.md',
  commit: '8a539d33bd3f05032e3c2b49c7951aa94bd80555',
};

/** `[property, schema section, line, type, phrase of the description]`, in line order (the lines the mapping rows cite). */
export const OFFICE_SCHEMA_FIELDS: readonly (readonly [property: string, section: string, line: number, type: string, phrase: string])[] = [
  ['Id', 'Common schema', 75, 'Combination GUIDEdm.Guid', 'Unique identifier of an audit record.'],
  ['RecordType', 'Common schema', 76, 'Self.AuditLogRecordType', 'The type of operation indicated by the record. See the AuditLogRecordType table for details on the types of audit log records.'],
  ['CreationTime', 'Common schema', 77, 'Edm.Date', 'The date and time in Coordinated Universal Time (UTC) when the user performed the activity.'],
  ['Operation', 'Common schema', 78, 'Edm.String', 'The name of the user or admin activity.'],
  ['OrganizationId', 'Common schema', 79, 'Edm.Guid', 'The GUID for your organization\'s Office 365 tenant. This value will always be the same for your organization, regardless of the Office 365 service in which it occurs.'],
  ['UserType', 'Common schema', 80, 'Self.UserType', 'The type of user that performed the operation. See the UserType table for details on the types of users.'],
  ['UserKey', 'Common schema', 81, 'Edm.String', 'An alternative ID for the user identified in the UserId property.'],
  ['Workload', 'Common schema', 82, 'Edm.String', 'The Office 365 service where the activity occurred.'],
  ['ResultStatus', 'Common schema', 83, 'Edm.String', 'Indicates whether the action (specified in the Operation property) was successful or not.'],
  ['ObjectId', 'Common schema', 84, 'Edm.string', 'For SharePoint and OneDrive for Business activity, the full path name of the file or folder accessed by the user.'],
  ['UserId', 'Common schema', 85, 'Edm.string', 'The UPN (User Principal Name) of the user who performed the action (specified in the Operation property) that resulted in the record being logged; for example, my_name@my_domain_name.'],
  ['ClientIP', 'Common schema', 86, 'Edm.String', 'The IP address of the device that was used when the activity was logged.'],
  ['Site', 'SharePoint Base schema', 266, 'Edm.Guid', 'The GUID of the site where the file or folder accessed by the user is located.'],
  ['ItemType', 'SharePoint Base schema', 267, 'Edm.String String="Microsoft.Office.Audit.Schema.SharePoint.ItemType"', 'The type of object that was accessed or modified. See the ItemType table for details on the types of objects.'],
  ['EventSource', 'SharePoint Base schema', 268, 'Edm.String String="Microsoft.Office.Audit.Schema.SharePoint.EventSource"', 'Identifies that an event occurred in SharePoint. Possible values are SharePoint or ObjectModel.'],
  ['SourceName', 'SharePoint Base schema', 269, 'Edm.String', 'The entity that triggered the audited operation. Possible values are SharePoint or ObjectModel.'],
  ['UserAgent', 'SharePoint Base schema', 270, 'Edm.String', 'Information about the user\'s client or browser.'],
  ['MachineDomainInfo', 'SharePoint Base schema', 271, 'Edm.String Term="Microsoft.Office.Audit.Schema.PIIFlag" Bool="true"', 'Information about device sync operations.'],
  ['MachineId', 'SharePoint Base schema', 272, 'Edm.String Term="Microsoft.Office.Audit.Schema.PIIFlag" Bool="true"', 'Information about device sync operations.'],
  ['ApplicationId', 'SharePoint Base schema', 275, 'Edm.String', 'The ID of the application performing the operation.'],
  ['SiteUrl', 'SharePoint file operations', 466, 'Edm.String', 'The URL of the site where the file or folder accessed by the user is located.'],
  ['SourceRelativeUrl', 'SharePoint file operations', 467, 'Edm.String', 'The URL of the folder that contains the file accessed by the user.'],
  ['SourceFileName', 'SharePoint file operations', 468, 'Edm.String', 'The name of the file or folder accessed by the user.'],
  ['SourceFileExtension', 'SharePoint file operations', 469, 'Edm.String', 'The file extension of the file that was accessed by the user.'],
  ['DestinationRelativeUrl', 'SharePoint file operations', 470, 'Edm.String', 'The URL of the destination folder where a file is copied or moved.'],
  ['DestinationFileName', 'SharePoint file operations', 471, 'Edm.String', 'The name of the file that is copied or moved.'],
  ['DestinationFileExtension', 'SharePoint file operations', 472, 'Edm.String', 'The file extension of a file that is copied or moved.'],
  ['UserSharedWith', 'SharePoint file operations', 473, 'Edm.String', 'The user that a resource was shared with.'],
  ['SharingType', 'SharePoint file operations', 474, 'Edm.String', 'The type of sharing permissions that were assigned to the user that the resource was shared with. This user is identified by the  _UserSharedWith_ parameter.'],
  ['TargetUserOrGroupName', 'SharePoint Sharing schema', 500, 'Edm.String', 'Stores the UPN or name of the target user or group that a resource was shared with.'],
  ['TargetUserOrGroupType', 'SharePoint Sharing schema', 501, 'Edm.String', 'Identifies whether the target user or group is a Member, Guest, Group, or Partner.'],
  ['CustomEvent', 'SharePoint schema', 515, 'Edm.String', 'Optional string for custom events.'],
  ['EventData', 'SharePoint schema', 516, 'Edm.String', 'Optional payload for custom events.'],
  ['ModifiedProperties', 'SharePoint schema', 517, 'Collection(ModifiedProperty)', 'The property is included for admin events, such as adding a user as a member of a site or a site collection admin group.'],
  ['ModifiedObjectResolvedName', 'Exchange Admin schema', 597, 'Edm.String', 'This is the user friendly name of the object that was modified by the cmdlet.'],
  ['Parameters', 'Exchange Admin schema', 598, 'Collection(Common.NameValuePair)', 'The name and value for all parameters that were used with the cmdlet that is identified in the Operations property.'],
  ['ExternalAccess', 'Exchange Admin schema', 600, 'Edm.Boolean', 'Specifies whether the cmdlet was run by a user in your organization, by Microsoft datacenter personnel or a datacenter service account, or by a delegated administrator.'],
  ['OriginatingServer', 'Exchange Admin schema', 601, 'Edm.String', 'The name of the server from which the cmdlet was executed.'],
  ['OrganizationName', 'Exchange Admin schema', 602, 'Edm.String', 'The name of the tenant.'],
  ['LogonType', 'Exchange Mailbox schema', 608, 'Self.LogonType', 'Indicates the type of user who accessed the mailbox and performed the operation that was logged.'],
  ['InternalLogonType', 'Exchange Mailbox schema', 609, 'Self.LogonType', 'Reserved for internal use.'],
  ['MailboxGuid', 'Exchange Mailbox schema', 610, 'Edm.String', 'The Exchange GUID of the mailbox that was accessed.'],
  ['MailboxOwnerUPN', 'Exchange Mailbox schema', 611, 'Edm.String', 'The email address of the person who owns the mailbox that was accessed.'],
  ['MailboxOwnerSid', 'Exchange Mailbox schema', 612, 'Edm.String', 'The SID of the mailbox owner.'],
  ['MailboxOwnerMasterAccountSid', 'Exchange Mailbox schema', 613, 'Edm.String', 'Mailbox owner account\'s master account SID.'],
  ['LogonUserSid', 'Exchange Mailbox schema', 614, 'Edm.String', 'The SID of the user who performed the operation.'],
  ['LogonUserDisplayName', 'Exchange Mailbox schema', 615, 'Edm.String', 'The user-friendly name of the user who performed the operation.'],
  ['ClientInfoString', 'Exchange Mailbox schema', 619, 'Edm.String', 'Information about the email client that was used to perform the operation, such as a browser version, Outlook version, and mobile device information.'],
  ['ClientIPAddress', 'Exchange Mailbox schema', 620, 'Edm.String', 'The IP address of the device that was used when the operation was logged.'],
  ['ClientMachineName', 'Exchange Mailbox schema', 621, 'Edm.String', 'The machine name that hosts the Outlook client.'],
  ['ClientProcessName', 'Exchange Mailbox schema', 622, 'Edm.String', 'The email client that was used to access the mailbox.'],
  ['ClientVersion', 'Exchange Mailbox schema', 623, 'Edm.String', 'The version of the email client .'],
  ['Folder', 'ExchangeMailboxAuditGroupRecord schema', 643, 'Self.ExchangeFolder', 'The folder where a group of items is located.'],
  ['CrossMailboxOperations', 'ExchangeMailboxAuditGroupRecord schema', 644, 'Edm.Boolean', 'Indicates if the operation involved more than one mailbox.'],
  ['DestMailboxId', 'ExchangeMailboxAuditGroupRecord schema', 645, 'Edm.Guid', 'Set only if the CrossMailboxOperations parameter is True.'],
  ['DestMailboxOwnerUPN', 'ExchangeMailboxAuditGroupRecord schema', 646, 'Edm.String', 'Set only if the CrossMailboxOperations parameter is True.'],
  ['DestMailboxOwnerSid', 'ExchangeMailboxAuditGroupRecord schema', 647, 'Edm.String', 'Set only if the CrossMailboxOperations parameter is True.'],
  ['DestMailboxOwnerMasterAccountSid', 'ExchangeMailboxAuditGroupRecord schema', 648, 'Edm.String', 'Set only if the CrossMailboxOperations parameter is True.'],
  ['DestFolder', 'ExchangeMailboxAuditGroupRecord schema', 649, 'Self.ExchangeFolder', 'The destination folder, for operations such as Move.'],
  ['Folders', 'ExchangeMailboxAuditGroupRecord schema', 650, 'Collection(Self.ExchangeFolder)', 'Information about the source folders involved in an operation; for example, if folders are selected and then deleted.'],
  ['AffectedItems', 'ExchangeMailboxAuditGroupRecord schema', 651, 'Collection(Self.ExchangeItem)', 'Information about each item in the group.'],
  ['Item', 'ExchangeMailboxAuditRecord schema', 657, 'Self.ExchangeItem', 'Represents the item upon which the operation was performed'],
  ['SendAsUserSmtp', 'ExchangeMailboxAuditRecord schema', 659, 'Edm.String', 'SMTP address of the user who is being impersonated.'],
  ['SendAsUserMailboxGuid', 'ExchangeMailboxAuditRecord schema', 660, 'Edm.Guid', 'The Exchange GUID of the mailbox that was accessed to send email as.'],
  ['SendOnBehalfOfUserSmtp', 'ExchangeMailboxAuditRecord schema', 661, 'Edm.String', 'SMTP address of the user on whose behalf the email is sent.'],
  ['SendOnBehalfOfUserMailboxGuid', 'ExchangeMailboxAuditRecord schema', 662, 'Edm.Guid', 'The Exchange GUID of the mailbox that was accessed to send mail on behalf of.'],
  ['AzureActiveDirectoryEventType', 'Azure Active Directory Base schema', 684, 'Self.AzureActiveDirectoryEventType', 'The type of Azure AD event.'],
  ['ExtendedProperties', 'Azure Active Directory Base schema', 685, 'Collection(Common.NameValuePair)', 'The extended properties of the Azure AD event.'],
  ['Application', 'Azure Active Directory Account Logon schema', 701, 'Edm.String', 'The application that triggers the account login event, such as Office 15.'],
  ['Client', 'Azure Active Directory Account Logon schema', 702, 'Edm.String', 'Details about the client device, device OS, and device browser that was used for the of the account login event.'],
  ['LoginStatus', 'Azure Active Directory Account Logon schema', 703, 'Edm.Int32', 'This property is from OrgIdLogon.LoginStatus directly. The mapping of various interesting logon failures could be done by alerting algorithms.'],
  ['Actor', 'Azure Active Directory schema', 759, 'Collection(Self.IdentityTypeValuePair)', 'The user or service principal that performed the action.'],
  ['ActorContextId', 'Azure Active Directory schema', 760, 'Edm.String', 'The GUID of the organization that the actor belongs to.'],
  ['ActorIpAddress', 'Azure Active Directory schema', 761, 'Edm.String', 'The actor\'s IP address in IPV4 or IPV6 address format.'],
  ['InterSystemsId', 'Azure Active Directory schema', 762, 'Edm.String', 'The GUID that track the actions across components within the Office 365 service.'],
  ['IntraSystemsId', 'Azure Active Directory schema', 763, 'Edm.String', 'The GUID that\'s generated by Azure Active Directory to track the action.'],
  ['SupportTicketId', 'Azure Active Directory schema', 764, 'Edm.String', 'The customer support ticket ID for the action in "act-on-behalf-of" situations.'],
  ['Target', 'Azure Active Directory schema', 765, 'Collection(Self.IdentityTypeValuePair)', 'The user that the action (identified by the Operation property) was performed on.'],
  ['TargetContextId', 'Azure Active Directory schema', 766, 'Edm.String', 'The GUID of the organization that the targeted user belongs to.'],
  ['StartTime', 'Security and Compliance Center schema', 921, 'Edm.Date', 'The date and time at which the cmdlet was executed.'],
  ['DataCenterSecurityEventType', 'Data Center Security Base schema', 983, 'Self.DataCenterSecurityEventType', 'The type of cmdlet event in lock box.'],
  ['EffectiveOrganization', 'Data Center Security Cmdlet schema', 998, 'Edm.String', 'The name of the tenant that the elevation/cmdlet was targeted at.'],
  ['ElevationTime', 'Data Center Security Cmdlet schema', 999, 'Edm.Date', 'The start time of the elevation.'],
  ['ElevationApprover', 'Data Center Security Cmdlet schema', 1000, 'Edm.String', 'The name of a Microsoft manager.'],
  ['ElevationApprovedTime', 'Data Center Security Cmdlet schema', 1001, 'Edm.Date', 'The timestamp for when the elevation was approved.'],
  ['ElevationRequestId', 'Data Center Security Cmdlet schema', 1002, 'Edm.Guid', 'A unique identifier for the elevation request.'],
  ['ElevationRole', 'Data Center Security Cmdlet schema', 1003, 'Edm.String', 'The role the elevation was requested for.'],
  ['ElevationDuration', 'Data Center Security Cmdlet schema', 1004, 'Edm.Int32', 'The duration for which the elevation was active.'],
  ['GenericInfo', 'Data Center Security Cmdlet schema', 1005, 'Edm.String', 'Used for comments and other generic information.'],
  ['AddOnGuid', 'Microsoft Teams schema', 1012, 'Edm.Guid', 'A unique identifier for the add-on that generated the event.'],
  ['AddOnName', 'Microsoft Teams schema', 1013, 'Edm.String', 'The name of the add-on that generated the event.'],
  ['AddOnType', 'Microsoft Teams schema', 1014, 'Self.AddOnType', 'The type of add-on that generated this event.'],
  ['ChannelGuid', 'Microsoft Teams schema', 1015, 'Edm.Guid', 'A unique identifier for the channel being audited.'],
  ['ChannelName', 'Microsoft Teams schema', 1016, 'Edm.String', 'The name of the channel being audited.'],
  ['ChannelType', 'Microsoft Teams schema', 1017, 'Edm.String', 'The type of channel being audited (Standard/Private).'],
  ['ExtraProperties', 'Microsoft Teams schema', 1018, 'Collection(Self.KeyValuePair)', 'A list of extra properties.'],
  ['Members', 'Microsoft Teams schema', 1021, 'Collection(Self.MicrosoftTeamsMember)', 'A list of users within a Team.'],
  ['MessageId', 'Microsoft Teams schema', 1022, 'Edm.String', 'An identifier for a chat or channel message.'],
  ['Name', 'Microsoft Teams schema', 1026, 'Edm.String', 'Only present for settings events. Name of the setting that changed.'],
  ['NewValue', 'Microsoft Teams schema', 1027, 'Edm.String', 'Only present for settings events. New value of the setting.'],
  ['OldValue', 'Microsoft Teams schema', 1028, 'Edm.String', 'Only present for settings events. Old value of the setting.'],
  ['TabType', 'Microsoft Teams schema', 1030, 'Edm.String', 'Only present for tab events. The type of tab that generated the event.'],
  ['TeamGuid', 'Microsoft Teams schema', 1031, 'Edm.Guid', 'A unique identifier for the team being audited.'],
  ['TeamName', 'Microsoft Teams schema', 1032, 'Edm.String', 'The name of the team being audited.'],
  ['ChatName', 'Message complex type', 1085, 'Edm.String', 'The name of the chat the message belongs to.'],
  ['ItemName', 'MIP label schema', 1623, 'Edm.String', 'The string in the Subject field of the email message.'],
  ['OperationProperties', 'Encrypted message portal events schema', 1645, 'Collection(Common.NameValuePair)', 'Extra properties, i.e.'],
];

/** Enum AuditLogRecordType (`#### AuditLogRecordType`): `[value, member name, line]`, 128 rows, lines 96-223. */
export const OFFICE_RECORD_TYPES: readonly (readonly [value: number, member: string, line: number])[] = [
  [1, 'ExchangeAdmin', 96], [2, 'ExchangeItem', 97], [3, 'ExchangeItemGroup', 98], [4, 'SharePoint', 99], [6, 'SharePointFileOperation', 100], [7, 'OneDrive', 101],
  [8, 'AzureActiveDirectory', 102], [9, 'AzureActiveDirectoryAccountLogon', 103], [10, 'DataCenterSecurityCmdlet', 104], [11, 'ComplianceDLPSharePoint', 105], [13, 'ComplianceDLPExchange', 106], [14, 'SharePointSharingOperation', 107],
  [15, 'AzureActiveDirectoryStsLogon', 108], [16, 'SkypeForBusinessPSTNUsage', 109], [17, 'SkypeForBusinessUsersBlocked', 110], [18, 'SecurityComplianceCenterEOPCmdlet', 111], [19, 'ExchangeAggregatedOperation', 112], [20, 'PowerBIAudit', 113],
  [21, 'CRM', 114], [22, 'Yammer', 115], [23, 'SkypeForBusinessCmdlets', 116], [24, 'Discovery', 117], [25, 'MicrosoftTeams', 118], [28, 'ThreatIntelligence', 119],
  [29, 'MailSubmission', 120], [30, 'MicrosoftFlow', 121], [31, 'AeD', 122], [32, 'MicrosoftStream', 123], [33, 'ComplianceDLPSharePointClassification', 124], [34, 'ThreatFinder', 125],
  [35, 'Project', 126], [36, 'SharePointListOperation', 127], [37, 'SharePointCommentOperation', 128], [38, 'DataGovernance', 129], [39, 'Kaizala', 130], [40, 'SecurityComplianceAlerts', 131],
  [41, 'ThreatIntelligenceUrl', 132], [42, 'SecurityComplianceInsights', 133], [43, 'MIPLabel', 134], [44, 'WorkplaceAnalytics', 135], [45, 'PowerAppsApp', 136], [46, 'PowerAppsPlan', 137],
  [47, 'ThreatIntelligenceAtpContent', 138], [48, 'LabelContentExplorer', 139], [49, 'TeamsHealthcare', 140], [50, 'ExchangeItemAggregated', 141], [51, 'HygieneEvent', 142], [52, 'DataInsightsRestApiAudit', 143],
  [53, 'InformationBarrierPolicyApplication', 144], [54, 'SharePointListItemOperation', 145], [55, 'SharePointContentTypeOperation', 146], [56, 'SharePointFieldOperation', 147], [57, 'MicrosoftTeamsAdmin', 148], [58, 'HRSignal', 149],
  [59, 'MicrosoftTeamsDevice', 150], [60, 'MicrosoftTeamsAnalytics', 151], [61, 'InformationWorkerProtection', 152], [62, 'Campaign', 153], [63, 'DLPEndpoint', 154], [64, 'AirInvestigation', 155],
  [65, 'Quarantine', 156], [66, 'MicrosoftForms', 157], [67, 'ApplicationAudit', 158], [68, 'ComplianceSupervisionExchange', 159], [69, 'CustomerKeyServiceEncryption', 160], [70, 'OfficeNative', 161],
  [71, 'MipAutoLabelSharePointItem', 162], [72, 'MipAutoLabelSharePointPolicyLocation', 163], [73, 'MicrosoftTeamsShifts', 164], [75, 'MipAutoLabelExchangeItem', 165], [76, 'CortanaBriefing', 166], [78, 'WDATPAlerts', 167],
  [82, 'SensitivityLabelPolicyMatch', 168], [83, 'SensitivityLabelAction', 169], [84, 'SensitivityLabeledFileAction', 170], [85, 'AttackSim', 171], [86, 'AirManualInvestigation', 172], [87, 'SecurityComplianceRBAC', 173],
  [88, 'UserTraining', 174], [89, 'AirAdminActionInvestigation', 175], [90, 'MSTIC', 176], [91, 'PhysicalBadgingSignal', 177], [93, 'AipDiscover', 178], [94, 'AipSensitivityLabelAction', 179],
  [95, 'AipProtectionAction', 180], [96, 'AipFileDeleted', 181], [97, 'AipHeartBeat', 182], [98, 'MCASAlerts', 183], [99, 'OnPremisesFileShareScannerDlp', 184], [100, 'OnPremisesSharePointScannerDlp', 185],
  [101, 'ExchangeSearch', 186], [102, 'SharePointSearch', 187], [103, 'PrivacyInsights', 188], [105, 'MyAnalyticsSettings', 189], [106, 'SecurityComplianceUserChange', 190], [107, 'ComplianceDLPExchangeClassification', 191],
  [109, 'MipExactDataMatch', 192], [113, 'MS365DCustomDetection', 193], [147, 'CoreReportingSettings', 194], [148, 'ComplianceConnector', 195], [154, 'OMEPortal', 196], [174, 'DataShareOperation', 197],
  [181, 'EduDataLakeDownloadOperation', 198], [183, 'MicrosoftGraphDataConnectOperation', 199], [186, 'PowerPagesSite', 200], [188, 'PlannerPlan', 201], [189, 'PlannerCopyPlan', 202], [190, 'PlannerTask', 203],
  [191, 'PlannerRoster', 204], [192, 'PlannerPlanList', 205], [193, 'PlannerTaskList', 206], [194, 'PlannerTenantSettings', 207], [195, 'ProjectForTheWebProject', 208], [196, 'ProjectForTheWebTask', 209],
  [197, 'ProjectForTheWebRoadmap', 210], [198, 'ProjectForTheWebRoadmapItem', 211], [199, 'ProjectForTheWebProjectSettings', 212], [200, 'ProjectForTheWebRoadmapSettings', 213], [202, 'MicrosoftTodoAudit', 214], [216, 'Viva Goals', 215],
  [217, 'MicrosoftGraphDataConnectConsent', 216], [230, 'TeamsUpdates', 217], [237, 'DefenderExpertsforXDRAdmin', 218], [231, 'PlannerRosterSensitivityLabel', 219], [251, 'VfamCreatePolicy', 220], [252, 'VfamUpdatePolicy', 221],
  [253, 'VfamDeletePolicy', 222], [261, 'Copilotinteraction', 223],
];

/** Enum User Type (`#### User Type`): `[value, member name, line]`, 9 rows, lines 231-239. */
export const OFFICE_USER_TYPES: readonly (readonly [value: number, member: string, line: number])[] = [
  [0, 'Regular', 231], [1, 'Reserved', 232], [2, 'Admin', 233], [3, 'DcAdmin', 234], [4, 'System', 235], [5, 'Application', 236],
  [6, 'ServicePrincipal', 237], [7, 'CustomPolicy', 238], [8, 'SystemPolicy', 239],
];

/** Enum LogonType (`#### LogonType`): `[value, member name, line]`, 7 rows, lines 631-637. */
export const OFFICE_LOGON_TYPES: readonly (readonly [value: number, member: string, line: number])[] = [
  [0, 'Owner', 631], [1, 'Admin', 632], [2, 'Delegated', 633], [3, 'Transport', 634], [4, 'SystemService', 635], [5, 'BestAccess', 636],
  [6, 'DelegatedAdmin', 637],
];
