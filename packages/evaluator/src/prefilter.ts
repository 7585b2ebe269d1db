import { AdaptiveMemo, NOT_KEPT } from './adaptive-memo.js';
import { AhoCorasick } from './aho-corasick.js';
import { SampledScan } from './sampled-scan.js';
import { KeywordLeaves } from './keyword-leaves.js';
import type { Clauses } from './compile-expr.js';
import type { EventView, FieldRegistry, FoldSlot } from './event.js';

interface IndexedField {
  readonly field: string;
  readonly id: number;
  readonly ac: AhoCorasick | SampledScan;
  /** Per literal: (position, clause id) pairs, flattened. */
  readonly targets: readonly Int32Array[];
  /** Per literal: the event stamp it was last seen in. */
  readonly seen: Int32Array;
  /** What is kept of a text, by text, while that pays (adaptive-memo.ts). */
  readonly memo: AdaptiveMemo<MemoEntry>;
}

/**
 * A memoized text: the clauses its literals hit, as (position, clause id) pairs, and the slot for its fold, which
 * the event's view fills the first time a rule needs it (EventView.offerFold): a text repeated over the stream is
 * then neither scanned nor lower-cased again (one allocation fewer per field and event, and less garbage to collect).
 */
interface MemoEntry extends FoldSlot {
  readonly targets: Int32Array;
}

/**
 * Memoized scans. Many fields take few distinct values over a stream (Image, ParentImage, User, Company,
 * IntegrityLevel, CurrentDirectory...): the literals found in a text are kept by text, and a text seen before
 * costs one hash lookup instead of an Aho-Corasick pass. Fields whose values rarely repeat (hashes, GUIDs,
 * most command lines) would only pay for hashing and storing, so each field's memo (adaptive-memo.ts) turns
 * itself off below a hit rate of MEMO_MIN_HIT_RATE, and holds at most MEMO_MAX_TEXTS texts.
 */
const MEMO_MIN_HIT_RATE = 0.5;
export const MEMO_MAX_TEXTS = 2048;
const NO_IDS = new Int32Array(0);
const STAMP_LIMIT = 0x7fffffff;
/**
 * A field whose literals all have at least this many characters is scanned by sampling windows (sampled-scan.ts):
 * Hashes (36 and more) then costs about 7 windows instead of 195 characters.
 */
const SAMPLED_MIN_LENGTH = 24;

/**
 * Literal prefilter: each condition carries necessary clauses ("field contains one of these literals"); an
 * event is a candidate for a condition only when every clause has a hit. Literals are found with one
 * Aho-Corasick pass per indexed field over the folded text of that field. Conditions without clauses are
 * always candidates. Any subset of necessary conditions is still necessary, so this never loses a match.
 */
export class Prefilter {
  private readonly fields: IndexedField[] = [];
  /** Per position: number of clauses, 0 = always a candidate, -1 = never. */
  private readonly clauseCount: Int32Array;
  private readonly always: Int32Array;
  private readonly entryStamp: Int32Array;
  private readonly entryHits: Int32Array;
  private readonly clauseStamp: Int32Array;
  private stamp = 0;
  /**
   * The current event's candidates (positions, then entry ids) in list[0, count): a typed array written by index,
   * because emptying a JS array (`length = 0`) gives its storage back and refilling it allocated anew for every event.
   */
  readonly list: Int32Array;
  private count = 0;
  private current: IndexedField | undefined;
  private readonly onHit = (id: number): void => this.hit(id);
  /** Keyword atoms, searched outside the fields scanned in full (keyword-leaves.ts); undefined without any. */
  private readonly keywords: KeywordLeaves | undefined;
  private readonly onKeyword = (targets: Int32Array): void => this.apply(targets);
  /** Per position: how many of its clauses hold a keyword atom. */
  private readonly keywordClauses: Int32Array;
  /**
   * Whether hitting these (position, clause id) pairs could still make some position a candidate: a clause not hit
   * yet, whose position's hits so far plus its keyword clauses reach its clause count (an over-estimate: a keyword
   * clause hit by a field scan counts twice).
   */
  private readonly keywordWanted = (t: Int32Array): boolean => {
    const { clauseStamp, entryStamp, entryHits, clauseCount, keywordClauses, stamp } = this;
    for (let i = 0; i < t.length; i += 2) {
      const pos = t[i]!;
      if (clauseStamp[t[i + 1]!] === stamp) continue;
      const hits = entryStamp[pos] === stamp ? entryHits[pos]! : 0;
      if (hits + keywordClauses[pos]! >= clauseCount[pos]!) return true;
    }
    return false;
  };
  /** Ids reported while scanning a text that is being memoized. */
  private readonly collected: number[] = [];
  private readonly onCollect = (id: number): void => {
    this.collected.push(id);
    this.hit(id);
  };

