import type { Expr } from './expr.js';
import { stringShape } from '../strings.js';

/**
 * Event ids an expression requires (`EventID` tests on every path), or undefined when it does not constrain them. Sumo's
 * outputs pick the keys of an event type's fields by them; KQL filters a table on them before parsing event XML.
 */
export function impliedEventIds(e: Expr): ReadonlySet<string> | undefined {
  switch (e.kind) {
    case 'match': {
      if (e.field !== 'EventID') return undefined;
      const v = e.value;
      if (v.kind === 'number' && Number.isInteger(v.value)) return new Set([String(v.value)]);
      if (v.kind !== 'string') return undefined;
      const s = stringShape(v);
      return s.shape === 'exact' && /^\d+$/.test(s.text) ? new Set([String(Number(s.text))]) : undefined;
    }
    case 'and': {
      let acc: Set<string> | undefined;
      for (const o of e.operands) {
        const ids = impliedEventIds(o);
        if (ids) acc = acc ? new Set([...acc].filter((x) => ids.has(x))) : new Set(ids);
      }
      return acc;
    }
    case 'or': {
      const acc = new Set<string>();
      for (const o of e.operands) {
        const ids = impliedEventIds(o);
        if (!ids) return undefined;
        for (const x of ids) acc.add(x);
      }
      return acc;
    }
    default:
      return undefined;
  }
}
