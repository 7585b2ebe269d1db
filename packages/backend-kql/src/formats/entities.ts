// Entity columns per table: Sentinel entityMappings and the columns a Defender custom detection must return.

export interface EntityMapping {
  readonly entityType: 'Host' | 'Account' | 'Process' | 'IP' | 'File' | 'RegistryKey' | 'DNS';
  readonly fieldMappings: readonly { readonly identifier: string; readonly columnName: string }[];
}

const host = (columnName: string): EntityMapping => ({ entityType: 'Host', fieldMappings: [{ identifier: 'HostName', columnName }] });
const account = (name: string, domain?: string): EntityMapping => ({
  entityType: 'Account',
  fieldMappings: [{ identifier: 'Name', columnName: name }, ...(domain ? [{ identifier: 'NTDomain', columnName: domain }] : [])],
});
const process = (columnName: string): EntityMapping => ({ entityType: 'Process', fieldMappings: [{ identifier: 'CommandLine', columnName }] });
const ip = (columnName: string): EntityMapping => ({ entityType: 'IP', fieldMappings: [{ identifier: 'Address', columnName }] });

const INITIATOR = [account('InitiatingProcessAccountName', 'InitiatingProcessAccountDomain'), process('InitiatingProcessCommandLine')];

export const ENTITY_MAPPINGS: Readonly<Record<string, readonly EntityMapping[]>> = {
  DeviceProcessEvents: [host('DeviceName'), account('AccountName', 'AccountDomain'), process('ProcessCommandLine')],
  DeviceNetworkEvents: [host('DeviceName'), ...INITIATOR, ip('RemoteIP')],
  DeviceFileEvents: [host('DeviceName'), ...INITIATOR],
  DeviceRegistryEvents: [host('DeviceName'), ...INITIATOR],
  DeviceImageLoadEvents: [host('DeviceName'), ...INITIATOR],
  DeviceEvents: [host('DeviceName'), ...INITIATOR],
  DeviceLogonEvents: [host('DeviceName'), account('AccountName', 'AccountDomain')],
  SecurityEvent: [host('Computer'), account('SubjectUserName', 'SubjectDomainName'), process('CommandLine')],
  Event: [host('Computer')],
  WindowsEvent: [host('Computer')],
  imProcessCreate: [host('DvcHostname'), account('TargetUsername'), process('TargetProcessCommandLine')],
  imNetworkSession: [host('DvcHostname'), ip('DstIpAddr')],
  imFileEvent: [host('DvcHostname'), account('ActorUsername')],
  imRegistry: [host('DvcHostname'), account('ActorUsername')],
  imDns: [host('DvcHostname'), ip('SrcIpAddr')],
};

/** Sentinel data connectors per table (the Azure-Sentinel repo's requiredDataConnectors). */
export const DATA_CONNECTORS: Readonly<Record<string, readonly { readonly connectorId: string; readonly dataTypes: readonly string[] }[]>> = {
  SecurityEvent: [
    { connectorId: 'SecurityEvents', dataTypes: ['SecurityEvent'] },
    { connectorId: 'WindowsSecurityEvents', dataTypes: ['SecurityEvent'] },
  ],
  WindowsEvent: [{ connectorId: 'WindowsForwardedEvents', dataTypes: ['WindowsEvent'] }],
};

export function dataConnectors(table: string): readonly { readonly connectorId: string; readonly dataTypes: readonly string[] }[] {
  if (table.startsWith('Device')) return [{ connectorId: 'MicrosoftThreatProtection', dataTypes: [table] }];
  return DATA_CONNECTORS[table] ?? [];
}
