import { loadCollection, spacedDataNames } from '@sigmats/core';
import { flattenWindowsEvent } from '@sigmats/evaluator';
import { describe, expect, test } from 'vitest';
import { platforms } from '../src/differential/platforms.js';
import { splunkEvents } from '../src/records/index.js';
import { SPACED_DATA_NAMES } from '../src/records/windows.js';
import type { EventSource, RawEvent } from '../src/types.js';
import { evaluatorTest, platformTest } from './verdicts.js';

/**
 * Defender writes its data names with spaces (`New Value`), Sigma without (`NewValue`): every output must read the
 * name the platform keeps (Splunk's cleaned `New_Value`, Sumo's `EventData['New Value']`, WindowsEvent's
 * `EventData["New Value"]`), and the records are built with Windows' names, so an output reading Sigma's name misses.
 */
const RULE = `title: Defender exclusion added
id: 5b0f5e7e-3a52-4a43-8f0b-8f0e1f4f6a11
status: test
logsource:
    product: windows
    service: windefend
detection:
    selection:
        EventID: 5007
        NewValue|contains: '\\Windows Defender\\Exclusions\\Paths\\'
    filter:
        OldValue|contains: 'C:\\Tools'
    condition: selection and not filter
level: medium
`;
const coll = loadCollection([{ text: RULE, file: 'defender.yml' }]);
const source: EventSource = { product: 'windows', service: 'windefend' };

/** A 5007 as evtx_dump writes it, flattened as the evaluator reads it (both names, as flattenWindowsEvent gives them). */
function changed(oldValue: string, newValue: string): RawEvent {
  return flattenWindowsEvent({
    Event: {
      System: {
        Provider: { '#attributes': { Name: 'Microsoft-Windows-Windows Defender', Guid: '{11cd958a-c507-4ef3-b3f2-5fd9dfbd2c78}' } },
        EventID: 5007, Version: 0, Level: 4, Task: 0, Opcode: 0, Keywords: '0x8000000000000000',
        TimeCreated: { '#attributes': { SystemTime: '2026-12-07T01:00:00.000000Z' } }, EventRecordID: 30985,
        Execution: { '#attributes': { ProcessID: 767, ThreadID: 2628 } }, Channel: 'Microsoft-Windows-Windows Defender/Operational',
        Computer: 'ws01.corp.local', Security: { '#attributes': { UserID: 'S-1-5-18' } },
      },
      EventData: { 'Product Name': 'Microsoft Defender Antivirus', 'Product Version': '4.18.2207.7', 'Old Value': oldValue, 'New Value': newValue },
    },
  }) as RawEvent;
}

const ADDED = 'HKLM\\SOFTWARE\\Microsoft\\Windows Defender\\Exclusions\\Paths\\C:\\Temp = 0x0';
const EVENTS: readonly (readonly [string, RawEvent, boolean])[] = [
  ['a recorded 5007 adding an exclusion', changed('', ADDED), true],
  ['a recorded 5007 of another setting', changed('', 'HKLM\\SOFTWARE\\Microsoft\\Windows Defender\\Features\\TamperProtection = 0x5'), false],
  ['a recorded 5007 the filter leaves out', changed('C:\\Tools', ADDED), false],
  // A near-miss witness changes or removes the name a rule reads, the space-free copy: the record follows it.
  ['a recorded 5007 whose NewValue a witness removed', (({ NewValue: _, ...rest }) => rest)(changed('', ADDED)), false],
  ['a recorded 5007 whose NewValue a witness changed', { ...changed('', ADDED), NewValue: 'HKLM\\x = 0x0' }, false],
  // A witness derived from the rule: Sigma's names only, no Event object.
  ['a flat witness', { EventID: 5007, NewValue: ADDED, OldValue: '' }, true],
];

const byId = new Map(platforms().map((p) => [p.id, p]));

describe('Defender data names with spaces', () => {
  for (const id of ['splunk/splunk-windows', 'sumo/json', 'sumo-cse', 'sentinel_sysmon_windowsevent']) {
    test(`${id} agrees with the evaluator`, () => {
      const platform = platformTest(byId.get(id)!, coll, source);
      const evaluator = evaluatorTest(coll);
      for (const [what, event, expected] of EVENTS) {
        expect(evaluator(event), what).toBe(expected);
        expect(platform(event), `${id}: ${what}`).toBe(expected);
      }
    });
  }

  test("records hold Windows' names: Splunk's add-on fields are New_Value, not NewValue", () => {
    for (const [what, event] of EVENTS) {
      if (what.includes('removed')) continue;
      const keys = splunkEvents(event, source, 'windows-addon').flatMap((r) => Object.keys(r.fields));
      expect(keys).toContain('New_Value');
      expect(keys).not.toContain('NewValue');
    }
  });
});

describe("the two readings of Defender's names", () => {
  // The records (truth) and the outputs (core) each read the sources for themselves; where both list a name they must
  // agree, and core leaves out only the lower-case variants no Sigma name reads.
  test("core's table is truth's, less the lower-case variants", () => {
    const channel = 'Microsoft-Windows-Windows Defender/Operational';
    const truth = new Set(SPACED_DATA_NAMES[channel]);
    const core = [...spacedDataNames(channel).values()];
    for (const n of core) expect(truth, n).toContain(n);
    expect([...truth].filter((n) => !core.includes(n)).sort()).toEqual(['Engine version', 'Platform version', 'Signature version']);
  });
});
