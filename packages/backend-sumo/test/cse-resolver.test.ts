import { describe, expect, it } from 'vitest';
import type { Logsource, ScalarValue } from '@sigmats/core';
import { eventResolver, type CseField } from '../src/cse/fields.js';
import { cseTarget, windowsEvent, windowsKey } from '../src/cse/logsources.js';

/**
 * An event type's resolver remembers each field's answer (cse/fields.ts). Asked again, in any order and with other
 * values, it answers as a resolver asked for the first time does; a numeric schema field still answers by the values.
 */

const loc = { file: 't.yml', line: 1, column: 1 };
const ls = (category: string): Logsource => ({ product: 'windows', category, custom: {}, loc });
const VALUES: readonly (readonly ScalarValue[])[] = [
  [],
  [{ kind: 'number', value: 4, loc }],
  [{ kind: 'string', parts: [{ kind: 'literal', text: '4' }], cased: false, loc }],
  [{ kind: 'number', value: 4, loc }, { kind: 'null', loc }],
  [{ kind: 'compare', op: 'gt', value: 3, loc }],
];
const FIELDS = ['Image', 'CommandLine', 'ParentImage', 'User', 'EventID', 'Hashes', 'ProcessId', 'DestinationPort', 'TargetObject', 'Details', 'LogonType', 'Nope', 'ScriptBlockText'];

describe('event type resolvers remember their answers', () => {
  it('answers as a fresh resolver, whatever was asked before', () => {
    const events = [
      ...['process_creation', 'network_connection', 'registry_set', 'ps_script'].flatMap((c) => {
        const t = cseTarget(ls(c));
        return t.kind === 'events' ? t.events : [];
      }),
      windowsEvent('Security', '4624', windowsKey),
    ];
    expect(events.length).toBeGreaterThan(4);
    let seed = 5;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (const e of events) {
      const shared = eventResolver(e);
      for (let k = 0; k < 400; k++) {
        const field = FIELDS[Math.floor(next() * FIELDS.length)]!;
        const values = VALUES[Math.floor(next() * VALUES.length)]!;
        const fresh: CseField = eventResolver(e, { companions: true })(field, values);
        expect(shared(field, values), `${e.deviceEventId} ${field}`).toEqual(fresh);
      }
    }
  });
});
