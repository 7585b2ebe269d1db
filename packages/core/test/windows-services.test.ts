import { describe, expect, it } from 'vitest';
import { CHANNELS_WITH_SPACED_DATA, spacedDataNames, WINDOWS_SERVICE_CHANNELS, windowsDataName, windowsServiceChannels } from '../src/index.js';

// The one table of Sigma's Windows services and their channels, read by the Splunk and both Sumo backends.
describe('windowsServiceChannels', () => {
  it.each([
    ['security', ['Security']],
    ['Security', ['Security']],
    ['sysmon', ['Microsoft-Windows-Sysmon/Operational']],
    [
      'applocker',
      ['Microsoft-Windows-AppLocker/EXE and DLL', 'Microsoft-Windows-AppLocker/MSI and Script', 'Microsoft-Windows-AppLocker/Packaged app-Deployment', 'Microsoft-Windows-AppLocker/Packaged app-Execution'],
    ],
    ['security-mitigations', ['Microsoft-Windows-Security-Mitigations/KernelMode', 'Microsoft-Windows-Security-Mitigations/UserMode']],
  ])('%s', (service, channels) => {
    expect(windowsServiceChannels(service)).toEqual(channels);
  });

  it('an unknown service, no service, or a name of Object.prototype has none', () => {
    for (const s of [undefined, '', 'nosuchservice', 'constructor', 'toString', '__proto__']) expect(windowsServiceChannels(s), String(s)).toBeUndefined();
  });

  it('covers every Windows service of the SigmaHQ corpus that names one channel family (each rule keeps its channel)', () => {
    // The services SigmaHQ's Windows rules use (rules*/windows/builtin, 2024-2025 corpus), all of which have a channel.
    for (const s of ['security', 'system', 'application', 'windefend', 'codeintegrity-operational', 'appxdeployment-server', 'firewall-as', 'msexchange-management', 'bits-client', 'dns-client', 'taskscheduler', 'sysmon', 'iis-configuration', 'powershell-classic', 'ntlm', 'wmi', 'security-mitigations', 'dns-server', 'applocker', 'terminalservices-localsessionmanager', 'smbserver-connectivity', 'smbclient-security', 'smbclient-connectivity', 'shell-core', 'printservice-operational', 'printservice-admin', 'openssh', 'microsoft-servicebus-client', 'lsa-server', 'ldap', 'driver-framework', 'dns-server-analytic', 'diagnosis-scripted', 'certificateservicesclient-lifecycle-system', 'capi2', 'appxpackaging-om', 'appmodel-runtime']) {
      expect(windowsServiceChannels(s), s).toBeDefined();
    }
    for (const channels of Object.values(WINDOWS_SERVICE_CHANNELS)) for (const c of typeof channels === 'string' ? [channels] : channels) expect(c).toMatch(/^[A-Za-z][\w\- /]*$/);
  });
});

// Defender writes some data names with spaces; Sigma writes them without (windows-data-names.ts has the sources).
describe('windowsDataName', () => {
  const DEFENDER = 'Microsoft-Windows-Windows Defender/Operational';
  it.each([
    [DEFENDER, 'ThreatName', 'Threat Name'],
    [DEFENDER, 'NewValue', 'New Value'],
    [DEFENDER, 'ProcessName', 'Process Name'],
    [DEFENDER, 'SecurityintelligenceVersion', 'Security intelligence Version'],
    // Names Windows writes without spaces, and every other channel, keep Sigma's name.
    [DEFENDER, 'Path', 'Path'],
    [DEFENDER, 'Feature_Name', 'Feature_Name'],
    ['Security', 'NewValue', 'NewValue'],
    ['System', 'ProcessName', 'ProcessName'],
  ])('%s: %s is %s', (channel, field, name) => {
    expect(windowsDataName(channel, field)).toBe(name);
  });

  it('every spaced name reads back from its space-free form, and only the listed channels have any', () => {
    expect(CHANNELS_WITH_SPACED_DATA).toEqual([DEFENDER]);
    const names = spacedDataNames(DEFENDER);
    expect(names.size).toBeGreaterThan(60);
    for (const [sigma, name] of names) {
      expect(name).toContain(' ');
      expect(name.replaceAll(' ', '')).toBe(sigma);
    }
    expect(spacedDataNames('Security').size).toBe(0);
  });
});
