import type { EventLogsource } from '../logsource.js';

/** A Windows event type a Sigma logsource is read from: channel, event id and fields the type fixes. */
export interface WindowsTarget {
  readonly channel: string;
  readonly eventId: number;
  /** Fields the event type fixes (Sysmon registry and pipe events: `EventType`). */
  readonly fields?: Readonly<Record<string, string>>;
}

export const SYSMON_CHANNEL = 'Microsoft-Windows-Sysmon/Operational';
const PS_OPERATIONAL = 'Microsoft-Windows-PowerShell/Operational';
const PS_CLASSIC = 'Windows PowerShell';

const sysmon = (eventId: number, eventType?: string): WindowsTarget =>
  eventType === undefined ? { channel: SYSMON_CHANNEL, eventId } : { channel: SYSMON_CHANNEL, eventId, fields: { EventType: eventType } };

/**
 * Sigma's Windows categories and the events they are read from (Sigma's Sysmon taxonomy: the event ids of
 * `logsource.ts`, with the EventType values Sysmon writes for registry and pipe events). First target is
 * the one witnesses use unless the rule's own EventID/EventType picks another.
 */
export const CATEGORY_TARGETS: Readonly<Record<string, readonly WindowsTarget[]>> = {
  process_creation: [sysmon(1)],
  file_change: [sysmon(2)],
  network_connection: [sysmon(3)],
  sysmon_status: [sysmon(4), sysmon(16)],
  process_termination: [sysmon(5)],
  driver_load: [sysmon(6)],
  image_load: [sysmon(7)],
  create_remote_thread: [sysmon(8)],
  raw_access_thread: [sysmon(9)],
  process_access: [sysmon(10)],
  file_event: [sysmon(11)],
  registry_add: [sysmon(12, 'CreateKey')],
  registry_delete: [sysmon(12, 'DeleteKey'), sysmon(12, 'DeleteValue')],
  registry_set: [sysmon(13, 'SetValue')],
  registry_rename: [sysmon(14, 'RenameKey')],
  registry_event: [sysmon(13, 'SetValue'), sysmon(12, 'CreateKey'), sysmon(12, 'DeleteKey'), sysmon(12, 'DeleteValue'), sysmon(14, 'RenameKey')],
  create_stream_hash: [sysmon(15)],
  pipe_created: [sysmon(17, 'CreatePipe'), sysmon(18, 'ConnectPipe')],
  wmi_event: [sysmon(19, 'WmiFilterEvent'), sysmon(20, 'WmiConsumerEvent'), sysmon(21, 'WmiBindingEvent')],
  dns_query: [sysmon(22)],
  // pySigma-pipeline-sysmon (sigma/pipelines/sysmon/sysmon.py, commit 17767479f26b): file_delete is 23 and 26.
  file_delete: [sysmon(23), sysmon(26)],
  clipboard_capture: [sysmon(24)],
  process_tampering: [sysmon(25)],
  file_delete_detected: [sysmon(26)],
  file_block_executable: [sysmon(27)],
  file_block_shredding: [sysmon(28)],
  file_executable_detected: [sysmon(29)],
  sysmon_error: [sysmon(255)],
  ps_script: [{ channel: PS_OPERATIONAL, eventId: 4104 }],
  ps_module: [{ channel: PS_OPERATIONAL, eventId: 4103 }],
  ps_classic_start: [{ channel: PS_CLASSIC, eventId: 400 }],
  ps_classic_provider_start: [{ channel: PS_CLASSIC, eventId: 600 }],
  ps_classic_script: [{ channel: PS_CLASSIC, eventId: 800 }],
};

/**
 * Sigma's Windows services and their channels (Sigma's Windows logsource taxonomy, as pySigma's windows
 * pipeline maps them; the router in logsource.ts names the ones it routes). `eventId` is the event the
 * template uses when the rule does not name one.
 */
