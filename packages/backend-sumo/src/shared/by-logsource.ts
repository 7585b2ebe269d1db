import type { Logsource } from '@sigmats/core';
import { memoBy } from './memo.js';

/**
 * A function of a log source's product, service and category (all it reads), answered once per distinct log source:
 * conversion asks for each rule's target or profile several times, and a corpus has a few hundred log sources for
 * thousands of rules (see memo.ts).
 */
export function byLogsource<T>(f: (ls: Logsource) => T): (ls: Logsource) => T {
  return memoBy(logsourceKey, f);
}

// An absent key is told from an empty one: `-` never starts a present value's part (`+` does).
const logsourceKey = (ls: Logsource): string => `${part(ls.product)}\u0000${part(ls.service)}\u0000${part(ls.category)}`;

const part = (s: string | undefined): string => (s === undefined ? '-' : `+${s}`);