  constructor(
    readonly entries: readonly number[],
    clausesOf: (entry: number) => Clauses,
    fields: FieldRegistry,
    /** Memoize scans of repeated texts (default true); false is the plain scan, for tests. */
    memoize = true,
    /**
     * Use keyword atoms (default true). False when keyword searches are restricted to configured fields: their
     * leaves are not the event's, and clauses with a keyword atom are left out (fewer necessary conditions: still
     * necessary).
     */
    keywords = true,
  ) {
    this.clauseCount = new Int32Array(entries.length);
    this.keywordClauses = new Int32Array(entries.length);
    const byField = new Map<string, Map<string, number[]>>();
    const byKeyword = new Map<string, { probe: (leaf: string) => boolean; targets: number[] }>();
    const always: number[] = [];
    let clauseIds = 0;
    entries.forEach((entry, pos) => {
      let clauses = clausesOf(entry);
      if (!keywords) clauses = clauses.filter((c) => !c.some((a) => a.keyword !== undefined));
      if (clauses.some((c) => c.length === 0)) {
        this.clauseCount[pos] = -1;
        return;
      }
      this.clauseCount[pos] = clauses.length;
      if (clauses.length === 0) always.push(pos);
      for (const clause of clauses) {
        const cid = clauseIds++;
        if (clause.some((a) => a.keyword !== undefined)) this.keywordClauses[pos]!++;
        for (const atom of clause) {
          if (atom.keyword !== undefined) {
            let k = byKeyword.get(atom.literal);
            if (!k) byKeyword.set(atom.literal, (k = { probe: atom.keyword, targets: [] }));
            k.targets.push(pos, cid);
            continue;
          }
          let lits = byField.get(atom.field);
          if (!lits) byField.set(atom.field, (lits = new Map()));
          let t = lits.get(atom.literal);
          if (!t) lits.set(atom.literal, (t = []));
          t.push(pos, cid);
        }
      }
    });
    const scanned: { field: string; id: number }[] = [];
    for (const [field, lits] of byField) {
      const sampled = [...lits.keys()].every((l) => l.length >= SAMPLED_MIN_LENGTH);
      if (!sampled) {
        // A field scanned in full also looks for every keyword literal: keyword-leaves.ts then skips its text.
        for (const [literal, k] of byKeyword) {
          let t = lits.get(literal);
          if (!t) lits.set(literal, (t = []));
          t.push(...k.targets);
        }
        scanned.push({ field, id: fields.id(field) });
      }
      const literals = [...lits.keys()];
      this.fields.push({
        field,
        id: fields.id(field),
        ac: sampled ? new SampledScan(literals) : new AhoCorasick(literals),
        targets: literals.map((l) => Int32Array.from(lits.get(l)!)),
        seen: new Int32Array(literals.length),
        memo: new AdaptiveMemo<MemoEntry>(MEMO_MIN_HIT_RATE, MEMO_MAX_TEXTS, memoize),
      });
    }
    this.keywords =
      byKeyword.size === 0
        ? undefined
        : new KeywordLeaves(
            [...byKeyword.keys()],
            [...byKeyword.values()].map((k) => k.probe),
            [...byKeyword.values()].map((k) => Int32Array.from(k.targets)),
            scanned,
          );
    this.always = Int32Array.from(always);
    this.list = new Int32Array(entries.length);
    this.entryStamp = new Int32Array(entries.length);
    this.entryHits = new Int32Array(entries.length);
    this.clauseStamp = new Int32Array(clauseIds);
  }

  private hit(id: number): void {
    const f = this.current!;
    const stamp = this.stamp;
    if (f.seen[id] === stamp) return;
    f.seen[id] = stamp;
    this.apply(f.targets[id]!);
  }

  /** Counts the clauses of (position, clause id) pairs as hit in this event (each clause once). */
  private apply(t: Int32Array): void {
    const stamp = this.stamp;
    const { clauseStamp, entryStamp, entryHits, clauseCount } = this;
    for (let i = 0; i < t.length; i += 2) {
      const cid = t[i + 1]!;
      if (clauseStamp[cid] === stamp) continue;
      clauseStamp[cid] = stamp;
      const pos = t[i]!;
      let hits: number;
      if (entryStamp[pos] !== stamp) {
        entryStamp[pos] = stamp;
        hits = entryHits[pos] = 1;
      } else hits = ++entryHits[pos]!;
      if (hits === clauseCount[pos]) this.list[this.count++] = pos;
    }
  }

