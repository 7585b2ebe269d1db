import fc from 'fast-check';
import { loadCollection } from '@sigmats/core';
import { describe, expect, test } from 'vitest';
import { platforms } from '../src/differential/platforms.js';
import { securityEventRecords } from '../src/records/index.js';
import { evaluatorTest, platformTest } from './verdicts.js';
import type { EventSource, RawEvent } from '../src/types.js';

/**
 * Sentinel's SecurityEvent has columns for the common Data names only; a Security event's other Data (4698's
 * TaskContent, 5156's Application, 4614's NotificationPackageName) is in the EventData column as `<Data Name="…">`
 * elements, where Microsoft's ASIM parsers read it (records/security-event.ts). The sentinel_securityevent output reads
 * such a field from there, and must also when the event has a single Data element, which parse_xml gives as a bag, not
 * an array: 4614 ("A notification package has been loaded by the Security Account Manager") has NotificationPackageName
 * only, the event a password-filter DLL registers.
 */
const rule = (detection: string): string => `title: t
id: 3c1c8e52-8a7e-4d4b-9d0e-6a1f2b3c4d71
status: test
logsource:
    product: windows
    service: security
detection:
${detection}
level: medium
`;

const security: EventSource = { product: 'windows', service: 'security' };
const sentinel = platforms().find((p) => p.id === 'sentinel_securityevent')!;

/** The sentinel_securityevent output's and the evaluator's verdicts for one rule. */
function verdicts(yaml: string): { platform: (e: RawEvent) => boolean; evaluator: (e: RawEvent) => boolean } {
  const coll = loadCollection([{ text: yaml, file: 'r.yml' }]);
  return { platform: platformTest(sentinel, coll, security), evaluator: evaluatorTest(coll) };
}

describe('SecurityEvent: Data fields that are no column', () => {
  test('the EventData column holds the Data elements, one a line', () => {
    const [r] = securityEventRecords({ Channel: 'Security', EventID: 4614, NotificationPackageName: 'evil' }, security);
    expect(r!.row['EventData']).toBe(
      '<EventData xmlns="http://schemas.microsoft.com/win/2004/08/events/event">\r\n  <Data Name="NotificationPackageName">evil</Data>\r\n</EventData>',
    );
  });

  const single = rule(`    sel:\n        EventID: 4614\n        NotificationPackageName|contains: evil\n    condition: sel`);
  const several = rule(`    sel:\n        EventID: 4698\n        TaskContent|contains: '<Command>powershell'\n        SubjectUserName: alice\n    condition: sel`);
  test.each([
    ['4614 with one Data element, matching', single, { Channel: 'Security', EventID: 4614, NotificationPackageName: 'C:\\evil.dll' }, true],
    ['4614 with one Data element, another package', single, { Channel: 'Security', EventID: 4614, NotificationPackageName: 'scecli' }, false],
    [
      '4698, its task XML escaped in EventData and read back',
      several,
      { Channel: 'Security', EventID: 4698, SubjectUserName: 'alice', TaskName: '\\t', TaskContent: '<Task><Actions><Exec><Command>powershell.exe</Command></Exec></Actions></Task>' },
      true,
    ],
    [
      '4698 by another user',
      several,
      { Channel: 'Security', EventID: 4698, SubjectUserName: 'bob', TaskName: '\\t', TaskContent: '<Task><Actions><Exec><Command>powershell.exe</Command></Exec></Actions></Task>' },
      false,
    ],
  ] as const)('%s: the query agrees with the evaluator', (_n, yaml, event, expected) => {
    const v = verdicts(yaml);
    expect(v.evaluator(event)).toBe(expected);
    expect(v.platform(event)).toBe(expected);
  });
});

/**
 * Random Security rules over fields with and without a column (SubjectUserName, TaskName, NotificationPackageName),
 * with and without event ids (so the event-id filter before the parse is there or not), filters under `not`, null
 * tests, and values with the characters XML escapes, over random 4614 (one Data element) and 4698 (several) events:
 * the sentinel_securityevent output agrees with the evaluator on every event.
 */
describe('random Security rules: SecurityEvent columns and EventData agree with the evaluator', () => {
  // No empty value: a Kusto string cannot be null ("The string data type doesn't support null values"), so a null test
  // is `isempty` and an empty Data value passes it, where the evaluator holds '' present (the README's rendering table).
  const value = fc.constantFrom(undefined, 'a<b>', 'A&B', '"q"', 'plain');
  const eventArb = fc.record({ id: fc.constantFrom(4614, 4698), user: value, task: value, pkg: value });
  const toEvent = (e: { id: number; user: string | undefined; task: string | undefined; pkg: string | undefined }): RawEvent => {
    const ev: Record<string, unknown> = { Channel: 'Security', EventID: e.id };
    if (e.id === 4614) {
      if (e.pkg !== undefined) ev['NotificationPackageName'] = e.pkg;
    } else {
      if (e.user !== undefined) ev['SubjectUserName'] = e.user;
      if (e.task !== undefined) ev['TaskName'] = e.task;
    }
    return ev as RawEvent;
  };
  const ids = fc.constantFrom('', '\n        EventID: 4614', '\n        EventID:\n          - 4614\n          - 4698');
  const tests = fc.constantFrom(
    "NotificationPackageName|contains: '<b>'", "NotificationPackageName: 'a&b'", 'NotificationPackageName: null',
    "TaskName|startswith: '\"'", "TaskName: 'plain'", 'TaskName: null', "SubjectUserName: 'A&B'", "SubjectUserName|endswith: 'b>'",
  );
  const shape = fc.constantFrom('selection', 'selection and not filter', 'selection or filter');

  test('the query agrees with the evaluator on every event', () => {
    fc.assert(
      fc.property(ids, tests, tests, shape, fc.array(eventArb, { minLength: 1, maxLength: 6 }), (idText, t1, t2, condition, evs) => {
        const v = verdicts(rule(`    selection:${idText}\n        ${t1}\n    filter:\n        ${t2}\n    condition: ${condition}`));
        for (const e of evs.map(toEvent)) expect(v.platform(e), `${condition} / ${t1} / ${t2} / ${JSON.stringify(e)}`).toBe(v.evaluator(e));
      }),
      { numRuns: 150 },
    );
  });
});
