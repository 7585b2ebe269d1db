import type { Logsource } from '@sigmats/core';

/**
 * A function of a log source's product, service and category (all it reads), answered once per distinct log source:
 * conversion asks for each rule's target or profile several times, and a corpus has a few hundred log sources for
 * thousands of rules. The answers are shared, so they must be read-only. Bounded: log sources come from rules.
 */
export function byLogsource<T>(f: (ls: Logsource) => T): (ls: Logsource) => T {
  const known = new Map<string, T>();
  return (ls) => {
    // An absent key is told from an empty one: `-` never starts a present value's part (`+` does).
    const key = `${part(ls.product)}\u0000${part(ls.service)}\u0000${part(ls.category)}`;
    let answer = known.get(key);
    if (answer === undefined && !known.has(key)) {
      answer = f(ls);
      if (known.size >= 4096) known.clear();
      known.set(key, answer);
    }
    return answer as T;
  };
}

const part = (s: string | undefined): string => (s === undefined ? '-' : `+${s}`);
