/**
 * Where a parallel run cuts its inputs: chunks of `size` files, and the last `4 * size` files in chunks a quarter
 * as large. Threads take chunks in turn and a worker holds two at a time, so at the end one thread can wait for
 * the other's last two chunks: with SigmaHQ's rules and `convert -t all` that was about 0.1 s of the main
 * thread's time (CPU profile, idle). Small chunks at the end make that wait short; large ones before keep the
 * per-chunk costs (messages, result merging) low.
 */
export function sliceStarts(count: number, size: number): number[] {
  const small = Math.max(1, size >> 2);
  const tail = Math.max(0, count - 4 * size);
  const starts: number[] = [];
  for (let i = 0; i < count; i += i < tail ? size : small) starts.push(i);
  return starts;
}

/** `items` cut as sliceStarts says, in order. */
export function slices<T>(items: readonly T[], size: number): T[][] {
  const starts = sliceStarts(items.length, size);
  return starts.map((s, k) => items.slice(s, starts[k + 1] ?? items.length));
}
