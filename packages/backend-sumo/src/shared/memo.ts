/**
 * `f` answered once per key (`keyOf` of its argument): conversion asks the same questions of every rule (a field's
 * key path, a log source's target), and a corpus has a few hundred distinct answers for thousands of rules. The
 * answers are shared, so they must be read-only. Bounded (emptied at 4,096 keys): keys come from rules.
 */
export function memoBy<A, T>(keyOf: (a: A) => string, f: (a: A) => T): (a: A) => T {
  const known = new Map<string, T>();
  return (a) => {
    const key = keyOf(a);
    let answer = known.get(key);
    if (answer === undefined && !known.has(key)) {
      answer = f(a);
      if (known.size >= 4096) known.clear();
      known.set(key, answer);
    }
    return answer as T;
  };
}
