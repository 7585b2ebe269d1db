// The documented semantics of Kusto's string operators (see SOURCES.md): `==`/`_cs` operators are case-sensitive, the
// others are not; `has` matches terms, where a term is a maximal run of ASCII alphanumeric characters.

/** Case folding for the case-insensitive operators (ordinal, invariant culture). */
export const fold = (s: string): string => s.toLowerCase();

const isAlnumCode = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * Whether `needle` occurs in `hay` with term boundaries at the ends the mode requires. An end of the needle that is
 * itself a non-alphanumeric character is already a boundary; an alphanumeric end must meet the edge of the string or
 * a non-alphanumeric neighbour. This is "RHS is a whole term in LHS" for an alphanumeric needle, and the natural
 * extension (the needle's terms in sequence, bounded) for a needle holding separators, which the documentation does
 * not spell out (SOURCES.md, assumption A1). The 3-character index threshold only changes how Kusto finds the rows
 * (index or scan), not which rows match.
 */
export function termMatch(hay: string, needle: string, left: boolean, right: boolean): boolean {
  if (needle.length === 0) return true;
  const firstAlnum = isAlnumCode(needle.charCodeAt(0));
  const lastAlnum = isAlnumCode(needle.charCodeAt(needle.length - 1));
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) {
    const end = i + needle.length;
    const leftOk = !left || !firstAlnum || i === 0 || !isAlnumCode(hay.charCodeAt(i - 1));
    const rightOk = !right || !lastAlnum || end === hay.length || !isAlnumCode(hay.charCodeAt(end));
    if (leftOk && rightOk) return true;
  }
  return false;
}

export type StringOp = (lhs: string, rhs: string) => boolean;

const base: Readonly<Record<string, StringOp>> = {
  '=~': (a, b) => fold(a) === fold(b),
  has: (a, b) => termMatch(fold(a), fold(b), true, true),
  has_cs: (a, b) => termMatch(a, b, true, true),
  hasprefix: (a, b) => termMatch(fold(a), fold(b), true, false),
  hasprefix_cs: (a, b) => termMatch(a, b, true, false),
  hassuffix: (a, b) => termMatch(fold(a), fold(b), false, true),
  hassuffix_cs: (a, b) => termMatch(a, b, false, true),
  contains: (a, b) => fold(a).includes(fold(b)),
  contains_cs: (a, b) => a.includes(b),
  startswith: (a, b) => fold(a).startsWith(fold(b)),
  startswith_cs: (a, b) => a.startsWith(b),
  endswith: (a, b) => fold(a).endsWith(fold(b)),
  endswith_cs: (a, b) => a.endsWith(b),
};

/** The string operators by their KQL spelling, negated forms included (`!~` is the negation of `=~`). */
export const STRING_OPS: ReadonlyMap<string, StringOp> = new Map(
  Object.entries(base).flatMap(([name, f]) => [
    [name, f] as const,
    [name === '=~' ? '!~' : '!' + name, ((a: string, b: string) => !f(a, b)) as StringOp] as const,
  ]),
);
