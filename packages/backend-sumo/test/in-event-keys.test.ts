import { describe, expect, test } from 'vitest';
import { sumo, sumoCse } from '../src/index.js';
import { IN_EVENT_KEYS, inEventKey } from '../src/shared/in-event-keys.js';
import { convert, ruleYaml } from './helpers.js';

/**
 * System event 104 ("The <log> log file was cleared") carries the cleared log's name in UserData
 * LogFileCleared/Channel, which is Sigma's flat `Channel` for that event (flattenWindowsEvent writes UserData names
 * over System ones): both outputs read it there, while the channel scope keeps reading the header's Channel.
 */
const SYSTEM = '    product: windows\n    service: system';

function rule(detection: string): string {
  return ruleYaml(detection, { logsource: SYSTEM });
}

const CLEARED = `
  selection:
    EventID: 104
    Provider_Name: Microsoft-Windows-Eventlog
    Channel: Security
  condition: selection`;

const OTHER_EVENT = `
  selection:
    EventID: 7045
    Channel: System
  condition: selection`;

describe('fields an event type keeps outside its header', () => {
  test('the table names System 104 Channel only', () => {
    expect(IN_EVENT_KEYS).toEqual({ 'System-104': { Channel: 'UserData.LogFileCleared.Channel' } });
    expect(inEventKey('System', '104', 'Channel')).toBe('UserData.LogFileCleared.Channel');
    expect(inEventKey('System', '7045', 'Channel')).toBeUndefined();
    expect(inEventKey('Security', '104', 'Channel')).toBeUndefined();
  });

  test('log search: the channel filter reads the header, the rule reads UserData.LogFileCleared.Channel', () => {
    const q = convert(sumo, rule(CLEARED)).queries[0]!;
    expect(q).toContain('| json field=_raw "Channel", "EventID", "Provider.Name", "UserData.LogFileCleared.Channel" as Channel, EventID, Provider_Name, UserData_LogFileCleared_Channel nodrop');
    expect(q).toContain('| where Channel = "System"');
    expect(q).toContain('toLowerCase(UserData_LogFileCleared_Channel) = "security"');
  });

  test('Cloud SIEM: fields[UserData.LogFileCleared.Channel] in the System-104 record', () => {
    const q = convert(sumoCse, rule(CLEARED)).queries[0]!;
    expect(q).toContain("metadata_deviceEventId = 'System-104'");
    expect(q).toContain("lower(fields['UserData.LogFileCleared.Channel']) = 'security'");
    expect(q).not.toContain("fields['Channel']");
  });

  test('another System event keeps the header Channel', () => {
    expect(convert(sumo, rule(OTHER_EVENT)).queries[0]!).toContain('toLowerCase(Channel) = "system"');
    expect(convert(sumoCse, rule(OTHER_EVENT)).queries[0]!).toContain("lower(fields['Channel']) = 'system'");
  });
});
