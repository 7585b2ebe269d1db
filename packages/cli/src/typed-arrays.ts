/** A copy of `a` twice as long (its values first, zeros after): for typed arrays that grow by doubling. */
export function doubled<T extends Int32Array | Float64Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  return b;
}
