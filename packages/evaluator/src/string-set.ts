/**
 * Many plain string tests OR-ed on one field (`Image|endswith: [80 names]`, `OriginalFileName: [40 names]`)
 * as one test: exact values in a Set, prefixes and suffixes in a character trie walked from the start or
 * the end of the text (a walk stops at the first character no member continues with, so it rarely goes
 * past a few characters), infixes with `includes`. The result is exactly the OR of the members' tests.
 */
export interface StringSetMember {
  readonly shape: 'exact' | 'prefix' | 'suffix' | 'contains';
  /** Compared as given (the caller folds both sides when the match is case-insensitive). */
  readonly text: string;
}

interface TrieNode {
  /** A member ends here: the walk so far is a whole prefix (or suffix). */
  end: boolean;
  readonly next: Map<number, TrieNode>;
}

function trie(texts: readonly string[], reversed: boolean): TrieNode {
  const root: TrieNode = { end: false, next: new Map() };
  for (const text of texts) {
    let node = root;
    for (let k = 0; k < text.length; k++) {
      const c = text.charCodeAt(reversed ? text.length - 1 - k : k);
      let n = node.next.get(c);
      if (n === undefined) node.next.set(c, (n = { end: false, next: new Map() }));
      node = n;
    }
    node.end = true;
  }
  return root;
}

function hasPrefix(root: TrieNode, t: string): boolean {
  let node = root;
  if (node.end) return true;
  for (let i = 0; i < t.length; i++) {
    const n = node.next.get(t.charCodeAt(i));
    if (n === undefined) return false;
    if (n.end) return true;
    node = n;
  }
  return false;
}

function hasSuffix(root: TrieNode, t: string): boolean {
  let node = root;
  if (node.end) return true;
  for (let i = t.length - 1; i >= 0; i--) {
    const n = node.next.get(t.charCodeAt(i));
    if (n === undefined) return false;
    if (n.end) return true;
    node = n;
  }
  return false;
}

export function compileStringSet(members: readonly StringSetMember[]): (t: string) => boolean {
  const of = (shape: StringSetMember['shape']): string[] => members.filter((m) => m.shape === shape).map((m) => m.text);
  const exact = new Set(of('exact'));
  const prefixes = of('prefix');
  const suffixes = of('suffix');
  const infixes = [...new Set(of('contains'))];
  const pre = prefixes.length > 0 ? trie(prefixes, false) : undefined;
  const suf = suffixes.length > 0 ? trie(suffixes, true) : undefined;
  return (t) => {
    if (exact.has(t)) return true;
    if (suf !== undefined && hasSuffix(suf, t)) return true;
    if (pre !== undefined && hasPrefix(pre, t)) return true;
    for (let i = 0; i < infixes.length; i++) if (t.includes(infixes[i]!)) return true;
    return false;
  };
}
