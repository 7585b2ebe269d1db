/**
 * A copy of a push-built array without its spare capacity. V8 grows an array to 1.5x + 16 slots on push, so a
 * one-element IR list would keep ~17 slots for as long as the collection lives; on the SigmaHQ corpus that slack
 * was a quarter of the parsed IR's heap, and every young-generation GC copied it.
 */
export function exact<T>(a: T[]): T[] {
  return a.slice();
}