export const SERVICE_CHANNELS: Readonly<Record<string, { readonly channel: string; readonly eventId: number }>> = {
  security: { channel: 'Security', eventId: 4624 },
  system: { channel: 'System', eventId: 7045 },
  application: { channel: 'Application', eventId: 1000 },
  sysmon: { channel: SYSMON_CHANNEL, eventId: 16 },
  powershell: { channel: PS_OPERATIONAL, eventId: 4104 },
  'powershell-classic': { channel: PS_CLASSIC, eventId: 800 },
  taskscheduler: { channel: 'Microsoft-Windows-TaskScheduler/Operational', eventId: 142 },
  wmi: { channel: 'Microsoft-Windows-WMI-Activity/Operational', eventId: 5858 },
  windefend: { channel: 'Microsoft-Windows-Windows Defender/Operational', eventId: 1119 },
  'bits-client': { channel: 'Microsoft-Windows-Bits-Client/Operational', eventId: 16403 },
  'dns-client': { channel: 'Microsoft-Windows-DNS-Client/Operational', eventId: 3008 },
  'codeintegrity-operational': { channel: 'Microsoft-Windows-CodeIntegrity/Operational', eventId: 3033 },
  'firewall-as': { channel: 'Microsoft-Windows-Windows Firewall With Advanced Security/Firewall', eventId: 2004 },
  'appxdeployment-server': { channel: 'Microsoft-Windows-AppXDeploymentServer/Operational', eventId: 854 },
  ntlm: { channel: 'Microsoft-Windows-NTLM/Operational', eventId: 8001 },
  'terminalservices-localsessionmanager': { channel: 'Microsoft-Windows-TerminalServices-LocalSessionManager/Operational', eventId: 21 },
  'smbclient-security': { channel: 'Microsoft-Windows-SmbClient/Security', eventId: 31017 },
  applocker: { channel: 'Microsoft-Windows-AppLocker/EXE and DLL', eventId: 8004 },
  ldap: { channel: 'Microsoft-Windows-LDAP-Client/Debug', eventId: 30 },
  dhcp: { channel: 'Microsoft-Windows-DHCP-Server/Operational', eventId: 1031 },
  'directory-service': { channel: 'Directory Service', eventId: 2889 },
  'msexchange-management': { channel: 'MSExchange Management', eventId: 1 },
  'driver-framework': { channel: 'Microsoft-Windows-DriverFrameworks-UserMode/Operational', eventId: 2003 },
  'printservice-admin': { channel: 'Microsoft-Windows-PrintService/Admin', eventId: 808 },
  'printservice-operational': { channel: 'Microsoft-Windows-PrintService/Operational', eventId: 316 },
  'smbclient-connectivity': { channel: 'Microsoft-Windows-SmbClient/Connectivity', eventId: 30803 },
  'smbserver-connectivity': { channel: 'Microsoft-Windows-SMBServer/Connectivity', eventId: 1025 },
  'security-mitigations': { channel: 'Microsoft-Windows-Security-Mitigations/KernelMode', eventId: 11 },
  'diagnosis-scripted': { channel: 'Microsoft-Windows-Diagnosis-Scripted/Operational', eventId: 101 },
  'shell-core': { channel: 'Microsoft-Windows-Shell-Core/Operational', eventId: 28115 },
  openssh: { channel: 'OpenSSH/Operational', eventId: 4 },
  'lsa-server': { channel: 'Microsoft-Windows-LSA/Operational', eventId: 300 },
  capi2: { channel: 'Microsoft-Windows-CAPI2/Operational', eventId: 70 },
  'certificateservicesclient-lifecycle-system': { channel: 'Microsoft-Windows-CertificateServicesClient-Lifecycle-System/Operational', eventId: 1007 },
  'appmodel-runtime': { channel: 'Microsoft-Windows-AppModel-Runtime/Admin', eventId: 201 },
  // The provider is Microsoft-Windows-AppxPackagingOM, its channel Microsoft-Windows-AppxPackaging/Operational (Event
  // Viewer: "AppxPackagingOM > Microsoft-Windows-AppxPackaging/Operational", Microsoft's MSIX troubleshooting docs;
  // pySigma's windows_logsource_mapping names the same channel).
  'appxpackaging-om': { channel: 'Microsoft-Windows-AppxPackaging/Operational', eventId: 157 },
  'iis-configuration': { channel: 'Microsoft-IIS-Configuration/Operational', eventId: 29 },
  'microsoft-servicebus-client': { channel: 'Microsoft-ServiceBus-Client', eventId: 40300 },
  'dns-server': { channel: 'DNS Server', eventId: 150 },
  'dns-server-analytic': { channel: 'Microsoft-Windows-DNS-Server/Analytical', eventId: 257 },
  'dns-server-audit': { channel: 'Microsoft-Windows-DNS-Server/Audit', eventId: 541 },
  bitlocker: { channel: 'Microsoft-Windows-BitLocker/BitLocker Management', eventId: 768 },
  vhdmp: { channel: 'Microsoft-Windows-VHDMP/Operational', eventId: 1 },
  'kernel-shimengine': { channel: 'Microsoft-Windows-Kernel-ShimEngine/Operational', eventId: 4 },
  'hyper-v-worker': { channel: 'Microsoft-Windows-Hyper-V-Worker', eventId: 18500 },
};

/**
 * Event ids a service logs to a channel other than its SERVICE_CHANNELS one. AppLocker writes one log per rule
 * collection; Microsoft's list of AppLocker events (MicrosoftDocs/windows-itpro-docs
 * windows/security/application-security/application-control/app-control-for-business/applocker/
 * using-event-viewer-with-applocker.md @ f9d16c6b) gives 8002-8004 for .exe and .dll files and 8005-8007 for scripts
 * and .msi files: the latter are events of the MSI and Script log, never of the EXE and DLL one.
 */
export const SERVICE_EVENT_CHANNELS: Readonly<Record<string, Readonly<Record<number, string>>>> = {
  applocker: {
    8005: 'Microsoft-Windows-AppLocker/MSI and Script',
    8006: 'Microsoft-Windows-AppLocker/MSI and Script',
    8007: 'Microsoft-Windows-AppLocker/MSI and Script',
  },
};

/** The Windows event types of a logsource; undefined when it is not a Windows one we know a channel for. */
export function windowsTargets(source: EventLogsource): readonly WindowsTarget[] | undefined {
  if (source.product !== 'windows') return undefined;
  if (source.category !== undefined) return CATEGORY_TARGETS[source.category];
  if (source.service !== undefined) {
    const s = SERVICE_CHANNELS[source.service];
    return s === undefined ? undefined : [{ channel: s.channel, eventId: s.eventId }];
  }
  return undefined;
}
