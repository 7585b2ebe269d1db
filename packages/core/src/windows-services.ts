/**
 * Windows channel(s) per Sigma service (Sigma's Windows logsource taxonomy, the service list of pySigma's
 * `windows_logsource_mapping`), written as the channel names the events carry (`<Channel>` of the event, the name
 * `wevtutil` takes: Microsoft-Windows-DNS-Client/Operational, not Event Viewer's display name "DNS Client Events").
 * Services whose events are spread over several channels list them all: AppLocker writes one channel per rule
 * collection (SigmaHQ's "Application Was Prevented From Running" tests events 8004, 8007, 8022 and 8025, written
 * to different ones of them), Security Mitigations one per mode. The one table of the three backends: each once kept its
 * own copy, and the Sumo backends' copies named only AppLocker's EXE and DLL channel, so 8007, 8022 and 8025 could
 * not match there.
 */
export const WINDOWS_SERVICE_CHANNELS: Readonly<Record<string, string | readonly string[]>> = {
  security: 'Security',
  system: 'System',
  application: 'Application',
  sysmon: 'Microsoft-Windows-Sysmon/Operational',
  powershell: 'Microsoft-Windows-PowerShell/Operational',
  'powershell-classic': 'Windows PowerShell',
  taskscheduler: 'Microsoft-Windows-TaskScheduler/Operational',
  wmi: 'Microsoft-Windows-WMI-Activity/Operational',
  windefend: 'Microsoft-Windows-Windows Defender/Operational',
  'bits-client': 'Microsoft-Windows-Bits-Client/Operational',
  'dns-client': 'Microsoft-Windows-DNS-Client/Operational',
  'firewall-as': 'Microsoft-Windows-Windows Firewall With Advanced Security/Firewall',
  'codeintegrity-operational': 'Microsoft-Windows-CodeIntegrity/Operational',
  applocker: [
    'Microsoft-Windows-AppLocker/EXE and DLL',
    'Microsoft-Windows-AppLocker/MSI and Script',
    'Microsoft-Windows-AppLocker/Packaged app-Deployment',
    'Microsoft-Windows-AppLocker/Packaged app-Execution',
  ],
  ntlm: 'Microsoft-Windows-NTLM/Operational',
  'appxdeployment-server': 'Microsoft-Windows-AppXDeploymentServer/Operational',
  'terminalservices-localsessionmanager': 'Microsoft-Windows-TerminalServices-LocalSessionManager/Operational',
  'smbclient-security': 'Microsoft-Windows-SmbClient/Security',
  'smbclient-connectivity': 'Microsoft-Windows-SmbClient/Connectivity',
  'smbserver-connectivity': 'Microsoft-Windows-SMBServer/Connectivity',
  'dns-server': 'DNS Server',
  'dns-server-analytic': 'Microsoft-Windows-DNS-Server/Analytical',
  'dns-server-audit': 'Microsoft-Windows-DNS-Server/Audit',
  'msexchange-management': 'MSExchange Management',
  openssh: 'OpenSSH/Operational',
  ldap: 'Microsoft-Windows-LDAP-Client/Debug',
  dhcp: 'Microsoft-Windows-DHCP-Server/Operational',
  'driver-framework': 'Microsoft-Windows-DriverFrameworks-UserMode/Operational',
  'printservice-admin': 'Microsoft-Windows-PrintService/Admin',
  'printservice-operational': 'Microsoft-Windows-PrintService/Operational',
  'security-mitigations': ['Microsoft-Windows-Security-Mitigations/KernelMode', 'Microsoft-Windows-Security-Mitigations/UserMode'],
  'diagnosis-scripted': 'Microsoft-Windows-Diagnosis-Scripted/Operational',
  'shell-core': 'Microsoft-Windows-Shell-Core/Operational',
  'lsa-server': 'Microsoft-Windows-LSA/Operational',
  capi2: 'Microsoft-Windows-CAPI2/Operational',
  'certificateservicesclient-lifecycle-system': 'Microsoft-Windows-CertificateServicesClient-Lifecycle-System/Operational',
  'appmodel-runtime': 'Microsoft-Windows-AppModel-Runtime/Admin',
  'appxpackaging-om': 'Microsoft-Windows-AppxPackaging/Operational',
  'iis-configuration': 'Microsoft-IIS-Configuration/Operational',
  'microsoft-servicebus-client': 'Microsoft-ServiceBus-Client',
  bitlocker: 'Microsoft-Windows-BitLocker/BitLocker Management',
  vhdmp: 'Microsoft-Windows-VHDMP/Operational',
};

/** The channels of a Sigma Windows service (case as written in rules is ignored), or undefined for an unknown one. */
export function windowsServiceChannels(service: string | undefined): readonly string[] | undefined {
  const c = service === undefined ? undefined : Object.hasOwn(WINDOWS_SERVICE_CHANNELS, service.toLowerCase()) ? WINDOWS_SERVICE_CHANNELS[service.toLowerCase()] : undefined;
  return c === undefined ? undefined : typeof c === 'string' ? [c] : c;
}

/**
 * Sigma's Windows categories that are not Sysmon's: PowerShell script block, module and classic logging, each one
 * channel and event id (Sigma's taxonomy, as pySigma's windows pipeline maps them).
 */
export const WINDOWS_CATEGORY_EVENTS: Readonly<Record<string, { readonly channel: string; readonly ids: readonly number[] }>> = {
  ps_script: { channel: 'Microsoft-Windows-PowerShell/Operational', ids: [4104] },
  ps_module: { channel: 'Microsoft-Windows-PowerShell/Operational', ids: [4103] },
  ps_classic_start: { channel: 'Windows PowerShell', ids: [400] },
  ps_classic_provider_start: { channel: 'Windows PowerShell', ids: [600] },
  ps_classic_script: { channel: 'Windows PowerShell', ids: [800] },
};