  /**
   * Selects the candidate entries for this event: `list[0, n)` holds them, in entry order, until the next call.
   * Returns n.
   */
  select(ev: EventView): number {
    if (++this.stamp === STAMP_LIMIT) this.restamp();
    this.count = 0;
    for (const f of this.fields) {
      const texts = ev.text(f.field, false, f.id);
      this.current = f;
      if (typeof texts === 'string') {
        const entry = this.scan(f, texts);
        if (entry !== undefined) ev.offerFold(f.id, texts, entry);
      } else for (const text of texts) this.scan(f, text);
    }
    this.keywords?.search(ev, this.stamp, this.keywordWanted, this.onKeyword);
    const { always, list } = this;
    for (let i = 0; i < always.length; i++) list[this.count++] = always[i]!;
    const n = this.count;
    sortSmall(list, n);
    const { entries } = this;
    for (let i = 0; i < n; i++) list[i] = entries[list[i]!]!;
    return n;
  }

  /** The candidate entries for this event, in entry order (a copy of what `select` leaves in `list`). */
  candidates(ev: EventView): number[] {
    return Array.from(this.list.subarray(0, this.select(ev)));
  }

  /** Scans one text of the field (or replays its memo entry); returns the text's memo entry, if it has one. */
  private scan(f: IndexedField, text: string): MemoEntry | undefined {
    const known = f.memo.lookup(text);
    if (known === NOT_KEPT) {
      const ac = f.ac;
      if (ac instanceof AhoCorasick) this.scanInSteps(ac, text);
      else ac.scan(text, this.onHit);
      return undefined;
    }
    if (known !== undefined) {
      this.apply(known.targets);
      return known;
    }
    const collected = this.collected;
    collected.length = 0;
    f.ac.scan(text, this.onCollect);
    const entry: MemoEntry = { targets: collected.length === 0 ? NO_IDS : clauseTargets(f, collected), folded: undefined };
    f.memo.remember(text, entry);
    return entry;
  }

  /**
   * `ac.scan(text, onHit)` with the reports handled here: the hits are direct calls, not calls through a callback.
   * Fields whose texts rarely repeat (CommandLine) are scanned this way on every event.
   */
  private scanInSteps(ac: AhoCorasick, text: string): void {
    for (let i = ac.next(text, 0); i >= 0; i = ac.next(text, i)) {
      const n = ac.reportedCount();
      for (let k = 0; k < n; k++) this.hit(ac.reported(k));
    }
  }

  /**
   * Stamps are kept in Int32Arrays: before the event counter leaves their range, every stamp goes back to 0.
   * Past it, no stored stamp would equal the counter: a literal or clause hit twice in one event would count
   * twice, and an entry could be found (and its rule matched) twice.
   */
  private restamp(): void {
    this.stamp = 1;
    this.clauseStamp.fill(0);
    this.entryStamp.fill(0);
    for (const f of this.fields) f.seen.fill(0);
    this.keywords?.restamp();
  }

  /** Texts held by the scan memos (bounded by MEMO_MAX_TEXTS per indexed field). */
  get memoTexts(): number {
    let n = 0;
    for (const f of this.fields) n += f.memo.size;
    return n;
  }

  /** Indexed fields whose scans are memoized right now. */
  get memoizedFields(): readonly string[] {
    return this.fields.filter((f) => f.memo.active).map((f) => f.field);
  }
}

/**
 * The (position, clause id) pairs of the literals found in a text, each clause once: what a memoized text replays,
 * without a lookup per literal.
 */
function clauseTargets(f: IndexedField, ids: readonly number[]): Int32Array {
  const out: number[] = [];
  const clauses = new Set<number>();
  for (const id of new Set(ids)) {
    const t = f.targets[id]!;
    for (let i = 0; i < t.length; i += 2) {
      if (clauses.has(t[i + 1]!)) continue;
      clauses.add(t[i + 1]!);
      out.push(t[i]!, t[i + 1]!);
    }
  }
  return Int32Array.from(out);
}

/**
 * Ascending, in place. An event has about ten candidates, mostly found in ascending order already: insertion sort
 * without a comparator call per step costs less than Array#sort with one.
 */
export function sortSmall(a: Int32Array, n: number): void {
  // Quadratic in the worst case: long lists (an event that is a candidate for many rules) go to the typed array's
  // own (numeric) sort.
  if (n > 32) {
    a.subarray(0, n).sort();
    return;
  }
  for (let i = 1; i < n; i++) {
    const x = a[i]!;
    let j = i - 1;
    while (j >= 0 && a[j]! > x) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = x;
  }
}

