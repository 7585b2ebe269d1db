import type { EventTemplate } from './template-types.js';

/**
 * Hand-written templates for the event types Sigma categories and services need that SigmaHQ's
 * regression_data has no real event of. Field lists follow the event schemas (Sysmon: `sysmon -s` schema
 * 4.90 / Sysmon 15; Security: the event's XML template as Windows writes it; PowerShell and System: the
 * provider's manifest); values are plausible, not recorded. Flat, as `flattenWindowsEvent` writes them.
 */
const HOST = 'WORKSTATION01.contoso.local';
const SYSMON = 'Microsoft-Windows-Sysmon/Operational';
const TIME = '2025-06-02T09:14:07.512301Z';
const UTC = '2025-06-02 09:14:07.498';
const USER = 'CONTOSO\\user01';
const PS = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';
const GUID_P = '{1F8A7C2D-3B4E-6845-0A01-000000000F00}';
const GUID_T = '{1F8A7C2D-3B52-6845-0C01-000000000F00}';
const HASHES = 'SHA1=3C1C4AB0B4E2B3E8C5C2F0A9D1B7A6E2F4C8D9B1,MD5=7353F60B1739074EB17C5F4DDDEFE239,SHA256=DE96A6E69944335375DC1AC238336066889D9FFC7D73628EF4FE1B1B160AB32C,IMPHASH=741776AACCFC5B71FF59832DCDCACE0F';

function header(channel: string, provider: string, guid: string | undefined, eventId: number, task: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {
    Provider_Name: provider,
    ...(guid === undefined ? {} : { Provider_Guid: guid }),
    EventID: eventId,
    Version: 0,
    Level: 4,
    Task: task,
    Opcode: 0,
    Keywords: '0x8000000000000000',
    TimeCreated_SystemTime: TIME,
    EventRecordID: 104221 + eventId,
    Correlation: null,
    Execution_ProcessID: 3208,
    Execution_ThreadID: 4120,
    Channel: channel,
    Computer: HOST,
    Security_UserID: 'S-1-5-18',
    ...extra,
  };
  // `undefined` in extra removes a header field the event does not have.
  for (const [k, v] of Object.entries(out)) if (v === undefined) delete out[k];
  return out;
}

const sysmon = (eventId: number, data: Record<string, unknown>, version = 5): EventTemplate => ({
  channel: SYSMON,
  eventId,
  origin: 'hand-written',
  source: `Sysmon 15 schema, event id ${eventId}`,
  event: { ...header(SYSMON, 'Microsoft-Windows-Sysmon', '5770385F-C22A-43E0-BF4C-06F5698FFBD9', eventId, eventId, { Version: version }), ...data },
});

const SECURITY_GUID = '54849625-5478-4994-A5BA-3E3B0328C30D';
const subject = { SubjectUserSid: 'S-1-5-21-1111111111-2222222222-3333333333-1001', SubjectUserName: 'user01', SubjectDomainName: 'CONTOSO', SubjectLogonId: '0x3144c' };
const security = (eventId: number, task: number, data: Record<string, unknown>): EventTemplate => ({
  channel: 'Security',
  eventId,
  origin: 'hand-written',
  source: `Security event ${eventId} XML template (Microsoft-Windows-Security-Auditing)`,
  event: { ...header('Security', 'Microsoft-Windows-Security-Auditing', SECURITY_GUID, eventId, task, { Keywords: '0x8020000000000000', Level: 0 }), ...data },
});

const proc = { ProcessGuid: GUID_P, ProcessId: 6412, Image: PS };

