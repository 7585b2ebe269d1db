/**
 * `target.push(...items)` passes every item as a call argument, which overflows the stack once a rule yields about
 * 100k diagnostics (a rule with that many refused fields); a loop has no such limit. An indexed loop, and none at
 * all for the usual empty list: this runs for every leaf's warnings, and the for-of iterator made pushAll 11 ms
 * self of a cold Splunk conversion of SigmaHQ's rules/ (profile, first pass).
 */
export function pushAll<T>(target: T[], items: readonly T[]): void {
  const n = items.length;
  if (n === 0) return;
  for (let i = 0; i < n; i++) target.push(items[i]!);
}
