/**
 * `target.push(...items)` passes every item as a call argument, which overflows the stack once a rule yields about
 * 100k diagnostics (a rule with that many refused fields); a loop has no such limit.
 */
export function pushAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