export const HAND_TEMPLATES: readonly EventTemplate[] = [
  sysmon(2, { RuleName: '-', UtcTime: UTC, ...proc, TargetFilename: 'C:\\Users\\user01\\AppData\\Local\\Temp\\report.docx', CreationUtcTime: '2021-03-11 08:00:00.000', PreviousCreationUtcTime: UTC, User: USER }),
  sysmon(3, {
    RuleName: '-',
    UtcTime: UTC,
    ...proc,
    User: USER,
    Protocol: 'tcp',
    Initiated: 'true',
    SourceIsIpv6: 'false',
    SourceIp: '10.0.0.15',
    SourceHostname: HOST,
    SourcePort: 50212,
    SourcePortName: '-',
    DestinationIsIpv6: 'false',
    DestinationIp: '93.184.215.14',
    DestinationHostname: 'example.com',
    DestinationPort: 443,
    DestinationPortName: 'https',
  }),
  sysmon(4, { UtcTime: UTC, State: 'Started', Version: '15.15', SchemaVersion: '4.90' }, 3),
  sysmon(5, { RuleName: '-', UtcTime: UTC, ...proc, User: USER }, 3),
  sysmon(6, { RuleName: '-', UtcTime: UTC, ImageLoaded: 'C:\\Windows\\System32\\drivers\\WdFilter.sys', Hashes: HASHES, Signed: 'true', Signature: 'Microsoft Windows', SignatureStatus: 'Valid' }, 4),
  sysmon(8, {
    RuleName: '-',
    UtcTime: UTC,
    SourceProcessGuid: GUID_P,
    SourceProcessId: 6412,
    SourceImage: PS,
    TargetProcessGuid: GUID_T,
    TargetProcessId: 7724,
    TargetImage: 'C:\\Windows\\System32\\notepad.exe',
    NewThreadId: 8120,
    StartAddress: '0x00007FF6A1B21F70',
    StartModule: 'C:\\Windows\\System32\\notepad.exe',
    StartFunction: '-',
    SourceUser: USER,
    TargetUser: USER,
  }, 2),
  sysmon(9, { RuleName: '-', UtcTime: UTC, ...proc, Device: '\\Device\\HarddiskVolume2', User: USER }, 2),
  sysmon(14, { RuleName: '-', EventType: 'RenameKey', UtcTime: UTC, ...proc, TargetObject: 'HKU\\S-1-5-21-1111111111-2222222222-3333333333-1001\\Software\\Contoso\\Settings', NewName: 'HKU\\S-1-5-21-1111111111-2222222222-3333333333-1001\\Software\\Contoso\\Settings.old', User: USER }, 2),
  sysmon(15, { RuleName: '-', UtcTime: UTC, ...proc, TargetFilename: 'C:\\Users\\user01\\Downloads\\setup.exe:Zone.Identifier', CreationUtcTime: UTC, Hash: HASHES, Contents: '[ZoneTransfer]  ZoneId=3  HostUrl=https://example.com/setup.exe  ', User: USER }),
  sysmon(18, { RuleName: '-', EventType: 'ConnectPipe', UtcTime: UTC, ...proc, PipeName: '\\srvsvc', User: USER }),
  sysmon(19, { RuleName: '-', EventType: 'WmiFilterEvent', UtcTime: UTC, Operation: 'Created', User: USER, EventNamespace: '"root\\\\cimv2"', Name: '"ContosoFilter"', Query: '"SELECT * FROM __InstanceModificationEvent WITHIN 60 WHERE TargetInstance ISA \'Win32_PerfFormattedData_PerfOS_System\'"' }, 3),
  sysmon(20, { RuleName: '-', EventType: 'WmiConsumerEvent', UtcTime: UTC, Operation: 'Created', User: USER, Name: '"ContosoConsumer"', Type: 'Command Line', Destination: '"C:\\\\Windows\\\\System32\\\\cmd.exe /c echo ok"' }, 3),
  sysmon(21, { RuleName: '-', EventType: 'WmiBindingEvent', UtcTime: UTC, Operation: 'Created', User: USER, Consumer: '"CommandLineEventConsumer.Name=\\"ContosoConsumer\\""', Filter: '"__EventFilter.Name=\\"ContosoFilter\\""' }, 3),
  sysmon(22, { RuleName: '-', UtcTime: UTC, ...proc, QueryName: 'example.com', QueryStatus: '0', QueryResults: 'type:  5 example.com;::ffff:93.184.215.14;', User: USER }),
  sysmon(23, { RuleName: '-', UtcTime: UTC, ...proc, User: USER, TargetFilename: 'C:\\Users\\user01\\AppData\\Local\\Temp\\payload.ps1', Hashes: HASHES, IsExecutable: 'false', Archived: 'true' }),
  sysmon(24, { RuleName: '-', UtcTime: UTC, ...proc, Session: 1, ClientInfo: 'user: CONTOSO\\user01', Hashes: HASHES, Archived: 'false', User: USER }),
  sysmon(25, { RuleName: '-', UtcTime: UTC, ...proc, Type: 'Image is replaced', User: USER }),
  sysmon(26, { RuleName: '-', UtcTime: UTC, ...proc, User: USER, TargetFilename: 'C:\\Users\\user01\\AppData\\Local\\Temp\\payload.ps1', Hashes: HASHES, IsExecutable: 'false' }),
  sysmon(27, { RuleName: '-', UtcTime: UTC, ...proc, User: USER, TargetFilename: 'C:\\Users\\user01\\Downloads\\tool.exe', Hashes: HASHES }),
  sysmon(28, { RuleName: '-', UtcTime: UTC, ...proc, User: USER, TargetFilename: 'C:\\Users\\user01\\Documents\\notes.txt', Hashes: HASHES, IsExecutable: 'false' }),
  sysmon(29, { RuleName: '-', UtcTime: UTC, ...proc, User: USER, TargetFilename: 'C:\\Users\\user01\\Downloads\\tool.exe', Hashes: HASHES }),
  sysmon(255, { UtcTime: UTC, ID: 'DriverCommunication', Description: 'Failed to retrieve events - Last error: The I/O operation has been aborted' }, 3),

  security(4624, 12544, {
    ...subject,
    SubjectUserSid: 'S-1-5-18',
    SubjectUserName: 'WORKSTATION01$',
    SubjectLogonId: '0x3e7',
    TargetUserSid: 'S-1-5-21-1111111111-2222222222-3333333333-1001',
    TargetUserName: 'user01',
    TargetDomainName: 'CONTOSO',
    TargetLogonId: '0x8d2f41',
    LogonType: 3,
    LogonProcessName: 'NtLmSsp ',
    AuthenticationPackageName: 'NTLM',
    WorkstationName: 'WORKSTATION02',
    LogonGuid: '{00000000-0000-0000-0000-000000000000}',
    TransmittedServices: '-',
    LmPackageName: 'NTLM V2',
    KeyLength: 128,
    ProcessId: '0x0',
    ProcessName: '-',
    IpAddress: '10.0.0.22',
    IpPort: '49781',
    ImpersonationLevel: '%%1833',
    RestrictedAdminMode: '-',
    TargetOutboundUserName: '-',
    TargetOutboundDomainName: '-',
    VirtualAccount: '%%1843',
    TargetLinkedLogonId: '0x0',
    ElevatedToken: '%%1843',
  }),
  security(4625, 12544, {
    ...subject,
    SubjectUserSid: 'S-1-0-0',
    SubjectUserName: '-',
    SubjectDomainName: '-',
    SubjectLogonId: '0x0',
    TargetUserSid: 'S-1-0-0',
    TargetUserName: 'administrator',
    TargetDomainName: 'CONTOSO',
    Status: '0xc000006d',
    FailureReason: '%%2313',
    SubStatus: '0xc000006a',
    LogonType: 3,
    LogonProcessName: 'NtLmSsp ',
    AuthenticationPackageName: 'NTLM',
    WorkstationName: 'WORKSTATION02',
    TransmittedServices: '-',
    LmPackageName: '-',
    KeyLength: 0,
    ProcessId: '0x0',
    ProcessName: '-',
    IpAddress: '10.0.0.22',
    IpPort: '49782',
  }),
  security(4656, 12800, { ...subject, ObjectServer: 'Security', ObjectType: 'File', ObjectName: 'C:\\Users\\user01\\Documents\\budget.xlsx', HandleId: '0x1a4', TransactionId: '{00000000-0000-0000-0000-000000000000}', AccessList: '%%4416\r\n\t\t\t\t', AccessReason: '-', AccessMask: '0x1', PrivilegeList: '-', RestrictedSidCount: 0, ProcessId: '0x190c', ProcessName: 'C:\\Windows\\explorer.exe', ResourceAttributes: 'S:AI' }),
  security(4657, 12801, { ...subject, ObjectName: '\\REGISTRY\\MACHINE\\SOFTWARE\\Contoso', ObjectValueName: 'Setting', HandleId: '0x2c8', OperationType: '%%1905', OldValueType: '%%1876', OldValue: '0', NewValueType: '%%1876', NewValue: '1', ProcessId: '0x1a2c', ProcessName: 'C:\\Windows\\System32\\reg.exe' }),
  security(4662, 14080, { ...subject, ObjectServer: 'DS', ObjectType: '%{19195a5b-6da0-11d0-afd3-00c04fd930c9}', ObjectName: '%{6e4c3d2a-1b0f-4a9e-8d7c-5b4a3c2d1e0f}', OperationType: 'Object Access', HandleId: '0x0', AccessList: '%%7688\r\n\t\t\t\t', AccessMask: '0x100', Properties: '%%7688\r\n\t\t\t\t{1131f6aa-9c07-11d1-f79f-00c04fc2dcd2}\r\n\t\t\t\t{19195a5b-6da0-11d0-afd3-00c04fd930c9}\r\n', AdditionalInfo: '-', AdditionalInfo2: '' }),
  security(4663, 12800, { ...subject, ObjectServer: 'Security', ObjectType: 'File', ObjectName: 'C:\\Users\\user01\\Documents\\budget.xlsx', HandleId: '0x1a4', AccessList: '%%4416\r\n\t\t\t\t', AccessMask: '0x1', ProcessId: '0x190c', ProcessName: 'C:\\Windows\\explorer.exe', ResourceAttributes: 'S:AI' }),
  security(4688, 13312, {
    ...subject,
    NewProcessId: '0x1c4c',
    NewProcessName: 'C:\\Windows\\System32\\whoami.exe',
    TokenElevationType: '%%1938',
    ProcessId: '0x190c',
    CommandLine: 'whoami /all',
    TargetUserSid: 'S-1-0-0',
    TargetUserName: '-',
    TargetDomainName: '-',
    TargetLogonId: '0x0',
    ParentProcessName: 'C:\\Windows\\System32\\cmd.exe',
    MandatoryLabel: 'S-1-16-8192',
  }),
  security(4697, 12289, { ...subject, ServiceName: 'ContosoUpdate', ServiceFileName: '"C:\\Program Files\\Contoso\\update.exe" --service', ServiceType: '0x10', ServiceStartType: 2, ServiceAccount: 'LocalSystem', ClientProcessStartKey: 2251799813691708, ClientProcessId: 5204, ParentProcessId: 1044 }),
  security(4698, 12804, { ...subject, TaskName: '\\Contoso\\DailyUpdate', TaskContent: '<?xml version="1.0" encoding="UTF-16"?>\r\n<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">\r\n  <Actions Context="Author">\r\n    <Exec>\r\n      <Command>C:\\Program Files\\Contoso\\update.exe</Command>\r\n      <Arguments>--check</Arguments>\r\n    </Exec>\r\n  </Actions>\r\n</Task>', ClientProcessStartKey: 2251799813691708, ClientProcessId: 5204, ParentProcessId: 1044, RpcCallClientLocality: 0, FQDN: HOST }),
  security(4699, 12804, { ...subject, TaskName: '\\Contoso\\DailyUpdate', TaskContent: '', ClientProcessStartKey: 2251799813691708, ClientProcessId: 5204, ParentProcessId: 1044, RpcCallClientLocality: 0, FQDN: HOST }),
  security(4720, 13824, { TargetUserName: 'svc_backup', TargetDomainName: 'CONTOSO', TargetSid: 'S-1-5-21-1111111111-2222222222-3333333333-1107', ...subject, PrivilegeList: '-', SamAccountName: 'svc_backup', DisplayName: '%%1793', UserPrincipalName: '-', HomeDirectory: '%%1793', HomePath: '%%1793', ScriptPath: '%%1793', ProfilePath: '%%1793', UserWorkstations: '%%1793', PasswordLastSet: '%%1794', AccountExpires: '%%1794', PrimaryGroupId: '513', AllowedToDelegateTo: '-', OldUacValue: '0x0', NewUacValue: '0x15', UserAccountControl: '\r\n\t\t%%2080\r\n\t\t%%2082\r\n\t\t%%2084', UserParameters: '%%1793', SidHistory: '-', LogonHours: '%%1797' }),
  security(4768, 14339, { TargetUserName: 'user01', TargetDomainName: 'CONTOSO.LOCAL', TargetSid: 'S-1-5-21-1111111111-2222222222-3333333333-1001', ServiceName: 'krbtgt', ServiceSid: 'S-1-5-21-1111111111-2222222222-3333333333-502', TicketOptions: '0x40810010', Status: '0x0', TicketEncryptionType: '0x12', PreAuthType: '2', IpAddress: '::ffff:10.0.0.15', IpPort: '50112', CertIssuerName: '', CertSerialNumber: '', CertThumbprint: '' }),
  security(4769, 14337, { TargetUserName: 'user01@CONTOSO.LOCAL', TargetDomainName: 'CONTOSO.LOCAL', ServiceName: 'WORKSTATION02$', ServiceSid: 'S-1-5-21-1111111111-2222222222-3333333333-1104', TicketOptions: '0x40810000', TicketEncryptionType: '0x12', IpAddress: '::ffff:10.0.0.15', IpPort: '50113', Status: '0x0', LogonGuid: '{5D3F1B2A-7C4E-9A80-1B2C-3D4E5F607182}', TransmittedServices: '-' }),
  security(4776, 14336, { PackageName: 'MICROSOFT_AUTHENTICATION_PACKAGE_V1_0', TargetUserName: 'user01', Workstation: 'WORKSTATION02', Status: '0x0' }),
  security(5136, 14084, { OpCorrelationID: '{8A2B3C4D-5E6F-4A0B-9C1D-2E3F4A5B6C7D}', AppCorrelationID: '-', ...subject, DSName: 'contoso.local', DSType: '%%14676', ObjectDN: 'CN=svc_backup,CN=Users,DC=contoso,DC=local', ObjectGUID: '{6E4C3D2A-1B0F-4A9E-8D7C-5B4A3C2D1E0F}', ObjectClass: 'user', AttributeLDAPDisplayName: 'description', AttributeSyntaxOID: '2.5.5.12', AttributeValue: 'Backup service account', OperationType: '%%14674' }),
  security(5140, 12808, { ...subject, ObjectType: 'File', IpAddress: '10.0.0.22', IpPort: '49790', ShareName: '\\\\*\\IPC$', ShareLocalPath: '', AccessMask: '0x1', AccessList: '%%4416\r\n\t\t\t\t' }),
  security(5145, 12811, { ...subject, ObjectType: 'File', IpAddress: '10.0.0.22', IpPort: '49790', ShareName: '\\\\*\\C$', ShareLocalPath: '\\??\\C:\\', RelativeTargetName: 'Users\\Public\\report.txt', AccessMask: '0x120089', AccessList: '%%1538\r\n\t\t\t\t%%1541\r\n\t\t\t\t%%4416\r\n\t\t\t\t%%4419\r\n\t\t\t\t%%4423\r\n\t\t\t\t', AccessReason: '-' }),
  {
    channel: 'System',
    eventId: 7045,
    origin: 'hand-written',
    source: 'Service Control Manager event 7045 manifest (ServiceName, ImagePath, ServiceType, StartType, AccountName)',
    event: {
      ...header('System', 'Service Control Manager', '{555908d1-a6d7-4695-8e1e-26931d2012f4}', 7045, 0, { Keywords: '0x8080000000000000', EventSourceName: 'Service Control Manager' }),
      ServiceName: 'Contoso Update Service',
      ImagePath: '"C:\\Program Files\\Contoso\\update.exe" --service',
      ServiceType: 'user mode service',
      StartType: 'auto start',
      AccountName: 'LocalSystem',
    },
  },
  {
    channel: 'Microsoft-Windows-PowerShell/Operational',
    eventId: 4104,
    origin: 'hand-written',
    source: 'Microsoft-Windows-PowerShell event 4104 manifest (script block logging)',
    event: {
      ...header('Microsoft-Windows-PowerShell/Operational', 'Microsoft-Windows-PowerShell', 'A0C1853B-5C40-4B15-8766-3CF1C58F985A', 4104, 2, { Level: 5, Opcode: 15, Keywords: '0x0', Version: 1, Security_UserID: 'S-1-5-21-1111111111-2222222222-3333333333-1001' }),
      MessageNumber: 1,
      MessageTotal: 1,
      ScriptBlockText: 'Get-ChildItem -Path $env:USERPROFILE\\Documents -Filter *.docx | Select-Object Name, Length',
      ScriptBlockId: '5e7a9c3b-1d2f-4a6b-8c9d-0e1f2a3b4c5d',
      Path: '',
    },
  },
  {
    channel: 'Microsoft-Windows-PowerShell/Operational',
    eventId: 4103,
    origin: 'hand-written',
    source: 'Microsoft-Windows-PowerShell event 4103 manifest (module logging)',
    event: {
      ...header('Microsoft-Windows-PowerShell/Operational', 'Microsoft-Windows-PowerShell', 'A0C1853B-5C40-4B15-8766-3CF1C58F985A', 4103, 106, { Opcode: 20, Keywords: '0x0', Version: 1, Security_UserID: 'S-1-5-21-1111111111-2222222222-3333333333-1001' }),
      ContextInfo: `        Severity = Informational\r\n        Host Name = ConsoleHost\r\n        Host Version = 5.1.19041.4291\r\n        Host ID = 0b7f3e0c-9a4d-4c55-8e8a-2f6b1d0c9e11\r\n        Host Application = ${PS}\r\n        Engine Version = 5.1.19041.4291\r\n        Runspace ID = 7d2c1b0a-3e4f-4a5b-9c8d-6e7f8091a2b3\r\n        Pipeline ID = 12\r\n        Command Name = Get-ChildItem\r\n        Command Type = Cmdlet\r\n        Script Name = \r\n        Command Path = \r\n        Sequence Number = 24\r\n        User = CONTOSO\\user01\r\n        Connected User = \r\n        Shell ID = Microsoft.PowerShell\r\n`,
      UserData: '',
      Payload: 'CommandInvocation(Get-ChildItem): "Get-ChildItem"\r\nParameterBinding(Get-ChildItem): name="Path"; value="C:\\Users\\user01\\Documents"',
    },
  },
  ...[400, 600, 800].map(
    (eventId): EventTemplate => ({
      channel: 'Windows PowerShell',
      eventId,
      origin: 'hand-written',
      source: `PowerShell (classic) event ${eventId}: EventData is an unnamed Data list, as evtx_dump writes it`,
      event: {
        ...header('Windows PowerShell', 'PowerShell', undefined, eventId, eventId === 400 ? 4 : eventId === 600 ? 6 : 8, { Keywords: '0x80000000000000', Security_UserID: undefined }),
        Data:
          eventId === 600
            ? ['Registry', 'Started', `\tProviderName=Registry\r\n\tNewProviderState=Started\r\n\r\n\tSequenceNumber=1\r\n\r\n\tHostName=ConsoleHost\r\n\tHostVersion=5.1.19041.4291\r\n\tHostId=0b7f3e0c-9a4d-4c55-8e8a-2f6b1d0c9e11\r\n\tHostApplication=${PS}\r\n\tEngineVersion=\r\n\tRunspaceId=\r\n\tPipelineId=\r\n\tCommandName=\r\n\tCommandType=\r\n\tScriptName=\r\n\tCommandPath=\r\n\tCommandLine=`]
            : eventId === 400
              ? ['Available', 'None', `\tNewEngineState=Available\r\n\tPreviousEngineState=None\r\n\r\n\tSequenceNumber=13\r\n\r\n\tHostName=ConsoleHost\r\n\tHostVersion=5.1.19041.4291\r\n\tHostId=0b7f3e0c-9a4d-4c55-8e8a-2f6b1d0c9e11\r\n\tHostApplication=${PS}\r\n\tEngineVersion=5.1.19041.4291\r\n\tRunspaceId=7d2c1b0a-3e4f-4a5b-9c8d-6e7f8091a2b3\r\n\tPipelineId=\r\n\tCommandName=\r\n\tCommandType=\r\n\tScriptName=\r\n\tCommandPath=\r\n\tCommandLine=`]
              : ['Get-ChildItem', `\tDetailSequence=1\r\n\tDetailTotal=1\r\n\r\n\tSequenceNumber=25\r\n\r\n\tUserId=CONTOSO\\user01\r\n\tHostName=ConsoleHost\r\n\tHostVersion=5.1.19041.4291\r\n\tHostId=0b7f3e0c-9a4d-4c55-8e8a-2f6b1d0c9e11\r\n\tHostApplication=${PS}\r\n\tEngineVersion=5.1.19041.4291\r\n\tRunspaceId=7d2c1b0a-3e4f-4a5b-9c8d-6e7f8091a2b3\r\n\tPipelineId=12\r\n\tScriptName=\r\n\tCommandLine=Get-ChildItem`, 'CommandInvocation(Get-ChildItem): "Get-ChildItem"'],
      },
    }),
  ),
];
